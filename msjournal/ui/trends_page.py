"""The Trends tab: its charts (and matplotlib) load only when the tab is first shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from msjournal.journal import Journal


class TrendsPage(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Trends")
        self.journal = journal
        self.view: Any = None
        self._layout = QVBoxLayout(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.view is None:
            self._create()

    def _create(self) -> None:
        try:
            from msjournal.ui.trends_view import TrendsView
        except ImportError:
            self.view = QLabel("Charts are not available in this version yet.")
            self.view.setWordWrap(True)
        else:
            self.view = TrendsView(self.journal, self)
        self._layout.addWidget(self.view)

    def refresh(self) -> None:
        if self.view is not None and hasattr(self.view, "refresh"):
            self.view.refresh()

    def set_journal(self, journal: Journal) -> None:
        """After another journal was opened: charts are made again on next show."""
        self.journal = journal
        if self.view is not None:
            self.view.deleteLater()
            self.view = None
            if self.isVisible():
                self._create()
