"""The whole window from the keyboard: logging, alerts on Today, the urgent dialog, undo."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from msjournal.ui.dialogs.aftercare_dialog import AftercareDialog
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.dialogs.temperature_dialog import TemperatureDialog
from msjournal.ui.widgets.alert_widgets import UrgentAlertDialog
from tests.ui.conftest import focused


def _modal(qtbot, cls):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), cls))
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_fever_entry_puts_a_consult_alert_on_today(qtbot, window, journal, keyboard) -> None:
    """Ctrl+T, 38.5, Enter: Today shows 'Contact your care team' and the banner says so."""
    keyboard.shortcut(window, "Ctrl+T")
    dialog = _modal(qtbot, TemperatureDialog)
    keyboard.type("38.5")
    keyboard.enter()
    assert not dialog.isVisible()
    lines = window.today.alerts.lines()
    assert any("Contact your care team" in line and "fever threshold" in line for line in lines)
    assert window.banner.isVisible() and window.banner.alert.level == "consult"
    assert QApplication.activeModalWidget() is None  # a consult alert is a banner, not a dialog


def test_trouble_breathing_raises_the_urgent_dialog(qtbot, window, journal, keyboard) -> None:
    """A trouble-breathing entry opens 'Get help now', which Escape and Enter do not dismiss."""
    keyboard.shortcut(window, "Ctrl+E")
    dialog = _modal(qtbot, EntryDialog)
    keyboard.type("Trouble")
    assert dialog.symptom.currentData() == "trouble_breathing"
    assert "Get help now" in dialog.urgent_note.text()  # before anything else is asked
    keyboard.tab()
    keyboard.type("6")
    keyboard.enter()
    urgent = _modal(qtbot, UrgentAlertDialog)
    assert "get help now" in urgent.windowTitle().lower()
    keyboard.escape()
    keyboard.press(Qt.Key.Key_Return)
    urgent.close()
    assert urgent.isVisible()
    assert focused() is urgent.getting_help
    keyboard.press(Qt.Key.Key_Space)
    assert not urgent.isVisible() and urgent.choice == UrgentAlertDialog.GETTING_HELP
    assert window.today.shown_alerts[0].level == "urgent"  # still on Today until marked as seen


def test_reminder_never_hides_an_urgent_alert(qtbot, window, journal) -> None:
    """With an overdue follow-up and an urgent alert, the urgent one is first and on the banner."""
    journal.add("f", {"kind": "lab_test", "title": "Blood test", "due": "2020-01-01"})
    onset = (datetime.now() - timedelta(hours=1)).isoformat(timespec="minutes")
    record = journal.add("se", {"symptom": "heart_rate_change", "severity": 6, "onset": onset})
    window.entry_actions._saved(record, True)
    urgent = _modal(qtbot, UrgentAlertDialog)
    urgent.have_help.click()
    levels = [a.level for a in window.today.shown_alerts]
    assert levels[0] == "urgent" and "reminder" in levels
    assert window.banner.alert.level == "urgent"


def test_logging_an_infusion_offers_aftercare_and_next_dates(
    qtbot, window, planned_journal, keyboard
) -> None:
    """After an infusion: hydration and observation advice;
    Enter adds the next infusion as a follow-up."""
    window.refresh()
    keyboard.shortcut(window, "Ctrl+I")
    _modal(qtbot, EntryDialog)
    keyboard.enter()
    aftercare = _modal(qtbot, AftercareDialog)
    text = " ".join(
        label.text() for label in aftercare.findChildren(type(window.today.date_heading))
    )
    assert "fluids" in text and "at least 1 hour" in text and "emergency" in text
    keyboard.enter()
    titles = {(f.kind, f.title, f.task) for f in planned_journal.follow_ups()}
    assert ("appointment", "Natalizumab infusion", "infusion") in titles
    assert any("Natalizumab infusion" in line for line in window.today.coming_up.lines())


def test_delete_from_the_journal_and_undo(qtbot, window, journal, keyboard) -> None:
    """Ctrl+2 opens the Journal; Delete removes the selected entry and Ctrl+Z brings it back."""
    saved = journal.add("t", {"taken": "2026-01-05T08:00", "value": "37.1", "unit": "C"})
    window.refresh()
    keyboard.shortcut(window, "Ctrl+2")
    view = window.journal_view.all_view
    view.setFocus()
    keyboard.press(Qt.Key.Key_Down)
    assert window.journal_view.selected_id() == saved.id
    keyboard.press(Qt.Key.Key_Delete)
    assert journal.temperatures() == []
    keyboard.shortcut(window, "Ctrl+Z")
    assert [t.id for t in journal.temperatures()] == [saved.id]


def test_enter_in_the_journal_opens_the_entry(qtbot, window, journal, keyboard) -> None:
    """Selecting a row and pressing Enter opens its dialog with the saved values."""
    journal.add("f", {"kind": "mri", "title": "Yearly MRI", "due": "2027-01-10"})
    window.refresh()
    window.show_page(1)
    window.journal_view.all_view.setFocus()
    keyboard.press(Qt.Key.Key_Down)
    keyboard.enter()
    dialog = _modal(qtbot, EntryDialog)
    assert dialog.title.text() == "Yearly MRI"
    keyboard.escape()


def test_search_narrows_the_journal(qtbot, window, journal, keyboard) -> None:
    """Ctrl+F goes to the search box; typed words filter the list of all entries."""
    journal.add("f", {"kind": "mri", "title": "Yearly MRI", "due": "2027-01-10"})
    journal.add("t", {"taken": "2026-01-05T08:00", "value": "37.1", "unit": "C"})
    window.refresh()
    keyboard.shortcut(window, "Ctrl+F")
    assert focused() is window.journal_view.search
    keyboard.type("mri")
    assert window.journal_view.all_model.rowCount() == 1
    assert "1 of 2" in window.journal_view.count_label.text()


def test_acknowledged_alert_moves_to_the_history_with_its_note(
    qtbot, window, journal, keyboard
) -> None:
    """'Mark as seen' with a note takes the alert off Today; the history keeps it with the note."""
    taken = (datetime.now() - timedelta(hours=2)).isoformat(timespec="minutes")
    journal.add("t", {"taken": taken, "value": "38.6", "unit": "C"})
    window.refresh()
    card = window.today.alerts._body.itemAt(0).widget()
    card.seen.setFocus()
    keyboard.press(Qt.Key.Key_Space)
    _modal(qtbot, type(window.entry_actions.dialog))
    keyboard.type("Called the nurse")
    keyboard.enter()
    assert window.today.shown_alerts == []
    window.show_page(2)
    history = window.alerts_view.model.rows()
    assert history[0].acknowledgement_note == "Called the nurse"


def test_settings_change_unit_and_own_value(qtbot, window, journal, keyboard) -> None:
    """Settings save the temperature unit and a person's own value for an unverified default."""
    journal.set_plan({"treatment": "natalizumab"})
    keyboard.shortcut(window, "Ctrl+,")
    dialog = _modal(qtbot, EntryDialog)
    assert focused() is dialog.unit
    dialog.unit.setCurrentIndex(dialog.unit.findData("F"))
    dialog.own_values["symptom.headache.expected_hours"][1].setText("12")
    keyboard.enter()
    settings = journal.settings()
    assert settings.temperature_unit == "F"
    assert settings.overrides["symptom.headache.expected_hours"] == 12
    assert journal.catalog.symptoms["headache"].expected_hours.value == 12


