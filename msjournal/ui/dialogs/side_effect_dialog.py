"""Log a side effect: what, how bad (0-10), since when, and whether it is gone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from msjournal.model.records import OTHER_SYMPTOM, SideEffect
from msjournal.rules.alerts import URGENT_ACTION, URGENT_SYMPTOM_RULES
from msjournal.ui import preferences
from msjournal.ui.appearance import level_label_style
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.announce import announce
from msjournal.ui.widgets.fields import DateTimeField, OptionalDateTimeField, now
from msjournal.ui.widgets.severity_buttons import severity_chooser

RECENT_INFUSIONS = 12
LINK_WITHIN = timedelta(days=14)


class SideEffectDialog(EntryDialog):
    kind = "se"
    title_new = "Log a side effect"
    title_edit = "Change a side effect"

    def build(self) -> None:
        self.symptom = QComboBox()
        self.symptom.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.symptom.setMinimumContentsLength(24)
        for symptom in self.journal.catalog.symptoms.values():
            self.symptom.addItem(symptom.name, symptom.id)
        self.symptom.addItem("Something else (describe it)", OTHER_SYMPTOM)
        self.add_row("symptom", "&What", self.symptom)
        self.other_label = QLineEdit()
        self.other_label.setPlaceholderText("Describe it in a few words")
        self.add_row("other_label", "&Describe", self.other_label)
        self.urgent_note = QLabel()
        self.urgent_note.setWordWrap(True)
        self.urgent_note.setStyleSheet(level_label_style("urgent"))
        self.urgent_note.setVisible(False)
        self.form.addRow(self.urgent_note)
        self.severity = severity_chooser(preferences.severity_slider())
        self.add_row("severity", "How &bad (0-10)", self.severity)
        self.onset = DateTimeField()
        self.add_row("onset", "&Started", self.onset)
        self.resolved = OptionalDateTimeField("&Gone since")
        self.add_row("resolved", "Gone", self.resolved)
        self.infusion = self._infusion_box()
        self.add_row("infusion", "After &infusion", self.infusion)
        self.during = QCheckBox("Started during the in&fusion")
        self.add_row("during_infusion", "", self.during)
        self.unusual = QCheckBox("Feels severe or &unusual to me")
        self.add_row("unusual", "", self.unusual)
        self.notes = QLineEdit()
        self.add_row("notes", "&Notes", self.notes)
        self.symptom.currentIndexChanged.connect(self._symptom_changed)
        self._symptom_changed()

    def _infusion_box(self) -> QComboBox:
        box = QComboBox()
        box.addItem("Not linked to an infusion", None)
        catalog = self.journal.catalog
        for infusion in reversed(self.journal.infusions()[-RECENT_INFUSIONS:]):
            box.addItem(
                f"{catalog.treatment_name(infusion.treatment)} on {infusion.start:%a %d %b %Y}",
                infusion.id,
            )
        last = self.journal.last_infusion()
        if last is not None and now() - last.start <= LINK_WITHIN:
            box.setCurrentIndex(1)
        return box

    def _symptom_changed(self) -> None:
        chosen = self.symptom.currentData()
        self.other_label.setEnabled(chosen == OTHER_SYMPTOM)
        symptom = self.journal.catalog.symptoms.get(chosen or "")
        urgent = symptom is not None and symptom.alert in URGENT_SYMPTOM_RULES
        if urgent and symptom is not None:
            # Shown the moment the symptom is chosen: the advice never waits for the save.
            text = f"‼ {symptom.name}: {URGENT_ACTION} Then finish this entry."
            if text != self.urgent_note.text():
                self.urgent_note.setText(text)
                announce(self.urgent_note, text, urgent=True)
        else:
            self.urgent_note.setText("")
        self.urgent_note.setVisible(urgent)

    def load(self, record: SideEffect) -> None:
        self.symptom.setCurrentIndex(self.symptom.findData(record.symptom))
        self.other_label.setText(record.other_label)
        self.severity.setValue(record.severity)
        self.onset.set_value(record.onset)
        self.resolved.set_value(record.resolved)
        index = self.infusion.findData(record.infusion)
        if index < 0 and record.infusion:
            self.infusion.addItem(f"Infusion {record.infusion}", record.infusion)
            index = self.infusion.count() - 1
        self.infusion.setCurrentIndex(max(index, 0))
        self.during.setChecked(record.during_infusion)
        self.unusual.setChecked(record.unusual)
        self.notes.setText(record.notes)

    def draft(self) -> dict[str, Any]:
        return {
            "symptom": self.symptom.currentData(),
            "other_label": self.other_label.text(),
            "severity": self.severity.value(),
            "onset": self.onset.text_value(),
            "resolved": self.resolved.text_value(),
            "infusion": self.infusion.currentData(),
            "during_infusion": self.during.isChecked(),
            "unusual": self.unusual.isChecked(),
            "notes": self.notes.text(),
        }
