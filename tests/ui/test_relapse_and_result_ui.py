"""Relapses and test results in the window, driven from the keyboard: Log › Relapse and
Log › Test result with their shortcuts, the Journal's two tabs with change, delete and undo,
and Today's "Relapses this year" and "Latest results" (issue: relapses and test results)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabWidget, QWidget

from msjournal.ui.dialogs.relapse_dialog import RelapseDialog
from msjournal.ui.dialogs.test_result_dialog import TestResultDialog
from tests.ui.conftest import focused, show_active
from tests.ui.test_mnemonics import mnemonic


def _modal(qtbot, cls):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), cls))
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _open(qtbot, cls, journal, record=None):
    dialog = cls.start(journal, None, record)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def _ago(days: int, hour: int = 9) -> str:
    moment = datetime.now() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0).isoformat(timespec="minutes")


def _relapse(journal, days_ago: int = 20, **extra):
    draft = {"onset": _ago(days_ago), "description": "Numb left leg", "impact": "moderate"}
    return journal.add("r", {**draft, **extra})


def _result(journal, test: str, days_ago: int, **extra):
    day = (date.today() - timedelta(days=days_ago)).isoformat()
    return journal.add("tr", {"test": test, "taken": day, **extra})


def _cells(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


# ---------------------------------------------------------------- logging a relapse


def test_relapse_logged_with_its_shortcut_names_the_missing_impact(
    qtbot, window, journal, keyboard
) -> None:
    """Ctrl+L opens Log › Relapse at 'When it started'; typed, ticked and saved with Enter.
    No impact is chosen for the person: Enter without one names the field and saves nothing;
    the cursor goes to the choice, an arrow key and Space pick 'Moderate', Enter saves."""
    action = window.menu_actions["log_r"]
    assert action.text() == "&Relapse…" and action.shortcut() == QKeySequence("Ctrl+L")
    keyboard.shortcut(window, "Ctrl+L")
    dialog = _modal(qtbot, RelapseDialog)
    assert focused() is dialog.onset
    keyboard.tab()
    assert focused() is dialog.description
    keyboard.type("Blurred vision in my left eye")
    keyboard.tab()
    assert focused() is dialog.areas["vision"]
    keyboard.press(Qt.Key.Key_Space)
    keyboard.enter()
    assert "Impact on daily life" in dialog.field_error("impact")
    assert journal.relapses() == [] and dialog.isVisible()
    assert focused() is dialog.impacts["mild"]
    keyboard.press(Qt.Key.Key_Down)
    assert focused() is dialog.impacts["moderate"]
    keyboard.press(Qt.Key.Key_Space)
    assert dialog.impacts["moderate"].isChecked()
    keyboard.enter()
    assert not dialog.isVisible()
    [relapse] = journal.relapses()
    assert relapse.description == "Blurred vision in my left eye"
    assert (relapse.areas, relapse.impact, relapse.recovery) == (("vision",), "moderate", "not_yet")
    assert abs(relapse.onset - datetime.now()) < timedelta(minutes=5)


def test_relapse_treated_by_a_steroid_drip_and_recovered(qtbot, journal, keyboard) -> None:
    """Only steroid drips and plasma exchanges are offered, newest first; Space ticks one.
    A recovery date can be ticked only once 'Recovered' is no longer 'Not yet'."""
    journal.add("inf", {"treatment": "natalizumab", "start": _ago(9)})
    older = journal.add("inf", {"treatment": "iv_methylprednisolone", "start": _ago(8)})
    newer = journal.add("inf", {"treatment": "plasma_exchange", "start": _ago(4)})
    dialog = _open(qtbot, RelapseDialog, journal)
    dialog.onset.set_value(datetime.now() - timedelta(days=10))
    dialog.description.setText("Could not walk far")
    dialog.impacts["severe"].setChecked(True)
    offered = [dialog.treated_with.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert offered == [newer.id, older.id] and dialog.treated_with.count() == 2
    assert not dialog.recovered.isEnabled()
    dialog.tabs.setCurrentIndex(1)
    dialog.recovery.setFocus()
    keyboard.type("Part")
    assert dialog.recovered.isEnabled()
    keyboard.tab()
    assert focused() is dialog.recovered.check
    keyboard.press(Qt.Key.Key_Space)
    dialog.recovered.day.setDate(dialog.recovered.day.date().addDays(-1))
    dialog.treated_with.setFocus()
    dialog.treated_with.setCurrentRow(1)
    keyboard.press(Qt.Key.Key_Space)
    keyboard.enter()
    [relapse] = journal.relapses()
    assert relapse.treated_with == (older.id,)
    assert (relapse.recovery, relapse.recovered) == ("partial", date.today() - timedelta(days=1))


# ---------------------------------------------------------------- logging a test result


def test_range_low_above_high_names_the_field_and_saves_nothing(
    qtbot, window, journal, keyboard
) -> None:
    """Ctrl+B, type the test's name, Tab through the form; a lab range of 9 to 2 gets the
    message under 'Range printed on the lab report'; corrected, Enter saves the result."""
    action = window.menu_actions["log_tr"]
    assert action.shortcut() == QKeySequence("Ctrl+B")
    keyboard.shortcut(window, "Ctrl+B")
    dialog = _modal(qtbot, TestResultDialog)
    assert focused() is dialog.test
    keyboard.type("Lymph")
    assert dialog.test.currentData() == "lymphocytes"
    assert "white blood cell" in dialog.help.text() and dialog.help.isVisible()
    keyboard.tab(3)  # taken on, the time tick box, the value
    assert focused() is dialog.value
    keyboard.type("0.8")
    keyboard.tab(2)  # the unit, then the range's low end
    assert focused() is dialog.reference_low
    keyboard.type("9")
    keyboard.tab()
    keyboard.type("2")
    keyboard.enter()
    message = dialog.field_error("reference_low")
    assert "Range printed on the lab report" in message and "high end" in message
    assert dialog.isVisible() and journal.test_results() == []
    assert focused() is dialog.reference_low
    dialog.reference_low.selectAll()
    keyboard.type("1.0")
    keyboard.enter()
    assert not dialog.isVisible()
    [result] = journal.test_results()
    assert (result.test, result.value, result.unit) == ("lymphocytes", Decimal("0.8"), "×10⁹/L")
    assert (result.reference_low, result.reference_high) == (Decimal("1.0"), Decimal("2"))
    assert result.taken == date.today()


def test_a_qualitative_test_hides_the_value(qtbot, journal, keyboard) -> None:
    """JCV antibody status has no number: the value, unit and range rows go, a result in
    words is offered from the test's usual results, and Enter saves it."""
    dialog = _open(qtbot, TestResultDialog, journal)
    keyboard.type("Lymph")
    assert dialog.value.isVisible() and not dialog.qualitative.isVisible()
    dialog.test.setCurrentIndex(dialog.test.findData("jcv_status"))
    assert not dialog.value.isVisible() and not dialog.unit.isVisible()
    assert not dialog.reference_low.isVisible()
    assert dialog.qualitative.isVisible()
    offered = [dialog.qualitative.itemText(i) for i in range(dialog.qualitative.count())]
    assert offered == ["negative", "positive", "borderline"]
    keyboard.tab(3)  # taken on, the time tick box, the result
    assert focused() in (dialog.qualitative, dialog.qualitative.lineEdit())
    keyboard.type("negative")
    keyboard.enter()
    [result] = journal.test_results()
    assert (result.test, result.value, result.qualitative) == ("jcv_status", None, "negative")


