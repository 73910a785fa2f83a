"""Restore: every bad file is refused with a reason and the live journal stays exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.journal import Journal
from msjournal.safety import backups, health
from msjournal.safety.restore import (
    RestoreRefused,
    check_candidate,
    newest_good_backup,
    restore_file,
)
from msjournal.storage import schema
from msjournal.storage.paths import backups_dir
from tests.safety_helpers import TEMPERATURE, assert_private, digest, filled_journal, integrity


def _raw_hash(path: Path) -> str:
    parts = [Path(f"{path}{s}") for s in ("", "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


@pytest.fixture
def good_backup(tmp_path: Path) -> Path:
    """A good backup of a journal with a few entries (not the live journal)."""
    source = tmp_path / "source" / "journal.sqlite"
    filled_journal(source, temperatures=40).close()
    return backups.make_backup(source)


@pytest.fixture
def live(journal_path: Path) -> Path:
    """The person's live journal, with different content from the backup."""
    journal = filled_journal(journal_path, temperatures=2)
    journal.add_temperature(TEMPERATURE | {"notes": "only in the live journal"})
    journal.close()
    return journal_path


def _copy(source: Path, target: Path, data: bytes | None = None) -> Path:
    target.write_bytes(source.read_bytes() if data is None else data)
    return target


def empty(good: Path, folder: Path) -> Path:
    return _copy(good, folder / "empty.sqlite", b"")


