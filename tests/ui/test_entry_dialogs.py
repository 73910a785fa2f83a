"""Entry dialogs driven from the keyboard: typing, Tab, Enter to save, Escape to cancel."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msjournal.ui.dialogs.follow_up_dialog import FollowUpDialog
from msjournal.ui.dialogs.infusion_dialog import InfusionDialog
from msjournal.ui.dialogs.plan_dialog import PlanDialog
from msjournal.ui.dialogs.side_effect_dialog import SideEffectDialog
from msjournal.ui.dialogs.temperature_dialog import TemperatureDialog
from tests.ui.conftest import focused, show_active


def _open(qtbot, cls, journal, record=None):
    dialog = cls.start(journal, None, record)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def test_temperature_typed_and_saved_with_enter(qtbot, journal, keyboard) -> None:
    """The cursor starts in the temperature box; typing 38.4 and Enter saves it in °C."""
    dialog = _open(qtbot, TemperatureDialog, journal)
    assert focused() is dialog.value
    keyboard.type("38.4")
    keyboard.enter()
    assert not dialog.isVisible()
    [reading] = journal.temperatures()
    assert reading.value == Decimal("38.4") and reading.unit == "C"


def test_invalid_temperature_shows_its_message_and_saves_nothing(qtbot, journal, keyboard) -> None:
    """Words or an impossible value get a message next to the field; nothing is written."""
    dialog = _open(qtbot, TemperatureDialog, journal)
    keyboard.type("warm")
    keyboard.enter()
    assert "expected a number" in dialog.field_error("value")
    assert "warm" in dialog.field_error("value")
    dialog.value.selectAll()
    keyboard.type("55")
    keyboard.enter()
    assert "between 30.0 and 45.0" in dialog.field_error("value")
    assert dialog.isVisible() and journal.temperatures() == []


def test_escape_cancels_without_saving(qtbot, journal, keyboard) -> None:
    """Escape on an untouched form closes it; on a changed form it asks first (issue
    "Accessibility": Escape discarded a filled-in entry without asking), and Enter keeps
    editing; Discard closes it. Nothing is saved either way."""
    dialog = _open(qtbot, TemperatureDialog, journal)
    keyboard.type("37.0")
    keyboard.escape()
    question = dialog.discard_question
    assert question is not None and dialog.isVisible()
    qtbot.waitUntil(question.isVisible)
    qtbot.keyClick(question, Qt.Key.Key_Return)  # the default: keep editing
    assert dialog.isVisible() and dialog.value.text() == "37.0"
    keyboard.escape()
    question = dialog.discard_question
    qtbot.waitUntil(question.isVisible)
    [discard] = [b for b in question.buttons() if b.text() == "&Discard"]
    discard.setFocus()
    qtbot.keyClick(discard, Qt.Key.Key_Space)
    assert not dialog.isVisible()
    assert journal.temperatures() == []


def test_escape_on_an_untouched_form_closes_at_once(qtbot, journal, keyboard) -> None:
    dialog = _open(qtbot, TemperatureDialog, journal)
    keyboard.escape()
    assert not dialog.isVisible() and dialog.discard_question is None


def test_temperature_in_fahrenheit_when_set(qtbot, journal, keyboard) -> None:
    """With °F chosen in settings the dialog takes Fahrenheit."""
    journal.update_settings(temperature_unit="F")
    dialog = _open(qtbot, TemperatureDialog, journal)
    assert "°F" in dialog.windowTitle() + dialog.value.placeholderText() + dialog.unit.currentText()
    keyboard.type("101.2")
    keyboard.enter()
    [reading] = journal.temperatures()
    assert (reading.value, reading.unit) == (Decimal("101.2"), "F")


def test_side_effect_chosen_and_rated_from_the_keyboard(qtbot, journal, keyboard) -> None:
    """Type to pick the symptom, Tab to the severity, a digit sets it; words say how bad."""
    dialog = _open(qtbot, SideEffectDialog, journal)
    assert focused() is dialog.symptom
    keyboard.type("Dizz")
    assert dialog.symptom.currentData() == "dizziness"
    keyboard.tab()  # the description box is off for a listed symptom
    assert focused() is dialog.severity
    keyboard.type("8")
    assert dialog.severity.words.text() == "8 of 10: severe"
    keyboard.press(Qt.Key.Key_Left)
    assert dialog.severity.value() == 7
    assert dialog.severity.buttons[7].isChecked()
    keyboard.enter()
    [effect] = journal.side_effects()
    assert (effect.symptom, effect.severity, effect.resolved) == ("dizziness", 7, None)


def test_no_severity_is_recorded_until_the_person_picks_one(qtbot, journal, keyboard) -> None:
    """Issue "Accessibility", major 6: 'the side-effect severity starts at 3 "mild", so Enter
    records a severity nobody chose'."""
    dialog = _open(qtbot, SideEffectDialog, journal)
    assert dialog.severity.value() is None
    assert not any(button.isChecked() for button in dialog.severity.buttons)
    keyboard.enter()
    assert journal.side_effects() == []
    assert "choose how bad it is" in dialog.field_error("severity")
    assert focused() is dialog.severity
    keyboard.type("2")
    keyboard.enter()
    assert journal.side_effects()[0].severity == 2


