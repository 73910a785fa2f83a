"""Many reminders of one kind are one card on Today, with the list one key away.

Issue "Clinical correctness at the edges", item 8: someone importing years of history with
follow-ups never ticked off got one card per alert (300 cards; 5,000 took start-up to 25 s).
Urgent and consult alerts stay individually visible.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from msjournal.journal import Journal
from msjournal.model.records import FollowUp, JournalData
from msjournal.ui.widgets.alert_widgets import AlertCard, AlertGroupCard


def overdue_follow_ups(journal: Journal, count: int) -> None:
    start = date.today() - timedelta(days=count + 10)
    journal.add_records(
        JournalData(
            follow_ups=tuple(
                FollowUp(f"f-old-{n}", "lab_test", f"Blood test {n + 1}", start + timedelta(days=n))
                for n in range(count)
            )
        )
    )


def test_three_hundred_overdue_follow_ups_are_one_card(qtbot, window, journal, keyboard) -> None:
    overdue_follow_ups(journal, 300)
    now = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    journal.add("t", {"taken": now, "value": "38.6", "unit": "C"})
    window.refresh()
    groups = window.today.findChildren(AlertGroupCard)
    cards = window.today.findChildren(AlertCard)
    assert len(groups) == 1 and groups[0].title == "300 follow-ups are overdue"
    assert [c.alert.rule for c in cards] == ["fever"], "a consult alert keeps its own card"
    shown = " ".join(label.text() for label in groups[0].findChildren(QLabel))
    assert "Blood test 300 was due" in shown and "… and 297 more." in shown
    groups[0].show_all.setFocus()
    keyboard.press(Qt.Key.Key_Space)
    assert window.pages.currentIndex() == 2
    assert len([r for r in window.alerts_view.model.rows()]) >= 300


def test_a_single_reminder_keeps_its_own_card(qtbot, window, journal) -> None:
    overdue_follow_ups(journal, 1)
    window.refresh()
    assert window.today.findChildren(AlertGroupCard) == []
    assert [c.alert.rule for c in window.today.findChildren(AlertCard)] == ["follow_up_overdue"]


def test_mark_as_seen_acts_on_the_row_the_keyboard_is_on(qtbot, window, journal) -> None:
    """Issue "Accessibility" (major 7): after tabbing into the Alerts table a cell has focus but
    no row is selected, and "Mark as seen…" silently did nothing."""
    now = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    journal.add("t", {"taken": now, "value": "38.6", "unit": "C"})
    window.refresh()
    window.show_page(2)
    view = window.alerts_view.view
    view.setFocus()
    view.selectionModel().clearSelection()
    view.selectionModel().setCurrentIndex(
        view.model().index(0, 0), view.selectionModel().SelectionFlag.NoUpdate
    )
    window.alerts_view.seen_button.click()
    assert window.entry_actions.dialog is not None and window.entry_actions.dialog.isVisible()
    window.entry_actions.dialog.reject()
