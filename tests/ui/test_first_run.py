"""The first-run step and an infusion form that fills in nothing before a therapy is set.

Issue "Accessibility for people with MS", major 6: on a new journal with no therapy set,
Ctrl+I then Enter saved Natalizumab 300 mg. Now a first-run step asks for the therapy (or "not on
infusions yet"), the temperature unit and a name for the summary; it can be skipped and redone
from Settings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLabel, QWidget

from msjournal.journal import Journal
from msjournal.model.errors import ValidationError
from msjournal.model.settings import DEFAULTS
from msjournal.ui.dialogs.first_run_dialog import (
    FirstRunDialog,
    needs_first_run,
    offer_first_run,
)
from msjournal.ui.dialogs.infusion_dialog import InfusionDialog
from msjournal.ui.dialogs.settings_dialog import SettingsDialog
from tests.ui.conftest import Keyboard, focused, show_active


class StubWindow(QWidget):
    """What offer_first_run needs from the main window: the journal and a refresh."""

    def __init__(self, journal: Journal):
        super().__init__()
        self.journal = journal
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def _offer(qtbot: object, journal: Journal) -> tuple[FirstRunDialog, StubWindow]:
    window = StubWindow(journal)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    dialog = offer_first_run(window)  # type: ignore[arg-type]
    assert dialog is not None, "a new journal is offered the first-run step"
    show_active(qtbot, dialog)
    return dialog, window


def test_a_new_journal_needs_the_first_run(qtbot, journal: Journal) -> None:
    """It opens over the window, non-blocking, with the cursor on the therapy question and
    nothing chosen for the person."""
    assert needs_first_run(journal)
    dialog, _ = _offer(qtbot, journal)
    assert dialog.isVisible() and dialog.windowTitle() == "Set up your journal"
    assert focused() is dialog.therapy
    assert dialog.therapy.currentText() == "I'll choose later"
    assert not dialog.started.isEnabled()


def test_natalizumab_fahrenheit_and_a_name_typed_then_enter(
    qtbot, journal: Journal, keyboard: Keyboard
) -> None:
    dialog, window = _offer(qtbot, journal)
    keyboard.type("Nat")  # the list jumps to the first treatment starting with the letters
    assert dialog.therapy.currentData() == "natalizumab"
    keyboard.tab()
    assert focused() is dialog.started.check, "a start date is asked once a therapy is chosen"
    keyboard.press(Qt.Key.Key_Space)
    keyboard.tab(2)  # past the date (today) to the unit
    assert focused() is dialog.unit
    keyboard.press(Qt.Key.Key_Down)
    keyboard.tab()
    assert focused() is dialog.name
    keyboard.type("Alex Example")
    keyboard.enter()
    assert not dialog.isVisible()
    plan = journal.plan()
    assert plan is not None and plan.treatment == "natalizumab" and plan.started == date.today()
    settings = journal.settings()
    assert (settings.temperature_unit, settings.person_name) == ("F", "Alex Example")
    assert not needs_first_run(journal) and window.refreshed == 1


def test_skip_sets_nothing_and_is_not_offered_again(
    qtbot, journal: Journal, keyboard: Keyboard
) -> None:
    dialog, window = _offer(qtbot, journal)
    keyboard.type("Nat")
    for _ in range(8):  # Tab through the questions to the Skip button
        if focused() is dialog.skip_button:
            break
        keyboard.tab()
    assert focused() is dialog.skip_button and dialog.skip_button.text() == "S&kip for now"
    keyboard.press(Qt.Key.Key_Space)
    assert not dialog.isVisible()
    assert journal.plan() is None and journal.settings() == DEFAULTS and journal.is_empty()
    assert not needs_first_run(journal) and window.refreshed == 0
    assert offer_first_run(window) is None  # type: ignore[arg-type]


def test_not_on_infusions_yet_fills_in_nothing(qtbot, journal: Journal, keyboard: Keyboard) -> None:
    dialog, _ = _offer(qtbot, journal)
    keyboard.press(Qt.Key.Key_End)  # the last choice
    assert dialog.therapy.currentText() == "Not on infusions yet"
    assert not dialog.started.isEnabled()
    keyboard.enter()
    assert not dialog.isVisible() and journal.plan() is None and not needs_first_run(journal)
    form = InfusionDialog.start(journal)
    qtbot.addWidget(form)
    assert form.treatment.currentIndex() == -1 and form.dose.text() == ""


def test_relapse_treatments_are_not_offered_as_a_therapy(qtbot, journal: Journal) -> None:
    dialog, _ = _offer(qtbot, journal)
    offered = {dialog.therapy.itemData(i) for i in range(dialog.therapy.count())}
    assert "natalizumab" in offered and "ocrelizumab" in offered
    assert "iv_methylprednisolone" not in offered and "plasma_exchange" not in offered


def test_not_offered_on_a_journal_with_entries_or_a_plan(
    qtbot, journal: Journal, tmp_path: Path
) -> None:
    window = StubWindow(journal)
    qtbot.addWidget(window)
    journal.add("t", {"taken": "2026-01-05T08:00", "value": "37.1", "unit": "C"})
    assert not needs_first_run(journal)
    assert offer_first_run(window) is None  # type: ignore[arg-type]
    planned = Journal.open(tmp_path / "planned.sqlite")
    try:
        assert needs_first_run(planned), "each journal is asked on its own"
        planned.set_plan({"treatment": "ocrelizumab"})
        assert not needs_first_run(planned)
    finally:
        planned.close()


def test_a_refused_answer_is_shown_next_to_its_field_and_nothing_is_saved(
    qtbot, journal: Journal, keyboard: Keyboard, monkeypatch
) -> None:
    def refuse(**changes: object) -> None:
        raise ValidationError("person_name", changes.get("person_name"), "is too long")

    dialog, _ = _offer(qtbot, journal)
    keyboard.type("Nat")
    monkeypatch.setattr(journal, "update_settings", refuse)
    dialog.name.setText("Alex")
    keyboard.enter()
    assert dialog.isVisible()
    assert "Your name for the summary: is too long" in dialog.field_error("person_name")
    assert "Alex" in dialog.field_error("person_name")
    assert focused() is dialog.name
    assert journal.plan() is None and needs_first_run(journal)


def test_every_control_is_named_and_every_alt_letter_is_unique(qtbot, journal: Journal) -> None:
    dialog, _ = _offer(qtbot, journal)
    texts = [b.text() for b in dialog.findChildren(QAbstractButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    letters = [t.replace("&&", "").split("&")[1][0].lower() for t in texts if "&" in t]
    assert len(letters) >= 6 and len(letters) == len(set(letters)), texts
    unnamed = [
        type(w).__name__
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
        and not isinstance(w, QLabel)
        and w.isVisibleTo(dialog)
        and not isinstance(w.parentWidget(), QAbstractSpinBox)  # the date box's own text
    ]
    assert unnamed == []


def test_an_infusion_on_a_fresh_journal_saves_nothing_with_enter(
    qtbot, journal: Journal, keyboard: Keyboard
) -> None:
    """Ctrl+I then Enter used to save Natalizumab 300 mg: now no treatment or dose is filled
    in, and Enter names the treatment field; choosing one then fills in its usual dose."""
    dialog = InfusionDialog.start(journal)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.treatment.currentIndex() == -1
    assert dialog.treatment.placeholderText() == "Choose the treatment"
    assert dialog.dose.text() == "" and dialog.dose_number.text() == ""
    keyboard.enter()
    assert dialog.isVisible() and journal.infusions() == []
    assert dialog.field_error("treatment").startswith("⚠ Treatment:")
    assert focused() is dialog.treatment
    keyboard.type("Ocr")
    assert dialog.treatment.currentData() == "ocrelizumab"
    keyboard.enter()
    [saved] = journal.infusions()
    assert saved.treatment == "ocrelizumab"


def test_settings_set_up_again_opens_the_first_run(
    qtbot, journal: Journal, keyboard: Keyboard
) -> None:
    """Settings › Set up again… asks again; what it saves shows in Settings at once."""
    settings = SettingsDialog(journal)
    qtbot.addWidget(settings)
    settings.open()
    show_active(qtbot, settings)
    assert settings.first_run_button.text() == "Set up agai&n…"
    settings.first_run_button.setFocus()
    keyboard.press(Qt.Key.Key_Space)
    dialog = settings.first_run
    qtbot.waitUntil(lambda: dialog.isVisible() and focused() is dialog.therapy)
    keyboard.type("Ocr")
    keyboard.tab(2)  # the start date stays unticked
    keyboard.press(Qt.Key.Key_Down)  # °F
    keyboard.enter()
    plan = journal.plan()
    assert plan is not None and plan.treatment == "ocrelizumab" and plan.started is None
    assert settings.unit.currentData() == "F"
    assert "Ocrelizumab" in settings.plan_label.text()