def test_a_severity_button_can_be_clicked(qtbot, journal) -> None:
    """Eleven large buttons: easier with tremor than a 16 px slider handle (major 4)."""
    dialog = _open(qtbot, SideEffectDialog, journal)
    qtbot.mouseClick(dialog.severity.buttons[5], Qt.MouseButton.LeftButton)
    assert dialog.severity.value() == 5 and dialog.severity.words.text() == "5 of 10: moderate"
    assert dialog.severity.buttons[10].accessibleName() == "10 of 10: severe"


def test_the_slider_stays_an_option_and_also_starts_unchosen(qtbot, journal, keyboard) -> None:
    from msjournal.ui import preferences

    preferences.set_severity_slider(True)
    dialog = _open(qtbot, SideEffectDialog, journal)
    assert dialog.severity.value() is None
    keyboard.tab()
    keyboard.press(Qt.Key.Key_Right)
    assert dialog.severity.value() == 4  # the slider rests at 3; the first key chooses
    keyboard.type("6")
    keyboard.enter()
    assert journal.side_effects()[0].severity == 6


def test_an_urgent_symptom_says_get_help_the_moment_it_is_chosen(qtbot, journal, keyboard) -> None:
    """The urgent advice never waits for the severity or the save."""
    dialog = _open(qtbot, SideEffectDialog, journal)
    assert not dialog.urgent_note.isVisible()
    keyboard.type("Trouble")
    assert dialog.urgent_note.isVisible()
    assert "Get help now" in dialog.urgent_note.text()
    keyboard.type("")
    dialog.symptom.setCurrentIndex(dialog.symptom.findData("headache"))
    assert not dialog.urgent_note.isVisible()


def test_something_else_needs_a_description(qtbot, journal, keyboard) -> None:
    """Choosing 'something else' without describing it shows the message at the description."""
    dialog = _open(qtbot, SideEffectDialog, journal)
    dialog.symptom.setCurrentIndex(dialog.symptom.findData("other"))
    dialog.severity.setValue(3)
    keyboard.enter()
    assert "describe the symptom" in dialog.field_error("other_label")
    assert focused() is dialog.other_label
    keyboard.type("Tingling lips")
    keyboard.enter()
    assert journal.side_effects()[0].other_label == "Tingling lips"


def test_infusion_defaults_from_therapy_and_last_infusion(qtbot, planned_journal, keyboard) -> None:
    """Treatment, dose, site, centre and dose number are filled in; Enter saves it."""
    dialog = _open(qtbot, InfusionDialog, planned_journal)
    assert dialog.treatment.currentData() == "natalizumab"
    assert (dialog.dose.text(), dialog.dose_unit.currentData()) == ("300", "mg")
    assert dialog.site.currentText() == "left forearm"
    assert dialog.location.currentText() == "City Infusion Centre"
    assert dialog.dose_number.text() == "2"
    keyboard.enter()
    last = planned_journal.last_infusion()
    assert last.dose_number == 2 and last.site == "left forearm"
    assert abs(last.start - datetime.now()) < timedelta(minutes=5)


def test_infusion_in_the_future_is_refused(qtbot, planned_journal, keyboard) -> None:
    """A start date next year gets the core's message next to 'Started'."""
    dialog = _open(qtbot, InfusionDialog, planned_journal)
    dialog.start_at.set_value(datetime.now() + timedelta(days=400))
    keyboard.enter()
    assert "is in the future" in dialog.field_error("start")
    assert len(planned_journal.infusions()) == 1


def test_half_a_blood_pressure_shows_the_measurements_page(
    qtbot, planned_journal, keyboard
) -> None:
    """An error on the second page switches to that page and puts the cursor on the field."""
    dialog = _open(qtbot, InfusionDialog, planned_journal)
    dialog.vitals["before"]["systolic"].setText("120")
    keyboard.enter()
    assert "needs both numbers" in dialog.field_error("diastolic_before")
    assert dialog.tabs.currentIndex() == 1
    assert focused() is dialog.vitals["before"]["diastolic"]
    keyboard.type("80")
    keyboard.enter()
    assert planned_journal.last_infusion().vitals_before.diastolic == 80


