"""Window tests: keyboard helpers, a private QSettings store and a window on a temporary journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from msjournal.journal import Journal


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Text size and window geometry go to a temporary folder, never the person's own."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    QSettings("msjournal", "msjournal").clear()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


class Keyboard:
    """Types into whatever has focus, as a person at the keyboard would."""

    def __init__(self, qtbot: object):
        self.qtbot = qtbot

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(focused(), text)  # type: ignore[attr-defined]

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        times: int = 1,
    ) -> None:
        for _ in range(times):
            self.qtbot.keyClick(focused(), key, modifier)  # type: ignore[attr-defined]

    def tab(self, times: int = 1) -> None:
        self.press(Qt.Key.Key_Tab, times=times)

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def escape(self) -> None:
        self.press(Qt.Key.Key_Escape)

    def shortcut(self, target: QWidget, text: str) -> None:
        """A window shortcut such as 'Ctrl+T', sent to the focused widget of the window."""
        from PySide6.QtGui import QKeySequence

        combo = QKeySequence(text)[0]
        self.qtbot.keyClick(
            QApplication.focusWidget() or target,  # type: ignore[attr-defined]
            combo.key(),
            combo.keyboardModifiers(),
        )


@pytest.fixture
def keyboard(qtbot: object) -> Keyboard:
    return Keyboard(qtbot)


def show_active(qtbot: object, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)  # type: ignore[attr-defined]


@pytest.fixture
def planned_journal(journal: Journal) -> Journal:
    """A journal on natalizumab with one earlier infusion (site and centre to default from)."""
    journal.set_plan(
        {
            "treatment": "natalizumab",
            "started": "2025-01-01",
            "evaluation_done": True,
            "risks_discussed": True,
        }
    )
    journal.add(
        "inf",
        {
            "treatment": "natalizumab",
            "start": "2025-01-02T09:00",
            "site": "left forearm",
            "location": "City Infusion Centre",
            "dose": "300",
            "dose_unit": "mg",
            "dose_number": "1",
        },
    )
    return journal


@pytest.fixture
def window(qtbot: object, journal: Journal) -> Iterator[object]:
    from msjournal.ui.main_window import MainWindow

    main = MainWindow(journal)
    qtbot.addWidget(main)  # type: ignore[attr-defined]
    show_active(qtbot, main)
    yield main


def other_path(tmp_path: Path) -> Path:
    return tmp_path / "other.sqlite"
