"""What the appointment summary says, worked out from the journal: pure functions, no layout.

The PDF (summary_pdf), the printed version (ui/summary_dialog) and the tests all read
this one Overview, so what is printed and what is tested cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from msjournal.model.as_of import as_of
from msjournal.model.catalog import Catalog
from msjournal.model.period import within_period
from msjournal.model.records import (
    OTHER_TEST,
    RECOVERY_KINDS,
    RELAPSE_AREAS,
    RELAPSE_IMPACTS,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
)
from msjournal.model.temperature import format_temperature, is_above_threshold, threshold_text
from msjournal.rules.alerts import Alert, all_alerts
from msjournal.rules.result_words import marker, range_text, value_text
from msjournal.rules.schedule import DueItem, current_treatment, due_items, series

DEFAULT_MONTHS = 6
APPOINTMENT = "appointment"
RELAPSE_COUNT_MONTHS = 12  # page 1 counts the relapses of the 12 months to the period's end


@dataclass(frozen=True)
class Therapy:
    name: str
    started: date | None
    interval_days: int | None
    notes: str


@dataclass(frozen=True)
class InfusionLine:
    start: datetime
    treatment: str
    dose: str
    number: int | None
    lot: str
    reactions: str  # side effects recorded during the infusion


@dataclass(frozen=True)
class SymptomGroup:
    name: str
    times: int
    worst: int
    typical_duration: str
    ongoing: int
    unusual: int


@dataclass(frozen=True)
class HighReading:
    taken: datetime
    shown: str
    where: str  # "" for a home reading, else "before/after infusion"


@dataclass(frozen=True)
class TreatingCourse:
    """The infusions of one relapse treatment linked to a relapse (a steroid course)."""

    treatment: str  # the catalog's name
    days: tuple[date, ...]


@dataclass(frozen=True)
class RelapseLine:
    onset: datetime
    description: str
    impact: str  # the short word: "Moderate"
    impact_words: str  # the whole description of the impact, as the person chose it
    areas: tuple[str, ...]  # in words
    recovery: str  # "Not yet", "Fully", "Partly", "Not sure", as of the period's end
    recovered: date | None
    confirmed: bool  # the care team confirmed it as a relapse
    treated_with: tuple[TreatingCourse, ...]
    notes: str


@dataclass(frozen=True)
class ResultLine:
    taken: date | datetime  # a date alone when the time of the sample is not known
    test: str  # the catalog's name, or the person's own for another test
    value: str  # "0.42", "negative", "4.3 ×10⁹/L"
    lab_range: str  # the lab's range as printed, "" when none was entered
    marker: str  # "below the lab's range", "above the lab's range", or ""
    notes: str

    @property
    def day(self) -> date:
        return self.taken.date() if isinstance(self.taken, datetime) else self.taken


@dataclass(frozen=True)
class Overview:
    person: str
    start: date
    end: date
    made: date
    therapy: Therapy | None
    infusions: tuple[InfusionLine, ...]
    symptoms: tuple[SymptomGroup, ...]
    alerts: tuple[Alert, ...]
    high_readings: tuple[HighReading, ...]
    threshold: str
    due: tuple[DueItem, ...]
    questions: str
    period_data: JournalData  # the entries within the period, for the detailed log
    relapses: tuple[RelapseLine, ...] = ()  # onset in the period, oldest first
    relapses_last_year: int = 0  # onsets in the 12 months to the period's end
    results: tuple[ResultLine, ...] = ()  # taken in the period, oldest first
    latest_results: tuple[ResultLine, ...] = ()  # the latest of each test, in catalog order

    @property
    def effects_count(self) -> int:
        return sum(group.times for group in self.symptoms)

    @property
    def results_outside(self) -> int:
        return sum(1 for r in self.results if r.marker)


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59))


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_period(data: JournalData, today: date) -> tuple[date, date]:
    """From the last completed appointment (or 6 months back) to today."""
    done = [
        f.done
        for f in data.follow_ups
        if f.kind == APPOINTMENT and f.done is not None and f.done < today
    ]
    return (max(done) if done else months_before(today, DEFAULT_MONTHS)), today


def therapy(data: JournalData, catalog: Catalog) -> Therapy | None:
    if data.plan is not None:
        plan = data.plan
        return Therapy(
            catalog.treatment_name(plan.treatment), plan.started, plan.interval_days, plan.notes
        )
    treatment = current_treatment(data, catalog)
    if treatment is None:
        return None
    given = series(data, treatment)
    return Therapy(
        catalog.treatment_name(treatment), given[0].start.date() if given else None, None, ""
    )


def dose_text(infusion: Infusion) -> str:
    if infusion.dose is None:
        return ""
    return f"{infusion.dose.normalize():f} {infusion.dose_unit}".strip()


def _during(infusion: Infusion, effect: SideEffect) -> bool:
    if effect.infusion == infusion.id and effect.during_infusion:
        return True
    end = infusion.end or infusion.start
    return effect.infusion in (None, infusion.id) and infusion.start <= effect.onset <= end


def reactions_text(infusion: Infusion, effects: tuple[SideEffect, ...], catalog: Catalog) -> str:
    found = [e for e in effects if _during(infusion, e)]
    return ", ".join(
        f"{catalog.symptom_name(e.symptom, e.other_label)} ({e.severity}/10)" for e in found
    )


def infusion_lines(data: JournalData, catalog: Catalog) -> tuple[InfusionLine, ...]:
    return tuple(
        InfusionLine(
            i.start,
            catalog.treatment_name(i.treatment),
            dose_text(i),
            i.dose_number,
            i.lot,
            reactions_text(i, data.side_effects, catalog),
        )
        for i in sorted(data.infusions, key=lambda i: i.start)
    )


def duration_text(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    if hours < 1:
        return "under 1 hour"
    if hours < 48:
        return f"{round(hours)} hours" if round(hours) != 1 else "1 hour"
    return f"{round(hours / 24)} days"


def _median_duration(spans: list[timedelta]) -> timedelta:
    """The median of `spans`, as statistics.median computes it (whose stubs accept numbers only)."""
    ordered = sorted(spans)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def symptom_groups(
    data: JournalData, catalog: Catalog, moment: datetime
) -> tuple[SymptomGroup, ...]:
    """Side effects by symptom: how often, worst, typical (median) duration, still ongoing."""
    grouped: dict[str, list[SideEffect]] = defaultdict(list)
    for effect in data.side_effects:
        grouped[catalog.symptom_name(effect.symptom, effect.other_label)].append(effect)
    groups = []
    for name, effects in grouped.items():
        ended = [
            e.resolved - e.onset for e in effects if e.resolved is not None and e.resolved <= moment
        ]
        typical = duration_text(_median_duration(ended)) if ended else "not yet known"
        ongoing = sum(1 for e in effects if e.resolved is None or e.resolved > moment)
        groups.append(
            SymptomGroup(
                name,
                len(effects),
                max(e.severity for e in effects),
                typical,
                ongoing,
                sum(1 for e in effects if e.unusual),
            )
        )
    return tuple(sorted(groups, key=lambda g: (-g.times, -g.worst, g.name)))


def high_readings(data: JournalData) -> tuple[HighReading, ...]:
    """Temperatures above the fever threshold: home readings and infusion vitals."""
    settings, unit = data.settings, data.settings.temperature_unit
    found: list[HighReading] = []
    readings: list[tuple[TemperatureReading, str]] = [(t, "") for t in data.temperatures]
    for infusion in data.infusions:
        for vitals, where, taken in (
            (infusion.vitals_before, "before infusion", infusion.start),
            (infusion.vitals_after, "after infusion", infusion.end or infusion.start),
        ):
            if vitals.temperature is not None:
                readings.append(
                    (
                        TemperatureReading(
                            infusion.id, taken, vitals.temperature, vitals.temperature_unit
                        ),
                        where,
                    )
                )
    for reading, where in readings:
        if is_above_threshold(reading.value, reading.unit, settings):
            found.append(
                HighReading(
                    reading.taken, format_temperature(reading.value, reading.unit, unit), where
                )
            )
    return tuple(sorted(found, key=lambda r: r.taken))


def alerts_in_period(
    data: JournalData, catalog: Catalog, start: date, end: date
) -> tuple[Alert, ...]:
    raised = all_alerts(data, catalog, end_of(end))
    inside = [a for a in raised if start <= a.raised_at.date() <= end]
    return tuple(sorted(inside, key=lambda a: a.raised_at))


def recorded_text(alert: Alert) -> str:
    """What was recorded, without the criterion and action the summary shows separately."""
    return alert.message.partition(" This meets the criterion:")[0]


def _inside(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def _recovery_as_of(entry: Relapse, end: date) -> tuple[str, date | None]:
    """How far the person had recovered by the period's end (a later recovery is not yet)."""
    if entry.recovered is not None and entry.recovered > end:
        return RECOVERY_KINDS["not_yet"], None
    return RECOVERY_KINDS.get(entry.recovery, entry.recovery), entry.recovered


