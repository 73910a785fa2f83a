"""Saving, editing, deleting and undoing entries; settings; the schema."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from msjournal.journal import Journal
from msjournal.model.errors import JournalError, ValidationError
from msjournal.storage import models, schema
from tests.conftest import NOW


def test_new_journal_has_durable_settings(journal, journal_path) -> None:
    """The journal uses WAL, synchronous FULL, foreign keys and secure delete."""
    pragma = lambda name: models.database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("user_version") == schema.SCHEMA_VERSION
    assert pragma("application_id") == schema.APPLICATION_ID


def test_entries_survive_closing_and_reopening(journal, journal_path) -> None:
    """What was saved is there after the journal is closed and opened again."""
    infusion = journal.add(
        "inf",
        {
            "treatment": "natalizumab",
            "start": "2026-03-02T09:30",
            "dose": "300",
            "dose_unit": "mg",
            "lot": "AB123",
            "temperature_before": "36.8",
            "pulse_before": "72",
        },
        now=NOW,
    )
    effect = journal.add(
        "se",
        {
            "symptom": "headache",
            "severity": 4,
            "onset": "2026-03-02T18:00",
            "infusion": infusion.id,
        },
        now=NOW,
    )
    journal.close()
    reopened = Journal.open(journal_path)
    assert reopened.get(infusion.id) == infusion
    assert reopened.get(effect.id).infusion == infusion.id
    assert reopened.get(infusion.id).vitals_before.temperature == Decimal("36.8")
    reopened.close()


def test_editing_keeps_the_id_and_validates(journal) -> None:
    """Editing replaces the fields, keeps the id, and refuses bad values without writing."""
    effect = journal.add(
        "se", {"symptom": "headache", "severity": 4, "onset": "2026-03-02T18:00"}, now=NOW
    )
    edited = journal.update(
        effect.id,
        {
            "symptom": "headache",
            "severity": 6,
            "onset": "2026-03-02T18:00",
            "resolved": "2026-03-03T08:00",
        },
        now=NOW,
    )
    assert edited.id == effect.id and journal.get(effect.id).severity == 6
    with pytest.raises(ValidationError):
        journal.update(
            effect.id, {"symptom": "headache", "severity": 60, "onset": "2026-03-02T18:00"}, now=NOW
        )
    assert journal.get(effect.id).severity == 6


def test_delete_then_undo_restores_entry_and_links(journal) -> None:
    """Deleting an infusion unlinks its side effects; undo puts both back as they were."""
    infusion = journal.add(
        "inf", {"treatment": "natalizumab", "start": "2026-03-02T09:30"}, now=NOW
    )
    effect = journal.add(
        "se",
        {"symptom": "fatigue", "severity": 3, "onset": "2026-03-03T08:00", "infusion": infusion.id},
        now=NOW,
    )
    before = journal.snapshot()
    record, unlinked = journal.delete(infusion.id)
    assert journal.infusions() == [] and journal.get(effect.id).infusion is None
    journal.undo_delete(record, unlinked)
    assert journal.snapshot() == before


def test_follow_up_can_be_marked_done(journal) -> None:
    """Marking a follow-up done records the day and the outcome."""
    follow = journal.add(
        "f", {"kind": "lab_test", "title": "Blood test", "due": "2026-06-01"}, now=NOW
    )
    from datetime import date

    done = journal.mark_follow_up_done(follow.id, date(2026, 6, 2), "All normal")
    assert journal.get(follow.id) == done and done.notes == "All normal"


def test_settings_are_kept_and_checked(journal, journal_path) -> None:
    """Settings persist; a bad threshold is refused by name."""
    journal.update_settings(temperature_unit="F", fever_threshold="38.0", fever_threshold_unit="C")
    with pytest.raises(ValidationError) as caught:
        journal.update_settings(fever_threshold="60", fever_threshold_unit="C")
    assert caught.value.field == "fever_threshold"
    journal.close()
    reopened = Journal.open(journal_path)
    settings = reopened.settings()
    assert settings.temperature_unit == "F" and settings.fever_threshold == Decimal("38.0")
    reopened.close()


def test_therapy_plan_records_the_checklist(journal) -> None:
    """The plan keeps the pre-treatment checklist and the care team's interval."""
    journal.set_plan(
        {
            "treatment": "natalizumab",
            "started": "2026-01-05",
            "interval_days": "42",
            "evaluation_done": True,
            "risks_discussed": True,
        }
    )
    plan = journal.plan()
    assert plan.evaluation_done and plan.risks_discussed and plan.interval_days == 42
    journal.set_plan({"treatment": "ocrelizumab", "started": "2026-05-01"})
    assert journal.plan().treatment == "ocrelizumab"


def test_acknowledgement_is_stored(journal) -> None:
    """An acknowledged alert keeps its note."""
    journal.acknowledge("fever:t-1", "Called the nurse; paracetamol")
    assert journal.snapshot().acknowledgements[0].note == "Called the nurse; paracetamol"


def test_newer_schema_is_refused_without_writing(journal_path) -> None:
    """A journal from a newer msjournal is refused with a clear message and left untouched."""
    Journal.open(journal_path).close()
    with sqlite3.connect(journal_path) as con:
        con.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match="newer msjournal"):
        Journal.open(journal_path)
    assert journal_path.read_bytes() == before


