"""The alert history: every alert raised, active or seen, with the note written when it was seen."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData
from msjournal.rules.alerts import Alert, all_alerts
from msjournal.ui.appearance import LEVEL_LABELS, heading
from msjournal.ui.widgets.table_models import (
    Column,
    RowsModel,
    current_row,
    fit_columns,
    table_view,
)

LEVEL_ORDER = {"urgent": 0, "consult": 1, "reminder": 2}


def status_text(alert: Alert, moment: datetime) -> str:
    if alert.acknowledged_at is not None:
        return f"seen {alert.acknowledged_at:%Y-%m-%d %H:%M}"
    return "active" if alert.is_active(moment) else "no longer active"


class AlertsView(QWidget):
    acknowledgeRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Alert history")
        self._moment = datetime.now()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Alert history", 1.35))
        intro = QLabel("Every alert your entries raised, including the ones you marked as seen.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowsModel[Alert] = RowsModel(
            [
                Column(
                    "Raised",
                    lambda a: f"{a.raised_at:%Y-%m-%d %H:%M}",
                    lambda a: a.raised_at.isoformat(),
                ),
                Column(
                    "Level",
                    lambda a: LEVEL_LABELS.get(a.level, a.level),
                    lambda a: LEVEL_ORDER.get(a.level, 3),
                ),
                Column("Alert", lambda a: a.title),
                Column("Status", lambda a: status_text(a, self._moment)),
                Column("Your note", lambda a: a.acknowledgement_note),
            ],
            self,
        )
        self.view = table_view(self.model, "Alert history")
        layout.addWidget(self.view, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.seen_button = QPushButton("Mark as &seen…")
        self.seen_button.clicked.connect(self._acknowledge)
        row.addWidget(self.seen_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)

    def refresh(self, data: JournalData, catalog: Catalog, moment: datetime) -> None:
        self._moment = moment
        self.model.set_rows(all_alerts(data, catalog, moment))
        fit_columns(self.view)

    def _show_details(self) -> None:
        alert = current_row(self.view)
        self.details.setText(alert.message if alert else "")

    def _acknowledge(self) -> None:
        alert = current_row(self.view)
        if alert is not None and alert.acknowledged_at is None:
            self.acknowledgeRequested.emit(alert)