def test_follow_up_needs_a_title(qtbot, journal, keyboard) -> None:
    """Without a title the message shows at 'What'; with one, Enter saves the follow-up."""
    dialog = _open(qtbot, FollowUpDialog, journal)
    keyboard.enter()
    assert "short title" in dialog.field_error("title")
    assert journal.follow_ups() == []
    assert focused() is dialog.title
    keyboard.type("MRI scan")
    keyboard.enter()
    [follow_up] = journal.follow_ups()
    assert follow_up.title == "MRI scan" and follow_up.done is None


def test_tab_order_follows_the_form(qtbot, journal, keyboard) -> None:
    """Tab walks the follow-up form from top to bottom, then to the buttons."""
    dialog = _open(qtbot, FollowUpDialog, journal)
    expected = [
        dialog.kind_box,
        dialog.title,
        dialog.due,
        dialog.with_whom,
        dialog.done_field.check,
    ]
    seen = [focused()]
    for _ in expected[1:]:
        keyboard.tab()
        seen.append(focused())
    assert seen == expected


def test_editing_keeps_the_entry_and_changes_it(qtbot, journal, keyboard) -> None:
    """Changing a saved temperature updates it in place (same id)."""
    saved = journal.add("t", {"taken": "2026-01-05T08:00", "value": "37.0", "unit": "C"})
    dialog = _open(qtbot, TemperatureDialog, journal, saved)
    assert dialog.value.text() == "37.0"
    dialog.value.selectAll()
    keyboard.type("37.6")
    keyboard.enter()
    [reading] = journal.temperatures()
    assert reading.id == saved.id and reading.value == Decimal("37.6")
    assert reading.taken == datetime(2026, 1, 5, 8, 0)


def test_plan_checklist_is_recorded(qtbot, journal, keyboard) -> None:
    """The two checks before starting a therapy are kept in the plan."""
    dialog = PlanDialog.start(journal)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.treatment.setCurrentIndex(dialog.treatment.findData("ocrelizumab"))
    dialog.evaluation.setFocus()
    keyboard.press(Qt.Key.Key_Space)
    keyboard.tab()
    keyboard.press(Qt.Key.Key_Space)
    keyboard.enter()
    plan = journal.plan()
    assert (plan.treatment, plan.evaluation_done, plan.risks_discussed) == (
        "ocrelizumab",
        True,
        True,
    )
    assert QApplication.activeModalWidget() is None


def test_starting_doses_already_given_follows_the_interval(qtbot, journal, keyboard) -> None:
    """Tab from the interval reaches 'starting doses were given before'; Space ticks it."""
    dialog = PlanDialog.start(journal)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.treatment.setCurrentIndex(dialog.treatment.findData("ocrelizumab"))
    dialog.interval.setFocus()
    keyboard.tab()
    keyboard.press(Qt.Key.Key_Space)
    assert dialog.loading.isChecked()
    keyboard.enter()
    assert journal.plan().loading_done


def test_mitoxantrone_doses_are_chosen_in_its_units(qtbot, journal, keyboard) -> None:
    """Issue "clinical edges", item 3: the window offers the treatment's units as a choice, so
    a mitoxantrone dose is counted toward its lifetime limit (clinical-facts.md §7)."""
    journal.set_plan({"treatment": "mitoxantrone", "started": "2026-01-01"})
    dialog = _open(qtbot, InfusionDialog, journal)
    assert dialog.dose_unit.currentData() == "mg/m2"
    assert not dialog.dose_unit.isEditable()
    units = [dialog.dose_unit.itemData(i) for i in range(dialog.dose_unit.count())]
    assert units[0] == "mg/m2" and "mg" in units
    keyboard.enter()
    [saved] = journal.infusions()
    assert saved.dose_unit == "mg/m2"


def test_a_unit_from_a_file_stays_as_it_was_typed(qtbot, planned_journal) -> None:
    from dataclasses import replace

    from msjournal.model.records import JournalData

    [first] = planned_journal.infusions()
    odd = replace(first, id="inf-odd", dose_unit="mg per m2")
    planned_journal.add_records(JournalData(infusions=(odd,)))
    dialog = _open(qtbot, InfusionDialog, planned_journal, planned_journal.get("inf-odd"))
    assert dialog.dose_unit.currentData() == "mg/m2", "the same unit, in its one spelling"
