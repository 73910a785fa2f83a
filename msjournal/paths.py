"""Where the journal lives: --journal, then MSJOURNAL_DATA_DIR, then the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

JOURNAL_NAME = "journal.sqlite"
ENVIRONMENT_VARIABLE = "MSJOURNAL_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path("msjournal", appauthor=False)


def resolve_journal(cli_path: str | Path | None) -> Path:
    if cli_path:
        return Path(cli_path).expanduser()
    return data_dir() / JOURNAL_NAME


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"
