"""Crash safety: writers and backups killed with SIGKILL at random moments lose nothing saved.

A small fork server imports msjournal once; for each trial it forks a short-lived child that
opens the journal fresh (never a connection carried across fork) and saves entries through the
real Journal methods, appending each id to an acknowledgement file only after the save returned.
The test kills the child at a random moment and then checks the journal with a fresh connection.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msjournal.safety import backups
from tests.safety_helpers import assert_private, digest, filled_journal, integrity

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")

WRITER_TRIALS = 120
BACKUP_TRIALS = 40
BATCH = 5

SERVER = r"""
import os, sys
from decimal import Decimal
from datetime import datetime
from pathlib import Path
from msjournal.model.catalog import load_catalog
from msjournal.journal import Journal
from msjournal.model.records import JournalData, TemperatureReading
from msjournal.safety import backups

mode, target, acks = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
catalog = load_catalog()

def write_forever(trial):
    ack = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    journal = Journal.open(target, catalog)
    n = 0
    while True:
        n += 1
        if n % 2:
            ids = [f"t-batch{trial}n{n}k{k}" for k in range(5)]
            batch = tuple(TemperatureReading(id=i, taken=datetime(2026, 1, 1, 8, 0),
                          value=Decimal("37.0"), unit="C", notes="x" * 300) for i in ids)
            journal.add_records(JournalData(temperatures=batch))
            os.write(ack, f"batch t-batch{trial}n{n}\n".encode())
        else:
            saved = journal.add_temperature(
                {"taken": "2026-01-01 09:00", "value": "36.9", "unit": "C"}
            )
            os.write(ack, f"single {saved.id}\n".encode())

def backup_forever(trial):
    ack = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    while True:
        made = backups.make_backup(target, pages=1)
        os.write(ack, f"made {made.name}\n".encode())

for line in sys.stdin:
    trial = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            (write_forever if mode == "write" else backup_forever)(trial)
        finally:
            os._exit(1)
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""


class ForkServer:
    def __init__(self, mode: str, target: Path, acks: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, mode, str(target), str(acks)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        )

    def kill_child_after(self, trial: int, delay: float) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{trial}\n")
        self.process.stdin.flush()
        pid = int(self.process.stdout.readline())
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        assert self.process.stdout.readline().strip() == "reaped"

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _acknowledged(acks: Path) -> list[tuple[str, str]]:
    if not acks.exists():
        return []
    lines = acks.read_text().split("\n")[:-1]  # a line without its newline was never finished
    return [tuple(line.split(" ", 1)) for line in lines]  # type: ignore[misc]


def _verify_journal(path: Path, acks: Path) -> int:
    assert integrity(path) == "ok"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ids = {r[0] for r in con.execute("SELECT uid FROM temperature")}
        batches: dict[str, int] = {}
        for uid in ids:
            if uid.startswith("t-batch"):
                prefix = uid.rsplit("k", 1)[0]
                batches[prefix] = batches.get(prefix, 0) + 1
    finally:
        con.close()
    acknowledged = _acknowledged(acks)
    for kind, name in acknowledged:
        if kind == "single":
            assert name in ids, f"acknowledged save {name} is missing"
        else:
            assert batches.get(name) == BATCH, f"acknowledged import {name} is incomplete"
    partial = {name: n for name, n in batches.items() if n != BATCH}
    assert not partial, f"half-written transactions are visible: {partial}"
    return len(acknowledged)


def test_kill_during_saves_loses_nothing_acknowledged(tmp_path: Path) -> None:
    """Over 100 SIGKILLs mid-save: every acknowledged save is there, no partial import, db ok."""
    journal_path = tmp_path / "data" / "journal.sqlite"
    filled_journal(journal_path).close()
    acks = tmp_path / "acks.txt"
    rng = random.Random(20260615)
    server = ForkServer("write", journal_path, acks)
    try:
        for trial in range(WRITER_TRIALS):
            server.kill_child_after(trial, rng.uniform(0.005, 0.06))
            _verify_journal(journal_path, acks)
    finally:
        server.close()
    total = _verify_journal(journal_path, acks)
    assert total > WRITER_TRIALS  # most trials were killed after at least one save
    assert_private(journal_path, Path(f"{journal_path}-wal"), Path(f"{journal_path}-shm"))


def test_kill_during_backup_never_leaves_a_torn_backup(tmp_path: Path) -> None:
    """Backups killed midway never leave a file under a backup's name;
    all of them restore intact."""
    journal_path = tmp_path / "data" / "journal.sqlite"
    filled_journal(journal_path, temperatures=2500).close()
    expected = digest(journal_path)
    acks = tmp_path / "acks.txt"
    rng = random.Random(7)
    server = ForkServer("backup", journal_path, acks)
    folder = backups.backups_dir(journal_path)
    try:
        for trial in range(BACKUP_TRIALS):
            server.kill_child_after(trial, rng.uniform(0.0, 0.08))
    finally:
        server.close()
    made = backups.list_backups(folder)
    assert made, "no backup finished at all: the kill window is too short"
    leftovers = [p for p in folder.iterdir() if p.name.endswith(".part")]
    assert leftovers, "no kill landed inside a backup"  # killed temporaries keep their .part name
    for backup in made:
        assert backups.recorded_checksum(backup.path) == backups.sha256_of(backup.path)
        assert integrity(backup.path) == "ok"
        assert digest(backup.path) == expected
        assert_private(backup.path)
    from msjournal.safety.restore import restore_file

    target = tmp_path / "restored" / "journal.sqlite"
    restore_file(made[-1].path, target)
    assert digest(target) == expected
