"""After an infusion is logged: the aftercare steps, and an offer to plan the next dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.catalog import Treatment
from msjournal.model.dates import human_date
from msjournal.model.records import FollowUp, Infusion
from msjournal.rules.schedule import DueItem, due_items, next_infusion
from msjournal.ui.appearance import heading
from msjournal.ui.dialogs.dialog_size import fit_dialog, scrolling_body
from msjournal.ui.widgets.fields import DateField, to_date

INFUSION_TASK = "infusion"


def aftercare_lines(journal: Journal, infusion: Infusion) -> list[str]:
    """The aftercare steps from the source document, made specific to this treatment."""
    treatment = journal.catalog.treatments.get(infusion.treatment)
    lines = [
        "• Keep drinking enough fluids after your infusion. If your care team has told you "
        "to limit fluids, follow their advice.",
        "• Tell your care team straight away about any side effect, and log it here "
        "(Ctrl+E) so you can show them.",
        "• If you have trouble breathing or your heartbeat changes, get help now: call your "
        "local emergency number.",
    ]
    if treatment is not None:
        lines.append(_observation_line(treatment))
    lines.append(
        "• Regular appointments are part of aftercare: keep the next ones in your journal."
    )
    return [line for line in lines if line]


def _observation_line(treatment: Treatment) -> str:
    watched = treatment.observation_minutes
    note = treatment.observation_note
    if watched is None or not watched.value:
        return f"• {note}" if note else ""
    minutes = int(watched.value)
    span = (
        f"{minutes // 60} hour{'s' if minutes >= 120 else ''}"
        if minutes % 60 == 0
        else f"{minutes} minutes"
    )
    default = " (a usual value; your team decides)" if watched.is_default else ""
    return (
        f"• After {treatment.name}, people are usually watched for at least {span} "
        f"at the centre{default}. {note}"
    ).strip()


def warning_sign_text(treatment: Treatment) -> str:
    """The treatment's warning signs from the catalog, most urgent first, with what to do."""
    groups = (
        ("emergency", "Get help now (call your local emergency number) if you have:"),
        ("urgent", "Contact your care team the same day if you have:"),
        ("routine", "Mention at your next contact:"),
    )
    parts = []
    for urgency, intro in groups:
        signs = [w.description for w in treatment.warning_signs if w.urgency == urgency]
        if signs:
            parts.append(intro + "\n" + "\n".join(f"• {sign}" for sign in signs))
    return "\n\n".join(parts)


def next_check(journal: Journal) -> DueItem | None:
    """The first check or review that is due and not yet planned as a follow-up."""
    return next(
        (
            i
            for i in due_items(journal.snapshot(), journal.catalog, date.today())
            if i.kind == "monitoring"
        ),
        None,
    )


class AftercareDialog(QDialog):
    def __init__(
        self,
        journal: Journal,
        infusion: Infusion,
        parent: QWidget | None = None,
        closed_follow_ups: tuple[FollowUp, ...] = (),
    ):
        super().__init__(parent)
        self.journal = journal
        self.infusion = infusion
        self.added: list[FollowUp] = []
        self.setWindowTitle("After your infusion")
        self.setAccessibleName("After your infusion")
        layout, outer, self.body = scrolling_body(self, "After your infusion: what to watch for")
        layout.addWidget(heading("Infusion saved. Looking after yourself now", 1.3))
        for line in aftercare_lines(journal, infusion):
            layout.addWidget(_wrapped(line))
        self._add_warning_signs(layout, journal.catalog.treatments.get(infusion.treatment))
        for follow_up in closed_follow_ups:
            layout.addWidget(
                _wrapped(
                    f"✔ Marked the planned “{follow_up.title}” of "
                    f"{human_date(follow_up.due)} as done."
                )
            )
        layout.addWidget(heading("Add the next dates to your journal?", 1.15))
        form = QFormLayout()
        # at large text sizes each date goes below its check box instead of off the side
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        self.next_infusion = next_infusion(journal.snapshot(), journal.catalog)
        self.add_infusion = self._offer(form, self.next_infusion, "&Next infusion")
        self.check = next_check(journal)
        self.add_check = self._offer(form, self.check, "Next &check")
        buttons = QDialogButtonBox()
        save = buttons.addButton("&Add to my journal", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Not n&ow", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        save.setDefault(True)
        fit_dialog(self)

    def _add_warning_signs(self, layout: QVBoxLayout, treatment: Treatment | None) -> None:
        """A button that shows the treatment's warning signs, so the dialog stays short."""
        if treatment is None:
            return
        text = warning_sign_text(treatment)
        if not text:
            return
        self.signs = _wrapped(text)
        self.signs.setVisible(False)
        self.show_signs = QPushButton(f"Show the &warning signs for {treatment.name}")
        self.show_signs.setCheckable(True)
        self.show_signs.setAccessibleName(self.show_signs.text().replace("&", ""))
        self.show_signs.toggled.connect(self._toggle_signs)
        layout.addWidget(self.show_signs)
        layout.addWidget(self.signs)

    def _toggle_signs(self, shown: bool) -> None:
        self.signs.setVisible(shown)
        fit_dialog(self)
        if shown:  # the signs are the one text that must be read: bring them into view
            self.body.ensureWidgetVisible(self.show_signs, 0, 0)

    def _offer(
        self, form: QFormLayout, item: DueItem | None, text: str
    ) -> tuple[QCheckBox, DateField] | None:
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
    def start(
        cls,
        journal: Journal,
        infusion: Infusion,
        parent: QWidget | None = None,
        closed_follow_ups: tuple[FollowUp, ...] = (),
    ) -> AftercareDialog:
        dialog = cls(journal, infusion, parent, closed_follow_ups)
        dialog.open()
        return dialog

    def accept(self) -> None:
        if self.add_infusion and self.add_infusion[0].isChecked() and self.next_infusion:
            self._add(
                "appointment",
                self.next_infusion.title,
                to_date(self.add_infusion[1].date()),
                INFUSION_TASK,
                self.infusion.location,
            )
        if self.add_check and self.add_check[0].isChecked() and self.check:
            kind = self._check_kind(self.check)
            self._add(
                kind, self.check.title, to_date(self.add_check[1].date()), self.check.task or ""
            )
        super().accept()

    def _check_kind(self, item: DueItem) -> str:
        treatment = self.journal.catalog.treatments.get(item.treatment or "")
        task = (
            next((t for t in treatment.monitoring if t.id == item.task), None)
            if treatment
            else None
        )
        return task.kind if task else "other"

    def _add(self, kind: str, title: str, due: date, task: str, with_whom: str = "") -> None:
        self.added.append(
            self.journal.add(
                "f",
                {
                    "kind": kind,
                    "title": title,
                    "due": due.isoformat(),
                    "task": task,
                    "treatment": self.infusion.treatment,
                    "with_whom": with_whom,
                },
            )
        )


def close_planned_infusions(journal: Journal, infusion: Infusion) -> tuple[FollowUp, ...]:
    """Mark open 'next infusion' follow-ups done once that infusion is logged (within a week)."""
    closed = []
    for follow_up in journal.follow_ups():
        if (
            follow_up.done is None
            and follow_up.task == INFUSION_TASK
            and follow_up.treatment == infusion.treatment
            and abs((follow_up.due - infusion.start.date()).days) <= 7
        ):
            closed.append(journal.mark_follow_up_done(follow_up.id, infusion.start.date()))
    return tuple(closed)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
