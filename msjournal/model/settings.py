"""The person's settings that the rules and views need, each declared once with its default."""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

from msjournal.model.errors import ValidationError
from msjournal.model.records import Settings
from msjournal.model.temperature import check_plausible, parse_unit, to_decimal

DEFAULTS = Settings()
SETTING_NAMES = tuple(f.name for f in fields(Settings))


OVERRIDE_KEY = re.compile(
    r"^(symptom\.\w+\.expected_hours|treatment\.\w+\.interval_days"
    r"|treatment\.\w+\.\w+\.every_days)$"
)


def _check_overrides(value: Any) -> dict[str, float]:
    """The person's own values for catalog defaults, by key (see msjournal.model.catalog)."""
    if not isinstance(value, dict):
        raise ValidationError("overrides", value, "expected a table of names and numbers")
    checked: dict[str, float] = {}
    for key, number in value.items():
        if not isinstance(key, str) or not OVERRIDE_KEY.match(key):
            raise ValidationError("overrides", key, "is not a value that can be changed")
        if isinstance(number, bool) or not isinstance(number, (int, float, Decimal)) or number < 0:
            raise ValidationError(f"overrides.{key}", number, "expected a number of 0 or more")
        checked[key] = float(number)
    return checked


def checked_value(name: str, value: Any) -> Any:
    """The value as stored, or ValidationError naming the setting."""
    if name not in SETTING_NAMES:
        raise ValidationError("setting", name, "is not a setting")
    if name in ("temperature_unit", "fever_threshold_unit"):
        return parse_unit(name, value)
    if name == "fever_threshold":
        return to_decimal(name, value)
    if name == "cumulative_region":
        if value not in ("us", "eu"):
            raise ValidationError(name, value, "must be 'us' or 'eu'")
        return value
    if name == "overrides":
        return _check_overrides(value)
    if not isinstance(value, str):
        raise ValidationError(name, value, "expected text")
    return value.strip() if name == "person_name" else value


def apply_changes(current: Settings, changes: dict[str, Any]) -> Settings:
    checked = {name: checked_value(name, value) for name, value in changes.items()}
    updated = replace(current, **checked)
    check_plausible("fever_threshold", updated.fever_threshold, updated.fever_threshold_unit)
    return updated


def encode(value: Any) -> str:
    return json.dumps(str(value) if isinstance(value, Decimal) else value)


def decode(name: str, text: str) -> Any:
    value = json.loads(text)
    return Decimal(value) if name == "fever_threshold" else value


def from_stored(stored: dict[str, str]) -> Settings:
    known = {name: decode(name, text) for name, text in stored.items() if name in SETTING_NAMES}
    return replace(DEFAULTS, **known)
