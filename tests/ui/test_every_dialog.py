"""Every page and dialog: unique Alt letters, every focusable control named, inside the screen.

Issue "Accessibility for people with MS": 'a test that walks every window and dialog and fails on
a clash' (mnemonics); major 9, 'unnamed controls in the Tab order' (the Today scroll area, the
edit boxes of the Infusion dialog's editable combos, the Settings scroll area, the search field's
clear button, the summary's questions box; Journal filters named by their current value; both
unit combos on the Measurements tab named the same); and 'How to check it': every frame inside
the available geometry at every text size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.ui import appearance
from tests.ui.test_mnemonics import mnemonic


def _infusion(journal: Journal, parent: QWidget) -> QDialog:
    from msjournal.ui.dialogs.infusion_dialog import InfusionDialog

    return InfusionDialog(journal, parent)


def _entry(name: str) -> Callable[[Journal, QWidget], QDialog]:
    def make(journal: Journal, parent: QWidget) -> QDialog:
        module = __import__(f"msjournal.ui.dialogs.{name}", fromlist=["_"])
        cls = next(
            getattr(module, attr)
            for attr in dir(module)
            if attr.endswith("Dialog")
            and isinstance(getattr(module, attr), type)
            and getattr(module, attr).__module__ == module.__name__
        )
        return cls(journal, parent)  # type: ignore[no-any-return]

    return make


def _settings(journal: Journal, parent: QWidget) -> QDialog:
    return parent.open_settings()  # type: ignore[attr-defined,no-any-return]


def _summary(journal: Journal, parent: QWidget) -> QDialog:
    from msjournal.ui.dialogs.summary_dialog import SummaryDialog

    return SummaryDialog(parent, journal)


def _aftercare(journal: Journal, parent: QWidget) -> QDialog:
    from msjournal.ui.dialogs.aftercare_dialog import AftercareDialog

    infusion = journal.add("inf", {"treatment": "alemtuzumab", "start": "2026-11-30T09:00"})
    return AftercareDialog(journal, infusion, parent)  # type: ignore[arg-type]


DIALOGS: dict[str, Callable[[Journal, QWidget], QDialog]] = {
    "infusion": _infusion,
    "side effect": _entry("side_effect_dialog"),
    "temperature": _entry("temperature_dialog"),
    "follow-up": _entry("follow_up_dialog"),
    "relapse": _entry("relapse_dialog"),
    "test result": _entry("test_result_dialog"),
    "plan": _entry("plan_dialog"),
    "first run": _entry("first_run_dialog"),
    "settings": _settings,
    "summary": _summary,
    "aftercare": _aftercare,
}


@pytest.fixture
def dialog(request: pytest.FixtureRequest, qtbot, window, journal) -> Iterator[QDialog]:
    made = DIALOGS[request.param](journal, window)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()


def _pages(dialog: QDialog) -> list[list[QWidget]]:
    """The widgets a person sees together: each tab page apart, the rest always."""
    tabs = dialog.findChildren(QTabWidget)
    paged = {
        id(w) for t in tabs for i in range(t.count()) for w in t.widget(i).findChildren(QWidget)
    }
    common = [w for w in dialog.findChildren(QWidget) if id(w) not in paged]
    if not tabs:
        return [common]
    return [common + t.widget(i).findChildren(QWidget) for t in tabs for i in range(t.count())]


def _letters(widgets: list[QWidget]) -> list[tuple[str, str]]:
    found = []
    for widget in widgets:
        text = ""
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif (
            isinstance(widget, QLabel)
            and widget.buddy() is not None
            and widget.parent() is not widget.buddy()  # a wrapping check box's own text
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        if letter := mnemonic(text):
            found.append((letter, text))
    for tabs in (w for w in widgets if isinstance(w, QTabWidget)):
        for i in range(tabs.count()):
            if letter := mnemonic(tabs.tabText(i)):
                found.append((letter, tabs.tabText(i)))
    return found


@pytest.mark.parametrize("dialog", list(DIALOGS), indirect=True)
def test_no_two_controls_in_a_dialog_share_an_alt_letter(dialog: QDialog) -> None:
    for widgets in _pages(dialog):
        letters = _letters(widgets)
        seen = [letter for letter, _ in letters]
        clashes = sorted({m for m in seen if seen.count(m) > 1})
        assert clashes == [], [text for letter, text in letters if letter in clashes]


def _name(widget: QWidget) -> str:
    """What a screen reader says for the control: its name, or for a drop-down (whose name on
    Linux is its current value) the label that names it."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    if isinstance(widget, QComboBox):
        labels = interface.relations(QAccessible.RelationFlag.Label)
        named = [label.text(QAccessible.Text.Name).strip() for label, _ in labels]
        return next((n for n in named if n), "")
    return interface.text(QAccessible.Text.Name).strip()


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))  # their inner edit box
    ]


@pytest.mark.parametrize("dialog", list(DIALOGS), indirect=True)
def test_every_focusable_control_in_a_dialog_has_its_own_name(dialog: QDialog) -> None:
    for widget in _focusable(dialog):
        name = _name(widget)
        assert name, f"{type(widget).__name__} in {dialog.windowTitle()!r} has no name"


def test_every_focusable_control_of_the_window_has_its_own_name(qtbot, window) -> None:
    for page in range(window.pages.count()):
        window.show_page(page)
        qtbot.wait(50)
        for widget in _focusable(window):
            name = _name(widget)
            assert name, f"{type(widget).__name__} on page {page} has no name"


@pytest.mark.parametrize("dialog", list(DIALOGS), indirect=True)
def test_every_dialog_fits_the_screen_at_the_largest_text(qtbot, dialog: QDialog) -> None:
    app = QApplication.instance()
    appearance.apply_text_size(app, "largest")  # type: ignore[arg-type]
    try:
        dialog.adjustSize()
        from msjournal.ui.dialogs.dialog_size import fit_dialog

        fit_dialog(dialog)
        qtbot.wait(20)
        area = dialog.screen().availableGeometry()
        assert dialog.width() <= area.width() and dialog.height() <= area.height()
        body = getattr(dialog, "body", None)
        if body is not None:  # it may scroll down, never sideways
            assert body.horizontalScrollBar().maximum() == 0, "wider than the screen"
    finally:
        appearance.apply_text_size(app, "normal")  # type: ignore[arg-type]
        app.setStyleSheet("")  # type: ignore[union-attr]
