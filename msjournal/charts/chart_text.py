"""The words and numbers behind each trend chart, without matplotlib (and without Qt).

The drawing code (drawing.py, parts.py, results.py) attaches these texts to the points it draws;
the window reads the same points out as a table, moves along them with the arrow keys, and names
and summarises the chart for assistive technology. A point's text is the one the chart shows when
the point is pointed at with the mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from statistics import median

from msjournal.charts.result_series import (
    ResultSeries,
    check_test,
    relapse_onsets,
    result_series,
    tests_with_results,
)
from msjournal.charts.theme import ChartTheme
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.period import within_period
from msjournal.model.records import RELAPSE_IMPACTS, JournalData, Relapse, SideEffect, TestResult
from msjournal.model.temperature import threshold_text
from msjournal.rules import trends
from msjournal.rules.result_words import number_text, range_text, result_line
from msjournal.rules.timeline import severity_word

CHART_KINDS = ("severity", "temperature", "cycle", "per-infusion", "results")
RESULTS_TITLE = "Test results"
CHART_TITLES = {
    "severity": "Side effects over time",
    "temperature": "Temperature readings",
    "cycle": "Side effects through the infusion cycle",
    "per-infusion": "Side effects after each infusion",
    "results": RESULTS_TITLE,  # the chart itself is titled with the test's name
}
# The severity chart's markers (matplotlib's codes) and their names, in the same order. No
# symptom shares a shape with the infusion marks (triangles) or a relapse onset (a star).
MARKERS = ("o", "s", "D", "v", "P", "X", "h", "p")
MARKER_NAMES = (
    "circle",
    "square",
    "diamond",
    "upside-down triangle",
    "plus",
    "cross",
    "hexagon",
    "pentagon",
)
# The infusion and relapse marks sit at the foot of the chart, at this share of its height.
INFUSION_HEIGHT = 0.02
RELAPSE_HEIGHT = 0.075
INFUSION_MARKER = "triangle at the foot: infusion"
RELAPSE_MARKER = "star and dash-dot line: relapse onset"
TABLE_HEADERS = ("When", "What", "Value", "Unit or words", "Marker on the chart")


@dataclass(frozen=True)
class ChartRequest:
    """What to draw, for which dates and symptoms, in which theme."""

    data: JournalData
    catalog: Catalog
    start: date | None
    end: date | None
    symptoms: Sequence[str] | None
    theme: ChartTheme
    cycle: int | None
    each_cycle: bool
    test: str | None = None  # the results chart: a catalog test id


@dataclass(frozen=True)
class ChartPoint:
    """One drawn point (or bar, or mark) of a chart: where it is, and what it says."""

    x: date | int  # a date or date-time; the cycle chart counts days since the infusion
    y: float | None  # the height drawn, in the chart's own units; None for a mark at the foot
    what: str  # the series: "Headache", "Temperature reading", "Infusion"
    value: str  # the value as read: "3", "38.4", "0.8"; "" for a mark
    words: str  # the unit, or words about the value
    marker: str  # its shape on the chart, and what the shape means
    text: str  # the same words the chart shows when the point is pointed at
    panel: int = 0  # which panel of the chart, top first (the per-infusion chart has two)
    height: float | None = None  # a mark at the foot: its height as a share of the panel

    @property
    def when(self) -> str:
        if isinstance(self.x, datetime):
            return self.x.strftime("%Y-%m-%d %H:%M")
        if isinstance(self.x, date):
            return self.x.isoformat()
        return f"Day {self.x}"

    @property
    def row(self) -> tuple[str, str, str, str, str]:
        """The point as a row under TABLE_HEADERS."""
        return (self.when, self.what, self.value, self.words, self.marker)


@dataclass(frozen=True)
class ChartContent:
    """A chart as words: its title, its points in time order and a one-sentence summary."""

    kind: str
    title: str
    points: tuple[ChartPoint, ...]
    summary: str


# ----- the content of each chart -----


def chart_content(
    kind: str,
    data: JournalData,
    catalog: Catalog,
    start: date | None = None,
    end: date | None = None,
    symptoms: Sequence[str] | None = None,
    cycle: int | None = None,
    each_cycle: bool = False,
    test: str | None = None,
) -> ChartContent:
    """The points `draw_chart` draws for the same arguments, in time order, with the title and
    a summary sentence. A chart with nothing to draw has no points; its summary says what to log.
    """
    if kind not in CHART_KINDS:
        raise JournalError(f"chart {kind!r}: choose one of {', '.join(CHART_KINDS)}.")
    request = ChartRequest(
        data, catalog, start, end, symptoms, ChartTheme.light(), cycle, each_cycle, test
    )
    return _CONTENT[kind](request)


def table_rows(content: ChartContent) -> tuple[tuple[str, str, str, str, str], ...]:
    """The chart's points as rows under TABLE_HEADERS, in time order."""
    return tuple(point.row for point in content.points)


