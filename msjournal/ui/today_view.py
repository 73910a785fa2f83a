"""Today, the landing view: alerts first (urgent first), then what is next, then what just
happened."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from msjournal.model.catalog import Catalog
from msjournal.model.dates import days_in_words, human_date
from msjournal.model.records import RECOVERY_KINDS, JournalData, Relapse, TestResult
from msjournal.rules.alerts import Alert, active_alerts
from msjournal.rules.result_words import marker, result_line
from msjournal.rules.schedule import DueItem, current_treatment, due_items
from msjournal.rules.timeline import severity_word
from msjournal.ui.appearance import heading
from msjournal.ui.widgets.alert_widgets import AlertCard, AlertGroupCard
from msjournal.ui.widgets.flow_layout import flow_row

ACTIONS = (
    ("inf", "&Infusion", "Ctrl+I"),
    ("se", "&Side effect", "Ctrl+E"),
    ("t", "Tem&perature", "Ctrl+T"),
    ("f", "F&ollow-up", "Ctrl+U"),
)
COMING_UP_LIMIT = 6
RELAPSE_YEAR = 365  # days: "this year" is the last 12 months, not the calendar year


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Section(QFrame):
    """A titled box whose lines are rebuilt on every refresh."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(title)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(heading(title, 1.25))
        self._body = QVBoxLayout()
        self._layout.addLayout(self._body)
        self._layout.addStretch(1)

    def clear(self) -> None:
        while self._body.count():
            item = self._body.takeAt(0)
            if item is None:  # never: there was one to take
                break
            widget = item.widget()
            if widget:
                widget.hide()  # at once: never drawn over the new lines before it is deleted
                widget.deleteLater()

    def add(self, widget: QWidget) -> QWidget:
        self._body.addWidget(widget)
        widget.show()  # at once, not on the next pass of the event loop
        return widget

    def lines(self) -> list[str]:
        """The text shown, for tests and screen readers."""
        found = []
        for i in range(self._body.count()):
            item = self._body.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                found.append(widget.text())
            elif isinstance(widget, AlertCard | AlertGroupCard):
                found.append(widget.accessibleName())
        return found


def group_reminders(alerts: list[Alert]) -> list[Alert | list[Alert]]:
    """Alerts as Today shows them: urgent and consult one by one, in order; the reminders of
    one rule together where there are two or more."""
    by_rule: dict[str, list[Alert]] = {}
    for alert in alerts:
        if alert.level == "reminder":
            by_rule.setdefault(alert.rule, []).append(alert)
    shown: list[Alert | list[Alert]] = []
    for alert in alerts:
        group = by_rule.get(alert.rule) if alert.level == "reminder" else None
        if group is None or len(group) == 1:
            shown.append(alert)
        elif group[0] is alert:
            shown.append(group)
    return shown


