"""Passphrase protection: encrypted at rest, refused without the right passphrase,
safe conversions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip(
    "sqlcipher3",
    reason="passphrase protection needs the optional sqlcipher3 "
    "package (pip install msjournal[encryption])",
)

from msjournal.cli.main import main  # noqa: E402
from msjournal.journal import Journal  # noqa: E402
from msjournal.model.errors import JournalError  # noqa: E402
from msjournal.safety import (
    automatic,
    backups,  # noqa: E402
    health,
    protection,  # noqa: E402
    restore,
)
from msjournal.safety.protection import change_protection  # noqa: E402
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.paths import backups_dir  # noqa: E402

PASSPHRASE = "correct horse battery"
OTHER = "staple moon river 42"
SENTINEL = "SENTINEL-zebra-7431"


def _write_sentinel(journal: Journal) -> None:
    journal.add("t", {"taken": "2026-06-01T08:00", "value": "37.9", "unit": "C", "notes": SENTINEL})


def _raw(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _entries(journal: Journal) -> list[str]:
    return sorted(t.notes for t in journal.temperatures())


@pytest.fixture
def protected(journal_path: Path) -> Path:
    """A protected journal holding the sentinel, closed."""
    with Journal.open(journal_path, passphrase=PASSPHRASE) as journal:
        _write_sentinel(journal)
    return journal_path


def test_sentinel_absent_from_journal_wal_and_backups(journal_path: Path) -> None:
    """The text of an entry appears nowhere in the raw bytes of the journal, its -wal or backups."""
    journal = automatic.enable_automatic_backups(Journal.open(journal_path, passphrase=PASSPHRASE))
    _write_sentinel(journal)
    wal = Path(f"{journal_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert SENTINEL.encode() not in _raw(journal_path) + _raw(wal)
    made = automatic.backup_now(journal)
    assert SENTINEL.encode() not in _raw(made)
    journal.close()
    assert SENTINEL.encode() not in _raw(journal_path)
    for backup in backups.list_backups(backups_dir(journal_path)):
        assert SENTINEL.encode() not in _raw(backup.path)


def test_plain_journal_does_show_the_sentinel(journal: Journal, journal_path: Path) -> None:
    """The control: without a passphrase the text is readable in the file
    (so the check above bites)."""
    _write_sentinel(journal)
    journal.close()
    assert SENTINEL.encode() in _raw(journal_path)


def test_stdlib_sqlite_cannot_read_it(protected: Path) -> None:
    """Python's own sqlite3 sees no database in an encrypted journal."""
    with pytest.raises(sqlite3.DatabaseError):
        con = sqlite3.connect(protected)
        try:
            con.execute("SELECT * FROM sqlite_master").fetchall()
        finally:
            con.close()


def test_open_without_passphrase_is_refused(protected: Path) -> None:
    """Opening without the passphrase says the journal is protected."""
    with pytest.raises(JournalError, match="protected with a passphrase"):
        Journal.open(protected)


def test_wrong_passphrase_is_refused_without_writing(protected: Path) -> None:
    """A wrong passphrase gets a clear message; no byte of the folder changes."""
    before = {p.name: p.read_bytes() for p in protected.parent.iterdir() if p.is_file()}
    with pytest.raises(JournalError, match="The passphrase is not right"):
        Journal.open(protected, passphrase="not the passphrase")
    after = {p.name: p.read_bytes() for p in protected.parent.iterdir() if p.is_file()}
    assert after == before


def test_right_passphrase_reads_entries(protected: Path) -> None:
    """The right passphrase opens the journal with its entries."""
    with Journal.open(protected, passphrase=PASSPHRASE) as journal:
        assert _entries(journal) == [SENTINEL]


def test_change_passphrase_round_trips(protected: Path) -> None:
    """After changing the passphrase only the new one opens the journal; changing back works."""
    journal = Journal.open(protected, passphrase=PASSPHRASE)
    change_protection(journal, OTHER, current=PASSPHRASE)
    assert _entries(journal) == [SENTINEL]
    journal.close()
    with pytest.raises(JournalError, match="not right"):
        Journal.open(protected, passphrase=PASSPHRASE)
    with Journal.open(protected, passphrase=OTHER) as reopened:
        change_protection(reopened, PASSPHRASE, current=OTHER)
    with Journal.open(protected, passphrase=PASSPHRASE) as again:
        assert _entries(again) == [SENTINEL]


def test_change_needs_the_current_passphrase(protected: Path) -> None:
    """Changing or removing the passphrase asks for the current one; a wrong one changes nothing."""
    before = protected.read_bytes()
    with Journal.open(protected, passphrase=PASSPHRASE) as journal:
        with pytest.raises(JournalError, match="not right"):
            change_protection(journal, None, current="guess guess guess")
        assert journal.protected
    assert protected.read_bytes() == before


