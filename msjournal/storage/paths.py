"""Where the journal lives: --journal, then MSJOURNAL_DATA_DIR, then the platform's data folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

JOURNAL_NAME = "journal.sqlite"
ENVIRONMENT_VARIABLE = "MSJOURNAL_DATA_DIR"
OTHERS_BITS = 0o077  # group and others: a private folder has none of them


def data_dir() -> Path:
    """The data folder; when it exists, it is made private to its owner (see make_private)."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        folder = Path(override).expanduser()
    else:
        import platformdirs

        folder = platformdirs.user_data_path("msjournal", appauthor=False)
    make_private(folder)
    return folder


def make_private(folder: Path) -> None:
    """Take group and others' access away from an existing folder of the current user.

    A link is followed, so the real folder is changed. A folder owned by someone else (a shared
    one) is left as it is; so is one whose mode cannot be changed (writing then reports its own
    error). A missing folder is created private when the journal is first written (db.py).
    """
    if os.name != "posix":
        return
    try:
        found = os.stat(folder)
        if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
            return
        if found.st_mode & OTHERS_BITS:
            os.chmod(folder, stat.S_IMODE(found.st_mode) & ~OTHERS_BITS)
    except OSError:
        pass


def resolve_journal(cli_path: str | Path | None) -> Path:
    if cli_path:
        return Path(cli_path).expanduser()
    return data_dir() / JOURNAL_NAME


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"
