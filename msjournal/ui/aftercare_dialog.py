"""After an infusion is logged: the aftercare steps, and an offer to plan the next dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from msjournal.dates import human_date
from msjournal.journal import Journal
from msjournal.records import FollowUp, Infusion
from msjournal.schedule import DueItem, due_items, next_infusion
from msjournal.ui.appearance import heading
from msjournal.ui.dialog_size import fit_dialog
from msjournal.ui.fields import DateField

INFUSION_TASK = "infusion"


def aftercare_lines(journal: Journal, infusion: Infusion) -> list[str]:
    """The aftercare steps from the source document, made specific to this treatment."""
    treatment = journal.catalog.treatments.get(infusion.treatment)
    lines = ["• Drink plenty of water today and tomorrow: staying hydrated helps after an infusion.",
             "• Tell your care team straight away about any side effect, and log it here "
             "(Ctrl+E) so you can show them."]
    if treatment and treatment.observation_minutes and treatment.observation_minutes.value:
        minutes = treatment.observation_minutes.value
        default = " (a usual value; your team decides)" if treatment.observation_minutes.is_default else ""
        lines.append(f"• After {treatment.name}, people are usually watched for about {minutes} "
                     f"minutes at the centre{default}. {treatment.observation_note}".strip())
    lines.append("• Regular appointments are part of aftercare: keep the next ones in your journal.")
    return lines


def next_check(journal: Journal) -> DueItem | None:
    """The first check or review that is due and not yet planned as a follow-up."""
    return next((i for i in due_items(journal.snapshot(), journal.catalog) if i.kind == "monitoring"),
                None)


class AftercareDialog(QDialog):
    def __init__(self, journal: Journal, infusion: Infusion, parent: QWidget | None = None,
                 closed_follow_ups: tuple[FollowUp, ...] = ()):
        super().__init__(parent)
        self.journal = journal
        self.infusion = infusion
        self.added: list[FollowUp] = []
        self.setWindowTitle("After your infusion")
        self.setAccessibleName("After your infusion")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Infusion saved. Looking after yourself now", 1.3))
        for line in aftercare_lines(journal, infusion):
            layout.addWidget(_wrapped(line))
        for follow_up in closed_follow_ups:
            layout.addWidget(_wrapped(f"✔ Marked the planned “{follow_up.title}” of "
                                      f"{human_date(follow_up.due)} as done."))
        layout.addWidget(heading("Add the next dates to your journal?", 1.15))
        form = QFormLayout()
        layout.addLayout(form)
        self.next_infusion = next_infusion(journal.snapshot(), journal.catalog)
        self.add_infusion = self._offer(form, self.next_infusion, "&Next infusion")
        self.check = next_check(journal)
        self.add_check = self._offer(form, self.check, "Next &check")
        buttons = QDialogButtonBox()
        save = buttons.addButton("&Add to my journal", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Not &now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        save.setDefault(True)
        fit_dialog(self)

    def _offer(self, form: QFormLayout, item: DueItem | None, text: str) -> tuple[QCheckBox, DateField] | None:
        if item is None:
            return None
        check = QCheckBox(f"{text}: {item.title}")
        check.setAccessibleName(check.text().replace("&", ""))
        check.setChecked(True)
        when = DateField(item.due)
        when.setAccessibleName(f"{check.accessibleName()}: date")
        check.toggled.connect(when.setEnabled)
        form.addRow(check, when)
        return check, when

    @classmethod
    def start(cls, journal: Journal, infusion: Infusion, parent: QWidget | None = None,
              closed_follow_ups: tuple[FollowUp, ...] = ()) -> AftercareDialog:
        dialog = cls(journal, infusion, parent, closed_follow_ups)
        dialog.open()
        return dialog

    def accept(self) -> None:
        if self.add_infusion and self.add_infusion[0].isChecked() and self.next_infusion:
            self._add("appointment", self.next_infusion.title, self.add_infusion[1].date().toPython(),
                      INFUSION_TASK, self.infusion.location)
        if self.add_check and self.add_check[0].isChecked() and self.check:
            kind = self._check_kind(self.check)
            self._add(kind, self.check.title, self.add_check[1].date().toPython(), self.check.task or "")
        super().accept()

    def _check_kind(self, item: DueItem) -> str:
        treatment = self.journal.catalog.treatments.get(item.treatment or "")
        task = next((t for t in treatment.monitoring if t.id == item.task), None) if treatment else None
        return task.kind if task else "other"

    def _add(self, kind: str, title: str, due: date, task: str, with_whom: str = "") -> None:
        self.added.append(self.journal.add("f", {
            "kind": kind, "title": title, "due": due.isoformat(), "task": task,
            "treatment": self.infusion.treatment, "with_whom": with_whom}))  # type: ignore[arg-type]


def close_planned_infusions(journal: Journal, infusion: Infusion) -> tuple[FollowUp, ...]:
    """Mark open 'next infusion' follow-ups done once that infusion is logged (within a week)."""
    closed = []
    for follow_up in journal.follow_ups():
        if (follow_up.done is None and follow_up.task == INFUSION_TASK
                and follow_up.treatment == infusion.treatment
                and abs((follow_up.due - infusion.start.date()).days) <= 7):
            closed.append(journal.mark_follow_up_done(follow_up.id, infusion.start.date()))
    return tuple(closed)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
