"""Input widgets the entry dialogs share: dates, optional times and the 0-10 severity control."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QSlider,
    QTimeEdit,
    QWidget,
)

from msjournal.rules.timeline import severity_word

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
DATE_FORMAT = "yyyy-MM-dd"
TIME_FORMAT = "HH:mm"


def now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


def to_date(value: QDate) -> date:
    """The QDate as a date (what QDate.toPython() gives, which PySide6 types as object)."""
    return date(value.year(), value.month(), value.day())


class DateTimeField(QDateTimeEdit):
    """A date and time typed as YYYY-MM-DD HH:MM, or changed with the arrow keys."""

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(DATETIME_FORMAT)
        self.setCalendarPopup(True)
        self.set_value(value or now())

    def set_value(self, value: datetime) -> None:
        self.setDateTime(
            QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
        )

    def text_value(self) -> str:
        return self.dateTime().toString("yyyy-MM-ddTHH:mm")

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab leaves the field (arrow keys move between its parts), as in every other box."""
        return QWidget.focusNextPrevChild(self, forward)


class DateField(QDateEdit):
    def __init__(self, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.set_value(value or date.today())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def text_value(self) -> str:
        return self.date().toString("yyyy-MM-dd")

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab leaves the field (arrow keys move between its parts), as in every other box."""
        return QWidget.focusNextPrevChild(self, forward)


class OptionalDateTimeField(QWidget):
    """A tick box ('Gone', 'Ended') that enables a date and time."""

    def __init__(self, check_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(check_text)
        self.check.setAccessibleName(check_text.replace("&", ""))
        self.when = DateTimeField()
        self.when.setAccessibleName(f"{check_text.replace('&', '')}: date and time")
        self.when.setEnabled(False)
        self.check.toggled.connect(self.when.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.when, 1)
        self.setFocusProxy(self.check)

    def set_value(self, value: datetime | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.when.set_value(value)

    def text_value(self) -> str:
        return self.when.text_value() if self.check.isChecked() else ""


class SeverityControl(QWidget):
    """0 to 10 on a slider, with the words mild, moderate or severe beside it.

    Arrow keys move it; typing a digit sets it directly (0-9), Home is 0 and End is 10.
    """

    valueChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setMinimumWidth(220)
        self.slider.installEventFilter(self)
        self.words = QLabel()
        self.words.setMinimumWidth(
            self.words.fontMetrics().horizontalAdvance("10 of 10: moderate  ")
        )
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.words)
        self.setFocusProxy(self.slider)
        self.slider.valueChanged.connect(self._changed)
        self.setValue(3)
        self._changed(3)

    def value(self) -> int:
        return self.slider.value()

    def setValue(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.slider.setValue(value)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.slider.setAccessibleName(name)

    def _changed(self, value: int) -> None:
        text = f"{value} of 10: {severity_word(value)}"
        self.words.setText(text)
        self.slider.setAccessibleDescription(text)
        self.valueChanged.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.slider
            and isinstance(event, QKeyEvent)  # PySide6 hands key presses over as QKeyEvent
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                self.setValue(int(key - Qt.Key.Key_0))
                return True
        return super().eventFilter(watched, event)


def choice_combo(items: Sequence[tuple[str, object]], current: object = None) -> QComboBox:
    """A drop-down of (shown text, stored value) pairs."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    for text, value in items:
        combo.addItem(text, value)
    if current is not None:
        select_data(combo, current)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def editable_combo(values: list[str], current: str = "") -> QComboBox:
    """Free text with the person's earlier answers offered first."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(values)
    combo.setCurrentText(current)
    return combo


class OptionalDateField(QWidget):
    """A tick box ('From', 'Done on') that enables a date."""

    def __init__(self, check_text: str, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(check_text)
        plain = check_text.replace("&", "")
        self.check.setAccessibleName(plain)
        self.day = DateField(value)
        self.day.setAccessibleName(f"{plain}: date")
        self.day.setEnabled(False)
        self.check.toggled.connect(self.day.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.day, 1)
        self.setFocusProxy(self.check)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.day.set_value(value)

    def value(self) -> date | None:
        return to_date(self.day.date()) if self.check.isChecked() else None

    def text_value(self) -> str:
        return self.day.text_value() if self.check.isChecked() else ""


class TimeField(QTimeEdit):
    """A time of day typed as HH:MM, or changed with the arrow keys."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(TIME_FORMAT)

    def set_value(self, value: datetime) -> None:
        self.setTime(QTime(value.hour, value.minute))

    def text_value(self) -> str:
        return self.time().toString(TIME_FORMAT)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab leaves the field (arrow keys move between its parts), as in every other box."""
        return QWidget.focusNextPrevChild(self, forward)


class OptionalTimeField(QWidget):
    """A tick box ('I know the time') that enables a time of day, for a date given elsewhere."""

    def __init__(self, check_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(check_text)
        plain = check_text.replace("&", "")
        self.check.setAccessibleName(plain)
        self.time = TimeField()
        self.time.setAccessibleName(f"{plain}: time")
        self.time.setTime(QTime(now().hour, now().minute))
        self.time.setEnabled(False)
        self.check.toggled.connect(self.time.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.time, 1)
        self.setFocusProxy(self.check)

    def set_value(self, value: datetime | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.time.set_value(value)

    def text_value(self) -> str:
        """'HH:MM', or '' when the time is not known."""
        return self.time.text_value() if self.check.isChecked() else ""


def labelled_field(text: str, field: QWidget) -> QWidget:
    """A visible label beside its field, the two side by side in one small box.

    Being siblings with the label as buddy is how Qt tells screen readers on Linux what a
    drop-down is (otherwise they read out only its current value, such as "All kinds").
    """
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return box
