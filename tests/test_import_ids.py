"""Ids in an imported journal file are the writer's, not ours.

The issue (clinical reviewer): "Import refuses ids that do not carry the product's own
prefixes. A file whose infusion id is "i1" or "2026-03-02-tysabri" is refused ("ids of
infusions start with 'inf-'"). Ids in a JSON file are the writer's, not ours: any non-empty
text (trimmed, up to 200 characters, no control characters) unique within its section is
accepted; links (`infusion` of a side effect, acknowledgement keys) follow the file's ids;
export keeps them; re-importing the same file still adds nothing. Keep the product's own ids
for entries made in the window."

The window finds an entry by its id alone, whatever its kind, so an id may also name only one
entry across the sections of a file, and an id the journal already holds for another kind of
entry is refused; the same id for the same kind is "already present", as before.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from msjournal.exchange import journal_format
from msjournal.exchange.import_preview import preview_import
from msjournal.exchange.journal_format import dumps, ids_by_section, loads, read_file
from msjournal.journal import ImportCounts, Journal
from msjournal.model.errors import ValidationError
from msjournal.model.kinds import FOLLOW_UP, INFUSION, SIDE_EFFECT, TEMPERATURE
from msjournal.model.records import Infusion
from msjournal.rules import alerts as alert_rules
from tests.conftest import NOW

ISSUE_IDS = ["i1", "2026-03-02-tysabri"]


def journal_file(infusion_id: str = "i1") -> dict[str, Any]:
    """A file written by another tool: none of its ids carries our prefixes."""
    document: dict[str, Any] = {
        "format": "msjournal",
        "version": 1,
        "acknowledgements": [
            {"alert": "fever:morning of 3 March", "at": "2026-03-03T09:00", "note": "Called"}
        ],
        "infusions": [
            {
                "id": infusion_id,
                "treatment": "natalizumab",
                "start": "2026-03-02T09:30",
                "end": "2026-03-02T10:40",
                "dose": 300,
                "dose_unit": "mg",
            }
        ],
        "side_effects": [
            {
                "id": "headache after " + infusion_id.strip(),
                "infusion": infusion_id,
                "symptom": "headache",
                "severity": 4,
                "onset": "2026-03-02T18:00",
            }
        ],
        "temperatures": [
            {"id": "morning of 3 March", "taken": "2026-03-03T07:30", "value": 39.2, "unit": "C"}
        ],
        "follow_ups": [
            {"id": "7", "kind": "appointment", "title": "Neurologist review", "due": "2026-04-01"}
        ],
        "relapses": [
            {
                "id": "flare in February",
                "onset": "2026-02-10T08:00",
                "description": "Numb left hand",
                "areas": ["sensation", "arm_or_hand"],
                "impact": "mild",
            }
        ],
        "test_results": [
            {
                "id": "lab 12",
                "test": "jcv_index",
                "taken": "2026-03-01",
                "value": 0.42,
                "follow_up": "7",
            }
        ],
    }
    return document


def import_document(journal: Journal, document: dict[str, Any]) -> ImportCounts:
    """As the window and `msjournal import` do: parse against the journal, then add."""
    data = loads(
        json.dumps(document),
        journal.catalog,
        {i.id for i in journal.infusions()},
        now=NOW,
        journal_ids=ids_by_section(journal),
    )
    return journal.add_records(data)


def refusal(journal: Journal, document: dict[str, Any]) -> ValidationError:
    """The refusal of a file; the journal must be left exactly as it was."""
    before = journal.snapshot()
    with pytest.raises(ValidationError) as caught:
        import_document(journal, document)
    assert journal.snapshot() == before, "a refused file writes nothing"
    return caught.value


# ---------------------------------------------------------------- accepted


@pytest.mark.parametrize("infusion_id", ISSUE_IDS)
def test_an_infusion_id_without_our_prefix_is_accepted(journal: Journal, infusion_id: str) -> None:
    """'A file whose infusion id is "i1" or "2026-03-02-tysabri" is refused': now accepted."""
    counts = import_document(journal, journal_file(infusion_id))
    assert counts.added == {
        "infusions": 1,
        "side_effects": 1,
        "temperatures": 1,
        "follow_ups": 1,
        "relapses": 1,
        "test_results": 1,
    }
    infusion = journal.get(infusion_id)
    assert isinstance(infusion, Infusion) and infusion.id == infusion_id
    assert journal.kind_of(infusion_id) is INFUSION
    assert journal.kind_of("headache after " + infusion_id) is SIDE_EFFECT
    assert journal.kind_of("morning of 3 March") is TEMPERATURE
    assert journal.kind_of("7") is FOLLOW_UP


@pytest.mark.parametrize("infusion_id", ISSUE_IDS)
def test_a_side_effect_keeps_its_link_to_the_files_infusion(
    journal: Journal, infusion_id: str
) -> None:
    """'links (`infusion` of a side effect ...) follow the file's ids'."""
    import_document(journal, journal_file(infusion_id))
    assert journal.get("headache after " + infusion_id).infusion == infusion_id


