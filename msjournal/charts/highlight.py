"""The keyboard's current point on a drawn chart: a thick ring round it and a thin solid line
through its date, in the text colour (so it shows against the background and every series colour;
the infusions' lines are dotted and the relapses' dash-dot)."""

from __future__ import annotations

from typing import cast

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from msjournal.charts.chart_text import ChartPoint
from msjournal.charts.theme import ChartTheme

_MARKS = "_msjournal_keyboard_marks"
RING_SIZE = 26  # points across: larger than any marker the charts draw
RING_WIDTH = 3.0


def highlight(figure: Figure, point: ChartPoint | None, theme: ChartTheme) -> None:
    """Mark `point` on `figure` (and drop the previous mark); None only drops it.

    The axes keep their limits: the mark never rescales the chart.
    """
    for artist in getattr(figure, _MARKS, []):
        if artist.axes is not None and artist.axes in figure.axes:  # not cleared by a redraw
            artist.remove()
    marks: list[Artist] = []
    setattr(figure, _MARKS, marks)
    if point is None or not figure.axes:
        return
    ax = figure.axes[min(point.panel, len(figure.axes) - 1)]
    limits = ax.get_xlim(), ax.get_ylim()
    x = cast(float, point.x)  # matplotlib converts dates; its stubs type x as a number
    marks.append(
        ax.axvline(
            x,
            color=theme.foreground,
            linestyle="-",
            linewidth=1.5,
            zorder=7,
            gid="keyboard-line",
        )
    )
    on_axes = point.height is not None
    y = point.height if point.height is not None else point.y
    if y is not None:
        (ring,) = ax.plot(
            [x],
            [y],
            transform=ax.get_xaxis_transform() if on_axes else ax.transData,
            linestyle="none",
            marker="o",
            markersize=RING_SIZE,
            markerfacecolor="none",
            markeredgecolor=theme.foreground,
            markeredgewidth=RING_WIDTH,
            clip_on=False,
            zorder=8,
            gid="keyboard-point",
            label="_nolegend_",
        )
        marks.append(ring)
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])


def highlighted(figure: Figure) -> list[Artist]:
    """The artists of the current mark (for tests: empty when no point is marked)."""
    return list(getattr(figure, _MARKS, []))
