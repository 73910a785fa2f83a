"""One table model for every list of records: columns say how to show and sort a row.

Rows come from core query functions and sit behind a QSortFilterProxyModel. Sorting is done
by the model itself with one key per row (Python's sort), not by the proxy's pairwise
comparisons, so ten years of entries sort and scroll without a stall.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of any record type; `_rows` is replaced whole when the journal changes."""

    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._sort_rows(*self._sorted_by)
        self.endResetModel()

    def _sort_key(self, column: int) -> Callable[[T], Any]:
        spec = self._columns[column]
        if spec.sort is not None:
            key = spec.sort
            return lambda row: (key(row) is None, key(row))
        return lambda row: (False, spec.text(row).casefold())

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(self._columns):
            self._rows.sort(
                key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder
            )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row).casefold()
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None


class RowsProxy(QSortFilterProxyModel):
    """Passes sorting to the rows model (one key per row) and keeps its order."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowsModel):
            source.sort(column, order)


def sorted_proxy(model: RowsModel[Any]) -> QSortFilterProxyModel:
    proxy = RowsProxy(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


def table_view(
    model: RowsModel[Any],
    name: str,
    sort_column: int = 0,
    order: Qt.SortOrder = Qt.SortOrder.DescendingOrder,
) -> QTableView:
    """A keyboard-friendly, sortable table over the model (newest first by default)."""
    view = QTableView()
    view.setModel(sorted_proxy(model))
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, order)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.setAccessibleName(name)
    return view


FIT_ROWS = 100


def current_row(view: QTableView) -> Any:
    """The record of the row the keyboard is on (selected, or holding the focused cell after
    Tab), or None. A focused row that was not selected is selected, so it shows."""
    index = view.currentIndex()
    if not index.isValid():
        return None
    if not view.selectionModel().isSelected(index):
        view.selectRow(index.row())
    return index.data(ROW_ROLE)


def fit_columns(view: QTableView) -> None:
    """Size columns to their contents, judged on the first rows so long journals stay quick."""
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column), 420))
