"""Readable by default: a comfortably large base font that follows the system scaling.

Colours come from the system palette (light or dark); alert colours are only ever added to
a text label, never used alone.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from msjournal.ui import preferences, theme

MINIMUM_BASE_POINTS = 12.0
LEVEL_COLOURS = {"urgent": "#b71c1c", "consult": "#9a5300", "reminder": "#1558a8"}
# Symbols that common fonts (DejaVu, Segoe UI, Helvetica) all have; no emoji font needed.
LEVEL_LABELS = {
    "urgent": "‼ URGENT",
    "consult": "⚠ Contact your care team",
    "reminder": "ℹ Reminder",
}

_system_points: float | None = None


def base_points(size_name: str | None = None) -> float:
    """The system font size (at least 12 pt), scaled by the person's text-size choice."""
    global _system_points
    if _system_points is None:
        _system_points = max(QApplication.font().pointSizeF(), MINIMUM_BASE_POINTS)
    scale = preferences.TEXT_SIZES[size_name or preferences.text_size()][1]
    return round(_system_points * scale, 1)


def apply_text_size(app: QApplication, size_name: str | None = None) -> None:
    """The text size, then the theme, whose control sizes follow the text."""
    font = QFont(app.font())
    font.setPointSizeF(base_points(size_name))
    app.setFont(font)
    for widget in app.allWidgets():
        widget.setFont(_scaled(widget))
    theme.apply(app, preferences.theme(), preferences.large_controls())


def _scaled(widget: QWidget) -> QFont:
    font = QFont(QApplication.font())
    factor = widget.property("fontFactor")
    if factor:
        font.setPointSizeF(font.pointSizeF() * float(factor))
        font.setBold(bool(widget.property("fontBold")))
    return font


def heading(text: str, factor: float = 1.35, parent: QWidget | None = None) -> QLabel:
    """A bold heading label that grows with the base font."""
    label = QLabel(text, parent)
    label.setProperty("fontFactor", factor)
    label.setProperty("fontBold", True)
    label.setFont(_scaled(label))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def level_style(level: str) -> str:
    colour = LEVEL_COLOURS.get(level, "#666666")
    return f"QFrame#alertCard {{ border: 3px solid {colour}; border-radius: 6px; }}"


def level_label_style(level: str) -> str:
    """A label in the level's colour band, its text in the theme's own (readable) colour."""
    colour = LEVEL_COLOURS.get(level, "#666666")
    return (
        f"font-weight: bold; color: palette(window-text); border-left: 6px solid {colour};"
        " padding: 4px 8px;"
    )
