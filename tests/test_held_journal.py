"""While this process has a journal open, nothing in it may read the file behind SQLite's back.

On POSIX, closing any descriptor of a file drops all of the process's fcntl locks on it
(SQLite, "How To Corrupt An SQLite Database File", section 2.2). Every code path that looks
at a journal file is called here while a journal is held, and SQLite's lock must still be
there afterwards (read from /proc/locks).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from msjournal.exchange.journal_format import read_document
from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import automatic, backups, health, protection, restore
from msjournal.storage import database as db
from msjournal.storage import journal_file
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.journal_lock import JournalInUse, exclusive_use, in_use_elsewhere

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads /proc/locks")
PASSPHRASE = "correct horse battery staple"


def sqlite_locks(path: Path) -> list[str]:
    inode = os.stat(path).st_ino
    with open("/proc/locks") as locks:
        return [
            line
            for line in locks
            if f":{inode} " in line and f" {os.getpid()} " in line and "POSIX" in line
        ]


def every_inspection(
    journal: Journal, other: Path, tmp_path: Path
) -> dict[str, Callable[[], object]]:
    path, key = journal.path, journal._passphrase
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"format": "msjournal", "version": 1}))
    return {
        "automatic backup": lambda: automatic.backup_now(journal),
        "backup to a file": lambda: backups.make_backup(
            path, out=tmp_path / "b.sqlite", passphrase=key
        ),
        "content digest": lambda: backups.content_digest(path, key),
        "quick check": lambda: health.quick_check(path, key),
        "full check": lambda: health.full_check(path, key),
        "header problem": lambda: health.header_problem(path, key),
        "is it a journal": lambda: db.check_is_journal(path, key),
        "looks encrypted": lambda: encryption.looks_encrypted(path),
        "key for": lambda: encryption.key_for(path, key),
        "inspect": lambda: journal_file.inspect(path),
        "check a backup": lambda: restore.check_candidate(automatic.backup_now(journal), key),
        "newest good backup": lambda: restore.newest_good_backup(path, key),
        "restore (refused)": lambda: _refused(
            lambda: restore.restore_file(automatic.backup_now(journal), path, passphrase=key)
        ),
        "protect (refused)": lambda: _refused(lambda: protection.convert(path, key, "new " * 4)),
        "lock questions": lambda: in_use_elsewhere(path),
        "exclusive use (refused)": lambda: _refused(lambda: exclusive_use(path, "x").__enter__()),
        "import preview": lambda: read_document(export),
        "open it a second time": lambda: Journal.open(path, passphrase=key).close(),
        "open another journal": lambda: Journal.open(other).close(),
    }


def _refused(action: Callable[[], object]) -> None:
    with pytest.raises(JournalError):
        action()


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE])
def test_no_inspection_drops_the_lock_of_a_held_journal(
    tmp_path: Path, passphrase: str | None
) -> None:
    path = tmp_path / "journal.sqlite"
    journal = Journal.open(path, passphrase=passphrase)
    journal.add_temperature({"taken": "2026-01-05 08:00", "value": "37.1", "unit": "C"})
    assert sqlite_locks(path), "an open journal holds a shared SQLite lock"
    for name, action in every_inspection(journal, tmp_path / "other.sqlite", tmp_path).items():
        action()
        assert sqlite_locks(path), f"{name} dropped this process's lock on the journal"
    journal.close()


def test_a_journal_open_here_is_known_without_reading_it(journal: Journal) -> None:
    journal.is_empty()
    found = journal_file.inspect(journal.path)
    assert found.held and found.header == b""
    journal.close()
    assert not journal_file.inspect(journal.path).held


def test_replacing_needs_everyone_else_to_close(journal_path: Path) -> None:
    with Journal.open(journal_path):
        assert in_use_elsewhere(journal_path)
        with pytest.raises(JournalInUse, match="another msjournal window or command"):
            with exclusive_use(journal_path, "restore a backup"):
                pass
    assert not in_use_elsewhere(journal_path)


def test_opening_waits_for_a_restore_then_refuses(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    with exclusive_use(journal_path, "restore a backup"):
        with pytest.raises(JournalInUse, match="being converted or restored"):
            from msjournal.storage.journal_lock import JournalLock

            JournalLock(journal_path).share(wait=0.1)


def test_a_killed_conversion_leaves_no_copy_behind(tmp_path: Path) -> None:
    """Issue: a killed unprotect can leave a plaintext .convert-*.part beside the journal."""
    path = tmp_path / "journal.sqlite"
    with Journal.open(path) as journal:
        journal.add_temperature({"taken": "2026-01-05 08:00", "value": "37.1", "unit": "C"})
    left = tmp_path / f".{path.name}.convert-abc123.part"
    shutil.copyfile(path, left)  # what a SIGKILL during the export leaves
    Path(f"{left}-journal").write_bytes(b"")
    Journal.open(path).close()
    assert not left.exists() and not Path(f"{left}-journal").exists()


def test_an_opened_journal_is_checked_for_foreign_parts_before_anything_runs(
    tmp_path: Path,
) -> None:
    import sqlite3

    path = tmp_path / "journal.sqlite"
    with Journal.open(path) as journal:
        journal.add_infusion({"treatment": "natalizumab", "start": "2026-01-05 08:00"})
    con = sqlite3.connect(path)
    con.execute("CREATE TRIGGER wipe AFTER INSERT ON temperature BEGIN DELETE FROM infusion; END")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match='did not put there .a trigger "wipe"'):
        Journal.open(path)
    assert path.read_bytes() == before


def test_a_symlink_and_its_target_share_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "journal.sqlite"
    link = tmp_path / "link.sqlite"
    Journal.open(real).close()
    link.symlink_to(real)
    with Journal.open(link):
        assert in_use_elsewhere(real)
        with pytest.raises(JournalInUse):
            with exclusive_use(real, "restore a backup"):
                pass


def test_a_process_holding_a_passphrase_writes_no_core_dump(tmp_path: Path) -> None:
    import subprocess
    import sys

    pytest.importorskip("sqlcipher3")
    code = (
        "import resource, sys; from msjournal.journal import Journal; "
        f"Journal.open(sys.argv[1], passphrase={PASSPHRASE!r}).close(); "
        "print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "j.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.stdout.strip() == "(0, 0)", done.stderr


def test_a_journal_used_after_close_claims_its_lock_again(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.close()
    assert not in_use_elsewhere(journal_path)
    journal.is_empty()  # peewee reconnects by itself
    assert in_use_elsewhere(journal_path)
    journal.close()


def test_a_killed_restore_leaves_no_copy_once_the_journal_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    Journal.open(path).close()
    left = tmp_path / f".{path.name}.restore-k1ll3d.part"
    shutil.copyfile(path, left)  # a SIGKILL between the copy and the swap leaves this
    Journal.open(path).close()
    assert not left.exists()
