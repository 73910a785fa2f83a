"""The JSON journal format: lossless round trip, all-or-nothing import with clear refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from msjournal.demo import build_demo
from msjournal.exchange.journal_format import dumps, loads, to_json
from msjournal.journal import Journal
from msjournal.model.errors import JournalError, ValidationError

EXAMPLE = {
    "format": "msjournal",
    "version": 1,
    "infusions": [
        {
            "id": "inf-1",
            "treatment": "natalizumab",
            "start": "2026-03-02T09:30",
            "end": "2026-03-02T10:40",
            "dose": 300,
            "dose_unit": "mg",
            "site": "left forearm",
            "location": "City Infusion Centre",
            "lot": "AB123",
            "notes": "",
        }
    ],
    "side_effects": [
        {
            "id": "se-1",
            "infusion": "inf-1",
            "symptom": "headache",
            "severity": 4,
            "onset": "2026-03-02T18:00",
            "resolved": None,
            "during_infusion": False,
            "unusual": False,
            "notes": "",
        }
    ],
    "temperatures": [{"id": "t-1", "taken": "2026-03-03T07:30", "value": 100.4, "unit": "F"}],
    "follow_ups": [
        {
            "id": "f-1",
            "kind": "appointment",
            "title": "Neurologist review",
            "due": "2026-04-01",
            "done": None,
            "notes": "",
        }
    ],
    "relapses": [
        {
            "id": "r-1",
            "onset": "2026-02-10T08:00",
            "description": "Blurred vision in my left eye",
            "areas": ["vision"],
            "impact": "moderate",
            "recovered": "2026-03-01",
            "recovery": "full",
            "confirmed": True,
            "treated_with": [],
            "notes": "",
        }
    ],
    "test_results": [
        {
            "id": "tr-1",
            "test": "lymphocytes",
            "taken": "2026-03-01",
            "value": 0.6,
            "unit": "×10⁹/L",
            "reference_low": 1.0,
            "reference_high": 4.0,
            "follow_up": "f-1",
            "notes": "",
        }
    ],
}


def import_text(journal: Journal, text: str):
    data = loads(text, journal.catalog, {i.id for i in journal.infusions()})
    return journal.add_records(data)


def test_the_documented_example_imports(journal) -> None:
    """The example in docs/journal-format.md imports as written."""
    counts = import_text(journal, json.dumps(EXAMPLE))
    assert counts.added == {
        "infusions": 1,
        "side_effects": 1,
        "temperatures": 1,
        "follow_ups": 1,
        "relapses": 1,
        "test_results": 1,
    }
    assert journal.get("se-1").infusion == "inf-1"
    assert str(journal.get("t-1").value) == "100.4"


def test_a_date_alone_is_allowed_for_a_date_time(journal) -> None:
    """'2026-03-03' where a date-time is expected means midnight."""
    doc = {
        **EXAMPLE,
        "temperatures": [{"id": "t-1", "taken": "2026-03-03", "value": 37.1, "unit": "C"}],
    }
    import_text(journal, json.dumps(doc))
    assert journal.get("t-1").taken.hour == 0


def test_export_then_import_is_lossless(journal, tmp_path) -> None:
    """Every field of a two-year demo journal survives export and re-import."""
    journal.add_records(build_demo(2, seed=3, today=date(2026, 6, 1)))
    journal.update_settings(
        person_name="Sam",
        temperature_unit="F",
        fever_threshold="38.0",
        fever_threshold_unit="C",
        questions="Is this normal?",
        overrides={"symptom.headache.expected_hours": 36},
    )
    journal.acknowledge("fever:t-1,t-2", "Called the nurse")
    original = journal.snapshot()
    text = dumps(original)
    fresh = Journal.open(tmp_path / "copy.sqlite")
    import_text(fresh, text)
    copy = fresh.snapshot()
    assert copy.infusions == original.infusions
    assert copy.side_effects == original.side_effects
    assert copy.temperatures == original.temperatures
    assert copy.follow_ups == original.follow_ups
    assert copy.plan == original.plan
    assert copy == original, "settings and the alert history come across too"
    fresh.close()


def test_importing_the_same_file_twice_adds_nothing_new(journal) -> None:
    """Records already in the journal (same id) are not duplicated."""
    import_text(journal, json.dumps(EXAMPLE))
    counts = import_text(journal, json.dumps(EXAMPLE))
    assert sum(counts.added.values()) == 0 and counts.already_present == 6


@pytest.mark.parametrize(
    ("change", "field", "record"),
    [
        (lambda d: d["side_effects"][0].update(severity=11), "severity", "se-1"),
        (lambda d: d["temperatures"][0].update(unit="K"), "unit", "t-1"),
        (lambda d: d["infusions"][0].update(treatment="aspirin"), "treatment", "inf-1"),
        (lambda d: d["side_effects"][0].update(infusion="inf-9"), "infusion", "se-1"),
        (lambda d: d["follow_ups"][0].update(due="next week"), "due", "f-1"),
        (lambda d: d["side_effects"][0].update(resolved="2026-03-01T00:00"), "resolved", "se-1"),
        (lambda d: d["temperatures"].append(dict(d["temperatures"][0])), "id", "temperatures[1]"),
        (lambda d: d["temperatures"][0].update(id="inf-1"), "id", "temperatures[0]"),
        (lambda d: d["infusions"][0].update(id="x" * 201), "id", "infusions[0]"),
    ],
)
def test_one_bad_record_refuses_the_whole_file(journal, change, field, record) -> None:
    """A file with any invalid record is refused with its id and field; nothing is added."""
    journal.add("t", {"taken": "2026-01-01T08:00", "value": "36.6", "unit": "C"})
    before = journal.snapshot()
    doc = json.loads(json.dumps(EXAMPLE))
    change(doc)
    with pytest.raises(ValidationError) as caught:
        import_text(journal, json.dumps(doc))
    assert caught.value.field == field and caught.value.record == record
    assert journal.snapshot() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "not an msjournal file"),
        ('{"format": "other", "version": 1}', "not an msjournal file"),
        ('{"format": "msjournal", "version": 99}', "version 99"),
        ('{"format": "msjournal", "version": 1, "infusions": {}}', "expected a list"),
        (
            '{"format": "msjournal", "version": 1, "temperatures": '
            '[{"id": "t-1", "taken": "2026-01-01", "value": NaN, "unit": "C"}]}',
            "not valid JSON",
        ),
    ],
)
def test_files_that_are_not_journals_are_refused(journal, text, message) -> None:
    """Bad files get a clear reason and change nothing."""
    with pytest.raises(JournalError, match=message):
        import_text(journal, text)
    assert journal.is_empty()


def test_format_header_and_field_names(journal) -> None:
    """Exports carry the format name, version and the documented field names."""
    import_text(journal, json.dumps(EXAMPLE))
    exported = to_json(journal.snapshot())
    assert exported["format"] == "msjournal" and exported["version"] == 1
    assert set(EXAMPLE["infusions"][0]) <= set(exported["infusions"][0])
    assert set(EXAMPLE["side_effects"][0]) <= set(exported["side_effects"][0])
    assert exported["temperatures"][0]["value"] == 100.4


def test_imported_entries_can_be_edited_and_deleted(journal) -> None:
    """Every imported record can be opened, changed and deleted like one typed in."""
    import_text(journal, json.dumps(EXAMPLE))
    journal.update("t-1", {"taken": "2026-03-03T07:30", "value": "99.1", "unit": "F"})
    assert str(journal.get("t-1").value) == "99.1"
    journal.delete("se-1")
    assert [s.id for s in journal.side_effects()] == []


def test_a_file_with_settings_does_not_overwrite_a_journals_own(journal) -> None:
    """Settings in a file are taken by a new journal only, never over the person's own."""
    journal.update_settings(person_name="Alex")
    doc = {**EXAMPLE, "settings": {"person_name": "Someone else", "temperature_unit": "F"}}
    import_text(journal, json.dumps(doc))
    assert journal.settings().person_name == "Alex"


def test_bad_settings_in_a_file_are_refused(journal) -> None:
    """A file whose settings are invalid is refused, naming the setting."""
    doc = {**EXAMPLE, "settings": {"fever_threshold": "hot"}}
    with pytest.raises(ValidationError) as caught:
        import_text(journal, json.dumps(doc))
    assert caught.value.field == "fever_threshold"
    assert journal.is_empty()


def test_fahrenheit_vitals_survive_export_and_import(journal, tmp_path) -> None:
    """An infusion temperature taken in °F comes back as °F (it used to block the import)."""
    infusion = journal.add(
        "inf",
        {
            "treatment": "natalizumab",
            "start": "2026-01-05T09:00",
            "temperature_before": "98.6",
            "temperature_before_unit": "F",
        },
    )
    fresh = Journal.open(tmp_path / "copy.sqlite")
    import_text(fresh, dumps(journal.snapshot()))
    assert fresh.get(infusion.id).vitals_before == infusion.vitals_before
    fresh.close()
