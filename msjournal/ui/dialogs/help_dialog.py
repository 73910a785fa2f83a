"""The help window (F1): the offline help page in a text browser, beside the main window.

Not modal: the person can read it while using the window. Its text follows the app's text
size, Page Up/Down and the arrows scroll it, Tab moves between its links and Escape closes it.
The page itself is msjournal.help_text.help_html; the shortcuts come from the window's menus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from msjournal.help_text import SUBMENU, TITLE, Shortcut, help_html
from msjournal.journal import Journal
from msjournal.storage.paths import resolve_journal
from msjournal.ui.dialogs.dialog_size import comfortable_width

WIDTH_FACTOR = 1.4  # a little wider than a form: long lines of reading text
HEIGHT_SHARE = 0.85  # of the screen's available height


def _words(text: str) -> str:
    """A menu text as read: without its "&" mnemonic marks ("&&" is a real "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action_text: str, sequences: list[QKeySequence]) -> str:
    shown = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    keys = " or ".join(key for key in shown if key)
    if not keys and "\t" in action_text:  # a key shown in the menu text, e.g. "…\tDel"
        keys = action_text.split("\t", 1)[1].strip()
    return keys


def _menu_rows(menu: QMenu, name: str) -> list[Shortcut]:
    rows: list[Shortcut] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows.extend(_menu_rows(submenu, f"{name}{SUBMENU}{_words(submenu.title())}"))
            continue
        text = action.text()
        label = _words(text.split("\t", 1)[0]).strip()
        rows.append((name, label, _keys(text, action.shortcuts())))
    return rows


def menu_shortcuts(window: QWidget) -> list[Shortcut]:
    """Every action in the window's menu bar as (menu, action text without "&", keys); keys
    are "" for an action without a shortcut."""
    if not isinstance(window, QMainWindow):
        return []
    rows: list[Shortcut] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.isVisible():
            rows.extend(_menu_rows(menu, _words(menu.title())))
    return rows


class HelpDialog(QDialog):
    """The help page for a window's journal and menus; reused while it exists."""

    def __init__(self, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.window_shown = window
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Help text")
        self.browser.setAccessibleDescription(
            "How to log, what the alerts mean, where your data lives and the keyboard "
            "shortcuts. Page Down scrolls, Tab moves to the next link."
        )
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        # A long file path still wraps, so the page never scrolls sideways at large text.
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter while reading follows a link, never closes
        close.setDefault(False)
        close.setAccessibleName("Close the help")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.refresh()
        self._size_to_screen()

    def refresh(self) -> None:
        """Build the page again from the window's journal and menus as they are now."""
        journal = getattr(self.window_shown, "journal", None)
        if isinstance(journal, Journal):
            path, disclaimer = journal.path, journal.catalog.disclaimer
        else:
            path, disclaimer = resolve_journal(None), None
        shortcuts = menu_shortcuts(self.window_shown) if self.window_shown is not None else []
        self.browser.setHtml(help_html(path, shortcuts, disclaimer))

    def show_section(self, section: str | None) -> None:
        """Scroll to a section's anchor (msjournal.help_text.SECTIONS), or to the top."""
        if section:
            self.browser.scrollToAnchor(section)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width = int(comfortable_width(self) * WIDTH_FACTOR)
        height = int(width * 1.1)
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, area.width())
            height = min(height, int(area.height() * HEIGHT_SHARE))
        self.resize(width, height)


def show_help(window: QWidget, section: str | None = None) -> HelpDialog:
    """Open the help window (or bring the open one to the front), at `section` if given."""
    found = [d for d in window.findChildren(HelpDialog) if d.parent() is window]
    dialog = found[0] if found else HelpDialog(window)
    if found and not dialog.isVisible():
        dialog.refresh()  # the journal, the menus or the text size may have changed
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.browser.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    if section is not None or not found:
        dialog.show_section(section)
    return dialog
