"""Disk full, read-only files, a locked journal and files that are not journals.

Each gives a clear message, commits nothing partial, keeps the journal intact, and the journal
stays usable afterwards.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData, TemperatureReading
from msjournal.safety import backups
from msjournal.storage import database as db
from msjournal.storage.paths import backups_dir
from tests.safety_helpers import TEMPERATURE, digest, filled_journal, integrity

ROOT = Path(__file__).resolve().parents[1]


def _many_readings(count: int, prefix: str = "t-big") -> JournalData:
    return JournalData(
        temperatures=tuple(
            TemperatureReading(
                id=f"{prefix}{n}",
                taken=datetime(2026, 1, 1, 8, 0),
                value=Decimal("37.0"),
                unit="C",
                notes="n" * 2000,
            )
            for n in range(count)
        )
    )


def _cap_pages(journal: Journal, extra: int) -> None:
    """Simulate a full disk: SQLite may grow the file by only `extra` pages."""
    pages = journal._db.execute_sql("PRAGMA page_count").fetchone()[0]
    journal._db.execute_sql(f"PRAGMA max_page_count = {pages + extra}")


def test_disk_full_on_save(journal_path: Path) -> None:
    """Saving on a full disk says so, keeps every earlier entry,
    and works again once there is room."""
    journal = filled_journal(journal_path)
    before = journal.temperatures()
    _cap_pages(journal, 0)
    with pytest.raises(JournalError, match="disk is full.*everything saved before is safe"):
        journal.add_temperature(TEMPERATURE | {"notes": "x" * 9000})
    assert journal.temperatures() == before
    journal._db.execute_sql("PRAGMA max_page_count = 1073741823")
    journal.add_temperature(TEMPERATURE | {"notes": "x" * 9000})
    assert len(journal.temperatures()) == len(before) + 1
    journal.close()
    assert integrity(journal_path) == "ok"


def test_disk_full_on_import(journal_path: Path) -> None:
    """An import that runs out of space adds nothing at all (no partial import)."""
    journal = filled_journal(journal_path)
    journal.close()
    before = digest(journal_path)
    journal = Journal.open(journal_path)
    _cap_pages(journal, 5)
    with pytest.raises(JournalError, match="disk is full"):
        journal.add_records(_many_readings(200))
    assert len(journal.temperatures()) == 3
    journal._db.execute_sql("PRAGMA max_page_count = 1073741823")
    journal.add_temperature(TEMPERATURE)  # the same session goes on working
    journal.close()
    assert digest(journal_path) != before
    assert integrity(journal_path) == "ok"
    assert integrity(journal_path) == "ok"


def _run_limited(script: str, limit: int) -> subprocess.CompletedProcess[str]:
    """Run Python with a file-size limit: writes past `limit` bytes fail like a full disk."""

    def limit_files() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=limit_files,
        timeout=60,
    )


posix_only = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")


@posix_only
def test_write_error_on_save_in_subprocess(journal_path: Path) -> None:
    """A real write error from the kernel (file size limit) is a clear message, not a traceback."""
    filled_journal(journal_path).close()
    script = (
        "import sys\nfrom msjournal.cli.main import main\nfrom msjournal.journal import Journal\n"
        "from msjournal.model.errors import JournalError\n"
        f"j = Journal.open({str(journal_path)!r})\n"
        "try:\n"
        "    for n in range(500):\n"
        "        j.add_temperature({'taken': '2026-01-05 08:00', 'value': '37.1', 'unit': 'C', "
        "'notes': 'x' * 1900})\n"
        "except JournalError as e:\n    print('HANDLED', e)\n"
    )
    result = _run_limited(script, 200_000)
    assert "HANDLED Could not save" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    assert integrity(journal_path) == "ok"
    with Journal.open(journal_path) as journal:
        assert len(journal.temperatures()) >= 3  # the entries saved earlier are all there


@posix_only
def test_disk_full_on_backup(journal_path: Path) -> None:
    """A backup that runs out of space fails clearly and leaves no file under a backup's name."""
    filled_journal(journal_path, temperatures=400).close()
    size = journal_path.stat().st_size
    script = (
        f"from msjournal.cli.main import main\nraise SystemExit(main(['backup', '--journal', "
        f"{str(journal_path)!r}]))\n"
    )
    result = _run_limited(script, size // 2)
    assert result.returncode == 1
    assert "Could not make a backup" in result.stderr and "Traceback" not in result.stderr
    assert backups.list_backups(backups_dir(journal_path)) == []
    assert not list(backups_dir(journal_path).glob("*.part"))
    assert integrity(journal_path) == "ok"


@posix_only
def test_disk_full_on_export(journal_path: Path, tmp_path: Path) -> None:
    """An export that runs out of space fails clearly and leaves no file under the chosen name."""
    filled_journal(journal_path, temperatures=1500).close()
    out = tmp_path / "export.json"
    script = (
        f"from msjournal.cli.main import main\nraise SystemExit(main(['export', 'json', "
        f"'--journal', {str(journal_path)!r}, '--out', {str(out)!r}]))\n"
    )
    result = _run_limited(script, 40_000)
    assert result.returncode == 1, result.stdout
    assert "Cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export.json")]
    assert integrity(journal_path) == "ok"


def test_locked_by_another_copy(journal_path: Path) -> None:
    """A journal another copy of msjournal is writing to gives a clear message; nothing is lost."""
    journal = filled_journal(journal_path)
    journal._db.execute_sql("PRAGMA busy_timeout = 50")
    before = journal.temperatures()
    other = sqlite3.connect(journal_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(JournalError, match="another running copy of msjournal"):
            journal.add_temperature(TEMPERATURE)
    finally:
        other.rollback()
        other.close()
    assert journal.temperatures() == before
    journal.add_temperature(TEMPERATURE)  # usable again once the other copy lets go
    journal.close()
    assert integrity(journal_path) == "ok"


def test_read_only_journal(journal_path: Path) -> None:
    """A journal that cannot be written (read-only) says so on save and loses nothing."""
    filled_journal(journal_path).close()
    before = digest(journal_path)
    # Root ignores file permissions, so open read-only the way SQLite reports it either way.
    journal = Journal.open(journal_path)
    journal._db.close()
    journal._db.init(f"file:{journal_path}?mode=ro", uri=True, pragmas=db.PRAGMAS)
    journal._db.connect()
    with pytest.raises(JournalError, match="read-only"):
        journal.add_temperature(TEMPERATURE)
    assert len(journal.temperatures()) == 3
    journal.close()
    assert digest(journal_path) == before


def test_file_that_is_not_a_journal(tmp_path: Path) -> None:
    """Opening a PDF or another program's database as the journal is refused and not touched."""
    pdf = tmp_path / "journal.sqlite"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(3000))
    before = pdf.read_bytes()
    with pytest.raises(JournalError, match="not an msjournal journal"):
        Journal.open(pdf)
    assert pdf.read_bytes() == before
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE song (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(JournalError, match="another program"):
        Journal.open(other)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.sqlite", "other.sqlite"]
