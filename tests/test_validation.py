"""Every field is checked before anything is written; the message names the field and value."""

from __future__ import annotations

import pytest

from msjournal.model.errors import ValidationError
from tests.conftest import NOW

GOOD_INFUSION = {
    "treatment": "natalizumab",
    "start": "2026-03-02T09:30",
    "end": "2026-03-02T10:40",
    "dose": "300",
    "dose_unit": "mg",
    "site": "left forearm",
}
GOOD_EFFECT = {"symptom": "headache", "severity": 4, "onset": "2026-03-02T18:00"}
GOOD_TEMPERATURE = {"taken": "2026-03-03T07:30", "value": "100.4", "unit": "F"}
GOOD_FOLLOW_UP = {"kind": "appointment", "title": "Neurologist review", "due": "2026-04-01"}


def refused(journal, kind: str, draft: dict) -> ValidationError:
    before = journal.snapshot()
    with pytest.raises(ValidationError) as caught:
        journal.add(kind, draft, now=NOW)
    assert journal.snapshot() == before, "nothing may be written"
    return caught.value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("treatment", "aspirin"),
        ("start", "02/03/2026"),
        ("start", "2026-02-30T09:00"),
        ("end", "2026-03-02T08:00"),
        ("end", "2026-03-04T08:00"),
        ("dose", "three hundred"),
        ("dose", "-5"),
        ("dose_number", "0"),
        ("temperature_before", "52"),
        ("pulse_after", "400"),
        ("systolic_before", "120"),
        ("start", "2027-01-01T09:00"),
    ],
)
def test_bad_infusion_fields_are_refused(journal, field, value) -> None:
    """Each bad infusion field is refused with its name and value, and nothing is saved."""
    error = refused(journal, "inf", {**GOOD_INFUSION, field: value})
    assert error.field == field or error.field.startswith(("diastolic", "systolic"))
    assert str(value) in str(error) or error.value is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("severity", 11),
        ("severity", -1),
        ("severity", "bad"),
        ("severity", 4.5),
        ("severity", None),
        ("symptom", "hiccups"),
        ("onset", "yesterday"),
        ("resolved", "2026-03-02T17:00"),
        ("infusion", "inf-missing"),
        ("unusual", "yes"),
    ],
)
def test_bad_side_effect_fields_are_refused(journal, field, value) -> None:
    """Severity outside 0-10, unknown symptoms, resolved before onset and the like are refused."""
    error = refused(journal, "se", {**GOOD_EFFECT, field: value})
    assert error.field == field


def test_other_symptom_needs_a_description(journal) -> None:
    """Choosing 'other' requires a short description of the symptom."""
    error = refused(journal, "se", {**GOOD_EFFECT, "symptom": "other"})
    assert error.field == "other_label"
    saved = journal.add(
        "se", {**GOOD_EFFECT, "symptom": "other", "other_label": "Hiccups"}, now=NOW
    )
    assert saved.other_label == "Hiccups"


@pytest.mark.parametrize(
    ("value", "unit"),
    [("29.9", "C"), ("45.1", "C"), ("85", "F"), ("114", "F"), ("abc", "C"), ("", "C")],
)
def test_implausible_temperatures_are_refused(journal, value, unit) -> None:
    """Temperatures outside a human range for their unit are refused."""
    error = refused(journal, "t", {**GOOD_TEMPERATURE, "value": value, "unit": unit})
    assert error.field == "value"


def test_temperature_unit_must_be_c_or_f(journal) -> None:
    """A unit other than C or F is refused."""
    assert refused(journal, "t", {**GOOD_TEMPERATURE, "unit": "K"}).field == "unit"


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "party"), ("title", "  "), ("due", "2026-13-01"), ("done", "soon")],
)
def test_bad_follow_up_fields_are_refused(journal, field, value) -> None:
    """Unknown kinds, empty titles and bad dates are refused for follow-ups."""
    assert refused(journal, "f", {**GOOD_FOLLOW_UP, field: value}).field == field


def test_error_message_names_field_and_value(journal) -> None:
    """The message a person sees says which field and what value was wrong."""
    error = refused(journal, "se", {**GOOD_EFFECT, "severity": 12})
    assert "severity" in str(error) and "12" in str(error) and "0 (none) to 10" in str(error)


def test_good_entries_are_saved_exactly(journal) -> None:
    """Valid entries are saved with their values intact, including the temperature's unit."""
    saved = journal.add("t", GOOD_TEMPERATURE, now=NOW)
    assert journal.get(saved.id) == saved
    assert str(saved.value) == "100.4" and saved.unit == "F"
    effect = journal.add("se", {**GOOD_EFFECT, "resolved": "2026-03-03"}, now=NOW)
    assert journal.get(effect.id).resolved.isoformat() == "2026-03-03T00:00:00"


@pytest.mark.parametrize(
    ("kind", "draft", "field"),
    [
        ("inf", {**GOOD_INFUSION, "start": "0999-06-01T10:00"}, "start"),
        ("f", {**GOOD_FOLLOW_UP, "done": "9999-12-31"}, "done"),
        ("t", {**GOOD_TEMPERATURE, "notes": "bad \ud800 text"}, "notes"),
        ("t", {**GOOD_TEMPERATURE, "value": 10**5000}, "value"),
    ],
)
def test_typing_slips_and_unsavable_text_are_refused_by_name(journal, kind, draft, field) -> None:
    """Implausible years, text that cannot be saved and absurd numbers get a clear message."""
    assert refused(journal, kind, draft).field == field
