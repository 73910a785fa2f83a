"""Soak: two processes write one journal in turn, killed at random points; nothing acknowledged
is ever lost. And conversions killed midway leave no copy behind once the journal is opened.

Bounded: a few seconds each, with a fixed seed so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msjournal.journal import Journal
from msjournal.safety.protection import change_protection
from msjournal.storage import sqlcipher as encryption
from tests.safety_helpers import integrity
from tests.test_two_processes import ROOT, WindowProcess, _env, saved_id

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

SOAK_SECONDS = float(os.environ.get("MSJOURNAL_SOAK_SECONDS", "6"))  # longer by hand
CONVERSION_TRIALS = 3
PASSPHRASE = "correct horse battery staple"


def _kill_mid_save(writer: WindowProcess, rng: random.Random, n: int) -> None:
    """Send a save and kill the writer before, during or after it: it was never acknowledged."""
    assert writer.process.stdin is not None
    writer.process.stdin.write(f"temp 36.{n % 10} 2026-02-01 08:{n % 60:02d}\n")
    writer.process.stdin.flush()
    time.sleep(rng.uniform(0, 0.03))
    writer.kill()


def test_two_writers_killed_at_random_lose_nothing_acknowledged(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    rng = random.Random(20261202)
    writers = [WindowProcess(journal), WindowProcess(journal)]
    acknowledged: set[str] = set()
    kills = n = 0
    deadline = time.monotonic() + SOAK_SECONDS
    try:
        while time.monotonic() < deadline:
            n += 1
            which = n % 2
            if rng.random() < 0.15:
                _kill_mid_save(writers[which], rng, n)
                writers[which] = WindowProcess(journal)
                kills += 1
                continue
            answer = writers[which].ask(
                f"temp 37.{n % 10} 2026-01-{n % 28 + 1:02d} 08:{n % 60:02d}"
            )
            acknowledged.add(saved_id(answer))
    finally:
        for writer in writers:
            if writer.process.poll() is None:
                writer.kill()
    assert kills >= 3 and len(acknowledged) >= 20, (kills, len(acknowledged))
    with Journal.open(journal) as opened:
        missing = acknowledged - {t.id for t in opened.temperatures()}
    assert not missing, f"{len(missing)} acknowledged saves lost after {kills} kills"
    print(f"soak: {len(acknowledged)} acknowledged saves, {kills} kills, none lost")
    assert integrity(journal) == "ok"


@pytest.mark.parametrize("command", ["protect", "unprotect"])
def test_a_killed_conversion_leaves_the_journal_whole_and_no_copy_after_opening(
    tmp_path: Path, command: str
) -> None:
    pytest.importorskip("sqlcipher3")
    rng = random.Random(command)
    for trial in range(CONVERSION_TRIALS):
        journal = tmp_path / f"trial{trial}" / "journal.sqlite"
        journal.parent.mkdir()
        with Journal.open(journal) as plain:
            for minute in range(30):
                plain.add_temperature(
                    {
                        "taken": f"2026-01-05 08:{minute:02d}",
                        "value": "37.1",
                        "unit": "C",
                        "notes": "n" * 400,
                    }
                )
            if command == "unprotect":
                change_protection(plain, PASSPHRASE)
        run = subprocess.Popen(
            [sys.executable, "-m", "msjournal", command, "--journal", str(journal)],
            cwd=ROOT,
            env=_env(MSJOURNAL_PASSPHRASE=PASSPHRASE),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 0.9))
        run.send_signal(signal.SIGKILL)
        run.wait()
        key = PASSPHRASE if encryption.looks_encrypted(journal) else None
        with Journal.open(journal, passphrase=key) as opened:
            assert len(opened.temperatures()) == 30
        assert not [p.name for p in journal.parent.iterdir() if ".convert-" in p.name]
        assert integrity_of(journal, key) == "ok"


def integrity_of(path: Path, passphrase: str | None) -> str:
    con = encryption.connect(path, passphrase)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()
