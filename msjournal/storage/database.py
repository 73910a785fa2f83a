"""Opening a journal file: is it a journal, which database class, the durable settings, and
what a failed write means in words."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import peewee as pw

from msjournal.model.errors import JournalError
from msjournal.storage import journal_file, schema_trust
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.models import database
from msjournal.storage.schema import APPLICATION_ID, SCHEMA_VERSION, schema_version, upgrade

PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "secure_delete": 1,
    "busy_timeout": 5000,
    "trusted_schema": 0,  # functions in a schema (views, triggers, defaults) are never run
}


# ---------------------------------------------------------------- connections


def create_private_file(path: Path) -> None:
    """Create the journal file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


def make_files_private(path: Path) -> None:
    """Journal, -wal and -shm readable by the owner only (SQLite's own default is 0644)."""
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        try:
            if side.exists() and side.stat().st_mode & 0o077:
                os.chmod(side, 0o600)
        except OSError:
            pass  # a read-only folder: opening still works, writing reports its own error


EXPECTED_PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "secure_delete": 1,
}
READ_ONLY_EXPECTED = {"foreign_keys": 1}


def connection_settings(db: pw.SqliteDatabase) -> dict[str, object]:
    return {name: db.execute_sql(f"PRAGMA {name}").fetchone()[0] for name in EXPECTED_PRAGMAS}


class JournalDatabase(pw.SqliteDatabase):
    """A SqliteDatabase that checks the durable settings on every new connection.

    Each connection is recorded in msjournal.storage.journal_file while it is open, so that
    nothing in this process reads the file's bytes behind SQLite's back (that would drop its
    locks).
    """

    encrypted = False
    read_only = False

    def __init__(
        self, database: str, file_path: Path | None = None, read_only: bool = False, **kwargs: Any
    ):
        super().__init__(database, **kwargs)
        self.file_path = Path(file_path or database)
        self.read_only = read_only or self.read_only

    def _add_conn_hooks(self, conn: sqlite3.Connection) -> None:
        _defensive(conn)
        super()._add_conn_hooks(conn)  # type: ignore[misc]  # peewee's stubs omit this hook
        expected = READ_ONLY_EXPECTED if self.read_only else EXPECTED_PRAGMAS
        found = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in expected}
        if found != expected:
            raise JournalError(
                f"{self.file_path} cannot be opened with safe settings "
                f"(found {found}); it was not changed."
            )
        self._held_files()[id(conn)] = journal_file.hold(self.file_path, self.encrypted)

    def _close(self, conn: sqlite3.Connection) -> None:
        try:
            conn.close()
        finally:
            journal_file.release(self._held_files().pop(id(conn), None))

    def _held_files(self) -> dict[int, journal_file.FileId | None]:
        if not hasattr(self, "_held"):
            self._held: dict[int, journal_file.FileId | None] = {}
        return self._held


def _defensive(conn: sqlite3.Connection) -> None:
    """SQLite's defensive mode (no writable schema, no raw page edits) where Python offers it."""
    flag = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    setconfig = getattr(conn, "setconfig", None)
    if flag is not None and setconfig is not None:
        setconfig(flag, True)


class ReadOnlyJournalDatabase(JournalDatabase):
    """A journal that can only be read (read-only media or folder): nothing is saved."""

    read_only = True


class EncryptedJournalDatabase(JournalDatabase):
    """A journal encrypted with SQLCipher (sqlcipher3): keyed, and the key proven, before any
    pragma."""

    encrypted = True

    def __init__(self, database: str, passphrase: str, **kwargs: Any):
        super().__init__(database, **kwargs)
        self._passphrase = passphrase

    def _connect(self) -> object:
        conn = encryption.driver().connect(
            self.database, isolation_level=None, **self.connect_params
        )
        try:
            encryption.apply_key(conn, self._passphrase)
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn


def check_is_journal(path: Path, passphrase: str | None = None) -> None:
    """Refuse a file that exists but is not an msjournal journal, without writing to it."""
    found = journal_file.inspect(path)
    if found.folder:
        raise JournalError(f"{path} is a folder, not a journal file.")
    if found.read_error:
        raise JournalError(f"Cannot read {path}: {found.read_error}.")
    if not found.exists or found.size == 0:
        return
    if not found.is_plain_sqlite:
        if found.looks_encrypted:
            if passphrase is None:
                raise encryption.PassphraseNeeded(encryption.NEEDS_PASSPHRASE)
            return
        raise JournalError(f"{path} is not an msjournal journal (it is not a SQLite database).")
    if passphrase is not None:
        raise JournalError(f"{path} is not protected with a passphrase; open it without one.")
    if found.held:
        return  # open in this process already, so checked when it was opened
    app_id = found.header_int(68)
    if app_id not in (0, APPLICATION_ID):
        raise JournalError(f"{path} is a database of another program, not an msjournal journal.")
    if app_id == 0:
        _check_foreign_sqlite(path)


