"""Themes, focus rings and control sizes: readable for tired or low-vision eyes, easy with tremor.

Follow the system, or a light, dark or high-contrast theme (Settings). Whatever the theme, every
control that takes focus shows a 3 px ring in a colour at least 3:1 against its surroundings,
from the moment it has focus (not only after Tab was pressed once), distinct from the default
button (bold text, a border in the text colour). Field and button borders are at least 3:1,
text at least 4.5:1 (WCAG 2.2: 1.4.3, 1.4.11, 2.4.13). Targets are at least 24 px tall and grow
with the text size; "large controls" makes them at least 44 px (WCAG 2.5.8, 2.5.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
    "high_contrast": "High contrast (white on black)",
}
DEFAULT_THEME = "system"
MINIMUM_TARGET = 24  # px, WCAG 2.2 target size (minimum)
LARGE_TARGET = 44  # px, WCAG 2.2 target size (enhanced), the "large controls" setting
FOCUS_WIDTH = 3  # px


@dataclass(frozen=True)
class Colours:
    window: str
    base: str  # the background of fields and lists
    text: str
    button: str
    button_text: str
    border: str  # of fields, buttons, check boxes: at least 3:1 against window and base
    focus: str  # the focus ring: at least 3:1 against window and base
    highlight: str
    highlighted_text: str
    placeholder: str  # at least 4.5:1 against base
    link: str


LIGHT = Colours(
    window="#f3f3f3",
    base="#ffffff",
    text="#141414",
    button="#e6e6e6",
    button_text="#141414",
    border="#6e6e6e",
    focus="#0a50c8",
    highlight="#0a50c8",
    highlighted_text="#ffffff",
    placeholder="#5c5c5c",
    link="#0a50c8",
)
DARK = Colours(
    window="#202124",
    base="#16171a",
    text="#eeeeee",
    button="#33353a",
    button_text="#eeeeee",
    border="#9aa0a6",
    focus="#8ab4f8",
    highlight="#8ab4f8",
    highlighted_text="#111111",
    placeholder="#b4b8bd",
    link="#8ab4f8",
)
HIGH_CONTRAST = Colours(
    window="#000000",
    base="#000000",
    text="#ffffff",
    button="#000000",
    button_text="#ffffff",
    border="#ffffff",
    focus="#ffff00",
    highlight="#ffff00",
    highlighted_text="#000000",
    placeholder="#d9d9d9",
    link="#ffff00",
)
PALETTES = {"light": LIGHT, "dark": DARK, "high_contrast": HIGH_CONTRAST}


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.2 definition)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours_for(theme: str) -> Colours:
    """The theme's colours; for "system", light or dark by the system's own window colour."""
    if theme in PALETTES:
        return PALETTES[theme]
    app = QGuiApplication.instance()
    window = (
        QGuiApplication.palette().color(QPalette.ColorRole.Window) if app else QColor("#ffffff")
    )
    return DARK if window.lightness() < 128 else LIGHT


def palette_for(colours: Colours) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: colours.base,
        QPalette.ColorRole.AlternateBase: colours.window,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.Button: colours.button,
        QPalette.ColorRole.ButtonText: colours.button_text,
        QPalette.ColorRole.Highlight: colours.highlight,
        QPalette.ColorRole.HighlightedText: colours.highlighted_text,
        QPalette.ColorRole.PlaceholderText: colours.placeholder,
        QPalette.ColorRole.ToolTipBase: colours.base,
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.Link: colours.link,
        QPalette.ColorRole.BrightText: colours.text,
        QPalette.ColorRole.Mid: colours.border,
        QPalette.ColorRole.Dark: colours.border,
    }
    for role, colour in roles.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, colours.placeholder)
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, colours.placeholder
    )
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, colours.placeholder
    )
    return palette


def target_size(font_height: int, large_controls: bool) -> int:
    """The least height of a control: grows with the text, never below the WCAG minimum."""
    floor = LARGE_TARGET if large_controls else MINIMUM_TARGET
    return max(floor, round(font_height * 1.7))


def style_sheet(colours: Colours, target: int) -> str:
    """Borders, focus rings and sizes for every kind of control the window uses."""
    c = colours
    f = FOCUS_WIDTH
    indicator = max(20, round(target * 0.7))
    handle = target
    fields = (
        "QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, "
        "QDateEdit, QTimeEdit, QDateTimeEdit"
    )
    focused_fields = ", ".join(f"{name.strip()}:focus" for name in fields.split(","))
    return f"""