def test_settings_refuse_a_word_as_own_value(qtbot, window, journal, keyboard) -> None:
    """A word in an own-value box is shown next to it and nothing is saved."""
    dialog = window.open_settings()
    qtbot.waitUntil(dialog.isVisible)
    dialog.own_values["symptom.headache.expected_hours"][1].setText("a day")
    dialog.accept()
    assert "expected a number" in dialog.field_error("overrides.symptom.headache.expected_hours")
    assert dialog.tabs.currentIndex() == 1
    assert journal.settings().overrides == {}


def test_every_control_has_a_name(window, planned_journal) -> None:
    """Every visible button, box, slider and table carries an accessible name or a visible text."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QSlider, QTableView

    window.refresh()
    for page in range(3):
        window.show_page(page)
        for cls in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QSlider, QTableView):
            for widget in window.findChildren(cls):
                inner = isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))
                if inner or not widget.isVisible():
                    continue
                text = widget.text() if isinstance(widget, QAbstractButton) else ""
                assert widget.accessibleName() or text, widget


def test_today_alert_is_reached_with_tab_and_marked_seen(qtbot, window, journal, keyboard) -> None:
    """From the first Today button, Tab reaches 'Mark as seen'; Space and Enter acknowledge it."""
    taken = (datetime.now() - timedelta(hours=1)).isoformat(timespec="minutes")
    journal.add("t", {"taken": taken, "value": "38.2", "unit": "C"})
    window.refresh()
    window.today.action_buttons["inf"].setFocus()
    for _ in range(10):
        if "Mark as seen" in focused().accessibleName():
            break
        keyboard.tab()
    assert "fever threshold" in focused().accessibleName()
    keyboard.press(Qt.Key.Key_Space)
    _modal(qtbot, type(window.entry_actions.dialog))
    keyboard.enter()
    assert window.today.shown_alerts == []


def test_follow_up_marked_done_and_filtered(qtbot, window, journal, keyboard) -> None:
    """A follow-up marked done leaves 'Upcoming' and shows under 'Done'."""
    saved = journal.add("f", {"kind": "lab_test", "title": "Blood test", "due": "2099-01-01"})
    window.refresh()
    window.show_page(1)
    view = window.journal_view
    view.tabs.setCurrentIndex(4)
    view.status_filter.setCurrentIndex(view.status_filter.findData("upcoming"))
    assert view.models["follow_ups"].rowCount() == 1
    view.views["follow_ups"].setFocus()
    view.done_button.click()
    assert journal.get(saved.id).done is not None
    assert view.models["follow_ups"].rowCount() == 0
    view.status_filter.setCurrentIndex(view.status_filter.findData("done"))
    assert view.models["follow_ups"].rowCount() == 1


def test_another_journal_replaces_the_open_one(qtbot, window, tmp_path) -> None:
    """After switching, the window shows the other journal's entries and name."""
    from msjournal.journal import Journal

    other = Journal.open(tmp_path / "other.sqlite")
    other.add("t", {"taken": "2026-01-05T08:00", "value": "36.9", "unit": "C"})
    window.switch_journal(other)
    assert "other.sqlite" in window.windowTitle()
    window.show_page(1)
    assert window.journal_view.all_model.rowCount() == 1


