"""The therapy plan: the current treatment, the care team's interval, and the checklist before
starting."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from msjournal.journal import Journal
from msjournal.model.records import TherapyPlan
from msjournal.rules.schedule import current_treatment
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.fields import OptionalDateField, choice_combo
from msjournal.ui.widgets.wrapping_check_box import WrappingCheckBox

CHECKLIST_INTRO = (
    "Before starting an infusion therapy, two steps come first: a medical check "
    "that the treatment suits you, and a talk with your care team about its risks "
    "and side effects. Tick what has been done; it is kept in your plan."
)


class PlanDialog(EntryDialog):
    title_new = "Start or change your therapy"
    title_edit = "Your therapy plan"

    def __init__(self, journal: Journal, parent: QWidget | None = None, record: Any = None):
        super().__init__(journal, parent, record or journal.plan())

    def build(self) -> None:
        catalog = self.journal.catalog
        therapy = current_treatment(self.journal.recent_snapshot(datetime.now()), catalog)
        self.treatment = choice_combo(
            [(t.label, t.id) for t in catalog.treatments.values()], therapy
        )
        self.add_row("treatment", "&Treatment", self.treatment)
        self.started = OptionalDateField("&Started on", date.today())
        self.add_row("started", "Started", self.started)
        self.interval = QLineEdit()
        self.interval.setPlaceholderText("leave empty unless your care team set it")
        self.add_row("interval_days", "D&ays between infusions", self.interval)
        self.loading = WrappingCheckBox("My starting doses were &given before I began this journal")
        self.add_row("loading_done", "", self.loading)
        intro = QLabel(CHECKLIST_INTRO)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.evaluation = WrappingCheckBox(
            "A &medical evaluation confirmed this treatment suits me"
        )
        self.add_row("evaluation_done", "", self.evaluation)
        self.risks = WrappingCheckBox("I &discussed the risks and side effects with my care team")
        self.add_row("risks_discussed", "", self.risks)
        self.notes = QLineEdit()
        self.add_row("notes", "&Notes", self.notes)

    def load(self, record: TherapyPlan) -> None:
        self.treatment.setCurrentIndex(self.treatment.findData(record.treatment))
        self.started.set_value(record.started)
        self.interval.setText(str(record.interval_days) if record.interval_days else "")
        self.evaluation.setChecked(record.evaluation_done)
        self.risks.setChecked(record.risks_discussed)
        self.loading.setChecked(record.loading_done)
        self.notes.setText(record.notes)

    def draft(self) -> dict[str, Any]:
        return {
            "treatment": self.treatment.currentData(),
            "started": self.started.text_value(),
            "interval_days": self.interval.text(),
            "evaluation_done": self.evaluation.isChecked(),
            "risks_discussed": self.risks.isChecked(),
            "notes": self.notes.text(),
            "loading_done": self.loading.isChecked(),
        }

    def save(self, draft: dict[str, Any]) -> Any:
        return self.journal.set_plan(draft)