QPushButton, QToolButton {{
    min-height: {target - 2 * f}px; padding: 0px 12px; color: {c.button_text};
    background: {c.button}; border: 2px solid {c.border}; border-radius: 5px; margin: 1px;
}}
QPushButton:default {{ border: 2px solid {c.text}; font-weight: bold; }}
QPushButton:checked {{ background: {c.highlight}; color: {c.highlighted_text}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.placeholder}; }}
QPushButton:focus, QToolButton:focus {{
    border: {f}px solid {c.focus}; margin: 0px; padding: 0px 12px;
}}
{fields} {{
    min-height: {target - 2 * f}px; color: {c.text}; background: {c.base};
    border: 2px solid {c.border}; border-radius: 4px; margin: 1px; padding: 0px 4px;
}}
QPlainTextEdit, QTextEdit {{ padding: 2px 4px; }}
{focused_fields} {{ border: {f}px solid {c.focus}; margin: 0px; }}
QCheckBox, QRadioButton {{
    min-height: {target - 2 * f}px; color: {c.text}; spacing: 8px;
    border: {f}px solid transparent; border-radius: 4px; padding: 0px 2px;
}}
QCheckBox:focus, QRadioButton:focus {{ border: {f}px solid {c.focus}; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: {indicator - 4}px; height: {indicator - 4}px;
    border: 2px solid {c.border}; background: {c.base};
}}
QCheckBox::indicator {{ border-radius: 3px; }}
QRadioButton::indicator {{ border-radius: {indicator // 2}px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {c.text}, stop: 0.55 {c.text}, stop: 0.56 {c.base}, stop: 1 {c.base});
    border: 2px solid {c.text};
}}
QCheckBox::indicator:disabled {{ border-color: {c.placeholder}; }}
QSlider {{ min-height: {handle + 2 * f}px; border: {f}px solid transparent; }}
QSlider:focus {{ border: {f}px solid {c.focus}; border-radius: 4px; }}
QSlider::groove:horizontal {{ height: 8px; background: {c.border}; border-radius: 4px; }}
QSlider::handle:horizontal {{
    width: {handle}px; height: {handle}px; margin: -{(handle - 8) // 2}px 0px;
    border-radius: {handle // 2}px; background: {c.highlight}; border: 2px solid {c.text};
}}
QTabBar::tab {{
    min-height: {target}px; padding: 0px 14px; color: {c.text}; background: {c.button};
    border: 2px solid {c.border}; border-bottom: none; margin-right: 2px;
    border-top-left-radius: 5px; border-top-right-radius: 5px;
}}
QTabBar::tab:selected {{ background: {c.base}; font-weight: bold; }}
QTabBar:focus {{ border-bottom: {f}px solid {c.focus}; }}
QTabBar::tab:selected:focus {{ border: {f}px solid {c.focus}; border-bottom: none; }}
QTabWidget::pane {{ border: 2px solid {c.border}; }}
QTableView, QListView, QTreeView, QListWidget, QTableWidget {{
    border: 2px solid {c.border}; margin: 1px; background: {c.base}; color: {c.text};
}}
QTableView:focus, QListView:focus, QTreeView:focus, QListWidget:focus, QTableWidget:focus {{
    border: {f}px solid {c.focus}; margin: 0px;
}}
QScrollArea:focus {{ border: {f}px solid {c.focus}; }}
QWidget#severity {{ border: {f}px solid transparent; border-radius: 4px; }}
QWidget#severity:focus {{ border: {f}px solid {c.focus}; }}
QWidget#chartCanvas {{ border: {f}px solid transparent; }}
QWidget#chartCanvas:focus {{ border: {f}px solid {c.focus}; }}
"""


_system_look: tuple[str, QPalette] | None = None  # the style and palette before any theme


def apply(app: QApplication, theme: str, large_controls: bool) -> None:
    """Set the palette and the style sheet (again after every change of text size)."""
    global _system_look
    if _system_look is None:
        _system_look = (app.style().name(), QPalette(app.palette()))
    if theme in PALETTES:
        app.setStyle("Fusion")
        app.setPalette(palette_for(PALETTES[theme]))
    else:
        app.setStyle(_system_look[0])
        app.setPalette(_system_look[1])
    colours = colours_for(theme)
    height = QFontMetrics(app.font()).height()
    app.setStyleSheet(style_sheet(colours, target_size(height, large_controls)))
