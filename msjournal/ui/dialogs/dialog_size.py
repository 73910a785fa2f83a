"""Dialog sizes: wide enough to read comfortably, tall enough for every wrapped line, never
off-screen.

Qt sizes a new dialog from its size hint, which ignores how tall word-wrapped labels become at
the width finally chosen; rows then overlap or are cut off. fit_dialog() measures the height the
layout needs at that width and keeps the dialog inside the screen.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

COMFORTABLE_CHARS = 60  # average characters per line: fields wide enough to see what was typed


def comfortable_width(dialog: QWidget) -> int:
    return dialog.fontMetrics().averageCharWidth() * COMFORTABLE_CHARS


def fit_dialog(dialog: QWidget) -> None:
    """Resize the dialog to show all its rows, within the available screen area."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    width = max(
        dialog.sizeHint().width(), dialog.minimumSizeHint().width(), comfortable_width(dialog)
    )
    if available is not None:
        width = min(width, available.width())
    height = dialog.sizeHint().height()
    if layout.hasHeightForWidth():
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
