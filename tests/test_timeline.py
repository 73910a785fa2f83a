"""The chronological list of all entries behind the Journal view."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from msjournal.model.records import FollowUp, Infusion, JournalData, SideEffect, TemperatureReading
from msjournal.rules.timeline import filter_rows, follow_up_status, severity_word, timeline

TODAY = date(2026, 6, 15)


def _data() -> JournalData:
    infusion = Infusion("inf-1", "natalizumab", datetime(2026, 6, 1, 9), site="left forearm")
    return JournalData(
        infusions=(infusion, Infusion("inf-2", "ocrelizumab", datetime(2025, 1, 1, 9))),
        side_effects=(
            SideEffect("se-1", "headache", 5, datetime(2026, 6, 1, 15), infusion="inf-1"),
        ),
        temperatures=(TemperatureReading("t-1", datetime(2026, 6, 10, 8), Decimal("38.3"), "C"),),
        follow_ups=(
            FollowUp("f-1", "appointment", "Neurologist review", date(2026, 6, 20)),
            FollowUp("f-2", "lab_test", "Blood test", date(2026, 5, 1)),
        ),
    )


def test_timeline_lists_every_entry_newest_first(catalog) -> None:
    """All six entries appear once, the newest first."""
    rows = timeline(_data(), catalog, TODAY)
    assert [r.id for r in rows] == ["f-1", "t-1", "se-1", "inf-1", "f-2", "inf-2"]


def test_side_effect_inherits_treatment_of_its_infusion(catalog) -> None:
    """Filtering by treatment keeps the side effects of that treatment's infusions."""
    rows = filter_rows(timeline(_data(), catalog, TODAY), treatment="natalizumab")
    assert {r.id for r in rows} == {"inf-1", "se-1"}


def test_filters_by_kind_date_range_and_text(catalog) -> None:
    """Kind, date range and words narrow the list together."""
    rows = timeline(_data(), catalog, TODAY)
    assert [r.id for r in filter_rows(rows, kinds=["temperature"])] == ["t-1"]
    assert [r.id for r in filter_rows(rows, start=date(2026, 6, 2), end=date(2026, 6, 15))] == [
        "t-1"
    ]
    assert [r.id for r in filter_rows(rows, text="FOREARM")] == ["inf-1"]
    assert [r.id for r in filter_rows(rows, text="fever threshold")] == ["t-1"]


def test_follow_up_status_and_severity_words() -> None:
    """Follow-ups are upcoming, overdue or done; severities read as mild, moderate, severe."""
    data = _data()
    assert follow_up_status(data.follow_ups[0], TODAY) == "upcoming"
    assert follow_up_status(data.follow_ups[1], TODAY) == "overdue"
    assert [severity_word(n) for n in (0, 2, 5, 8)] == ["none", "mild", "moderate", "severe"]
