"""Small hand-made journals for rule and schedule tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    TherapyPlan,
)


def infusion(
    entry_id: str, start: str, treatment: str = "natalizumab", **extra: object
) -> Infusion:
    return Infusion(id=entry_id, treatment=treatment, start=datetime.fromisoformat(start), **extra)  # type: ignore[arg-type]


def effect(
    entry_id: str,
    symptom: str,
    onset: str,
    severity: int = 3,
    resolved: str | None = None,
    **extra: object,
) -> SideEffect:
    return SideEffect(
        id=entry_id,
        symptom=symptom,
        severity=severity,
        onset=datetime.fromisoformat(onset),
        resolved=datetime.fromisoformat(resolved) if resolved else None,
        **extra,
    )  # type: ignore[arg-type]


def reading(entry_id: str, taken: str, value: str, unit: str = "C") -> TemperatureReading:
    return TemperatureReading(
        id=entry_id, taken=datetime.fromisoformat(taken), value=Decimal(value), unit=unit
    )  # type: ignore[arg-type]


def follow_up(
    entry_id: str,
    due: str,
    done: str | None = None,
    kind: str = "appointment",
    title: str = "Neurologist review",
    **extra: object,
) -> FollowUp:
    return FollowUp(
        id=entry_id,
        kind=kind,
        title=title,
        due=date.fromisoformat(due),
        done=date.fromisoformat(done) if done else None,
        **extra,
    )  # type: ignore[arg-type]


def relapse(entry_id: str, onset: str, impact: str = "moderate", **extra: object) -> Relapse:
    return Relapse(
        id=entry_id,
        onset=datetime.fromisoformat(onset),
        description=str(extra.pop("description", "Blurred vision in my left eye")),
        impact=impact,
        **extra,
    )  # type: ignore[arg-type]


def result(
    entry_id: str,
    test: str,
    taken: str,
    value: str | None = None,
    low: str | None = None,
    high: str | None = None,
    **extra: object,
) -> TestResult:
    moment = datetime.fromisoformat(taken) if "T" in taken else date.fromisoformat(taken)
    return TestResult(
        id=entry_id,
        test=test,
        taken=moment,
        value=Decimal(value) if value is not None else None,
        reference_low=Decimal(low) if low is not None else None,
        reference_high=Decimal(high) if high is not None else None,
        **extra,
    )  # type: ignore[arg-type]


def plan(
    treatment: str, started: str | None = None, interval_days: int | None = None
) -> TherapyPlan:
    return TherapyPlan(treatment, date.fromisoformat(started) if started else None, interval_days)


def journal_data(
    *entries: object, plan_: TherapyPlan | None = None, **settings: object
) -> JournalData:
    data = JournalData(
        infusions=tuple(e for e in entries if isinstance(e, Infusion)),
        side_effects=tuple(e for e in entries if isinstance(e, SideEffect)),
        temperatures=tuple(e for e in entries if isinstance(e, TemperatureReading)),
        follow_ups=tuple(e for e in entries if isinstance(e, FollowUp)),
        relapses=tuple(e for e in entries if isinstance(e, Relapse)),
        test_results=tuple(e for e in entries if isinstance(e, TestResult)),
        plan=plan_,
    )
    return replace(data, settings=replace(data.settings, **settings)) if settings else data