def test_short_new_passphrase_is_refused(journal: Journal) -> None:
    """A new passphrase shorter than 8 characters is refused, and the journal stays plain."""
    with pytest.raises(JournalError, match="at least 8 characters"):
        change_protection(journal, "abc")
    assert not journal.protected
    assert not encryption.looks_encrypted(journal.path)


def test_protect_and_unprotect_keep_every_entry(journal: Journal, journal_path: Path) -> None:
    """Plain -> protected -> plain keeps every entry, and the file is encrypted in between."""
    _write_sentinel(journal)
    journal.add("t", {"taken": "2026-06-02T08:00", "value": "37.1", "unit": "C", "notes": "second"})
    digest = backups.content_digest(journal_path)
    kept = change_protection(journal, PASSPHRASE)
    assert kept is not None and kept.exists()
    assert encryption.looks_encrypted(journal_path)
    assert SENTINEL.encode() not in _raw(journal_path)
    assert backups.content_digest(journal_path, PASSPHRASE) == digest
    journal.add("t", {"taken": "2026-06-03T08:00", "value": "37.0", "unit": "C", "notes": "third"})
    change_protection(journal, None, current=PASSPHRASE)
    assert not encryption.looks_encrypted(journal_path)
    assert _entries(journal) == sorted([SENTINEL, "second", "third"])
    journal.close()
    with Journal.open(journal_path) as plain:
        assert len(plain.temperatures()) == 3


def test_interrupted_conversion_leaves_the_old_journal(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the conversion dies before the swap, the journal opens as before with the old key."""
    _write_sentinel(journal)

    def crash(*_: object) -> None:
        raise OSError("simulated crash")

    monkeypatch.setattr(protection, "_swap", crash)
    with pytest.raises(JournalError, match="Nothing was changed"):
        change_protection(journal, PASSPHRASE)
    assert not journal.protected
    assert _entries(journal) == [SENTINEL]
    assert not list(journal_path.parent.glob(".convert-*"))


def test_backup_checks_and_restores_with_the_passphrase(protected: Path) -> None:
    """An encrypted backup passes the check with the passphrase and restores the journal."""
    made = backups.make_backup(protected, reason="manual", passphrase=PASSPHRASE)
    assert health.full_check(made).problems == (health.PROTECTED,)
    assert restore.check_candidate(made, PASSPHRASE).ok
    assert not restore.check_candidate(made, "wrong wrong wrong").ok
    with Journal.open(protected, passphrase=PASSPHRASE) as journal:
        journal.add("t", {"taken": "2026-06-05T08:00", "value": "36.9", "unit": "C"})
    restore.restore_file(made, protected, passphrase=PASSPHRASE)
    with Journal.open(protected, passphrase=PASSPHRASE) as journal:
        assert _entries(journal) == [SENTINEL]


def test_full_check_with_passphrase_counts_entries(protected: Path) -> None:
    """`check` works on an encrypted journal given its passphrase."""
    report = health.full_check(protected, PASSPHRASE)
    assert report.ok and report.counts["temperature"] == 1


def test_cli_reads_passphrase_from_environment(
    protected: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """check, backup and export work with MSJOURNAL_PASSPHRASE; the passphrase is never printed."""
    monkeypatch.setenv("MSJOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--journal", str(protected)]) == 0
    assert main(["backup", "--journal", str(protected)]) == 0
    out = tmp_path / "export.json"
    assert main(["export", "json", "--journal", str(protected), "--out", str(out)]) == 0
    assert SENTINEL in out.read_text(encoding="utf-8")
    printed = capsys.readouterr()
    assert PASSPHRASE not in printed.out + printed.err


def test_cli_without_passphrase_explains(
    protected: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no passphrase and no terminal, the command says how to give one and exits 1."""
    monkeypatch.delenv("MSJOURNAL_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["alerts", "--journal", str(protected)]) == 1
    assert "MSJOURNAL_PASSPHRASE" in capsys.readouterr().err


def test_cli_protect_change_unprotect(
    journal: Journal,
    journal_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """protect, change-passphrase and unprotect from the command line keep the entries."""
    _write_sentinel(journal)
    journal.close()
    monkeypatch.setenv("MSJOURNAL_PASSPHRASE", PASSPHRASE)
    assert main(["protect", "--journal", str(journal_path)]) == 0
    assert encryption.looks_encrypted(journal_path)
    monkeypatch.setenv("MSJOURNAL_NEW_PASSPHRASE", OTHER)
    assert main(["change-passphrase", "--journal", str(journal_path)]) == 0
    monkeypatch.setenv("MSJOURNAL_PASSPHRASE", OTHER)
    assert main(["unprotect", "--journal", str(journal_path)]) == 0
    assert not encryption.looks_encrypted(journal_path)
    with Journal.open(journal_path) as plain:
        assert _entries(plain) == [SENTINEL]
    printed = capsys.readouterr()
    assert PASSPHRASE not in printed.out + printed.err and OTHER not in printed.out + printed.err
