"""SQLCipher through the optional sqlcipher3 package: keys, connections, and telling an encrypted
journal from a plain one. The workflow that protects, re-keys or unprotects a journal is
msjournal.safety.protection.

An encrypted journal has no SQLite header: every byte of it, of its -wal and of its backups
is ciphertext. The passphrase lives in memory only, for as long as the journal is open; it is
never written, logged or shown. Converting (plain -> protected, protected -> plain, or to a new
passphrase) writes a complete new file beside the journal, checks that it holds exactly the
same rows, and only then renames it over the journal, so a crash at any moment leaves either
the old file (old passphrase) or the new one (new passphrase), never a half-converted one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from msjournal.model.errors import JournalError
from msjournal.storage import journal_file

MINIMUM_LENGTH = 8
INSTALL_HINT = (
    "Passphrase protection needs the optional package sqlcipher3. Install it with: "
    "pip install msjournal[encryption]"
)
NEEDS_PASSPHRASE = "This journal is protected with a passphrase. Enter the passphrase to open it."
WRONG_PASSPHRASE = "The passphrase is not right. Nothing was changed; check it and try again."


class PassphraseNeeded(JournalError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(JournalError):
    """The passphrase does not open the file; nothing was written."""


def available() -> bool:
    try:
        import sqlcipher3.dbapi2  # noqa: F401
    except ImportError:
        return False
    return True


def driver() -> ModuleType:
    """The sqlcipher3 DB-API module, or a JournalError saying what to install."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise JournalError(INSTALL_HINT) from None
    return dbapi2


def database_errors() -> tuple[type[Exception], ...]:
    """The exceptions a database connection may raise, plain or encrypted."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def looks_encrypted(path: Path | str) -> bool:
    """True for a file that could be an encrypted journal: no SQLite header, whole pages of
    noise."""
    return journal_file.inspect(path).looks_encrypted


def no_core_dumps() -> None:
    """A process that holds a passphrase writes no core dump (it would hold the passphrase).

    Lowering the limit cannot be undone by this process, so it stays off until it exits.
    """
    try:
        import resource
    except ImportError:
        return  # Windows: no core files
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def check_new_passphrase(passphrase: str) -> None:
    """A passphrase the person chose must be long enough; the message never repeats it."""
    no_core_dumps()
    if "\x00" in passphrase:
        raise JournalError("The passphrase cannot contain a NUL character.")
    if len(passphrase.strip()) < MINIMUM_LENGTH:
        raise JournalError(
            f"Choose a passphrase of at least {MINIMUM_LENGTH} characters; "
            f"a few words you can remember work well."
        )


def _quoted(passphrase: str) -> str:
    if not passphrase or "\x00" in passphrase:
        raise WrongPassphrase(WRONG_PASSPHRASE)
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(conn: Any, passphrase: str) -> None:
    """Key a fresh sqlcipher3 connection and prove the key by reading; wrong -> WrongPassphrase."""
    no_core_dumps()
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own stderr log stays quiet
    conn.execute(f"PRAGMA key = {_quoted(passphrase)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver().DatabaseError as error:
        if "not a database" in str(error):
            raise WrongPassphrase(WRONG_PASSPHRASE) from None
        raise


def connect(
    path: Path | str, passphrase: str | None, uri_options: str = "mode=ro", **options: Any
) -> Any:
    """A DB-API connection: stdlib sqlite3 for a plain file, sqlcipher3 keyed for an encrypted one.

    Functions named in the file's schema never run through it (`trusted_schema = OFF`).
    """
    uri = f"file:{path}?{uri_options}" if uri_options else f"file:{path}"
    if passphrase is None:
        conn = sqlite3.connect(uri, uri=True, **options)
    else:
        conn = driver().connect(uri, uri=True, **options)
    try:
        if passphrase is not None:
            apply_key(conn, passphrase)
        conn.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


def passphrase_opens(path: Path | str, passphrase: str) -> bool:
    """True when the passphrase opens the encrypted file (read-only: nothing is written)."""
    try:
        connect(path, passphrase, "mode=ro").close()
    except WrongPassphrase:
        return False
    return True


def key_for(path: Path | str, given: str | None) -> str | None:
    """The key to read an existing file with: None for a plain file, else the one given.

    There is no fallback: a journal's passphrase belongs to that journal (msjournal.journal.
    Journal.passphrase) and is passed on explicitly, never looked up from another one.
    """
    return given if looks_encrypted(path) else None


def rows_digest(conn: Any) -> str:
    """SHA-256 over the schema version and every table's rows (equal digests, equal journals)."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(f"\x00{table}\x00".encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
