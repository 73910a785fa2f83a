"""The journal's entries as plain values: what the rules, charts, exports and window read.

These are independent of the database: the core builds them from peewee rows, the
journal format builds them from JSON, and tests build them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

TemperatureUnit = Literal["C", "F"]
FOLLOW_UP_KINDS = ("appointment", "lab_test", "mri", "jcv_test", "phone_call", "other")
FOLLOW_UP_KIND_NAMES = {
    "appointment": "Appointment",
    "lab_test": "Lab test",
    "mri": "MRI scan",
    "jcv_test": "JCV test",
    "phone_call": "Phone call",
    "other": "Other",
}
OTHER_SYMPTOM = "other"


@dataclass(frozen=True)
class Vitals:
    """Measurements taken before or after an infusion, where known."""

    temperature: Decimal | None = None
    temperature_unit: TemperatureUnit = "C"
    pulse: int | None = None
    systolic: int | None = None
    diastolic: int | None = None

    def is_empty(self) -> bool:
        return self.temperature is None and self.pulse is None and self.systolic is None


@dataclass(frozen=True)
class Infusion:
    id: str
    treatment: str
    start: datetime
    end: datetime | None = None
    dose: Decimal | None = None
    dose_unit: str = ""
    dose_number: int | None = None
    site: str = ""
    location: str = ""
    administered_by: str = ""
    lot: str = ""
    premedications: str = ""
    vitals_before: Vitals = field(default_factory=Vitals)
    vitals_after: Vitals = field(default_factory=Vitals)
    notes: str = ""


@dataclass(frozen=True)
class SideEffect:
    id: str
    symptom: str
    severity: int
    onset: datetime
    resolved: datetime | None = None
    other_label: str = ""
    infusion: str | None = None
    during_infusion: bool = False
    unusual: bool = False
    notes: str = ""

    @property
    def ongoing(self) -> bool:
        return self.resolved is None


@dataclass(frozen=True)
class TemperatureReading:
    id: str
    taken: datetime
    value: Decimal
    unit: TemperatureUnit
    notes: str = ""


@dataclass(frozen=True)
class FollowUp:
    id: str
    kind: str
    title: str
    due: date
    done: date | None = None
    with_whom: str = ""
    task: str = ""
    treatment: str = ""
    notes: str = ""


RELAPSE_AREAS = {
    "vision": "Vision",
    "walking": "Walking",
    "balance": "Balance",
    "sensation": "Sensation (numbness, tingling)",
    "arm_or_hand": "Arm or hand",
    "bladder_or_bowel": "Bladder or bowel",
    "speech_or_swallowing": "Speech or swallowing",
    "thinking": "Thinking or memory",
    "fatigue": "Fatigue",
    "other": "Other",
}
RELAPSE_IMPACTS = {
    "mild": "Mild: daily life mostly as usual",
    "moderate": "Moderate: some things are harder or need help",
    "severe": "Severe: cannot do many usual things",
}
RECOVERY_KINDS = {
    "not_yet": "Not yet",
    "full": "Fully",
    "partial": "Partly",
    "not_sure": "Not sure",
}


@dataclass(frozen=True)
class Relapse:
    """New or worse MS symptoms, as the person recorded them; never a diagnosis."""

    id: str
    onset: datetime
    description: str
    impact: str
    areas: tuple[str, ...] = ()
    recovered: date | None = None
    recovery: str = "not_yet"
    confirmed: bool = False  # the care team confirmed it as a relapse
    treated_with: tuple[str, ...] = ()  # ids of IV steroid or plasma exchange infusions
    notes: str = ""


QUALITATIVE_RESULTS = ("positive", "negative", "borderline")
OTHER_TEST = "other"


@dataclass(frozen=True)
class TestResult:
    """A result as printed on the lab's report, with the lab's own reference range."""

    __test__ = False  # not a pytest test class, despite its name

    id: str
    test: str  # a catalog test id, or "other" with other_label
    taken: date | datetime  # a date alone when the time of the sample is not known
    value: Decimal | None = None
    unit: str = ""
    qualitative: str = ""
    reference_low: Decimal | None = None
    reference_high: Decimal | None = None
    other_label: str = ""
    follow_up: str | None = None
    notes: str = ""

    @property
    def moment(self) -> datetime:
        """When the sample was taken, as a date-time (midnight when only the date is known)."""
        if isinstance(self.taken, datetime):
            return self.taken
        return datetime(self.taken.year, self.taken.month, self.taken.day)

    @property
    def out_of_range(self) -> bool:
        """Outside the range the person copied from the lab's report (never our own range)."""
        if self.value is None:
            return False
        low, high = self.reference_low, self.reference_high
        return (low is not None and self.value < low) or (high is not None and self.value > high)


@dataclass(frozen=True)
class TherapyPlan:
    """The therapy the person is on, and what their care team set for it."""

    treatment: str
    started: date | None = None
    interval_days: int | None = None
    evaluation_done: bool = False
    risks_discussed: bool = False
    notes: str = ""
    loading_done: bool = False  # the starting doses were given before this journal began


@dataclass(frozen=True)
class Acknowledgement:
    alert_key: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class Settings:
    temperature_unit: TemperatureUnit = "C"
    fever_threshold: Decimal = Decimal("100.0")
    fever_threshold_unit: TemperatureUnit = "F"
    person_name: str = ""
    cumulative_region: Literal["us", "eu"] = "us"
    questions: str = ""
    overrides: dict[str, float] = field(default_factory=dict)


Entry = Infusion | SideEffect | TemperatureReading | FollowUp | Relapse | TestResult


@dataclass(frozen=True)
class JournalData:
    """Everything the rules need, as of one moment: a read-only snapshot of the journal."""

    infusions: tuple[Infusion, ...] = ()
    side_effects: tuple[SideEffect, ...] = ()
    temperatures: tuple[TemperatureReading, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    relapses: tuple[Relapse, ...] = ()
    test_results: tuple[TestResult, ...] = ()
    plan: TherapyPlan | None = None
    settings: Settings = field(default_factory=Settings)
    acknowledgements: tuple[Acknowledgement, ...] = ()

    def infusion_by_id(self, infusion_id: str | None) -> Infusion | None:
        return next((i for i in self.infusions if i.id == infusion_id), None)
