"""Checks a test result before it is written: one clear message naming the field and value.

The reference range is the lab's, copied from the report; msjournal keeps no ranges of its own.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from msjournal.model.catalog import Catalog, LabTest
from msjournal.model.dates import parse_date, parse_datetime
from msjournal.model.errors import ValidationError
from msjournal.model.records import OTHER_TEST, TestResult
from msjournal.model.temperature import to_decimal
from msjournal.rules.validation import Draft, not_in_future, text

LARGEST_VALUE = Decimal(10) ** 9


def _taken(draft: Draft, now: datetime | None) -> date | datetime:
    value = draft.get("taken")
    if isinstance(value, datetime):
        moment: date | datetime = parse_datetime("taken", value)
    elif isinstance(value, date) or (isinstance(value, str) and len(value.strip()) == 10):
        moment = parse_date("taken", value)
    else:
        moment = parse_datetime("taken", value)
    when = moment if isinstance(moment, datetime) else datetime.combine(moment, datetime.min.time())
    not_in_future("taken", when, now)
    return moment


def _number(draft: Draft, field: str) -> Decimal | None:
    value = draft.get(field)
    if value in (None, ""):
        return None
    number = to_decimal(field, value)
    if abs(number) >= LARGEST_VALUE:
        raise ValidationError(field, value, "is too large to be a lab result")
    return number


def _test(draft: Draft, catalog: Catalog) -> tuple[str, str, LabTest | None]:
    test = draft.get("test")
    label = text(draft, "other_label", 200)
    if test == OTHER_TEST:
        if not label:
            raise ValidationError("other_label", label, "name the test in a few words")
        return OTHER_TEST, label, None
    if not isinstance(test, str) or test not in catalog.tests:
        raise ValidationError("test", test, "is not a known test (choose 'other' to name it)")
    return test, label, catalog.tests[test]


def _unit(draft: Draft, known: LabTest | None, value: Decimal | None) -> str:
    unit = text(draft, "unit", 30)
    if known is None or value is None:
        return unit
    if not unit and len(known.units) == 1:
        return known.units[0]
    if unit not in known.units:
        shown = ", ".join(known.units)
        raise ValidationError("unit", unit, f"does not fit {known.name} (use one of: {shown})")
    return unit


def _check_value(known: LabTest | None, value: Decimal | None, qualitative: str) -> None:
    if value is None and not qualitative:
        raise ValidationError(
            "value", None, "enter a number, or a result such as positive or negative"
        )
    if known is None or value is None:
        return
    if known.kind == "qualitative":
        shown = ", ".join(known.results)
        raise ValidationError(
            "value", str(value), f"{known.name} takes a result such as {shown}, not a number"
        )
    if known.kind == "count" and (value < 0 or value != value.to_integral_value()):
        raise ValidationError("value", str(value), "expected a whole number, 0 or more")


def _range(draft: Draft) -> tuple[Decimal | None, Decimal | None]:
    low, high = _number(draft, "reference_low"), _number(draft, "reference_high")
    if low is not None and high is not None and low > high:
        raise ValidationError(
            "reference_low", draft.get("reference_low"), "is above the range's high end"
        )
    return low, high


def validate_test_result(
    draft: Draft,
    catalog: Catalog,
    entry_id: str,
    follow_up_ids: set[str],
    now: datetime | None = None,
) -> TestResult:
    test, label, known = _test(draft, catalog)
    taken = _taken(draft, now)
    value = _number(draft, "value")
    qualitative = text(draft, "qualitative", 200)
    _check_value(known, value, qualitative)
    low, high = _range(draft)
    follow_up = draft.get("follow_up") or None
    if follow_up is not None and follow_up not in follow_up_ids:
        raise ValidationError("follow_up", follow_up, "is not a follow-up in this journal")
    return TestResult(
        id=entry_id,
        test=test,
        taken=taken,
        value=value,
        unit=_unit(draft, known, value),
        qualitative=qualitative,
        reference_low=low,
        reference_high=high,
        other_label=label,
        follow_up=follow_up,
        notes=text(draft, "notes"),
    )
