"""A realistic, deterministic demo journal: natalizumab every 4 weeks, with its ups and downs.

Used by `msjournal demo`, `msjournal --demo`, the screenshots and the benchmarks. It never
touches the person's own journal.
"""

from __future__ import annotations

import random
from collections.abc import Sized
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
    Vitals,
)

TREATMENT = "natalizumab"
SITES = ("left forearm", "right forearm", "back of left hand", "left inner elbow")
NURSES = ("Nurse Okafor", "Nurse Lindqvist", "Nurse Patel")


@dataclass
class _Builder:
    rng: random.Random
    today: date
    infusions: list[Infusion] = field(default_factory=list)
    effects: list[SideEffect] = field(default_factory=list)
    temperatures: list[TemperatureReading] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)

    def next_id(self, prefix: str, items: Sized) -> str:
        return f"{prefix}-{len(items) + 1}"

    def effect(
        self,
        symptom: str,
        severity: int,
        onset: datetime,
        hours: float | None,
        infusion: str | None,
        **extra: object,
    ) -> None:
        if onset.date() >= self.today:
            return  # the demo records nothing that has not happened yet
        resolved = (
            None
            if hours is None
            else (onset + timedelta(hours=hours)).replace(second=0, microsecond=0)
        )
        if resolved is not None and resolved.date() >= self.today:
            resolved = None
        self.effects.append(
            SideEffect(
                id=self.next_id("se", self.effects),
                symptom=symptom,
                severity=severity,
                onset=onset,
                resolved=resolved,
                infusion=infusion,
                **extra,  # type: ignore[arg-type]  # notes, during_infusion, unusual
            )
        )

    def reading(self, taken: datetime, celsius: float) -> None:
        self.temperatures.append(
            TemperatureReading(
                id=self.next_id("t", self.temperatures),
                taken=taken,
                value=Decimal(f"{celsius:.1f}"),
                unit="C",
            )
        )

    def follow_up(
        self,
        kind: str,
        title: str,
        due: date,
        done: date | None,
        task: str = "",
        with_whom: str = "",
        notes: str = "",
    ) -> None:
        self.follow_ups.append(
            FollowUp(
                id=self.next_id("f", self.follow_ups),
                kind=kind,
                title=title,
                due=due,
                done=done,
                with_whom=with_whom,
                task=task,
                treatment=TREATMENT if task else "",
                notes=notes,
            )
        )


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _infusion(b: _Builder, number: int, day: date) -> Infusion:
    start = _at(day, 9, b.rng.choice((0, 15, 30, 45)))
    infusion = Infusion(
        id=b.next_id("inf", b.infusions),
        treatment=TREATMENT,
        start=start,
        end=start + timedelta(minutes=b.rng.randint(60, 75)),
        dose=Decimal(300),
        dose_unit="mg",
        dose_number=number,
        site=b.rng.choice(SITES),
        location="City Infusion Centre",
        administered_by=b.rng.choice(NURSES),
        lot=f"TY{b.rng.randint(10000, 99999)}",
        vitals_before=Vitals(
            Decimal(f"{b.rng.uniform(36.3, 37.0):.1f}"),
            "C",
            b.rng.randint(62, 80),
            b.rng.randint(112, 128),
            b.rng.randint(70, 82),
        ),
        vitals_after=Vitals(
            Decimal(f"{b.rng.uniform(36.4, 37.1):.1f}"),
            "C",
            b.rng.randint(64, 84),
            b.rng.randint(110, 126),
            b.rng.randint(68, 80),
        ),
    )
    b.infusions.append(infusion)
    return infusion


def _after_infusion(b: _Builder, infusion: Infusion, months_in: float) -> None:
    rng, day = b.rng, infusion.start.date()
    fade = max(0.35, 1 - months_in / 30)  # side effects ease over the first years
    if rng.random() < 0.55 * fade + 0.1:
        b.effect(
            "headache",
            max(1, round(rng.uniform(2, 6) * fade + 1)),
            _at(day, 15),
            rng.uniform(4, 20),
            infusion.id,
        )
    if rng.random() < 0.5:
        b.effect(
            "fatigue",
            rng.randint(3, 6),
            _at(day + timedelta(days=1), 8),
            rng.uniform(20, 60),
            infusion.id,
        )
    if rng.random() < 0.15:
        b.effect("site_redness", rng.randint(1, 3), _at(day, 11), rng.uniform(6, 30), infusion.id)
    if rng.random() < 0.08:
        b.effect(
            "nausea",
            rng.randint(2, 4),
            _at(day, 10),
            rng.uniform(1, 5),
            infusion.id,
            during_infusion=True,
        )
    if rng.random() < 0.35:  # wearing off in the week before the next dose
        b.effect(
            "fatigue",
            rng.randint(4, 7),
            _at(day + timedelta(days=rng.randint(22, 26)), 18),
            rng.uniform(30, 70),
            None,
            notes="Usual tiredness before the next infusion",
        )


