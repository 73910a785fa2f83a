"""The Trends view: a person picks chart, period and symptoms by keyboard and the chart follows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from msjournal.journal import Journal
from msjournal.ui.trends_view import TrendsView
from tests.builders import effect, infusion, journal_data, reading


def at(days_ago: int, hour: int = 9) -> str:
    return datetime.combine(date.today() - timedelta(days=days_ago), time(hour)).isoformat()


@pytest.fixture
def filled(journal: Journal) -> Journal:
    journal.add_records(
        journal_data(
            infusion("inf-1", at(300)),
            infusion("inf-2", at(60)),
            infusion("inf-3", at(32)),
            infusion("inf-4", at(4)),
            effect("se-1", "headache", at(60, 15), 5, infusion="inf-2"),
            effect("se-2", "headache", at(32, 15), 4, infusion="inf-3"),
            effect("se-3", "headache", at(4, 15), 3, infusion="inf-4"),
            effect("se-4", "fatigue", at(37, 8), 6),
            effect("se-5", "nausea", at(300, 10), 2, infusion="inf-1"),
            reading("t-1", at(31, 8), "38.4"),
            reading("t-2", at(30, 8), "37.0"),
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


def infusion_count(view: TrendsView) -> int:
    (markers,) = [a for a in view.canvas.figure.axes[0].get_lines() if a.get_gid() == "infusions"]
    return len(markers.get_xdata())


def wait_for_redraw(qtbot, view: TrendsView, before: int) -> None:
    qtbot.waitUntil(lambda: view.redraws == before + 1)


def test_opens_on_the_last_year_with_the_logged_symptoms(view: TrendsView) -> None:
    """The first chart shows a line for each logged symptom and every infusion of the past year."""
    assert view.period.currentText() == "Last year"
    assert [view.symptoms.item(i).text() for i in range(view.symptoms.count())] == [
        "Headache",
        "Tiredness",
        "Feeling sick",
    ]
    assert {"symptom:headache", "symptom:fatigue", "symptom:nausea"} <= set(gids(view))
    assert infusion_count(view) == 4


def test_unticking_a_symptom_with_space_removes_its_line(qtbot, view: TrendsView) -> None:
    """Space on the focused symptom unticks it, and its line leaves the chart."""
    view.symptoms.setFocus()
    view.symptoms.setCurrentRow(0)
    before = view.redraws
    qtbot.keyClick(view.symptoms, Qt.Key.Key_Space)
    wait_for_redraw(qtbot, view, before)
    assert view.chosen_symptoms() == ["fatigue", "nausea"]
    assert "symptom:headache" not in gids(view) and "symptom:fatigue" in gids(view)


def test_period_keys_are_gathered_into_one_redraw(qtbot, view: TrendsView) -> None:
    """Two quick presses of Up (to 'Last 3 months') redraw once, with only the recent infusions."""
    view.period.setFocus()
    before = view.redraws
    qtbot.keyClick(view.period, Qt.Key.Key_Up)
    qtbot.keyClick(view.period, Qt.Key.Key_Up)
    assert view.redraws == before and view._timer.isActive()
    wait_for_redraw(qtbot, view, before)
    assert view.period.currentText() == "Last 3 months"
    assert infusion_count(view) == 3
    assert "symptom:nausea" in gids(view)  # still chosen, just nothing in range
    assert view.redraws == before + 1


def test_custom_dates_changed_by_keyboard(qtbot, view: TrendsView) -> None:
    """'Custom dates' enables the date boxes;
    a From date after the To date is explained, not drawn."""
    view.period.setFocus()
    qtbot.keyClick(view.period, Qt.Key.Key_Down)
    qtbot.keyClick(view.period, Qt.Key.Key_Down)
    assert view.period.currentText() == "Custom dates" and view.date_from.isEnabled()
    qtbot.keyClick(view.period, Qt.Key.Key_Tab)
    assert view.date_from.hasFocus()
    first = view.date_from.date().toPython()
    assert first == date.today() - timedelta(days=300)  # "All" started the dates at the first entry
    before = view.redraws
    qtbot.keyClick(view.date_from, Qt.Key.Key_Up)  # one year later: after the To date
    qtbot.waitUntil(lambda: "after the To date" in view.status.text())
    assert view.redraws == before
    qtbot.keyClick(view.date_from, Qt.Key.Key_Down)
    wait_for_redraw(qtbot, view, before)
    assert view.status.text() == ""
    assert view.chosen_range() == (first, date.today())
    assert view.last_drawn and infusion_count(view) == 4


def test_switching_to_temperature_draws_the_threshold(qtbot, view: TrendsView) -> None:
    """Down on the chart list picks Temperature: threshold line and the fever reading marked."""
    view.kind.setFocus()
    before = view.redraws
    qtbot.keyClick(view.kind, Qt.Key.Key_Down)
    wait_for_redraw(qtbot, view, before)
    assert view.chosen_kind() == "temperature"
    assert "fever-threshold" in gids(view) and "above-threshold" in gids(view)
    assert not view.symptoms.isEnabled()


def test_cycle_chart_can_show_one_cycle(qtbot, view: TrendsView) -> None:
    """In the cycle chart, the cycle list offers each cycle, and picking one draws it alone."""
    view.kind.setCurrentIndex(view.kind.findData("cycle"))
    assert view.cycles.isVisibleTo(view)
    assert view.cycles.count() == 5  # the average and four cycles
    view.cycles.setFocus()
    before = view.redraws
    qtbot.keyClick(view.cycles, Qt.Key.Key_Down)
    wait_for_redraw(qtbot, view, before)
    assert "cycle:inf-1" in gids(view) and "cycle-average" not in gids(view)


def test_pointing_at_a_point_names_the_entry(qtbot, view: TrendsView) -> None:
    """Moving the mouse over a headache point shows that entry under the chart."""
    line = next(
        a for a in view.canvas.figure.axes[0].get_lines() if a.get_gid() == "symptom:headache"
    )
    x, y = line.get_transform().transform(line.get_xydata()[-1])
    MouseEvent("motion_notify_event", view.canvas, x, y)._process()
    assert view.pointed.text().startswith("Headache: severity 3 of 10")


def test_save_chart_as_svg(
    qtbot, view: TrendsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving with the SVG filter adds .svg, writes the file and says where it went."""
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: (str(tmp_path / "my chart"), "SVG image (*.svg)"),
    )
    view.save_button.setFocus()
    qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    out = tmp_path / "my chart.svg"
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert str(out) in view.status.text()


def test_refresh_follows_a_new_entry(qtbot, view: TrendsView, filled: Journal) -> None:
    """After a rash is logged, refresh lists it and keeps the person's earlier choice."""
    view.symptoms.item(1).setCheckState(Qt.CheckState.Unchecked)
    filled.add_records(journal_data(effect("se-9", "rash", at(2, 12), 4)))
    view.refresh()
    names = [view.symptoms.item(i).text() for i in range(view.symptoms.count())]
    assert "Rash or hives" in names
    assert "fatigue" not in view.chosen_symptoms()


def test_empty_journal_says_what_to_log(qtbot, journal: Journal) -> None:
    """With nothing logged yet, the chart area says what to log instead of an empty grid."""
    shown = TrendsView(journal)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.redraws == 1)
    assert not shown.last_drawn
    assert any("log a side effect" in t.get_text().lower() for t in shown.canvas.figure.texts)
