"""Log a test result as printed on the lab's report: the test, when the sample was taken, the
value and unit (or a result in words), and the lab's own reference range."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from msjournal.model.catalog import LabTest
from msjournal.model.dates import human_date
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    OTHER_TEST,
    QUALITATIVE_RESULTS,
    FollowUp,
    TestResult,
)
from msjournal.rules.result_words import number_text
from msjournal.ui.dialogs.entry_dialog import EntryDialog
from msjournal.ui.widgets.fields import (
    DateField,
    OptionalTimeField,
    editable_combo,
    select_data,
    to_date,
)

CHOOSE = "Choose the test…"
OTHER_TEXT = "Other test…"
OTHER_GROUP = "Other"
RECENT_FOLLOW_UPS = 30
OTHER_HELP = "Name the test as the lab report does."


class TestResultDialog(EntryDialog):
    __test__ = False  # not a pytest test class, despite its name

    kind = "tr"
    title_new = "Log a test result"
    title_edit = "Change a test result"

    def build(self) -> None:
        self.test = self._test_box()
        self.test.setAccessibleName("Which test")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row("test", "&Which test", self.test)
        self.form.addRow("", self.help)  # its own row: the drop-down stays beside its label
        self.other_label = QLineEdit()
        self.other_label.setPlaceholderText("e.g. Vitamin D")
        self.add_row("other_label", "&Name of the test", self.other_label)
        self.taken = DateField()
        self.taken.setAccessibleName("Taken on: date")
        self.time = OptionalTimeField("I know the &time")
        self.add_row("taken", "Taken &on", _side_by_side(self.taken, self.time))
        self.value = QLineEdit()
        self.value.setAccessibleName("Value")
        self.value.setPlaceholderText("e.g. 1.8")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit")
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit.setMinimumContentsLength(6)
        unit_caption = QLabel("&Unit")
        unit_caption.setBuddy(self.unit)
        self.add_row("value", "&Value", _side_by_side(self.value, unit_caption, self.unit))
        self._share_row("unit", "Unit", self.unit, "value")
        self.qualitative = editable_combo([])
        line = self.qualitative.lineEdit()
        if line is not None:
            line.setPlaceholderText("as the report says it, e.g. negative")
        self.add_row("qualitative", "&Result", self.qualitative)
        self.add_row("reference_low", "Range printed on the &lab report", self._range_box())
        self._share_row(
            "reference_high",
            "Range printed on the lab report",
            self.reference_high,
            "reference_low",
        )
        self.follow_up = self._follow_up_box()
        self.add_row("follow_up", "From &follow-up", self.follow_up)
        self.notes = QLineEdit()
        self.add_row("notes", "Note&s", self.notes)
        self._keep_words = False
        self.test.currentIndexChanged.connect(self._test_changed)
        self._test_changed()

    # ---------------------------------------------------------------- building

    def _test_box(self) -> QComboBox:
        """The catalog's tests under their group's name (not choosable), then 'Other test'."""
        box = QComboBox()
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(28)
        model = QStandardItemModel(box)
        box.setModel(model)
        model.appendRow(_item(CHOOSE, ""))
        groups: dict[str, list[LabTest]] = {}
        for test in self.journal.catalog.tests.values():
            groups.setdefault(test.group, []).append(test)
        for group in sorted(groups, key=lambda g: (g == OTHER_GROUP, g.casefold())):
            header = _item(f"{group}:", None)
            header.setEnabled(False)
            header.setSelectable(False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            model.appendRow(header)
            for test in sorted(groups[group], key=lambda t: t.name.casefold()):
                model.appendRow(_item(test.name, test.id))
        model.appendRow(_item(OTHER_TEXT, OTHER_TEST))
        return box

    def _range_box(self) -> QWidget:
        """The lab's low and high ends, side by side: either may be left empty."""
        box = QWidget()
        box.setAccessibleName("Range printed on the lab report")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.reference_low = QLineEdit()
        self.reference_low.setPlaceholderText("lowest")
        self.reference_low.setAccessibleName("Range printed on the lab report: lowest value")
        self.reference_high = QLineEdit()
        self.reference_high.setPlaceholderText("highest")
        self.reference_high.setAccessibleName("Range printed on the lab report: highest value")
        to = QLabel("to")
        to.setAccessibleName("to")
        row.addWidget(self.reference_low, 1)
        row.addWidget(to)
        row.addWidget(self.reference_high, 1)
        box.setFocusProxy(self.reference_low)
        return box

    def _follow_up_box(self) -> QComboBox:
        box = QComboBox()
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(28)
        box.addItem("Not from a follow-up", None)
        recent = sorted(self.journal.follow_ups(), key=lambda f: f.due, reverse=True)
        for follow_up in recent[:RECENT_FOLLOW_UPS]:
            box.addItem(_follow_up_text(follow_up), follow_up.id)
        return box

    # ---------------------------------------------------------------- the chosen test

    def _chosen(self) -> LabTest | None:
        return self.journal.catalog.tests.get(self.test.currentData() or "")

    def _test_changed(self) -> None:
        """Show the rows the chosen test needs: a number and unit, or a result in words."""
        test_id = self.test.currentData() or ""
        known = self._chosen()
        other = test_id == OTHER_TEST
        words_only = known is not None and known.kind == "qualitative"
        self._show("other_label", other)
        for field in ("value", "reference_low"):  # the unit is beside the value; a range needs
            self._show(field, not words_only)  # a number
        self._show("qualitative", other or words_only or self._keep_words)
        self._offer_units(known, self.unit.currentText())
        self._offer_results(known)
        self._describe(known, other)
        self._make_room()

    def _show(self, field: str, shown: bool) -> None:
        self.show_row(field, shown)

    def _shown(self, field: str) -> bool:
        return self.row_shown(field)

    def _offer_units(self, known: LabTest | None, typed: str) -> None:
        """A catalog test offers its own units; another test takes any unit typed."""
        units = list(known.units) if known is not None else []
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.setEditable(known is None)
        self.unit.addItems(units)
        if known is None:
            self.unit.setCurrentText(typed if typed not in _all_units(self) else "")
        elif typed in units:
            self.unit.setCurrentText(typed)
        self.unit.blockSignals(False)

    def _offer_results(self, known: LabTest | None) -> None:
        typed = self.qualitative.currentText()
        results = list(known.results) if known is not None and known.results else []
        self.qualitative.blockSignals(True)
        self.qualitative.clear()
        self.qualitative.addItems(results or list(QUALITATIVE_RESULTS))
        self.qualitative.setCurrentText(typed)
        self.qualitative.blockSignals(False)

    def _describe(self, known: LabTest | None, other: bool) -> None:
        text = known.description if known is not None else OTHER_HELP if other else ""
        self.help.setText(text)
        self.help.setVisible(bool(text))
        self.test.setAccessibleDescription(text)

    # ---------------------------------------------------------------- errors

    def clear_errors(self) -> None:
        super().clear_errors()
        self.test.setAccessibleDescription(self.help.text())

    def _share_row(self, field: str, label: str, widget: QWidget, row: str) -> None:
        """A second box on another field's row: its message shows under that row, named for
        this box, and the cursor goes to this box."""
        self._rows[field] = (label, widget, self._rows[row][2])

    # ---------------------------------------------------------------- loading and saving

    def load(self, record: TestResult) -> None:
        select_data(self.test, record.test)
        if self.test.currentData() != record.test:  # a test the catalog no longer has
            self.test.addItem(record.other_label or record.test, record.test)
            self.test.setCurrentIndex(self.test.count() - 1)
        self.other_label.setText(record.other_label)
        taken = record.taken
        self.taken.set_value(taken.date() if isinstance(taken, datetime) else taken)
        self.time.set_value(taken if isinstance(taken, datetime) else None)
        self.value.setText("" if record.value is None else number_text(record.value))
        if record.unit and self.unit.findText(record.unit) < 0:
            self.unit.addItem(record.unit)
        self.unit.setCurrentText(record.unit)
        self._keep_words = bool(record.qualitative)
        self.qualitative.setCurrentText(record.qualitative)
        self._test_changed()
        self.qualitative.setCurrentText(record.qualitative)
        self.reference_low.setText(_number(record.reference_low))
        self.reference_high.setText(_number(record.reference_high))
        if record.follow_up is not None and self.follow_up.findData(record.follow_up) < 0:
            self.follow_up.addItem(f"Follow-up {record.follow_up}", record.follow_up)
        select_data(self.follow_up, record.follow_up)
        self.notes.setText(record.notes)

    def _taken(self) -> str:
        day: date = to_date(self.taken.date())
        time = self.time.text_value()
        return f"{day.isoformat()}T{time}" if time else day.isoformat()

    def draft(self) -> dict[str, Any]:
        test = self.test.currentData() or ""
        ranged = self._shown("reference_low")
        return {
            "test": test,
            "other_label": self.other_label.text() if test == OTHER_TEST else "",
            "taken": self._taken(),
            "value": self.value.text() if self._shown("value") else "",
            "unit": self.unit.currentText() if self._shown("value") else "",
            "qualitative": self.qualitative.currentText() if self._shown("qualitative") else "",
            "reference_low": self.reference_low.text() if ranged else "",
            "reference_high": self.reference_high.text() if ranged else "",
            "follow_up": self.follow_up.currentData(),
            "notes": self.notes.text(),
        }


def _side_by_side(main: QWidget, *beside: QWidget) -> QWidget:
    """Controls on one line (fewer rows at large text); the first takes the focus."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(main, 1)
    for widget in beside:
        row.addWidget(widget)
    box.setFocusProxy(main)
    return box


def _item(text: str, value: str | None) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(value, Qt.ItemDataRole.UserRole)
    return item


def _follow_up_text(follow_up: FollowUp) -> str:
    kind = FOLLOW_UP_KIND_NAMES.get(follow_up.kind, follow_up.kind)
    return f"{follow_up.title} ({kind.lower()}), due {human_date(follow_up.due)}"


def _number(value: Any) -> str:
    return "" if value is None else number_text(value)


def _all_units(dialog: TestResultDialog) -> set[str]:
    """Every unit of a catalog test: not carried over as if typed for another test."""
    return {unit for test in dialog.journal.catalog.tests.values() for unit in test.units}
