"""Saying something to assistive technology without moving the keyboard focus.

A new alert, a warning shown beside a field, or a confirmation is spoken by screen readers
through Qt's accessibility announcement (Qt 6.8 and later); the focus stays where the person is.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Announce `text` on behalf of `widget`; urgent ones interrupt what is being read."""
    if not text.strip():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