def truncated_10(good: Path, folder: Path) -> Path:
    data = good.read_bytes()
    return _copy(good, folder / "cut10.sqlite", data[: len(data) // 10])


def truncated_50(good: Path, folder: Path) -> Path:
    data = good.read_bytes()
    return _copy(good, folder / "cut50.sqlite", data[: len(data) // 2])


def truncated_header(good: Path, folder: Path) -> Path:
    return _copy(good, folder / "cut-header.sqlite", good.read_bytes()[:50])


def zeroed_header(good: Path, folder: Path) -> Path:
    data = bytearray(good.read_bytes())
    data[:100] = bytes(100)
    return _copy(good, folder / "zeroed.sqlite", bytes(data))


def pdf_renamed(good: Path, folder: Path) -> Path:
    return _copy(
        good, folder / "scan.sqlite", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" * 40
    )


def zip_renamed(good: Path, folder: Path) -> Path:
    return _copy(good, folder / "archive.sqlite", b"PK\x03\x04" + bytes(400))


def json_export(good: Path, folder: Path) -> Path:
    return _copy(good, folder / "export.sqlite", b'{"format": "msjournal", "version": 1}')


def other_program_db(good: Path, folder: Path) -> Path:
    path = folder / "photos.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO photo (name) VALUES ('beach')")
    con.commit()
    con.close()
    return path


def other_application_id(good: Path, folder: Path) -> Path:
    path = _copy(good, folder / "other-app.sqlite")
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.commit()
    con.close()
    backups.checksum_path(path).unlink(missing_ok=True)
    return path


def newer_schema(good: Path, folder: Path) -> Path:
    path = _copy(good, folder / "future.sqlite")
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    return path


def flipped_byte(good: Path, folder: Path) -> Path:
    """A byte changed in the middle of the data: SQLite cannot see it, the checksum can."""
    data = bytearray(good.read_bytes())
    data[len(data) // 2 + 123] ^= 0x01
    path = _copy(good, folder / good.name, bytes(data))
    _copy(backups.checksum_path(good), backups.checksum_path(path))
    return path


def damaged_pages(good: Path, folder: Path) -> Path:
    """Page structure destroyed (no checksum beside it): integrity_check catches it."""
    data = bytearray(good.read_bytes())
    page = 4096
    for start in range(page, len(data), page):
        data[start : start + 16] = b"\xff" * 16
    return _copy(good, folder / "damaged.sqlite", bytes(data))


def missing_tables(good: Path, folder: Path) -> Path:
    path = _copy(good, folder / "partial.sqlite")
    con = sqlite3.connect(path)
    con.execute("DROP TABLE side_effect")
    con.commit()
    con.close()
    return path


def a_folder(good: Path, folder: Path) -> Path:
    path = folder / "folder.sqlite"
    path.mkdir()
    return path


def missing_file(good: Path, folder: Path) -> Path:
    return folder / "not-there.sqlite"


BAD_FILES: list[Callable[[Path, Path], Path]] = [
    empty,
    truncated_10,
    truncated_50,
    truncated_header,
    zeroed_header,
    pdf_renamed,
    zip_renamed,
    json_export,
    other_program_db,
    other_application_id,
    newer_schema,
    flipped_byte,
    damaged_pages,
    missing_tables,
    a_folder,
    missing_file,
]


@pytest.mark.parametrize("make_bad", BAD_FILES, ids=lambda f: f.__name__)
def test_restore_refuses_bad_file(
    make_bad: Callable[[Path, Path], Path], good_backup: Path, live: Path, tmp_path: Path
) -> None:
    """Each bad file is refused with a reason; the live journal and the bad file are untouched."""
    folder = tmp_path / "candidates"
    folder.mkdir()
    bad = make_bad(good_backup, folder)
    before_live = _raw_hash(live)
    before_bad = sorted(p.name for p in folder.iterdir())
    check = check_candidate(bad)
    assert not check.ok and check.problem and "cannot be restored" in check.message()
    with pytest.raises(RestoreRefused, match="was not restored: .*Your journal is unchanged"):
        restore_file(bad, live)
    assert _raw_hash(live) == before_live
    assert sorted(p.name for p in folder.iterdir()) == before_bad  # nothing written beside it
    assert not any(p.name.endswith(".part") for p in live.parent.iterdir())
    assert not backups_dir(live).exists()  # refused before anything was done
    with Journal.open(live) as reopened:
        assert any(t.notes == "only in the live journal" for t in reopened.temperatures())


def test_specific_reasons_are_named(good_backup: Path, tmp_path: Path) -> None:
    """The reason says what is wrong in plain words."""
    expectations = {
        empty: "is empty",
        pdf_renamed: "PDF document",
        zeroed_header: "header is zeroed",
        other_program_db: "not an msjournal journal",
        other_application_id: "another program",
        newer_schema: "newer msjournal",
        flipped_byte: "SHA-256 does not match",
        truncated_50: "damaged",
        json_export: "use Import",
    }
    for make_bad, words in expectations.items():
        folder = tmp_path / make_bad.__name__
        folder.mkdir()
        assert words in check_candidate(make_bad(good_backup, folder)).message(), make_bad.__name__


def test_flipped_byte_is_caught_by_checksum_first(good_backup: Path, tmp_path: Path) -> None:
    """A flipped byte is refused because of the recorded SHA-256, before SQLite even opens it."""
    bad = flipped_byte(good_backup, tmp_path)
    assert "SHA-256" in (check_candidate(bad).problem or "")


def test_good_restore_swaps_and_keeps_snapshot(good_backup: Path, live: Path) -> None:
    """A good backup replaces the journal exactly; the previous journal is kept as a backup."""
    old = digest(live)
    outcome = restore_file(good_backup, live)
    assert digest(live) == digest(good_backup)
    assert outcome.previous_kept_at is not None and digest(outcome.previous_kept_at) == old
    assert "before-restore" in outcome.previous_kept_at.name
    assert integrity(live) == "ok"
    assert not Path(f"{live}-wal").exists()
    assert_private(live, outcome.previous_kept_at, backups_dir(live))
    with Journal.open(live) as reopened:
        assert len(reopened.temperatures()) == 40
        reopened.add_temperature(TEMPERATURE)  # the restored journal can be written to
    assert integrity(live) == "ok"


def test_restore_while_open_elsewhere_is_refused(good_backup: Path, live: Path) -> None:
    """A journal held open by another copy of msjournal is not replaced under it."""
    holder = sqlite3.connect(live)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = _raw_hash(live)
        with pytest.raises(RestoreRefused, match="another running copy"):
            restore_file(good_backup, live)
        assert _raw_hash(live) == before
    finally:
        holder.rollback()
        holder.close()


def test_restore_over_damaged_journal_keeps_a_raw_copy(good_backup: Path, live: Path) -> None:
    """Restoring over a damaged journal keeps its bytes aside (never deleted)
    and fixes the journal."""
    data = bytearray(live.read_bytes())
    data[:100] = bytes(100)
    live.write_bytes(bytes(data))
    Path(f"{live}-wal").unlink(missing_ok=True)
    assert not health.quick_check(live).ok
    outcome = restore_file(good_backup, live)
    assert outcome.previous_kept_at is not None
    assert outcome.previous_kept_at.read_bytes() == bytes(data)
    assert health.full_check(live).ok and digest(live) == digest(good_backup)


def test_newest_good_backup_skips_damaged_ones(live: Path) -> None:
    """The newest backup that passes every check is offered, not merely the newest file."""
    from datetime import datetime

    older = backups.make_backup(live, now=datetime(2026, 6, 1, 9, 0))
    newer = backups.make_backup(live, now=datetime(2026, 6, 2, 9, 0))
    newer.write_bytes(newer.read_bytes()[:3000])
    found = newest_good_backup(live)
    assert found is not None and found.path == older


def test_cli_restore_and_refusal(
    good_backup: Path, live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`msjournal restore` refuses a bad file (exit 1, one line) and restores a good one."""
    bad = pdf_renamed(good_backup, tmp_path)
    before = _raw_hash(live)
    assert main(["restore", str(bad), "--journal", str(live)]) == 1
    err = capsys.readouterr().err
    assert "was not restored" in err and "Traceback" not in err
    assert _raw_hash(live) == before
    assert main(["restore", str(good_backup), "--journal", str(live)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    assert digest(live) == digest(good_backup)


def test_cli_check(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`msjournal check` passes a healthy journal; for a bad one it says so on stderr,
    naming the newest good backup."""
    assert main(["check", "--journal", str(live)]) == 0
    assert "passed the full check" in capsys.readouterr().out
    backups.make_backup(live)
    data = bytearray(live.read_bytes())
    data[:16] = bytes(16)
    Path(f"{live}-wal").unlink(missing_ok=True)
    live.write_bytes(bytes(data))
    before = _raw_hash(live)
    assert main(["check", "--journal", str(live)]) == 1
    captured = capsys.readouterr()
    assert "did not pass" in captured.err and "msjournal restore" in captured.err
    assert captured.out == "" and "Traceback" not in captured.err
    assert _raw_hash(live) == before  # the check never writes


def test_quick_check_on_missing_and_new_journal(tmp_path: Path) -> None:
    """No journal yet is not a problem; the quick check says so without creating anything."""
    report = health.quick_check(tmp_path / "new.sqlite")
    assert report.ok and not report.exists
    assert not (tmp_path / "new.sqlite").exists()