def test_other_test_reveals_its_name_and_takes_a_time(qtbot, journal, keyboard) -> None:
    """'Other test…' shows a box for its name (which the core asks for when empty);
    ticking 'I know the time' keeps the time of the sample."""
    dialog = _open(qtbot, TestResultDialog, journal)
    assert not dialog.other_label.isVisible()
    dialog.test.setCurrentIndex(dialog.test.findData("other"))
    assert dialog.other_label.isVisible() and dialog.unit.isEditable()
    dialog.value.setText("72")
    keyboard.enter()
    assert "Name of the test" in dialog.field_error("other_label")
    assert focused() is dialog.other_label
    keyboard.type("Vitamin D")
    dialog.time.check.setFocus()
    keyboard.press(Qt.Key.Key_Space)
    dialog.time.time.setTime(dialog.time.time.time().fromString("07:45", "HH:mm"))
    dialog.unit.setCurrentText("nmol/L")
    keyboard.enter()
    [result] = journal.test_results()
    assert (result.other_label, result.unit) == ("Vitamin D", "nmol/L")
    assert result.taken == datetime.combine(date.today(), datetime.min.time()).replace(
        hour=7, minute=45
    )


# ---------------------------------------------------------------- the Journal


def test_journal_tabs_list_relapses_and_results(qtbot, window, journal, keyboard) -> None:
    """Alt+P shows the relapses, Alt+U the test results, each in its own words."""
    journal.add("inf", {"treatment": "iv_methylprednisolone", "start": _ago(15)})
    [drip] = journal.infusions()
    _relapse(journal, areas=["walking", "balance"], confirmed=True, treated_with=[drip.id])
    _result(
        journal,
        "lymphocytes",
        3,
        value="0.6",
        unit="×10⁹/L",
        reference_low="1.0",
        reference_high="4.0",
    )
    window.refresh()
    keyboard.shortcut(window, "Ctrl+2")
    view = window.journal_view
    qtbot.waitUntil(view.tabs.isVisible)  # the page is made when first shown
    keyboard.shortcut(window, "Alt+P")
    assert view.current_view() is view.views["relapses"]
    relapses = view.views["relapses"]
    assert _cells(relapses, 1) == ["Numb left leg"]
    assert _cells(relapses, 2) == ["Walking, Balance"]
    assert _cells(relapses, 3) == ["moderate"]
    assert _cells(relapses, 4) == ["not yet"]
    assert _cells(relapses, 5) == ["yes"]
    assert _cells(relapses, 6)[0].startswith("High-dose steroid drip")
    keyboard.shortcut(window, "Alt+U")
    assert view.current_view() is view.views["test_results"]
    results = view.views["test_results"]
    assert _cells(results, 1) == ["Lymphocytes"]
    assert _cells(results, 2) == ["0.6 ×10⁹/L"]
    assert _cells(results, 3) == ["1.0–4.0"]
    assert _cells(results, 4) == ["⚠ below the lab's range"]