def test_acknowledgement_keys_follow_the_files_ids(journal: Journal) -> None:
    """'links (... acknowledgement keys) follow the file's ids': the fever alert raised by the
    file's temperature "morning of 3 March" is the one its acknowledgement marks as seen."""
    import_document(journal, journal_file())
    fever = [
        alert
        for alert in alert_rules.all_alerts(journal.snapshot(), journal.catalog, NOW)
        if alert.rule == "fever"
    ]
    assert [alert.key for alert in fever] == ["fever:morning of 3 March"]
    assert fever[0].acknowledged_at is not None and fever[0].acknowledgement_note == "Called"


def test_export_keeps_the_files_ids(journal: Journal, tmp_path: Path) -> None:
    """'export keeps them': the exported file carries the same ids and links, and reads back
    into an empty journal as the same journal."""
    document = journal_file("2026-03-02-tysabri")
    import_document(journal, document)
    exported = json.loads(dumps(journal.snapshot()))
    for section in journal_format.SECTIONS:
        assert [r["id"] for r in exported[section]] == [r["id"] for r in document[section]]
    assert exported["side_effects"][0]["infusion"] == "2026-03-02-tysabri"
    assert exported["acknowledgements"][0]["alert"] == "fever:morning of 3 March"
    with Journal.open(tmp_path / "copy.sqlite") as copy_journal:
        import_document(copy_journal, exported)
        assert copy_journal.snapshot() == journal.snapshot()


def test_reimporting_the_same_file_adds_nothing(journal: Journal) -> None:
    """'re-importing the same file still adds nothing'."""
    import_document(journal, journal_file())
    before = journal.snapshot()
    counts = import_document(journal, journal_file())
    assert sum(counts.added.values()) == 0 and counts.already_present == 6
    assert journal.snapshot() == before


def test_the_import_preview_counts_the_files_ids(journal: Journal, tmp_path: Path) -> None:
    """The window's Import: read_file, then the preview, new the first time, present the next."""
    path = tmp_path / "other-tool.json"
    path.write_text(json.dumps(journal_file()), encoding="utf-8")
    data = read_file(path, journal.catalog, now=NOW, journal_ids=ids_by_section(journal))
    assert preview_import(data, journal.existing_ids(), False).total_new == 6
    journal.add_records(data)
    again = read_file(path, journal.catalog, now=NOW, journal_ids=ids_by_section(journal))
    preview = preview_import(again, journal.existing_ids(), True)
    assert (preview.total_new, preview.total_present) == (0, 6)


def test_white_space_around_an_id_is_trimmed(journal: Journal) -> None:
    """'trimmed': spaces and tabs around an id go, and a link written with them still finds it."""
    document = journal_file(" i1\t")
    document["side_effects"][0]["infusion"] = "i1 "
    document["temperatures"][0]["id"] = "  morning of 3 March "
    import_document(journal, document)
    assert journal.get("i1").id == "i1"
    assert journal.get("headache after i1").infusion == "i1"
    assert journal.get("morning of 3 March").id == "morning of 3 March"


