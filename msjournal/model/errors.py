"""Expected failures: each carries a message a person can act on."""

from __future__ import annotations


class JournalError(Exception):
    """A failure the person can understand and act on; never shown as a traceback."""


class ValidationError(JournalError):
    """One field of an entry has a value that cannot be saved."""

    def __init__(self, field: str, value: object, reason: str, record: str | None = None):
        self.field = field
        self.value = value
        self.reason = reason
        self.record = record
        where = f"record {record}, " if record else ""
        super().__init__(f"{where}{field} = {_shown(value)}: {reason}")


def _shown(value: object) -> str:
    """The value as typed, shortened; a number too long to print is named as such."""
    try:
        text = repr(value)
    except ValueError:
        return "(a number too long to show)"
    return text if len(text) <= 80 else text[:77] + "…"


class NotFoundError(JournalError):
    """An entry that was asked for is not in the journal."""


class StaleEntryError(JournalError):
    """An entry was changed elsewhere after a form loaded it; the form's save was refused.

    `current` is the entry as it is now in the journal (None when it was deleted), so the
    person can see the newer version and decide.
    """

    def __init__(self, message: str, current: object | None):
        self.current = current
        super().__init__(message)
