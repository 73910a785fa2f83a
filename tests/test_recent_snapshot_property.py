"""Property: Today's quick read (recent_snapshot) never changes what alerts and due dates say,
for any whole history over the full catalog (tests/strategies.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

from msjournal.journal import Journal
from msjournal.model.records import (
    JournalData,
)
from msjournal.rules.alerts import active_alerts
from msjournal.rules.schedule import due_items
from tests.strategies import MOMENT, examples, histories


@examples(60)
@given(histories())
def test_recent_snapshot_gives_the_same_alerts_and_due_dates(history: JournalData) -> None:
    """For any history, the quick read shows exactly the active alerts and
    due dates of the whole."""
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal.open(Path(folder) / "j.sqlite")
        journal.add_records(history)
        if history.plan is not None:
            journal.set_plan(
                {
                    "treatment": history.plan.treatment,
                    "started": history.plan.started,
                    "interval_days": history.plan.interval_days,
                    "loading_done": history.plan.loading_done,
                }
            )
        full, recent = journal.snapshot(), journal.recent_snapshot(MOMENT)
        catalog = journal.catalog
        assert active_alerts(recent, catalog, MOMENT) == active_alerts(full, catalog, MOMENT)
        assert due_items(recent, catalog) == due_items(full, catalog)
        journal.close()