def test_delete_a_relapse_then_undo_brings_it_back(qtbot, window, journal, keyboard) -> None:
    """On the Relapses tab, Delete removes the selected relapse and Ctrl+Z brings it back,
    with its links, listed again."""
    journal.add("inf", {"treatment": "plasma_exchange", "start": _ago(12)})
    [exchange] = journal.infusions()
    saved = _relapse(journal, treated_with=[exchange.id])
    window.refresh()
    window.show_page(1)
    view = window.journal_view
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.views["relapses"].parentWidget()))
    view.views["relapses"].setFocus()
    assert view.selected_id() == saved.id
    keyboard.press(Qt.Key.Key_Delete)
    assert journal.relapses() == []
    assert view.models["relapses"].rowCount() == 0
    keyboard.shortcut(window, "Ctrl+Z")
    assert journal.relapses() == [saved]
    assert [r.id for r in view.models["relapses"].rows()] == [saved.id]


def test_enter_on_a_result_opens_it_and_saves_the_change(qtbot, window, journal, keyboard) -> None:
    """Enter on the Test results tab opens the result with its values; a change is saved in
    place (same id)."""
    saved = _result(journal, "tsh", 10, value="2.5", unit="mU/L", reference_high="4.2")
    window.refresh()
    window.show_page(1)
    view = window.journal_view
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.views["test_results"].parentWidget()))
    view.views["test_results"].setFocus()
    keyboard.enter()
    dialog = _modal(qtbot, TestResultDialog)
    assert (dialog.test.currentData(), dialog.value.text()) == ("tsh", "2.5")
    assert (dialog.unit.currentText(), dialog.reference_high.text()) == ("mU/L", "4.2")
    dialog.value.setFocus()
    dialog.value.selectAll()
    keyboard.type("5.1")
    keyboard.enter()
    [changed] = journal.test_results()
    assert changed.id == saved.id and changed.value == Decimal("5.1")
    assert _cells(view.views["test_results"], 4) == ["⚠ above the lab's range"]


