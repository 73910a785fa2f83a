"""Exports of the journal in open formats, each written atomically under the chosen name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msjournal.errors import JournalError
from msjournal.files import write_text_atomic
from msjournal.journal import Journal
from msjournal.journal_format import dumps
from msjournal.period import within_period


def export(kind: str, journal: Journal, out: Path, start: date | None = None,
           end: date | None = None) -> Path:
    data = within_period(journal.snapshot(), start, end)
    if kind == "json":
        return write_text_atomic(out, dumps(data))
    raise JournalError(f"Export to {kind} is not available yet.")
