"""Every entry of the journal as one chronological list, with filters: what the Journal view shows.

Pure functions of a JournalData snapshot; the window only displays the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from msjournal.model.catalog import Catalog
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    RECOVERY_KINDS,
    RELAPSE_AREAS,
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TemperatureUnit,
    TestResult,
)
from msjournal.model.temperature import format_temperature, is_above_threshold
from msjournal.rules.result_words import marker, range_text, value_text

KINDS = ("infusion", "side_effect", "temperature", "follow_up", "relapse", "test_result")
KIND_NAMES = {
    "infusion": "Infusion",
    "side_effect": "Side effect",
    "temperature": "Temperature",
    "follow_up": "Follow-up",
    "relapse": "Relapse",
    "test_result": "Test result",
}
SEVERITY_WORDS = ((0, "none"), (3, "mild"), (6, "moderate"), (10, "severe"))


@dataclass(frozen=True)
class TimelineRow:
    id: str
    kind: str
    when: datetime
    title: str
    detail: str
    treatment: str = ""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


def severity_word(severity: int) -> str:
    """0 none, 1-3 mild, 4-6 moderate, 7-10 severe."""
    return next(word for limit, word in SEVERITY_WORDS if severity <= limit)


def follow_up_status(follow_up: FollowUp, today: date) -> str:
    """done, overdue or upcoming."""
    if follow_up.done is not None:
        return "done"
    return "overdue" if follow_up.due < today else "upcoming"


def _infusion_row(infusion: Infusion, catalog: Catalog) -> TimelineRow:
    parts = [
        f"{infusion.dose} {infusion.dose_unit}".strip() if infusion.dose else "",
        infusion.site,
        infusion.location,
        infusion.notes,
    ]
    return TimelineRow(
        infusion.id,
        "infusion",
        infusion.start,
        f"{catalog.treatment_name(infusion.treatment)} infusion",
        " · ".join(p for p in parts if p),
        infusion.treatment,
    )


def _side_effect_row(effect: SideEffect, data: JournalData, catalog: Catalog) -> TimelineRow:
    linked = data.infusion_by_id(effect.infusion)
    state = "still going on" if effect.ongoing else f"gone {effect.resolved:%d %b %Y %H:%M}"
    parts = [
        f"severity {effect.severity} of 10 ({severity_word(effect.severity)})",
        state,
        "unusual" if effect.unusual else "",
        effect.notes,
    ]
    return TimelineRow(
        effect.id,
        "side_effect",
        effect.onset,
        catalog.symptom_name(effect.symptom, effect.other_label),
        " · ".join(p for p in parts if p),
        linked.treatment if linked else "",
    )


def _temperature_row(
    reading: TemperatureReading, data: JournalData, unit: TemperatureUnit
) -> TimelineRow:
    high = is_above_threshold(reading.value, reading.unit, data.settings)
    detail = " · ".join(
        p for p in ("above your fever threshold" if high else "", reading.notes) if p
    )
    return TimelineRow(
        reading.id,
        "temperature",
        reading.taken,
        f"Temperature {format_temperature(reading.value, reading.unit, unit)}",
        detail,
    )


def _follow_up_row(follow_up: FollowUp, today: date) -> TimelineRow:
    status = follow_up_status(follow_up, today)
    status_text = f"done {follow_up.done:%d %b %Y}" if follow_up.done else status
    parts = [
        FOLLOW_UP_KIND_NAMES.get(follow_up.kind, follow_up.kind),
        status_text,
        follow_up.with_whom,
        follow_up.notes,
    ]
    return TimelineRow(
        follow_up.id,
        "follow_up",
        datetime.combine(follow_up.due, time()),
        follow_up.title,
        " · ".join(p for p in parts if p),
        follow_up.treatment,
    )


def _relapse_row(relapse: Relapse, data: JournalData, catalog: Catalog) -> TimelineRow:
    areas = ", ".join(RELAPSE_AREAS[a].split(" (")[0].lower() for a in relapse.areas)
    recovered = (
        f"recovered {relapse.recovered:%d %b %Y} ({RECOVERY_KINDS[relapse.recovery].lower()})"
        if relapse.recovered
        else "not recovered yet"
    )
    treated = [data.infusion_by_id(i) for i in relapse.treated_with]
    courses = sorted({catalog.treatment_name(i.treatment) for i in treated if i is not None})
    parts = [
        f"{relapse.impact} impact",
        areas,
        recovered,
        "confirmed by the care team" if relapse.confirmed else "",
        f"treated with {', '.join(courses)}" if courses else "",
        relapse.notes,
    ]
    return TimelineRow(
        relapse.id,
        "relapse",
        relapse.onset,
        f"Relapse: {relapse.description}",
        " · ".join(p for p in parts if p),
    )


def _test_result_row(result: TestResult, catalog: Catalog) -> TimelineRow:
    shown = range_text(result)
    parts = [f"lab range {shown}" if shown else "", marker(result), result.notes]
    return TimelineRow(
        result.id,
        "test_result",
        result.moment,
        f"{catalog.test_name(result.test, result.other_label)}: {value_text(result)}",
        " · ".join(p for p in parts if p),
    )


def timeline(data: JournalData, catalog: Catalog, today: date) -> list[TimelineRow]:
    """Every entry, newest first."""
    unit = data.settings.temperature_unit
    rows = [_infusion_row(i, catalog) for i in data.infusions]
    rows += [_side_effect_row(s, data, catalog) for s in data.side_effects]
    rows += [_temperature_row(t, data, unit) for t in data.temperatures]
    rows += [_follow_up_row(f, today) for f in data.follow_ups]
    rows += [_relapse_row(r, data, catalog) for r in data.relapses]
    rows += [_test_result_row(r, catalog) for r in data.test_results]
    return sorted(rows, key=lambda row: (row.when, row.id), reverse=True)


def filter_rows(
    rows: Iterable[TimelineRow],
    kinds: Iterable[str] | None = None,
    treatment: str | None = None,
    start: date | None = None,
    end: date | None = None,
    text: str = "",
) -> list[TimelineRow]:
    """Rows of the given kinds, treatment and date range whose words contain the text."""
    wanted = set(kinds) if kinds is not None else set(KINDS)
    needle = text.strip().casefold()
    return [
        row
        for row in rows
        if row.kind in wanted
        and (not treatment or row.treatment == treatment)
        and (start is None or row.when.date() >= start)
        and (end is None or row.when.date() <= end)
        and (not needle or needle in f"{row.kind_name} {row.title} {row.detail}".casefold())
    ]
