"""How alerts look: cards on Today, the banner at the top, the urgent dialog and acknowledging.

Every alert shows its level in words (and an icon); colour is only added to that label.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.rules.alerts import Alert
from msjournal.ui.appearance import LEVEL_COLOURS, LEVEL_LABELS, heading, level_style
from msjournal.ui.dialogs.dialog_size import fit_dialog
from msjournal.ui.widgets.flow_layout import flow_row

# Says, in the alert's own terms, which criterion the entry meets.
CRITERION_INTRO = {
    "urgent": "Get help at once for:",
    "consult": "Tell your care team about:",
    "reminder": "Why you see this:",
}


def readable(text: str) -> str:
    """Keep a number and its unit on one line (37.8 °C never splits before °C)."""
    return text.replace(" °", "\u00a0°")


def criterion_text(alert: Alert) -> str:
    return f"{CRITERION_INTRO.get(alert.level, 'Why you see this:')} {readable(alert.criterion)}"


def recorded_text(alert: Alert) -> str:
    """What was recorded: the message without the criterion and action that follow it."""
    return readable(alert.message.split(" This meets the criterion:")[0])


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def level_label(level: str) -> QLabel:
    label = QLabel(LEVEL_LABELS.get(level, level))
    colour = LEVEL_COLOURS.get(level, "#666")
    label.setStyleSheet(
        f"font-weight: bold; color: white; background: {colour};"
        " padding: 2px 8px; border-radius: 4px;"
    )
    return label


def _card_frame(card: QFrame, level: str, title: str, button: QPushButton) -> QVBoxLayout:
    """An alert card's frame and its top row: the level, the title, and its button."""
    card.setObjectName("alertCard")
    card.setStyleSheet(level_style(level))
    card.setAccessibleName(f"{LEVEL_LABELS.get(level, level)}: {title}")
    layout = QVBoxLayout(card)
    # The level and the button on one line when they fit (the button goes under the level when
    # they do not), the title under them: narrow windows (large text, a scale factor of 2)
    # wrap instead of scrolling sideways.
    layout.addWidget(flow_row(level_label(level), button))
    layout.addWidget(heading(title, 1.1))
    return layout


class AlertCard(QFrame):
    """One active alert: level, what was recorded, which criterion it meets, what to do."""

    acknowledgeRequested = Signal(object)

    def __init__(self, alert: Alert, parent: QWidget | None = None):
        super().__init__(parent)
        self.alert = alert
        self.seen = QPushButton("Mark as seen…")
        self.seen.setAccessibleName(f"Mark as seen: {alert.title}")
        self.seen.clicked.connect(lambda: self.acknowledgeRequested.emit(self.alert))
        layout = _card_frame(self, alert.level, alert.title, self.seen)
        layout.addWidget(_wrapped(recorded_text(alert)))
        layout.addWidget(_wrapped(criterion_text(alert)))
        action = _wrapped(f"What to do: {alert.action}")
        action.setProperty("fontFactor", 1.0)  # keeps its bold weight when the text size changes
        action.setProperty("fontBold", True)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        layout.addWidget(action)


GROUP_WORDS = {
    "follow_up_overdue": ("follow-up is overdue", "follow-ups are overdue"),
    "monitoring_due": ("check is overdue", "checks are overdue"),
}
GROUP_SHOWN = 3  # a group card names this many; the Alerts page lists them all


class AlertGroupCard(QFrame):
    """Reminders of one rule as one card ("14 follow-ups are overdue"), the list one key away.

    Urgent and consult alerts are never grouped; a page of identical reminder cards helps
    nobody, and one card keeps Today quick however many there are."""

    showAllRequested = Signal()
    SHOW_ALL = "Show all on the Alerts pa&ge"  # Alt+G: no menu, tab or Log button uses G

    def __init__(self, alerts: list[Alert], parent: QWidget | None = None):
        super().__init__(parent)
        self.alerts = alerts
        first = alerts[0]
        one, many = GROUP_WORDS.get(first.rule, ("reminder", "reminders"))
        self.title = f"{len(alerts)} {many if len(alerts) != 1 else one}"
        self.show_all = QPushButton(self.SHOW_ALL)
        self.show_all.clicked.connect(self.showAllRequested)
        layout = _card_frame(self, first.level, self.title, self.show_all)
        named = [f"• {recorded_text(a)}" for a in alerts[:GROUP_SHOWN]]
        if len(alerts) > GROUP_SHOWN:
            named.append(f"… and {len(alerts) - GROUP_SHOWN} more.")
        layout.addWidget(_wrapped("\n".join(named)))
        layout.addWidget(_wrapped(f"What to do: {first.action}"))


