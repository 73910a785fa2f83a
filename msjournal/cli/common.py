"""What the msjournal commands share: opening an existing journal, and dates given as options."""

from __future__ import annotations

from datetime import date, datetime

from msjournal.cli.passphrase_input import current_passphrase
from msjournal.journal import Journal
from msjournal.model.dates import parse_date, parse_datetime
from msjournal.model.errors import JournalError, ValidationError
from msjournal.storage.paths import resolve_journal


def open_existing(path_text: str | None) -> Journal:
    """Open a journal that must already exist (reading commands never create one)."""
    path = resolve_journal(path_text)
    if not path.exists():
        raise JournalError(
            f"No journal at {path}. Start the window (msjournal) to create your journal, or "
            "try the commands on a demo: 'msjournal demo --out demo.sqlite'."
        )
    return Journal.open(path, passphrase=current_passphrase(path))


def moment_option(text: str | None) -> datetime:
    try:
        return parse_datetime("--as-of", text) if text else datetime.now().replace(microsecond=0)
    except ValidationError as error:
        raise JournalError(str(error)) from None


def option_date(option: str, text: str | None, default: date | None = None) -> date | None:
    """A date given to a command-line option; a bad one is a one-line error naming the option."""
    if text is None:
        return default
    try:
        return parse_date(option, text)
    except ValidationError as error:
        raise JournalError(str(error)) from None
