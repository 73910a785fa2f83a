"""Properties (Hypothesis): due dates and alerts for random histories."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msjournal.model.catalog import load_catalog
from msjournal.model.records import (
    Infusion,
    JournalData,
    TherapyPlan,
)
from msjournal.rules.alerts import active_alerts, all_alerts
from msjournal.rules.schedule import due_items, next_infusion
from tests.strategies import examples
from tests.strategies import histories as whole_histories

CATALOG = load_catalog()
MOMENT = datetime(2026, 6, 15, 12, 0)
PROPERTY = settings(examples(50), suppress_health_check=[HealthCheck.too_slow])
TREATMENTS = sorted(CATALOG.treatments)
SYMPTOMS = sorted(CATALOG.symptoms) + ["other"]
TASKS = sorted({task.id for t in CATALOG.treatments.values() for task in t.monitoring})
REMINDER_PREFIXES = ("due:", "task:", "limit:")

HISTORY_TREATMENTS = TREATMENTS
days_back = st.integers(min_value=0, max_value=2000)


def _moment(back: int, hours: int = 0) -> datetime:
    return MOMENT - timedelta(days=back, hours=hours)


@st.composite
def single_treatment_histories(draw: st.DrawFn) -> JournalData:
    """Infusions of one treatment (spaced as in life, or not), with or without a plan."""
    treatment = draw(st.sampled_from(TREATMENTS))
    gaps = draw(st.lists(st.integers(0, 400), min_size=1, max_size=12))
    shortest = 1
    start = _moment(draw(days_back) + sum(gaps), draw(st.integers(0, 23)))
    infusions, when = [], start
    for n, gap in enumerate(gaps):
        infusions.append(Infusion(f"inf-{n}", treatment, when, dose=Decimal(12), dose_unit="mg/m2"))
        when += timedelta(days=gap)
    plan = draw(
        st.one_of(
            st.none(),
            st.builds(
                TherapyPlan,
                st.just(treatment),
                st.one_of(
                    st.none(), st.just(start.date() - timedelta(days=draw(st.integers(0, 30))))
                ),
                st.one_of(st.none(), st.integers(shortest, 400)),
                loading_done=st.booleans(),
            ),
        )
    )
    return JournalData(infusions=tuple(infusions), plan=plan)


@PROPERTY
@given(single_treatment_histories())
def test_next_infusion_is_never_due_before_the_last_one(data: JournalData) -> None:
    """The next infusion is never shown as due before the infusion last given."""
    upcoming = next_infusion(data, CATALOG)
    if upcoming is not None:
        assert upcoming.due >= max(i.start.date() for i in data.infusions)


@PROPERTY
@given(whole_histories())
def test_due_items_come_soonest_first(data: JournalData) -> None:
    """What is coming up is listed soonest first."""
    dues = [item.due for item in due_items(data, CATALOG)]
    assert dues == sorted(dues)


def _entry_ids(data: JournalData) -> set[str]:
    return {
        e.id
        for group in (data.infusions, data.side_effects, data.temperatures, data.follow_ups)
        for e in group
    }


@PROPERTY
@given(whole_histories())
def test_active_alerts_are_raised_alerts_about_real_entries(data: JournalData) -> None:
    """Every alert shown is one of all the alerts,
    and names only entries that are in the journal."""
    everything = all_alerts(data, CATALOG, MOMENT)
    active = active_alerts(data, CATALOG, MOMENT)
    assert all(alert in everything for alert in active)
    known = _entry_ids(data)
    for alert in active:
        assert alert.acknowledged_at is None
        for entry in alert.entries:
            assert entry in known or entry.startswith(REMINDER_PREFIXES), (alert.rule, entry)


@PROPERTY
@given(whole_histories())
def test_alert_keys_are_unique(data: JournalData) -> None:
    """No two alerts share a key, so acknowledging one never silences another."""
    keys = [alert.key for alert in all_alerts(data, CATALOG, MOMENT)]
    assert len(keys) == len(set(keys))
