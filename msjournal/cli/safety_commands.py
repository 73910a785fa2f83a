"""`msjournal backup`, `restore`, `check`, and passphrase protection: `protect`, `unprotect`,
`change-passphrase`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from msjournal.cli.passphrase_input import CURRENT_VARIABLE, current_passphrase, new_passphrase
from msjournal.model.errors import JournalError
from msjournal.safety import backups, health, restore
from msjournal.safety.protection import change_protection
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.paths import resolve_journal


def _existing(path_text: str | None) -> Path:
    path = resolve_journal(path_text)
    if not path.is_file():
        raise JournalError(f"No journal at {path}.")
    return path


def run_backup(args: argparse.Namespace) -> int:
    """Back up now, into the backups folder or the file given with --out."""
    path = _existing(args.journal)
    passphrase = current_passphrase(path)
    report = health.quick_check(path, passphrase)
    if report.damaged:
        raise JournalError(f"{report.message()} Restore a backup with 'msjournal restore'.")
    if not report.ok:
        raise JournalError(report.message())
    out = Path(args.out).expanduser() if getattr(args, "out", None) else None
    made = backups.make_backup(path, out=out, reason="" if out else "manual", passphrase=passphrase)
    print(
        f"Backup written to {made}\nSHA-256 {backups.recorded_checksum(made)} "
        f"(in {backups.checksum_path(made).name})"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Check a backup and, if it is good, make it the journal (the current one is kept)."""
    path = resolve_journal(args.journal)
    candidate = Path(args.file).expanduser()
    key_of = candidate if encryption.looks_encrypted(candidate) else path
    outcome = restore.restore_file(candidate, path, passphrase=current_passphrase(key_of))
    print(f"Restored {path} from {outcome.restored_from}.")
    if outcome.protected_again:
        print(
            "The backup was not protected with a passphrase; the restored journal keeps "
            "your journal's passphrase."
        )
    if outcome.previous_kept_at:
        print(f"The journal as it was before is kept in {outcome.previous_kept_at}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """The full check; exit 0 when healthy, 1 (the problem on stderr) when one was found."""
    path = resolve_journal(args.journal)
    passphrase = current_passphrase(path) if path.exists() else None
    report = health.full_check(path, passphrase)
    if not report.exists:
        raise JournalError(f"No journal at {path}.")
    if report.ok:
        print(report.message())
        return 0
    print(report.message(), file=sys.stderr)
    if not report.damaged:
        return 1  # it could not be read now; a backup would not help
    good = restore.newest_good_backup(path, passphrase)
    if good:
        print(
            f"The newest good backup is {good.path} ({good.made:%d %B %Y, %H:%M}). Restore it "
            f'with: msjournal restore "{good.path}" --journal "{path}"',
            file=sys.stderr,
        )
    else:
        print("No good backup was found in the backups folder.", file=sys.stderr)
    return 1


def run_protect(args: argparse.Namespace) -> int:
    """Encrypt the journal with a new passphrase (a new journal is created encrypted)."""
    from msjournal.journal import Journal

    encryption.driver()
    path = resolve_journal(args.journal)
    if encryption.looks_encrypted(path):
        raise JournalError(f"{path} is already protected; use 'msjournal change-passphrase'.")
    passphrase = new_passphrase(CURRENT_VARIABLE)
    with Journal.open(path) as journal:
        kept = change_protection(journal, passphrase)
    print(
        f"{path} is now protected with a passphrase. Keep the passphrase somewhere safe: "
        f"without it the journal and its new backups cannot be read."
    )
    _mention_kept(kept, "unprotected")
    return 0


def run_unprotect(args: argparse.Namespace) -> int:
    """Decrypt the journal (it needs its passphrase)."""
    from msjournal.journal import Journal

    path = _existing(args.journal)
    if not encryption.looks_encrypted(path):
        raise JournalError(f"{path} is not protected with a passphrase.")
    passphrase = current_passphrase(path)
    with Journal.open(path, passphrase=passphrase) as journal:
        kept = change_protection(journal, None, current=passphrase)
    print(f"{path} is no longer protected with a passphrase.")
    _mention_kept(kept, "protected with the passphrase")
    return 0


def run_change_passphrase(args: argparse.Namespace) -> int:
    """Re-key the journal: the current passphrase, then the new one."""
    from msjournal.journal import Journal

    path = _existing(args.journal)
    if not encryption.looks_encrypted(path):
        raise JournalError(f"{path} is not protected with a passphrase; use 'msjournal protect'.")
    passphrase = current_passphrase(path)
    with Journal.open(path, passphrase=passphrase) as journal:
        kept = change_protection(journal, new_passphrase(), current=passphrase)
    print(f"The passphrase of {path} was changed.")
    _mention_kept(kept, "protected with the old passphrase")
    return 0


def _mention_kept(kept: Path | None, how: str) -> None:
    if kept is not None:
        print(f"The journal as it was before is kept ({how}) in {kept}")
