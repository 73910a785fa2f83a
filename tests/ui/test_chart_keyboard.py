"""The Trends chart without a mouse: Tab reaches it, arrow keys move along its points, and
"Show as table" shows the same points as a table.

Issue "Accessibility for people with MS" (major 8): charts were mouse-only and reached
assistive technology as an unnamed object with no text alternative.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QApplication

from msjournal.charts import output
from msjournal.charts.highlight import highlighted
from msjournal.journal import Journal
from msjournal.ui import theme
from msjournal.ui.trends_view import TrendsView
from msjournal.ui.widgets import chart_canvas
from tests.builders import effect, infusion, journal_data, relapse
from tests.ui.conftest import show_active


def at(days_ago: int, hour: int = 9) -> str:
    return datetime.combine(date.today() - timedelta(days=days_ago), time(hour)).isoformat()


@pytest.fixture
def filled(journal: Journal) -> Journal:
    journal.add_records(
        journal_data(
            infusion("inf-1", at(60)),
            infusion("inf-2", at(32)),
            effect("se-1", "headache", at(59, 15), 5, infusion="inf-1"),
            effect("se-2", "headache", at(31, 15), 4, infusion="inf-2"),
            effect("se-3", "headache", at(4, 15), 3),
            effect("se-4", "fatigue", at(20, 8), 6),
            relapse("rel-1", at(10, 10)),
        )
    )
    return journal


@pytest.fixture
def view(qtbot, filled: Journal) -> TrendsView:
    shown = TrendsView(filled)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    show_active(qtbot, shown)
    qtbot.waitUntil(lambda: shown.redraws == 1)
    return shown


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        chart_canvas, "announce", lambda widget, text, urgent=False: said.append(text)
    )
    return said


@pytest.fixture
def themed() -> Iterator[theme.Colours]:
    """The light theme's style sheet (with its focus rings) for one test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(theme.style_sheet(theme.LIGHT, theme.MINIMUM_TARGET))
    yield theme.LIGHT
    app.setStyleSheet(before)


def tab_to_chart(qtbot, view: TrendsView) -> None:
    view.save_button.setFocus()
    qtbot.keyClick(view.save_button, Qt.Key.Key_Tab)
    assert view.canvas.hasFocus(), QApplication.focusWidget()


def accessible(view: TrendsView, role: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(view.canvas)
    assert interface is not None
    return interface.text(role)


def test_tab_reaches_the_chart_and_it_shows_a_focus_ring(
    qtbot, view: TrendsView, themed: theme.Colours
) -> None:
    """After the Save button, Tab goes to the chart; its edge turns the theme's focus colour."""
    view.save_button.setFocus()
    qtbot.waitUntil(lambda: view.save_button.hasFocus())
    edge = view.canvas.grab().toImage().pixelColor(1, view.canvas.height() // 2)
    assert edge != QColor(themed.focus)
    tab_to_chart(qtbot, view)
    image = view.canvas.grab().toImage()
    middle = view.canvas.height() // 2
    assert image.pixelColor(1, middle) == QColor(themed.focus)  # the 3 px ring, left
    assert image.pixelColor(view.canvas.width() - 2, middle) == QColor(themed.focus)
    assert image.pixelColor(5, middle) != QColor(themed.focus)  # no wider than 3 px


def test_right_moves_to_the_next_point_and_end_to_the_last(
    qtbot, view: TrendsView, spoken: list[str]
) -> None:
    """Right goes to the first point, then the next: the label under the chart, the canvas's
    accessible description and the announcement all say the point's entry; End goes to the last.
    """
    tab_to_chart(qtbot, view)
    points = view.canvas.content.points
    assert len(points) == 7  # 4 side effects, 2 infusions, 1 relapse
    before = accessible(view, QAccessible.Text.Description)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert view.canvas.current == 0
    assert view.pointed.text() == points[0].text == f"Infusion on {at(60)[:10]}: Natalizumab"
    first = accessible(view, QAccessible.Text.Description)
    assert first != before and first.startswith(points[0].text)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert view.pointed.text().startswith("Headache: severity 5 of 10")
    second = accessible(view, QAccessible.Text.Description)
    assert second != first and "point 2 of 7" in second
    assert spoken[-1].startswith("Headache: severity 5 of 10")
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    assert view.canvas.current == 6
    assert view.pointed.text().startswith("Headache: severity 3 of 10")
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)  # no further than the last
    assert view.canvas.current == 6
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert view.canvas.current == 0


def test_the_current_point_is_ringed_on_the_chart(qtbot, view: TrendsView) -> None:
    tab_to_chart(qtbot, view)
    assert highlighted(view.canvas.figure) == []
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    gids = {artist.get_gid() for artist in highlighted(view.canvas.figure)}
    assert gids == {"keyboard-line", "keyboard-point"}
    (ring,) = [a for a in highlighted(view.canvas.figure) if a.get_gid() == "keyboard-point"]
    assert list(ring.get_ydata()) == [3.0]  # the last headache, severity 3


def test_the_chart_is_named_by_its_title_and_described_in_a_sentence(view: TrendsView) -> None:
    assert accessible(view, QAccessible.Text.Name) == "Side effects over time"
    description = accessible(view, QAccessible.Text.Description)
    assert description.startswith("Side effects over time from ")
    assert "4 entries, highest 6 (moderate)" in description
    assert "2 infusions marked; 1 relapse onset." in description


def test_show_as_table_by_keyboard_lists_every_point(qtbot, view: TrendsView) -> None:
    """Alt+W ticks "Show as table": the picture gives way to a table with a row per point, its
    headers labelled, the same points (and words) the chart draws."""
    view.kind.setFocus()
    qtbot.keyClick(view.kind, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.show_table.isChecked)  # a mnemonic clicks after a short animation
    assert view.table.isVisible() and not view.canvas.isVisible()
    model = view.table.model()
    points = view.canvas.content.points
    assert model.rowCount() == len(points) == 7
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert headers == ["When", "What", "Value", "Unit or words", "Marker on the chart"]
    drawn = {t for _, texts in getattr(view.canvas.figure, output._HOVER) for t in texts}
    assert {p.text for p in points} == drawn
    assert model.index(1, 1).data() == "Headache" and model.index(1, 2).data() == "5"
    qtbot.keyClick(view.show_table, Qt.Key.Key_Tab)  # Save, then the table
    qtbot.keyClick(view.save_button, Qt.Key.Key_Tab)
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1


def test_the_table_follows_a_redraw(qtbot, view: TrendsView) -> None:
    view.show_table.setChecked(True)
    view.symptoms.item(0).setCheckState(Qt.CheckState.Unchecked)  # headache off
    qtbot.waitUntil(lambda: view.redraws == 2)
    assert view.table.model().rowCount() == len(view.canvas.content.points) == 4
