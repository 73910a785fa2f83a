"""Log a temperature, in °C or °F as set."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit

from msjournal.model.records import TemperatureReading
from msjournal.model.temperature import threshold_text
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.fields import DateTimeField, choice_combo

UNITS = [("°C (Celsius)", "C"), ("°F (Fahrenheit)", "F")]


class TemperatureDialog(EntryDialog):
    kind = "t"
    title_new = "Log a temperature"
    title_edit = "Change a temperature"

    def build(self) -> None:
        settings = self.journal.settings()
        self.value = QLineEdit()
        self.value.setPlaceholderText(
            "e.g. 37.2" if settings.temperature_unit == "C" else "e.g. 98.6"
        )
        self.add_row("value", "&Temperature", self.value)
        self.unit = choice_combo(UNITS, settings.temperature_unit)
        self.add_row("unit", "&Unit", self.unit)
        self.taken = DateTimeField()
        self.add_row("taken", "Taken &when", self.taken)
        self.notes = QLineEdit()
        self.add_row("notes", "&Notes", self.notes)
        self.form.addRow("", self._hint(f"Your fever threshold: {threshold_text(settings)}."))

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def load(self, record: TemperatureReading) -> None:
        self.value.setText(str(record.value))
        self.unit.setCurrentIndex(self.unit.findData(record.unit))
        self.taken.set_value(record.taken)
        self.notes.setText(record.notes)

    def draft(self) -> dict[str, Any]:
        return {
            "value": self.value.text(),
            "unit": self.unit.currentData(),
            "taken": self.taken.text_value(),
            "notes": self.notes.text(),
        }
