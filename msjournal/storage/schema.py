"""The journal's schema versions and the steps that upgrade one version to the next."""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from msjournal.model.errors import JournalError
from msjournal.storage.models import ALL_MODELS, Relapse, TestResult

APPLICATION_ID = 0x4D534A4E  # "MSJN": marks a SQLite file as an msjournal journal


def _create_version_1(db: pw.SqliteDatabase) -> None:
    db.create_tables(ALL_MODELS, safe=False)
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _add_time_indexes(db: pw.SqliteDatabase) -> None:
    """Version 2: indexes for the date-ordered lists, so long journals stay quick."""
    for table, column in (
        ("infusion", "start"),
        ("side_effect", "onset"),
        ("temperature", "taken"),
        ("follow_up", "due"),
    ):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{table}_{column}" ON "{table}" ("{column}")')


def _add_plan_loading_done(db: pw.SqliteDatabase) -> None:
    """Version 3: a plan can say its starting doses were given before the journal began."""
    columns = {row[1] for row in db.execute_sql('PRAGMA table_info("therapy_plan")')}
    if "loading_done" not in columns:  # a journal created by this version already has it
        db.execute_sql(
            'ALTER TABLE "therapy_plan" ADD COLUMN "loading_done" INTEGER NOT NULL DEFAULT 0'
        )


def _add_relapses_and_test_results(db: pw.SqliteDatabase) -> None:
    """Version 4: relapses and test results (a journal created by this version has them)."""
    with db.bind_ctx([Relapse, TestResult]):
        db.create_tables([Relapse, TestResult], safe=True)


# MIGRATIONS[n] upgrades a journal from schema version n to n + 1.
MIGRATIONS: list[Callable[[pw.SqliteDatabase], None]] = [
    _create_version_1,
    _add_time_indexes,
    _add_plan_loading_done,
    _add_relapses_and_test_results,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: pw.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def upgrade(db: pw.SqliteDatabase, before_upgrade: Callable[[int], None] | None = None) -> int:
    """Bring the schema up to date, one step per transaction; returns the old version."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise JournalError(
            f"This journal was written by a newer msjournal (schema {found}; this version "
            f"reads up to {SCHEMA_VERSION}). Update msjournal to open it."
        )
    if found < SCHEMA_VERSION and found > 0 and before_upgrade is not None:
        before_upgrade(found)
    for version in range(found, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")
    return found
