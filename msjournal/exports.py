"""Exports of the journal in open formats, each written atomically under the chosen name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msjournal.calendar_export import write_calendar
from msjournal.csv_export import write_csv
from msjournal.errors import JournalError
from msjournal.files import write_text_atomic
from msjournal.journal import Journal
from msjournal.journal_format import dumps
from msjournal.period import within_period

KINDS = ("json", "csv", "ics")
SUFFIXES = {"json": ".json", "csv": ".zip", "ics": ".ics"}


def export(kind: str, journal: Journal, out: Path, start: date | None = None,
           end: date | None = None) -> Path:
    """Write the journal (entries within [start, end]) as json, csv or ics; returns the path.

    The calendar holds what is due next, so it reads the whole journal and keeps the
    events due within the period.
    """
    if start is not None and end is not None and start > end:
        raise JournalError(f"The period starts on {start} after it ends on {end}.")
    snapshot = journal.snapshot()
    if kind == "ics":
        return write_calendar(snapshot, journal.catalog, Path(out), start, end)
    data = within_period(snapshot, start, end)
    if kind == "json":
        return write_text_atomic(Path(out), dumps(data))
    if kind == "csv":
        return write_csv(data, journal.catalog, Path(out))
    raise JournalError(f"Cannot export to {kind!r}: choose one of {', '.join(KINDS)}.")
