"""Property (Hypothesis): any draft is saved or refused with a clear message,
and a refusal writes nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msjournal.journal import Journal
from msjournal.model.catalog import load_catalog
from msjournal.model.errors import JournalError

CATALOG = load_catalog()
NOW = datetime(2026, 6, 15, 12, 0)
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIELDS = {
    "inf": [
        "treatment",
        "start",
        "end",
        "dose",
        "dose_unit",
        "dose_number",
        "site",
        "lot",
        "notes",
        "temperature_before",
        "temperature_before_unit",
        "pulse_before",
        "systolic_before",
        "diastolic_before",
        "temperature_after",
        "pulse_after",
    ],
    "se": [
        "symptom",
        "other_label",
        "severity",
        "onset",
        "resolved",
        "infusion",
        "during_infusion",
        "unusual",
        "notes",
    ],
    "t": ["taken", "value", "unit", "notes"],
    "f": ["kind", "title", "due", "done", "with_whom", "task", "treatment", "notes"],
}
PLAUSIBLE = {
    "treatment": "natalizumab",
    "start": "2026-01-05T09:00",
    "end": "2026-01-05T10:00",
    "dose": "300",
    "symptom": "headache",
    "severity": 3,
    "onset": "2026-01-05T12:00",
    "taken": "2026-01-05 08:00",
    "value": "37.2",
    "unit": "C",
    "kind": "appointment",
    "title": "Review",
    "due": "2026-02-01",
    "pulse_before": 70,
    "systolic_before": 120,
    "diastolic_before": 80,
    "temperature_before": 36.9,
}

characters = st.characters()
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.just(10**5000),
    st.floats(),
    st.text(characters, max_size=30),
    st.integers(9_990, 10_050).map(lambda n: "é" * n),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "NaN",
            "inf",
            "-0",
            "1e999999",
            "1E-999999",
            "37,5",
            "0999-01-01",
            "2026-02-30",
            "2026-01-05T25:00",
            "9999-12-31",
            "°F",
            "f",
            "other",
            "=1+1",
            "inf-x",
            "１２３",
            "٣٧",
        ]
    ),
    st.dates(min_value=date(1000, 1, 1)),
    st.datetimes(min_value=datetime(1000, 1, 1)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(FIELDS)))
    draft = {
        name: PLAUSIBLE[name] for name in FIELDS[kind] if name in PLAUSIBLE and draw(st.booleans())
    }
    for name in draw(st.lists(st.sampled_from(FIELDS[kind]), max_size=4)):
        draft[name] = draw(junk)
    return kind, draft


@pytest.fixture(scope="module")
def shared_journal() -> Iterator[Journal]:
    with tempfile.TemporaryDirectory() as folder:
        with Journal.open(Path(folder) / "j.sqlite", CATALOG) as journal:
            journal.add("inf", {"treatment": "natalizumab", "start": "2026-01-01T09:00"}, NOW)
            yield journal


@PROPERTY
@given(drafts())
def test_any_draft_is_saved_or_refused_cleanly(
    shared_journal: Journal, kind_and_draft: tuple[str, dict[str, Any]]
) -> None:
    """Whatever is typed, an entry is saved or refused with a message,
    and a refusal changes nothing."""
    kind, draft = kind_and_draft
    before = shared_journal.snapshot()
    try:
        record = shared_journal.add(kind, draft, NOW)
    except JournalError as error:
        assert str(error)
        assert shared_journal.snapshot() == before
    else:
        assert shared_journal.get(record.id) == record
