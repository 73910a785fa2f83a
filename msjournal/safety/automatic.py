"""Automatic backups of an open journal: after changes (at most every 30 minutes), on a clean
exit, and before a schema upgrade or an import.

The policy belongs to the journal it watches: its hooks sit in that journal's `after_write`
and `before_import` lists and keep that journal's BackupStatus; nothing is shared between
journals, and the key is the journal's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety.backups import Clock, list_backups, make_backup
from msjournal.storage.paths import backups_dir

MINIMUM_INTERVAL = timedelta(minutes=30)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass
class BackupStatus:
    """What the automatic backups of one open journal have done (the window may show it)."""

    changed: bool = False
    last_backup: Path | None = None
    last_error: str | None = None
    clock: Clock = field(default=_now)
    newest_made: datetime | None = None  # remembered, so a save does not list the folder


class AutomaticBackups:
    """The policy of one journal: its hooks, and its status."""

    def __init__(self, journal: Journal, clock: Clock | None = None):
        self.journal = journal
        self.status = BackupStatus(clock=clock or _now)

    def after_write(self, journal: Journal) -> None:
        self.status.changed = True
        backup_if_due(journal)

    def before_import(self, journal: Journal) -> None:
        if not journal.is_empty():
            _automatic(journal, "before-import")


def _policy(journal: Journal) -> AutomaticBackups | None:
    for hook in journal.after_write:
        owner = getattr(hook, "__self__", None)
        if isinstance(owner, AutomaticBackups):
            return owner
    return None


def status(journal: Journal) -> BackupStatus:
    """The journal's backup status (a fresh one when it has no automatic backups)."""
    policy = _policy(journal)
    return policy.status if policy is not None else BackupStatus()


def newest_backup_time(journal_path: Path) -> datetime | None:
    found = list_backups(backups_dir(journal_path))
    return found[0].made if found else None


def _automatic(journal: Journal, reason: str) -> Path | None:
    state = status(journal)
    try:
        made = make_backup(
            journal.path, reason=reason, now=state.clock(), passphrase=journal.passphrase
        )
    except JournalError as error:
        state.last_error = str(error)
        return None
    state.changed, state.last_backup, state.last_error = False, made, None
    state.newest_made = state.clock()
    return made


def backup_if_due(journal: Journal) -> Path | None:
    """Back up if something changed and the newest backup is at least 30 minutes old."""
    state = status(journal)
    if not state.changed:
        return None
    if state.newest_made is None:
        state.newest_made = newest_backup_time(journal.path)
    newest = state.newest_made
    if newest is not None and state.clock() - newest < MINIMUM_INTERVAL:
        return None
    return _automatic(journal, "")


def backup_on_exit(journal: Journal) -> Path | None:
    """On a clean exit: back up if anything changed, or if no backup exists yet."""
    state = status(journal)
    if not state.changed and newest_backup_time(journal.path) is not None:
        return None
    if not state.changed and journal.is_empty():
        return None
    return _automatic(journal, "on-exit")


def backup_now(journal: Journal, out: Path | None = None) -> Path:
    """A backup the person asked for; failures raise JournalError with the reason."""
    made = make_backup(
        journal.path,
        out=out,
        reason="" if out else "manual",
        now=status(journal).clock(),
        passphrase=journal.passphrase,
    )
    if out is None:
        status(journal).changed = False
    return made


def enable_automatic_backups(journal: Journal, clock: Clock | None = None) -> Journal:
    """Back up after changes (at most every 30 minutes) and before each import."""
    policy = _policy(journal)
    if policy is None:
        policy = AutomaticBackups(journal, clock)
        journal.after_write.append(policy.after_write)
        journal.before_import.append(policy.before_import)
    elif clock is not None:
        policy.status.clock = clock
    return journal


def backup_before_upgrade(
    journal_path: Path, passphrase: str | None = None
) -> Callable[[int], None]:
    """A `before_upgrade` hook for Journal.open: a failed backup stops the upgrade."""

    def hook(old_version: int) -> None:
        make_backup(journal_path, reason=f"before-upgrade-v{old_version}", passphrase=passphrase)

    return hook


def open_journal(path: Path | str, passphrase: str | None = None) -> Journal:
    """Open a journal the way the window does: backup before upgrades, automatic backups on.

    An encrypted journal needs its passphrase; there is no other place it could come from.
    """
    path = Path(path).expanduser()
    hook = backup_before_upgrade(path, passphrase)
    return enable_automatic_backups(Journal.open(path, before_upgrade=hook, passphrase=passphrase))