def test_an_id_of_200_characters_is_accepted(journal: Journal) -> None:
    """'up to 200 characters', counted after trimming."""
    long_id = "x" * 200
    document = journal_file(f" {long_id} ")
    document["side_effects"][0]["id"] = "y" * 200
    import_document(journal, document)
    assert journal.kind_of(long_id) is INFUSION and journal.kind_of("y" * 200) is SIDE_EFFECT
    assert json.loads(dumps(journal.snapshot()))["infusions"][0]["id"] == long_id


def test_an_id_of_201_characters_is_refused(journal: Journal) -> None:
    """'up to 200 characters': one more is refused, naming the record, the field and the value."""
    for section in journal_format.SECTIONS:
        document = journal_file()
        document[section][0]["id"] = "x" * 201
        error = refusal(journal, document)
        assert (error.field, error.record) == ("id", f"{section}[0]")
        assert "at most 200 characters" in str(error) and "'xxxxxxxxxx" in str(error)


@pytest.mark.parametrize("entry_id", ["", "   ", None, 7, ["i1"]])
def test_an_empty_or_non_text_id_is_refused(journal: Journal, entry_id: object) -> None:
    """'any non-empty text': an empty id, white space alone or a number is refused."""
    document = journal_file()
    document["temperatures"][0]["id"] = entry_id
    error = refusal(journal, document)
    assert (error.field, error.record, error.value) == ("id", "temperatures[0]", entry_id)


@pytest.mark.parametrize("odd", ["\x00", "\x1b[31m", "\u202e", "\u200b", "\u2028"])
def test_ids_still_cannot_hold_control_or_invisible_characters(journal: Journal, odd: str) -> None:
    """'no control characters': kept from the earlier hardening, for any id, prefixed or not."""
    error = refusal(journal, journal_file(f"i{odd}1"))
    assert (error.field, error.record, error.value) == ("id", "infusions[0]", f"i{odd}1")
    assert "\n" not in str(error) and "\u202e" not in str(error)


# ---------------------------------------------------------------- unique ids


def test_the_same_id_twice_in_a_section_is_refused(journal: Journal) -> None:
    """'unique within its section': the second record is named, and the first one too."""
    document = journal_file()
    document["temperatures"].append({**document["temperatures"][0], "value": 37.0})
    error = refusal(journal, document)
    assert (error.field, error.record, error.value) == (
        "id",
        "temperatures[1]",
        "morning of 3 March",
    )
    assert "temperatures[0]" in str(error)


def test_ids_that_differ_only_by_surrounding_spaces_are_the_same_id(journal: Journal) -> None:
    """Trimmed first, then compared: "i1" and " i1" are one id."""
    document = journal_file()
    document["infusions"].append({**document["infusions"][0], "id": " i1 ", "dose": 150})
    error = refusal(journal, document)
    assert (error.field, error.record) == ("id", "infusions[1]")


@pytest.mark.parametrize(
    ("section", "other"),
    [
        ("side_effects", "infusions[0]"),
        ("temperatures", "infusions[0]"),
        ("follow_ups", "infusions[0]"),
    ],
)
def test_the_same_id_in_two_sections_is_refused(journal: Journal, section: str, other: str) -> None:
    """The window looks an entry up by its id across all kinds, so one id names one entry:
    the refusal names both sections."""
    document = journal_file()
    document[section][0]["id"] = "i1"
    error = refusal(journal, document)
    assert (error.field, error.record, error.value) == ("id", f"{section}[0]", "i1")
    assert other in str(error)


def test_an_id_the_journal_has_for_another_kind_is_refused(journal: Journal) -> None:
    """A follow-up "7" is in the journal: a file whose infusion is "7" is refused, naming the
    record and the kind the journal already has under that id."""
    import_document(journal, journal_file())
    document = journal_file("7")
    document["follow_ups"] = []
    error = refusal(journal, document)
    assert (error.field, error.record, error.value) == ("id", "infusions[0]", "7")
    assert "follow-up" in str(error)


