"""Is a journal file healthy? A quick check for start-up and a full one for `msjournal check`.

Both only read: a damaged journal is never written to (it is opened read-only). A journal
protected with a passphrase is checked through SQLCipher with its passphrase.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from msjournal.model.kinds import KINDS
from msjournal.storage import database as db
from msjournal.storage import journal_file, models, schema, schema_trust
from msjournal.storage import sqlcipher as encryption

SQLITE_HEADER = journal_file.SQLITE_HEADER
KNOWN_FORMATS = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x89PNG", "a PNG picture"),
    (b"{", "a JSON text file (a journal export? use Import for those)"),
)
REQUIRED_TABLES = frozenset(models.MODEL_BY_TABLE)
ENTRY_TABLES = {kind.table: kind.plural for kind in KINDS}


@dataclass(frozen=True)
class HealthReport:
    path: Path
    problems: tuple[str, ...] = ()
    full: bool = False
    exists: bool = True
    schema_version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True  # False: it could not be read now (disk, folder, lock), not damage

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        """A problem that a backup could fix: never a full disk or an unreadable folder."""
        return bool(self.problems) and self.readable

    def message(self) -> str:
        if not self.exists:
            return f"There is no journal at {self.path} yet."
        kind = "full check" if self.full else "quick check"
        if self.ok:
            entries = ", ".join(f"{n} {ENTRY_TABLES[t]}" for t, n in self.counts.items())
            return f"{self.path} passed the {kind}" + (f" ({entries})." if entries else ".")
        if not self.readable:
            return (
                f"{self.path} could not be checked: "
                + "; ".join(self.problems)
                + ". It has not been changed."
            )
        return (
            f"{self.path} did not pass the {kind}: "
            + "; ".join(self.problems)
            + ". It has not been changed."
        )


PROTECTED = "it is protected with a passphrase, and no passphrase was given"
WRONG = "the passphrase is not right for it"


def header_problem(path: Path, passphrase: str | None = None) -> str | None:
    """Why a file cannot be a journal, judged from its first bytes; None if it might be one."""
    found = journal_file.inspect(path)
    if found.folder:
        return "it is a folder, not a file"
    if found.read_error:
        return f"it cannot be read ({found.read_error}); this does not mean it is damaged"
    if not found.exists:
        return "it does not exist"
    if found.held:
        return None if passphrase is not None or not found.held_encrypted else PROTECTED
    return _bytes_problem(found, passphrase)


def _bytes_problem(found: journal_file.JournalFile, passphrase: str | None) -> str | None:
    header = found.header
    if not header:
        return "it is empty"
    if not header.startswith(SQLITE_HEADER):
        if header.strip(b"\x00") == b"":
            return "it is damaged: its database header is zeroed"
        if found.looks_encrypted:
            return None if passphrase is not None else PROTECTED
        kind = next((name for magic, name in KNOWN_FORMATS if header.startswith(magic)), None)
        return (
            f"it is {kind}, not a journal"
            if kind
            else "it is not a journal (not a SQLite database)"
        )
    if len(header) < 100:
        return "it is cut short: it ends inside the database header"
    app_id = found.header_int(68)
    if app_id not in (0, schema.APPLICATION_ID):
        return "it is a database of another program, not an msjournal journal"
    version = found.header_int(60)
    if version > schema.SCHEMA_VERSION:
        return (
            f"it was written by a newer msjournal (schema {version}; this version reads up to "
            f"{schema.SCHEMA_VERSION}). Update msjournal to use it"
        )
    return None


def inspect_connection(
    con: sqlite3.Connection, full: bool
) -> tuple[list[str], int | None, dict[str, int]]:
    """Problems found through an open connection, the schema version and the entry counts."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in con.execute(f"PRAGMA {pragma}(20)")]
    if rows != ["ok"]:
        return [f"it is damaged (SQLite's {pragma.replace('_', ' ')} found: {rows[0]})"], None, {}
    version = int(con.execute("PRAGMA user_version").fetchone()[0])
    if int(con.execute("PRAGMA application_id").fetchone()[0]) not in (0, schema.APPLICATION_ID):
        return ["it is a database of another program, not an msjournal journal"], version, {}
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables & REQUIRED_TABLES:
        return ["it is not an msjournal journal (it has none of the journal's tables)"], version, {}
    problems = []
    if parts := schema_trust.unexpected_parts(lambda sql: con.execute(sql).fetchall()):
        problems.append(schema_trust.describe(parts))
    if missing := sorted(REQUIRED_TABLES - tables):
        problems.append(f"it lacks parts of a journal (tables {', '.join(missing)})")
    if version < 1:
        problems.append("it has no journal schema version")
    if version > schema.SCHEMA_VERSION:
        problems.append(f"it was written by a newer msjournal (schema {version})")
    if full and not problems and con.execute("PRAGMA foreign_key_check").fetchone() is not None:
        problems.append("it has side effects linked to infusions that do not exist")
    counts = (
        {}
        if problems
        else {
            t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in ENTRY_TABLES
        }
    )
    return problems, version, counts


