"""A check box whose text wraps onto more lines instead of widening its dialog.

A plain QCheckBox keeps its text on one line, so at the largest text size a long sentence ("My
starting doses were given before I began this journal") made dialogs wider than a small screen.
This one wraps like a label; clicking the text ticks it, as with any check box, and Alt with the
underlined letter moves the keyboard to it (Space ticks it).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

SPACING = 8


class WrappingCheckBox(QCheckBox):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setBuddy(self)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(text.replace("&", ""))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self.label.text()

    def _text_left(self) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        indicator = self.style().subElementRect(
            QStyle.SubElement.SE_CheckBoxIndicator, option, self
        )
        return indicator.right() + 1 + SPACING

    def _indicator_height(self) -> int:
        """The height of a one-line check box in this style (the theme's target size)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        line = QSize(0, self.fontMetrics().height())
        return (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_CheckBox, option, line, self)
            .height()
        )

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        text_height = self.label.heightForWidth(max(width - self._text_left(), 1))
        return max(self._indicator_height(), text_height + 4)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self._text_left() + self.label.sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = self._text_left() + self.fontMetrics().averageCharWidth() * 16
        return QSize(width, self._indicator_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        left = self._text_left()
        width = max(self.width() - left, 1)
        height = self.label.heightForWidth(width)
        self.label.setGeometry(left, max((self.height() - height) // 2, 0), width, height)

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802
        return self.rect().contains(pos)  # the text ticks it too