class TodayView(QWidget):
    logRequested = Signal(str)
    acknowledgeRequested = Signal(object)
    alertsPageRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Today")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Everything scrolls, the heading and the Log buttons too: in a short window (the
        # largest text at a scale factor of 2) a second line of buttons is never cut off.
        scroll = QScrollArea()
        scroll.setAccessibleName("Today: alerts, what is due, and recent entries")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        page = QVBoxLayout(content)
        self.date_heading = heading("Today", 1.6)
        page.addWidget(self.date_heading)
        page.addWidget(self._action_row())
        self.alerts = Section("Alerts")
        self.next_infusion = Section("Next infusion")
        self.coming_up = Section("Checks and follow-ups coming up")
        self.last_infusion = Section("Last infusion")
        self.ongoing = Section("Side effects still going on")
        self.relapses = Section("Relapses this year")
        self.results = Section("Latest results")
        grid = QGridLayout()
        page.addLayout(grid, 1)
        grid.addWidget(self.alerts, 0, 0, 1, 2)
        grid.addWidget(self.next_infusion, 1, 0)
        grid.addWidget(self.last_infusion, 1, 1)
        grid.addWidget(self.coming_up, 2, 0)
        grid.addWidget(self.ongoing, 2, 1)
        grid.addWidget(self.relapses, 3, 0)
        grid.addWidget(self.results, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        self.shown_alerts: list[Alert] = []

    def _action_row(self) -> QWidget:
        """The Log buttons; they wrap onto a second line when large text makes them too wide."""
        caption = QLabel("Log:")
        self.action_buttons: dict[str, QPushButton] = {}
        for kind, text, keys in ACTIONS:
            button = QPushButton(f"{text}  {keys}")
            button.setAccessibleName(f"Log {text.replace('&', '').lower()} ({keys})")
            button.setMinimumHeight(button.sizeHint().height() + 12)
            button.clicked.connect(lambda _=False, k=kind: self.logRequested.emit(k))
            self.action_buttons[kind] = button
        self.action_row = flow_row(caption, *self.action_buttons.values())
        return self.action_row

    def refresh(self, data: JournalData, catalog: Catalog, moment: datetime) -> None:
        today = moment.date()
        self.date_heading.setText(f"Today, {human_date(today)}")
        self._show_alerts(active_alerts(data, catalog, moment))
        items = due_items(data, catalog, today)
        self._show_next_infusion(next((i for i in items if i.kind == "infusion"), None), today)
        self._show_coming_up([i for i in items if i.kind != "infusion"], today)
        self._show_last_infusion(data, catalog, today)
        self._show_ongoing(data, catalog)
        self._show_relapses(data.relapses, today)
        self._show_results(data, catalog, today)

    def _show_alerts(self, alerts: list[Alert]) -> None:
        self.alerts.clear()
        self.shown_alerts = alerts
        if not alerts:
            self.alerts.add(
                _text(
                    "No alerts from what you have recorded. If you feel unwell or "
                    "unsure, contact your care team; in an emergency, call your "
                    "local emergency number."
                )
            )
        for shown in group_reminders(alerts):
            if isinstance(shown, list):
                group = AlertGroupCard(shown)
                group.showAllRequested.connect(self.alertsPageRequested)
                self.alerts.add(group)
                continue
            card = AlertCard(shown)
            card.acknowledgeRequested.connect(self.acknowledgeRequested)
            self.alerts.add(card)

    def _show_next_infusion(self, item: DueItem | None, today: date) -> None:
        section = self.next_infusion
        section.clear()
        if item is None:
            section.add(
                _text(
                    "No further infusion is scheduled. If you are starting a therapy, "
                    "set it in Settings (Ctrl+,); otherwise your care team decides on "
                    "any further dose."
                )
            )
            return
        state = "overdue" if item.overdue(today) else days_in_words(item.days_to_go(today))
        section.add(_text(f"<b>{item.title}</b>: {human_date(item.due)} ({state})"))
        if item.note:
            section.add(_text(item.note))
        if item.unverified:
            section.add(
                _text(
                    "This uses a default interval; check it with your care team "
                    "and set your own in Settings."
                )
            )

    def _show_coming_up(self, items: list[DueItem], today: date) -> None:
        section = self.coming_up
        section.clear()
        if not items:
            section.add(_text("Nothing planned. Add a follow-up with Ctrl+U."))
        for item in items[:COMING_UP_LIMIT]:
            when = days_in_words(item.days_to_go(today))
            prefix = "⚠ Overdue: " if item.overdue(today) else ""
            section.add(_text(f"{prefix}<b>{item.title}</b>: {human_date(item.due)} ({when})"))
        if len(items) > COMING_UP_LIMIT:
            section.add(_text(f"and {len(items) - COMING_UP_LIMIT} more in the Journal (Ctrl+2)."))

    def _show_last_infusion(self, data: JournalData, catalog: Catalog, today: date) -> None:
        section = self.last_infusion
        section.clear()
        if not data.infusions:
            section.add(_text("No infusion logged yet. Log one with Ctrl+I."))
            return
        last = max(data.infusions, key=lambda i: i.start)
        ago = days_in_words((last.start.date() - today).days)
        section.add(
            _text(
                f"<b>{catalog.treatment_name(last.treatment)}</b>: "
                f"{human_date(last.start.date())} at {last.start:%H:%M} ({ago})"
            )
        )
        where = " · ".join(p for p in (last.site, last.location) if p)
        if where:
            section.add(_text(where))

    def _show_ongoing(self, data: JournalData, catalog: Catalog) -> None:
        section = self.ongoing
        section.clear()
        ongoing = sorted(
            (s for s in data.side_effects if s.ongoing), key=lambda s: s.onset, reverse=True
        )
        if not ongoing:
            section.add(_text("None recorded."))
        for effect in ongoing:
            name = catalog.symptom_name(effect.symptom, effect.other_label)
            section.add(
                _text(
                    f"<b>{name}</b>: {effect.severity} of 10 "
                    f"({severity_word(effect.severity)}), since "
                    f"{human_date(effect.onset.date())} {effect.onset:%H:%M}"
                )
            )

    def _show_relapses(self, relapses: tuple[Relapse, ...], today: date) -> None:
        """How many relapses began in the last 12 months, and the latest one."""
        section = self.relapses
        section.clear()
        since = today - timedelta(days=RELAPSE_YEAR)
        count = sum(1 for r in relapses if since < r.onset.date() <= today)
        if not relapses:
            section.add(_text("No relapse recorded. Log one with Ctrl+L."))
            return
        section.add(_text(f"<b>{count}</b> in the last 12 months"))
        latest = max(relapses, key=lambda r: r.onset)
        ago = days_in_words((latest.onset.date() - today).days)
        recovery = RECOVERY_KINDS.get(latest.recovery, latest.recovery).lower()
        section.add(
            _text(
                f"<b>Latest</b>: {human_date(latest.onset.date())} ({ago}), {latest.impact}; "
                f"recovered: {recovery}"
            )
        )

    def _show_results(self, data: JournalData, catalog: Catalog, today: date) -> None:
        """The latest result of each test that counts for a check of the current therapy."""
        section = self.results
        section.clear()
        treatment_id = current_treatment(data, catalog)
        treatment = catalog.treatments.get(treatment_id or "")
        if treatment is None:
            section.add(_text("No therapy set, so no checks to show. Log a result with Ctrl+B."))
            return
        tasks = {f"{treatment.id}.{task.id}" for task in treatment.monitoring}
        monitored = [t.id for t in catalog.tests.values() if tasks.intersection(t.fulfils)]
        latest: dict[str, TestResult] = {}
        for result in data.test_results:
            shown = latest.get(result.test)
            if result.test in monitored and (shown is None or result.moment >= shown.moment):
                latest[result.test] = result
        if not latest:
            section.add(
                _text(
                    f"No results yet for the checks of {catalog.treatment_name(treatment.id)}. "
                    "Log one with Ctrl+B."
                )
            )
            return
        for test in monitored:
            if test not in latest:
                continue
            result = latest[test]
            ago = days_in_words((result.moment.date() - today).days)
            name = catalog.test_name(result.test, result.other_label)
            line = result_line(result, catalog).removeprefix(name)
            flag = "⚠ " if marker(result) else ""
            section.add(
                _text(
                    f"{flag}<b>{escape(name, quote=False)}</b>{escape(line, quote=False)}<br>"
                    f"Taken {human_date(result.moment.date())} ({ago})"
                )
            )
