"""Add or change a follow-up: an appointment, test, scan or call, and mark it done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit

from msjournal.model.records import FOLLOW_UP_KIND_NAMES, FollowUp
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.fields import DateField, OptionalDateField, choice_combo


class FollowUpDialog(EntryDialog):
    kind = "f"
    title_new = "Add a follow-up"
    title_edit = "Change a follow-up"
    preset: dict[str, Any] = {}

    def build(self) -> None:
        self.kind_box = choice_combo([(name, key) for key, name in FOLLOW_UP_KIND_NAMES.items()])
        self.add_row("kind", "&Kind", self.kind_box)
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Neurologist review")
        self.add_row("title", "&What", self.title)
        self.due = DateField(date.today() + timedelta(days=7))
        self.add_row("due", "&Due on", self.due)
        self.with_whom = QLineEdit()
        self.add_row("with_whom", "Wit&h whom", self.with_whom)
        self.done_field = OptionalDateField("D&one on")
        self.add_row("done", "Done", self.done_field)
        self.notes = QLineEdit()
        self.add_row("notes", "&Notes or outcome", self.notes)
        self._hidden = {"task": "", "treatment": ""}

    def prefill(
        self,
        kind: str,
        title: str,
        due: date,
        task: str = "",
        treatment: str = "",
        with_whom: str = "",
    ) -> None:
        """Start from a suggestion (e.g. the next infusion or a check that is due)."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self.title.setText(title)
        self.due.set_value(due)
        self.with_whom.setText(with_whom)
        self._hidden = {"task": task, "treatment": treatment}

    def load(self, record: FollowUp) -> None:
        self.prefill(
            record.kind, record.title, record.due, record.task, record.treatment, record.with_whom
        )
        self.done_field.set_value(record.done)
        self.notes.setText(record.notes)

    def draft(self) -> dict[str, Any]:
        return {
            "kind": self.kind_box.currentData(),
            "title": self.title.text(),
            "due": self.due.text_value(),
            "with_whom": self.with_whom.text(),
            "done": self.done_field.text_value(),
            "notes": self.notes.text(),
            **self._hidden,
        }
