"""Long work reports its steps through a callback; the callback may cancel by raising Cancelled."""

from __future__ import annotations

from collections.abc import Callable

from msjournal.model.errors import JournalError

Progress = Callable[[str], None]


class Cancelled(JournalError):
    """The person cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Cancelled: nothing was written.")


def no_progress(_: str) -> None:
    return None