def _in_time_order(points: Sequence[ChartPoint]) -> tuple[ChartPoint, ...]:
    def key(point: ChartPoint) -> tuple[int, time]:
        x = point.x
        if isinstance(x, datetime):
            return x.toordinal(), x.time()
        if isinstance(x, date):
            return x.toordinal(), time.min
        return x, time.min

    return tuple(sorted(points, key=key))


def _empty(kind: str, title: str, message: str) -> ChartContent:
    return ChartContent(kind, title, (), f"{title}: {' '.join(message.split())}")


def shown_span(request: ChartRequest) -> tuple[date, date]:
    """The first and last day shown: the chosen dates, or the span of the entries in them."""
    shown = within_period(request.data, request.start, request.end)
    found = trends.data_span(shown) or (date.today(), date.today())
    return request.start or found[0], request.end or found[1]


def _severity(request: ChartRequest) -> ChartContent:
    title = CHART_TITLES["severity"]
    catalog = request.catalog
    series = trends.severity_series(request.data, request.symptoms, request.start, request.end)
    if not any(s.points for s in series):
        return _empty("severity", title, no_effects_text(request))
    first, last = shown_span(request)
    weekly = trends.bucket_days(first, last) > 1
    infusions = _infusion_points(request)
    relapses = _relapse_points(request)
    points = [*infusions, *relapses]
    for index, one in enumerate(series):
        name = symptom_label(catalog, one.symptom, one.other_label)
        points += [
            ChartPoint(
                p.day,
                float(p.severity),
                name,
                str(p.severity),
                f"of 10, {severity_word(p.severity)}" + (", worst of the week" if weekly else ""),
                MARKER_NAMES[index % len(MARKER_NAMES)],
                severity_point_text(catalog, p),
            )
            for p in one.points
        ]
    drawn = [
        (p, symptom_label(catalog, s.symptom, s.other_label)) for s in series for p in s.points
    ]
    entries = sum(len(p.entries) for p, _ in drawn)
    top, name = max(sorted(drawn, key=lambda found: found[0].day), key=lambda f: f[0].severity)
    summary = (
        f"{title} {span_words(first, last)}: {_count(entries, 'entry', 'entries')}, "
        f"highest {top.severity} ({severity_word(top.severity)}) on {_on(top.day, last)} "
        f"({name})" + _marks_words(len(infusions), len(relapses)) + "."
    )
    return ChartContent("severity", title, _in_time_order(points), summary)


def _temperature(request: ChartRequest) -> ChartContent:
    title = CHART_TITLES["temperature"]
    series = trends.temperature_series(request.data, request.start, request.end)
    if not series.points:
        return _empty("temperature", title, no_readings_text(request))
    unit = series.unit
    what = "Highest reading each day" if series.by_day else "Temperature reading"
    infusions = _infusion_points(request)
    points = [*infusions]
    for p in series.points:
        words = f"°{unit}"
        if p.readings > 1:
            words += f", highest of {p.readings} that day"
        if p.above:
            words += ", above your fever threshold"
        marker = "large dot in the alert colour: above your fever threshold" if p.above else "dot"
        text = reading_text(p, unit)
        points.append(ChartPoint(p.taken, p.value, what, f"{p.value:.1f}", words, marker, text))
    first, last = shown_span(request)
    top = max(series.points, key=lambda p: p.value)
    counted = _count(len(series.points), "day", "days") + " (the highest reading of each)"
    if not series.by_day:
        counted = _count(len(series.points), "reading", "readings")
    summary = (
        f"{title} {span_words(first, last)}: {counted}, highest {top.value:.1f} °{unit} "
        f"on {_on(top.taken.date(), last)}; {len(series.above)} above your fever threshold of "
        f"{threshold_text(request.data.settings)}" + _marks_words(len(infusions), 0) + "."
    )
    return ChartContent("temperature", title, _in_time_order(points), summary)


