"""Journals written by earlier versions open, upgrade step by step, and keep every entry.

The files in tests/fixtures/ were written by the code of those versions (see its README).
Opening one the way the window does backs it up first, upgrades it to the current schema, and
leaves a journal that passes the full check and reads the same entries as before.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from msjournal.safety import automatic, backups, health
from msjournal.storage import schema
from msjournal.storage.paths import backups_dir

FIXTURES = Path(__file__).parent / "fixtures"
STORED = {version: FIXTURES / f"journal-v{version}.sqlite" for version in (1, 2, 3)}
ENTRY_TABLES = ("infusion", "side_effect", "temperature", "follow_up")


def rows(path: Path, table: str) -> set[tuple[object, ...]]:
    """Every row of an entry table, read with the standard library, without its own row id."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[1] != "id"]
        quoted = ", ".join(f'"{n}"' for n in names)
        return set(con.execute(f'SELECT {quoted} FROM "{table}"'))
    finally:
        con.close()


@pytest.fixture(params=sorted(STORED), ids=lambda v: f"schema-{v}")
def stored(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[int, Path]:
    copy = tmp_path / "journal.sqlite"
    shutil.copyfile(STORED[request.param], copy)
    return request.param, copy


def test_the_stored_files_are_of_the_versions_they_claim() -> None:
    for version, path in STORED.items():
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert con.execute("PRAGMA user_version").fetchone()[0] == version
        con.close()
    assert max(STORED) == schema.SCHEMA_VERSION - 1, "add a stored journal of the last schema"


def test_upgrade_keeps_every_entry_and_backs_up_first(stored: tuple[int, Path]) -> None:
    version, path = stored
    before = {table: rows(path, table) for table in ENTRY_TABLES}
    original = backups.content_digest(path)
    with automatic.open_journal(path) as journal:
        assert len(journal.infusions()) == len(before["infusion"]) == 13
        assert len(journal.side_effects()) == len(before["side_effect"])
        assert any(effect.infusion for effect in journal.side_effects()), "links survive"
        assert journal.settings().temperature_unit == "F"
        plan = journal.plan()
        assert plan is not None and plan.treatment == "natalizumab" and not plan.loading_done
    for table in ENTRY_TABLES:
        assert rows(path, table) == before[table], table
    [kept] = backups.list_backups(backups_dir(path))
    assert f"before-upgrade-v{version}" in kept.path.name
    assert backups.content_digest(kept.path) == original


def test_an_upgraded_journal_is_whole_and_current(stored: tuple[int, Path]) -> None:
    _, path = stored
    automatic.open_journal(path).close()
    report = health.full_check(path)
    assert report.ok, report.message()
    assert report.schema_version == schema.SCHEMA_VERSION
    automatic.open_journal(path).close()
    assert len(backups.list_backups(backups_dir(path))) == 1, "upgraded once, backed up once"


def test_an_upgraded_journal_takes_new_entries_and_new_fields(stored: tuple[int, Path]) -> None:
    _, path = stored
    with automatic.open_journal(path) as journal:
        journal.set_plan(
            {"treatment": "natalizumab", "started": "2025-12-02", "loading_done": True}
        )
        journal.add_temperature({"taken": "2026-11-30 08:00", "value": "99.1", "unit": "F"})
        assert journal.plan().loading_done  # type: ignore[union-attr]
        assert len(journal.temperatures()) == len(rows(path, "temperature"))
        # schema 4: relapses and test results
        relapse = journal.add_relapse(
            {"onset": "2026-11-20T08:00", "description": "Numb hand", "impact": "mild"}
        )
        result = journal.add_test_result(
            {"test": "jcv_index", "taken": "2026-11-21", "value": "0.42"}
        )
        assert journal.relapses() == [relapse] and journal.test_results() == [result]
