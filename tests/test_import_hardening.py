"""Hostile journal files: odd text, repeated keys, huge files; refused cleanly or kept intact."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from msjournal.cli.main import main
from msjournal.exchange.journal_format import MAX_FILE_BYTES, loads, read_file
from msjournal.journal import Journal
from msjournal.model.catalog import load_catalog
from msjournal.model.errors import JournalError, ValidationError
from tests.safety_helpers import digest, filled_journal

CATALOG = load_catalog()

# Every section and every free-text field a journal file can carry.
FULL: dict[str, Any] = {
    "format": "msjournal",
    "version": 1,
    "exported": "2026-03-05T10:00:00",
    "therapy_plan": {
        "treatment": "natalizumab",
        "started": "2025-01-01",
        "interval_days": None,
        "evaluation_done": True,
        "risks_discussed": True,
        "notes": "plan",
        "loading_done": False,
    },
    "settings": {
        "temperature_unit": "C",
        "fever_threshold": "100.0",
        "fever_threshold_unit": "F",
        "person_name": "Sam",
        "cumulative_region": "us",
        "questions": "Why?",
        "overrides": {"symptom.headache.expected_hours": 36},
    },
    "acknowledgements": [{"alert": "fever:t-1", "at": "2026-03-03T09:00", "note": "Called"}],
    "infusions": [
        {
            "id": "inf-1",
            "treatment": "natalizumab",
            "start": "2026-03-02T09:30",
            "end": "2026-03-02T10:40",
            "dose": 300,
            "dose_unit": "mg",
            "dose_number": 1,
            "site": "arm",
            "location": "centre",
            "administered_by": "nurse",
            "lot": "AB1",
            "premedications": "none",
            "notes": "fine",
            "vitals_before": {
                "temperature": 36.6,
                "temperature_unit": "C",
                "pulse": 70,
                "systolic": 120,
                "diastolic": 80,
            },
        }
    ],
    "side_effects": [
        {
            "id": "se-1",
            "symptom": "other",
            "severity": 4,
            "onset": "2026-03-02T18:00",
            "resolved": None,
            "other_label": "itch",
            "infusion": "inf-1",
            "during_infusion": False,
            "unusual": False,
            "notes": "mild",
        }
    ],
    "temperatures": [
        {"id": "t-1", "taken": "2026-03-03T07:30", "value": 100.4, "unit": "F", "notes": "morning"}
    ],
    "follow_ups": [
        {
            "id": "f-1",
            "kind": "appointment",
            "title": "Review",
            "due": "2026-04-01",
            "done": None,
            "with_whom": "Dr Lee",
            "task": "",
            "treatment": "",
            "notes": "bring list",
        }
    ],
}

# (path in the document, field name the refusal must give, record it must give)
TEXT_FIELDS: list[tuple[tuple[str | int, ...], str, str | None]] = [
    (("therapy_plan", "notes"), "notes", "therapy_plan"),
    (("settings", "person_name"), "person_name", "settings"),
    (("settings", "questions"), "questions", "settings"),
    (("acknowledgements", 0, "alert"), "alert", "acknowledgements[0]"),
    (("acknowledgements", 0, "note"), "note", "acknowledgements[0]"),
    (("infusions", 0, "site"), "site", "infusions[0]"),
    (("infusions", 0, "location"), "location", "infusions[0]"),
    (("infusions", 0, "administered_by"), "administered_by", "infusions[0]"),
    (("infusions", 0, "lot"), "lot", "infusions[0]"),
    (("infusions", 0, "premedications"), "premedications", "infusions[0]"),
    (("infusions", 0, "notes"), "notes", "infusions[0]"),
    (("side_effects", 0, "other_label"), "other_label", "side_effects[0]"),
    (("side_effects", 0, "notes"), "notes", "side_effects[0]"),
    (("temperatures", 0, "notes"), "notes", "temperatures[0]"),
    (("follow_ups", 0, "title"), "title", "follow_ups[0]"),
    (("follow_ups", 0, "with_whom"), "with_whom", "follow_ups[0]"),
    (("follow_ups", 0, "notes"), "notes", "follow_ups[0]"),
]
IDS = [
    ((section, 0, "id"), "id", f"{section}[0]")
    for section in ("infusions", "side_effects", "temperatures", "follow_ups")
]
# Other strings anywhere in the file: fields the import checks by name, and ones it ignores.
OTHER_STRINGS = [
    (("exported",), "exported", None),
    (("infusions", 0, "treatment"), "treatment", "infusions[0]"),
    (
        ("infusions", 0, "vitals_before", "temperature_unit"),
        "vitals_before.temperature_unit",
        "infusions[0]",
    ),
    (("settings", "temperature_unit"), "temperature_unit", "settings"),
    (("temperatures", 0, "a_future_field"), "a_future_field", "temperatures[0]"),
]
Where = tuple[str | int, ...]
Capture = pytest.CaptureFixture[str]


def with_value(path: Where, value: Any, document: dict[str, Any] | None = None) -> dict[str, Any]:
    changed = copy.deepcopy(FULL) if document is None else document
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


def value_at(document: Any, path: Where) -> Any:
    for step in path:
        document = document[step]
    return document


def write(tmp_path: Path, document: dict[str, Any], name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="ascii")  # \u escapes, lone surrogates included
    return path


def import_cli(file: Path, journal: Path, capsys: Capture) -> tuple[int, str]:
    code = main(["import", str(file), "--journal", str(journal)])
    return code, capsys.readouterr().err


# ---------------------------------------------------------------- lone surrogates


def test_lone_surrogate_id_is_refused_by_the_command_without_traceback(tmp_path: Path) -> None:
    """The tester's case, `"id": "t-\\udfff"`: one line naming id and value, exit 1, no journal."""
    file = write(tmp_path, with_value(("temperatures", 0, "id"), "t-\udfff"))
    journal = tmp_path / "new.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "msjournal", "import", str(file), "--journal", str(journal)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "id = 't-\\udfff'" in result.stderr and "temperatures[0]" in result.stderr
    assert not journal.exists()