def _cycle(request: ChartRequest) -> ChartContent:
    found = trends.cycles(request.data, request.symptoms, request.start, request.end)
    title = CHART_TITLES["cycle"]
    if not found or not any(any(c.severities) for c in found):
        return _empty("cycle", title, no_cycles_text(request, bool(found)))
    if request.cycle is not None and 0 <= request.cycle < len(found):
        one = found[request.cycle]
        title = f"Cycle after the infusion on {one.start.isoformat()}"
        points = _cycle_points(one, "dot on the line")
        worst = max(range(one.length), key=lambda day: one.severities[day])
        top = one.severities[worst]
        summary = (
            f"{title}: {_count(one.length, 'day', 'days')}, worst severity {top} "
            f"({severity_word(top)}) on day {worst} after the infusion."
        )
        return ChartContent("cycle", title, _in_time_order(points), summary)
    days = trends.cycle_average(found)
    average = f"Average of {len(found)} cycles"
    points = [
        ChartPoint(
            d.day,
            d.mean,
            average,
            f"{d.mean:.1f}",
            f"of 10, spread ± {d.spread:.1f}, over {_count(d.cycles, 'cycle', 'cycles')}",
            "dot on the thick line",
            cycle_average_text(d),
        )
        for d in days
    ]
    if request.each_cycle:
        for cycle in found:
            points += _cycle_points(cycle, "thin faint line: each cycle")
    peak = max(days, key=lambda d: d.mean)
    complete = [c.length for c in found[:-1]]
    usual = f"; usual next infusion on day {median(complete):g}" if complete else ""
    summary = (
        f"{title}, infusions {span_words(found[0].start, found[-1].start)}: the average of "
        f"{_count(len(found), 'cycle', 'cycles')}, highest {peak.mean:.1f} of 10 on day "
        f"{peak.day} after the infusion{usual}."
    )
    return ChartContent("cycle", title, _in_time_order(points), summary)


def _cycle_points(cycle: trends.Cycle, marker: str) -> list[ChartPoint]:
    return [
        ChartPoint(
            day,
            float(value),
            f"Cycle from {cycle.start.isoformat()}",
            str(value),
            f"of 10, worst that day, {severity_word(value)}",
            marker,
            cycle_day_text(cycle, day),
        )
        for day, value in enumerate(cycle.severities)
    ]


def _per_infusion(request: ChartRequest) -> ChartContent:
    title = CHART_TITLES["per-infusion"]
    catalog = request.catalog
    rows = trends.effects_per_infusion(request.data, request.symptoms, request.start, request.end)
    if not any(r.count for r in rows):
        return _empty("per-infusion", title, no_cycles_text(request, bool(rows)))
    points = [
        ChartPoint(
            r.infusion.start.date(),
            float(r.worst),
            f"Infusion ({catalog.treatment_name(r.infusion.treatment)})",
            str(r.count),
            f"{'side effect' if r.count == 1 else 'side effects'}, worst {r.worst} of 10",
            "bar (how many) above a square (the worst)",
            infusion_effects_text(catalog, r),
            panel=1,
        )
        for r in rows
    ]
    days = [r.infusion.start.date() for r in rows]
    most = max(rows, key=lambda r: r.count)
    worst = max(r.worst for r in rows)
    summary = (
        f"{title} {span_words(request.start or days[0], request.end or days[-1])}: "
        f"{_count(len(rows), 'infusion', 'infusions')}, "
        f"{_count(sum(r.count for r in rows), 'side effect', 'side effects')} in all, most "
        f"after the infusion on {_on(most.infusion.start.date(), request.end or days[-1])} "
        f"({most.count}); worst "
        f"severity {worst} ({severity_word(worst)})."
    )
    return ChartContent("per-infusion", title, _in_time_order(points), summary)


def _results(request: ChartRequest) -> ChartContent:
    if request.test is None:
        return _empty("results", RESULTS_TITLE, no_test_text(request))
    test = check_test(request.catalog, request.test)
    series = result_series(request.data, request.catalog, test.id, request.start, request.end)
    if not series.results:
        return _empty("results", test.name, no_results_text(request, series))
    infusions = _infusion_points(request)
    points = [*infusions]
    for r in series.results:
        words = r.unit or "no unit"
        if shown := range_text(r):
            words += f", lab range {shown}"
        marker = "dot"
        if r.out_of_range:
            marker = "large cross in the alert colour: outside the lab's range"
        points.append(
            ChartPoint(
                r.moment,
                float(r.value or 0),
                test.name,
                number_text(r.value) if r.value is not None else "",
                words,
                marker,
                result_point_text(r, request.catalog),
            )
        )
    days = [r.moment.date() for r in series.results] + [m.day for m in _marks(request)]
    first, last = request.start or min(days), request.end or max(days)
    latest = series.results[-1]
    outside = sum(1 for r in series.results if r.out_of_range)
    left_out = sum(count for _, count in series.other_units)
    summary = (
        f"{test.name} {span_words(first, last)}: "
        f"{_count(len(series.results), 'result', 'results')} in {series.unit or 'no unit'}, "
        f"latest {_latest_words(latest)} on "
        f"{_on(latest.moment.date(), last)}; {outside} outside the lab's range"
        + (f"; {left_out} in other units not drawn" if left_out else "")
        + (f"; {series.words_only} in words only" if series.words_only else "")
        + _marks_words(len(infusions), 0)
        + "."
    )
    return ChartContent("results", test.name, _in_time_order(points), summary)


