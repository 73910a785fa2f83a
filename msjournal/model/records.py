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


Entry = Infusion | SideEffect | TemperatureReading | FollowUp


@dataclass(frozen=True)
class JournalData:
    """Everything the rules need, as of one moment: a read-only snapshot of the journal."""

    infusions: tuple[Infusion, ...] = ()
    side_effects: tuple[SideEffect, ...] = ()
    temperatures: tuple[TemperatureReading, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    plan: TherapyPlan | None = None
    settings: Settings = field(default_factory=Settings)
    acknowledgements: tuple[Acknowledgement, ...] = ()

    def infusion_by_id(self, infusion_id: str | None) -> Infusion | None:
        return next((i for i in self.infusions if i.id == infusion_id), None)
