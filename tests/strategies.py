"""One Hypothesis strategy for whole journal histories over the full catalog.

Every treatment and symptom of the catalog (and "other" with a label), side effects linked to
infusions, vitals, plans with starting doses given or not, follow-ups of every kind tied to
the treatments' monitoring tasks, acknowledgements and settings. The round-trip, quick-read
and rules properties all draw from it, so none of them leaves part of the journal out.

How many examples each property runs comes from the Hypothesis profile: "default" keeps the
suite at its usual length; HYPOTHESIS_PROFILE=thorough runs ten times as many.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from msjournal.model.catalog import load_catalog
from msjournal.model.records import (
    FOLLOW_UP_KINDS,
    OTHER_SYMPTOM,
    Acknowledgement,
    FollowUp,
    Infusion,
    JournalData,
    Settings,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
    Vitals,
)

CATALOG = load_catalog()
MOMENT = datetime(2026, 6, 15, 12, 0)
TREATMENTS = sorted(CATALOG.treatments)
SYMPTOMS = sorted(CATALOG.symptoms)
TASKS = sorted({task.id for t in CATALOG.treatments.values() for task in t.monitoring})

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(usual: int) -> settings:
    """Settings for a property that runs `usual` examples (ten times that when thorough)."""
    scale = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1
    return settings(max_examples=usual * scale)


days_back = st.integers(min_value=0, max_value=3000)
notes = st.sampled_from(["", "felt fine", "=1+1", "Müdigkeit ✓", "line\nbreak"])


def _ago(days: int, hours: int = 0) -> datetime:
    return MOMENT - timedelta(days=days, hours=hours)


@st.composite
def vitals(draw: st.DrawFn) -> Vitals:
    unit = draw(st.sampled_from(["C", "F"]))
    temperature = draw(
        st.one_of(
            st.none(),
            st.sampled_from(["36.8", "37.9", "38.4"] if unit == "C" else ["98.6", "101.2"]),
        )
    )
    return Vitals(
        Decimal(temperature) if temperature else None,
        unit,
        draw(st.one_of(st.none(), st.integers(40, 140))),
        *draw(st.sampled_from([(None, None), (120, 80), (95, 60)])),
    )


@st.composite
def infusions(draw: st.DrawFn, count: int) -> list[Infusion]:
    made = []
    for n in range(count):
        treatment = CATALOG.treatments[draw(st.sampled_from(TREATMENTS))]
        start = _ago(draw(days_back), draw(st.integers(1, 10)))
        made.append(
            Infusion(
                f"inf-{n}",
                treatment.id,
                start,
                end=draw(st.one_of(st.none(), st.just(start + timedelta(hours=2)))),
                dose=draw(st.one_of(st.none(), st.sampled_from([Decimal(12), Decimal(300)]))),
                dose_unit=draw(st.sampled_from(["mg", "mg/m2", "mg/m²", "MG per m2", ""])),
                dose_number=draw(st.one_of(st.none(), st.integers(1, 40))),
                site=draw(st.sampled_from(["", "left forearm"])),
                vitals_before=draw(vitals()),
                vitals_after=draw(vitals()),
                notes=draw(notes),
            )
        )
    return made


@st.composite
def side_effects(draw: st.DrawFn, count: int, given: list[Infusion]) -> list[SideEffect]:
    made = []
    for n in range(count):
        symptom = draw(st.sampled_from([*SYMPTOMS, OTHER_SYMPTOM]))
        linked = draw(st.one_of(st.none(), st.sampled_from(given))) if given else None
        onset = linked.start + timedelta(hours=draw(st.integers(0, 72))) if linked else None
        onset = min(onset or _ago(draw(days_back), draw(st.integers(0, 23))), MOMENT)
        lasted = draw(st.one_of(st.none(), st.integers(0, 400)))
        if lasted is not None and onset + timedelta(hours=lasted) > MOMENT:
            lasted = None  # nothing is recorded as over before it was
        made.append(
            SideEffect(
                f"se-{n}",
                symptom,
                draw(st.integers(0, 10)),
                onset,
                None if lasted is None else onset + timedelta(hours=lasted),
                other_label="dizzy spells" if symptom == OTHER_SYMPTOM else "",
                infusion=linked.id if linked else None,
                during_infusion=draw(st.booleans()),
                unusual=draw(st.booleans()),
                notes=draw(notes),
            )
        )
    return made


@st.composite
def temperatures(draw: st.DrawFn, count: int) -> list[TemperatureReading]:
    made = []
    for n in range(count):
        unit = draw(st.sampled_from(["C", "F"]))
        values = ["36.8", "37.9", "38.5"] if unit == "C" else ["98.4", "100.2", "101.5"]
        made.append(
            TemperatureReading(
                f"t-{n}",
                _ago(draw(days_back), draw(st.integers(0, 23))),
                Decimal(draw(st.sampled_from(values))),
                unit,
                draw(notes),
            )
        )
    return made


@st.composite
def follow_ups(draw: st.DrawFn, count: int) -> list[FollowUp]:
    made = []
    for n in range(count):
        due = (MOMENT + timedelta(days=draw(st.integers(-2000, 400)))).date()
        done = draw(st.one_of(st.none(), st.just(min(due, MOMENT.date()))))
        made.append(
            FollowUp(
                f"f-{n}",
                draw(st.sampled_from(FOLLOW_UP_KINDS)),
                draw(st.sampled_from(["Neurology review", "Blood test", "MRI"])),
                due,
                done,
                task=draw(st.sampled_from(["", *TASKS])),
                treatment=draw(st.sampled_from(["", *TREATMENTS])),
                notes=draw(notes),
            )
        )
    return made


def plans() -> st.SearchStrategy[TherapyPlan | None]:
    started = days_back.map(lambda d: (MOMENT - timedelta(days=d)).date())
    return st.one_of(
        st.none(),
        st.builds(
            TherapyPlan,
            st.sampled_from(TREATMENTS),
            st.one_of(st.none(), started),
            st.one_of(st.none(), st.integers(20, 200)),
            evaluation_done=st.booleans(),
            risks_discussed=st.booleans(),
            loading_done=st.booleans(),
        ),
    )


@st.composite
def histories(draw: st.DrawFn, most: int = 20) -> JournalData:
    """A whole journal as of MOMENT: any mix of everything a journal can hold."""
    given = draw(infusions(draw(st.integers(0, most))))
    effects = draw(side_effects(draw(st.integers(0, most)), given))
    acks = tuple(
        Acknowledgement(f"fever:t-{n}", _ago(draw(st.integers(0, 30))), draw(notes))
        for n in range(draw(st.integers(0, 3)))
    )
    unit = draw(st.sampled_from(["C", "F"]))
    return JournalData(
        infusions=tuple(given),
        side_effects=tuple(effects),
        temperatures=tuple(draw(temperatures(draw(st.integers(0, most))))),
        follow_ups=tuple(draw(follow_ups(draw(st.integers(0, most // 3))))),
        plan=draw(plans()),
        settings=Settings(
            temperature_unit=unit, cumulative_region=draw(st.sampled_from(["us", "eu"]))
        ),
        acknowledgements=acks,
    )
