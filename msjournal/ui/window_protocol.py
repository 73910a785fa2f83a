"""What the menus and file actions need from the main window, so they depend on this and not
on msjournal.ui.main_window (which builds them: that would be an import circle)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMenuBar, QWidget

from msjournal.journal import Journal

if TYPE_CHECKING:
    from msjournal.ui.entry_actions import EntryActions
    from msjournal.ui.single_window import WindowOwnership


class JournalWindow(Protocol):
    journal: Journal
    ownership: WindowOwnership | None  # set once the window is shown
    entry_actions: EntryActions

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 (Qt's name)

    def close(self) -> bool: ...

    def refresh(self) -> None: ...

    def switch_journal(self, journal: Journal) -> None: ...

    def show_page(self, index: int) -> None: ...

    def step_text_size(self, step: int) -> None: ...

    def about(self) -> None: ...

    def change_plan(self) -> object: ...

    def open_settings(self) -> object: ...

    def edit_selected(self) -> None: ...

    def delete_selected(self) -> None: ...

    def mark_selected_done(self) -> None: ...

    def undo_delete(self) -> None: ...

    def find_in_journal(self) -> None: ...


def as_widget(window: JournalWindow) -> QWidget:
    """The window as the parent of a dialog (it is a QMainWindow)."""
    assert isinstance(window, QWidget)
    return window
