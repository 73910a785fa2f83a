"""The help window (F1): the window's own shortcuts, a named text browser the keyboard scrolls,
one window reused, Escape closes it.

Issue "Accessibility for people with MS": F1 to real help, offline, inside the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QPushButton

from msjournal.help_text import SHORTCUTS
from msjournal.ui.dialogs.help_dialog import HelpDialog, menu_shortcuts, show_help


def _menu_keys(window: QMainWindow) -> dict[str, str]:
    """Each menu action's words (no "&", no key hint) and its first shortcut, as Qt has them."""
    found: dict[str, str] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if isinstance(menu, QMenu) else []:
            if not action.shortcut().isEmpty():
                words = action.text().split("\t")[0].replace("&", "")
                found[words] = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return found


def test_help_lists_the_windows_real_shortcuts(qtbot: Any, window: QMainWindow) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    keys = _menu_keys(window)
    assert keys["Infusion…"] == "Ctrl+I"
    for words, key in keys.items():
        assert (words, key) in {(a, k.split(" or ")[0]) for _m, a, k in menu_shortcuts(window)}
        assert key in text, words
    html = dialog.browser.toHtml()
    assert "Ctrl+I" in html[html.find('name="shortcuts"') :]  # in the shortcuts section


def test_a_shortcut_added_to_the_window_appears_in_help(qtbot: Any, window: QMainWindow) -> None:
    log = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Log")
    assert isinstance(log, QMenu)
    extra = log.addAction("&Made-up entry for this test")
    extra.setShortcut(QKeySequence("Ctrl+Shift+F9"))
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    assert "Made-up entry for this test" in dialog.browser.toPlainText()
    assert "Ctrl+Shift+F9" in dialog.browser.toPlainText()


def test_the_text_browser_has_an_accessible_name_and_the_focus(
    qtbot: Any, window: QMainWindow
) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    assert dialog.browser.accessibleName() == "Help text"
    assert not dialog.isModal()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.browser)


def test_page_down_scrolls_the_help(qtbot: Any, window: QMainWindow) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    bar = dialog.browser.verticalScrollBar()
    assert bar.maximum() > 0, "the help should be longer than one screen"
    assert bar.value() == 0
    qtbot.keyClick(dialog.browser, Qt.Key.Key_PageDown)
    assert bar.value() > 0


def test_a_section_is_scrolled_into_view(qtbot: Any, window: QMainWindow) -> None:
    dialog = show_help(window, SHORTCUTS)
    qtbot.addWidget(dialog)
    bar = dialog.browser.verticalScrollBar()
    assert bar.value() > 0
    top = dialog.browser.cursorForPosition(dialog.browser.viewport().rect().topLeft())
    top.select(top.SelectionType.BlockUnderCursor)
    assert "Keyboard shortcuts" in top.selectedText()


def test_the_keyboard_follows_a_contents_link_and_reaches_close(
    qtbot: Any, window: QMainWindow
) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.browser)
    for _ in range(5):  # the fifth link of the contents
        qtbot.keyClick(dialog.browser, Qt.Key.Key_Tab)
    assert dialog.browser.textCursor().selectedText() == "Keyboard shortcuts"
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Return)
    assert dialog.browser.verticalScrollBar().value() > 0
    assert dialog.isVisible()
    for _ in range(30):  # Tab leaves the page in the end: nobody is trapped in it
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if isinstance(QApplication.focusWidget(), QPushButton):
            break
    assert QApplication.focusWidget() is dialog.findChild(QPushButton)


def test_a_second_call_reuses_the_open_window(qtbot: Any, window: QMainWindow) -> None:
    first = show_help(window)
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first.browser)
    qtbot.keyClick(first.browser, Qt.Key.Key_PageDown)
    scrolled = first.browser.verticalScrollBar().value()
    close = first.findChild(QPushButton)
    assert close is not None
    close.setFocus()
    assert QApplication.focusWidget() is not first.browser
    second = show_help(window)
    assert second is first
    assert QApplication.focusWidget() is first.browser  # ready to scroll again
    assert len(window.findChildren(HelpDialog)) == 1
    assert second.isVisible()
    assert second.browser.verticalScrollBar().value() == scrolled  # the place is kept


def test_escape_closes_the_help(qtbot: Any, window: QMainWindow) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.browser)
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    again = show_help(window)  # F1 again: the same window, shown from the top
    assert again is dialog and again.isVisible()
    assert again.browser.verticalScrollBar().value() == 0


def test_enter_while_reading_does_not_close_the_help(qtbot: Any, window: QMainWindow) -> None:
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_the_help_text_grows_with_the_text_size(qtbot: Any, window: QMainWindow) -> None:
    from msjournal.ui.appearance import apply_text_size

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = show_help(window)
    qtbot.addWidget(dialog)
    before = dialog.browser.document().defaultFont().pointSizeF()
    height = dialog.browser.document().size().height()
    try:
        apply_text_size(app, "largest")
        assert dialog.browser.document().defaultFont().pointSizeF() > before * 1.5
        assert dialog.browser.document().size().height() > height * 1.3
    finally:
        apply_text_size(app, "normal")
