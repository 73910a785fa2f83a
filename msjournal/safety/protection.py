"""Passphrase protection of a journal: protect, change the passphrase, unprotect.

Converting never changes the journal file in place: it writes a complete new file beside the
journal, checks that it holds exactly the same rows, and only then renames it over the journal,
so a crash at any moment leaves either the old file (old passphrase) or the new one (new
passphrase), never a half-converted one. It runs only while nobody else has the journal open.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import backups
from msjournal.storage.files import fsync_file, fsync_folder
from msjournal.storage.journal_file import convert_prefix, remove_leftover_copies
from msjournal.storage.journal_lock import exclusive_use
from msjournal.storage.sqlcipher import (
    NEEDS_PASSPHRASE,
    WRONG_PASSPHRASE,
    PassphraseNeeded,
    WrongPassphrase,
    apply_key,
    check_new_passphrase,
    connect,
    database_errors,
    driver,
    looks_encrypted,
    rows_digest,
)


def settle(path: Path, passphrase: str | None) -> None:
    """Refuse if the journal is in use; fold its -wal into the main file."""
    conn = connect(path, passphrase, "mode=rw", timeout=0.5, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except database_errors() as error:
        if "locked" in str(error) or "busy" in str(error):
            raise JournalError(
                "Another running copy of msjournal has the journal open; close it "
                "first. Nothing was changed."
            ) from None
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
    fd, name = tempfile.mkstemp(prefix=convert_prefix(path), suffix=".part", dir=path.parent)
    os.close(fd)
    converted = Path(name)
    try:
        _export(path, old, new, converted)
        os.chmod(converted, 0o600)
        _swap(converted, path)
    except BaseException as error:
        _remove(converted)
        if isinstance(error, database_errors()) or isinstance(error, OSError):
            raise JournalError(
                f"The journal could not be converted ({error}). Nothing was changed."
            ) from None
        raise


def protected_copy(plain: Path, passphrase: str) -> Path:
    """An encrypted, checked copy of a closed plain journal file, beside it."""
    fd, name = tempfile.mkstemp(prefix=convert_prefix(plain), suffix=".part", dir=plain.parent)
    os.close(fd)
    target = Path(name)
    try:
        _export(plain, None, passphrase, target)
        os.chmod(target, 0o600)
    except BaseException:
        _remove(target)
        raise
    return target


def convert(
    path: Path | str, old: str | None, new: str | None, now: datetime | None = None
) -> Path:
    """Re-write a closed journal with a new key (None: no passphrase); returns the backup kept.

    The journal as it was is backed up first (with its old key); the new file is checked row
    for row before it is renamed over the journal. Raises JournalError with nothing changed.
    """
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
        remove_leftover_copies(path)
        settle(path, old)
        reason = "before-protect" if old is None else "before-passphrase-change"
        kept = backups.make_backup(path, reason=reason, now=now, passphrase=old)
        _convert_into_place(path, old, new)
    return kept


def change_protection(journal: Journal, new: str | None, current: str | None = None) -> Path | None:
    """Protect, re-key or unprotect an open journal in place; returns the backup kept.

    `current` must repeat the passphrase in use (when there is one). The journal is closed,
    converted (see `convert`) and opened again with the new key; on failure it is opened again
    as it was, unchanged.
    """
    old = journal.passphrase
    if old is not None and (current is None or not journal.passphrase_matches(current)):
        raise WrongPassphrase(WRONG_PASSPHRASE)
    if new is None and old is None:
        raise JournalError("This journal is not protected with a passphrase.")
    if new is not None:
        check_new_passphrase(new)
    driver()
    journal.close()
    kept: Path | None = None
    key = old
    try:
        if journal.path.exists() and journal.path.stat().st_size > 0:
            kept = convert(journal.path, old, new)
        else:
            with exclusive_use(journal.path, "protect the journal"):
                journal.path.unlink(missing_ok=True)  # an empty new file: create it encrypted
        key = new
    finally:
        journal.reopen(key)
    return kept
