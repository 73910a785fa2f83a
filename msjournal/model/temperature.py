"""Body temperature: exact unit conversion, plausible ranges and the fever threshold."""

from __future__ import annotations

from decimal import Decimal

from msjournal.model.errors import ValidationError
from msjournal.model.records import Settings, TemperatureUnit

PLAUSIBLE = {"C": (Decimal("30.0"), Decimal("45.0")), "F": (Decimal("86.0"), Decimal("113.0"))}
DEFAULT_FEVER_THRESHOLD = (Decimal("100.0"), "F")


def to_decimal(field: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValidationError(field, value, "expected a number")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (ArithmeticError, ValueError):
        raise ValidationError(field, value, "expected a number") from None
    if not number.is_finite():
        raise ValidationError(field, value, "expected a number")
    return number


def parse_unit(field: str, value: object) -> TemperatureUnit:
    text = value.strip().upper().replace("°", "") if isinstance(value, str) else ""
    if text not in ("C", "F"):
        raise ValidationError(field, value, "expected C (Celsius) or F (Fahrenheit)")
    return text  # type: ignore[return-value]


def to_fahrenheit(value: Decimal, unit: TemperatureUnit) -> Decimal:
    return value if unit == "F" else value * Decimal("1.8") + Decimal(32)


def to_celsius(value: Decimal, unit: TemperatureUnit) -> Decimal:
    return value if unit == "C" else (value - Decimal(32)) / Decimal("1.8")


def convert(value: Decimal, unit: TemperatureUnit, target: TemperatureUnit) -> Decimal:
    return to_fahrenheit(value, unit) if target == "F" else to_celsius(value, unit)


def check_plausible(field: str, value: Decimal, unit: TemperatureUnit) -> None:
    low, high = PLAUSIBLE[unit]
    if not low <= value <= high:
        raise ValidationError(
            field, float(value), f"a body temperature in °{unit} must be between {low} and {high}"
        )


def is_above_threshold(value: Decimal, unit: TemperatureUnit, settings: Settings) -> bool:
    """Strictly above the fever threshold, compared exactly in °F (37.8 °C is 100.04 °F)."""
    threshold = to_fahrenheit(settings.fever_threshold, settings.fever_threshold_unit)
    return to_fahrenheit(value, unit) > threshold


def format_temperature(value: Decimal, unit: TemperatureUnit, show_in: TemperatureUnit) -> str:
    shown = convert(value, unit, show_in).quantize(Decimal("0.1"))
    return f"{shown} °{show_in}"


def threshold_text(settings: Settings) -> str:
    """The fever threshold in the person's own unit first, the other in brackets."""
    value, unit = settings.fever_threshold, settings.fever_threshold_unit
    first = settings.temperature_unit
    other: TemperatureUnit = "C" if first == "F" else "F"
    shown = value if unit == first else convert(value, unit, first)
    exact = f"{shown.normalize():f}" if unit == first else str(shown.quantize(Decimal("0.1")))
    if "." not in exact:
        exact += ".0"
    return f"{exact} °{first} ({format_temperature(value, unit, other)})"
