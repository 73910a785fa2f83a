"""Calendar export: the .ics parses back into all-day events with stable UIDs and reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from msjournal.demo import build_demo
from msjournal.exchange.calendar_export import build_calendar, write_calendar
from msjournal.model.catalog import Catalog
from msjournal.rules.schedule import due_items
from tests.conftest import TODAY


def _events(raw: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(raw).walk("VEVENT"))


def test_events_match_what_is_due(tmp_path: Path, catalog: Catalog) -> None:
    """Each due item becomes one all-day event on its due date, with its title."""
    data = build_demo(1, today=TODAY)
    out = write_calendar(data, catalog, tmp_path / "due.ics")
    events = _events(out.read_bytes())
    expected = due_items(data, catalog)
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [
        (item.title, item.due) for item in expected
    ]
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end - start == timedelta(days=1)


def test_every_event_has_a_reminder_the_day_before(catalog: Catalog) -> None:
    """The alarm fires on the day before the event (at 09:00)."""
    events = _events(build_calendar(build_demo(1, today=TODAY), catalog).to_ical())
    assert events
    for event in events:
        alarm = event.walk("VALARM")[0]
        trigger = alarm.decoded("TRIGGER")
        assert timedelta(days=-1) <= trigger < timedelta(0)
        assert str(alarm["ACTION"]) == "DISPLAY"


def test_uids_are_stable_across_exports_and_unique(catalog: Catalog) -> None:
    """Exporting twice gives the same UIDs, so calendar apps update instead of duplicating."""
    data = build_demo(1, today=TODAY)
    first = [str(e["UID"]) for e in _events(build_calendar(data, catalog).to_ical())]
    second = [str(e["UID"]) for e in _events(build_calendar(data, catalog).to_ical())]
    assert first == second
    assert len(set(first)) == len(first)
    assert "infusion-natalizumab-" in first[0] + "".join(first)


def test_period_limits_the_events(catalog: Catalog) -> None:
    """Only items due within the chosen dates are exported."""
    data = build_demo(1, today=TODAY)
    end = TODAY + timedelta(days=30)
    events = _events(build_calendar(data, catalog, TODAY, end).to_ical())
    assert events
    assert all(TODAY <= e.decoded("DTSTART") <= end for e in events)
    assert len(events) < len(due_items(data, catalog))
