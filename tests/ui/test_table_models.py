"""The tables sort by any column, newest first by default, and pass Qt's model checks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from msjournal.ui.widgets.table_models import Column, RowsModel, table_view

COLUMNS = [Column("Day", lambda r: r[0], sort=lambda r: r[0]), Column("Name", lambda r: r[1])]
# Newest first, by name and oldest first are three different orders, so each sort shows.
ROWS = [("2026-01-02", "Alpha"), ("2026-03-01", "charlie"), ("2025-12-30", "bravo")]


def shown(view) -> list[str]:
    proxy = view.model()
    return [proxy.index(row, 1).data() for row in range(proxy.rowCount())]


def test_newest_first_then_any_column_by_clicking_its_header(qtbot) -> None:
    """A table opens newest first; clicking 'Name' sorts by name ignoring case."""
    model = RowsModel(COLUMNS)
    view = table_view(model, "Test table")
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    assert shown(view) == ["charlie", "Alpha", "bravo"]  # 1 Mar, 2 Jan, 30 Dec
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert shown(view) == ["Alpha", "bravo", "charlie"]
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown(view) == ["charlie", "bravo", "Alpha"]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown(view) == ["bravo", "Alpha", "charlie"]
    model.set_rows([*ROWS, ("2024-01-01", "delta")])
    assert shown(view)[0] == "delta", "new rows keep the chosen order"


def test_model_passes_qt_model_checks(qtmodeltester) -> None:
    """The rows model behaves as Qt's views expect."""
    model = RowsModel(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
