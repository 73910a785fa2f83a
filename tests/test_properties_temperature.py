"""Properties (Hypothesis): °C/°F conversion and the fever threshold, whatever the units."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from msjournal.model.records import Settings
from msjournal.model.temperature import PLAUSIBLE, convert, is_above_threshold

PROPERTY = settings(max_examples=100, deadline=None)
units = st.sampled_from(["C", "F"])


def _other(unit: str) -> str:
    return "F" if unit == "C" else "C"


@st.composite
def readings(draw: st.DrawFn, places: int = 3) -> tuple[Decimal, str]:
    unit = draw(units)
    low, high = PLAUSIBLE[unit]
    return draw(st.decimals(min_value=low, max_value=high, places=places)), unit


def _exact_fahrenheit(value: Decimal, unit: str) -> Fraction:
    exact = Fraction(value)
    return exact if unit == "F" else exact * Fraction(9, 5) + 32


@PROPERTY
@given(readings(places=6))
def test_converting_there_and_back_gives_the_same_temperature(reading: tuple[Decimal, str]) -> None:
    """A temperature converted to the other unit and back is the one entered (within 1e-9)."""
    value, unit = reading
    back = convert(convert(value, unit, _other(unit)), _other(unit), unit)  # type: ignore[arg-type]
    assert abs(back - value) <= Decimal("1e-9")


@PROPERTY
@given(readings(), readings(), readings())
def test_fever_is_monotonic_in_the_value(
    a: tuple[Decimal, str], b: tuple[Decimal, str], threshold: tuple[Decimal, str]
) -> None:
    """If a reading counts as fever, every higher reading (in either unit) does too."""
    chosen = Settings(fever_threshold=threshold[0], fever_threshold_unit=threshold[1])  # type: ignore[arg-type]
    low, high = sorted([a, b], key=lambda r: _exact_fahrenheit(*r))
    if is_above_threshold(low[0], low[1], chosen):  # type: ignore[arg-type]
        assert is_above_threshold(high[0], high[1], chosen)  # type: ignore[arg-type]


@PROPERTY
@given(readings(), readings())
def test_fever_compares_the_same_whatever_the_units(
    reading: tuple[Decimal, str], threshold: tuple[Decimal, str]
) -> None:
    """A reading is above the threshold exactly when its true temperature is, in any units."""
    chosen = Settings(fever_threshold=threshold[0], fever_threshold_unit=threshold[1])  # type: ignore[arg-type]
    exact = _exact_fahrenheit(*reading) > _exact_fahrenheit(*threshold)
    assert is_above_threshold(reading[0], reading[1], chosen) == exact  # type: ignore[arg-type]


@PROPERTY
@given(units, st.decimals(min_value=Decimal("37.8"), max_value=45, places=2))
def test_37_8_celsius_and_100_fahrenheit_thresholds(unit: str, above: Decimal) -> None:
    """37.8 °C is above a 100.0 °F threshold; it is not above a 37.8 °C one, nor is 100.04 °F."""
    in_f = Settings(fever_threshold=Decimal("100.0"), fever_threshold_unit="F")
    in_c = Settings(fever_threshold=Decimal("37.8"), fever_threshold_unit="C")
    assert is_above_threshold(Decimal("37.8"), "C", in_f)
    assert not is_above_threshold(Decimal("100.0"), "F", in_f)
    assert not is_above_threshold(Decimal("37.8"), "C", in_c)
    assert not is_above_threshold(Decimal("100.04"), "F", in_c)
    value = convert(above, "C", unit)  # type: ignore[arg-type]
    assert is_above_threshold(value, unit, in_f)  # type: ignore[arg-type]
    assert is_above_threshold(value, unit, in_c) == (above > Decimal("37.8"))  # type: ignore[arg-type]