def treating_courses(
    entry: Relapse, data: JournalData, catalog: Catalog
) -> tuple[TreatingCourse, ...]:
    """The linked infusions grouped by treatment, the earliest course first, with their days."""
    days: dict[str, list[date]] = {}
    for infusion_id in entry.treated_with:
        infusion = data.infusion_by_id(infusion_id)
        if infusion is not None:
            days.setdefault(infusion.treatment, []).append(infusion.start.date())
    return tuple(
        TreatingCourse(catalog.treatment_name(treatment), tuple(sorted(found)))
        for treatment, found in sorted(days.items(), key=lambda item: min(item[1]))
    )


def relapse_lines(
    data: JournalData, catalog: Catalog, start: date, end: date
) -> tuple[RelapseLine, ...]:
    """Relapses with their onset in [start, end], as the journal stood at the period's end."""
    lines = []
    for entry in sorted(data.relapses, key=lambda r: r.onset):
        if not _inside(entry.onset.date(), start, end):
            continue
        recovery, recovered = _recovery_as_of(entry, end)
        impact = RELAPSE_IMPACTS.get(entry.impact, entry.impact)
        lines.append(
            RelapseLine(
                onset=entry.onset,
                description=entry.description,
                impact=impact.partition(":")[0],
                impact_words=impact,
                areas=tuple(RELAPSE_AREAS.get(a, a) for a in entry.areas),
                recovery=recovery,
                recovered=recovered,
                confirmed=entry.confirmed,
                treated_with=treating_courses(entry, data, catalog),
                notes=entry.notes,
            )
        )
    return tuple(lines)


