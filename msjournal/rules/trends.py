"""The numbers behind the trend charts, as plain values: no drawing here.

Each function takes a JournalData snapshot and returns series that charts.py draws and tests
check directly. A side effect counts on every day from its onset to the day it resolved; one
still going on counts on its onset day only, so a forgotten "resolved" never paints weeks.
A day with nothing logged counts as severity 0 in the infusion-cycle averages.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from msjournal.model.period import within_period
from msjournal.model.records import Infusion, JournalData, SideEffect, TemperatureUnit
from msjournal.model.temperature import convert, is_above_threshold

# Above this many days shown, severity points are gathered by week so they do not overlap.
DAILY_UP_TO_DAYS = 550
# Above this many days shown, temperature readings are gathered to the highest of each day.
ALL_READINGS_UP_TO_DAYS = 400
# Cycles longer than this (a pause in therapy) are cut here so one gap does not stretch the axis.
MAX_CYCLE_DAYS = 92
# Unlinked side effects starting this soon after an infusion are counted as following it.
FOLLOWS_WITHIN = timedelta(hours=72)
DEFAULT_SYMPTOM_COUNT = 4


@dataclass(frozen=True)
class InfusionMark:
    id: str
    day: date
    treatment: str


@dataclass(frozen=True)
class SeverityPoint:
    """The worst severity of one symptom within one day or week, and the entries behind it."""

    day: date
    severity: int
    entries: tuple[SideEffect, ...]


@dataclass(frozen=True)
class SymptomSeries:
    symptom: str
    other_label: str
    points: tuple[SeverityPoint, ...]


@dataclass(frozen=True)
class TemperaturePoint:
    taken: datetime
    value: float
    above: bool
    reading_id: str
    readings: int = 1


@dataclass(frozen=True)
class TemperatureSeries:
    unit: TemperatureUnit
    threshold: float
    points: tuple[TemperaturePoint, ...]
    by_day: bool

    @property
    def above(self) -> tuple[TemperaturePoint, ...]:
        return tuple(p for p in self.points if p.above)


@dataclass(frozen=True)
class Cycle:
    """The days from one infusion (day 0) to the day before the next: worst severity each day."""

    infusion: Infusion
    severities: tuple[int, ...]

    @property
    def start(self) -> date:
        return self.infusion.start.date()

    @property
    def length(self) -> int:
        return len(self.severities)


@dataclass(frozen=True)
class CycleDay:
    day: int
    mean: float
    spread: float
    cycles: int

    @property
    def low(self) -> float:
        return max(0.0, self.mean - self.spread)

    @property
    def high(self) -> float:
        return min(10.0, self.mean + self.spread)


@dataclass(frozen=True)
class InfusionEffects:
    infusion: Infusion
    effects: tuple[SideEffect, ...]

    @property
    def count(self) -> int:
        return len(self.effects)

    @property
    def worst(self) -> int:
        return max((e.severity for e in self.effects), default=0)


def infusion_marks(
    data: JournalData, start: date | None = None, end: date | None = None
) -> tuple[InfusionMark, ...]:
    shown = within_period(data, start, end).infusions
    return tuple(
        InfusionMark(i.id, i.start.date(), i.treatment)
        for i in sorted(shown, key=lambda i: i.start)
    )


def logged_symptoms(data: JournalData) -> tuple[str, ...]:
    """Symptom ids in the journal, most often logged first."""
    counts = Counter(e.symptom for e in data.side_effects)
    return tuple(s for s, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def default_symptoms(
    data: JournalData,
    start: date | None = None,
    end: date | None = None,
    count: int = DEFAULT_SYMPTOM_COUNT,
) -> tuple[str, ...]:
    return logged_symptoms(within_period(data, start, end))[:count]


def bucket_days(start: date, end: date) -> int:
    """1 (daily points) for up to about 18 months shown, else 7 (weekly points)."""
    return 1 if (end - start).days <= DAILY_UP_TO_DAYS else 7


def _bucket(day: date, size: int) -> date:
    return day if size == 1 else day - timedelta(days=day.weekday())


def data_span(data: JournalData) -> tuple[date, date] | None:
    days = [i.start.date() for i in data.infusions] + [e.onset.date() for e in data.side_effects]
    days += [t.taken.date() for t in data.temperatures]
    return (min(days), max(days)) if days else None


def _shown_span(data: JournalData, start: date | None, end: date | None) -> tuple[date, date]:
    span = data_span(data) or (start or end or date.min, end or start or date.min)
    return start or span[0], end or span[1]


def severity_series(
    data: JournalData,
    symptoms: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[SymptomSeries, ...]:
    """One series per chosen symptom (default: the most often logged): worst severity per day or
    week."""
    shown = within_period(data, start, end)
    chosen = tuple(symptoms) if symptoms is not None else default_symptoms(shown)
    first, last = _shown_span(shown, start, end)
    size = bucket_days(first, last)
    return tuple(_one_series(shown.side_effects, symptom, size) for symptom in chosen)


def _one_series(effects: Iterable[SideEffect], symptom: str, size: int) -> SymptomSeries:
    buckets: dict[date, list[SideEffect]] = defaultdict(list)
    for effect in effects:
        if effect.symptom == symptom:
            buckets[_bucket(effect.onset.date(), size)].append(effect)
    points = tuple(
        SeverityPoint(
            day, max(e.severity for e in found), tuple(sorted(found, key=lambda e: e.onset))
        )
        for day, found in sorted(buckets.items())
    )
    label = next((e.other_label for p in points for e in p.entries if e.other_label), "")
    return SymptomSeries(symptom, label, points)


def temperature_series(
    data: JournalData, start: date | None = None, end: date | None = None
) -> TemperatureSeries:
    """Readings in the person's unit; over long ranges the highest reading of each day."""
    settings = data.settings
    unit = settings.temperature_unit
    threshold = float(convert(settings.fever_threshold, settings.fever_threshold_unit, unit))
    readings = sorted(within_period(data, start, end).temperatures, key=lambda t: t.taken)
    first, last = _shown_span(within_period(data, start, end), start, end)
    by_day = (last - first).days > ALL_READINGS_UP_TO_DAYS
    points = [
        TemperaturePoint(
            r.taken,
            float(convert(r.value, r.unit, unit)),
            is_above_threshold(r.value, r.unit, settings),
            r.id,
        )
        for r in readings
    ]
    return TemperatureSeries(
        unit, threshold, tuple(_daily_highest(points) if by_day else points), by_day
    )


