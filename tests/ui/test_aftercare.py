"""After an infusion: aftercare from the source document and the treatment's warning signs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from msjournal.ui.dialogs.aftercare_dialog import AftercareDialog
from tests.conftest import NOW


def test_warning_signs_open_from_the_keyboard(qtbot, journal) -> None:
    """The warning signs are one key away: emergency ones say to get help now."""
    infusion = journal.add(
        "inf", {"treatment": "natalizumab", "start": "2026-06-15T09:00"}, now=NOW
    )
    dialog = AftercareDialog(journal, infusion)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.signs.isVisible()
    dialog.show_signs.setFocus()
    qtbot.keyClick(dialog.show_signs, Qt.Key.Key_Space)
    assert dialog.signs.isVisible()
    text = dialog.signs.text()
    assert text.startswith("Get help now") and "trouble breathing" in text
    assert "Contact your care team the same day" in text


def test_observation_time_follows_the_treatment(qtbot, journal) -> None:
    """Alemtuzumab's 2-hour watch is named; a treatment with none found shows its note only."""
    from msjournal.ui.dialogs.aftercare_dialog import aftercare_lines

    alem = journal.add("inf", {"treatment": "alemtuzumab", "start": "2026-06-15T09:00"}, now=NOW)
    assert any("at least 2 hours" in line for line in aftercare_lines(journal, alem))
    steroid = journal.add(
        "inf", {"treatment": "iv_methylprednisolone", "start": "2026-06-14T09:00"}, now=NOW
    )
    assert not any("watched for at least" in line for line in aftercare_lines(journal, steroid))


def test_every_warning_sign_can_be_read_at_the_largest_text_size(qtbot, journal) -> None:
    """Issue "Accessibility" (blocker): at the largest text size on a small screen the warning
    signs filled the screen with no scroll bar; only the first sign and no buttons showed."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from msjournal.ui import appearance

    appearance.apply_text_size(QApplication.instance(), "largest")  # type: ignore[arg-type]
    try:
        infusion = journal.add(
            "inf", {"treatment": "alemtuzumab", "start": "2026-06-15T09:00"}, now=NOW
        )
        dialog = AftercareDialog(journal, infusion)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog.show_signs, Qt.Key.Key_Space)
        qtbot.wait(50)  # the layouts settle
        area = dialog.screen().availableGeometry()
        assert area.contains(dialog.frameGeometry()) or dialog.height() <= area.height()
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons.isVisible() and dialog.rect().contains(buttons.geometry())
        label = dialog.signs
        assert label.height() >= label.heightForWidth(label.width()), "no line is cut"
        for sign in journal.catalog.treatments["alemtuzumab"].warning_signs:
            assert sign.description in label.text()
        scroll = dialog.body.verticalScrollBar()
        assert scroll.maximum() > 0, "taller than the screen: it scrolls"
        dialog.body.setFocus()
        qtbot.keyClick(dialog.body, Qt.Key.Key_End)
        qtbot.keyClick(dialog.body, Qt.Key.Key_PageDown)
        qtbot.keyClick(dialog.body, Qt.Key.Key_PageDown)
        for _ in range(40):
            qtbot.keyClick(dialog.body, Qt.Key.Key_Down)
        assert scroll.value() == scroll.maximum(), "the keyboard reaches the last sign"
        assert dialog.body.accessibleName()
    finally:
        appearance.apply_text_size(QApplication.instance(), "normal")  # type: ignore[arg-type]
