"""Steroid side effects are timed from the last day of the course, not from their onset.

Issue "Clinical correctness at the edges", item 4: a "lasting longer than expected" alert was
raised on day 4 of a 5-day IV methylprednisolone course, though the catalog says to count
from the last day of the course (symptom steroid_effects: "Count from the last day of the
course"; MS Trust: these usually go away quickly once the course ends).
"""

from __future__ import annotations

from datetime import datetime

from msjournal.rules.alerts import active_alerts
from tests.builders import effect, infusion, journal_data


def course(days: int) -> list:
    return [
        infusion(f"inf-{n}", f"2026-03-0{n + 1}T09:00", "iv_methylprednisolone")
        for n in range(days)
    ]


def persistent(data, catalog, moment: datetime) -> list[str]:
    return [
        a.message for a in active_alerts(data, catalog, moment) if a.rule == "persistent_symptom"
    ]


def test_no_alert_during_the_course(catalog) -> None:
    data = journal_data(*course(4), effect("se-1", "steroid_effects", "2026-03-01T20:00", 4))
    assert persistent(data, catalog, datetime(2026, 3, 4, 21, 0)) == []


def test_counted_from_the_last_day_of_the_course(catalog) -> None:
    data = journal_data(*course(5), effect("se-1", "steroid_effects", "2026-03-01T20:00", 4))
    assert persistent(data, catalog, datetime(2026, 3, 7, 21, 0)) == []  # 60 h after day 5
    [message] = persistent(data, catalog, datetime(2026, 3, 8, 10, 0))  # 73 h after day 5
    assert "last day of the course" in message


def test_other_symptoms_still_count_from_their_onset(catalog) -> None:
    data = journal_data(*course(5), effect("se-1", "headache", "2026-03-01T20:00", 4))
    assert persistent(data, catalog, datetime(2026, 3, 4, 21, 0)) != []
