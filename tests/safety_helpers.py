"""Helpers shared by the data-safety tests."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from msjournal.journal import Journal
from msjournal.safety.backups import content_digest

ROOT = Path(__file__).resolve().parent.parent

TEMPERATURE = {"taken": "2026-01-05 08:00", "value": "37.1", "unit": "C"}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def assert_private(*paths: Path) -> None:
    """Files 0600 and folders 0700 (POSIX only)."""
    if os.name != "posix":
        return
    for path in paths:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path} has mode {oct(mode(path))}"


def integrity(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def filled_journal(path: Path, temperatures: int = 3) -> Journal:
    journal = Journal.open(path)
    journal.add_follow_up({"kind": "appointment", "title": "Neurology review", "due": "2026-07-01"})
    for minute in range(temperatures):
        journal.add_temperature(TEMPERATURE | {"taken": f"2026-01-05 08:{minute % 60:02d}"})
    return journal


def digest(path: Path) -> str:
    return content_digest(path)


# ---------------------------------------------------------------- child processes


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
    env.pop("MSJOURNAL_PASSPHRASE", None)
    env.update(extra)
    return env


def msjournal(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "msjournal", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env=child_env(**env),
        timeout=120,
    )