def test_lone_surrogate_refusal_leaves_an_existing_journal_unchanged(
    tmp_path: Path, capsys: Capture
) -> None:
    """A refused file changes nothing in a journal that already has entries."""
    journal = tmp_path / "journal.sqlite"
    filled_journal(journal).close()
    before = digest(journal)
    file = write(tmp_path, with_value(("side_effects", 0, "notes"), "ok \ud800 then"))
    code, err = import_cli(file, journal, capsys)
    assert code == 1 and "notes = 'ok \\ud800 then'" in err and "side_effects[0]" in err
    assert digest(journal) == before


@pytest.mark.parametrize(("path", "field", "record"), TEXT_FIELDS + IDS + OTHER_STRINGS)
def test_lone_surrogate_in_any_string_is_refused_naming_it(
    tmp_path: Path, path: Where, field: str, record: str | None
) -> None:
    """The window's import (read_file, then the preview) refuses it with the field and the value."""
    file = write(tmp_path, with_value(path, "x\udc80y"))
    with pytest.raises(ValidationError) as caught:
        read_file(file, CATALOG)
    error = caught.value
    assert (error.field, error.record, error.value) == (field, record, "x\udc80y")
    assert "'x\\udc80y'" in str(caught.value)


def test_lone_surrogate_in_a_key_is_refused(tmp_path: Path) -> None:
    """Names count too: an own-value key with a lone surrogate is refused, not stored."""
    overrides = {"symptom.\udfff.expected_hours": 3}
    file = write(tmp_path, with_value(("settings", "overrides"), overrides))
    with pytest.raises(ValidationError, match=r"overrides = 'symptom\.\\udfff\.expected_hours'"):
        read_file(file, CATALOG)


def test_a_real_emoji_written_as_a_surrogate_pair_is_kept(journal: Journal, tmp_path: Path) -> None:
    """JSON's escaped pair \\ud83d\\ude42 is one emoji, not a lone surrogate: accepted."""
    file = write(tmp_path, with_value(("temperatures", 0, "notes"), "\U0001f642"))
    assert "\\ud83d\\ude42" in file.read_text(encoding="ascii")
    journal.add_records(read_file(file, CATALOG))
    assert journal.get("t-1").notes == "\U0001f642"


