"""The Journal: every entry in one list with filters and search, and a table per kind of entry.

Enter (or double-click) changes the selected entry, Delete removes it (Ctrl+Z brings it back).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData
from msjournal.model.temperature import is_above_threshold
from msjournal.rules.timeline import KIND_NAMES, filter_rows, follow_up_status, timeline
from msjournal.ui.widgets import journal_columns as cols
from msjournal.ui.widgets.fields import OptionalDateField, choice_combo, labelled_field
from msjournal.ui.widgets.flow_layout import flow_row
from msjournal.ui.widgets.table_models import RowsModel, current_row, fit_columns, table_view

STATUS_FILTERS = [
    ("All follow-ups", ""),
    ("Upcoming", "upcoming"),
    ("Overdue", "overdue"),
    ("Done", "done"),
]
ALL_TREATMENTS = "All treatments"


class JournalView(QWidget):
    editRequested = Signal(str)
    deleteRequested = Signal(str)
    doneRequested = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Journal")
        self._data = JournalData()
        self._catalog = catalog
        self._today = date.today()
        self._all_rows: list[Any] = []
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Journal tables")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._all_entries_page(), "&All entries")
        self.models: dict[str, RowsModel[Any]] = {}
        self.views: dict[str, QTableView] = {"all": self.all_view}
        self._add_table("infusions", "In&fusions", cols.infusion_columns(catalog))
        self._add_table("side_effects", "&Side effects", cols.side_effect_columns(catalog))
        self._add_table("temperatures", "Te&mperatures", [])
        self._add_table("follow_ups", "Follo&w-ups", cols.follow_up_columns(self._today))
        self._add_table(
            "relapses",
            "Rela&pses",
            cols.relapse_columns(catalog, lambda i: self._data.infusion_by_id(i)),
        )
        self._add_table("test_results", "Test res&ults", cols.test_result_columns(catalog))
        layout.addLayout(self._button_row())

    # ---------------------------------------------------------------- building

    def _all_entries_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.kind_filter = choice_combo(
            [("All kinds", "")] + [(n, k) for k, n in KIND_NAMES.items()]
        )
        self.kind_filter.setAccessibleName("Show kind of entry")
        self.treatment_filter = QComboBox()
        self.treatment_filter.setAccessibleName("Treatment")
        # Its items arrive after the first show: keep it as wide as its longest name, never cut.
        self.treatment_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.treatment_filter.addItem(ALL_TREATMENTS, "")
        self.date_from = OptionalDateField("F&rom")
        self.date_to = OptionalDateField("T&o")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search words (Ctrl+F)")
        self.search.setAccessibleName("Search the journal")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        # The filters wrap onto another line when large text makes them wider than the window.
        layout.addWidget(
            flow_row(
                labelled_field("Show", self.kind_filter),
                labelled_field("Treatment", self.treatment_filter),
                self.date_from,
                self.date_to,
            )
        )
        self.all_model: RowsModel[Any] = RowsModel(cols.timeline_columns(), self)
        self.all_view = table_view(self.all_model, "All entries")
        self._watch(self.all_view)
        layout.addWidget(self.all_view, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        for signal in (
            self.kind_filter.currentIndexChanged,
            self.treatment_filter.currentIndexChanged,
            self.search.textChanged,
            self.date_from.check.toggled,
            self.date_to.check.toggled,
            self.date_from.day.dateChanged,
            self.date_to.day.dateChanged,
        ):
            signal.connect(self._apply_filters)
        return page

    def _add_table(self, key: str, title: str, columns: list[Any]) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        if key == "follow_ups":
            self.status_filter = choice_combo(STATUS_FILTERS)
            self.status_filter.setAccessibleName("Show follow-ups")
            self.status_filter.currentIndexChanged.connect(self._fill_follow_ups)
            layout.addWidget(
                labelled_field("Show", self.status_filter), 0, Qt.AlignmentFlag.AlignLeft
            )
        model: RowsModel[Any] = RowsModel(columns, self)
        view = table_view(model, title.replace("&", ""))  # newest first, as everywhere
        self._watch(view)
        layout.addWidget(view, 1)
        self.models[key], self.views[key] = model, view
        self.tabs.addTab(page, title)

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.edit_button = QPushButton("&Change… (Enter)")
        self.edit_button.setAccessibleName("Change the selected entry")
        self.delete_button = QPushButton("&Delete (Del)")
        self.delete_button.setAccessibleName("Delete the selected entry")
        self.done_button = QPushButton("Mark follow-up do&ne")
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.done_button.clicked.connect(lambda: self._emit(self.doneRequested))
        for button in (self.edit_button, self.delete_button, self.done_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _watch(self, view: QTableView) -> None:
        view.installEventFilter(self)
        view.doubleClicked.connect(lambda _: self._emit(self.editRequested))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(watched, QTableView) and event.type() == QEvent.Type.FocusIn:
            if not watched.selectionModel().hasSelection() and watched.model().rowCount() > 0:
                watched.selectRow(0)  # the newest entry, so Enter and Delete work at once
        if (
            isinstance(watched, QTableView)
            and isinstance(event, QKeyEvent)  # PySide6 hands key presses over as QKeyEvent
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._emit(self.editRequested)
                return True
            if key == Qt.Key.Key_Delete:
                self._emit(self.deleteRequested)
                return True
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- selection

    def current_view(self) -> QTableView:
        return list(self.views.values())[self.tabs.currentIndex()]

    def selected_id(self) -> str | None:
        row = current_row(self.current_view())
        return getattr(row, "id", None)

    def _emit(self, signal: Any) -> None:
        entry_id = self.selected_id()
        if entry_id:
            signal.emit(entry_id)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    # ---------------------------------------------------------------- filling

    def refresh(self, data: JournalData, catalog: Catalog, today: date) -> None:
        self._data, self._catalog, self._today = data, catalog, today
        self._fill_treatments()
        self._all_rows = timeline(data, catalog, today)
        self._apply_filters()
        self.models["infusions"].set_rows(data.infusions)
        self.models["side_effects"].set_rows(data.side_effects)
        self.models["temperatures"]._columns = cols.temperature_columns(
            data.settings.temperature_unit,
            lambda t: is_above_threshold(t.value, t.unit, data.settings),
        )
        self.models["temperatures"].set_rows(data.temperatures)
        self._fill_follow_ups()
        self.models["relapses"].set_rows(data.relapses)
        self.models["test_results"].set_rows(data.test_results)
        for view in self.views.values():
            fit_columns(view)

    def _fill_treatments(self) -> None:
        chosen = self.treatment_filter.currentData()
        used = sorted(
            {i.treatment for i in self._data.infusions}
            | {f.treatment for f in self._data.follow_ups if f.treatment}
        )
        self.treatment_filter.blockSignals(True)
        self.treatment_filter.clear()
        self.treatment_filter.addItem(ALL_TREATMENTS, "")
        for treatment in used:
            self.treatment_filter.addItem(self._catalog.treatment_name(treatment), treatment)
        index = self.treatment_filter.findData(chosen)
        self.treatment_filter.setCurrentIndex(max(index, 0))
        self.treatment_filter.blockSignals(False)

    def _apply_filters(self) -> None:
        kind = self.kind_filter.currentData()
        rows = filter_rows(
            self._all_rows,
            kinds=[kind] if kind else None,
            treatment=self.treatment_filter.currentData() or None,
            start=self.date_from.value(),
            end=self.date_to.value(),
            text=self.search.text(),
        )
        self.all_model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} of {len(self._all_rows)} entries shown")

    def _fill_follow_ups(self) -> None:
        status = self.status_filter.currentData()
        self.models["follow_ups"].set_rows(
            f
            for f in self._data.follow_ups
            if not status or follow_up_status(f, self._today) == status
        )
