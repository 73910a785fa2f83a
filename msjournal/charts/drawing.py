"""The trend charts, drawn on a matplotlib Figure: for the window, the command line and the PDF.

The numbers come from msjournal.rules.trends; this module only draws them. Colours are the
Okabe-Ito set (safe for colour-blind eyes, see chart_theme), and every series also differs in
marker shape. Each drawn point carries a short text about the entry behind it (see entry_at).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from statistics import median
from typing import NamedTuple

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, MultipleLocator

from msjournal.charts.chart_text import (  # noqa: F401 (CHART_KINDS re-exported)
    CHART_KINDS,
    CHART_TITLES,
    MARKERS,
    cycle_average_text,
    cycle_day_text,
    infusion_effects_text,
    no_cycles_text,
    no_effects_text,
    no_readings_text,
    reading_text,
    severity_point_text,
)
from msjournal.charts.output import (  # noqa: F401 (entry_at and SAVE_FORMATS re-exported)
    SAVE_FORMATS,
    check_save_name,
    clear_entries,
    describe,
    entry_at,
    new_figure,
    png_bytes,
    write_figure,
)
from msjournal.charts.parts import (
    ChartRequest,
    axis_labels,
    chart_title,
    date_axis,
    dates_x,
    empty_chart,
    figure_of,
    legend,
    mark_infusions,
    mark_relapses,
    span,
    styled_axes,
    symptom_label,
)
from msjournal.charts.result_series import relapse_onsets
from msjournal.charts.results import draw_results
from msjournal.charts.theme import ChartTheme
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.period import within_period
from msjournal.model.records import JournalData
from msjournal.model.temperature import threshold_text
from msjournal.rules import trends

LINE_STYLES = ("-", "--", "-.", ":")


class SavedChart(NamedTuple):
    path: Path
    drawn: bool  # False: nothing to chart, the image says what to log


def draw_chart(
    kind: str,
    figure: Figure,
    data: JournalData,
    catalog: Catalog,
    start: date | None = None,
    end: date | None = None,
    symptoms: Sequence[str] | None = None,
    theme: ChartTheme | None = None,
    cycle: int | None = None,
    each_cycle: bool = False,
    test: str | None = None,
) -> bool:
    """Draw one chart on `figure`.

    Returns False (with a note saying what to log) when there is nothing to draw.

    For the cycle chart, `cycle` picks one cycle (index into trends.cycles) to show on its own,
    and `each_cycle` draws every cycle faintly behind the average. For the results chart,
    `test` is the catalog id of the lab test; a words-only or unknown test is refused with a
    JournalError naming it.
    """
    if kind not in CHART_KINDS:
        raise JournalError(f"chart {kind!r}: choose one of {', '.join(CHART_KINDS)}.")
    request = ChartRequest(
        data, catalog, start, end, symptoms, theme or ChartTheme.light(), cycle, each_cycle, test
    )
    figure.clear()
    clear_entries(figure)
    figure.set_facecolor(request.theme.background)
    figure.set_layout_engine("constrained")
    return _DRAWERS[kind](figure, request)


def save_chart(
    kind: str,
    data: JournalData,
    catalog: Catalog,
    out: Path,
    start: date | None = None,
    end: date | None = None,
    symptoms: Sequence[str] | None = None,
    test: str | None = None,
) -> SavedChart:
    """Write the chart as PNG or SVG (by the file's suffix), atomically and private to the
    person."""
    out = check_save_name(out)
    figure = new_figure(10.0, 5.6)
    drawn = draw_chart(kind, figure, data, catalog, start, end, symptoms, test=test)
    return SavedChart(write_figure(figure, out), drawn)


def chart_png_bytes(
    kind: str,
    data: JournalData,
    catalog: Catalog,
    start: date | None = None,
    end: date | None = None,
    symptoms: Sequence[str] | None = None,
    width_in: float = 7.0,
    height_in: float = 3.2,
    dpi: int = 150,
) -> bytes | None:
    """The chart as PNG bytes for the PDF summary; None when there is nothing to chart."""
    figure = new_figure(width_in, height_in)
    if not draw_chart(kind, figure, data, catalog, start, end, symptoms, ChartTheme.light(9.0)):
        return None
    return png_bytes(figure, dpi)


# ----- severity over time -----


def _draw_severity(figure: Figure, request: ChartRequest) -> bool:
    theme = request.theme
    shown = within_period(request.data, request.start, request.end)
    series = [
        s
        for s in trends.severity_series(request.data, request.symptoms, request.start, request.end)
    ]
    if not any(s.points for s in series):
        return empty_chart(figure, theme, CHART_TITLES["severity"], no_effects_text(request))
    ax = styled_axes(figure, theme)
    first, last = span(request, shown)
    bucket = trends.bucket_days(first, last)
    for index, one in enumerate(series):
        _severity_line(ax, request, index, one, bucket)
    relapses = relapse_onsets(request.data, request.start, request.end)
    onsets = [r.onset.date() for r in relapses]  # within the period: widen to them only
    date_axis(ax, theme, min([first, *onsets]), max([last, *onsets]))  # before infusion names
    mark_infusions(ax, request, trends.infusion_marks(request.data, request.start, request.end))
    mark_relapses(ax, request, relapses)
    by_week = bucket > 1
    ax.set_ylim(-1.0, 10.6)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    axis_labels(ax, theme, None, "Weekly worst (0–10)" if by_week else "Severity (0–10)")
    chart_title(ax, theme, CHART_TITLES["severity"])
    legend(ax, theme)
    return True


def _severity_line(
    ax: Axes, request: ChartRequest, index: int, one: trends.SymptomSeries, bucket: int
) -> None:
    theme = request.theme
    colour = theme.series[index % len(theme.series)]
    style = LINE_STYLES[index // len(MARKERS) % len(LINE_STYLES)]
    days = [p.day for p in one.points]
    severities = [p.severity for p in one.points]
    gap_xs, gap_ys = _break_gaps(days, severities, timedelta(days=2 * bucket))
    ax.plot(dates_x(gap_xs), gap_ys, color=colour, linestyle=style, linewidth=2, label="_nolegend_")
    (line,) = ax.plot(
        dates_x(days),
        severities,
        color=colour,
        marker=MARKERS[index % len(MARKERS)],
        linestyle="none",
        markersize=8 if len(one.points) < 120 else 5,
        label=symptom_label(request.catalog, one.symptom, one.other_label),
        gid=f"symptom:{one.symptom}",
    )
    describe(figure_of(ax), line, [severity_point_text(request.catalog, p) for p in one.points])


def _break_gaps(
    days: Sequence[date], values: Sequence[float], longest: timedelta
) -> tuple[list[date], list[float]]:
    """Connect only neighbouring points: a symptom absent for a while is not drawn as lasting."""
    xs: list[date] = []
    ys: list[float] = []
    for day, value in zip(days, values, strict=True):
        if xs and day - xs[-1] > longest:
            xs.append(xs[-1] + (day - xs[-1]) / 2)
            ys.append(float("nan"))
        xs.append(day)
        ys.append(value)
    return xs, ys


# ----- temperature -----


def _draw_temperature(figure: Figure, request: ChartRequest) -> bool:
    theme = request.theme
    series = trends.temperature_series(request.data, request.start, request.end)
    if not series.points:
        return empty_chart(figure, theme, CHART_TITLES["temperature"], no_readings_text(request))
    ax = styled_axes(figure, theme)
    _temperature_line(ax, request, series)
    _threshold(ax, request, series)
    values = [p.value for p in series.points] + [series.threshold]
    step = 0.5 if series.unit == "C" else 1.0
    ax.set_ylim(min(values) - 2 * step, max(values) + 2 * step)
    first, last = span(request, within_period(request.data, request.start, request.end))
    date_axis(ax, theme, first, last)  # before the infusion names, which fit within it
    mark_infusions(ax, request, trends.infusion_marks(request.data, request.start, request.end))
    axis_labels(ax, theme, None, f"Temperature (°{series.unit})")
    chart_title(ax, theme, CHART_TITLES["temperature"])
    legend(ax, theme, columns=2)
    return True


def _temperature_line(ax: Axes, request: ChartRequest, series: trends.TemperatureSeries) -> None:
    theme, unit = request.theme, series.unit
    (line,) = ax.plot(
        dates_x([p.taken for p in series.points]),
        [p.value for p in series.points],
        color=theme.series[0],
        linewidth=1.6,
        marker="o",
        markersize=5 if len(series.points) < 200 else 0,
        gid="temperatures",
        label="Highest reading each day" if series.by_day else "Reading",
    )
    describe(figure_of(ax), line, [reading_text(p, unit) for p in series.points])


def _threshold(ax: Axes, request: ChartRequest, series: trends.TemperatureSeries) -> None:
    theme = request.theme
    ax.axhline(
        series.threshold,
        color=theme.alert,
        linestyle="--",
        linewidth=2.2,
        label=f"Fever threshold {threshold_text(request.data.settings)}",
        gid="fever-threshold",
    )
    above = series.above
    if not above:
        return
    (marks,) = ax.plot(
        dates_x([p.taken for p in above]),
        [p.value for p in above],
        linestyle="none",
        marker="o",
        markersize=12,
        markerfacecolor=theme.alert,
        markeredgecolor=theme.foreground,
        markeredgewidth=1.2,
        zorder=5,
        label="Above the fever threshold",
        gid="above-threshold",
    )
    describe(figure_of(ax), marks, [reading_text(p, series.unit) for p in above])


# ----- infusion cycle -----


def _draw_cycle(figure: Figure, request: ChartRequest) -> bool:
    theme = request.theme
    found = trends.cycles(request.data, request.symptoms, request.start, request.end)
    if not found or not any(any(c.severities) for c in found):
        return empty_chart(
            figure, theme, CHART_TITLES["cycle"], no_cycles_text(request, bool(found))
        )
    ax = styled_axes(figure, theme)
    if request.cycle is not None and 0 <= request.cycle < len(found):
        _one_cycle(ax, request, found[request.cycle], request.theme.series[0], label_it=True)
        title = f"Cycle after the infusion on {found[request.cycle].start.isoformat()}"
    else:
        _average_cycle(ax, request, found)
        title = CHART_TITLES["cycle"]
    _usual_next_dose(ax, request, found)
    ax.set_ylim(0, 10.6)
    ax.set_xlim(-0.5, max(c.length for c in found) - 0.5)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    ax.xaxis.set_major_locator(MultipleLocator(7))
    axis_labels(
        ax,
        theme,
        "Days since the infusion (day 0 is the infusion day)",
        "Worst severity that day (0–10)",
    )
    chart_title(ax, theme, title)
    legend(ax, theme)
    return True


def _average_cycle(ax: Axes, request: ChartRequest, found: Sequence[trends.Cycle]) -> None:
    theme = request.theme
    if request.each_cycle:
        for index, cycle in enumerate(found):
            _one_cycle(ax, request, cycle, theme.muted, label_it=index == 0)
    days = trends.cycle_average(found)
    xs = [d.day for d in days]
    ax.fill_between(
        xs,
        [d.low for d in days],
        [d.high for d in days],
        color=theme.series[0],
        alpha=0.22,
        linewidth=0,
        label="Spread (± 1 standard deviation)",
        gid="cycle-spread",
    )
    (line,) = ax.plot(
        xs,
        [d.mean for d in days],
        color=theme.series[0],
        linewidth=3,
        marker="o",
        markersize=5,
        label=f"Average of {len(found)} cycles",
        gid="cycle-average",
    )
    describe(
        figure_of(ax),
        line,
        [cycle_average_text(d) for d in days],
    )


def _one_cycle(
    ax: Axes, request: ChartRequest, cycle: trends.Cycle, colour: str, label_it: bool
) -> None:
    single = request.cycle is not None
    label = f"Cycle from {cycle.start.isoformat()}" if single else "Each cycle"
    (line,) = ax.plot(
        range(cycle.length),
        cycle.severities,
        color=colour,
        linewidth=2.2 if single else 1,
        alpha=1 if single else 0.45,
        marker="o" if single else None,
        markersize=6,
        gid=f"cycle:{cycle.infusion.id}",
        label=label if label_it else None,
    )
    describe(
        figure_of(ax),
        line,
        [cycle_day_text(cycle, day) for day in range(cycle.length)],
    )


def _usual_next_dose(ax: Axes, request: ChartRequest, found: Sequence[trends.Cycle]) -> None:
    complete = [c.length for c in found[:-1]]
    if not complete:
        return
    usual = median(complete)
    ax.axvline(
        usual,
        color=request.theme.muted,
        linestyle="--",
        linewidth=1.5,
        gid="next-dose",
        label=f"Usual next infusion (day {usual:g})",
    )


# ----- side effects per infusion -----


def _draw_per_infusion(figure: Figure, request: ChartRequest) -> bool:
    theme = request.theme
    rows = trends.effects_per_infusion(request.data, request.symptoms, request.start, request.end)
    if not any(r.count for r in rows):
        return empty_chart(
            figure, theme, CHART_TITLES["per-infusion"], no_cycles_text(request, bool(rows))
        )
    count_ax = styled_axes(figure, theme, 2, 1, 1)
    worst_ax = styled_axes(figure, theme, 2, 1, 2, sharex=count_ax)
    days = [r.infusion.start.date() for r in rows]
    width = (
        max(1.0, min((b - a).days for a, b in zip(days, days[1:], strict=False)) * 0.6)
        if len(days) > 1
        else 6.0
    )
    _count_bars(count_ax, request, rows, days, width)
    _worst_points(worst_ax, request, rows, days)
    date_axis(worst_ax, theme, request.start or days[0], request.end or days[-1])
    count_ax.tick_params(labelbottom=False)
    chart_title(count_ax, theme, CHART_TITLES["per-infusion"])
    return True


def _count_bars(
    ax: Axes,
    request: ChartRequest,
    rows: Sequence[trends.InfusionEffects],
    days: list[date],
    width: float,
) -> None:
    """One bar per infusion, drawn as a single collection so decades of infusions stay quick."""
    theme = request.theme
    half = width / 2
    verts = [
        [(x - half, 0), (x - half, row.count), (x + half, row.count), (x + half, 0)]
        for x, row in zip(mdates.date2num(days), rows, strict=True)
    ]
    bars = PolyCollection(verts, facecolors=theme.series[0], edgecolors="none", gid="effect-counts")
    ax.xaxis_date()
    ax.add_collection(bars)
    ax.autoscale_view()
    ax.set_ylim(bottom=0)
    describe(figure_of(ax), bars, [infusion_effects_text(request.catalog, row) for row in rows])
    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # AutoLocator, the default for a linear axis
        locator.set_params(integer=True)
    axis_labels(ax, theme, None, "Side effects")


def _worst_points(
    ax: Axes, request: ChartRequest, rows: Sequence[trends.InfusionEffects], days: list[date]
) -> None:
    theme = request.theme
    (line,) = ax.plot(
        dates_x(days),
        [r.worst for r in rows],
        color=theme.series[1],
        marker="s",
        markersize=7 if len(rows) < 60 else 4,
        linewidth=1.8,
        gid="worst-severity",
    )
    describe(figure_of(ax), line, [infusion_effects_text(request.catalog, r) for r in rows])
    ax.set_ylim(0, 10.6)
    ax.yaxis.set_major_locator(MultipleLocator(5))
    axis_labels(ax, theme, None, "Worst severity (0–10)")


_DRAWERS: dict[str, Callable[[Figure, ChartRequest], bool]] = {
    "severity": _draw_severity,
    "temperature": _draw_temperature,
    "cycle": _draw_cycle,
    "per-infusion": _draw_per_infusion,
    "results": draw_results,
}
