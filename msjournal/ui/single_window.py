"""One window per journal: a second window on the same journal brings the first to the front.

Two windows on one journal could each save over the other's changes, so the second one does
not open. It leaves a request file beside the journal (`<journal>.show-window`); the first
window watches its folder (QFileSystemWatcher: no sockets, msjournal opens no network
connection of any kind), removes the request and comes to the front. The claim itself is
msjournal.storage.journal_lock's window lock, which the operating system drops when a window's
process ends, even when it is killed.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from msjournal.storage.journal_lock import OpenInAnotherWindow, WindowClaim, claim_window

WAIT_SECONDS = 2.0


def request_path(journal_path: Path) -> Path:
    journal_path = Path(journal_path)
    return journal_path.with_name(journal_path.name + ".show-window")


class WindowOwnership(QObject):
    """This window's claim on its journal, and the watch that lets a second window find it."""

    def __init__(self, window: QWidget, claim: WindowClaim):
        super().__init__(window)
        self.window = window
        self.claim = claim
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _folder: self._answer_request())
        self._watch()

    def _watch(self) -> None:
        if not self.claim.held:
            return  # a demo copy, or a read-only folder: nobody else can ask
        request_path(self.claim.journal_path).unlink(missing_ok=True)  # left by a killed one
        folder = str(self.claim.journal_path.parent)
        if folder and Path(folder).is_dir():
            self.watcher.addPath(folder)

    def _answer_request(self) -> None:
        request = request_path(self.claim.journal_path)
        if request.exists():
            request.unlink(missing_ok=True)
            bring_to_front(self.window)

    def move_to(self, claim: WindowClaim) -> None:
        """The window now shows another journal: hold that one instead."""
        self.release()
        self.claim = claim
        self._watch()

    def release(self) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.claim.release()


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def ask_first_window_to_show(journal_path: Path, wait: float = WAIT_SECONDS) -> bool:
    """Ask the window that has this journal to come to the front; True when it answered."""
    request = request_path(journal_path)
    try:
        request.write_bytes(b"")
    except OSError:
        return False
    deadline = time.monotonic() + wait
    while request.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    answered = not request.exists()
    request.unlink(missing_ok=True)
    return answered


def explain_second_window(parent: QWidget | None, error: OpenInAnotherWindow) -> None:
    """Say that the journal is open elsewhere, and offer to show that window."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("This journal is already open")
    box.setText(
        f"{error} Two windows on one journal could save over each other's changes, "
        f"so this one does not open."
    )
    show = box.addButton("&Show the open window", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(show)
    box.exec()
    if box.clickedButton() is show and not ask_first_window_to_show(error.journal_path):
        QMessageBox.information(
            parent,
            "This journal is already open",
            "The other window did not answer. Switch to it from the task "
            "bar, or close it and open the journal again.",
        )


__all__ = [
    "OpenInAnotherWindow",
    "WindowOwnership",
    "ask_first_window_to_show",
    "bring_to_front",
    "claim_window",
    "explain_second_window",
    "request_path",
]