def _check_foreign_sqlite(path: Path) -> None:
    """A header without our mark: a new empty file, a journal whose first page is still only
    in its -wal (read through SQLite), or another program's database."""
    uri = f"file:{path}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as con:
            app_id = int(con.execute("PRAGMA application_id").fetchone()[0])
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except sqlite3.DatabaseError as error:
        raise JournalError(f"{path} cannot be read as a journal: {error}.") from None
    if app_id != APPLICATION_ID and tables:
        raise JournalError(f"{path} is a database of another program, not an msjournal journal.")


_STORAGE_PROBLEMS = (
    ("disk is full", "the disk is full. Free some space, then save again"),
    ("disk i/o error", "the disk reported a write error (it may be full or failing)"),
    ("readonly database", "the journal file or its folder is read-only"),
    (
        "database is locked",
        "another running copy of msjournal is using the journal. "
        "Close the other window, then save again",
    ),
    ("malformed", "the journal file is damaged. Run 'msjournal check' or restore a backup"),
    ("not a database", "the journal file is damaged. Run 'msjournal check' or restore a backup"),
)


def storage_error(error: BaseException) -> JournalError:
    """Turn a SQLite failure during a write into a message the person can act on.

    When SQLite rolls back by itself (a full disk at commit), the error seen last is the
    failed rollback's "no transaction is active"; the cause is further down the chain.
    """
    chain = list(_error_chain(error))
    reason = next(
        (why for item in chain for key, why in _STORAGE_PROBLEMS if key in str(item).lower()),
        f"SQLite said: {chain[-1]}",
    )
    return JournalError(
        f"Could not save: {reason}. Nothing was changed; everything saved before is safe."
    )


def _error_chain(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _refuse_read_only_upgrade(db: pw.SqliteDatabase, path: Path) -> None:
    found = schema_version(db)
    if found != SCHEMA_VERSION:
        raise JournalError(
            f"{path} is on a read-only disk or folder, and this version of "
            f"msjournal would have to update it (schema {found} to "
            f"{SCHEMA_VERSION}). Copy it to a folder you can write to, then "
            f"open the copy."
        )


def refuse_untrusted_schema(db: pw.SqliteDatabase, path: Path) -> None:
    """Open nothing that carries triggers, views or tables msjournal does not make."""
    parts = schema_trust.unexpected_parts(lambda sql: db.execute_sql(sql).fetchall())
    if parts:
        raise JournalError(
            f"{path} was not opened: {schema_trust.describe(parts)}. It has not "
            f"been changed. Restore a backup you made with msjournal."
        )


READ_ONLY_PRAGMAS: dict[str, object] = {
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "trusted_schema": 0,
}


def can_write_beside(path: Path) -> bool:
    """False for a journal on read-only media, in a read-only folder, or a read-only file."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def read_options(path: Path) -> str:
    """URI options that read a journal without writing anything beside it.

    A folder that cannot be written has no room for SQLite's -shm; a journal closed cleanly
    has no -wal there either, so it can be read as an unchanging file.
    """
    if os.access(path.parent, os.W_OK) or Path(f"{path}-wal").exists():
        return "mode=ro"
    return "immutable=1"


def _new_database(path: Path, passphrase: str | None) -> JournalDatabase:
    if passphrase is not None:
        encryption.driver()  # says what to install before anything is created
    if path.exists() and path.stat().st_size > 0 and not can_write_beside(path):
        name, settings = f"file:{path}?{read_options(path)}", READ_ONLY_PRAGMAS
        kind: type[JournalDatabase] = ReadOnlyJournalDatabase
    else:
        name, settings, kind = str(path), PRAGMAS, JournalDatabase
    if passphrase is None:
        return kind(name, file_path=path, pragmas=settings, uri=True)
    return EncryptedJournalDatabase(
        name,
        passphrase,
        file_path=path,
        pragmas=settings,
        uri=True,
        read_only=kind is ReadOnlyJournalDatabase,
    )


def open_database(
    path: Path, before_upgrade: Callable[[int], None] | None = None, passphrase: str | None = None
) -> pw.SqliteDatabase:
    """Open (creating if needed) a journal file with the durable settings and current schema.

    With a passphrase the journal is encrypted (SQLCipher); a new file is created encrypted.
    """
    path = Path(path)
    check_is_journal(path, passphrase)
    if passphrase is not None and (not path.exists() or path.stat().st_size == 0):
        encryption.check_new_passphrase(passphrase)
    db = _new_database(path, passphrase)
    if not db.read_only:
        create_private_file(path)
    previous = database.obj
    database.initialize(db)
    try:
        db.connect()
        make_files_private(path)
        refuse_untrusted_schema(db, path)
        if db.read_only:
            _refuse_read_only_upgrade(db, path)
        else:
            upgrade(db, before_upgrade)
    except (pw.DatabaseError, JournalError) as error:
        db.close()
        database.initialize(previous)  # a journal already open stays usable
        if isinstance(error, JournalError):
            raise
        raise JournalError(f"{path} cannot be opened as a journal: {error}.") from None
    return db
