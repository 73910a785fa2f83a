"""Settings: temperature unit and fever threshold, text size, colours and control size, therapy,
journal file, own values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.catalog import load_catalog
from msjournal.model.errors import ValidationError
from msjournal.model.own_values import OwnValue, editable_values
from msjournal.rules.schedule import current_treatment
from msjournal.ui import idle_lock, preferences, theme
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.dialogs.temperature_dialog import UNITS
from msjournal.ui.widgets.fields import choice_combo


def plan_text(journal: Journal) -> str:
    plan = journal.plan()
    if plan is None:
        return "No therapy set yet."
    name = journal.catalog.treatment_name(plan.treatment)
    interval = (
        f", every {plan.interval_days} days as set by your care team"
        if plan.interval_days
        else ", on the usual schedule"
    )
    checks = "medical evaluation ✔" if plan.evaluation_done else "medical evaluation not ticked"
    risks = "risks discussed ✔" if plan.risks_discussed else "risks discussion not ticked"
    return f"{name}{interval}. Checklist: {checks}; {risks}."


class SettingsDialog(EntryDialog):
    title_new = "Settings"

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        open_other: Callable[[], None] | None = None,
        change_plan: Callable[[], object] | None = None,
    ):
        self._open_other = open_other
        self._change_plan = change_plan
        super().__init__(journal, parent)
        self.buttons.button(self.buttons.StandardButton.Save).setText("&Save settings")
        self.resize(760, 560)

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings pages")
        self.form.addRow(self.tabs)
        self.tabs.addTab(self._general_page(), "&General")
        self.tabs.addTab(self._own_values_page(), "Your own &values")

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return page, form

    def _general_page(self) -> QWidget:
        page, form = self._page()
        settings = self.journal.settings()
        self.unit = choice_combo(UNITS, settings.temperature_unit)
        self.add_row("temperature_unit", "Sho&w temperatures in", self.unit, form=form)
        self.threshold = QLineEdit(str(settings.fever_threshold))
        self.add_row("fever_threshold", "&Fever threshold", self.threshold, form=form)
        self.threshold_unit = choice_combo(UNITS, settings.fever_threshold_unit)
        self.add_row(
            "fever_threshold_unit", "Fever threshold &unit", self.threshold_unit, form=form
        )
        form.addRow(
            _note(
                "The usual threshold is 100 °F (37.8 °C). Change it only if your care team "
                "gave you another one."
            )
        )
        self.text_size = choice_combo(
            [(label, key) for key, (label, _) in preferences.TEXT_SIZES.items()],
            preferences.text_size(),
        )
        self.add_row("text_size", "Te&xt size", self.text_size, form=form)
        self.theme = choice_combo(
            [(label, key) for key, label in theme.THEMES.items()], preferences.theme()
        )
        self.add_row("theme", "Colour th&eme", self.theme, form=form)
        self.large_controls = QCheckBox("L&arge controls (easier with unsteady hands)")
        self.large_controls.setAccessibleName("Large controls (easier with unsteady hands)")
        self.large_controls.setChecked(preferences.large_controls())
        form.addRow("", self.large_controls)
        self.severity_slider = QCheckBox("Rate how bad a side effect is w&ith a slider")
        self.severity_slider.setAccessibleName("Rate how bad a side effect is with a slider")
        self.severity_slider.setChecked(preferences.severity_slider())
        form.addRow("", self.severity_slider)
        self.plan_label = _note(plan_text(self.journal))
        form.addRow("Therapy", self.plan_label)
        plan_button = QPushButton("Change &therapy or interval…")
        plan_button.setAutoDefault(False)
        plan_button.clicked.connect(self._plan_clicked)
        form.addRow("", plan_button)
        self.first_run_button = _button("Set up agai&n…", self._first_run_clicked)
        self.first_run_button.setAccessibleName("Set up again: therapy, temperature unit, name")
        form.addRow("", self.first_run_button)
        path = _note(str(self.journal.path))
        path.setAccessibleName(f"Journal file: {self.journal.path}")
        form.addRow("Journal file", path)
        other = QPushButton("&Open another journal file…")
        other.setAutoDefault(False)
        other.clicked.connect(self._other_clicked)
        form.addRow("", other)
        self._passphrase_rows(form)
        return page

    def _passphrase_rows(self, form: QFormLayout) -> None:
        """Passphrase protection: protect, or change / remove, and the inactivity lock."""
        self.protection_label = _note("")
        form.addRow("Passphrase", self.protection_label)
        self.protect_button = _button(
            "&Protect with a passphrase…", lambda: self._passphrase("protect")
        )
        self.change_button = _button("C&hange passphrase…", lambda: self._passphrase("change"))
        self.remove_button = _button("&Remove protection…", lambda: self._passphrase("remove"))
        for button in (self.protect_button, self.change_button, self.remove_button):
            form.addRow("", button)
        minutes = idle_lock.lock_after_minutes()
        choices = [("Never", 0)] + [
            (f"After {m} minutes unused", m) for m in idle_lock.CHOICES if m
        ]
        self.lock_after = choice_combo(choices, minutes if minutes in idle_lock.CHOICES else 0)
        self.lock_after.setAccessibleName("Lock the window (protected journals only)")
        form.addRow("&Lock the window", self.lock_after)
        self._show_protection()

    def _show_protection(self) -> None:
        protected = self.journal.protected
        self.protection_label.setText(
            "This journal is protected with a passphrase (encrypted on disk)."
            if protected
            else "Not protected: anyone using this computer account can read the journal file."
        )
        self.protect_button.setVisible(not protected)
        self.change_button.setVisible(protected)
        self.remove_button.setVisible(protected)
        self.lock_after.setEnabled(protected)

    def _passphrase(self, mode: str) -> None:
        from msjournal.ui.dialogs.passphrase_dialogs import open_passphrase_dialog

        self.passphrase_dialog = open_passphrase_dialog(
            self.journal, mode, self, lambda _: self._show_protection()
        )

    def _own_values_page(self) -> QWidget:
        page, form = self._page()
        form.addRow(
            _note(
                "These values could not be checked against a drug label, so they are "
                "starting points. If your care team gave you a different number, enter "
                "it here. Leave a box empty to use the default."
            )
        )
        treatment = current_treatment(self.journal.snapshot(), self.journal.catalog)
        self.own_values: dict[str, tuple[OwnValue, QLineEdit]] = {}
        for value in editable_values(load_catalog(), self.journal.settings().overrides, treatment):
            box = QLineEdit("" if value.own is None else f"{value.own:g}")
            box.setPlaceholderText(f"default {value.default:g} {value.unit} (not checked)")
            box.setToolTip(value.note)
            self.add_row(f"overrides.{value.key}", f"{value.label} ({value.unit})", box, form=form)
            self.own_values[value.key] = (value, box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _plan_clicked(self) -> None:
        if self._change_plan:
            self._change_plan()

    def _first_run_clicked(self) -> None:
        """The first-run questions again; what they save is shown here at once."""
        from msjournal.ui.dialogs.first_run_dialog import FirstRunDialog

        self.first_run = FirstRunDialog(self.journal, self)
        self.first_run.accepted.connect(self._first_run_saved)
        self.first_run.start()

    def _first_run_saved(self) -> None:
        untouched = repr(self.draft()) == self._as_opened
        self.unit.setCurrentIndex(self.unit.findData(self.journal.settings().temperature_unit))
        self.refresh_plan()
        if untouched:  # nothing typed here yet: Escape still closes without asking
            self._as_opened = repr(self.draft())

    def _other_clicked(self) -> None:
        if self._open_other:
            self.reject()
            self._open_other()

    def refresh_plan(self) -> None:
        self.plan_label.setText(plan_text(self.journal))

    def load(self, record: Any) -> None:
        """Settings have no record: build() already shows the current values."""

    def draft(self) -> dict[str, Any]:
        overrides = dict(self.journal.settings().overrides)
        for key, (_, box) in self.own_values.items():
            overrides.pop(key, None)
            if box.text().strip():
                overrides[key] = _number(f"overrides.{key}", box.text())
        return {
            "temperature_unit": self.unit.currentData(),
            "fever_threshold": self.threshold.text(),
            "fever_threshold_unit": self.threshold_unit.currentData(),
            "overrides": overrides,
        }

    def save(self, draft: dict[str, Any]) -> Any:
        self.journal.update_settings(**draft)
        preferences.set_text_size(self.text_size.currentData())
        preferences.set_theme(self.theme.currentData())
        preferences.set_large_controls(self.large_controls.isChecked())
        preferences.set_severity_slider(self.severity_slider.isChecked())
        idle_lock.set_lock_after_minutes(self.lock_after.currentData())
        return None


def _number(field: str, text: str) -> float:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValidationError(field, text, "expected a number") from None
    if number <= 0:
        raise ValidationError(field, text, "must be more than 0")
    return number


def _button(text: str, clicked: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.clicked.connect(clicked)
    return button


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