@pytest.mark.parametrize("content", [b"%PDF-1.7 not a journal", b"hello"])
def test_a_file_that_is_not_a_journal_is_refused(tmp_path, content) -> None:
    """Opening a file that is not a journal says so and does not change it."""
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(JournalError, match="not an msjournal journal"):
        Journal.open(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path) -> None:
    """A SQLite database of another program is never opened as a journal."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(JournalError, match="another program"):
        Journal.open(path)


def test_two_journals_open_at_once_keep_their_own_entries(journal, tmp_path) -> None:
    """Opening a second journal (e.g. to preview a restore) never mixes up their entries."""
    journal.add("t", {"taken": "2026-03-03T07:30", "value": "36.6", "unit": "C"}, now=NOW)
    other = Journal.open(tmp_path / "other.sqlite")
    other.add("t", {"taken": "2026-03-04T07:30", "value": "38.2", "unit": "C"}, now=NOW)
    assert [str(t.value) for t in journal.temperatures()] == ["36.6"]
    assert [str(t.value) for t in other.temperatures()] == ["38.2"]
    other.close()


def test_a_failed_open_leaves_the_open_journal_usable(journal, tmp_path) -> None:
    """Trying to open a file that is not a journal does not disturb the open one."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"%PDF-1.4")
    with pytest.raises(JournalError):
        Journal.open(bad)
    journal.add("t", {"taken": "2026-03-03T07:30", "value": "36.6", "unit": "C"}, now=NOW)
    assert len(journal.temperatures()) == 1


def test_recent_snapshot_gives_the_same_active_alerts_and_due_dates(journal) -> None:
    """Today reads only recent entries,
    yet shows exactly the alerts and dates of the whole journal."""
    from datetime import date, datetime

    from msjournal.demo import build_demo
    from msjournal.rules.alerts import active_alerts
    from msjournal.rules.schedule import due_items

    today = date(2026, 6, 1)
    journal.add_records(build_demo(30, seed=9, today=today))
    journal.add("se", {"symptom": "nausea", "severity": 3, "onset": "2025-01-01T08:00"}, now=NOW)
    for moment in (datetime(2026, 6, 1, 12, 0), datetime(2026, 5, 30, 23, 0)):
        full, recent = journal.snapshot(), journal.recent_snapshot(moment)
        assert len(recent.temperatures) < len(full.temperatures) / 10
        assert len(recent.infusions) < len(full.infusions) / 10
        assert active_alerts(recent, journal.catalog, moment) == active_alerts(
            full, journal.catalog, moment
        )
        assert due_items(recent, journal.catalog) == due_items(full, journal.catalog)
    assert any(s.id for s in recent.side_effects if s.onset < datetime(2025, 2, 1))


def test_recent_snapshot_matches_after_switching_treatments(journal) -> None:
    """A long history across treatments gives the same due dates from recent entries alone."""
    from datetime import date, datetime, timedelta

    from msjournal.model.records import Infusion
    from msjournal.rules.alerts import active_alerts
    from msjournal.rules.schedule import due_items

    start = datetime(2012, 1, 2, 9, 0)
    history = [
        Infusion(f"inf-n{n}", "natalizumab", start + timedelta(days=28 * n)) for n in range(60)
    ]
    history += [Infusion(f"inf-a{n}", "alemtuzumab", datetime(2017, 3, 6 + n, 9)) for n in range(5)]
    history += [
        Infusion(f"inf-o{n}", "ocrelizumab", datetime(2019, 1, 7, 9) + timedelta(days=d))
        for n, d in enumerate([0, 14] + [168 * k for k in range(1, 16)])
    ]
    from msjournal.model.records import JournalData

    journal.add_records(JournalData(infusions=tuple(history)))
    journal.set_plan({"treatment": "ocrelizumab", "started": "2019-01-07"})
    moment = datetime(2026, 5, 1, 12, 0)
    full, recent = journal.snapshot(), journal.recent_snapshot(moment)
    assert len(recent.infusions) < len(full.infusions) / 2
    assert due_items(recent, journal.catalog) == due_items(full, journal.catalog)
    assert active_alerts(recent, journal.catalog, moment) == active_alerts(
        full, journal.catalog, moment
    )
    assert date(2026, 5, 1) > max(i.start for i in recent.infusions).date()


def test_own_values_take_effect_at_once(journal) -> None:
    """Changing an own value in the settings changes the catalog the rules read, right away."""
    assert journal.catalog.symptoms["headache"].expected_hours.value != 36
    journal.update_settings(overrides={"symptom.headache.expected_hours": 36})
    assert journal.catalog.symptoms["headache"].expected_hours.value == 36
    assert journal.catalog is journal.catalog, "built once per change, not on every use"


def test_restore_puts_an_entry_back_unless_changed_elsewhere(journal) -> None:
    """The core of Undo for Mark done: the follow-up as it was, refused if changed meanwhile."""
    from datetime import date

    import pytest

    from msjournal.model.errors import StaleEntryError

    before = journal.add_follow_up({"kind": "lab_test", "title": "Bloods", "due": "2026-11-30"})
    after = journal.mark_follow_up_done(before.id, date(2026, 12, 1))
    journal.restore(before, expected=after)
    assert journal.get(before.id) == before
    later = journal.mark_follow_up_done(before.id, date(2026, 12, 2))
    with pytest.raises(StaleEntryError):
        journal.restore(before, expected=after)  # the journal holds `later`, not `after`
    assert journal.get(before.id) == later
