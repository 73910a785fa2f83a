"""Two real processes on one journal: the window's code path in one, the command line in another.

Each scenario is one a tester reproduced with the real window under Xvfb (issue "Data safety
with more than one process"): a save acknowledged by one process must survive anything the
other does, and a SIGKILL of the first right after.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from msjournal.journal import Journal
from msjournal.safety import backups
from msjournal.safety.protection import change_protection
from tests.safety_helpers import ROOT, digest, integrity, msjournal
from tests.safety_helpers import child_env as _env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fcntl locks are POSIX")

PASSPHRASE = "correct horse battery staple"


class WindowProcess:
    """tests/journal_process.py in a child process; each command waits for its answer."""

    def __init__(self, journal: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.journal_process", str(journal)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        assert self.read() == "ready"

    def read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def window(tmp_path: Path) -> Iterator[WindowProcess]:
    started = WindowProcess(tmp_path / "journal.sqlite")
    yield started
    if started.process.poll() is None:
        started.kill()


def temperatures(path: Path, passphrase: str | None = None) -> set[str]:
    with Journal.open(path, passphrase=passphrase) as journal:
        return {t.id for t in journal.temperatures()}


def saved_id(answer: str) -> str:
    assert answer.startswith("saved "), answer
    return answer.split()[1]


def import_file(tmp_path: Path) -> Path:
    data = {
        "format": "msjournal",
        "version": 1,
        "temperatures": [
            {"id": "t-from-file", "taken": "2026-01-06T08:00:00", "value": "36.8", "unit": "C"}
        ],
    }
    path = tmp_path / "import.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("command", ["due", "import"])
def test_a_save_after_a_command_line_run_survives_a_kill(
    window: WindowProcess, tmp_path: Path, command: str
) -> None:
    """Issue scenario 1: save (this also makes the first automatic backup), run a command on
    the same journal, save again, kill the window: both saves are there."""
    journal = tmp_path / "journal.sqlite"
    first = saved_id(window.ask("temp 37.1 2026-01-05 08:00"))
    assert list(backups.list_backups(journal.parent / "backups")), "the first change backs up"
    args = ["due"] if command == "due" else ["import", str(import_file(tmp_path))]
    result = msjournal(*args, "--journal", str(journal))
    assert result.returncode == 0, result.stderr
    second = saved_id(window.ask("temp 37.2 2026-01-05 09:00"))
    window.kill()
    assert {first, second} <= temperatures(journal)
    assert integrity(journal) == "ok"


def test_many_commands_between_saves_lose_nothing(window: WindowProcess, tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    acknowledged = set()
    for round_ in range(4):
        acknowledged.add(saved_id(window.ask(f"temp 37.{round_} 2026-01-0{round_ + 1} 08:00")))
        assert msjournal("alerts", "--journal", str(journal)).returncode == 0
        window.ask("backup")
    window.kill()
    assert acknowledged <= temperatures(journal)
    assert integrity(journal) == "ok"


def test_the_window_holds_its_sqlite_lock_after_its_own_backup(
    window: WindowProcess, tmp_path: Path
) -> None:
    """The root cause: reading the live file with open()/close() dropped the process's locks."""
    journal = tmp_path / "journal.sqlite"
    window.ask("temp 37.1 2026-01-05 08:00")
    window.ask("backup")
    assert _sqlite_locks(journal, window.process.pid), "the window lost its lock on the journal"


def _sqlite_locks(path: Path, pid: int) -> list[str]:
    inode = os.stat(path).st_ino
    with open("/proc/locks") as locks:
        return [line for line in locks if f":{inode} " in line and f" {pid} " in line]


@pytest.mark.parametrize("command", ["protect", "restore"])
def test_replacing_the_journal_is_refused_while_a_window_has_it(
    window: WindowProcess, tmp_path: Path, command: str
) -> None:
    """Issue scenario 2: protect (and restore) while another process has the journal open
    refuse with the true reason; the window's next save is kept."""
    journal = tmp_path / "journal.sqlite"
    first = saved_id(window.ask("temp 37.1 2026-01-05 08:00"))
    backup = window.ask("backup").split(" ", 1)[1]
    before = digest(journal)
    if command == "protect":
        result = msjournal("protect", "--journal", str(journal), MSJOURNAL_PASSPHRASE=PASSPHRASE)
    else:
        result = msjournal("restore", backup, "--journal", str(journal))
    assert result.returncode != 0
    assert "another msjournal window or command has this journal open" in result.stderr
    assert "disk" not in result.stderr and "Traceback" not in result.stderr
    assert digest(journal) == before
    second = saved_id(window.ask("temp 37.2 2026-01-05 09:00"))
    window.kill()
    assert {first, second} <= temperatures(journal)


@pytest.mark.parametrize("command", ["change-passphrase", "unprotect"])
def test_rekeying_is_refused_while_a_window_has_it(tmp_path: Path, command: str) -> None:
    journal = tmp_path / "journal.sqlite"
    with Journal.open(journal) as plain:
        change_protection(plain, PASSPHRASE)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from msjournal.journal import Journal; "
            f"j = Journal.open(sys.argv[1], passphrase={PASSPHRASE!r}); j.is_empty(); "
            "print('ready', flush=True); sys.stdin.read()",
            str(journal),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = msjournal(
            command,
            "--journal",
            str(journal),
            MSJOURNAL_PASSPHRASE=PASSPHRASE,
            MSJOURNAL_NEW_PASSPHRASE="another long passphrase",
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode != 0
    assert "another msjournal window or command has this journal open" in result.stderr
    assert Journal.open(journal, passphrase=PASSPHRASE).is_empty()


def test_a_stale_form_cannot_overwrite_a_newer_edit(tmp_path: Path) -> None:
    """Issue scenario 3: B loads an entry, A saves a note on it, B saves only a new value:
    B's save is refused with what changed; A's note is kept."""
    journal = tmp_path / "journal.sqlite"
    a, b = WindowProcess(journal), WindowProcess(journal)
    try:
        entry = saved_id(a.ask("temp 37.1 2026-01-05 08:00"))
        assert b.ask(f"load {entry}") == f"loaded {entry}"
        assert a.ask(f"load {entry}") == f"loaded {entry}"
        assert a.ask(f"note {entry} Felt shivery at 8") == f"updated {entry}"
        answer = b.ask(f"note {entry} something else")
        assert answer.startswith("refused StaleEntryError")
        assert "changed in another window or by a command" in answer
        assert "notes: now Felt shivery at 8" in answer
    finally:
        a.kill()
        b.kill()
    with Journal.open(journal) as opened:
        assert opened.get(entry).notes == "Felt shivery at 8"  # type: ignore[union-attr]


def test_concurrent_backups_never_overwrite_each_other(tmp_path: Path) -> None:
    """Issue scenario 5: 8 backups at once each print their own file, and every one is there
    with a matching checksum."""
    journal = tmp_path / "journal.sqlite"
    with Journal.open(journal) as opened:
        opened.add_temperature({"taken": "2026-01-05 08:00", "value": "37.1", "unit": "C"})
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "msjournal", "backup", "--journal", str(journal)],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for _ in range(8)
    ]
    written = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        written.append(Path(out.split("Backup written to ", 1)[1].splitlines()[0]))
    assert len(set(written)) == 8
    for path in written:
        assert backups.recorded_checksum(path) == backups.sha256_of(path)
