"""Turns journal records into database rows and back. Core-only; nothing else sees rows."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from msjournal.model.records import (
    Acknowledgement,
    FollowUp,
    Infusion,
    SideEffect,
    TemperatureReading,
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
