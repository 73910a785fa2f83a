"""Strict parsing and formatting of the dates and times kept in the journal."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from msjournal.model.errors import ValidationError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")


FIRST_YEAR, LAST_YEAR = 1900, 2100  # outside these, a date is a typing slip


def _plausible(field: str, value: object, day: date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            field, str(value), f"the year must be between {FIRST_YEAR} and {LAST_YEAR}"
        )


def parse_date(field: str, value: object) -> date:
    """A calendar date from YYYY-MM-DD (or a date object)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        _plausible(field, value, value)
        return value
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise ValidationError(field, value, "expected a date written as YYYY-MM-DD")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, value, "is not a real calendar date") from None
    _plausible(field, value, day)
    return day


def parse_datetime(field: str, value: object) -> datetime:
    """A date-time from YYYY-MM-DDTHH:MM[:SS]; a date alone means midnight."""
    if isinstance(value, datetime):
        _plausible(field, value, value.date())
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(parse_date(field, value), time())
    if isinstance(value, str) and _DATE.match(value.strip()):
        return datetime.combine(parse_date(field, value), time())
    if not isinstance(value, str) or not _DATETIME.match(value.strip()):
        raise ValidationError(field, value, "expected a date and time written as YYYY-MM-DDTHH:MM")
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        raise ValidationError(field, value, "is not a real date and time") from None
    _plausible(field, value, moment.date())
    return moment


def optional_datetime(field: str, value: object) -> datetime | None:
    return None if value in (None, "") else parse_datetime(field, value)


def optional_date(field: str, value: object) -> date | None:
    return None if value in (None, "") else parse_date(field, value)


def format_datetime(value: datetime | None) -> str | None:
    """ISO text without seconds unless they matter, as in the journal format."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M")


def format_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def format_day_or_moment(value: date | datetime) -> str:
    """A date alone as YYYY-MM-DD, a date-time as in the journal format."""
    if isinstance(value, datetime):
        return str(format_datetime(value))
    return value.isoformat()


def human_date(value: date) -> str:
    """A date as people read it: 'Mon 2 Mar 2026'."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def days_in_words(days: int) -> str:
    """Days from today as people say them: 'tomorrow', 'in 5 days', '3 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def due_in_words(days: int) -> str:
    """Days until something is due: past the date it is 'overdue', not 'ago'."""
    if days < 0:
        return "1 day overdue" if days == -1 else f"{-days} days overdue"
    return days_in_words(days)
