"""Start the window: `msjournal`, `msjournal --demo`, `--journal PATH`, `--quit-after-show`."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import automatic, health
from msjournal.storage import sqlcipher as encryption
from msjournal.storage.journal_lock import OpenInAnotherWindow, WindowClaim, claim_window
from msjournal.storage.paths import resolve_journal

if TYPE_CHECKING:
    from msjournal.ui.main_window import MainWindow

DEMO_YEARS = 3
BACKUP_CHECK_MS = 5 * 60 * 1000
CHANGES_CHECK_MS = 3000  # how soon the window shows what a command wrote to its journal


class StartCancelled(Exception):
    """The person chose Quit at the passphrase question: exit quietly, nothing written."""


def _ask_passphrase(path: Path) -> str | None:
    """For an encrypted journal, the passphrase that opens it (asked in the window)."""
    if not encryption.looks_encrypted(path):
        return None
    if not encryption.available():
        from msjournal.ui.dialogs.passphrase_dialogs import NOT_INSTALLED

        raise JournalError(NOT_INSTALLED)
    from msjournal.ui.dialogs.passphrase_dialogs import ask_at_start

    passphrase = ask_at_start(path)
    if passphrase is None:
        raise StartCancelled()
    return passphrase


def _unattended_refusal(path: Path, passphrase_needed: bool) -> str:
    """Why --quit-after-show (an automation flag) opened nothing instead of waiting in a dialog."""
    if passphrase_needed:
        return (
            f"{path} is protected with a passphrase, and --quit-after-show never asks for "
            f"it; nothing was opened."
        )
    return (
        f"{path} did not pass the quick check, and --quit-after-show does not offer the "
        f"restore dialog; it was left untouched. Run 'msjournal check' for details."
    )


def _open_demo() -> tuple[Journal, Path]:
    from msjournal.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="msjournal-demo-"))
    try:
        return write_demo(folder / "demo-journal.sqlite", years=DEMO_YEARS), folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def open_journal(args: argparse.Namespace) -> tuple[Journal, Path | None]:
    """The person's journal, another file, or a fresh demo copy (never the person's own).

    Returns the journal and, for the demo, the temporary folder to delete on exit.
    """
    if getattr(args, "demo", False):
        return _open_demo()
    path = resolve_journal(getattr(args, "journal", None))
    unattended = getattr(args, "quit_after_show", False)
    if unattended and encryption.looks_encrypted(path):
        raise JournalError(_unattended_refusal(path, passphrase_needed=True))
    passphrase = _ask_passphrase(path)
    report = health.quick_check(path, passphrase)
    if not report.ok and not report.damaged:
        raise JournalError(f"{report.message()} Nothing was opened.")
    if not report.ok:
        if unattended:
            raise JournalError(_unattended_refusal(path, passphrase_needed=False))
        from msjournal.ui.dialogs.backup_dialogs import damaged_journal_dialog

        if damaged_journal_dialog(None, path, passphrase) is None:
            raise JournalError(f"{path} is damaged and was left untouched; nothing was opened.")
    return automatic.open_journal(path, passphrase), None


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):  # a non-widget Qt application was made before
        raise RuntimeError("msjournal's window needs a QApplication")
    app.setApplicationName("msjournal")
    app.setOrganizationName("msjournal")
    app.setApplicationDisplayName("msjournal")
    from msjournal.ui.appearance import apply_text_size

    apply_text_size(app)
    return app


def _refuse(message: str, show_box: bool = True) -> int:
    """An expected failure at start-up: a plain message box, never a traceback."""
    if show_box:
        QMessageBox.critical(None, "msjournal cannot open the journal", message)
    print(f"msjournal: {message}", file=sys.stderr)
    return 1


def _keep_backing_up(app: QApplication, window: MainWindow) -> QTimer:
    timer = QTimer(app)
    timer.timeout.connect(lambda: automatic.backup_if_due(window.journal))
    timer.start(BACKUP_CHECK_MS)
    return timer


def _claim(args: argparse.Namespace) -> WindowClaim:
    """This window's claim on its journal (a demo copy is private to it already)."""
    if getattr(args, "demo", False):
        return WindowClaim(Path(), None)
    return claim_window(resolve_journal(getattr(args, "journal", None)))


def run_window(args: argparse.Namespace) -> int:
    app = application()
    unattended = getattr(args, "quit_after_show", False)
    try:
        claim = _claim(args)
    except OpenInAnotherWindow as error:
        if unattended:
            return _refuse(str(error), show_box=False)
        from msjournal.ui.single_window import explain_second_window

        explain_second_window(None, error)
        return 0
    try:
        journal, demo_folder = open_journal(args)
    except StartCancelled:
        claim.release()
        return 0
    except JournalError as error:
        claim.release()
        return _refuse(str(error), show_box=not unattended)
    try:
        return _show(app, journal, demo_folder is not None, unattended, claim)
    finally:
        claim.release()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


def _watch_for_changes(app: QApplication, window: MainWindow) -> QTimer:
    """Commands may write to the journal while the window is open: show what they wrote."""
    timer = QTimer(app)
    timer.timeout.connect(window.refresh_if_changed_elsewhere)
    timer.start(CHANGES_CHECK_MS)
    return timer


def _show(
    app: QApplication, journal: Journal, demo: bool, unattended: bool, claim: WindowClaim
) -> int:
    from msjournal.ui.main_window import MainWindow
    from msjournal.ui.single_window import WindowOwnership

    window = MainWindow(journal, demo=demo)
    window.ownership = WindowOwnership(window, claim)
    window.show()
    if unattended:
        window.repaint()
        app.processEvents()
        QTimer.singleShot(0, app.quit)
    elif not demo:
        QTimer.singleShot(0, window.offer_first_run)  # a new journal: therapy, unit, name
    timers = [_keep_backing_up(app, window), _watch_for_changes(app, window)]
    from msjournal.ui.idle_lock import IdleLock

    lock = IdleLock(window)
    try:
        return app.exec()
    finally:
        for timer in timers:
            timer.stop()
        lock.stop()
        automatic.backup_on_exit(window.journal)
        window.journal.close()
        window.ownership.release()
