"""The window fits the screen it opens on; text grows with plain Ctrl+=; F10 opens the menus.

Issue "Accessibility for people with MS" (major 2 and 3): the main window was a fixed 1100×760,
so on a 1366×768 screen (and at QT_SCALE_FACTOR 2) its bottom was off-screen; plain Ctrl+= did
not enlarge text (Ctrl+Shift+= did); F10 did nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msjournal.ui import preferences
from msjournal.ui.main_window import MainWindow


def test_a_new_window_fits_the_available_screen(qtbot, journal) -> None:
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= area.width()
    assert window.frameGeometry().height() <= area.height()
    assert area.contains(window.frameGeometry().topLeft())


def test_a_remembered_size_larger_than_this_screen_is_brought_inside(qtbot, journal) -> None:
    big = MainWindow(journal)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 3000, 2000)  # remembered from a larger screen
    preferences.set_geometry(big.saveGeometry())
    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= area.height()


def test_plain_ctrl_equals_makes_text_larger(qtbot, window, keyboard) -> None:
    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > before
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)


def test_f10_opens_the_first_menu(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: window.menuBar().activeAction() is not None, timeout=2000)
    assert window.menuBar().activeAction().text() == "&File"
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)


def test_today_never_scrolls_sideways_in_a_narrow_window(qtbot, journal) -> None:
    """At QT_SCALE_FACTOR=2 a 1366×768 screen is 683 px wide for the window: the alert cards'
    titles wrap under their level and button instead of pushing the page sideways."""
    from datetime import datetime, timedelta

    from PySide6.QtWidgets import QScrollArea

    from msjournal.ui import appearance

    taken = (datetime.now() - timedelta(hours=1)).isoformat(timespec="minutes")
    journal.add("t", {"taken": taken, "value": "38.6", "unit": "C"})
    appearance.apply_text_size(QApplication.instance(), "large")  # type: ignore[arg-type]
    try:
        window = MainWindow(journal)
        qtbot.addWidget(window)
        window.resize(660, 420)
        window.show()
        qtbot.wait(50)
        scroll = window.today.findChild(QScrollArea)
        assert window.today.shown_alerts, "the fever alert is on Today"
        assert scroll.horizontalScrollBar().maximum() == 0
    finally:
        appearance.apply_text_size(QApplication.instance(), "normal")  # type: ignore[arg-type]
        QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]
