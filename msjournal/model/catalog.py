"""The treatment and symptom catalog: facts with their sources, loaded from resources/.

A value the reference could not confirm is a Fact with unverified=True: the product
shows it as an editable default, never as a label fact. A person's own overrides
(settings) replace catalog values by key, e.g. "symptom.headache.expected_hours".
"""

from __future__ import annotations

import sysconfig
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOG_NAME = "catalog.toml"


def catalog_file() -> Path:
    """resources/catalog.toml in a source checkout, or where pip installed it (share/msjournal)."""
    checkout = Path(__file__).resolve().parents[2] / "resources" / CATALOG_NAME
    installed = Path(sysconfig.get_paths()["data"]) / "share" / "msjournal" / CATALOG_NAME
    return checkout if checkout.exists() else installed


CATALOG_FILE = catalog_file()


@dataclass(frozen=True)
class Fact:
    """A catalog value with its standing: verified, unverified default, or the person's own."""

    value: Any
    unverified: bool = False
    note: str = ""
    overridden: bool = False

    @property
    def is_default(self) -> bool:
        return self.unverified and not self.overridden


@dataclass(frozen=True)
class Schedule:
    type: str
    interval_days: Fact | None = None
    loading_days: tuple[int, ...] = ()
    first_maintenance_day: Fact | None = None
    course_days: tuple[int, ...] = ()
    course_gap_days: Fact | None = None
    course_min_sessions: int | None = None
    course_max_sessions: int | None = None
    session_every_days: int = 1  # a course's sessions: daily, or (plasma exchange) every other day
    cumulative_limit: Fact | None = None
    cumulative_limit_eu: Fact | None = None
    cumulative_unit: str = ""
    min_interval_days: Fact | None = None
    note: str = ""


