"""Checks a relapse entry before it is written: one clear message naming the field and value."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from msjournal.model.dates import optional_date, parse_datetime
from msjournal.model.errors import ValidationError
from msjournal.model.records import RECOVERY_KINDS, RELAPSE_AREAS, RELAPSE_IMPACTS, Relapse
from msjournal.rules.validation import Draft, flag, not_in_future, text

MAX_LINKS = 50


def _choice(draft: Draft, field: str, allowed: Iterable[str], default: str | None = None) -> str:
    value = draft.get(field)
    if value in (None, "") and default is not None:
        return default
    options = tuple(allowed)
    if not isinstance(value, str) or value not in options:
        raise ValidationError(field, value, f"must be one of: {', '.join(options)}")
    return value


def _areas(draft: Draft) -> tuple[str, ...]:
    value = draft.get("areas") or ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("areas", value, "expected a list of areas")
    for area in value:
        if area not in RELAPSE_AREAS:
            raise ValidationError("areas", area, f"must be among: {', '.join(RELAPSE_AREAS)}")
    return tuple(dict.fromkeys(value))  # in the order given, each once


def _treated_with(draft: Draft, relapse_infusions: set[str]) -> tuple[str, ...]:
    value = draft.get("treated_with") or ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("treated_with", value, "expected a list of infusion ids")
    if len(value) > MAX_LINKS:
        raise ValidationError("treated_with", len(value), f"links at most {MAX_LINKS} infusions")
    for infusion in value:
        if infusion not in relapse_infusions:
            raise ValidationError(
                "treated_with",
                infusion,
                "is not an IV steroid or plasma exchange infusion in this journal",
            )
    return tuple(dict.fromkeys(value))


def validate_relapse(
    draft: Draft, entry_id: str, relapse_infusions: set[str], now: datetime | None = None
) -> Relapse:
    """`relapse_infusions`: the ids of this journal's infusions that treat relapses."""
    onset = parse_datetime("onset", draft.get("onset"))
    not_in_future("onset", onset, now)
    description = text(draft, "description", 2000)
    if not description:
        raise ValidationError(
            "description", draft.get("description"), "say in a few words what happened"
        )
    recovered = optional_date("recovered", draft.get("recovered"))
    if recovered is not None and recovered < onset.date():
        raise ValidationError("recovered", draft.get("recovered"), "is before the onset")
    if recovered is not None and now is not None and recovered > now.date():
        raise ValidationError("recovered", draft.get("recovered"), "is in the future")
    recovery = _choice(draft, "recovery", RECOVERY_KINDS, "not_yet")
    if recovered is not None and recovery == "not_yet":
        raise ValidationError(
            "recovery", recovery, "a recovered date needs full, partial or not_sure"
        )
    return Relapse(
        id=entry_id,
        onset=onset,
        description=description,
        impact=_choice(draft, "impact", RELAPSE_IMPACTS),
        areas=_areas(draft),
        recovered=recovered,
        recovery=recovery,
        confirmed=flag(draft, "confirmed"),
        treated_with=_treated_with(draft, relapse_infusions),
        notes=text(draft, "notes"),
    )
