"""A full disk, read-only media and unreadable files are told apart from a damaged journal.

Issue "Data safety with more than one process", found beside: these were reported as a
*damaged* journal, and the window then offered to restore an older backup over a healthy one.
The mounts are real (tmpfs), so the tests need root; elsewhere they are skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import backups, health
from msjournal.storage import journal_file
from tests.safety_helpers import TEMPERATURE, digest, filled_journal, msjournal

ROOT = Path(__file__).resolve().parents[1]


def _mount(folder: Path, size: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) for a real tmpfs")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    _mount(folder, "700k")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    handle = open(filler, "wb", buffering=0)  # noqa: SIM115
    try:
        while True:
            handle.write(b"x" * 1024)
    except OSError:
        pass
    try:
        handle.close()
    except OSError:
        pass
    return filler


def test_a_save_on_a_real_full_disk_says_the_disk_is_full(small_disk: Path) -> None:
    journal = filled_journal(small_disk / "journal.sqlite")
    before = journal.temperatures()
    filler = _fill(small_disk)
    with pytest.raises(JournalError) as refused:
        for minute in range(60):
            journal.add_temperature(
                TEMPERATURE | {"taken": f"2026-01-06 08:{minute:02d}", "notes": "n" * 3000}
            )
    assert "the disk is full" in str(refused.value)
    assert "rollback" not in str(refused.value)
    report = health.quick_check(journal.path)
    assert not report.damaged, report.message()
    filler.unlink()
    assert set(before) <= set(journal.temperatures())
    journal.add_temperature(TEMPERATURE)  # works again once there is room
    journal.close()


@pytest.fixture
def read_only_journal(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "media"
    _mount(folder, "5m")
    journal = filled_journal(folder / "journal.sqlite")
    journal.close()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    yield folder / "journal.sqlite"
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_journal_on_read_only_media_can_be_read_checked_and_exported(
    read_only_journal: Path, tmp_path: Path
) -> None:
    journal = str(read_only_journal)
    assert msjournal("check", "--journal", journal).returncode == 0
    assert msjournal("due", "--journal", journal).returncode == 0
    exported = msjournal("export", "json", "--journal", journal, "--out", str(tmp_path / "e.json"))
    assert exported.returncode == 0, exported.stderr
    assert len(__import__("json").loads((tmp_path / "e.json").read_text())["temperatures"]) == 3
    copy = msjournal("backup", "--journal", journal, "--out", str(tmp_path / "copy.sqlite"))
    assert copy.returncode == 0, copy.stderr
    assert digest(tmp_path / "copy.sqlite") == digest(read_only_journal)


def test_saving_to_read_only_media_says_so_and_writes_nothing(
    read_only_journal: Path, tmp_path: Path
) -> None:
    before = read_only_journal.read_bytes()
    with Journal.open(read_only_journal) as journal:
        assert journal.read_only
        with pytest.raises(JournalError, match="read-only disk or in a read-only folder"):
            journal.add_temperature(TEMPERATURE)
        assert len(journal.temperatures()) == 3
    assert read_only_journal.read_bytes() == before


def test_a_disk_error_while_checking_is_not_called_damage(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_journal(journal_path).close()

    def full(*_args: object, **_kwargs: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(health.encryption, "connect", full)
    report = health.quick_check(journal_path)
    assert not report.ok and not report.damaged
    assert "could not be checked" in report.message() and "damaged" not in report.problems[0]


def test_an_unreadable_file_is_not_called_damaged(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_journal(journal_path).close()
    monkeypatch.setattr(
        health.journal_file,
        "inspect",
        lambda path: journal_file.JournalFile(Path(path), read_error="Permission denied"),
    )
    report = health.quick_check(journal_path)
    assert not report.damaged
    assert "Permission denied" in report.message()


def test_the_window_offers_no_restore_for_a_journal_it_cannot_read(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restore dialog is for damage; a full disk or a locked folder gets its reason."""
    from msjournal.ui import launch
    from msjournal.ui.dialogs import backup_dialogs

    filled_journal(journal_path).close()
    backups.make_backup(journal_path)
    offered: list[Path] = []
    monkeypatch.setattr(
        backup_dialogs, "damaged_journal_dialog", lambda _parent, path: offered.append(path)
    )
    monkeypatch.setattr(
        health,
        "quick_check",
        lambda path, _key=None: health.HealthReport(
            path,
            ("the disk is full, so it cannot be read safely; free some space",),
            readable=False,
        ),
    )
    with pytest.raises(JournalError, match="could not be checked: the disk is full"):
        launch.open_journal(argparse.Namespace(journal=str(journal_path), demo=False))
    assert offered == []
