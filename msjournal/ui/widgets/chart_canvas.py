"""A matplotlib canvas in the window that shows one trend chart and names the entry under the mouse.

PySide6 is imported before matplotlib's Qt backend so that matplotlib binds to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from matplotlib.backend_bases import MouseEvent  # isort: skip
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # isort: skip
from matplotlib.figure import Figure  # isort: skip

from msjournal.charts import drawing as charts
from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData


class ChartCanvas(FigureCanvasQTAgg):
    """Draws a chart on request; `entry_pointed` carries the text of the point under the mouse."""

    entry_pointed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Figure(figsize=(8, 4.5)))
        self.setParent(parent)
        self.setMinimumSize(420, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pointed = ""
        self.mpl_connect("motion_notify_event", self._on_mouse)
        self.mpl_connect("button_press_event", self._on_mouse)

    def show_chart(
        self,
        kind: str,
        data: JournalData,
        catalog: Catalog,
        start: date | None,
        end: date | None,
        symptoms: Sequence[str] | None,
        theme: charts.ChartTheme,
        cycle: int | None = None,
        each_cycle: bool = False,
        test: str | None = None,
    ) -> bool:
        drawn = charts.draw_chart(
            kind,
            self.figure,
            data,
            catalog,
            start,
            end,
            symptoms,
            theme,
            cycle=cycle,
            each_cycle=each_cycle,
            test=test,
        )
        self.draw()
        self._point("")
        return drawn

    def _on_mouse(self, event: MouseEvent) -> None:
        self._point(charts.entry_at(self.figure, event) or "")

    def _point(self, text: str) -> None:
        if text != self._pointed:
            self._pointed = text
            self.entry_pointed.emit(text)
