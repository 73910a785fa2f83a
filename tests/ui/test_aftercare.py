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