def relapses_in_months(data: JournalData, end: date, months: int = RELAPSE_COUNT_MONTHS) -> int:
    """How many relapses started in the `months` months up to and including `end`."""
    since = months_before(end, months)
    return sum(1 for r in data.relapses if since < r.onset.date() <= end)


def result_line(result: TestResult, catalog: Catalog) -> ResultLine:
    return ResultLine(
        taken=result.taken,
        test=catalog.test_name(result.test, result.other_label),
        value=value_text(result),
        lab_range=range_text(result),
        marker=marker(result),
        notes=result.notes,
    )


def _test_key(result: TestResult) -> tuple[str, str]:
    return result.test, result.other_label.strip().casefold() if result.test == OTHER_TEST else ""


def latest_results(results: tuple[TestResult, ...], catalog: Catalog) -> tuple[ResultLine, ...]:
    """The latest result of each test, tests in the catalog's order, other tests by name."""
    latest: dict[tuple[str, str], TestResult] = {}
    for result in sorted(results, key=lambda r: r.moment):
        latest[_test_key(result)] = result
    order = {test_id: n for n, test_id in enumerate(catalog.tests)}
    chosen = sorted(
        latest.values(),
        key=lambda r: (
            order.get(r.test, len(order)),
            catalog.test_name(r.test, r.other_label).casefold(),
        ),
    )
    return tuple(result_line(r, catalog) for r in chosen)


def build_overview(
    data: JournalData, catalog: Catalog, start: date, end: date, made: date | None = None
) -> Overview:
    """Everything page 1 of the summary says, for the period [start, end]."""
    moment = end_of(end)
    seen = as_of(data, moment)
    results = tuple(
        sorted(
            (r for r in seen.test_results if _inside(r.moment.date(), start, end)),
            key=lambda r: r.moment,
        )
    )
    inside = replace(
        within_period(seen, start, end),
        relapses=tuple(r for r in seen.relapses if _inside(r.onset.date(), start, end)),
        test_results=results,
    )
    return Overview(
        person=data.settings.person_name.strip(),
        start=start,
        end=end,
        made=made or date.today(),
        therapy=therapy(seen, catalog),
        infusions=infusion_lines(inside, catalog),
        symptoms=symptom_groups(inside, catalog, moment),
        alerts=alerts_in_period(data, catalog, start, end),
        high_readings=high_readings(inside),
        threshold=threshold_text(data.settings),
        due=tuple(due_items(seen, catalog, end)),
        questions=data.settings.questions.strip(),
        period_data=inside,
        # The relapses as recorded, so a recovery after the period's end reads "Not yet"
        # (as_of drops its date); the treating infusions as the journal stood then.
        relapses=relapse_lines(replace(seen, relapses=data.relapses), catalog, start, end),
        relapses_last_year=relapses_in_months(seen, end),
        results=tuple(result_line(r, catalog) for r in results),
        latest_results=latest_results(results, catalog),
    )
