"""Test results in words, and the catalog's treatment-specific notes that apply to one.

Shared by the alert rule, the window, the summary and the command line, so a result reads the
same everywhere. The only range is the lab's, as the person copied it from the report.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from msjournal.model.catalog import Catalog, TestNote
from msjournal.model.records import JournalData, TestResult

SYMPTOM_WINDOW = timedelta(days=30)  # a side effect this close to the sample goes with it


def number_text(value: Decimal) -> str:
    """A number as printed on a report, without an exponent or trailing zeros lost."""
    return format(value, "f")


def value_text(result: TestResult) -> str:
    """'95 ×10⁹/L', 'positive', or '0.42 index (borderline)'."""
    parts = []
    if result.value is not None:
        unit = f" {result.unit}" if result.unit and result.unit != "index" else ""
        if result.unit == "lesions" and result.value == 1:
            unit = " lesion"
        parts.append(f"{number_text(result.value)}{unit}")
    if result.qualitative:
        parts.append(f"({result.qualitative})" if parts else result.qualitative)
    return " ".join(parts)


def range_text(result: TestResult) -> str:
    """The lab's range as printed: '150–400', 'below 5', 'above 3.5', or ''."""
    low, high = result.reference_low, result.reference_high
    if low is not None and high is not None:
        return f"{number_text(low)}–{number_text(high)}"
    if high is not None:
        return f"up to {number_text(high)}"
    if low is not None:
        return f"from {number_text(low)}"
    return ""


def side(result: TestResult) -> str:
    """'low', 'high', or '' when inside the lab's range (or no range was entered)."""
    if result.value is None:
        return ""
    if result.reference_low is not None and result.value < result.reference_low:
        return "low"
    if result.reference_high is not None and result.value > result.reference_high:
        return "high"
    return ""


def marker(result: TestResult) -> str:
    """The plain marker shown beside a result outside the lab's range."""
    found = side(result)
    return {"low": "below the lab's range", "high": "above the lab's range"}.get(found, "")


def result_line(result: TestResult, catalog: Catalog) -> str:
    """One line a person or a doctor reads: name, value, range and marker."""
    name = catalog.test_name(result.test, result.other_label)
    line = f"{name}: {value_text(result)}"
    if shown := range_text(result):
        line += f" (lab range {shown})"
    if found := marker(result):
        line += f", {found}"
    return line


def _treatments(data: JournalData) -> set[str]:
    found = {i.treatment for i in data.infusions}
    if data.plan is not None:
        found.add(data.plan.treatment)
    return found


def _symptom_near(data: JournalData, result: TestResult, symptoms: tuple[str, ...]) -> bool:
    taken = result.moment
    return any(
        e.symptom in symptoms and abs(e.onset - taken) <= SYMPTOM_WINDOW for e in data.side_effects
    )


def notes_for(result: TestResult, data: JournalData, catalog: Catalog) -> list[TestNote]:
    """The catalog's notes for this result's test, treatments and side of the lab's range."""
    test = catalog.tests.get(result.test)
    found = side(result)
    if test is None or not found:
        return []
    treatments = _treatments(data)
    return [
        note
        for note in test.notes
        if note.when in ("any", found)
        and treatments.intersection(note.treatments)
        and (not note.with_symptoms or _symptom_near(data, result, note.with_symptoms))
    ]


def note_text(note: TestNote) -> str:
    """A note with its sources, and a warning where the catalog marks it unverified."""
    text = note.text
    if note.unverified:
        text += " (This fact could not be confirmed in a label: check it with your team.)"
    if note.sources:
        text += f" Source: {'; '.join(note.sources)}."
    return text