def _latest_words(result: TestResult) -> str:
    value = number_text(result.value) if result.value is not None else ""
    return f"{value} {result.unit}".strip()


def _marks(request: ChartRequest) -> tuple[trends.InfusionMark, ...]:
    return trends.infusion_marks(request.data, request.start, request.end)


def _infusion_points(request: ChartRequest) -> list[ChartPoint]:
    catalog = request.catalog
    return [
        ChartPoint(
            m.day,
            None,
            "Infusion",
            "",
            catalog.treatment_name(m.treatment),
            INFUSION_MARKER,
            infusion_mark_text(catalog, m),
            height=INFUSION_HEIGHT,
        )
        for m in _marks(request)
    ]


def _relapse_points(request: ChartRequest) -> list[ChartPoint]:
    return [
        ChartPoint(
            r.onset,
            None,
            "Relapse (onset)",
            "",
            relapse_impact(r) + (", confirmed by your care team" if r.confirmed else ""),
            RELAPSE_MARKER,
            relapse_text(r),
            height=RELAPSE_HEIGHT,
        )
        for r in relapse_onsets(request.data, request.start, request.end)
    ]


_CONTENT: dict[str, Callable[[ChartRequest], ChartContent]] = {
    "severity": _severity,
    "temperature": _temperature,
    "cycle": _cycle,
    "per-infusion": _per_infusion,
    "results": _results,
}


# ----- dates and counts in words -----


def day_words(day: date, year: bool = True) -> str:
    """'3 Apr 2026', or '3 Apr' without the year."""
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


def span_words(first: date, last: date) -> str:
    """'from 1 Mar to 30 Jun 2026', or 'on 3 Apr 2026' for a single day."""
    if first == last:
        return f"on {day_words(first)}"
    return f"from {day_words(first, first.year != last.year)} to {day_words(last)}"


def _on(day: date, last: date) -> str:
    """A day within a span that ends on `last`: its year only when that differs."""
    return day_words(day, day.year != last.year)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _marks_words(infusions: int, relapses: int) -> str:
    words = ""
    if infusions:
        words += f"; {_count(infusions, 'infusion', 'infusions')} marked"
    if relapses:
        words += f"; {_count(relapses, 'relapse onset', 'relapse onsets')}"
    return words


# ----- the text of each point -----


def symptom_label(catalog: Catalog, symptom: str, other_label: str = "") -> str:
    return catalog.symptom_name(symptom, other_label)


def effect_text(catalog: Catalog, effect: SideEffect) -> str:
    when = effect.onset.strftime("%Y-%m-%d %H:%M")
    name = symptom_label(catalog, effect.symptom, effect.other_label)
    lasted = ", still going on" if effect.resolved is None else ""
    return f"{name}: severity {effect.severity} of 10, started {when}{lasted}"


def severity_point_text(catalog: Catalog, point: trends.SeverityPoint) -> str:
    text = effect_text(catalog, max(point.entries, key=lambda e: e.severity))
    more = len(point.entries) - 1
    return text + (f" (and {more} more that week)" if more > 0 else "")


def reading_text(point: trends.TemperaturePoint, unit: str) -> str:
    above = ", above your fever threshold" if point.above else ""
    count = f" (highest of {point.readings} that day)" if point.readings > 1 else ""
    return f"{point.value:.1f} °{unit} on {point.taken.strftime('%Y-%m-%d %H:%M')}{above}{count}"


def cycle_average_text(day: trends.CycleDay) -> str:
    return f"Day {day.day}: average severity {day.mean:.1f} over {day.cycles} cycles"


def cycle_day_text(cycle: trends.Cycle, day: int) -> str:
    return (
        f"Day {day} after the infusion on {cycle.start.isoformat()}: "
        f"worst severity {cycle.severities[day]}"
    )


