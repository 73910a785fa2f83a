"""Courses and series are scheduled: the next session of an IV steroid course or a plasma
exchange series is listed until the course is complete or has stopped.

Issue "Clinical correctness at the edges", item 6: after two sessions of a 3-5 day IV steroid
course or a 3-7 session plasma exchange series nothing was listed as due. The catalog: IV
methylprednisolone "once a day for 3 to 5 days in a row"; plasma exchange "usually 3 to 7
sessions ... given 2 or 3 times a week or on days in a row".
"""

from __future__ import annotations

from datetime import date

from msjournal.rules.schedule import due_items
from tests.builders import infusion, journal_data, plan


def sessions(data, catalog, today: date) -> list:
    return [i for i in due_items(data, catalog, today) if i.kind == "infusion"]


def steroid_days(count: int) -> list:
    return [
        infusion(f"inf-s{n}", f"2026-03-0{n + 1}T09:00", "iv_methylprednisolone")
        for n in range(count)
    ]


def test_the_third_steroid_day_is_due_after_two(catalog) -> None:
    data = journal_data(*steroid_days(2))
    [item] = sessions(data, catalog, date(2026, 3, 2))
    assert item.due == date(2026, 3, 3)
    assert item.treatment == "iv_methylprednisolone"
    assert "Day 3" in item.note and "3 to 5" in item.note


def test_a_complete_course_lists_nothing_more(catalog) -> None:
    data = journal_data(*steroid_days(5))
    assert sessions(data, catalog, date(2026, 3, 5)) == []


def test_a_course_that_stopped_lists_nothing(catalog) -> None:
    """Three days were given and nothing since: the course has ended (the team decided)."""
    data = journal_data(*steroid_days(3))
    assert sessions(data, catalog, date(2026, 3, 10)) == []


def test_plasma_exchange_sessions_every_other_day(catalog) -> None:
    data = journal_data(
        infusion("inf-p1", "2026-03-02T09:00", "plasma_exchange"),
        infusion("inf-p2", "2026-03-04T09:00", "plasma_exchange"),
    )
    [item] = sessions(data, catalog, date(2026, 3, 4))
    assert item.due == date(2026, 3, 5) or item.due == date(2026, 3, 6)
    assert "Session 3" in item.note


def test_a_course_beside_a_regular_treatment_keeps_both(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2026-02-20T09:00", "natalizumab"),
        *steroid_days(1),
        plan_=plan("natalizumab", "2025-01-01"),
    )
    treatments = {i.treatment for i in sessions(data, catalog, date(2026, 3, 1))}
    assert treatments == {"natalizumab", "iv_methylprednisolone"}
