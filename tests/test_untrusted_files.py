"""Files msjournal did not write are not trusted: foreign schema parts, missing checksums.

Issue "Data safety with more than one process", items 4 and 6: a copy with an added trigger
passed `check`, was restored, and deleted every infusion on the next save; a backup whose
checksum file was deleted was restored with a changed byte; restoring the unprotected
"before-protect" backup silently made a protected journal plaintext.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from msjournal.journal import Journal
from msjournal.safety import backups, health, restore
from msjournal.safety.protection import change_protection
from msjournal.storage import sqlcipher as encryption
from tests.safety_helpers import digest, msjournal

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "correct horse battery staple"


def journal_with_infusion(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.add_infusion({"treatment": "natalizumab", "start": "2026-01-05 08:00"})


def tampered_copy(source: Path, target: Path) -> Path:
    """The tester's file: a trigger that wipes infusions, a view and an extra table."""
    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    con.executescript("""
        CREATE TABLE loot (note TEXT);
        CREATE TRIGGER wipe AFTER INSERT ON temperature BEGIN
            DELETE FROM infusion; INSERT INTO loot VALUES (new.notes);
        END;
        CREATE VIEW everything AS SELECT * FROM infusion;
    """)
    con.close()
    return target


def test_check_refuses_a_journal_carrying_a_trigger(tmp_path: Path) -> None:
    journal_with_infusion(tmp_path / "journal.sqlite")
    bad = tampered_copy(tmp_path / "journal.sqlite", tmp_path / "bad.sqlite")
    result = msjournal("check", "--journal", str(bad))
    assert result.returncode == 1
    assert (
        'did not put there (a table "loot", a trigger "wipe", a view "everything")' in result.stderr
    )


def test_restore_refuses_it_and_the_journal_stays_byte_identical(tmp_path: Path) -> None:
    live = tmp_path / "journal.sqlite"
    journal_with_infusion(live)
    bad = tampered_copy(live, tmp_path / "handed-over.sqlite")
    before = live.read_bytes()
    result = msjournal("restore", str(bad), "--journal", str(live))
    assert result.returncode != 0 and "not trusted" in result.stderr
    assert live.read_bytes() == before
    with Journal.open(live) as journal:
        journal.add_temperature({"taken": "2026-01-06 08:00", "value": "37.0", "unit": "C"})
        assert len(journal.infusions()) == 1


def test_a_journal_with_a_trigger_is_not_opened(tmp_path: Path) -> None:
    journal_with_infusion(tmp_path / "journal.sqlite")
    bad = tampered_copy(tmp_path / "journal.sqlite", tmp_path / "bad.sqlite")
    result = msjournal("alerts", "--journal", str(bad))
    assert result.returncode == 1 and "was not opened" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_extra_column_is_refused_too(tmp_path: Path) -> None:
    live = tmp_path / "journal.sqlite"
    journal_with_infusion(live)
    con = sqlite3.connect(live)
    con.execute("ALTER TABLE infusion ADD COLUMN payload TEXT")
    con.close()
    assert "payload" in health.full_check(live).message()


def test_a_named_backup_without_its_checksum_file_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "journal.sqlite"
    journal_with_infusion(live)
    made = backups.make_backup(live)
    backups.checksum_path(made).unlink()
    check = restore.check_candidate(made)
    assert not check.ok
    assert "checksum file beside it" in check.message() and "is missing" in check.message()


def test_a_backup_with_a_changed_byte_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "journal.sqlite"
    journal_with_infusion(live)
    made = backups.make_backup(live)
    data = bytearray(made.read_bytes())
    data[-10] ^= 0xFF
    made.write_bytes(bytes(data))
    assert "SHA-256 does not match" in restore.check_candidate(made).message()


def test_restoring_the_before_protect_backup_keeps_the_journal_protected(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    live = tmp_path / "journal.sqlite"
    journal_with_infusion(live)
    with Journal.open(live) as journal:
        kept = change_protection(journal, PASSPHRASE)
    assert kept is not None and "before-protect" in kept.name
    outcome = restore.restore_file(kept, live, passphrase=PASSPHRASE)
    assert outcome.protected_again
    assert encryption.looks_encrypted(live)
    with Journal.open(live, passphrase=PASSPHRASE) as journal:
        assert len(journal.infusions()) == 1
    assert digest(kept) == backups.content_digest(live, PASSPHRASE)
