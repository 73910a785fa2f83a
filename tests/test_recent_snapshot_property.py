"""Property: Today's quick read (recent_snapshot) never changes what alerts and due dates say."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msjournal.journal import Journal
from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
)
from msjournal.rules.alerts import active_alerts
from msjournal.rules.schedule import due_items

MOMENT = datetime(2026, 6, 15, 12, 0)
TREATMENTS = ["natalizumab", "ocrelizumab", "alemtuzumab", "mitoxantrone", "ublituximab"]
SYMPTOMS = [
    "headache",
    "fatigue",
    "site_redness",
    "site_warmth",
    "nausea",
    "trouble_breathing",
    "new_neurological_symptoms",
]

days_back = st.integers(min_value=0, max_value=3000)


@st.composite
def histories(draw) -> JournalData:  # type: ignore[no-untyped-def]
    infusions = [
        Infusion(
            f"inf-{n}",
            draw(st.sampled_from(TREATMENTS)),
            MOMENT - timedelta(days=draw(days_back), hours=3),
            dose=Decimal(12),
            dose_unit="mg/m2",
        )
        for n in range(draw(st.integers(0, 25)))
    ]
    effects = []
    for n in range(draw(st.integers(0, 25))):
        onset = MOMENT - timedelta(days=draw(days_back), hours=draw(st.integers(0, 23)))
        lasted = draw(st.one_of(st.none(), st.integers(0, 200)))
        effects.append(
            SideEffect(
                f"se-{n}",
                draw(st.sampled_from(SYMPTOMS)),
                draw(st.integers(0, 10)),
                onset,
                None if lasted is None else onset + timedelta(hours=lasted),
                unusual=draw(st.booleans()),
            )
        )
    readings = [
        TemperatureReading(
            f"t-{n}",
            MOMENT - timedelta(days=draw(days_back)),
            Decimal(draw(st.sampled_from(["36.8", "37.9", "38.5"]))),
            "C",
        )
        for n in range(draw(st.integers(0, 25)))
    ]
    follow_ups = [
        FollowUp(
            f"f-{n}",
            "lab_test",
            "Check",
            (MOMENT - timedelta(days=draw(days_back))).date(),
            draw(st.one_of(st.none(), st.just((MOMENT - timedelta(days=draw(days_back))).date()))),
            task=draw(st.sampled_from(["", "jcv_antibody", "monthly_blood_urine", "heart_scan"])),
        )
        for n in range(draw(st.integers(0, 6)))
    ]
    plan = draw(
        st.one_of(
            st.none(),
            st.builds(
                TherapyPlan,
                st.sampled_from(TREATMENTS),
                st.one_of(st.none(), st.just((MOMENT - timedelta(days=draw(days_back))).date())),
                st.one_of(st.none(), st.integers(20, 200)),
                loading_done=st.booleans(),
            ),
        )
    )
    return JournalData(
        infusions=tuple(infusions),
        side_effects=tuple(effects),
        temperatures=tuple(readings),
        follow_ups=tuple(follow_ups),
        plan=plan,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