def _daily_highest(points: list[TemperaturePoint]) -> list[TemperaturePoint]:
    days: dict[date, list[TemperaturePoint]] = defaultdict(list)
    for point in points:
        days[point.taken.date()].append(point)
    result = []
    for found in days.values():
        top = max(found, key=lambda p: p.value)
        result.append(TemperaturePoint(top.taken, top.value, top.above, top.reading_id, len(found)))
    return result


def _effect_days(effect: SideEffect) -> tuple[date, date]:
    first = effect.onset.date()
    last = effect.resolved.date() if effect.resolved else first
    return first, max(first, last)


def cycles(
    data: JournalData,
    symptoms: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[Cycle, ...]:
    """One cycle per infusion starting in [start, end]; the last runs to the last logged day."""
    infusions = sorted(data.infusions, key=lambda i: i.start)
    effects = [e for e in data.side_effects if symptoms is None or e.symptom in symptoms]
    observed = data_span(data) or (date.min, date.min)
    result = []
    for index, infusion in enumerate(infusions):
        day0 = infusion.start.date()
        if (start and day0 < start) or (end and day0 > end):
            continue
        following = infusions[index + 1].start.date() if index + 1 < len(infusions) else None
        stop = following or observed[1] + timedelta(days=1)
        length = max(1, min((stop - day0).days, MAX_CYCLE_DAYS))
        result.append(Cycle(infusion, _cycle_severities(day0, length, effects)))
    return tuple(result)


def _cycle_severities(day0: date, length: int, effects: Iterable[SideEffect]) -> tuple[int, ...]:
    worst = [0] * length
    for effect in effects:
        first, last = _effect_days(effect)
        for offset in range(max(0, (first - day0).days), min(length, (last - day0).days + 1)):
            worst[offset] = max(worst[offset], effect.severity)
    return tuple(worst)


def cycle_average(chosen: Sequence[Cycle]) -> tuple[CycleDay, ...]:
    """Mean worst severity on each day since the infusion, over the cycles that reach that day.

    The spread is the population standard deviation across those cycles.
    """
    longest = max((c.length for c in chosen), default=0)
    days = []
    for day in range(longest):
        values = [c.severities[day] for c in chosen if c.length > day]
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        days.append(CycleDay(day, mean, spread, len(values)))
    return tuple(days)


def effects_per_infusion(
    data: JournalData,
    symptoms: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[InfusionEffects, ...]:
    """For each infusion in range, the side effects linked to it or starting within 72 hours
    after it."""
    infusions = sorted(data.infusions, key=lambda i: i.start)
    known = {i.id for i in infusions}
    linked: dict[str, list[SideEffect]] = defaultdict(list)
    for effect in data.side_effects:
        if symptoms is not None and effect.symptom not in symptoms:
            continue
        owner = effect.infusion if effect.infusion in known else _follows(effect, infusions)
        if owner is not None:
            linked[owner].append(effect)
    return tuple(
        InfusionEffects(i, tuple(sorted(linked[i.id], key=lambda e: e.onset)))
        for i in infusions
        if not ((start and i.start.date() < start) or (end and i.start.date() > end))
    )


def _follows(effect: SideEffect, infusions: Sequence[Infusion]) -> str | None:
    before = [i for i in infusions if i.start <= effect.onset]
    if before and effect.onset - before[-1].start <= FOLLOWS_WITHIN:
        return before[-1].id
    return None