@dataclass(frozen=True)
class MonitoringTask:
    id: str
    title: str
    kind: str
    every_days: Fact | None = None
    first_after_days: Fact | None = None
    until_days_after_last_infusion: Fact | None = None
    continues_after_stopping: bool = False  # runs on with no end after the last dose
    before_each_dose: bool = False
    description: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarningSign:
    id: str
    description: str
    urgency: str
    sources: tuple[str, ...] = ()
    unverified: bool = False
    raised_by: tuple[str, ...] = ()  # ids of the alert rules an entry describing the sign raises


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    brands: tuple[str, ...]
    route: str
    purpose: str
    schedule: Schedule
    default_dose: Fact | None = None
    dose_unit: str = ""
    observation_minutes: Fact | None = None
    observation_note: str = ""
    reaction_window_hours: Fact | None = None
    premedication: tuple[str, ...] = ()
    off_label: bool = False
    monitoring: tuple[MonitoringTask, ...] = ()
    warning_signs: tuple[WarningSign, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        brands = ", ".join(b.split(" (")[0] for b in self.brands[:2])
        return f"{self.name} ({brands})" if brands else self.name


@dataclass(frozen=True)
class Symptom:
    id: str
    name: str
    group: str
    expected_hours: Fact
    alert: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    counted_from: str = "onset"  # or "course_end": the expected time runs from a course's end


@dataclass(frozen=True)
class TestNote:
    """A treatment-specific fact added to the reminder for a result outside the lab's range."""

    __test__ = False  # not a pytest test class

    treatments: tuple[str, ...]
    when: str  # "low", "high" or "any": which side of the lab's range
    text: str
    sources: tuple[str, ...] = ()
    unverified: bool = False
    with_symptoms: tuple[str, ...] = ()  # only when one of these was recorded near the sample


@dataclass(frozen=True)
class LabTest:
    """A test whose results the journal keeps; ranges come only from the person's report."""

    __test__ = False  # not a pytest test class

    id: str
    name: str
    kind: str  # "number", "count" or "qualitative"
    group: str = "Other"
    units: tuple[str, ...] = ()
    results: tuple[str, ...] = ()  # the usual qualitative results, as suggestions
    fulfils: tuple[str, ...] = ()  # monitoring tasks, "treatment.task"
    description: str = ""
    notes: tuple[TestNote, ...] = ()
    sources: tuple[str, ...] = ()

    def fulfils_task(self, treatment_id: str, task_id: str) -> bool:
        return f"{treatment_id}.{task_id}" in self.fulfils


TEST_KINDS = ("number", "count", "qualitative")


@dataclass(frozen=True)
class Catalog:
    treatments: dict[str, Treatment]
    symptoms: dict[str, Symptom]
    disclaimer: str = ""
    overrides: dict[str, float] = field(default_factory=dict)
    tests: dict[str, LabTest] = field(default_factory=dict)

    def test_name(self, test_id: str, other_label: str = "") -> str:
        if test_id in self.tests:
            return self.tests[test_id].name
        return other_label or "Other test"

    def relapse_treatments(self) -> frozenset[str]:
        """The treatments given for a relapse (IV steroids, plasma exchange): the infusions a
        relapse entry may name as what treated it."""
        return frozenset(t.id for t in self.treatments.values() if t.purpose == "relapse")

    def tests_for_task(self, treatment_id: str, task_id: str) -> frozenset[str]:
        """The tests whose results count as this monitoring task done."""
        return frozenset(t.id for t in self.tests.values() if t.fulfils_task(treatment_id, task_id))

    def treatment(self, treatment_id: str) -> Treatment:
        return self.treatments[treatment_id]

    def symptom_name(self, symptom_id: str, other_label: str = "") -> str:
        if symptom_id in self.symptoms:
            return self.symptoms[symptom_id].name
        return other_label or "Other"

    def treatment_name(self, treatment_id: str) -> str:
        found = self.treatments.get(treatment_id)
        return found.name if found else treatment_id

    def with_overrides(self, overrides: dict[str, float]) -> Catalog:
        """The catalog with the person's own values in place of the defaults."""
        if not overrides:
            return self
        return replace(
            self,
            treatments={k: _override_treatment(t, overrides) for k, t in self.treatments.items()},
            symptoms={k: _override_symptom(s, overrides) for k, s in self.symptoms.items()},
            overrides=dict(overrides),
        )


def fact(raw: Any) -> Fact | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return Fact(raw.get("value"), bool(raw.get("unverified", False)), raw.get("note", ""))
    return Fact(raw)


def _plain(raw: Any) -> Any:
    return raw.get("value") if isinstance(raw, dict) else raw


def _schedule(raw: dict[str, Any]) -> Schedule:
    return Schedule(
        type=raw["type"],
        interval_days=fact(raw.get("interval_days")),
        loading_days=tuple(_plain(raw.get("loading_days")) or ()),
        first_maintenance_day=fact(raw.get("first_maintenance_day")),
        course_days=tuple(_plain(raw.get("course_days")) or ()),
        course_gap_days=fact(raw.get("course_gap_days")),
        course_min_sessions=_plain(raw.get("course_min_sessions")),
        course_max_sessions=_plain(raw.get("course_max_sessions")),
        session_every_days=int(_plain(raw.get("session_every_days", 1))),
        cumulative_limit=fact(raw.get("cumulative_limit")),
        cumulative_limit_eu=fact(raw.get("cumulative_limit_eu")),
        cumulative_unit=raw.get("cumulative_unit", ""),
        min_interval_days=fact(raw.get("min_interval_days")),
        note=raw.get("note", ""),
    )


def _monitoring(raw: dict[str, Any]) -> MonitoringTask:
    return MonitoringTask(
        id=raw["id"],
        title=raw["title"],
        kind=raw.get("kind", "lab_test"),
        every_days=fact(raw.get("every_days")),
        first_after_days=fact(raw.get("first_after_days")),
        until_days_after_last_infusion=fact(raw.get("until_days_after_last_infusion")),
        continues_after_stopping=bool(raw.get("continues_after_stopping", False)),
        before_each_dose=bool(_plain(raw.get("before_each_dose", False))),
        description=raw.get("description", ""),
        sources=tuple(raw.get("sources", ())),
    )


def _treatment(treatment_id: str, raw: dict[str, Any]) -> Treatment:
    sources = tuple(raw.get("sources", ()))
    return Treatment(
        id=treatment_id,
        name=raw["name"],
        brands=tuple(raw.get("brands", ())),
        route=raw.get("route", ""),
        purpose=raw.get("purpose", "disease_modifying"),
        schedule=_schedule(raw.get("schedule", {"type": "course_only"})),
        default_dose=fact(raw.get("default_dose")),
        dose_unit=raw.get("dose_unit", ""),
        observation_minutes=fact(raw.get("observation_minutes")),
        observation_note=raw.get("observation_note", ""),
        reaction_window_hours=fact(raw.get("reaction_window_hours")),
        premedication=tuple(raw.get("premedication", ())),
        off_label=bool(raw.get("off_label", False)),
        monitoring=tuple(_monitoring(m) for m in raw.get("monitoring", ())),
        warning_signs=tuple(
            WarningSign(
                w["id"],
                _plain(w["description"]),
                w.get("urgency", "urgent"),
                tuple(w.get("sources", sources)),
                bool(isinstance(w["description"], dict) and w["description"].get("unverified")),
                tuple(w.get("raised_by", ())),
            )
            for w in raw.get("warning_signs", ())
        ),
        sources=sources,
    )


def _symptom(symptom_id: str, raw: dict[str, Any]) -> Symptom:
    return Symptom(
        id=symptom_id,
        name=raw["name"],
        group=raw.get("group", "common"),
        expected_hours=fact(raw.get("expected_hours", 0)) or Fact(0),
        alert=raw.get("alert", ""),
        description=raw.get("description", ""),
        sources=tuple(raw.get("sources", ())),
        counted_from=raw.get("counted_from", "onset"),
    )


def _own(original: Fact | None, overrides: dict[str, float], key: str) -> Fact | None:
    if key not in overrides:
        return original
    note = original.note if original else ""
    return Fact(overrides[key], unverified=False, note=note, overridden=True)


def _override_symptom(symptom: Symptom, overrides: dict[str, float]) -> Symptom:
    key = f"symptom.{symptom.id}.expected_hours"
    own = _own(symptom.expected_hours, overrides, key)
    return replace(symptom, expected_hours=own or symptom.expected_hours)


def _override_treatment(treatment: Treatment, overrides: dict[str, float]) -> Treatment:
    prefix = f"treatment.{treatment.id}"
    schedule = replace(
        treatment.schedule,
        interval_days=_own(treatment.schedule.interval_days, overrides, f"{prefix}.interval_days"),
    )
    monitoring = tuple(
        replace(m, every_days=_own(m.every_days, overrides, f"{prefix}.{m.id}.every_days"))
        for m in treatment.monitoring
    )
    return replace(treatment, schedule=schedule, monitoring=monitoring)


def _test_note(raw: dict[str, Any]) -> TestNote:
    return TestNote(
        treatments=tuple(raw.get("treatment", ())),
        when=raw.get("when", "any"),
        text=_plain(raw["text"]),
        sources=tuple(raw.get("sources", ())),
        unverified=bool(isinstance(raw["text"], dict) and raw["text"].get("unverified")),
        with_symptoms=tuple(raw.get("with_symptoms", ())),
    )


def _lab_test(test_id: str, raw: dict[str, Any]) -> LabTest:
    return LabTest(
        id=test_id,
        name=raw["name"],
        kind=raw.get("kind", "number"),
        group=raw.get("group", "Other"),
        units=tuple(raw.get("units", ())),
        results=tuple(raw.get("results", ())),
        fulfils=tuple(raw.get("fulfils", ())),
        description=raw.get("description", ""),
        notes=tuple(_test_note(n) for n in raw.get("notes", ())),
        sources=tuple(raw.get("sources", ())),
    )


def parse_catalog(raw: dict[str, Any]) -> Catalog:
    return Catalog(
        treatments={k: _treatment(k, v) for k, v in raw.get("treatment", {}).items()},
        symptoms={k: _symptom(k, v) for k, v in raw.get("symptom", {}).items()},
        disclaimer=raw.get("meta", {}).get("disclaimer", ""),
        tests={k: _lab_test(k, v) for k, v in raw.get("test", {}).items()},
    )


@lru_cache(maxsize=1)
def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    with open(path, "rb") as handle:
        return parse_catalog(tomllib.load(handle))
