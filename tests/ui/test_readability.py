"""Readability: large text fits a small screen, dialogs show every row,
alerts stay legible in dark mode."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from msjournal.journal import Journal
from msjournal.rules.alerts import Alert
from msjournal.ui.appearance import LEVEL_COLOURS, apply_text_size

SMALL_SCREEN_WIDTH = 1024


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def largest_text(qapp: QApplication) -> Iterator[None]:
    apply_text_size(qapp, "largest")
    yield
    apply_text_size(qapp, "normal")


@pytest.fixture
def dark_palette(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    dark = QPalette(before)
    for role, value in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(value))
    qapp.setPalette(dark)
    yield dark
    qapp.setPalette(before)


def _alert(
    level: str, criterion: str = "Fever above 100 °F (37.8 °C), a sign of infection."
) -> Alert:
    return Alert(
        "fever",
        level,
        "Temperature above your fever threshold",
        "You recorded 38.3 °C on Mon 23 Nov 2026 at 20:00. This meets the criterion: "
        f"{criterion} Contact your care team today.",
        "Contact your care team today.",
        criterion,
        ("t-1",),
        datetime(2026, 11, 23, 20, 0),
    )


def test_log_buttons_wrap_so_largest_text_fits_a_1024_screen(
    qtbot: object, journal: Journal, largest_text: None
) -> None:
    """At the largest text size the Log buttons take a second line
    instead of widening the window."""
    from msjournal.ui.main_window import MainWindow

    window = MainWindow(journal)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(SMALL_SCREEN_WIDTH, 700)
    window.show()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    assert window.minimumSizeHint().width() <= SMALL_SCREEN_WIDTH
    assert window.width() <= SMALL_SCREEN_WIDTH
    buttons = list(window.today.action_buttons.values())
    assert all(b.isVisible() and b.width() >= b.sizeHint().width() for b in buttons)
    row = window.today.action_row
    assert all(row.rect().contains(b.geometry()) for b in buttons), "a Log button is cut off"
    assert len({b.y() for b in buttons}) > 1, "the Log buttons should wrap onto a second line"


def test_plan_dialog_shows_every_row_without_overlap(
    qtbot: object, largest_text: None, window: QWidget
) -> None:
    """At the largest text the plan dialog is tall enough for its wrapped text:
    no row covers another."""
    dialog = window.change_plan()  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    fields = [
        dialog.treatment,
        dialog.started,
        dialog.interval,
        dialog.evaluation,
        dialog.risks,
        dialog.notes,
    ]
    boxes = [
        f.geometry().translated(f.parentWidget().mapTo(dialog, f.parentWidget().rect().topLeft()))
        for f in fields
    ]
    for box, field in zip(boxes, fields, strict=True):
        assert dialog.rect().contains(box), f"{field.accessibleName()} is cut off"
        assert field.height() >= field.minimumSizeHint().height(), (
            f"{field.accessibleName()} is squeezed"
        )
    # neighbouring rows: the shifted list is one shorter, so the last box pairs with nothing
    for first, second in zip(boxes, boxes[1:], strict=False):
        assert not first.intersects(second), "two rows of the plan dialog overlap"


def test_alert_level_labels_stay_readable_on_a_dark_palette(
    qtbot: object, dark_palette: QPalette
) -> None:
    """Level labels are white on a strong colour (4.5:1 or better);
    other text follows the palette."""
    from msjournal.ui.widgets.alert_widgets import AlertCard

    white = QColor("white")
    for level, colour in LEVEL_COLOURS.items():
        assert contrast(white, QColor(colour)) >= 4.5, f"{level} label is hard to read"
        card = AlertCard(_alert(level))
        qtbot.addWidget(card)  # type: ignore[attr-defined]
        for widget in card.findChildren(QWidget):
            fixed = re.findall(r"(?<![-\w])color:\s*([^;]+);", widget.styleSheet())
            assert all(value.strip() in ("white", "palette(text)") for value in fixed)
            if not fixed:
                text = widget.palette().color(QPalette.ColorRole.WindowText)
                assert contrast(text, dark_palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_alert_card_names_the_criterion_and_keeps_units_together(qtbot: object) -> None:
    """The card says what to tell the care team about, and 37.8 °C never splits across lines."""
    from PySide6.QtWidgets import QLabel

    from msjournal.ui.widgets.alert_widgets import AlertCard

    card = AlertCard(_alert("consult"))
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert any(t.startswith("Tell your care team about: Fever above 100\u00a0°F") for t in texts)
    assert any(t.startswith("What to do: Contact your care team today") for t in texts)
    assert not any(" °" in t for t in texts)