# ---------------------------------------------------------------- repeated keys


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            '"infusions": [{"id": "inf-1", "treatment": "natalizumab", '
            '"start": "2026-03-02T09:30", "dose": 300, "dose": 30}]',
            '"dose" appears twice in infusions[0]',
        ),
        (
            '"temperatures": [{"id": "t-1", "taken": "2026-03-03", "value": 37, "unit": "C"}, '
            '{"id": "t-2", "id": "t-3", "taken": "2026-03-03", "value": 37, "unit": "C"}]',
            '"id" appears twice in temperatures[1]',
        ),
        (
            '"infusions": [{"id": "inf-1", "treatment": "natalizumab", '
            '"start": "2026-03-02T09:30", "vitals_before": {"pulse": 70, "pulse": 170}}]',
            '"pulse" appears twice in infusions[0].vitals_before',
        ),
        (
            '"settings": {"person_name": "A", "person_name": "B"}',
            '"person_name" appears twice in settings',
        ),
        ('"infusions": [], "infusions": []', '"infusions" appears twice at the top of the file'),
    ],
)
def test_a_key_given_twice_is_refused_naming_it_and_where(
    tmp_path: Path, text: str, named: str, capsys: Capture
) -> None:
    """Last-one-wins would silently drop a value; the file is refused instead, nothing written."""
    file = tmp_path / "twice.json"
    file.write_text('{"format": "msjournal", "version": 1, ' + text + "}", encoding="utf-8")
    journal = tmp_path / "journal.sqlite"
    code, err = import_cli(file, journal, capsys)
    assert code == 1 and named in err and len(err.strip().splitlines()) == 1
    assert not journal.exists()


def test_the_same_key_in_different_records_is_fine() -> None:
    """Only a repeat within one object is refused: each record has its own "id" and "notes"."""
    document = copy.deepcopy(FULL)
    document["temperatures"].append({**FULL["temperatures"][0], "id": "t-2"})
    assert [t.id for t in loads(json.dumps(document), CATALOG).temperatures] == ["t-1", "t-2"]


# ---------------------------------------------------------------- size


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: Capture
) -> None:
    """A file over the limit is refused at once with its size and the limit; nothing is read."""
    import tracemalloc

    file = tmp_path / "huge.json"
    with file.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_FILE_BYTES + 1)
    tracemalloc.start()
    try:
        with pytest.raises(JournalError) as caught:
            read_file(file, CATALOG)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    message = str(caught.value)
    assert f"{(MAX_FILE_BYTES + 1) / 1_000_000:.1f} MB" in message
    assert f"at most {MAX_FILE_BYTES // 1_000_000} MB" in message
    journal = tmp_path / "journal.sqlite"
    assert import_cli(file, journal, capsys)[0] == 1 and not journal.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_read_endlessly() -> None:
    """Something that is not a plain file (a device, a pipe) is refused, not read without end."""
    with pytest.raises(JournalError, match="not a regular file"):
        read_file(Path("/dev/zero"), CATALOG)


def test_the_documented_limit_is_the_one_applied() -> None:
    """docs/journal-format.md states the limit the code uses."""
    docs = (Path(__file__).parent.parent / "docs" / "journal-format.md").read_text(encoding="utf-8")
    assert f"{MAX_FILE_BYTES // 1_000_000} MB" in docs


# ---------------------------------------------------------------- odd text


ODD_TEXT = {
    "nul": "a\x00b",
    "controls": "a\x01\x07\x1b[31mb\x7f\x9b",
    "newlines": "a\r\nb\u2028c",
    "tab": "a\tb",
    "rtl": "a\u202ecba\u200fz",
    "isolates": "a\u2067x\u2069b",
    "zero width": "a\u200b\u200d\ufeffb",
    "emoji": "\U0001f642\U0001f469\U0001f3fd\u200d\u2695\ufe0f",
    "combining": "e\u0301\u0327a\u0308",
    "noncharacters": "a\uffff\U0010ffffb",
    "10k": "x" * 10_000,
}


