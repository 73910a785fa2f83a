"""Backups of the journal: made with SQLite's online backup API, never half-written.

Each backup is copied into a private temporary file in the backups folder, checked, flushed
to disk and only then renamed to its final name, with its SHA-256 written beside it
(`<name>.sha256`, the format of `sha256sum`). When backups happen by themselves is
msjournal.safety.automatic.
A backup of a passphrase-protected journal is encrypted with the same key.
Older backups are thinned: everything from the last two days, then one a day for 12 days,
one a week for 10 weeks and one a month for 9 months.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from msjournal.model.errors import JournalError
from msjournal.storage import database as db
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.files import (
    PRIVATE_FILE,
    fsync_file,
    fsync_folder,
    make_private_folder,
    write_text_atomic,
)
from msjournal.storage.paths import backups_dir

SUFFIX = ".sqlite"
CHECKSUM_SUFFIX = ".sha256"
NAME_PATTERN = re.compile(
    r"^backup-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-[a-z0-9-]+)?\.sqlite$"
)
TIME_FORMAT = "%Y-%m-%d-%H.%M.%S"
KEEP_ALL_FOR = timedelta(days=2)
LIMITS = {"daily": 12, "weekly": 10, "monthly": 9}
STALE_PART_AGE = 600  # seconds: a temporary file this old belongs to a backup that died

Clock = Callable[[], datetime]
_FAILURES: tuple[type[Exception], ...] = (OSError, JournalError)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime

    @property
    def checksum_path(self) -> Path:
        return checksum_path(self.path)


def checksum_path(backup: Path) -> Path:
    return backup.with_name(backup.name + CHECKSUM_SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_checksum(backup: Path) -> str | None:
    """The SHA-256 written beside a backup, or None when there is no sidecar."""
    sidecar = checksum_path(backup)
    try:
        text = sidecar.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""
    return text.split()[0].lower() if text else ""


# ---------------------------------------------------------------- listing and thinning


def list_backups(folder: Path) -> list[Backup]:
    """The backups in a folder, newest first (names carry the moment they were made)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = NAME_PATTERN.match(entry.name)
        if match and entry.is_file():
            found.append(Backup(entry, datetime.strptime(match.group(1), TIME_FORMAT)))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def backups_to_remove(backups: Iterable[Backup], now: datetime) -> list[Backup]:
    """Which backups thinning drops: keeps the last 2 days, then 12 daily, 10 weekly, 9 monthly."""
    counts = dict.fromkeys(LIMITS, 0)
    last_kept: dict[str, object] = dict.fromkeys(LIMITS)
    remove = []
    for backup in sorted(backups, key=lambda b: b.made, reverse=True):
        if now - backup.made < KEEP_ALL_FOR:
            continue
        day = backup.made.date()
        slots = {
            "daily": day,
            "weekly": tuple(day.isocalendar())[:2],
            "monthly": (day.year, day.month),
        }
        stage = next((kind for kind in LIMITS if counts[kind] < LIMITS[kind]), None)
        if stage is None or slots[stage] == last_kept[stage]:
            remove.append(backup)
            continue
        counts[stage] += 1
        last_kept.update(slots)  # a kept backup also stands for its week and month
    return remove