def infusion_effects_text(catalog: Catalog, row: trends.InfusionEffects) -> str:
    head = (
        f"Infusion on {row.infusion.start.date().isoformat()} "
        f"({catalog.treatment_name(row.infusion.treatment)})"
    )
    if not row.effects:
        return f"{head}: no side effects logged after it"
    listed = ", ".join(
        f"{symptom_label(catalog, e.symptom, e.other_label)} {e.severity}" for e in row.effects
    )
    return f"{head}: {row.count} side effect{'s' if row.count != 1 else ''} ({listed})"


def infusion_mark_text(catalog: Catalog, mark: trends.InfusionMark) -> str:
    return f"Infusion on {mark.day.isoformat()}: {catalog.treatment_name(mark.treatment)}"


def relapse_impact(relapse: Relapse) -> str:
    """'mild', 'moderate' or 'severe' (the word before the description)."""
    return RELAPSE_IMPACTS.get(relapse.impact, relapse.impact).split(":")[0].lower()


def relapse_text(relapse: Relapse) -> str:
    confirmed = ", confirmed by your care team" if relapse.confirmed else ""
    return (
        f"Relapse, started {relapse.onset.strftime('%Y-%m-%d %H:%M')} "
        f"({relapse_impact(relapse)}{confirmed}): {relapse.description}"
    )


def result_point_text(result: TestResult, catalog: Catalog) -> str:
    taken = result.taken
    when = taken.strftime("%Y-%m-%d %H:%M") if isinstance(taken, datetime) else taken.isoformat()
    return f"{when}: {result_line(result, catalog)}"


# ----- what an empty chart says -----


def period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"between {start.isoformat()} and {end.isoformat()}"
    if start:
        return f"since {start.isoformat()}"
    if end:
        return f"up to {end.isoformat()}"
    return "yet"


def no_effects_text(request: ChartRequest) -> str:
    if not request.data.side_effects:
        return (
            "No side effects logged yet.\nWhen you log a side effect (what you felt and how bad, "
            "0 to 10),\nit shows here over time, with your infusions marked."
        )
    if request.symptoms is not None and not request.symptoms:
        return "Choose one or more symptoms to chart."
    chosen = ""
    if request.symptoms:
        names = [symptom_label(request.catalog, s) for s in request.symptoms]
        chosen = f" for {', '.join(names)}"
    return (
        f"No side effects logged{chosen} {period_text(request.start, request.end)}.\n"
        "Choose a longer period or other symptoms."
    )


def no_readings_text(request: ChartRequest) -> str:
    if not request.data.temperatures:
        return (
            "No temperature readings logged yet.\nLog your temperature when you feel hot or "
            "shivery, and in the days after an infusion;\nit shows here with your fever threshold."
        )
    return (
        f"No temperature readings logged {period_text(request.start, request.end)}.\n"
        "Choose a longer period."
    )


def no_cycles_text(request: ChartRequest, have_cycles: bool) -> str:
    if not request.data.infusions:
        return (
            "No infusions logged yet.\nLog each infusion and the side effects after it to see "
            "how you feel\nfrom one infusion to the next."
        )
    if request.symptoms is not None and not request.symptoms:
        return "Choose one or more symptoms to chart."
    if not have_cycles:
        return (
            f"No infusions logged {period_text(request.start, request.end)}.\n"
            "Choose a longer period."
        )
    return (
        f"No side effects logged between the infusions {period_text(request.start, request.end)}."
        "\nWhen you log how you feel after an infusion, the pattern shows here."
    )


def no_test_text(request: ChartRequest) -> str:
    if not request.data.test_results:
        return (
            "No test results logged yet.\nLog a result from your lab report (its number, unit "
            "and the lab's range);\nit shows here over time, with your infusions marked."
        )
    if not tests_with_results(request.data, request.catalog):
        return (
            "Your test results so far are in words (such as positive or negative),\n"
            "not numbers, so there is nothing to chart yet.\n"
            "Log a result with a number, such as lymphocytes, to see it here over time."
        )
    return "Choose a test to chart."


def no_results_text(request: ChartRequest, series: ResultSeries) -> str:
    name = series.test.name
    if not any(r.test == series.test.id for r in request.data.test_results):
        return (
            f"No {name} results logged yet.\nLog one from your lab report (its number, unit "
            "and the lab's range)\nto see it here over time, with your infusions marked."
        )
    words = (
        f"\n{series.words_only} result{'s' if series.words_only != 1 else ''} in this period "
        "are in words only."
        if series.words_only
        else ""
    )
    return (
        f"No {name} results with a number {period_text(request.start, request.end)}.{words}\n"
        "Choose a longer period or another test."
    )
