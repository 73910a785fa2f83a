"""Choosing the entries within a period of dates (for exports, charts and the summary)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from msjournal.model.records import JournalData


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def within_period(data: JournalData, start: date | None, end: date | None) -> JournalData:
    """Entries whose date falls in [start, end]; side effects linked to a kept infusion stay
    linked."""
    if start is None and end is None:
        return data
    infusions = tuple(i for i in data.infusions if _inside(i.start.date(), start, end))
    kept = {i.id for i in infusions}
    effects = tuple(
        s if s.infusion is None or s.infusion in kept else replace(s, infusion=None)
        for s in data.side_effects
        if _inside(s.onset.date(), start, end)
    )
    return replace(
        data,
        infusions=infusions,
        side_effects=effects,
        temperatures=tuple(t for t in data.temperatures if _inside(t.taken.date(), start, end)),
        follow_ups=tuple(f for f in data.follow_ups if _inside(f.due, start, end)),
    )
