"""Log a relapse: new or worse MS symptoms, how much they affect daily life, recovery, and the
steroid drip or plasma exchange that treated it. What the person noticed, never a diagnosis."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msjournal.model.catalog import Catalog
from msjournal.model.records import (
    RECOVERY_KINDS,
    RELAPSE_AREAS,
    RELAPSE_IMPACTS,
    Infusion,
    Relapse,
)
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.fields import DateTimeField, OptionalDateField, choice_combo
from msjournal.ui.widgets.flow_layout import FlowLayout

NO_TREATING_INFUSIONS = (
    "No steroid drip or plasma exchange is logged yet. Log it with Log › Infusion (Ctrl+I), "
    "then tick it here."
)
ID_ROLE = Qt.ItemDataRole.UserRole


class RelapseDialog(EntryDialog):
    kind = "r"
    title_new = "Log a relapse"
    title_edit = "Change a relapse"

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Relapse details")
        relapse_page, self.relapse_form = self._page()
        recovery_page, self.recovery_form = self._page()
        self.tabs.addTab(relapse_page, "The re&lapse")
        self.tabs.addTab(recovery_page, "Reco&very and treatment")
        self.form.addRow(self.tabs)
        self._relapse_rows()
        self._recovery_rows()

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return page, form

    # ---------------------------------------------------------------- the relapse

    def _relapse_rows(self) -> None:
        form = self.relapse_form
        self.onset = DateTimeField()
        self.add_row("onset", "When it &started", self.onset, form=form)
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. Blurred vision in my left eye")
        self.add_row("description", "&What happened", self.description, form=form)
        self.add_row("areas", "&Areas affected", self._areas_box(), form=form)
        self.add_row("impact", "&Impact on daily life", self._impact_box(), form=form)

    def _areas_box(self) -> QWidget:
        """One tick box per area; several may be ticked."""
        box = QWidget()
        box.setAccessibleName("Areas affected")
        flow = FlowLayout(box, spacing=6)  # as many per line as fit: never wider than the screen
        flow.setContentsMargins(0, 0, 0, 0)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        box.setSizePolicy(policy)
        self.areas: dict[str, QCheckBox] = {}
        for key, name in RELAPSE_AREAS.items():
            check = QCheckBox(name.replace("&", "&&"))
            check.setAccessibleName(f"Area affected: {name}")
            flow.addWidget(check)
            self.areas[key] = check
        box.setFocusProxy(next(iter(self.areas.values())))
        return box

    def _impact_box(self) -> QWidget:
        """Mild, moderate or severe, each with its plain description; none chosen at first."""
        box = QWidget()
        box.setAccessibleName("Impact on daily life")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.impact_group = QButtonGroup(box)
        self.impacts: dict[str, QRadioButton] = {}
        for key, words in RELAPSE_IMPACTS.items():
            button = QRadioButton(words.replace("&", "&&"))
            button.setAccessibleName(words)
            self.impact_group.addButton(button)
            layout.addWidget(button)
            self.impacts[key] = button
        box.setFocusProxy(next(iter(self.impacts.values())))
        return box

    # ---------------------------------------------------------------- recovery and treatment

    def _recovery_rows(self) -> None:
        form = self.recovery_form
        self.recovery = choice_combo([(words, key) for key, words in RECOVERY_KINDS.items()])
        self.add_row("recovery", "&Recovered", self.recovery, form=form)
        self.recovered = OptionalDateField("Recovered &on")
        self.add_row("recovered", "Recovery date", self.recovered, form=form)
        self.confirmed = QCheckBox("My care team &confirmed it as a relapse")
        self.add_row("confirmed", "", self.confirmed, form=form)
        self.treated_with = self._treated_with_list()
        if self.treated_with.count():
            self.add_row("treated_with", "&Treated with", self.treated_with, form=form)
        else:  # nothing to tick: say how to add one instead of showing an empty list
            self.treated_with.setParent(self)
            self.treated_with.hide()
            self.add_row("treated_with", "Treated with", _hint(NO_TREATING_INFUSIONS), form=form)
        self.notes = QLineEdit()
        self.add_row("notes", "&Notes", self.notes, form=form)
        self.recovery.currentIndexChanged.connect(self._recovery_changed)
        self._recovery_changed()

    def _treated_with_list(self) -> QListWidget:
        """The journal's steroid drips and plasma exchanges, newest first, each to tick."""
        box = QListWidget()
        box.setAccessibleName("Treated with: steroid drips and plasma exchanges")
        catalog = self.journal.catalog
        treating = [i for i in self.journal.infusions() if _treats_relapses(i, catalog)]
        for infusion in sorted(treating, key=lambda i: i.start, reverse=True):
            self._add_infusion(box, infusion)
        rows = min(max(box.count(), 1), 5)
        box.setMinimumHeight(box.sizeHintForRow(0) * rows + 2 * box.frameWidth() + 4)
        return box

    def _add_infusion(self, box: QListWidget, infusion: Infusion) -> None:
        name = self.journal.catalog.treatment_name(infusion.treatment)
        item = QListWidgetItem(f"{infusion.start:%a %d %b %Y}: {name}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(ID_ROLE, infusion.id)
        box.addItem(item)

    def _recovery_changed(self) -> None:
        """A recovery date only once the person has (partly) recovered."""
        recovering = self.recovery.currentData() != "not_yet"
        self.recovered.setEnabled(recovering)
        if not recovering:
            self.recovered.check.setChecked(False)

    # ---------------------------------------------------------------- loading and saving

    def load(self, record: Relapse) -> None:
        self.onset.set_value(record.onset)
        self.description.setText(record.description)
        for key, check in self.areas.items():
            check.setChecked(key in record.areas)
        if record.impact in self.impacts:
            self.impacts[record.impact].setChecked(True)
        self.recovery.setCurrentIndex(max(self.recovery.findData(record.recovery), 0))
        self.recovered.set_value(record.recovered)
        self.confirmed.setChecked(record.confirmed)
        for index in range(self.treated_with.count()):
            item = self.treated_with.item(index)
            ticked = item.data(ID_ROLE) in record.treated_with
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.notes.setText(record.notes)

    def _impact(self) -> str | None:
        return next((key for key, b in self.impacts.items() if b.isChecked()), None)

    def _ticked_infusions(self) -> list[str]:
        return [
            str(item.data(ID_ROLE))
            for item in (self.treated_with.item(i) for i in range(self.treated_with.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def draft(self) -> dict[str, Any]:
        return {
            "onset": self.onset.text_value(),
            "description": self.description.text(),
            "areas": [key for key, check in self.areas.items() if check.isChecked()],
            "impact": self._impact(),
            "recovery": self.recovery.currentData(),
            "recovered": self.recovered.text_value(),
            "confirmed": self.confirmed.isChecked(),
            "treated_with": self._ticked_infusions(),
            "notes": self.notes.text(),
        }


def _treats_relapses(infusion: Infusion, catalog: Catalog) -> bool:
    return infusion.treatment in catalog.relapse_treatments()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label
