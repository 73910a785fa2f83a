"""Turns journal records into database rows and back. Core-only; nothing else sees rows."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from msjournal.model.dates import format_day_or_moment
from msjournal.model.records import (
    Acknowledgement,
    FollowUp,
    Infusion,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    TherapyPlan,
    Vitals,
)
from msjournal.storage import models


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _vitals_columns(vitals: Vitals, suffix: str) -> dict[str, Any]:
    return {
        f"temp_{suffix}": _text(vitals.temperature),
        f"temp_{suffix}_unit": vitals.temperature_unit,
        f"pulse_{suffix}": vitals.pulse,
        f"systolic_{suffix}": vitals.systolic,
        f"diastolic_{suffix}": vitals.diastolic,
    }


def _vitals(row: dict[str, Any], suffix: str) -> Vitals:
    return Vitals(
        temperature=_dec(row[f"temp_{suffix}"]),
        temperature_unit=row[f"temp_{suffix}_unit"],
        pulse=row[f"pulse_{suffix}"],
        systolic=row[f"systolic_{suffix}"],
        diastolic=row[f"diastolic_{suffix}"],
    )


# ---------------------------------------------------------------- to rows


def infusion_columns(record: Infusion) -> dict[str, Any]:
    columns = asdict(record)
    for key in ("id", "vitals_before", "vitals_after"):
        columns.pop(key)
    columns.update(uid=record.id, dose=_text(record.dose))
    columns.update(_vitals_columns(record.vitals_before, "before"))
    columns.update(_vitals_columns(record.vitals_after, "after"))
    return columns


def side_effect_columns(record: SideEffect, infusion_pk: int | None) -> dict[str, Any]:
    columns = asdict(record)
    columns.pop("id")
    columns.update(uid=record.id, infusion=infusion_pk)
    return columns


def temperature_columns(record: TemperatureReading) -> dict[str, Any]:
    return {
        "uid": record.id,
        "taken": record.taken,
        "value": str(record.value),
        "unit": record.unit,
        "notes": record.notes,
    }


def follow_up_columns(record: FollowUp) -> dict[str, Any]:
    columns = asdict(record)
    columns["uid"] = columns.pop("id")
    return columns


def relapse_columns(record: Relapse) -> dict[str, Any]:
    return {
        "uid": record.id,
        "onset": record.onset,
        "description": record.description,
        "impact": record.impact,
        "areas": ",".join(record.areas),
        "recovered": record.recovered,
        "recovery": record.recovery,
        "confirmed": record.confirmed,
        "treated_with": json.dumps(list(record.treated_with)),
        "notes": record.notes,
    }


def taken_text(taken: date | datetime) -> str:
    """ISO text that sorts by time: a date alone sorts before the same day's times."""
    return format_day_or_moment(taken)


def taken_value(text: str) -> date | datetime:
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def test_result_columns(record: TestResult) -> dict[str, Any]:
    return {
        "uid": record.id,
        "test": record.test,
        "other_label": record.other_label,
        "taken": taken_text(record.taken),
        "value": _text(record.value),
        "unit": record.unit,
        "qualitative": record.qualitative,
        "reference_low": _text(record.reference_low),
        "reference_high": _text(record.reference_high),
        "follow_up": record.follow_up,
        "notes": record.notes,
    }


# ---------------------------------------------------------------- from rows


def infusion_from_row(row: dict[str, Any]) -> Infusion:
    return Infusion(
        id=row["uid"],
        treatment=row["treatment"],
        start=row["start"],
        end=row["end"],
        dose=_dec(row["dose"]),
        dose_unit=row["dose_unit"],
        dose_number=row["dose_number"],
        site=row["site"],
        location=row["location"],
        administered_by=row["administered_by"],
        lot=row["lot"],
        premedications=row["premedications"],
        vitals_before=_vitals(row, "before"),
        vitals_after=_vitals(row, "after"),
        notes=row["notes"],
    )


def side_effect_from_row(row: dict[str, Any], infusion_uids: dict[int, str]) -> SideEffect:
    return SideEffect(
        id=row["uid"],
        symptom=row["symptom"],
        severity=row["severity"],
        onset=row["onset"],
        resolved=row["resolved"],
        other_label=row["other_label"],
        infusion=infusion_uids.get(row["infusion"]) if row["infusion"] else None,
        during_infusion=bool(row["during_infusion"]),
        unusual=bool(row["unusual"]),
        notes=row["notes"],
    )


def temperature_from_row(row: dict[str, Any]) -> TemperatureReading:
    return TemperatureReading(
        id=row["uid"],
        taken=row["taken"],
        value=Decimal(row["value"]),
        unit=row["unit"],
        notes=row["notes"],
    )


def follow_up_from_row(row: dict[str, Any]) -> FollowUp:
    return FollowUp(
        id=row["uid"],
        kind=row["kind"],
        title=row["title"],
        due=row["due"],
        done=row["done"],
        with_whom=row["with_whom"],
        task=row["task"],
        treatment=row["treatment"],
        notes=row["notes"],
    )


def treated_with_ids(row: dict[str, Any]) -> list[str]:
    """The infusion ids a relapse row links to, as stored (some may be deleted since)."""
    return [str(i) for i in json.loads(row["treated_with"])]


def relapse_from_row(row: dict[str, Any], infusion_ids: set[str]) -> Relapse:
    """A relapse; links to infusions deleted since are left out (an undo brings them back)."""
    return Relapse(
        id=row["uid"],
        onset=row["onset"],
        description=row["description"],
        impact=row["impact"],
        areas=tuple(a for a in row["areas"].split(",") if a),
        recovered=row["recovered"],
        recovery=row["recovery"],
        confirmed=bool(row["confirmed"]),
        treated_with=tuple(i for i in treated_with_ids(row) if i in infusion_ids),
        notes=row["notes"],
    )


def test_result_from_row(row: dict[str, Any], follow_up_ids: set[str]) -> TestResult:
    follow_up = row["follow_up"]
    return TestResult(
        id=row["uid"],
        test=row["test"],
        taken=taken_value(row["taken"]),
        value=_dec(row["value"]),
        unit=row["unit"],
        qualitative=row["qualitative"],
        reference_low=_dec(row["reference_low"]),
        reference_high=_dec(row["reference_high"]),
        other_label=row["other_label"],
        follow_up=follow_up if follow_up in follow_up_ids else None,
        notes=row["notes"],
    )


def plan_from_row(row: models.TherapyPlan) -> TherapyPlan:
    return TherapyPlan(
        treatment=row.treatment,
        started=row.started,
        interval_days=row.interval_days,
        evaluation_done=row.evaluation_done,
        risks_discussed=row.risks_discussed,
        notes=row.notes,
        loading_done=row.loading_done,
    )


def acknowledgement_from_row(row: models.AlertAcknowledgement) -> Acknowledgement:
    return Acknowledgement(alert_key=row.alert_key, at=row.at, note=row.note)
