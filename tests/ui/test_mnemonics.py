"""Every Alt+letter on the main window does one thing.

Issue "Accessibility for people with MS" (major 2): on Today, Alt+F, Alt+E and Alt+T each
matched a menu and a button (and Alt+T also the Today tab), so the menus opened only on a
second press.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from msjournal.ui.widgets.alert_widgets import AlertGroupCard


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def test_no_two_things_on_today_share_an_alt_letter(qtbot, window) -> None:
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [window.pages.tabText(i) for i in range(window.pages.count())]
    buttons = window.today.findChildren(QAbstractButton) + window.banner.findChildren(
        QAbstractButton
    )
    texts += [b.text() for b in buttons]
    texts.append(AlertGroupCard.SHOW_ALL)
    letters = [m for m in map(mnemonic, texts) if m]
    clashes = sorted({m for m in letters if letters.count(m) > 1})
    assert clashes == [], [t for t in texts if mnemonic(t) in clashes]
