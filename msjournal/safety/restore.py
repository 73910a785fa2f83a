"""Restore a backup: check the candidate thoroughly, keep the current journal, swap atomically.

A candidate is checked on a private copy (the chosen file itself is never opened by SQLite,
so nothing is written beside it). A refused file leaves the live journal exactly as it was.
A backup of a passphrase-protected journal is checked and restored with its passphrase (given,
or that of the journal open in this process); it stays encrypted once restored.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from msjournal.model.errors import JournalError
from msjournal.safety import backups, health, protection
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.files import PRIVATE_FILE, make_private_folder
from msjournal.storage.journal_file import remove_leftover_copies, restore_prefix
from msjournal.storage.journal_lock import JournalInUse, exclusive_use
from msjournal.storage.paths import backups_dir


class RestoreRefused(JournalError):
    """The chosen file was not restored; the message says why. The journal is unchanged."""


@dataclass(frozen=True)
class CandidateCheck:
    path: Path
    problem: str | None
    made: datetime | None = None
    report: health.HealthReport | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        if self.problem:
            return f"{self.path.name} cannot be restored: {self.problem}."
        counts = self.report.counts if self.report else {}
        entries = ", ".join(f"{n} {health.ENTRY_TABLES[t]}" for t, n in counts.items())
        when = f" from {self.made:%d %B %Y, %H:%M}" if self.made else ""
        return f"{self.path.name} is a good backup{when}" + (f": {entries}." if entries else ".")


@dataclass(frozen=True)
class RestoreOutcome:
    restored_from: Path
    previous_kept_at: Path | None
    protected_again: bool = False  # an unprotected backup took the journal's passphrase
    opens_with: str | None = field(default=None, repr=False)  # the restored journal's key


def _made(path: Path) -> datetime | None:
    match = backups.NAME_PATTERN.match(path.name)
    if match:
        return datetime.strptime(match.group(1), backups.TIME_FORMAT)
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


def _first_problem(path: Path, passphrase: str | None = None) -> str | None:
    if not path.exists():
        return "it does not exist"
    problem = health.header_problem(path, passphrase)
    if problem:
        return problem
    recorded = backups.recorded_checksum(path)
    if recorded is None and backups.NAME_PATTERN.match(path.name):
        return (
            f"the checksum file beside it ({backups.checksum_path(path).name}) is missing, "
            f"so it cannot be checked for changes since the backup was made"
        )
    if recorded is not None and recorded != backups.sha256_of(path):
        return (
            "it has changed since the backup was made: its SHA-256 does not match the one "
            "recorded beside it, so it may be damaged"
        )
    return None


def _private_copy(candidate: Path, folder: Path, prefix: str = ".restore-") -> Path:
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    os.close(fd)
    copy = Path(name)
    try:
        shutil.copyfile(candidate, copy)
        os.chmod(copy, PRIVATE_FILE)
    except OSError:
        _remove_with_side_files(copy)
        raise
    return copy


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _check_copy(candidate: Path, copy: Path, passphrase: str | None = None) -> CandidateCheck:
    report = health.check_copy(copy, passphrase)
    problem = report.problems[0] if report.problems else None
    return CandidateCheck(candidate, problem, _made(candidate), report)


def check_candidate(candidate: Path | str, passphrase: str | None = None) -> CandidateCheck:
    """Check a file the person picked, without changing it or anything beside it."""
    candidate = Path(candidate).expanduser()
    passphrase = encryption.key_for(candidate, passphrase)
    problem = _first_problem(candidate, passphrase)
    if problem:
        return CandidateCheck(candidate, problem, _made(candidate))
    with tempfile.TemporaryDirectory(prefix="msjournal-check-") as folder:
        try:
            copy = _private_copy(candidate, Path(folder))
        except OSError as error:
            return CandidateCheck(candidate, f"it cannot be read ({error.strerror or error})")
        return _check_copy(candidate, copy, passphrase)


def newest_good_backup(journal_path: Path, passphrase: str | None = None) -> backups.Backup | None:
    for backup in backups.list_backups(backups_dir(journal_path)):
        if check_candidate(backup.path, passphrase).ok:
            return backup
    return None


# ---------------------------------------------------------------- the swap


def _refuse(candidate: Path, reason: str) -> RestoreRefused:
    return RestoreRefused(f"{candidate} was not restored: {reason}. Your journal is unchanged.")


def _settle_live_journal(journal_path: Path, passphrase: str | None = None) -> None:
    """Refuse if another program has the journal open; fold its -wal into the main file."""
    if passphrase is not None:
        _settle_encrypted(journal_path, passphrase)
        return
    try:
        con = sqlite3.connect(journal_path, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise JournalError(
                "another running copy of msjournal has the journal open; close it first"
            ) from None
        raise JournalError(f"the current journal cannot be opened ({error})") from None
    except sqlite3.DatabaseError:
        pass  # a damaged journal: a raw copy of it is kept instead
    finally:
        con.close()


def _keep_damaged_copy(journal_path: Path, now: datetime) -> Path:
    """A byte-for-byte copy of a journal the backup API cannot read (with its -wal)."""
    folder = make_private_folder(backups_dir(journal_path))
    target = folder / f"damaged-{now.strftime(backups.TIME_FORMAT)}.sqlite"
    for suffix in ("", "-wal"):
        source = Path(f"{journal_path}{suffix}")
        if source.exists():
            shutil.copyfile(source, Path(f"{target}{suffix}"))
            os.chmod(Path(f"{target}{suffix}"), PRIVATE_FILE)
    return target


def _settle_encrypted(journal_path: Path, passphrase: str) -> None:
    try:
        protection.settle(journal_path, passphrase)
    except JournalError as error:
        raise JournalError(str(error).removesuffix(" Nothing was changed.")) from None


def _keep_current(journal_path: Path, now: datetime, passphrase: str | None) -> Path | None:
    """Keep the journal as it is now: a checked backup, or a raw copy when it is damaged."""
    if not journal_path.exists() or journal_path.stat().st_size == 0:
        return None
    if encryption.looks_encrypted(journal_path) and passphrase is None:
        raise encryption.PassphraseNeeded(
            "the current journal is protected with a passphrase and none was given"
        )
    if not health.quick_check(journal_path, passphrase).ok:
        try:
            kept = _keep_damaged_copy(journal_path, now)
        except OSError as error:
            raise JournalError(
                f"a copy of the current journal could not be kept ({error.strerror or error})"
            ) from None
        _settle_live_journal(journal_path, passphrase)
        return kept
    _settle_live_journal(journal_path, passphrase)
    return backups.make_backup(
        journal_path, reason="before-restore", now=now, passphrase=passphrase
    )


def _swap_in(copy: Path, journal_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{journal_path}{suffix}").unlink(missing_ok=True)
    fd = os.open(copy, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(copy, journal_path)
    if os.name == "posix":
        folder = os.open(journal_path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def restore_file(
    candidate: Path | str,
    journal_path: Path | str,
    now: datetime | None = None,
    passphrase: str | None = None,
    journal_passphrase: str | None = None,
) -> RestoreOutcome:
    """Replace the journal with a checked backup; the current journal is backed up first.

    The journal must be closed in this process. Raises RestoreRefused (nothing changed).
    `passphrase` opens an encrypted candidate; `journal_passphrase` the current journal when it
    is encrypted (the same one when not given). The outcome says which key the restored journal
    opens with.
    """
    candidate = Path(candidate).expanduser()
    journal_path = Path(journal_path).expanduser()
    now = now or datetime.now().replace(microsecond=0)
    if candidate.resolve() == journal_path.resolve():
        raise _refuse(candidate, "it is the journal itself")
    current_key = encryption.key_for(journal_path, journal_passphrase or passphrase)
    passphrase = encryption.key_for(candidate, passphrase)
    problem = _first_problem(candidate, passphrase)
    if problem:
        raise _refuse(candidate, problem)
    try:
        journal_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with exclusive_use(journal_path, "restore a backup"):
            remove_leftover_copies(journal_path)
            kept, passphrase = _replace(candidate, journal_path, now, passphrase, current_key)
    except JournalInUse as error:
        raise _refuse(candidate, error.reason) from None
    except OSError as error:
        raise _refuse(candidate, f"it could not be copied ({error.strerror or error})") from None
    return RestoreOutcome(
        candidate,
        kept,
        protected_again=current_key is not None and not encryption.looks_encrypted(candidate),
        opens_with=passphrase,
    )


def _replace(
    candidate: Path,
    journal_path: Path,
    now: datetime,
    passphrase: str | None,
    current_key: str | None,
) -> tuple[Path | None, str | None]:
    """Under the journal's exclusive lock: copy, check, keep the current journal, swap."""
    copy = _private_copy(candidate, journal_path.parent, restore_prefix(journal_path))
    try:
        check = _check_copy(candidate, copy, passphrase)
        if not check.ok:
            raise _refuse(candidate, check.problem or "")
        if current_key is not None and passphrase is None:
            copy, passphrase = _protect_copy(copy, current_key), current_key
        kept = _keep_current(journal_path, now, current_key)
        _swap_in(copy, journal_path)
    except RestoreRefused:
        _remove_with_side_files(copy)
        raise
    except (JournalError, OSError) as error:
        _remove_with_side_files(copy)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise _refuse(candidate, reason) from None
    return kept, passphrase


def _protect_copy(copy: Path, passphrase: str) -> Path:
    """An unprotected backup restored into a protected journal keeps the journal protected."""
    try:
        return protection.protected_copy(copy, passphrase)
    finally:
        _remove_with_side_files(copy)