def thin_backups(folder: Path, now: datetime | None = None) -> list[Path]:
    removed = []
    for backup in backups_to_remove(list_backups(folder), now or _now()):
        for path in (backup.path, backup.checksum_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
        removed.append(backup.path)
    return removed


def _remove_stale_parts(folder: Path) -> None:
    """Temporary files and name reservations of backups that died (killed, power cut)."""
    cutoff = time.time() - STALE_PART_AGE
    for entry in [*folder.glob(".backup-*.part"), *folder.glob(f"backup-*{CHECKSUM_SUFFIX}")]:
        try:
            if entry.stat().st_mtime >= cutoff:
                continue
            if entry.name.endswith(CHECKSUM_SUFFIX) and (
                entry.stat().st_size
                or entry.with_name(entry.name.removesuffix(CHECKSUM_SUFFIX)).exists()
            ):
                continue  # a real checksum, or one whose backup is there
            entry.unlink()
        except OSError:
            continue


# ---------------------------------------------------------------- making a backup


def _copy_with_backup_api(
    source: Path, target: Path, pages: int, passphrase: str | None = None
) -> None:
    """Copy a consistent snapshot of `source` into `target` (same key) and check the copy."""
    src = encryption.connect(source, passphrase, db.read_options(source), timeout=10)
    try:
        dst = encryption.connect(target, passphrase, "")
        try:
            src.backup(dst, pages=pages)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            result = dst.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise JournalError(f"The backup copy did not pass its check ({result}).")
        finally:
            dst.close()
    finally:
        src.close()


def _reserve_name(folder: Path, made: datetime, reason: str) -> Path:
    """A backup name nobody else has or will get: its checksum file is created exclusively.

    Two processes backing up in the same second each get their own name, never the same one.
    """
    stem = f"backup-{made.strftime(TIME_FORMAT)}" + (f"-{reason}" if reason else "")
    number = 1
    while True:
        candidate = folder / (f"{stem}{SUFFIX}" if number == 1 else f"{stem}-{number}{SUFFIX}")
        number += 1
        if candidate.exists():
            continue
        try:
            fd = os.open(
                checksum_path(candidate), os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE
            )
        except FileExistsError:
            continue
        os.close(fd)
        return candidate


def _failure(error: BaseException, journal_path: Path) -> JournalError:
    text = str(error).lower()
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror.lower()
    if "no space" in text or "full" in text or "too large" in text or "i/o error" in text:
        why = "the disk is full or reported a write error"
    elif "read-only" in text or "readonly" in text or "permission" in text:
        why = "the backups folder cannot be written to"
    elif "locked" in text:
        why = "another program is holding the journal"
    else:
        why = str(error)
    return JournalError(
        f"Could not make a backup of {journal_path}: {why}. Your journal is unchanged."
    )


def _target(journal_path: Path, out: Path | None, made: datetime, reason: str) -> tuple[Path, Path]:
    """The folder and the final name of a new backup (reserved when it is in backups/)."""
    try:
        if out is None:
            folder = make_private_folder(backups_dir(journal_path))
            _remove_stale_parts(folder)
            return folder, _reserve_name(folder, made, reason)
        final = Path(out).expanduser()
        folder = final.parent if str(final.parent) else Path(".")
        folder.mkdir(parents=True, exist_ok=True)
        return folder, final
    except OSError as error:
        raise _failure(error, journal_path) from None


def _discard(temporary: Path | None, final: Path, out: Path | None) -> None:
    """Remove a failed backup's temporary file and the name it had reserved."""
    if temporary is not None:
        temporary.unlink(missing_ok=True)
    if out is None and not final.exists():
        checksum_path(final).unlink(missing_ok=True)


def make_backup(
    journal_path: Path,
    out: Path | None = None,
    reason: str = "",
    now: datetime | None = None,
    pages: int = -1,
    passphrase: str | None = None,
) -> Path:
    """Back up a journal file; returns the backup's path. `out` picks the file, else backups/.

    An encrypted journal needs its passphrase (given, or that of the journal open in this
    process); its backup is encrypted with the same key.
    """
    journal_path = Path(journal_path)
    if not journal_path.is_file():
        raise JournalError(f"No journal at {journal_path}, so there is nothing to back up.")
    passphrase = encryption.key_for(journal_path, passphrase)
    if passphrase is None and encryption.looks_encrypted(journal_path):
        raise encryption.PassphraseNeeded(encryption.NEEDS_PASSPHRASE)
    made = now or _now()
    folder, final = _target(journal_path, out, made, reason)
    try:
        fd, temporary_name = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=folder)
        os.close(fd)
    except OSError as error:
        _discard(None, final, out)
        raise _failure(error, journal_path) from None
    temporary = Path(temporary_name)
    try:
        _copy_with_backup_api(journal_path, temporary, pages, passphrase)
        os.chmod(temporary, PRIVATE_FILE)
        fsync_file(temporary)
        digest = sha256_of(temporary)
        # The checksum goes first: every file under a backup's final name has its sidecar.
        write_text_atomic(checksum_path(final), f"{digest}  {final.name}\n")
        os.replace(temporary, final)
        fsync_folder(folder)
    except encryption.WrongPassphrase:
        _discard(temporary, final, out)
        raise
    except _FAILURES + encryption.database_errors() as error:
        _discard(temporary, final, out)
        raise _failure(error, journal_path) from None
    except BaseException:
        _discard(temporary, final, out)
        raise
    if out is None:
        thin_backups(folder, made)
    return final


# ---------------------------------------------------------------- what is in a journal


def content_digest(path: Path, passphrase: str | None = None) -> str:
    """SHA-256 over every table's rows and the schema version: equal digests, equal journals."""
    con = encryption.connect(path, encryption.key_for(path, passphrase), db.read_options(path))
    try:
        return encryption.rows_digest(con)
    finally:
        con.close()
