"""Catalog values a person may replace with their own: the unverified defaults.

Keys match Catalog.with_overrides: "symptom.<id>.expected_hours",
"treatment.<id>.interval_days" and "treatment.<id>.<task>.every_days".
"""

from __future__ import annotations

from dataclasses import dataclass

from msjournal.model.catalog import Catalog, Fact


@dataclass(frozen=True)
class OwnValue:
    key: str
    label: str
    unit: str
    default: float
    own: float | None
    note: str = ""


def _entry(
    key: str, label: str, unit: str, fact: Fact | None, overrides: dict[str, float]
) -> OwnValue | None:
    if fact is None or fact.value in (None, 0) or not (fact.unverified or key in overrides):
        return None
    return OwnValue(key, label, unit, float(fact.value), overrides.get(key), fact.note)


def editable_values(
    base: Catalog, overrides: dict[str, float], treatment_id: str | None
) -> list[OwnValue]:
    """The unverified defaults (symptom durations; the current therapy's intervals), with own
    values."""
    found: list[OwnValue | None] = []
    treatment = base.treatments.get(treatment_id or "")
    if treatment is not None:
        found.append(
            _entry(
                f"treatment.{treatment.id}.interval_days",
                f"{treatment.name}: days between infusions",
                "days",
                treatment.schedule.interval_days,
                overrides,
            )
        )
        for task in treatment.monitoring:
            found.append(
                _entry(
                    f"treatment.{treatment.id}.{task.id}.every_days",
                    f"{task.title}: every",
                    "days",
                    task.every_days,
                    overrides,
                )
            )
    for symptom in base.symptoms.values():
        found.append(
            _entry(
                f"symptom.{symptom.id}.expected_hours",
                f"{symptom.name}: usually lasts up to",
                "hours",
                symptom.expected_hours,
                overrides,
            )
        )
    return [value for value in found if value is not None]
