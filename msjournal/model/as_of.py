"""The journal as it stood at a given moment: entries recorded after it are left out."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from msjournal.model.records import JournalData


def as_of(data: JournalData, moment: datetime) -> JournalData:
    """Entries up to `moment`; a follow-up done after it counts as not yet done."""
    day = moment.date()
    return replace(
        data,
        infusions=tuple(i for i in data.infusions if i.start <= moment),
        side_effects=tuple(
            s if s.resolved is None or s.resolved <= moment else replace(s, resolved=None)
            for s in data.side_effects
            if s.onset <= moment
        ),
        temperatures=tuple(t for t in data.temperatures if t.taken <= moment),
        follow_ups=tuple(
            f if f.done is None or f.done <= day else replace(f, done=None) for f in data.follow_ups
        ),
        relapses=tuple(
            r
            if r.recovered is None or r.recovered <= day
            else replace(r, recovered=None, recovery="not_yet")
            for r in data.relapses
            if r.onset <= moment
        ),
        test_results=tuple(r for r in data.test_results if r.moment <= moment),
        acknowledgements=tuple(a for a in data.acknowledgements if a.at <= moment),
    )
