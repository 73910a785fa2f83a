"""Calendar export (.ics): what is due next as all-day events, for any calendar app.

Each event has a UID that stays the same from one export to the next (the 5th natalizumab
infusion, the 3rd JCV test, follow-up f-12), so importing a newer export updates the
events instead of adding copies. Each has a reminder the day before, at 09:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from msjournal import __version__
from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData
from msjournal.rules.schedule import DueItem, due_items, series
from msjournal.storage.files import write_atomic

PRODUCT_ID = f"-//msjournal//msjournal {__version__}//EN"
UID_DOMAIN = "msjournal.invalid"
REMINDER_BEFORE_START = timedelta(hours=15)  # 09:00 the day before an all-day event
CATEGORIES = {"infusion": "Infusion", "monitoring": "Monitoring", "follow_up": "Follow-up"}


def event_uid(item: DueItem, data: JournalData) -> str:
    """A UID naming what the event is, not when: it survives a change of date."""
    if item.kind == "follow_up":
        key = f"follow-up-{item.entry}"
    elif item.kind == "infusion":
        number = len(series(data, item.treatment or "")) + 1
        key = f"infusion-{item.treatment}-{number}"
    else:
        done = sum(1 for f in data.follow_ups if f.task == item.task and f.done is not None)
        key = f"monitoring-{item.treatment}-{item.task}-{done + 1}"
    return f"{key}@{UID_DOMAIN}"


def _description(item: DueItem, data: JournalData) -> str:
    lines = [item.note] if item.note else []
    if item.entry:
        follow_up = next((f for f in data.follow_ups if f.id == item.entry), None)
        if follow_up and follow_up.with_whom:
            lines.append(f"With: {follow_up.with_whom}")
        if follow_up and follow_up.notes:
            lines.append(follow_up.notes)
    if item.unverified:
        lines.append("Date from a default interval: check it with your care team.")
    lines.append("From msjournal.")
    return "\n".join(lines)


def _alarm(item: DueItem) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: {item.title}")
    alarm.add("trigger", -REMINDER_BEFORE_START)
    return alarm


def due_event(item: DueItem, data: JournalData, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", event_uid(item, data))
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    event.add("description", _description(item, data))
    event.add("categories", [CATEGORIES[item.kind]])
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(item))
    return event


def _inside(item: DueItem, start: date | None, end: date | None) -> bool:
    return (start is None or item.due >= start) and (end is None or item.due <= end)


def build_calendar(
    data: JournalData,
    catalog: Catalog,
    start: date | None = None,
    end: date | None = None,
    stamp: datetime | None = None,
) -> Calendar:
    """Upcoming infusions, monitoring tasks and follow-ups due within [start, end]."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "msjournal: what is due")
    for item in due_items(data, catalog, stamp.date()):
        if _inside(item, start, end):
            calendar.add_component(due_event(item, data, stamp))
    return calendar


def write_calendar(
    data: JournalData,
    catalog: Catalog,
    out: Path,
    start: date | None = None,
    end: date | None = None,
) -> Path:
    content = build_calendar(data, catalog, start, end).to_ical()
    return write_atomic(out, lambda handle: handle.write(content))
