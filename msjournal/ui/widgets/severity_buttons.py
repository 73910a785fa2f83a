"""How bad a side effect is, 0 to 10: eleven large buttons (easy with tremor), or a slider.

Nothing is chosen until the person picks a number, so Enter never records a severity nobody
chose. One Tab stop for the whole row: a digit picks 0-9, Left and Right step, Home is 0 and
End is 10; each button can also be clicked. The chosen value is said in words beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from msjournal.rules.timeline import severity_word
from msjournal.ui.widgets.fields import SeverityControl
from msjournal.ui.widgets.flow_layout import FlowLayout

NOT_CHOSEN = "Not chosen yet: type a number from 0 (none) to 10 (worst)"
SCALE = range(11)


def severity_text(value: int | None) -> str:
    return NOT_CHOSEN if value is None else f"{value} of 10: {severity_word(value)}"


class SeverityButtons(QWidget):
    valueChanged = Signal(object)  # int, or None when cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("severity")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # draws its focus ring
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = FlowLayout(spacing=4)
        layout.addLayout(row)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        for number in SCALE:
            button = QPushButton(str(number))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is one Tab stop
            button.setAccessibleName(severity_text(number))
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("10") * 2 + 8)
            self.group.addButton(button, number)
            self.buttons.append(button)
            row.addWidget(button)
        self.words = QLabel(NOT_CHOSEN)
        self.words.setWordWrap(True)
        layout.addWidget(self.words)
        self.group.idClicked.connect(self._picked)
        self._value: int | None = None

    def value(self) -> int | None:
        return self._value

    def setValue(self, value: int | None) -> None:  # noqa: N802 (Qt naming)
        self._value = value
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[value].setChecked(True)
        text = severity_text(value)
        self.words.setText(text)
        self.setAccessibleDescription(text)
        self.valueChanged.emit(value)

    def _picked(self, number: int) -> None:
        self.setValue(number)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        current = self._value
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.setValue(int(key - Qt.Key.Key_0))
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.setValue(0 if current is None else min(current + 1, 10))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.setValue(0 if current is None else max(current - 1, 0))
        elif key == Qt.Key.Key_Home:
            self.setValue(0)
        elif key == Qt.Key.Key_End:
            self.setValue(10)
        else:
            super().keyPressEvent(event)


class SeveritySlider(SeverityControl):
    """The slider, for people who prefer it: still nothing chosen until it is moved or typed."""

    _chosen = False  # read while the base class sets its starting position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._chosen = False
        self.words.setText(NOT_CHOSEN)
        self.words.setWordWrap(True)
        self.slider.sliderPressed.connect(self._choose)

    def _choose(self) -> None:
        if not self._chosen:
            self._chosen = True
            self._changed(self.slider.value())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.slider and event.type() == QEvent.Type.KeyPress:
            self._chosen = True
        return super().eventFilter(watched, event)

    def _changed(self, value: int) -> None:
        if self._chosen:
            super()._changed(value)

    def value(self) -> int | None:  # type: ignore[override]
        return self.slider.value() if self._chosen else None

    def setValue(self, value: int | None) -> None:  # noqa: N802
        self._chosen = value is not None
        if value is not None:
            self.slider.setValue(value)
            super()._changed(value)


def severity_chooser(slider: bool) -> SeverityButtons | SeveritySlider:
    """The person's choice of control (Settings); buttons unless they asked for the slider."""
    return SeveritySlider() if slider else SeverityButtons()