def test_a_file_id_that_is_an_infusion_of_the_journal_is_refused_for_another_kind(
    journal: Journal,
) -> None:
    """With only the journal's infusions known (what the window and `msjournal import` pass
    as existing infusions), a side effect named like one of them is still refused."""
    import_document(journal, journal_file())
    document = journal_file("i2")
    document["side_effects"][0]["id"] = "i1"
    before = journal.snapshot()
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document), journal.catalog, {i.id for i in journal.infusions()}, NOW)
    assert (caught.value.field, caught.value.record, caught.value.value) == (
        "id",
        "side_effects[0]",
        "i1",
    )
    assert "infusion" in str(caught.value)
    assert journal.snapshot() == before


def test_an_id_the_journal_has_for_the_same_kind_is_already_present(journal: Journal) -> None:
    """The same id for the same kind is skipped as already present, as before; the rest of the
    file is added."""
    import_document(journal, journal_file())
    document = copy.deepcopy(journal_file())
    document["temperatures"].append(
        {"id": "evening of 3 March", "taken": "2026-03-03T19:30", "value": 37.4, "unit": "C"}
    )
    counts = import_document(journal, document)
    assert counts.added == {
        "infusions": 0,
        "side_effects": 0,
        "temperatures": 1,
        "follow_ups": 0,
        "relapses": 0,
        "test_results": 0,
    }
    assert counts.already_present == 6


# ---------------------------------------------------------------- our own ids


def test_the_windows_new_entries_still_get_our_own_ids(journal: Journal) -> None:
    """'Keep the product's own ids for entries made in the window.'"""
    import_document(journal, journal_file())
    infusion = journal.add_infusion(
        {"treatment": "natalizumab", "start": "2026-03-30T09:30"}, now=NOW
    )
    effect = journal.add_side_effect(
        {"symptom": "fatigue", "severity": 3, "onset": "2026-03-02T20:00", "infusion": "i1"},
        now=NOW,
    )
    temperature = journal.add_temperature(
        {"taken": "2026-03-04T08:00", "value": "37.0", "unit": "C"}, now=NOW
    )
    follow_up = journal.add_follow_up({"kind": "mri", "title": "MRI", "due": "2026-05-01"})
    assert infusion.id.startswith("inf-") and effect.id.startswith("se-")
    assert temperature.id.startswith("t-") and follow_up.id.startswith("f-")
    assert effect.infusion == "i1"


def test_msjournal_import_accepts_the_issues_file(tmp_path: Path) -> None:
    """The command line, as the reviewer ran it: the file is imported, not refused."""
    file = tmp_path / "other-tool.json"
    file.write_text(json.dumps(journal_file("2026-03-02-tysabri")), encoding="utf-8")
    journal = tmp_path / "j.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "msjournal", "import", str(file), "--journal", str(journal)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with Journal.open(journal) as opened:
        assert opened.get("2026-03-02-tysabri").id == "2026-03-02-tysabri"
        assert opened.get("headache after 2026-03-02-tysabri").infusion == "2026-03-02-tysabri"


def test_an_id_the_journal_has_for_another_kind_is_refused_by_the_command(tmp_path) -> None:
    """`msjournal import`: a file infusion "7" when the journal has a follow-up "7" is refused
    with a message, not a database error, and nothing is written."""
    import json

    from msjournal.cli.main import main
    from msjournal.journal import Journal
    from msjournal.model.records import FollowUp, JournalData

    path = tmp_path / "journal.sqlite"
    with Journal.open(path) as journal:
        journal.add_records(
            JournalData(follow_ups=(FollowUp("7", "appointment", "Review", date(2026, 7, 1)),))
        )
    data = {
        "format": "msjournal",
        "version": 1,
        "infusions": [{"id": "7", "treatment": "natalizumab", "start": "2026-03-02T09:00"}],
    }
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data))
    assert main(["import", str(file), "--journal", str(path)]) == 1
    with Journal.open(path) as journal:
        assert journal.infusions() == []
