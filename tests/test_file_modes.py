"""Private files: data folder 0700; journal, -wal, -shm, backups and exports 0600 (POSIX)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.journal import Journal
from msjournal.safety import backups
from msjournal.storage import database as db
from tests.safety_helpers import TEMPERATURE, assert_private, filled_journal, mode

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def test_new_journal_folder_and_side_files_are_private(tmp_path: Path) -> None:
    """A new journal's folder is 0700 and the journal, -wal and -shm are 0600,
    even with umask 022."""
    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "journal.sqlite"
        journal = Journal.open(path)
        journal.add_temperature(TEMPERATURE)
        assert_private(path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm"))
        journal.close()
    finally:
        os.umask(old)


def test_existing_world_readable_journal_is_made_private(journal_path: Path) -> None:
    """A journal left 0644 by another tool is made 0600 when msjournal opens it."""
    filled_journal(journal_path).close()
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{journal_path}{suffix}")
        if side.exists():
            os.chmod(side, 0o644)
    Journal.open(journal_path).close()
    assert mode(journal_path) == 0o600


def test_pragmas_hold_after_reconnect(journal: Journal) -> None:
    """Every connection, also one opened after a reconnect,
    has WAL, FULL sync, FKs, secure_delete."""
    assert db.connection_settings(journal._db) == db.EXPECTED_PRAGMAS
    journal._db.close()
    journal._db.connect()
    assert db.connection_settings(journal._db) == db.EXPECTED_PRAGMAS
    journal._db.close()
    journal.add_temperature(TEMPERATURE)  # autoconnect on the next write
    assert db.connection_settings(journal._db) == db.EXPECTED_PRAGMAS


def test_backups_checksums_and_exports_are_private(journal_path: Path, tmp_path: Path) -> None:
    """Backups, their .sha256, the backups folder and an export are all owner-only."""
    filled_journal(journal_path).close()
    old = os.umask(0o022)
    try:
        made = backups.make_backup(journal_path)
        out = tmp_path / "exports" / "journal.json"
        assert main(["export", "json", "--journal", str(journal_path), "--out", str(out)]) == 0
        chosen = tmp_path / "copy.sqlite"
        assert main(["backup", "--journal", str(journal_path), "--out", str(chosen)]) == 0
    finally:
        os.umask(old)
    assert_private(
        made, backups.checksum_path(made), made.parent, out, chosen, backups.checksum_path(chosen)
    )
