"""Log an infusion: defaults from the current therapy and the last infusion (site, centre).

With no therapy set and no earlier infusion, no treatment or dose is filled in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QTabWidget, QWidget

from msjournal.model.catalog import Treatment
from msjournal.model.errors import ValidationError
from msjournal.model.records import Entry, Infusion, Vitals
from msjournal.model.units import same_dose_unit
from msjournal.rules.schedule import current_treatment
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.dialogs.temperature_dialog import UNITS
from msjournal.ui.widgets.fields import (
    DateTimeField,
    OptionalDateTimeField,
    choice_combo,
    editable_combo,
    select_data,
)

CHOOSE_TREATMENT = "Choose the treatment"
MOMENTS = (("before", "Before the infusion"), ("after", "After the infusion"))


class InfusionDialog(EntryDialog):
    kind = "inf"
    title_new = "Log an infusion"
    title_edit = "Change an infusion"

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Infusion details")
        main, self.main_form = self._page()
        measures, self.measures_form = self._page()
        self.tabs.addTab(main, "The &infusion")
        self.tabs.addTab(measures, "&Measurements (optional)")
        self.form.addRow(self.tabs)
        self._main_rows()
        self._measurement_rows()
        self.treatment.currentIndexChanged.connect(self._treatment_changed)
        self._treatment_changed()

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return page, form

    def _main_rows(self) -> None:
        infusions = self.journal.infusions()
        last = infusions[-1] if infusions else None
        catalog = self.journal.catalog
        therapy = current_treatment(self.journal.recent_snapshot(datetime.now()), catalog)
        self.treatment = choice_combo(
            [(t.label, t.id) for t in catalog.treatments.values()], therapy
        )
        if therapy is None:
            # No therapy set and no earlier infusion: nothing is chosen for the person, so
            # Enter cannot save a treatment and dose they never picked.
            self.treatment.setPlaceholderText(CHOOSE_TREATMENT)
            self.treatment.setCurrentIndex(-1)
        row = self._row
        row("treatment", "&Treatment", self.treatment)
        self.start_at = DateTimeField()
        row("start", "&Started", self.start_at)
        self.end = OptionalDateTimeField("&Ended at")
        row("end", "Ended", self.end)
        self.dose = QLineEdit()
        row("dose", "D&ose", self.dose)
        self.dose_unit = choice_combo([])
        row("dose_unit", "Dose &unit", self.dose_unit)
        self.dose_number = QLineEdit()
        self.dose_number.setPlaceholderText("optional, e.g. 12")
        row("dose_number", "Dose numbe&r", self.dose_number)
        self.site = editable_combo(
            _distinct(i.site for i in reversed(infusions)), last.site if last else ""
        )
        row("site", "&Where the needle went", self.site)
        self.location = editable_combo(
            _distinct(i.location for i in reversed(infusions)), last.location if last else ""
        )
        row("location", "&Centre", self.location)
        self.administered_by = editable_combo(
            _distinct(i.administered_by for i in reversed(infusions))
        )
        row("administered_by", "Given &by", self.administered_by)
        self.lot = QLineEdit()
        row("lot", "Batch (&lot)", self.lot)
        self.premedications = QLineEdit()
        row("premedications", "Medicines be&fore", self.premedications)
        self.notes = QLineEdit()
        row("notes", "&Notes", self.notes)

    def _row(self, field: str, label: str, widget: QWidget, *aliases: str) -> None:
        self.add_row(field, label, widget, *aliases, form=self.main_form)

    def _measurement_rows(self) -> None:
        self.vitals: dict[str, dict[str, Any]] = {}
        unit = self.journal.settings().temperature_unit
        for suffix, title in MOMENTS:
            systolic, diastolic = QLineEdit(), QLineEdit()
            systolic.setPlaceholderText("upper number, e.g. 120")
            diastolic.setPlaceholderText("lower number, e.g. 80")
            widgets: dict[str, QWidget] = {
                "temperature": QLineEdit(),
                "unit": choice_combo(UNITS, unit),
                "pulse": QLineEdit(),
                "systolic": systolic,
                "diastolic": diastolic,
            }
            form = self.measures_form
            form.addRow(_bold(title))
            self.add_row(
                f"temperature_{suffix}", f"Temperature {suffix}", widgets["temperature"], form=form
            )
            self.add_row(f"temperature_{suffix}_unit", f"Unit {suffix}", widgets["unit"], form=form)
            self.add_row(
                f"pulse_{suffix}", f"Pulse {suffix} (beats a minute)", widgets["pulse"], form=form
            )
            self.add_row(
                f"systolic_{suffix}",
                f"Blood pressure {suffix}, upper",
                widgets["systolic"],
                form=form,
            )
            self.add_row(
                f"diastolic_{suffix}",
                f"Blood pressure {suffix}, lower",
                widgets["diastolic"],
                form=form,
            )
            self.vitals[suffix] = widgets

    def _treatment_changed(self) -> None:
        if self.record is not None:
            return
        treatment = self.journal.catalog.treatments.get(self.treatment.currentData())
        if treatment is None:  # none chosen yet: the common units, and no dose
            self._offer_units(None, "")
            return
        dose = treatment.default_dose.value if treatment.default_dose else ""
        self.dose.setText(str(dose) if dose else "")
        self._offer_units(treatment, treatment.dose_unit)
        given = [i for i in self.journal.infusions() if i.treatment == treatment.id]
        numbers = [i.dose_number for i in given if i.dose_number]
        self.dose_number.setText(str(max(numbers) + 1) if numbers else "")

    def _offer_units(self, treatment: Treatment | None, chosen: str) -> None:
        """The treatment's units first, then the common ones; a unit a record or a file
        brought stays selectable as it was typed."""
        own = [treatment.dose_unit, treatment.schedule.cumulative_unit] if treatment else []
        units = _distinct([*own, *COMMON_UNITS])
        match = next((u for u in units if same_dose_unit(u, chosen)), None)
        if chosen and match is None:
            units.append(chosen)
        self.dose_unit.clear()
        for unit in units:
            self.dose_unit.addItem(UNIT_WORDS.get(unit, unit), unit)
            words = UNIT_DESCRIPTIONS.get(unit, "")
            self.dose_unit.setItemData(
                self.dose_unit.count() - 1, words, Qt.ItemDataRole.ToolTipRole
            )
        select_data(self.dose_unit, match or chosen or units[0])

    def load(self, record: Infusion) -> None:
        self.treatment.setCurrentIndex(self.treatment.findData(record.treatment))
        self.start_at.set_value(record.start)
        self.end.set_value(record.end)
        self.dose.setText("" if record.dose is None else str(record.dose))
        self._offer_units(self.journal.catalog.treatments.get(record.treatment), record.dose_unit)
        self.dose_number.setText("" if record.dose_number is None else str(record.dose_number))
        self.site.setCurrentText(record.site)
        self.location.setCurrentText(record.location)
        self.administered_by.setCurrentText(record.administered_by)
        self.lot.setText(record.lot)
        self.premedications.setText(record.premedications)
        self.notes.setText(record.notes)
        for suffix, vitals in (("before", record.vitals_before), ("after", record.vitals_after)):
            self._load_vitals(self.vitals[suffix], vitals)

    def _load_vitals(self, widgets: dict[str, Any], vitals: Vitals) -> None:
        widgets["unit"].setCurrentIndex(widgets["unit"].findData(vitals.temperature_unit))
        for name in ("temperature", "pulse", "systolic", "diastolic"):
            value = getattr(vitals, name)
            widgets[name].setText("" if value is None else str(value))

    def save(self, draft: dict[str, Any]) -> Entry:
        if draft["treatment"] is None:  # the placeholder: say so in plain words
            raise ValidationError(
                "treatment", None, "none chosen yet; choose one from the list (arrow keys)"
            )
        return super().save(draft)

    def draft(self) -> dict[str, Any]:
        draft: dict[str, Any] = {
            "treatment": self.treatment.currentData(),
            "start": self.start_at.text_value(),
            "end": self.end.text_value(),
            "dose": self.dose.text(),
            "dose_unit": self.dose_unit.currentData() or "",
            "dose_number": self.dose_number.text(),
            "site": self.site.currentText(),
            "location": self.location.currentText(),
            "administered_by": self.administered_by.currentText(),
            "lot": self.lot.text(),
            "premedications": self.premedications.text(),
            "notes": self.notes.text(),
        }
        for suffix, widgets in self.vitals.items():
            draft[f"temperature_{suffix}_unit"] = widgets["unit"].currentData()
            for name in ("temperature", "pulse", "systolic", "diastolic"):
                draft[f"{name}_{suffix}"] = widgets[name].text()
        return draft


COMMON_UNITS = ("mg", "mg/m2", "g", "ml")
UNIT_WORDS = {"mg/m2": "mg/m²"}  # shown; the description says it in words
UNIT_DESCRIPTIONS = {"mg/m2": "milligrams per square metre of body surface"}


def _distinct(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))[:20]


def _bold(text: str) -> QWidget:
    from msjournal.ui.appearance import heading

    return heading(text, 1.1)
