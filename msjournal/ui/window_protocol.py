"""What the menus and file actions need from the main window, so they depend on this and not
on msjournal.ui.main_window (which builds them: that would be an import circle)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QMenuBar, QWidget

from msjournal.journal import Journal


class JournalWindow(Protocol):
    journal: Journal
    ownership: Any  # msjournal.ui.single_window.WindowOwnership, once the window is shown
    entry_actions: Any  # msjournal.ui.entry_actions.EntryActions

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 (Qt's name)

    def close(self) -> bool: ...

    def refresh(self) -> None: ...

    def switch_journal(self, journal: Journal) -> None: ...

    def show_page(self, index: int) -> None: ...

    def step_text_size(self, step: int) -> None: ...

    def about(self) -> None: ...

    def change_plan(self) -> Any: ...

    def open_settings(self) -> Any: ...

    def edit_selected(self) -> None: ...

    def delete_selected(self) -> None: ...

    def mark_selected_done(self) -> None: ...

    def undo_delete(self) -> None: ...

    def find(self) -> None: ...


def as_widget(window: JournalWindow) -> QWidget:
    """The window as the parent of a dialog (it is a QMainWindow)."""
    assert isinstance(window, QWidget)
    return window
