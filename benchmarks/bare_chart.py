"""Baseline for chart drawing: a bare matplotlib Figure drawing the same arrays with Agg."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def draw_bare(series: Sequence[tuple[Sequence[float], Sequence[float]]]) -> None:
    figure = Figure(figsize=(10, 5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for xs, ys in series:
        axes.plot(xs, ys, marker="o")
    figure.canvas.draw()
