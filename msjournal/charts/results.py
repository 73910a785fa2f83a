"""The results chart: one lab test's numeric results over time, with the lab's range as a band.

The band is a step band: each result's own range (labs differ, and so do their reports) is
shaded from halfway after the previous result to halfway before the next. Each point so sits
in the middle of the range printed beside it, and a change of lab shows as a step. Per-point
range bars were the other choice; with results months apart they are thin marks that the eye
has to pair with their dots, while a band reads at a glance as "inside" or "outside". A range
with only one end (e.g. "up to 5") is shaded to the edge of the chart on its open side; a
result without a range leaves a gap. Points outside their range are drawn as a large cross
(not a dot) in the alert colour, so they stand out without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from msjournal.charts.chart_text import RESULTS_TITLE as TITLE
from msjournal.charts.chart_text import no_results_text, no_test_text, result_point_text
from msjournal.charts.output import describe
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
    styled_axes,
)
from msjournal.charts.result_series import (
    ResultSeries,
    check_test,
    result_series,
)
from msjournal.model.records import TestResult
from msjournal.rules import trends
from msjournal.rules.result_words import range_text


def draw_results(figure: Figure, request: ChartRequest) -> bool:
    """The results of request.test over time; False (with a note) when there is nothing to draw.

    A words-only or unknown test is refused with a JournalError naming it.
    """
    theme = request.theme
    if request.test is None:
        return empty_chart(figure, theme, TITLE, no_test_text(request))
    test = check_test(request.catalog, request.test)
    series = result_series(request.data, request.catalog, test.id, request.start, request.end)
    if not series.results:
        return empty_chart(figure, theme, test.name, no_results_text(request, series))
    ax = styled_axes(figure, theme)
    bottom, top = _value_limits(series.results)
    ax.set_ylim(bottom, top)
    marks = trends.infusion_marks(request.data, request.start, request.end)
    first, last = _span(request, series.results, [m.day for m in marks])
    date_axis(ax, theme, first, last)  # before the band and the infusion names, which fit in it
    _range_band(ax, request, series.results, (bottom, top))
    _result_line(ax, request, series)
    mark_infusions(ax, request, marks)
    axis_labels(ax, theme, _left_out_text(series), _value_label(series.unit))
    if series.other_units or series.words_only:
        ax.xaxis.label.set_color(theme.muted)
    chart_title(ax, theme, test.name)
    legend(ax, theme, columns=2)
    return True


def _span(
    request: ChartRequest, results: Sequence[TestResult], infusion_days: Sequence[date]
) -> tuple[date, date]:
    days = [r.moment.date() for r in results] + list(infusion_days)
    return request.start or min(days), request.end or max(days)


def _value_limits(results: Sequence[TestResult]) -> tuple[float, float]:
    """Room for every value and every end of a range, with space below for the infusion marks."""
    values = [float(r.value) for r in results if r.value is not None]
    ends = [b for r in results for b in (r.reference_low, r.reference_high) if b is not None]
    values += [float(b) for b in ends]
    low, high = min(values), max(values)
    spread = high - low or max(abs(high) * 0.2, 1.0)
    return low - 0.18 * spread, high + 0.22 * spread


def _result_line(ax: Axes, request: ChartRequest, series: ResultSeries) -> None:
    theme = request.theme
    results = series.results
    texts = [result_point_text(r, request.catalog) for r in results]
    inside = [i for i, r in enumerate(results) if not r.out_of_range]
    xs = dates_x([r.moment for r in results])
    (line,) = ax.plot(
        xs,
        [float(r.value or 0) for r in results],
        color=theme.series[0],
        linewidth=2,
        marker="o" if inside else "None",
        markevery=inside if inside else None,
        markersize=9 if len(results) < 80 else 5,
        zorder=4,
        label="Result",
        gid="results",
    )
    describe(figure_of(ax), line, texts)
    outside = [r for r in results if r.out_of_range]
    if not outside:
        return
    (marks,) = ax.plot(
        dates_x([r.moment for r in outside]),
        [float(r.value or 0) for r in outside],
        linestyle="none",
        marker="X",
        markersize=14,
        markerfacecolor=theme.alert,
        markeredgecolor=theme.foreground,
        markeredgewidth=1.2,
        zorder=6,
        label="Outside the lab's range",
        gid="outside-range",
    )
    describe(figure_of(ax), marks, [result_point_text(r, request.catalog) for r in outside])


def _range_band(
    ax: Axes,
    request: ChartRequest,
    results: Sequence[TestResult],
    limits: tuple[float, float],
) -> None:
    """Each result's own range, shaded over its half of the time to either neighbour."""
    theme = request.theme
    left, right = ax.get_xlim()
    centres = [float(x) for x in mdates.date2num([r.moment for r in results])]
    edges = [left] + [(a + b) / 2 for a, b in zip(centres, centres[1:], strict=False)] + [right]
    boxes: list[list[tuple[float, float]]] = []
    texts: list[str] = []
    ends: list[tuple[float, float, float]] = []  # (y, x from, x to): the printed ends only
    for index, result in enumerate(results):
        low, high = result.reference_low, result.reference_high
        if low is None and high is None:
            continue
        x0, x1 = edges[index], edges[index + 1]
        y0 = float(low) if low is not None else limits[0]
        y1 = float(high) if high is not None else limits[1]
        boxes.append([(x0, y0), (x0, y1), (x1, y1), (x1, y0)])
        ends += [(float(b), x0, x1) for b in (low, high) if b is not None]
        unit = f" {result.unit}" if result.unit else ""
        texts.append(
            f"The lab's range on {result.moment.date().isoformat()}: {range_text(result)}{unit}"
        )
    if not boxes:
        return
    band = PolyCollection(
        boxes,
        facecolors=theme.series[2],
        edgecolors="none",
        alpha=theme.band_alpha,
        zorder=1,
        label="The lab's range (from each report)",
        gid="reference-range",
    )
    ax.add_collection(band, autolim=False)
    ax.hlines(
        [y for y, _, _ in ends],
        [x0 for _, x0, _ in ends],
        [x1 for _, _, x1 in ends],
        colors=theme.series[2],
        linewidth=1.4,
        zorder=2,
        gid="reference-ends",
    )
    describe(figure_of(ax), band, texts)


def _value_label(unit: str) -> str:
    if not unit:
        return "Result (no unit given)"
    return "Index" if unit == "index" else f"Result ({unit})"


def _left_out_text(series: ResultSeries) -> str | None:
    parts = []
    if series.other_units:
        listed = ", ".join(f"{count} in {unit or 'no unit'}" for unit, count in series.other_units)
        parts.append(f"Only results in {series.unit or 'no unit'} are drawn ({listed} left out)")
    if series.words_only:
        many = "s" if series.words_only != 1 else ""
        parts.append(f"{series.words_only} result{many} in words only, not drawn")
    return "; ".join(parts) + "." if parts else None
