"""Passphrase protection: SQLCipher through the optional sqlcipher3 package.

An encrypted journal has no SQLite header: every byte of it, of its -wal and of its backups
is ciphertext. The passphrase lives in memory only, for as long as the journal is open; it is
never written, logged or shown. Converting (plain -> protected, protected -> plain, or to a new
passphrase) writes a complete new file beside the journal, checks that it holds exactly the
same rows, and only then renames it over the journal, so a crash at any moment leaves either
the old file (old passphrase) or the new one (new passphrase), never a half-converted one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from msjournal import journal_file
from msjournal.errors import JournalError
from msjournal.files import fsync_file, fsync_folder
from msjournal.journal_lock import exclusive_use

MINIMUM_LENGTH = 8
CONVERT_PREFIX = ".convert-"
STALE_PART_AGE = 600  # seconds
INSTALL_HINT = ("Passphrase protection needs the optional package sqlcipher3. Install it with: "
                "pip install msjournal[encryption]")
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


def database_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a database connection may raise, plain or encrypted."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def looks_encrypted(path: Path | str) -> bool:
    """True for a file that could be an encrypted journal: no SQLite header, whole pages of noise."""
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
        raise JournalError(f"Choose a passphrase of at least {MINIMUM_LENGTH} characters; "
                           f"a few words you can remember work well.")


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


def connect(path: Path | str, passphrase: str | None, uri_options: str = "mode=ro",
            **options: Any) -> Any:
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


# ---------------------------------------------------------------- passphrases known to this process

# Journal path -> passphrase, in this process's memory only, so a backup, a restore or a check
# of a journal that is open can use its key without asking again. Never written anywhere.
_REMEMBERED: dict[str, str] = {}


def _key(path: Path | str) -> str:
    return str(Path(path).expanduser().resolve())


def remember(path: Path | str, passphrase: str | None) -> None:
    if passphrase is None:
        _REMEMBERED.pop(_key(path), None)
    else:
        _REMEMBERED[_key(path)] = passphrase


def passphrase_for(path: Path | str, given: str | None = None) -> str | None:
    """The key for an existing file: None when it is plain, else the one given, else the one
    of the journal open in this process that it belongs to (the journal itself or a backup)."""
    if not looks_encrypted(path):
        return None
    if given is not None:
        return given
    path = Path(path).expanduser().resolve()
    if str(path) in _REMEMBERED:
        return _REMEMBERED[str(path)]
    for journal, passphrase in reversed(list(_REMEMBERED.items())):
        if Path(journal).parent / "backups" == path.parent:
            return passphrase
    return next(reversed(_REMEMBERED.values()), None)


# ---------------------------------------------------------------- converting a closed journal


def rows_digest(conn: Any) -> str:
    """SHA-256 over the schema version and every table's rows (equal digests, equal journals)."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for table in tables:
        digest.update(f"\x00{table}\x00".encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def settle(path: Path, passphrase: str | None) -> None:
    """Refuse if the journal is in use; fold its -wal into the main file."""
    conn = connect(path, passphrase, "mode=rw", timeout=0.5, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except database_errors() as error:
        if "locked" in str(error) or "busy" in str(error):
            raise JournalError("Another running copy of msjournal has the journal open; close it "
                               "first. Nothing was changed.") from None
        raise JournalError(f"The journal cannot be read ({error}). Nothing was changed.") from None
    finally:
        conn.close()


def _export(path: Path, old: str | None, new: str | None, target: Path) -> None:
    """Write every page of the journal into `target`, keyed with `new` (plain when None)."""
    source = driver().connect(f"file:{path}?mode=ro", uri=True)
    try:
        if old is None:
            source.execute("PRAGMA cipher_log_level = NONE")
        else:
            apply_key(source, old)
        source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), new or ""))
        source.execute("SELECT sqlcipher_export('converted')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA converted.{pragma} = {value}")
        source.execute("DETACH DATABASE converted")
        expected = rows_digest(source)
    finally:
        source.close()
    _verify(target, new, expected)


def _verify(target: Path, passphrase: str | None, expected: str) -> None:
    check = driver().connect(str(target))
    try:
        if passphrase is None:
            check.execute("PRAGMA cipher_log_level = NONE")
        else:
            apply_key(check, passphrase)
        result = check.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok" or rows_digest(check) != expected:
            raise JournalError("The converted copy did not match the journal. Nothing was changed.")
    finally:
        check.close()


def _swap(converted: Path, path: Path) -> None:
    fsync_file(converted)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # emptied by the checkpoint in settle
    os.replace(converted, path)
    fsync_folder(path.parent)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _convert_into_place(path: Path, old: str | None, new: str | None) -> None:
    fd, name = tempfile.mkstemp(prefix=_part_prefix(path), suffix=".part", dir=path.parent)
    os.close(fd)
    converted = Path(name)
    try:
        _export(path, old, new, converted)
        os.chmod(converted, 0o600)
        _swap(converted, path)
    except BaseException as error:
        _remove(converted)
        if isinstance(error, database_errors()) or isinstance(error, OSError):
            raise JournalError(f"The journal could not be converted ({error}). "
                               f"Nothing was changed.") from None
        raise


def protected_copy(plain: Path, passphrase: str) -> Path:
    """An encrypted, checked copy of a closed plain journal file, beside it."""
    fd, name = tempfile.mkstemp(prefix=_part_prefix(plain), suffix=".part", dir=plain.parent)
    os.close(fd)
    target = Path(name)
    try:
        _export(plain, None, passphrase, target)
        os.chmod(target, 0o600)
    except BaseException:
        _remove(target)
        raise
    return target


def _part_prefix(path: Path) -> str:
    return f".{path.name}{CONVERT_PREFIX}"


def remove_leftover_parts(path: Path) -> list[Path]:
    """Delete the half-made copies a conversion or restore killed midway left beside the journal.

    Call only while holding the journal's lock (shared or exclusive): a conversion or restore
    in progress holds it exclusively, so none is running then.
    """
    removed = []
    path = Path(path)
    old_style = time.time() - STALE_PART_AGE  # parts of earlier versions carry no journal name
    ours = (_part_prefix(path), f".{path.name}.restore-")
    for part in [*path.parent.glob(".*convert-*.part*"), *path.parent.glob(".*restore-*.part*")]:
        try:
            if not part.name.startswith(ours) and part.stat().st_mtime > old_style:
                continue
            part.unlink()
        except OSError:
            continue
        removed.append(part)
    return removed


def convert(path: Path | str, old: str | None, new: str | None,
            now: datetime | None = None) -> Path:
    """Re-write a closed journal with a new key (None: no passphrase); returns the backup kept.

    The journal as it was is backed up first (with its old key); the new file is checked row
    for row before it is renamed over the journal. Raises JournalError with nothing changed.
    """
    from msjournal import backups

    path = Path(path).expanduser()
    driver()
    if not path.is_file() or path.stat().st_size == 0:
        raise JournalError(f"No journal at {path} to convert.")
    if old is None and looks_encrypted(path):
        raise PassphraseNeeded(NEEDS_PASSPHRASE)
    if old is not None and not looks_encrypted(path):
        raise JournalError(f"{path} is not protected with a passphrase. Nothing was changed.")
    if new is not None:
        check_new_passphrase(new)
    with exclusive_use(path, "change the journal's passphrase protection"):
        remove_leftover_parts(path)
        settle(path, old)
        reason = "before-protect" if old is None else "before-passphrase-change"
        kept = backups.make_backup(path, reason=reason, now=now, passphrase=old)
        _convert_into_place(path, old, new)
    remember(path, new)
    return kept
