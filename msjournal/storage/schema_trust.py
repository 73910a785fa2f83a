"""Only msjournal's own schema is trusted: a journal or backup with anything else is refused.

A journal file can carry code: a trigger runs on every insert, a view or a default can call
functions. A copy someone hands over must not be able to delete entries or copy notes when
the next temperature is saved. So the tables, indexes and columns of a journal are compared
with those msjournal itself creates, before anything is read or written; triggers, views and
other tables are refused with a plain message. (Connections also run with
`PRAGMA trusted_schema = OFF`, so a function in a schema never runs.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from msjournal.storage.models import ALL_MODELS
from msjournal.storage.schema import MIGRATIONS

Run = Callable[[str], Sequence[Sequence[Any]]]
SQLITE_OWN_TABLES = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)
KIND_WORDS = {"table": "a table", "index": "an index", "view": "a view", "trigger": "a trigger"}


@functools.cache
def _expected() -> tuple[frozenset[tuple[str, str, str]], dict[str, frozenset[str]]]:
    """The objects and columns of a journal of the newest schema (older ones have fewer)."""
    memory = pw.SqliteDatabase(":memory:")
    with memory.bind_ctx(ALL_MODELS):
        for step in MIGRATIONS:
            step(memory)
        objects = _objects(memory.execute_sql)
        columns = {
            name: _columns(memory.execute_sql, name) for kind, name, _ in objects if kind == "table"
        }
    memory.close()
    return objects, columns


def _objects(run: Run) -> frozenset[tuple[str, str, str]]:
    rows = run("SELECT type, name, tbl_name FROM sqlite_master")
    return frozenset((str(kind), str(name), str(table)) for kind, name, table in rows)


def _columns(run: Run, table: str) -> frozenset[str]:
    quoted = table.replace('"', '""')
    return frozenset(str(row[1]) for row in run(f'PRAGMA table_info("{quoted}")'))


def unexpected_parts(run: Run) -> list[str]:
    """What a journal holds that msjournal did not put there, in words; empty when nothing."""
    objects, columns = _expected()
    present = _objects(run)  # read once: this runs each time a journal is opened
    found = []
    for kind, name, _table in sorted(present - objects):
        if kind == "table" and name in SQLITE_OWN_TABLES:
            continue
        found.append(f'{KIND_WORDS.get(kind, kind)} "{name}"')
    for kind, name, _ in sorted(present & objects):
        if kind == "table" and (extra := sorted(_columns(run, name) - columns[name])):
            found.append(f'the columns {", ".join(extra)} in table "{name}"')
    return found


def describe(parts: list[str]) -> str:
    shown = ", ".join(parts[:5]) + (f" and {len(parts) - 5} more" if len(parts) > 5 else "")
    return f"it contains things msjournal did not put there ({shown}), so it is not trusted"
