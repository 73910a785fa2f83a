"""The Trends page offers the results chart: a person picks it and a lab test by keyboard."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from msjournal.journal import Journal
from msjournal.ui.trends_view import TrendsView
from tests.builders import effect, infusion, journal_data, relapse, result
from tests.ui.test_mnemonics import mnemonic


def at(days_ago: int, hour: int = 9) -> str:
    return datetime.combine(date.today() - timedelta(days=days_ago), time(hour)).isoformat()


def day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def filled(journal: Journal) -> Journal:
    journal.add_records(
        journal_data(
            infusion("inf-1", at(120)),
            infusion("inf-2", at(90)),
            infusion("inf-3", at(60)),
            infusion("inf-4", at(30)),
            effect("se-1", "headache", at(60, 15), 5, infusion="inf-3"),
            effect("se-2", "headache", at(30, 15), 4, infusion="inf-4"),
            relapse("rel-1", at(45, 10)),
            result("r-1", "lymphocytes", day(121), "1.5", "1.0", "4.0", unit="×10⁹/L"),
            result("r-2", "lymphocytes", day(91), "0.8", "1.0", "4.0", unit="×10⁹/L"),
            result("r-3", "lymphocytes", day(31), "1.2", "1.0", "4.0", unit="×10⁹/L"),
            result("r-4", "igg", day(61), "7.5", "7.0", "16.0", unit="g/L"),
            result("r-5", "jcv_status", day(61), qualitative="negative"),
            result("r-6", "tsh", day(61), qualitative="normal"),  # a number test, words only
        )
    )
    return journal


@pytest.fixture
def view(qtbot, filled: Journal) -> TrendsView:
    shown = TrendsView(filled)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    qtbot.waitUntil(lambda: shown.redraws == 1)
    return shown


def gids(view: TrendsView) -> list[str]:
    return [a.get_gid() or "" for ax in view.canvas.figure.axes for a in ax.get_children()]


def choose_results_by_keyboard(qtbot, view: TrendsView) -> None:
    view.kind.setFocus()
    before = view.redraws
    qtbot.keyClick(view.kind, Qt.Key.Key_End)  # the results chart is the last in the list
    qtbot.waitUntil(lambda: view.redraws == before + 1)


def test_choosing_the_results_chart_by_keyboard(qtbot, view: TrendsView) -> None:
    """End on the chart list picks 'Test results': the test chooser appears with only the tests
    that have numeric results, and the first is drawn with the lab's range and infusions."""
    assert not view.test.isVisibleTo(view)
    choose_results_by_keyboard(qtbot, view)
    assert view.chosen_kind() == "results" and view.kind.currentText() == "Test results"
    assert view.test.isVisibleTo(view) and view.test_label.isVisibleTo(view)
    assert [view.test.itemText(i) for i in range(view.test.count())] == [
        "Lymphocytes",
        "IgG (immunoglobulin G)",
    ]
    assert view.last_drawn
    assert view.canvas.figure.get_suptitle() == "Lymphocytes"
    assert {"results", "reference-range", "outside-range", "infusions"} <= set(gids(view))
    assert not view.symptoms.isEnabled()


def test_the_test_is_chosen_with_tab_and_arrow(qtbot, view: TrendsView) -> None:
    """Tab from the chart list reaches the test chooser; Down picks the next test and redraws."""
    choose_results_by_keyboard(qtbot, view)
    qtbot.keyClick(view.kind, Qt.Key.Key_Tab)
    assert view.test.hasFocus()
    before = view.redraws
    qtbot.keyClick(view.test, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: view.redraws == before + 1)
    assert view.chosen_test() == "igg"
    assert view.canvas.figure.get_suptitle() == "IgG (immunoglobulin G)"
    assert view.canvas.figure.axes[0].get_ylabel() == "Result (g/L)"


def test_the_test_chooser_hides_again_for_other_charts(qtbot, view: TrendsView) -> None:
    choose_results_by_keyboard(qtbot, view)
    before = view.redraws
    qtbot.keyClick(view.kind, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: view.redraws == before + 1)
    assert view.chosen_kind() == "severity"
    assert not view.test.isVisibleTo(view) and view.symptoms.isEnabled()
    assert "relapses" in gids(view)  # the relapse onset on the severity chart


def test_pointing_at_the_low_result_names_it(qtbot, view: TrendsView) -> None:
    from matplotlib.backend_bases import MouseEvent

    choose_results_by_keyboard(qtbot, view)
    (cross,) = [a for a in view.canvas.figure.axes[0].get_lines() if a.get_gid() == "outside-range"]
    x, y = cross.get_transform().transform(cross.get_xydata()[0])
    MouseEvent("motion_notify_event", view.canvas, x, y)._process()
    assert "Lymphocytes: 0.8" in view.pointed.text()
    assert view.pointed.text().endswith("below the lab's range")


def test_save_names_the_test_and_writes_its_chart(
    qtbot, view: TrendsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[2]))
        return str(tmp_path / "lymph"), "SVG image (*.svg)"

    choose_results_by_keyboard(qtbot, view)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    view.save_button.setFocus()
    qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    assert Path(asked[0]).name.startswith("msjournal-results-lymphocytes-")
    assert "Lymphocytes" in (tmp_path / "lymph.svg").read_text(encoding="utf-8")


def test_refresh_lists_a_newly_logged_test_and_keeps_the_choice(
    qtbot, view: TrendsView, filled: Journal
) -> None:
    choose_results_by_keyboard(qtbot, view)
    view.test.setCurrentIndex(view.test.findData("igg"))
    filled.add_records(journal_data(result("r-9", "platelets", day(2), "150", "150", "400")))
    view.refresh()
    assert "Platelets" in [view.test.itemText(i) for i in range(view.test.count())]
    assert view.chosen_test() == "igg"


def test_no_numeric_results_the_chart_says_so(qtbot, journal: Journal) -> None:
    """With only a result in words, the chooser is empty and the chart explains why."""
    journal.add_records(journal_data(result("r-1", "jcv_status", day(5), qualitative="negative")))
    shown = TrendsView(journal)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.redraws == 1)
    choose_results_by_keyboard(qtbot, shown)
    assert shown.test.count() == 0 and not shown.test.isEnabled()
    assert not shown.last_drawn
    words = " ".join(t.get_text() for t in shown.canvas.figure.texts)
    assert "in words" in words and "nothing to chart" in words


def test_no_two_things_on_trends_share_an_alt_letter(qtbot, window) -> None:
    """Menus, tabs and every label and button on the Trends page have their own Alt letter."""
    window.pages.setCurrentWidget(window.trends)
    qtbot.waitUntil(lambda: window.trends.view is not None)
    page = window.trends
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [window.pages.tabText(i) for i in range(window.pages.count())]
    texts += [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in page.findChildren(QAbstractButton)]
    assert "La&b test:" in texts
    letters = [m for m in map(mnemonic, texts) if m]
    clashes = sorted({m for m in letters if letters.count(m) > 1})
    assert clashes == [], [t for t in texts if mnemonic(t) in clashes]
