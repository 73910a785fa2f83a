"""Checks every entry before it is written: one clear message naming the field and value.

Drafts are plain dicts of field name to raw value (text from the window, values from a
JSON file); each validator returns the finished record or raises ValidationError.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from msjournal.model.catalog import Catalog
from msjournal.model.dates import optional_date, optional_datetime, parse_date, parse_datetime
from msjournal.model.errors import ValidationError
from msjournal.model.records import (
    FOLLOW_UP_KINDS,
    OTHER_SYMPTOM,
    FollowUp,
    Infusion,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
    Vitals,
)
from msjournal.model.temperature import check_plausible, parse_unit, to_decimal

Draft = Mapping[str, Any]
MAX_TEXT = 10_000
MAX_NOTE = 2000  # an acknowledgement's note
LONGEST_INFUSION = timedelta(hours=24)
FUTURE_SLACK = timedelta(days=1)


def text(draft: Draft, field: str, limit: int = MAX_TEXT) -> str:
    value = draft.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, value, "expected text")
    if len(value) > limit:
        raise ValidationError(field, value[:40] + "…", f"is longer than {limit} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, value[:40], "contains characters that cannot be saved"
        ) from None
    return value.strip()


def optional_int(draft: Draft, field: str, low: int, high: int) -> int | None:
    value = draft.get(field)
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValidationError(field, value, "expected a whole number")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(field, value, "expected a whole number") from None
    if not low <= number <= high:
        raise ValidationError(field, value, f"must be between {low} and {high}")
    return number


def flag(draft: Draft, field: str) -> bool:
    value = draft.get(field, False)
    if value in (None, ""):
        return False
    if not isinstance(value, bool):
        raise ValidationError(field, value, "expected true or false")
    return value


def positive_decimal(draft: Draft, field: str) -> Decimal | None:
    value = draft.get(field)
    if value in (None, ""):
        return None
    number = to_decimal(field, value)
    if number <= 0 or number > 100_000:
        raise ValidationError(field, value, "must be a positive amount")
    return number


def treatment_id(draft: Draft, field: str, catalog: Catalog) -> str:
    value = draft.get(field)
    if not isinstance(value, str) or value not in catalog.treatments:
        known = ", ".join(sorted(catalog.treatments))
        raise ValidationError(field, value, f"is not a known treatment (known: {known})")
    return str(value)


def not_in_future(field: str, when: datetime, now: datetime | None) -> None:
    if now is not None and when > now + FUTURE_SLACK:
        raise ValidationError(field, when.isoformat(timespec="minutes"), "is in the future")


def _vitals(draft: Draft, suffix: str) -> Vitals:
    temperature = draft.get(f"temperature_{suffix}")
    unit = parse_unit(f"temperature_{suffix}_unit", draft.get(f"temperature_{suffix}_unit") or "C")
    value = None
    if temperature not in (None, ""):
        value = to_decimal(f"temperature_{suffix}", temperature)
        check_plausible(f"temperature_{suffix}", value, unit)
    systolic = optional_int(draft, f"systolic_{suffix}", 50, 260)
    diastolic = optional_int(draft, f"diastolic_{suffix}", 20, 180)
    if (systolic is None) != (diastolic is None):
        missing = f"diastolic_{suffix}" if diastolic is None else f"systolic_{suffix}"
        raise ValidationError(missing, None, "blood pressure needs both numbers (e.g. 120/80)")
    if systolic is not None and diastolic is not None and diastolic >= systolic:
        raise ValidationError(
            f"diastolic_{suffix}", diastolic, "must be lower than the systolic number"
        )
    pulse = optional_int(draft, f"pulse_{suffix}", 25, 250)
    return Vitals(value, unit, pulse, systolic, diastolic)


def validate_infusion(
    draft: Draft, catalog: Catalog, entry_id: str, now: datetime | None = None
) -> Infusion:
    start = parse_datetime("start", draft.get("start"))
    not_in_future("start", start, now)
    end = optional_datetime("end", draft.get("end"))
    if end is not None and end < start:
        raise ValidationError("end", draft.get("end"), "is before the start of the infusion")
    if end is not None and end - start > LONGEST_INFUSION:
        raise ValidationError("end", draft.get("end"), "is more than 24 hours after the start")
    return Infusion(
        id=entry_id,
        treatment=treatment_id(draft, "treatment", catalog),
        start=start,
        end=end,
        dose=positive_decimal(draft, "dose"),
        dose_unit=text(draft, "dose_unit", 20),
        dose_number=optional_int(draft, "dose_number", 1, 1000),
        site=text(draft, "site", 200),
        location=text(draft, "location", 200),
        administered_by=text(draft, "administered_by", 200),
        lot=text(draft, "lot", 100),
        premedications=text(draft, "premedications", 1000),
        vitals_before=_vitals(draft, "before"),
        vitals_after=_vitals(draft, "after"),
        notes=text(draft, "notes"),
    )


def _severity(draft: Draft) -> int:
    value = draft.get("severity")
    if value in (None, ""):
        raise ValidationError(
            "severity", value, "choose how bad it is, from 0 (none) to 10 (worst)"
        )
    if isinstance(value, bool):
        raise ValidationError("severity", value, "expected a whole number from 0 to 10")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError("severity", value, "expected a whole number from 0 to 10") from None
    if isinstance(value, float) and value != int(value):
        raise ValidationError("severity", value, "expected a whole number from 0 to 10")
    if not 0 <= number <= 10:
        raise ValidationError("severity", value, "must be from 0 (none) to 10 (worst)")
    return number


def _symptom(draft: Draft, catalog: Catalog) -> tuple[str, str]:
    symptom = draft.get("symptom")
    label = text(draft, "other_label", 200)
    if symptom == OTHER_SYMPTOM:
        if not label:
            raise ValidationError("other_label", label, "describe the symptom in a few words")
        return OTHER_SYMPTOM, label
    if not isinstance(symptom, str) or symptom not in catalog.symptoms:
        raise ValidationError(
            "symptom", symptom, "is not a known symptom (choose 'other' to describe it)"
        )
    return str(symptom), label


def validate_side_effect(
    draft: Draft,
    catalog: Catalog,
    entry_id: str,
    infusion_ids: set[str],
    now: datetime | None = None,
) -> SideEffect:
    symptom, label = _symptom(draft, catalog)
    onset = parse_datetime("onset", draft.get("onset"))
    not_in_future("onset", onset, now)
    resolved = optional_datetime("resolved", draft.get("resolved"))
    if resolved is not None and resolved < onset:
        raise ValidationError("resolved", draft.get("resolved"), "is before the symptom started")
    infusion = draft.get("infusion") or None
    if infusion is not None and (not isinstance(infusion, str) or infusion not in infusion_ids):
        raise ValidationError("infusion", infusion, "is not an infusion in this journal")
    return SideEffect(
        id=entry_id,
        symptom=symptom,
        severity=_severity(draft),
        onset=onset,
        resolved=resolved,
        other_label=label,
        infusion=infusion,
        during_infusion=flag(draft, "during_infusion"),
        unusual=flag(draft, "unusual"),
        notes=text(draft, "notes"),
    )


def validate_temperature(
    draft: Draft, entry_id: str, now: datetime | None = None
) -> TemperatureReading:
    taken = parse_datetime("taken", draft.get("taken"))
    not_in_future("taken", taken, now)
    unit = parse_unit("unit", draft.get("unit"))
    if draft.get("value") in (None, ""):
        raise ValidationError("value", draft.get("value"), "enter the temperature")
    value = to_decimal("value", draft.get("value"))
    check_plausible("value", value, unit)
    return TemperatureReading(
        id=entry_id, taken=taken, value=value, unit=unit, notes=text(draft, "notes")
    )


def validate_follow_up(draft: Draft, entry_id: str) -> FollowUp:
    kind = draft.get("kind")
    if kind not in FOLLOW_UP_KINDS:
        raise ValidationError("kind", kind, f"must be one of: {', '.join(FOLLOW_UP_KINDS)}")
    title = text(draft, "title", 200)
    if not title:
        raise ValidationError("title", draft.get("title"), "give the follow-up a short title")
    return FollowUp(
        id=entry_id,
        kind=str(kind),
        title=title,
        due=parse_date("due", draft.get("due")),
        done=optional_date("done", draft.get("done")),
        with_whom=text(draft, "with_whom", 200),
        task=text(draft, "task", 100),
        treatment=text(draft, "treatment", 100),
        notes=text(draft, "notes"),
    )


def validate_plan(draft: Draft, catalog: Catalog) -> TherapyPlan:
    return TherapyPlan(
        treatment=treatment_id(draft, "treatment", catalog),
        started=optional_date("started", draft.get("started")),
        interval_days=optional_int(draft, "interval_days", 1, 3650),
        evaluation_done=flag(draft, "evaluation_done"),
        risks_discussed=flag(draft, "risks_discussed"),
        notes=text(draft, "notes"),
        loading_done=flag(draft, "loading_done"),
    )
