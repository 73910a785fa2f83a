"""Where the command line gets a passphrase: MSJOURNAL_PASSPHRASE, else a hidden prompt.

The passphrase is never echoed, printed or written; a prompt is only shown on a terminal.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from msjournal.model.errors import JournalError
from msjournal.storage import sqlcipher as encryption

CURRENT_VARIABLE = "MSJOURNAL_PASSPHRASE"
NEW_VARIABLE = "MSJOURNAL_NEW_PASSPHRASE"


def _prompt(label: str, variable: str) -> str:
    if not sys.stdin.isatty():
        raise encryption.PassphraseNeeded(
            f"{label} is needed. Set the environment variable {variable}, or run the command "
            f"in a terminal to be asked for it."
        )
    try:
        return getpass.getpass(f"{label}: ")
    except EOFError:
        raise JournalError(f"No {label.lower()} was entered. Nothing was changed.") from None


def current_passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted journal (None for a plain one, which needs none)."""
    if not encryption.looks_encrypted(path):
        return None
    encryption.driver()
    given = os.environ.get(CURRENT_VARIABLE)
    if given:
        return given
    return _prompt(f"Passphrase for {path.name}", CURRENT_VARIABLE)


def new_passphrase(variable: str = NEW_VARIABLE) -> str:
    """A passphrase to set: from `variable`, else typed twice at a hidden prompt."""
    given = os.environ.get(variable)
    if given:
        encryption.check_new_passphrase(given)
        return given
    first = _prompt("New passphrase", variable)
    encryption.check_new_passphrase(first)
    if _prompt("Type the new passphrase again", variable) != first:
        raise JournalError("The two passphrases were not the same. Nothing was changed.")
    return first
