"""The first-run step: which therapy, since when, the temperature unit and a name for the summary.

A new journal fills in no treatment until the person says which one they are on (issue
"Accessibility for people with MS", major 6). The step can be skipped and redone from Settings;
that it was saved or skipped is remembered per journal on this computer (the journal's own
settings accept only known names, see msjournal.model.settings).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError, ValidationError
from msjournal.model.records import TherapyPlan
from msjournal.model.settings import DEFAULTS, apply_changes
from msjournal.rules.validation import validate_plan
from msjournal.ui import preferences
from msjournal.ui.appearance import heading
from msjournal.ui.dialogs.dialog_size import fit_dialog, scrolling_body
from msjournal.ui.dialogs.entry_dialog import ERROR_STYLE, error_text
from msjournal.ui.dialogs.temperature_dialog import UNITS
from msjournal.ui.widgets.fields import OptionalDateField, choice_combo
from msjournal.ui.window_protocol import JournalWindow, as_widget

TITLE = "Set up your journal"
LATER = "later"  # no therapy chosen yet: nothing is filled in
NOT_YET = "none"  # not on an infusion therapy yet: nothing is filled in either
LATER_TEXT = "I'll choose later"
NOT_YET_TEXT = "Not on infusions yet"

INTRO = (
    "Three short questions, so the journal fits you. Every answer can be changed later in "
    "Settings, and you can skip this step now."
)
FILL_NOTE = (
    "When you log an infusion, this treatment and its usual dose are filled in for you. "
    "Until you choose one, nothing is filled in."
)
RELAPSE_NOTE = (
    "Steroid drips or plasma exchange for a relapse are not a therapy plan: log them as "
    "infusions when you have them."
)
KEEP_NOTE = "Your therapy is already set. Choose another one only if you changed treatment."
UNIT_NOTE = "Temperatures you log are shown in this unit. You can still type either one."
NAME_NOTE = (
    "Printed at the top of the appointment summary for your care team. Leave it empty if "
    "you prefer."
)


def needs_first_run(journal: Journal) -> bool:
    """A journal with no therapy, no entries and its first settings, never set up or skipped."""
    if preferences.first_run_done(journal.path):
        return False
    try:
        untouched = journal.plan() is None and journal.is_empty()
        return untouched and journal.settings() == DEFAULTS and not journal.read_only
    except JournalError:
        return False  # cannot be read right now: never stand in the way of the window


def offer_first_run(window: JournalWindow) -> FirstRunDialog | None:
    """Open the first-run step over the window (non-blocking) when the journal needs it."""
    if not needs_first_run(window.journal):
        return None
    dialog = FirstRunDialog(window.journal, as_widget(window))
    dialog.accepted.connect(window.refresh)
    dialog.start()
    return dialog


class FirstRunDialog(QDialog):
    """Save writes the answers; Skip (or Escape) writes nothing. Either way it is not offered
    again for this journal."""

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.plan = journal.plan()
        self.saved_plan: TherapyPlan | None = None
        self._rows: dict[str, tuple[str, QWidget, QLabel]] = {}
        self._notes: dict[QWidget, str] = {}  # each field's explanation, read out with it
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        body, outer, self.body = scrolling_body(self, f"{TITLE}: questions")
        body.addWidget(heading(TITLE, 1.3))
        body.addWidget(_note(INTRO))
        self.general_error = _error_label()
        body.addWidget(self.general_error)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        body.addLayout(self.form)
        self._build()
        body.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(
            "S&kip for now", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setAccessibleName("Save")
        self.skip_button.setAccessibleName("Skip for now")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        # Only once the button is inside the dialog does Qt keep it as the Enter button.
        self.save_button.setDefault(True)
        fit_dialog(self)

    def start(self) -> None:
        """Open without blocking, the cursor on the first question."""
        self.open()
        self.therapy.setFocus()

    # ---------------------------------------------------------------- the questions

    def _build(self) -> None:
        catalog = self.journal.catalog
        items: list[tuple[str, object]] = [
            (t.label, t.id) for t in catalog.treatments.values() if t.purpose == "disease_modifying"
        ]
        if self.plan is None:
            items = [(LATER_TEXT, LATER), *items, (NOT_YET_TEXT, NOT_YET)]
            current: object = LATER
            note = f"{FILL_NOTE} {RELAPSE_NOTE}"
        else:  # a plan can be changed here, not ended (the core has no way to end one yet)
            if all(value != self.plan.treatment for _, value in items):
                items.append((catalog.treatment_name(self.plan.treatment), self.plan.treatment))
            current = self.plan.treatment
            note = f"{KEEP_NOTE} {RELAPSE_NOTE}"
        self.therapy = choice_combo(items, current)
        self._add_row("treatment", "&Therapy", self.therapy, note)
        started = self.plan.started if self.plan else None
        self.started = OptionalDateField("Started &on", started or date.today())
        self.started.set_value(started)
        self._add_row("started", "When it started (optional)", self.started)
        settings = self.journal.settings()
        self.unit = choice_combo(UNITS, settings.temperature_unit)
        self._add_row("temperature_unit", "Show temperatures &in", self.unit, UNIT_NOTE)
        self.name = QLineEdit(settings.person_name)
        self.name.setPlaceholderText("optional")
        self._add_row("person_name", "Your &name for the summary", self.name, NAME_NOTE)
        self.therapy.currentIndexChanged.connect(self._therapy_changed)
        self._therapy_changed()

    def _add_row(self, field: str, label: str, widget: QWidget, note: str = "") -> None:
        """A labelled row: the field, room for its message, and its explanation."""
        plain = label.replace("&", "")
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        if not widget.accessibleName():
            widget.setAccessibleName(plain)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        error = _error_label()  # right under the field, above its explanation
        box.addWidget(error)
        if note:
            box.addWidget(_note(note))
            widget.setAccessibleDescription(note)
            self._notes[widget] = note
        self.form.addRow(caption, holder)
        self._rows[field] = (plain, widget, error)

    def _therapy_changed(self) -> None:
        """A start date belongs to a therapy: it is asked only once one is chosen."""
        chosen = self.treatment() is not None
        self.started.setEnabled(chosen)
        if not chosen:
            self.started.set_value(None)

    def treatment(self) -> str | None:
        """The chosen treatment's id, or None for 'later' and 'not yet'."""
        value = self.therapy.currentData()
        return None if value is None or value in (LATER, NOT_YET) else str(value)

    # ---------------------------------------------------------------- saving

    def plan_draft(self) -> dict[str, Any] | None:
        """What to give Journal.set_plan, or None when the plan stays as it is."""
        treatment = self.treatment()
        started = self.started.text_value()
        if treatment is None:
            return None
        plan = self.plan
        if plan is not None and plan.treatment == treatment:
            if started == (plan.started.isoformat() if plan.started else ""):
                return None
            # the same therapy with a corrected start: keep what the care team set
            return {
                "treatment": treatment,
                "started": started,
                "interval_days": plan.interval_days,
                "evaluation_done": plan.evaluation_done,
                "risks_discussed": plan.risks_discussed,
                "notes": plan.notes,
                "loading_done": plan.loading_done,
            }
        return {"treatment": treatment, "started": started}

    def settings_draft(self) -> dict[str, Any]:
        return {"temperature_unit": self.unit.currentData(), "person_name": self.name.text()}

    def accept(self) -> None:
        self.clear_errors()
        plan, settings = self.plan_draft(), self.settings_draft()
        try:
            # Both checked before either is written, so a refused answer writes nothing.
            if plan is not None:
                validate_plan(plan, self.journal.catalog)
            apply_changes(self.journal.settings(), settings)
            self.journal.update_settings(**settings)
            if plan is not None:
                self.saved_plan = self.journal.set_plan(plan)
        except ValidationError as error:
            self.show_error(error)
            return
        except JournalError as error:
            self.general_error.setText(f"⚠ {error}")
            self.general_error.setVisible(True)
            self._make_room()
            return
        preferences.set_first_run_done(self.journal.path)
        super().accept()

    def reject(self) -> None:
        """Skip for now (or Escape): nothing is written, and the step is not offered again."""
        preferences.set_first_run_done(self.journal.path)
        super().reject()

    # ---------------------------------------------------------------- messages

    def field_error(self, field: str) -> str:
        """The message shown for a field ('' when none): used by tests and screen readers."""
        row = self._rows.get(field)
        label = row[2] if row else self.general_error
        return label.text() if not label.isHidden() else ""

    def clear_errors(self) -> None:
        for _, widget, label in self._rows.values():
            label.setVisible(False)
            widget.setAccessibleDescription(self._notes.get(widget, ""))
        self.general_error.setVisible(False)

    def _make_room(self) -> None:
        """Lay the rows out again around a message just shown (the form keeps the row heights
        it measured before, so the message would overlap the next row), then fit the dialog."""
        for _, widget, _label in self._rows.values():
            holder = widget.parentWidget()
            layout = holder.layout() if holder is not None else None
            if layout is not None:
                layout.invalidate()
        self.form.invalidate()
        fit_dialog(self)

    def show_error(self, error: ValidationError) -> None:
        plain, widget, label = self._rows.get(
            error.field, (error.field, self.therapy, self.general_error)
        )
        label.setText(error_text(error, plain))
        label.setVisible(True)
        if label is not self.general_error:
            widget.setAccessibleDescription(label.text())
        self._make_room()
        self.body.ensureWidgetVisible(label)
        widget.setFocus()


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label
