"""Choosing the entries within a period of dates (for exports, charts and the summary)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from msjournal.model.records import JournalData


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def within_period(data: JournalData, start: date | None, end: date | None) -> JournalData:
    """Entries whose date falls in [start, end]; links to entries left out are dropped (a side
    effect's infusion, a relapse's treating infusions, a result's follow-up), so an exported
    period imports on its own."""
    if start is None and end is None:
        return data
    infusions = tuple(i for i in data.infusions if _inside(i.start.date(), start, end))
    kept = {i.id for i in infusions}
    effects = tuple(
        s if s.infusion is None or s.infusion in kept else replace(s, infusion=None)
        for s in data.side_effects
        if _inside(s.onset.date(), start, end)
    )
    follow_ups = tuple(f for f in data.follow_ups if _inside(f.due, start, end))
    kept_follow_ups = {f.id for f in follow_ups}
    relapses = tuple(
        replace(r, treated_with=tuple(i for i in r.treated_with if i in kept))
        for r in data.relapses
        if _inside(r.onset.date(), start, end)
    )
    results = tuple(
        r if r.follow_up is None or r.follow_up in kept_follow_ups else replace(r, follow_up=None)
        for r in data.test_results
        if _inside(r.moment.date(), start, end)
    )
    return replace(
        data,
        infusions=infusions,
        side_effects=effects,
        temperatures=tuple(t for t in data.temperatures if _inside(t.taken.date(), start, end)),
        follow_ups=follow_ups,
        relapses=relapses,
        test_results=results,
    )
