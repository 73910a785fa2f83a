"""`msjournal backup`, `msjournal restore` and `msjournal check`."""

from __future__ import annotations

import argparse
from pathlib import Path

from msjournal import backups, health, restore
from msjournal.errors import JournalError
from msjournal.paths import resolve_journal


def _existing(path_text: str | None) -> Path:
    path = resolve_journal(path_text)
    if not path.is_file():
        raise JournalError(f"No journal at {path}.")
    return path


def run_backup(args: argparse.Namespace) -> int:
    """Back up now, into the backups folder or the file given with --out."""
    path = _existing(args.journal)
    report = health.quick_check(path)
    if not report.ok:
        raise JournalError(f"{report.message()} Restore a backup with 'msjournal restore'.")
    out = Path(args.out).expanduser() if getattr(args, "out", None) else None
    made = backups.make_backup(path, out=out, reason="" if out else "manual")
    print(f"Backup written to {made}\nSHA-256 {backups.recorded_checksum(made)} "
          f"(in {backups.checksum_path(made).name})")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Check a backup and, if it is good, make it the journal (the current one is kept)."""
    path = resolve_journal(args.journal)
    outcome = restore.restore_file(Path(args.file), path)
    print(f"Restored {path} from {outcome.restored_from}.")
    if outcome.previous_kept_at:
        print(f"The journal as it was before is kept in {outcome.previous_kept_at}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """The full check; exit 0 when healthy, 1 when a problem was found."""
    path = resolve_journal(args.journal)
    report = health.full_check(path)
    if not report.exists:
        raise JournalError(f"No journal at {path}.")
    print(report.message())
    if report.ok:
        return 0
    good = restore.newest_good_backup(path)
    if good:
        print(f"The newest good backup is {good.path} ({good.made:%d %B %Y, %H:%M}). Restore it "
              f"with: msjournal restore \"{good.path}\" --journal \"{path}\"")
    else:
        print("No good backup was found in the backups folder.")
    return 1
