"""File menu handlers that load their modules only when chosen (summary, export, backup, charts).

Nothing here is imported by those modules at start-up, so matplotlib and reportlab stay unloaded
until the person asks for them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from msjournal.model.errors import JournalError
from msjournal.safety import automatic
from msjournal.storage.journal_lock import OpenInAnotherWindow, claim_window
from msjournal.ui.window_protocol import JournalWindow, as_widget


def _not_available(window: JournalWindow, what: str) -> None:
    QMessageBox.information(
        as_widget(window), "Not available yet", f"{what} is not available in this version yet."
    )


def prepare_summary(window: JournalWindow) -> None:
    try:
        from msjournal.ui.dialogs.summary_dialog import prepare_summary as run
    except ImportError:
        return _not_available(window, "The appointment summary")
    run(as_widget(window), window.journal)


def save_summary_web_page(window: JournalWindow) -> None:
    from msjournal.ui.dialogs.summary_dialog import save_web_page

    save_web_page(as_widget(window), window.journal)


def print_summary(window: JournalWindow) -> None:
    try:
        from msjournal.ui.dialogs.summary_dialog import print_summary as run
    except ImportError:
        return _not_available(window, "Printing the summary")
    run(as_widget(window), window.journal)


def export(window: JournalWindow, kind: str) -> None:
    try:
        from msjournal.ui.dialogs.exchange_dialogs import export_dialog
    except ImportError:
        return _not_available(window, "Export")
    export_dialog(as_widget(window), window.journal, kind)


def import_file(window: JournalWindow) -> None:
    try:
        from msjournal.ui.dialogs.exchange_dialogs import import_dialog
    except ImportError:
        return _not_available(window, "Import")
    if import_dialog(as_widget(window), window.journal):
        window.refresh()


def backup_now(window: JournalWindow) -> None:
    try:
        from msjournal.ui.dialogs.backup_dialogs import backup_now as run
    except ImportError:
        return _not_available(window, "Backup")
    run(as_widget(window), window.journal)


def restore(window: JournalWindow) -> None:
    try:
        from msjournal.ui.dialogs.backup_dialogs import restore_dialog
    except ImportError:
        return _not_available(window, "Restore")
    replaced = restore_dialog(as_widget(window), window.journal)
    if replaced is not None:
        window.switch_journal(replaced)


def open_other_journal(window: JournalWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        as_widget(window),
        "Open or create a journal file",
        str(window.journal.path.parent),
        "msjournal journal (*.sqlite);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path or Path(path).resolve() == window.journal.path.resolve():
        return
    from msjournal.ui.single_window import explain_second_window

    try:
        claim = claim_window(Path(path))
    except OpenInAnotherWindow as error:
        explain_second_window(as_widget(window), error)
        return
    try:
        journal = automatic.open_journal(Path(path))
    except JournalError as error:
        claim.release()
        QMessageBox.warning(as_widget(window), "Could not open the journal", str(error))
        return
    if window.ownership is not None:
        window.ownership.move_to(claim)
    window.switch_journal(journal)
