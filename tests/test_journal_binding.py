"""Each journal writes to its own file, even when another journal is used in the middle of a call.

Issue "Architecture", item 2: with two journals open, a before_import hook on A that only read B
(b.is_empty()) made a.add_records(...) write A's records into B's file.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from msjournal.journal import Journal
from msjournal.model.records import JournalData, TemperatureReading

READINGS = JournalData(
    temperatures=(
        TemperatureReading(
            id="t-from-file", taken=datetime(2026, 1, 5, 8, 0), value=Decimal("37.2"), unit="C"
        ),
    )
)


def test_a_hook_that_reads_another_journal_does_not_redirect_the_import(tmp_path: Path) -> None:
    a, b = Journal.open(tmp_path / "a.sqlite"), Journal.open(tmp_path / "b.sqlite")
    a.before_import.append(lambda _journal: b.is_empty())
    a.add_records(READINGS)
    assert [t.id for t in a.temperatures()] == ["t-from-file"]
    assert b.temperatures() == []
    a.close()
    b.close()


def test_a_write_hook_that_writes_another_journal_keeps_both_apart(tmp_path: Path) -> None:
    a, b = Journal.open(tmp_path / "a.sqlite"), Journal.open(tmp_path / "b.sqlite")
    a.after_write.append(
        lambda _journal: b.add_temperature(
            {"taken": "2026-01-05 09:00", "value": "36.5", "unit": "C"}
        )
    )
    a.add_follow_up({"kind": "appointment", "title": "Neurology review", "due": "2026-07-01"})
    a.add_temperature({"taken": "2026-01-05 08:00", "value": "37.0", "unit": "C"})
    assert [t.value for t in a.temperatures()] == [Decimal("37.0")]
    assert len(b.temperatures()) == 2 and b.follow_ups() == []
    a.close()
    b.close()


def test_nested_use_restores_the_outer_binding(tmp_path: Path) -> None:
    """A journal used inside another journal's call leaves the outer journal's binding in place."""
    from msjournal.storage import models

    a, b = Journal.open(tmp_path / "a.sqlite"), Journal.open(tmp_path / "b.sqlite")
    a.is_empty()
    outer = models.database.obj
    b.is_empty()
    assert models.database.obj is outer
    a.close()
    b.close()
