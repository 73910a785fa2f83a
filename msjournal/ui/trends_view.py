"""The Trends tab: pick a chart, a period and symptoms (or a lab test); the chart follows after a
short pause. "Show as table" shows the same points as a table instead of the picture.

Changes are gathered by a single-shot QTimer so that typing a date or ticking several
symptoms redraws once, not on every key.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msjournal.charts import drawing as charts
from msjournal.charts.chart_text import TABLE_HEADERS, ChartContent
from msjournal.charts.result_series import tests_with_results
from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData
from msjournal.rules import trends
from msjournal.ui.widgets.chart_canvas import ChartCanvas
from msjournal.ui.widgets.fields import to_date

KIND_NAMES = {
    "severity": "Side effects over time",
    "temperature": "Temperature",
    "cycle": "Through the infusion cycle",
    "per-infusion": "Side effects per infusion",
    "results": "Test results",
}
NO_SYMPTOMS = ("temperature", "results")  # the charts that do not take the symptom list
PERIODS = (
    ("Last 3 months", 91),
    ("Last 6 months", 182),
    ("Last year", 365),
    ("All", None),
    ("Custom dates", -1),
)
DEFAULT_PERIOD = 2
DEBOUNCE_MS = 250
SIDE_WIDTH = 360
CHART_NAME_CHARS = 16  # average-width characters: enough for "Side effects over time"
POINT_HINT = (
    "Point at a dot or bar (or click it) to see the entry behind it, or Tab to the chart and "
    "use the Left and Right arrow keys."
)


class TrendsView(QWidget):
    """Charts of the journal; `refresh()` re-reads the journal after it changed."""

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.data = JournalData()
        self.redraws = 0
        self.last_drawn = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.redraw)
        self._build()
        self.refresh()

    # ----- building -----

    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName("Chart")
        for kind in charts.CHART_KINDS:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.test = QComboBox()
        self.test.setAccessibleName("Lab test")
        self.test.setAccessibleDescription("Only the tests with results that are numbers")
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for name, days in PERIODS:
            self.period.addItem(name, days)
        self.period.setCurrentIndex(DEFAULT_PERIOD)
        self.date_from = self._date_edit("From date")
        self.date_to = self._date_edit("To date")
        self.symptoms = QListWidget()
        self.symptoms.setAccessibleName("Symptoms to chart")
        self.symptoms.setMinimumWidth(220)
        self.symptoms.setWordWrap(True)
        self.symptoms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cycles = QComboBox()
        self.cycles.setAccessibleName("Which cycles")
        self.each_cycle = QCheckBox("Draw each cycle too")
        self.canvas = ChartCanvas(self)
        self.pointed = QLabel(POINT_HINT, wordWrap=True)
        self.pointed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_table = QCheckBox("Sho&w as table")
        self.show_table.setAccessibleDescription(
            "Shows the chart's points as a table instead of the picture"
        )
        self.table_model = QStandardItemModel(0, len(TABLE_HEADERS), self)
        self.table_model.setHorizontalHeaderLabels(list(TABLE_HEADERS))
        self.table = self._table_view()
        self.save_button = QPushButton("Save chart as &image…")
        self.status = QLabel("", wordWrap=True)
        self._lay_out()
        self._connect()

    def _fit_side(self) -> None:
        """Room for the longest chart name at the current text size, so it is never cut off."""
        metrics = self.fontMetrics()
        names = [*KIND_NAMES.values()]
        names += [self.test.itemText(i) for i in range(self.test.count())]
        longest = max(metrics.horizontalAdvance(name) for name in names)
        needed = longest + metrics.horizontalAdvance("Period:") + metrics.height() * 3
        self.side.setMaximumWidth(max(SIDE_WIDTH, needed))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange and hasattr(self, "side"):
            self._fit_side()
        super().changeEvent(event)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.currentDate())
        return edit

    def _lay_out(self) -> None:
        controls = QFormLayout()
        # Alt letters unique on the page and against the menus (F E L V H) and tabs (T J A R).
        controls.addRow(self._buddy("&Chart:", self.kind), self.kind)
        self.test_label = self._buddy("La&b test:", self.test)
        controls.addRow(self.test_label, self.test)
        controls.addRow(self._buddy("&Period:", self.period), self.period)
        controls.addRow(self._buddy("Fro&m:", self.date_from), self.date_from)
        controls.addRow(self._buddy("T&o:", self.date_to), self.date_to)
        controls.addRow(self._buddy("S&ymptoms:", self.symptoms))
        controls.addRow(self.symptoms)
        self.cycles_label = self._buddy("Cycle&s:", self.cycles)
        controls.addRow(self.cycles_label, self.cycles)
        controls.addRow(self.each_cycle)
        controls.addRow(self.show_table)
        controls.addRow(self.save_button)
        controls.addRow(self.status)
        for combo in (self.kind, self.test, self.period, self.cycles):  # sized to the names
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(CHART_NAME_CHARS)
        self.side = side = QWidget()
        side.setLayout(controls)
        self._fit_side()
        chart = QVBoxLayout()
        chart.addWidget(self.canvas, 1)
        chart.addWidget(self.table, 1)
        chart.addWidget(self.pointed)
        row = QHBoxLayout(self)
        row.addWidget(side)
        row.addLayout(chart, 1)
        for first, second in (
            (self.kind, self.test),
            (self.test, self.period),
            (self.period, self.date_from),
            (self.date_from, self.date_to),
            (self.date_to, self.symptoms),
            (self.symptoms, self.cycles),
            (self.cycles, self.each_cycle),
            (self.each_cycle, self.show_table),
            (self.show_table, self.save_button),
            (self.save_button, self.canvas),
            (self.canvas, self.table),
        ):
            QWidget.setTabOrder(first, second)

    def _table_view(self) -> QTableView:
        """The chart's points as a table: header labels, a row per point, Tab leaves it."""
        table = QTableView()
        table.setModel(self.table_model)
        table.setAccessibleName("Chart as a table")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move in it
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setVisible(False)
        return table

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.test.currentIndexChanged.connect(self.schedule_redraw)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self._range_changed)
        self.date_to.dateChanged.connect(self._range_changed)
        self.symptoms.itemChanged.connect(self.schedule_redraw)
        self.cycles.currentIndexChanged.connect(self.schedule_redraw)
        self.each_cycle.toggled.connect(self.schedule_redraw)
        self.save_button.clicked.connect(self.ask_save)
        self.show_table.toggled.connect(self._table_toggled)
        self.canvas.entry_pointed.connect(lambda text: self.pointed.setText(text or POINT_HINT))

    # ----- state -----

    def refresh(self) -> None:
        """Re-read the journal (after an entry was added, changed or deleted) and redraw soon."""
        self.data = self.journal.snapshot()
        self._fill_symptoms()
        self._fill_tests()
        self._period_changed()
        self._kind_changed()

    def _fill_symptoms(self) -> None:
        checked = self.chosen_symptoms() if self.symptoms.count() else None
        logged = trends.logged_symptoms(self.data)
        wanted = set(checked if checked is not None else trends.default_symptoms(self.data))
        self.symptoms.blockSignals(True)
        self.symptoms.clear()
        for symptom in logged:
            labels = [e.other_label for e in self.data.side_effects if e.symptom == symptom]
            item = QListWidgetItem(
                self.journal.catalog.symptom_name(symptom, next(filter(None, labels), ""))
            )
            item.setData(Qt.ItemDataRole.UserRole, symptom)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if symptom in wanted else Qt.CheckState.Unchecked
            )
            self.symptoms.addItem(item)
        if self.symptoms.count():
            self.symptoms.setCurrentRow(0)
        self.symptoms.blockSignals(False)

    def _fill_tests(self) -> None:
        """The tests with numeric results, in the catalog's order; the chosen one stays chosen."""
        chosen = self.chosen_test()
        self.test.blockSignals(True)
        self.test.clear()
        for test in tests_with_results(self.data, self.journal.catalog):
            self.test.addItem(test.name, test.id)
        found = self.test.findData(chosen) if chosen else -1
        self.test.setCurrentIndex(found if found >= 0 else 0 if self.test.count() else -1)
        self.test.setEnabled(self.test.count() > 0)
        self.test.blockSignals(False)
        if hasattr(self, "side"):
            self._fit_side()

    def chosen_test(self) -> str | None:
        """The lab test for the results chart; None while no test has numeric results."""
        found = self.test.currentData()
        return str(found) if found else None

    def chosen_symptoms(self) -> list[str]:
        items = (self.symptoms.item(row) for row in range(self.symptoms.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_range(self) -> tuple[date | None, date | None]:
        days = self.period.currentData()
        if days is None:
            return None, None
        if days < 0:
            return to_date(self.date_from.date()), to_date(self.date_to.date())
        today = date.today()
        return today - timedelta(days=days), today

    def _period_changed(self) -> None:
        custom = self.period.currentData() == -1
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            start, end = self.chosen_range()
            span = trends.data_span(self.data)
            self._set_dates(start or (span[0] if span else date.today()), end or date.today())
        self._range_changed()

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _range_changed(self) -> None:
        self._fill_cycles()
        self.schedule_redraw()

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.symptoms.setEnabled(kind not in NO_SYMPTOMS)
        for widget in (self.cycles, self.cycles_label, self.each_cycle):
            widget.setVisible(kind == "cycle")
        for widget in (self.test, self.test_label):
            widget.setVisible(kind == "results")
        self.schedule_redraw()

    def _fill_cycles(self) -> None:
        start, end = self.chosen_range()
        previous = self.cycles.currentIndex()
        self.cycles.blockSignals(True)
        self.cycles.clear()
        self.cycles.addItem("Average of all cycles")
        for cycle in trends.cycles(self.data, None, start, end):
            self.cycles.addItem(f"Only the cycle from {cycle.start.isoformat()}")
        self.cycles.setCurrentIndex(previous if 0 <= previous < self.cycles.count() else 0)
        self.cycles.blockSignals(False)

    # ----- drawing -----

    def schedule_redraw(self) -> None:
        """Redraw once the controls have been still for a moment."""
        self._timer.start()

    def redraw(self) -> None:
        self._timer.stop()
        start, end = self.chosen_range()
        if start and end and start > end:
            self.status.setText(
                "The From date is after the To date: choose a From date on or before it."
            )
            return
        self.status.setText("")
        kind = self.chosen_kind()
        symptoms = None if kind in NO_SYMPTOMS else self.chosen_symptoms()
        single = self.cycles.currentIndex() - 1
        self.last_drawn = self.canvas.show_chart(
            kind,
            self.data,
            self.journal.catalog,
            start,
            end,
            symptoms,
            self.theme(),
            cycle=single if single >= 0 else None,
            each_cycle=self.each_cycle.isChecked(),
            test=self.chosen_test() if kind == "results" else None,
        )
        self._fill_table(self.canvas.content)
        self.redraws += 1

    # ----- the table -----

    def _table_toggled(self, shown: bool) -> None:
        had_focus = self.canvas.hasFocus() or self.table.hasFocus()
        self.table.setVisible(shown)
        self.canvas.setVisible(not shown)
        self.pointed.setVisible(not shown)
        if shown and self.canvas.current is not None:  # the table opens at the chart's point
            self.table.setCurrentIndex(self.table_model.index(self.canvas.current, 0))
        if had_focus:
            (self.table if shown else self.canvas).setFocus()

    def _fill_table(self, content: ChartContent) -> None:
        """The same points as the chart, in time order; none (the description says why) for an empty
        chart."""
        model = self.table_model
        model.removeRows(0, model.rowCount())
        for row in (point.row for point in content.points):
            items = [QStandardItem(text) for text in row]
            for item in items:
                item.setEditable(False)
            model.appendRow(items)
        self.table.setAccessibleName(f"{content.title}, as a table")
        self.table.setAccessibleDescription(content.summary)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        if model.rowCount():
            self.table.setCurrentIndex(model.index(0, 0))

    def theme(self) -> charts.ChartTheme:
        window = self.palette().color(QPalette.ColorRole.Window)
        size = max(12.0, self.font().pointSizeF())
        return (
            charts.ChartTheme.dark(size)
            if window.lightness() < 128
            else charts.ChartTheme.light(size)
        )

    # ----- saving -----

    def ask_save(self) -> None:
        kind = self.chosen_kind()
        what = f"{kind}-{self.chosen_test()}" if kind == "results" and self.chosen_test() else kind
        suggested = f"msjournal-{what}-{date.today().isoformat()}.png"
        name, chosen_filter = QFileDialog.getSaveFileName(
            self,
            "Save chart as image",
            str(Path.home() / suggested),
            "PNG image (*.png);;SVG image (*.svg)",
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in charts.SAVE_FORMATS:
            path = path.with_name(
                path.name + (".svg" if "svg" in chosen_filter.lower() else ".png")
            )
        try:
            written = self.save_to(path)
        except JournalError as error:
            QMessageBox.warning(self, "Chart not saved", str(error))
            return
        self.status.setText(f"Saved the chart to {written}")

    def save_to(self, path: Path) -> Path:
        """Write the chart as shown (light colours, large text) to a PNG or SVG file."""
        if path.suffix.lower() not in charts.SAVE_FORMATS:
            raise JournalError(
                f"{path}: a chart is saved as .png or .svg; choose a name ending in one."
            )
        start, end = self.chosen_range()
        kind = self.chosen_kind()
        figure = charts.new_figure(10.0, 5.6)
        single = self.cycles.currentIndex() - 1
        charts.draw_chart(
            kind,
            figure,
            self.data,
            self.journal.catalog,
            start,
            end,
            None if kind in NO_SYMPTOMS else self.chosen_symptoms(),
            cycle=single if single >= 0 else None,
            each_cycle=self.each_cycle.isChecked(),
            test=self.chosen_test() if kind == "results" else None,
        )
        return charts.write_figure(figure, path)
