"""A realistic, deterministic demo journal: natalizumab every 4 weeks, with its ups and downs.

Besides infusions, side effects, temperatures and follow-ups it holds one relapse, treated with
a 3-day course of IV methylprednisolone, and the results natalizumab care collects: the JCV
index and status and a lymphocyte count with each six-monthly review, the yearly MRI, and a
recent blood count just above the lab's range.

Used by `msjournal demo`, `msjournal --demo`, the screenshots and the benchmarks. It never
touches the person's own journal.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sized
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    TherapyPlan,
    Vitals,
)

TREATMENT = "natalizumab"
STEROID = "iv_methylprednisolone"
LYMPHOCYTE_UNIT = "×10⁹/L"
LYMPHOCYTE_RANGE = (Decimal("1.0"), Decimal("4.0"))  # as a lab might print it
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
    relapses: list[Relapse] = field(default_factory=list)
    results: list[TestResult] = field(default_factory=list)

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

    def result(
        self,
        test: str,
        taken: date | datetime,
        value: Decimal | None = None,
        unit: str = "",
        qualitative: str = "",
        reference: tuple[Decimal, Decimal] | None = None,
        notes: str = "",
    ) -> None:
        self.results.append(
            TestResult(
                id=self.next_id("tr", self.results),
                test=test,
                taken=taken,
                value=value,
                unit=unit,
                qualitative=qualitative,
                reference_low=reference[0] if reference else None,
                reference_high=reference[1] if reference else None,
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


def _steroid_course(b: _Builder, first_day: date, days: int = 3) -> list[Infusion]:
    """IV methylprednisolone, 1000 mg once a day on consecutive days at the day unit."""
    course = []
    for number in range(1, days + 1):
        start = _at(first_day + timedelta(days=number - 1), 10, b.rng.choice((0, 15, 30)))
        infusion = Infusion(
            id=b.next_id("inf", b.infusions),
            treatment=STEROID,
            start=start,
            end=start + timedelta(minutes=b.rng.randint(45, 60)),
            dose=Decimal(1000),
            dose_unit="mg",
            dose_number=number,
            site=b.rng.choice(SITES),
            location="Day Unit, City Hospital",
            administered_by=b.rng.choice(NURSES),
            lot=f"MP{b.rng.randint(10000, 99999)}",
            vitals_before=Vitals(
                Decimal(f"{b.rng.uniform(36.4, 36.9):.1f}"),
                "C",
                b.rng.randint(64, 80),
                b.rng.randint(118, 132),
                b.rng.randint(72, 84),
            ),
            notes="Urine test clear first" if number == 1 else "",
        )
        b.infusions.append(infusion)
        course.append(infusion)
    return course


def _relapse(b: _Builder, first: date) -> None:
    """A relapse about three months ago: blurred vision, a steroid course, a scan, partly
    better some weeks later."""
    natalizumab = [i.start.date() for i in b.infusions if i.treatment == TREATMENT]
    target = b.today - timedelta(days=100)
    candidates = [d for d in natalizumab if d <= target]
    if not candidates or candidates[-1] < first + timedelta(days=30):
        return  # too short a demo for a relapse
    onset = _at(candidates[-1] + timedelta(days=12), 7, 30)  # mid-cycle, not on a dose day
    course = _steroid_course(b, onset.date() + timedelta(days=4))
    b.effect(
        "steroid_effects",
        3,
        _at(course[0].start.date(), 21),
        b.rng.uniform(70, 90),
        course[0].id,
        notes="Metallic taste and poor sleep",
    )
    b.relapses.append(
        Relapse(
            id=b.next_id("r", b.relapses),
            onset=onset,
            description="Blurred, washed-out vision in my right eye, worse over two days; "
            "pain when moving the eye",
            impact="moderate",
            areas=("vision",),
            recovered=onset.date() + timedelta(days=42 + b.rng.randint(0, 7)),
            recovery="partial",
            confirmed=True,
            treated_with=tuple(i.id for i in course),
            notes="Dr Reyes confirmed it on the phone; colours in that eye still a little faded",
        )
    )
    scan = onset.date() + timedelta(days=11)  # the team asked for a scan after the relapse
    b.result("mri_new_t2", scan, Decimal(1), "lesions", notes="Scan after the relapse")
    b.result("mri_gad", scan, Decimal(1), "lesions", notes="Scan after the relapse")


def _jcv_status(index: Decimal) -> str:
    """The status a lab reports with the index (two-step test: 0.20 to 0.40 is borderline)."""
    if index < Decimal("0.20"):
        return "negative"
    return "borderline" if index <= Decimal("0.40") else "positive"


def _results(b: _Builder, first: date) -> None:
    """With each review's blood test: JCV index and status and lymphocytes; the MRI's count."""
    for n, review in enumerate(_review_days(b, first)):
        sample = _at(review - timedelta(days=7), 8, 30)
        # The index drifts up from negative towards about 0.35 over the years.
        drift = 0.15 + 0.2 * (1 - math.exp(-n / 3)) + b.rng.uniform(-0.03, 0.03)
        index = Decimal(f"{drift:.2f}")
        status = _jcv_status(index)
        b.result("jcv_index", sample, index, "index")
        b.result("jcv_status", sample, qualitative=status)
        b.result(
            "lymphocytes",
            sample,
            Decimal(f"{b.rng.uniform(2.3, 3.7):.1f}"),
            LYMPHOCYTE_UNIT,
            reference=LYMPHOCYTE_RANGE,
        )
        b.follow_ups[:] = [
            replace(f, notes=f"{status.capitalize()}, index {index}")
            if f.task == "jcv_antibody" and f.done == sample.date()
            else f
            for f in b.follow_ups
        ]
        if n % 2 == 1:  # the yearly MRI, two weeks before every second review
            b.result("mri_new_t2", review - timedelta(days=14), Decimal(0), "lesions")
    recent = _at(b.today - timedelta(days=12), 9, 10)
    if recent.date() > first:
        b.result(
            "lymphocytes",
            recent,
            Decimal("4.3"),
            LYMPHOCYTE_UNIT,
            reference=LYMPHOCYTE_RANGE,
            notes="GP blood count; the nurse said natalizumab often raises lymphocytes",
        )


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
    # Drawn last, so the entries above stay as they were for a seed.
    _relapse(b, first)
    _results(b, first)
    return JournalData(
        infusions=tuple(sorted(b.infusions, key=lambda i: i.start)),
        side_effects=tuple(b.effects),
        temperatures=tuple(b.temperatures),
        follow_ups=tuple(b.follow_ups),
        relapses=tuple(b.relapses),
        test_results=tuple(sorted(b.results, key=lambda r: r.moment)),
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
