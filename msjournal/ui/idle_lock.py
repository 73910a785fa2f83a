"""Lock the window of a passphrase-protected journal after a while unused (off by default).

When locked, a cover hides everything the window shows, its menus and shortcuts stop working,
and open dialogs are hidden until the passphrase is typed again. The journal stays open, so
nothing typed before is lost. The setting is kept in QSettings (minutes; 0 means off).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import SupportsInt

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

SETTING = "privacy/lock_after_minutes"
CHOICES = (0, 5, 10, 15, 30, 60)
CHECK_MS = 15 * 1000
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def lock_after_minutes() -> int:
    value = QSettings("msjournal", "msjournal").value(SETTING, 0)
    if not isinstance(value, str | bytes | SupportsInt):
        return 0  # int() refuses it too
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def set_lock_after_minutes(minutes: int) -> None:
    QSettings("msjournal", "msjournal").setValue(SETTING, int(minutes))


class LockCover(QWidget):
    """Covers the whole window and asks for the passphrase."""

    def __init__(self, window: QMainWindow, unlock: Callable[[str], bool]):
        super().__init__(window)
        self._unlock = unlock
        self.setAutoFillBackground(True)
        self.setAccessibleName("msjournal is locked")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel = QWidget()
        panel.setMaximumWidth(panel.fontMetrics().averageCharWidth() * 50)
        outer.addWidget(panel)
        layout = QVBoxLayout(panel)
        title = QLabel("msjournal is locked because it was not used for a while.")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.message = QLabel("Type your passphrase to go on where you left off.")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.returnPressed.connect(self._try)
        layout.addWidget(self.passphrase)
        button = QPushButton("&Unlock")
        button.clicked.connect(self._try)
        layout.addWidget(button)
        self.hide()

    def _try(self) -> None:
        text = self.passphrase.text()
        self.passphrase.clear()
        if not self._unlock(text):
            self.message.setText("The passphrase is not right. Check Caps Lock and try again.")
            self.passphrase.setFocus()

    def cover(self) -> None:
        window = self.parentWidget()
        if window is not None:  # always: the cover is made inside the window
            self.setGeometry(window.rect())
        self.show()
        self.raise_()
        self.passphrase.setFocus()


class IdleLock(QObject):
    """Watches for activity in the application and locks the window when it has been idle."""

    def __init__(self, window: QMainWindow, clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window, self._clock = window, clock
        self._last = clock()
        self._disabled: list[QAction] = []
        self._hidden: list[QWidget] = []
        self.cover = LockCover(window, self.unlock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(CHECK_MS)

    @property
    def locked(self) -> bool:
        return self.cover.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self.locked:
            self._last = self._clock()
        if event.type() == QEvent.Type.Resize and watched is self.window and self.locked:
            self.cover.setGeometry(self.window.rect())
        return False

    def check(self) -> None:
        """Lock when the journal is protected, the setting is on and the time has passed."""
        minutes = lock_after_minutes()
        journal = getattr(self.window, "journal", None)
        if self.locked or not minutes or journal is None or not journal.protected:
            return
        if self._clock() - self._last >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        self._disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self.window and w.isVisible() and w.parent() is self.window
        ]
        for widget in self._hidden:
            widget.hide()
        self.window.menuBar().setEnabled(False)
        self.cover.cover()

    def unlock(self, passphrase: str) -> bool:
        journal = getattr(self.window, "journal", None)
        if journal is None or not journal.passphrase_matches(passphrase):
            return False
        self.cover.hide()
        self.window.menuBar().setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._disabled, self._hidden = [], []
        self._last = self._clock()
        return True

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
