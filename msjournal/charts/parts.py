"""What every trend chart shares: the request, styled axes, date axis, legend, infusion and
relapse marks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, cast

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from msjournal.charts.chart_text import (  # noqa: F401 (re-exported for the drawing modules)
    INFUSION_HEIGHT,
    RELAPSE_HEIGHT,
    ChartRequest,
    effect_text,
    infusion_mark_text,
    period_text,
    relapse_text,
    shown_span,
    symptom_label,
)
from msjournal.charts.output import describe
from msjournal.charts.theme import ChartTheme
from msjournal.model.records import JournalData, Relapse
from msjournal.rules import trends

LINES_FOR_INFUSIONS_UP_TO = 40  # beyond this the dotted lines would hide the data


def figure_of(ax: Axes) -> Figure:
    """The Figure `ax` is drawn on. The charts are drawn on a Figure (see draw_chart), never on a
    SubFigure, and the hover texts are kept on that Figure."""
    figure = ax.figure
    if not isinstance(figure, Figure):
        raise TypeError(f"charts are drawn on a matplotlib Figure, not a {type(figure).__name__}")
    return figure


def date_x(day: date) -> float:
    """`day` as an x value. matplotlib takes dates and datetimes through its date converter, but its
    stubs type x values as numbers only; the value is passed on unchanged."""
    return cast(float, day)


def dates_x(days: Sequence[date]) -> ArrayLike:
    """`days` (dates or datetimes) as x values. matplotlib takes them through its date converter,
    but its stubs type x values as numbers only; the sequence is passed on unchanged."""
    return cast(ArrayLike, days)


def styled_axes(figure: Figure, theme: ChartTheme, *args: Any, **kwargs: Any) -> Axes:
    ax = figure.add_subplot(*args, **kwargs)
    ax.set_facecolor(theme.background)
    for spine in ax.spines.values():
        spine.set_color(theme.muted)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(colors=theme.foreground, labelsize=theme.font_size * 0.9, length=5)
    ax.grid(True, color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def axis_labels(ax: Axes, theme: ChartTheme, x: str | None, y: str) -> None:
    if x:
        ax.set_xlabel(x, fontsize=theme.font_size, color=theme.foreground)
    ax.set_ylabel(y, fontsize=theme.font_size, color=theme.foreground)


def chart_title(ax: Axes, theme: ChartTheme, text: str) -> None:
    ax.figure.suptitle(
        text,
        fontsize=theme.font_size * 1.25,
        color=theme.foreground,
        x=0.01,
        ha="left",
        fontweight="bold",
    )


def date_axis(ax: Axes, theme: ChartTheme, first: date, last: date) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=True))
    ax.xaxis.get_offset_text().set_fontsize(theme.font_size * 0.9)
    ax.xaxis.get_offset_text().set_color(theme.foreground)
    pad = timedelta(days=max(1, (last - first).days // 40))
    ax.set_xlim(date_x(first - pad), date_x(last + pad))


def legend(ax: Axes, theme: ChartTheme, columns: int = 3) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    legend = ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=_legend_columns(figure_of(ax), theme, labels, columns),
        fontsize=theme.font_size * 0.9,
        frameon=False,
        borderaxespad=0.2,
        handlelength=2.4,
    )
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def _legend_columns(figure: Figure, theme: ChartTheme, labels: Sequence[str], most: int) -> int:
    """As many legend columns as fit the figure's width, so large text wraps instead of
    overflowing."""
    widest = max(len(label) for label in labels)
    column_points = (widest * 0.6 + 4) * theme.font_size * 0.9
    fit = int(figure.get_figwidth() * 72 // column_points)
    return max(1, min(most, len(labels), fit))


def empty_chart(figure: Figure, theme: ChartTheme, title: str, message: str) -> bool:
    figure.text(
        0.5,
        0.62,
        title,
        ha="center",
        va="center",
        fontsize=theme.font_size * 1.3,
        color=theme.foreground,
        fontweight="bold",
    )
    figure.text(
        0.5,
        0.42,
        message,
        ha="center",
        va="center",
        fontsize=theme.font_size,
        color=theme.foreground,
        wrap=True,
        linespacing=1.5,
    )
    return False


def span(request: ChartRequest, shown: JournalData) -> tuple[date, date]:
    """The first and last day shown (`shown` is the journal within the request's dates)."""
    return shown_span(request)


def mark_infusions(ax: Axes, request: ChartRequest, marks: Sequence[trends.InfusionMark]) -> None:
    """A dotted line and a triangle at the foot of the chart for each infusion, named by
    treatment."""
    if not marks:
        return
    theme, catalog = request.theme, request.catalog
    days = [m.day for m in marks]
    crowded = len(marks) > LINES_FOR_INFUSIONS_UP_TO
    if not crowded:
        ax.vlines(
            dates_x(days),
            0,
            1,
            transform=ax.get_xaxis_transform(),
            colors=theme.muted,
            linestyles=":",
            linewidth=1.2,
            zorder=0,
            gid="infusion-lines",
        )
    names = sorted({catalog.treatment_name(m.treatment) for m in marks})
    label = f"Infusion ({', '.join(names)})" if len(names) <= 2 else "Infusion"
    (line,) = ax.plot(
        dates_x(days),
        [INFUSION_HEIGHT] * len(days),
        transform=ax.get_xaxis_transform(),
        linestyle="none",
        marker="^",
        markersize=7 if crowded else 11,
        color=theme.foreground,
        label=label,
        gid="infusions",
        clip_on=False,
        zorder=4,
    )
    describe(
        figure_of(ax),
        line,
        [infusion_mark_text(catalog, m) for m in marks],
    )
    _name_infusions(ax, request, marks)


def _name_infusions(ax: Axes, request: ChartRequest, marks: Sequence[trends.InfusionMark]) -> None:
    """Name the first infusion and each change of treatment (the legend names them all).

    Call after the date axis is set: a name with no room on the right of its line goes on the left.
    """
    previous = None
    taken: list[tuple[float, float]] = []  # points along the axis already holding a name
    for mark in marks:
        if mark.treatment != previous:
            name = request.catalog.treatment_name(mark.treatment)
            width = len(name) * 0.6 * request.theme.font_size * 0.8
            room = _room_on_right(ax, mark.day)
            left = room < width
            at = _axis_width(ax) - room
            span = (at - width, at) if left else (at, at + width)
            previous = mark.treatment
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue  # no room beside the last name: the legend names it
            taken.append(span)
            ax.text(
                date_x(mark.day),
                0.985,
                f"{name} " if left else f" {name}",
                transform=ax.get_xaxis_transform(),
                ha="right" if left else "left",
                va="top",
                fontsize=request.theme.font_size * 0.8,
                color=request.theme.muted,
                gid="infusion-name",
                clip_on=True,
            )


def _axis_width(ax: Axes) -> float:
    """The width of the axes in points (an estimate before the layout runs)."""
    return float(ax.get_position().width * figure_of(ax).get_figwidth() * 72)


def _room_on_right(ax: Axes, day: date) -> float:
    """Points between `day` and the right edge of the axes (an estimate before the layout runs)."""
    first, last = ax.get_xlim()
    fraction = (last - mdates.date2num(day)) / (last - first) if last > first else 0.0
    return fraction * ax.get_position().width * figure_of(ax).get_figwidth() * 72


def mark_relapses(ax: Axes, request: ChartRequest, relapses: Sequence[Relapse]) -> None:
    """A bold dash-dot line and a star near the foot of the chart at each relapse onset.

    Distinct from the infusions' dotted lines and triangles in shape, weight and colour.
    """
    if not relapses:
        return
    theme = request.theme
    days = [r.onset for r in relapses]
    ax.vlines(
        dates_x(days),
        0,
        1,
        transform=ax.get_xaxis_transform(),
        colors=theme.alert,
        linestyles="-.",
        linewidth=2.2,
        zorder=1,
        gid="relapse-lines",
    )
    (line,) = ax.plot(
        dates_x(days),
        [RELAPSE_HEIGHT] * len(days),
        transform=ax.get_xaxis_transform(),
        linestyle="none",
        marker="*",
        markersize=17,
        markerfacecolor=theme.alert,
        markeredgecolor=theme.foreground,
        markeredgewidth=1.0,
        label="Relapse (onset)",
        gid="relapses",
        clip_on=False,
        zorder=5,
    )
    describe(figure_of(ax), line, [relapse_text(r) for r in relapses])