def test_trends_page_is_made_on_first_show(qtbot, window, keyboard) -> None:
    """The Trends tab builds its content only when it is first shown (Ctrl+4)."""
    assert window.trends.view is None
    keyboard.shortcut(window, "Ctrl+4")
    assert window.trends.view is not None


def test_window_size_is_remembered(qtbot, journal) -> None:
    """Closing saves the window geometry; the next window opens at the same size."""
    from msjournal.ui.main_window import MainWindow

    first = MainWindow(journal)
    qtbot.addWidget(first)
    first.show()
    size = (first.minimumSizeHint().width() + 10, 520)  # inside the 800x600 offscreen screen
    first.resize(*size)
    first.close()
    second = MainWindow(journal)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == size


def test_larger_text_grows_the_font(qtbot, window, keyboard) -> None:
    """Ctrl++ makes every text larger, and the choice is remembered."""
    from msjournal.ui import preferences

    before = QApplication.font().pointSizeF()
    window.step_text_size(1)
    assert QApplication.font().pointSizeF() > before >= 12
    assert preferences.text_size() == "large"
    window.step_text_size(-1)


def _combo_text_fits(combo) -> bool:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    widest = max(
        combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
    )
    # Under the theme's style sheet the edit field's rectangle rounds the font's fractional
    # width down by one pixel; the text is still drawn whole (checked on screenshots).
    return field.width() + 1 >= widest


def test_treatment_filter_shows_its_whole_text_at_every_text_size(
    qtbot, planned_journal, qapp
) -> None:
    """At 1100 px the Journal's treatment filter shows every treatment name in full,
    normal or largest."""
    from msjournal.ui.appearance import apply_text_size
    from msjournal.ui.main_window import MainWindow

    planned_journal.add(
        "inf",
        {
            "treatment": "iv_methylprednisolone",
            "start": "2025-02-01T09:00",
            "dose": "1000",
            "dose_unit": "mg",
        },
    )
    try:
        for size in ("normal", "largest"):
            apply_text_size(qapp, size)
            window = MainWindow(planned_journal)
            qtbot.addWidget(window)
            window.resize(1100, 800)
            window.show()
            window.pages.setCurrentWidget(window.journal_page)
            combo = window.journal_view.treatment_filter
            qtbot.waitUntil(lambda combo=combo: combo.isVisible() and combo.count() == 3)
            assert combo.currentText() == "All treatments"
            # once the layout has settled
            qtbot.waitUntil(lambda combo=combo: _combo_text_fits(combo))
            window.close()
    finally:
        apply_text_size(qapp, "normal")


def test_follow_ups_list_the_latest_first_like_every_other_table(qtbot, window, journal) -> None:
    """Issue "Accessibility", minor: 'follow-ups list oldest-first'."""
    journal.add("f", {"kind": "lab_test", "title": "Old blood test", "due": "2024-01-10"})
    journal.add("f", {"kind": "appointment", "title": "Next review", "due": "2027-01-10"})
    window.show_page(1)
    window.refresh()
    view = window.journal_view.views["follow_ups"]
    model = view.model()
    titles = [
        model.data(model.index(row, column))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.data(model.index(row, column)) in ("Old blood test", "Next review")
    ]
    assert titles == ["Next review", "Old blood test"]