# ---------------------------------------------------------------- Today


def test_today_shows_relapses_this_year_and_latest_results(qtbot, window, planned_journal) -> None:
    """On natalizumab: one relapse in the last 12 months (an older one is not counted), the
    latest with its date and impact; the newest JCV index with its date, and no result of a
    test natalizumab's checks do not use."""
    _relapse(planned_journal, days_ago=800, impact="mild")
    recent = _relapse(planned_journal, days_ago=40, impact="severe")
    _result(planned_journal, "jcv_index", 400, value="0.3", unit="index")
    _result(planned_journal, "jcv_index", 200, value="0.9", unit="index", reference_high="0.4")
    _result(planned_journal, "tsh", 5, value="2.0", unit="mU/L")
    window.refresh()
    relapses = window.today.relapses.lines()
    assert window.today.relapses.accessibleName() == "Relapses this year"
    assert relapses[0] == "<b>1</b> in the last 12 months"
    onset = recent.onset.date()
    assert f"{onset:%a} {onset.day} {onset:%b %Y}" in relapses[1] and "severe" in relapses[1]
    results = window.today.results.lines()
    assert len(results) == 1, results
    taken = date.today() - timedelta(days=200)
    assert results[0].startswith("⚠ <b>JCV antibody index</b>: 0.9 (lab range up to 0.4)")
    assert "above the lab's range" in results[0]
    assert f"{taken:%a} {taken.day} {taken:%b %Y}" in results[0]


def test_today_says_when_nothing_is_recorded(qtbot, window, planned_journal) -> None:
    window.refresh()
    assert window.today.relapses.lines() == ["No relapse recorded. Log one with Ctrl+L."]
    [line] = window.today.results.lines()
    assert line.startswith("No results yet for the checks of Natalizumab")


# ---------------------------------------------------------------- keys


def _letters(dialog: QWidget) -> list[str]:
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton)]
    for tabs in dialog.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [m for m in map(mnemonic, texts) if m]


def test_each_dialog_has_unique_alt_letters_and_named_controls(qtbot, journal) -> None:
    journal.add("inf", {"treatment": "iv_methylprednisolone", "start": _ago(3)})
    for cls in (RelapseDialog, TestResultDialog):
        dialog = _open(qtbot, cls, journal)
        letters = _letters(dialog)
        assert len(letters) >= 8, letters
        assert sorted({m for m in letters if letters.count(m) > 1}) == [], cls.__name__
        for _, widget, _error in dialog._rows.values():
            assert widget.accessibleName(), f"{cls.__name__}: a control has no name"
        dialog.reject()


def test_log_menu_shortcuts_do_not_clash(qtbot, window) -> None:
    """Every shortcut of the menu bar does one thing, and the Log menu's letters are unique."""
    keys: list[str] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        stack = list(menu.actions()) if menu else []
        if top.text() == "&Log":
            letters = [mnemonic(a.text()) for a in stack if a.text()]
            assert len(letters) == len(set(letters)) == 7, letters
        while stack:
            action = stack.pop()
            if action.menu():
                stack.extend(action.menu().actions())
            keys += [s.toString() for s in action.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert {"Ctrl+L", "Ctrl+B"} <= set(keys)
