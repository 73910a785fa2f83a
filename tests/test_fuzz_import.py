"""Malformed imports (Hypothesis): never an unhandled exception, and a refusal changes nothing."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msjournal.cli.main import main
from msjournal.exchange.journal_format import loads, read_file
from msjournal.model.catalog import load_catalog
from msjournal.model.errors import JournalError
from tests.safety_helpers import digest, filled_journal
from tests.strategies import examples

CATALOG = load_catalog()
# 300 inputs per importer on every run; HYPOTHESIS_PROFILE=thorough sends 3,000.
FUZZ = settings(
    examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

VALID: dict[str, Any] = {
    "format": "msjournal",
    "version": 1,
    "infusions": [
        {
            "id": "inf-a",
            "treatment": "natalizumab",
            "start": "2026-01-05 09:00",
            "dose": 300,
            "dose_unit": "mg",
        }
    ],
    "side_effects": [
        {
            "id": "se-a",
            "symptom": "headache",
            "severity": 2,
            "onset": "2026-01-05 15:00",
            "infusion": "inf-a",
        }
    ],
    "temperatures": [{"id": "t-a", "taken": "2026-01-05 08:00", "value": 37.2, "unit": "C"}],
    "follow_ups": [{"id": "f-a", "kind": "appointment", "title": "Review", "due": "2026-02-01"}],
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
SECTIONS = ("infusions", "side_effects", "temperatures", "follow_ups")
FIELDS = (
    "id",
    "treatment",
    "start",
    "end",
    "dose",
    "symptom",
    "severity",
    "onset",
    "infusion",
    "taken",
    "value",
    "unit",
    "kind",
    "title",
    "due",
    "done",
    "vitals_before",
    "notes",
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A valid journal file with a few fields, sections or header values replaced by junk."""
    document = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(("field", "section", "header", "record")))
        if where == "header":
            document[draw(st.sampled_from(("format", "version")))] = draw(json_values)
        elif where == "section":
            document[draw(st.sampled_from(SECTIONS + ("therapy_plan",)))] = draw(json_values)
        else:
            section = draw(st.sampled_from(SECTIONS))
            records = document.get(section)
            if isinstance(records, list) and records and isinstance(records[0], dict):
                if where == "record":
                    records.append(draw(json_values))
                else:
                    records[0][draw(st.sampled_from(FIELDS))] = draw(json_values)
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    cut = draw(st.none() | st.integers(0, len(text)))
    return text[:cut].encode("utf-8") if cut is not None else text.encode("utf-8")


raw_inputs = st.binary(max_size=2000) | st.text(max_size=500).map(str.encode) | mutated_documents()


@pytest.fixture(scope="module")
def shared_journal() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.sqlite"
        filled_journal(path).close()
        yield path


@FUZZ
@given(data=raw_inputs)
def test_loads_never_crashes(data: bytes) -> None:
    """Any bytes given to loads either parse into a journal or raise a JournalError."""
    try:
        loads(data, CATALOG)
    except JournalError as error:
        assert str(error)


@FUZZ
@given(data=raw_inputs)
def test_read_file_never_crashes(data: bytes, tmp_path: Path) -> None:
    """Any file given to read_file either parses or raises a JournalError with a message."""
    path = tmp_path / "import.json"
    path.write_bytes(data)
    try:
        read_file(path, CATALOG)
    except JournalError as error:
        assert str(error)


@FUZZ
@given(data=raw_inputs)
def test_import_command_refusal_changes_nothing(
    data: bytes, shared_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`msjournal import` on junk exits 1 with one line, and the journal is exactly as before."""
    path = tmp_path / "import.json"
    path.write_bytes(data)
    before = digest(shared_journal)
    code = main(["import", str(path), "--journal", str(shared_journal)])
    err = capsys.readouterr().err
    assert code in (0, 1)  # an unexpected exception would propagate out of main() here
    if code == 1:
        assert err.startswith("msjournal: ") and err.count("\n") == 1, err
        assert digest(shared_journal) == before
    else:
        assert err == ""