class AlertBanner(QFrame):
    """A strip above every view for the most important new alert (urgent before consult)."""

    showRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alertCard")
        layout = QHBoxLayout(self)
        self.level = QLabel()
        self.text = _wrapped("")
        self.details = QPushButton("Show it on To&day")
        self.details.clicked.connect(self.showRequested)
        self.hide_button = QPushButton("Hide")
        self.hide_button.setAccessibleName("Hide the alert banner")
        self.hide_button.clicked.connect(self.hide)
        layout.addWidget(self.level)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.hide_button)
        self.alert: Alert | None = None
        self.hide()

    def show_alert(self, alert: Alert) -> None:
        self.alert = alert
        self.setStyleSheet(level_style(alert.level))
        colour = LEVEL_COLOURS.get(alert.level, "#666")
        self.level.setText(LEVEL_LABELS.get(alert.level, alert.level))
        self.level.setStyleSheet(
            f"font-weight: bold; color: white; background: {colour};"
            " padding: 2px 8px; border-radius: 4px;"
        )
        self.text.setText(f"{alert.title}. {alert.action}")
        self.setAccessibleName(f"Alert: {alert.title}. {alert.action}")
        self.show()


class UrgentAlertDialog(QDialog):
    """'Get help now'. Escape, Enter or closing the window do not dismiss it: choose a button."""

    GETTING_HELP = "getting_help"
    HAVE_HELP = "have_help"

    def __init__(self, alert: Alert, parent: QWidget | None = None):
        super().__init__(parent)
        self.alert = alert
        self.choice: str | None = None
        self.setWindowTitle("Get help now")
        self.setAccessibleName("Urgent alert: get help now")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = QVBoxLayout(self)
        layout.addWidget(level_label("urgent"), 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading(f"{alert.title}: get help now", 1.5))
        layout.addWidget(_wrapped(recorded_text(alert)))
        layout.addWidget(_wrapped(criterion_text(alert)))
        layout.addWidget(heading(alert.action, 1.15))
        self.getting_help = self._button("I will get &help now", self.GETTING_HELP)
        self.have_help = self._button("I &already have help (staff know)", self.HAVE_HELP)
        row = QHBoxLayout()
        row.addWidget(self.getting_help)
        row.addWidget(self.have_help)
        layout.addLayout(row)
        fit_dialog(self)

    def _button(self, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    @classmethod
    def start(cls, alert: Alert, parent: QWidget | None = None) -> UrgentAlertDialog:
        dialog = cls(alert, parent)
        dialog.open()
        dialog.getting_help.setFocus()
        return dialog

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Escape does nothing here: an urgent alert needs an explicit choice."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.choice is None:
            event.ignore()
        else:
            super().closeEvent(event)


class AcknowledgeDialog(QDialog):
    """Mark an alert as seen, with a note (e.g. 'Called the nurse, she said rest')."""

    def __init__(self, journal: Journal, alert: Alert, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.alert = alert
        self.setWindowTitle("Mark an alert as seen")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(alert.title, 1.15))
        layout.addWidget(
            _wrapped("It stays in the alert history with your note. What did you do about it?")
        )
        caption = QLabel("&Note")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. Called the MS nurse; she said to rest and re-check")
        caption.setBuddy(self.note)
        layout.addWidget(caption)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        save = buttons.addButton("Mark as &seen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        save.setDefault(True)  # once inside the dialog, so Qt keeps it as the Enter button
        fit_dialog(self)

    @classmethod
    def start(
        cls, journal: Journal, alert: Alert, parent: QWidget | None = None
    ) -> AcknowledgeDialog:
        dialog = cls(journal, alert, parent)
        dialog.open()
        return dialog

    def accept(self) -> None:
        self.journal.acknowledge(self.alert.key, self.note.text())
        super().accept()
