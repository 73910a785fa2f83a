"""Exports of the journal in open formats, each written atomically under the chosen name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msjournal.exchange.calendar_export import write_calendar
from msjournal.exchange.csv_export import write_csv
from msjournal.exchange.journal_format import dumps
from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.period import within_period
from msjournal.storage.files import write_text_atomic

KINDS = ("json", "csv", "ics")
SUFFIXES = {"json": ".json", "csv": ".zip", "ics": ".ics"}


def check_out_name(kind: str, out: Path) -> None:
    """Refuse an output name whose extension belongs to another format, before writing."""
    suffix = out.suffix.lower()
    if kind == "csv":
        if suffix in ("", ".zip") or out.is_dir():
            return
        wanted = "a name ending in .zip, or a folder name without an extension"
    elif suffix == SUFFIXES[kind]:
        return
    else:
        wanted = f"a name ending in {SUFFIXES[kind]}"
    raise JournalError(f"--out {str(out)!r} does not fit a {kind} export: give {wanted}.")


def export(
    kind: str, journal: Journal, out: Path, start: date | None = None, end: date | None = None
) -> Path:
    """Write the journal (entries within [start, end]) as json, csv or ics; returns the path.

    The calendar holds what is due next, so it reads the whole journal and keeps the
    events due within the period.
    """
    if kind not in KINDS:
        raise JournalError(f"Cannot export to {kind!r}: choose one of {', '.join(KINDS)}.")
    check_out_name(kind, Path(out))
    if start is not None and end is not None and start > end:
        raise JournalError(f"The period starts on {start} after it ends on {end}.")
    snapshot = journal.snapshot()
    if kind == "ics":
        return write_calendar(snapshot, journal.catalog, Path(out), start, end)
    data = within_period(snapshot, start, end)
    if kind == "json":
        return write_text_atomic(Path(out), dumps(data))
    return write_csv(data, journal.catalog, Path(out))