def _check(
    path: Path, full: bool, uri_options: str = "", passphrase: str | None = None
) -> HealthReport:
    path = Path(path).expanduser()
    uri_options = uri_options or db.read_options(path)
    if not path.exists():
        return HealthReport(path, full=full, exists=False)
    if path.is_file() and path.stat().st_size == 0:
        return HealthReport(path, full=full)  # a brand-new journal that was never written
    passphrase = encryption.key_for(path, passphrase)
    problem = header_problem(path, passphrase)
    if problem:
        unreadable = journal_file.inspect(path).read_error is not None
        return HealthReport(path, (problem,), full, readable=not unreadable)
    if not encryption.looks_encrypted(path):
        passphrase = None  # a plain journal is read with the standard library
    try:
        con = encryption.connect(path, passphrase, uri_options, timeout=5)
        try:
            con.execute("PRAGMA cell_size_check = ON")
            problems, version, counts = inspect_connection(con, full)
        finally:
            con.close()
    except encryption.WrongPassphrase:
        return HealthReport(path, (WRONG,), full)
    except encryption.database_errors() as error:
        unavailable = _unavailable(error)
        return HealthReport(
            path, (unavailable or f"it is damaged ({error})",), full, readable=unavailable is None
        )
    return HealthReport(path, tuple(problems), full, schema_version=version, counts=counts)


_UNAVAILABLE = (
    ("locked", "it is held by another program; try again in a moment"),
    (
        "unable to open",
        "it cannot be opened right now (check that it and its folder can be "
        "read); this does not mean it is damaged",
    ),
    ("readonly", "it is on a read-only disk or folder that SQLite needs to write beside"),
    ("disk is full", "the disk is full, so it cannot be read safely; free some space"),
    (
        "disk i/o error",
        "the disk reported an error while reading it; the disk may be full or failing",
    ),
    ("out of memory", "there was not enough memory to check it"),
)


def _unavailable(error: BaseException) -> str | None:
    """Why a journal could not be read, when the reason is not damage to the journal itself."""
    text = str(error).lower()
    return next((why for key, why in _UNAVAILABLE if key in text), None)


def quick_check(path: Path, passphrase: str | None = None) -> HealthReport:
    """The start-up check: header, SQLite's quick_check and the schema, reading only."""
    return _check(path, full=False, passphrase=passphrase)


def full_check(path: Path, passphrase: str | None = None) -> HealthReport:
    """Everything: SQLite's full integrity_check and the links between entries, reading only."""
    return _check(path, full=True, passphrase=passphrase)


def check_copy(path: Path, passphrase: str | None = None) -> HealthReport:
    """The full check of a private copy that may be opened read-write (used by restore)."""
    return _check(path, full=True, uri_options="mode=rw", passphrase=passphrase)
