"""Dialog sizes: wide enough to read comfortably, tall enough for every wrapped line, never
off-screen.

Qt sizes a new dialog from its size hint, which ignores how tall word-wrapped labels become at
the width finally chosen; rows then overlap or are cut off. fit_dialog() measures the height the
layout needs at that width and keeps the dialog inside the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

COMFORTABLE_CHARS = 60  # average characters per line: fields wide enough to see what was typed


def comfortable_width(dialog: QWidget) -> int:
    return dialog.fontMetrics().averageCharWidth() * COMFORTABLE_CHARS


BODY_NAME = "dialog-body"


def scrolling_body(dialog: QWidget, name: str) -> tuple[QVBoxLayout, QVBoxLayout, QScrollArea]:
    """A dialog whose content scrolls when it is taller than the screen, buttons kept in view.

    Returns (body, outer, area): put the content in `body` and the buttons in `outer`. The
    scroll area takes focus (named `name` for screen readers), so the arrow and Page keys scroll
    text that has no focusable control, such as a treatment's warning signs at the largest text
    size.
    """
    outer = QVBoxLayout(dialog)
    area = QScrollArea(dialog)
    area.setObjectName(BODY_NAME)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    area.setAccessibleName(name)
    content = QWidget()
    body = QVBoxLayout(content)
    body.setContentsMargins(0, 0, 0, 0)
    area.setWidget(content)
    outer.addWidget(area, 1)
    return body, outer, area


def _body_height(dialog: QWidget, width: int) -> int | None:
    """The height a scrolling dialog needs to show its whole body at this width."""
    area = dialog.findChild(QScrollArea, BODY_NAME)
    inner = area.widget() if area is not None else None
    layout = inner.layout() if inner is not None else None
    if area is None or layout is None:
        return None
    layout.activate()
    margins = dialog.contentsMargins().left() + dialog.contentsMargins().right()
    outer = dialog.layout()
    if outer is not None:
        outer_margins = outer.contentsMargins()
        margins += outer_margins.left() + outer_margins.right()
    inner_width = max(1, width - margins - area.verticalScrollBar().sizeHint().width())
    needed = _layout_height(layout, inner_width)
    rest = dialog.sizeHint().height() - area.sizeHint().height()
    return rest + needed + 2 * area.frameWidth()


def _body_min_width(dialog: QWidget) -> int:
    """The width a scrolling dialog needs so its body never scrolls sideways."""
    area = dialog.findChild(QScrollArea, BODY_NAME)
    inner = area.widget() if area is not None else None
    if area is None or inner is None:
        return 0
    outer = dialog.layout()
    margins = 0
    if outer is not None:
        outer_margins = outer.contentsMargins()
        margins = outer_margins.left() + outer_margins.right()
    scroll_bar = area.verticalScrollBar().sizeHint().width()
    return int(inner.minimumSizeHint().width()) + scroll_bar + margins + 2 * area.frameWidth()


def _layout_height(layout: QLayout, width: int) -> int:
    if layout.hasHeightForWidth():
        return int(layout.totalHeightForWidth(width))
    return int(layout.sizeHint().height())


def fit_dialog(dialog: QWidget) -> None:
    """Resize the dialog to show all its rows, within the available screen area."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    width = max(
        dialog.sizeHint().width(),
        dialog.minimumSizeHint().width(),
        comfortable_width(dialog),
        _body_min_width(dialog),
    )
    if available is not None:
        width = min(width, available.width())
    height = dialog.sizeHint().height()
    scrolled = _body_height(dialog, width)
    if scrolled is not None:
        height = max(height, scrolled)
        dialog.setMinimumHeight(min(dialog.minimumSizeHint().height(), height))
    elif layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
        dialog.setMinimumHeight(
            min(
                layout.totalHeightForWidth(width),
                available.height() if available is not None else height,
            )
        )
    if available is not None:
        height = min(height, available.height())
    dialog.resize(width, height)