def _routine_temperatures(b: _Builder, start: date, end: date) -> None:
    day = start
    while day < end:
        b.reading(_at(day, 7, 30), b.rng.gauss(36.7, 0.2))
        day += timedelta(days=b.rng.randint(2, 4))


def _recent_story(b: _Builder, last: Infusion) -> None:
    """A fever a few days ago and a side effect still going on, so Today has something to say."""
    fever_day = b.today - timedelta(days=2)
    for hour, celsius in ((7, 37.4), (13, 38.1), (20, 38.3)):
        b.reading(_at(fever_day, hour), celsius)
    b.reading(_at(fever_day + timedelta(days=1), 8), 37.9)
    b.reading(_at(b.today, 7), 37.2)
    b.effect("flu_like", 4, _at(fever_day, 12), 30, None, notes="Aches and chills with the fever")
    b.effect("fatigue", 5, _at(b.today - timedelta(days=1), 9), None, None)


def _review_days(b: _Builder, first: date) -> list[date]:
    """Six-monthly neurologist reviews, the latest about four months ago."""
    days, day = [], b.today - timedelta(days=118)
    while day >= first + timedelta(days=60):
        days.append(day)
        day -= timedelta(days=182)
    return sorted(days)


def _follow_ups(b: _Builder, first: date) -> None:
    reviews = _review_days(b, first)
    for number, day in enumerate(reviews, start=1):
        b.follow_up(
            "appointment",
            "Neurologist review",
            day,
            day,
            task="clinical_review",
            with_whom="Dr Amara Reyes",
            notes="Stable; keep going every 4 weeks" if number % 2 else "MRI discussed",
        )
        b.follow_up(
            "jcv_test",
            "JCV antibody blood test",
            day - timedelta(days=7),
            day - timedelta(days=7),
            task="jcv_antibody",
            notes="Negative",
        )
        if number % 2 == 0:
            b.follow_up(
                "mri",
                "Yearly MRI scan",
                day - timedelta(days=14),
                day - timedelta(days=14),
                task="brain_mri",
                with_whom="Imaging department",
            )
    next_review = (reviews[-1] if reviews else first) + timedelta(days=182)
    b.follow_up(
        "appointment",
        "Neurologist review",
        next_review,
        None,
        task="clinical_review",
        with_whom="Dr Amara Reyes",
    )
    b.follow_up(
        "lab_test",
        "Blood count before next review",
        next_review - timedelta(days=10),
        None,
        with_whom="GP surgery",
    )
    b.follow_up(
        "phone_call",
        "Call infusion centre about holiday dates",
        b.today + timedelta(days=5),
        None,
        with_whom="City Infusion Centre",
    )


def _infusion_days(b: _Builder, first: date) -> list[date]:
    """Every 4 weeks (give or take a day), the last one 10 days ago."""
    days, day = [], b.today - timedelta(days=10)
    while day >= first:
        days.append(day)
        day -= timedelta(days=28 + b.rng.choice((0, 0, 0, 0, 1, -1, 2)))
    return sorted(days)


def build_demo(years: float = 2, seed: int = 7, today: date | None = None) -> JournalData:
    today = today or date.today()
    b = _Builder(random.Random(seed), today)
    first = today - timedelta(days=int(years * 365.25))
    plan = TherapyPlan(
        TREATMENT,
        started=first,
        evaluation_done=True,
        risks_discussed=True,
        notes="JCV negative at start",
    )
    if years <= 0:
        return JournalData(plan=plan)
    for number, day in enumerate(_infusion_days(b, first), start=1):
        infusion = _infusion(b, number, day)
        _after_infusion(b, infusion, (day - first).days / 30.4)
    _routine_temperatures(b, first, today - timedelta(days=3))
    if b.infusions:
        _recent_story(b, b.infusions[-1])
    _follow_ups(b, first)
    return JournalData(
        infusions=tuple(b.infusions),
        side_effects=tuple(b.effects),
        temperatures=tuple(b.temperatures),
        follow_ups=tuple(b.follow_ups),
        plan=plan,
    )


def write_demo(path: Path, years: float = 2, seed: int = 7, today: date | None = None) -> Journal:
    """Create a new demo journal file; refuses to touch an existing one."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise JournalError(f"{path} already exists; choose a new file for the demo journal.")
    journal = Journal.open(path)
    journal.add_records(build_demo(years, seed, today))
    journal.update_settings(
        person_name="Sam Demo",
        temperature_unit="C",
        overrides={f"treatment.{TREATMENT}.clinical_review.every_days": 182},
        questions="Is the tiredness in the week before each infusion "
        "worth mentioning?\nCan I travel in the week after a dose?",
    )
    return journal