def odd_document(odd: str) -> dict[str, Any]:
    """FULL with the odd text in every free-text field, cut to each field's own limit."""
    document = copy.deepcopy(FULL)
    limits = {
        "site": 200,
        "location": 200,
        "administered_by": 200,
        "lot": 100,
        "premedications": 1000,
        "other_label": 200,
        "title": 200,
        "with_whom": 200,
        "note": 2000,
        "person_name": 200,
        "alert": 1990,
    }
    for path, field, _ in TEXT_FIELDS:
        value = odd[: limits.get(field, 10_000)]
        with_value(path, f"fever:t-1{value}" if field == "alert" else value, document)
    return document


@pytest.mark.parametrize("name", ODD_TEXT)
def test_odd_text_that_is_accepted_comes_back_unchanged(
    tmp_path: Path, name: str, capsys: Capture
) -> None:
    """Import, then export: every free-text field holds exactly what the file held."""
    document = odd_document(ODD_TEXT[name])
    journal, out = tmp_path / "journal.sqlite", tmp_path / "out.json"
    code, err = import_cli(write(tmp_path, document), journal, capsys)
    assert code == 0, err
    assert main(["export", "json", "--journal", str(journal), "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    for path, _, _ in TEXT_FIELDS:
        assert value_at(exported, path) == value_at(document, path), path


def _refusal(document: dict[str, Any]) -> JournalError | None:
    try:
        loads(json.dumps(document), CATALOG)
    except JournalError as error:
        return error
    return None


def _name_in_message(path: Where) -> str:
    return "temperature_before_unit" if "vitals_before" in path else str(path[-1])


@pytest.mark.parametrize("name", [*ODD_TEXT, "too long"])
def test_odd_text_that_is_refused_is_refused_cleanly(name: str) -> None:
    """Wherever odd text goes (ids, units, names), a refusal is one line naming field and value."""
    odd = ODD_TEXT.get(name, "y" * 10_001)
    for path, field, _ in TEXT_FIELDS + IDS + OTHER_STRINGS:
        value = f"{value_at(FULL, path)}{odd}" if field in ("id", "alert") else odd
        document = with_value(path, value)
        if path == ("infusions", 0, "id"):
            with_value(("side_effects", 0, "infusion"), value, document)
        error = _refusal(document)
        if error is None:
            continue
        message = str(error)
        assert not set(message) & {"\n", "\r", "\x1b", "\u2028", "\u202e"}, (path, message)
        assert _name_in_message(path) in message and repr(value)[:20] in message, (path, message)


@pytest.mark.parametrize("odd", ["\x00", "\x1b[31m", "\n", "\u2028", "\u202e", "\x85", "\u200b"])
def test_an_id_with_control_characters_is_refused(odd: str) -> None:
    """Ids are printed in messages and alert keys: control, line and direction marks are refused."""
    error = _refusal(with_value(("temperatures", 0, "id"), f"t-1{odd}2"))
    assert isinstance(error, ValidationError)
    assert (error.field, error.record) == ("id", "temperatures[0]")
    assert "\n" not in str(error) and repr(f"t-1{odd}2") in str(error)


def test_spaces_around_text_are_trimmed_as_in_the_window(journal: Journal) -> None:
    """The one documented change on import: spaces before and after a text are dropped."""
    document = with_value(("temperatures", 0, "notes"), "  warm  ")
    journal.add_records(loads(json.dumps(document), CATALOG))
    assert journal.get("t-1").notes == "warm"


def test_trimmed_ids_still_match_the_side_effects_that_point_to_them(journal: Journal) -> None:
    """An infusion id written with spaces around it is still found by its side effects."""
    document = with_value(("infusions", 0, "id"), " inf-1 ")
    with_value(("side_effects", 0, "infusion"), "inf-1 ", document)
    journal.add_records(loads(json.dumps(document), CATALOG))
    assert journal.get("se-1").infusion == "inf-1"


def test_the_window_shows_the_refusal_with_field_and_escaped_value(tmp_path: Path) -> None:
    """File › Import: the message box names the record, the field and the value, escaped."""
    from msjournal.ui.dialogs.exchange_dialogs import refusal_text

    file = write(tmp_path, with_value(("temperatures", 0, "id"), "t-\udfff"), name="bad.json")
    with pytest.raises(JournalError) as caught:
        read_file(file, CATALOG)
    text = refusal_text(file, caught.value)
    assert "Nothing was imported from bad.json" in text
    assert "In record temperatures[0], the field “id” is 't-\\udfff'" in text
