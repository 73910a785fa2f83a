"""A matplotlib canvas in the window that shows one trend chart and names the entry under the mouse.

It also works without a mouse: Tab reaches it (a 3 px focus ring shows), Left and Right move from
point to point in time order, Home and End go to the first and last. The current point is ringed
on the chart and its text (the one the mouse shows) is sent on `entry_pointed`, put in the
canvas's accessible description and announced. The accessible name is the chart's title and the
description a one-sentence summary (msjournal.charts.chart_text).

PySide6 is imported before matplotlib's Qt backend so that matplotlib binds to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QStyle, QStyleOption, QWidget

from matplotlib.backend_bases import MouseEvent  # isort: skip
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # isort: skip
from matplotlib.figure import Figure  # isort: skip

from msjournal.charts import drawing as charts
from msjournal.charts.chart_text import ChartContent, chart_content
from msjournal.charts.highlight import highlight
from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData
from msjournal.ui.widgets.announce import announce

OBJECT_NAME = "chartCanvas"  # the style sheet draws its focus ring (ui/theme.py)
RING_WIDTH = 3  # px, as the style sheet's rings
KEY_HINT = (
    "Left and Right arrow keys move from point to point; Home and End go to the first and last."
)


class ChartCanvas(FigureCanvasQTAgg):
    """Draws a chart on request; `entry_pointed` carries the text of the point under the mouse
    (or the keyboard's current point)."""

    entry_pointed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Figure(figsize=(8, 4.5)))
        self.setParent(parent)
        self.setObjectName(OBJECT_NAME)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(420, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Chart")
        self.content = ChartContent("", "Chart", (), "")
        self.current: int | None = None  # the keyboard's point: an index into content.points
        self._theme = charts.ChartTheme.light()
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
        self.content = chart_content(
            kind, data, catalog, start, end, symptoms, cycle=cycle, each_cycle=each_cycle, test=test
        )
        self._theme = theme
        self.current = None
        highlight(self.figure, None, theme)
        self.setAccessibleName(self.content.title)
        self._describe()
        self.draw()
        self._point("")
        return drawn

    # ----- the keyboard -----

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        points = len(self.content.points)
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not points or not plain:
            super().keyPressEvent(event)
            return
        last = points - 1
        now = self.current
        if key == Qt.Key.Key_Right:
            self.move_to(0 if now is None else min(now + 1, last))
        elif key == Qt.Key.Key_Left:
            self.move_to(last if now is None else max(now - 1, 0))
        elif key == Qt.Key.Key_Home:
            self.move_to(0)
        elif key == Qt.Key.Key_End:
            self.move_to(last)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def move_to(self, index: int) -> None:
        """Make point `index` (in time order) the current one: ring it, show and announce it."""
        points = self.content.points
        if not 0 <= index < len(points):
            return
        self.current = index
        point = points[index]
        highlight(self.figure, point, self._theme)
        self.draw_idle()
        self._describe()
        self._point(point.text)
        announce(self, f"{point.text} ({self._position()})")

    def _position(self) -> str:
        if self.current is None:
            return ""
        return f"point {self.current + 1} of {len(self.content.points)}"

    def _describe(self) -> None:
        summary = self.content.summary
        if self.current is None:
            hint = f" {KEY_HINT}" if self.content.points else ""
            self.setAccessibleDescription(summary + hint)
            return
        point = self.content.points[self.current]
        self.setAccessibleDescription(f"{point.text} ({self._position()}). {summary}")

    # ----- the focus ring -----

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self.hasFocus():
            return
        painter = QPainter(self)
        try:
            app = QApplication.instance()
            sheet = app.styleSheet() if isinstance(app, QApplication) else ""
            if f"#{OBJECT_NAME}" in sheet:  # the theme's ring, in the theme's focus colour
                option = QStyleOption()
                option.initFrom(self)
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
            else:  # no theme applied: the palette's highlight colour
                colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                pen = QPen(colour, RING_WIDTH)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                half = RING_WIDTH / 2
                painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        finally:
            painter.end()

    # ----- the mouse -----

    def _on_mouse(self, event: MouseEvent) -> None:
        self._point(charts.entry_at(self.figure, event) or "")

    def _point(self, text: str) -> None:
        if text != self._pointed:
            self._pointed = text
            self.entry_pointed.emit(text)
