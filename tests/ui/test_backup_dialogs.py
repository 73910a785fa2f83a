"""The backup, restore and damaged-journal dialogs, driven with the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from msjournal.journal import Journal
from msjournal.safety import backups, health
from msjournal.storage.paths import backups_dir
from msjournal.ui.dialogs.backup_dialogs import DamagedJournalDialog, RestoreDialog, backup_now
from tests.safety_helpers import TEMPERATURE, assert_private, digest, filled_journal


@pytest.fixture
def message_boxes(qtbot) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """Answers every message box with Enter (its default button), recording what it said."""
    seen: list[str] = []

    def answer() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen.append(widget.text())
            qtbot.keyClick(widget, Qt.Key.Key_Return)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    yield seen
    timer.stop()


def test_backup_now_makes_a_backup_and_says_where(
    journal: Journal, message_boxes: list[str]
) -> None:
    """Back up now writes a private backup and tells the person where it is."""
    journal.add_temperature(TEMPERATURE)
    backup_now(None, journal)
    made = backups.list_backups(backups_dir(journal.path))
    assert len(made) == 1 and digest(made[0].path) == digest(journal.path)
    assert_private(made[0].path)
    assert any(str(made[0].path) in text for text in message_boxes)


def test_backup_now_explains_a_failure(journal: Journal, message_boxes: list[str]) -> None:
    """When the backups folder cannot be written, the message says so and the journal works on."""
    backups_dir(journal.path).write_text("in the way")
    backup_now(None, journal)
    assert any("Could not make a backup" in text for text in message_boxes)
    journal.add_temperature(TEMPERATURE)


@pytest.fixture
def two_backups(journal_path: Path) -> tuple[Journal, str, str]:
    """A journal with an older and a newer backup of different content."""
    journal = filled_journal(journal_path, temperatures=1)
    backups.make_backup(journal_path, now=datetime(2026, 6, 1, 9, 30))
    older = digest(journal_path)
    journal.add_temperature(TEMPERATURE | {"notes": "after the first backup"})
    backups.make_backup(journal_path, now=datetime(2026, 6, 10, 18, 5))
    newer = digest(journal_path)
    journal.add_temperature(TEMPERATURE | {"notes": "not yet backed up"})
    return journal, older, newer


def test_restore_older_backup_with_keyboard(qtbot, two_backups, message_boxes) -> None:  # type: ignore[no-untyped-def]
    """Down arrow picks the older backup, Enter restores it after a confirmation;
    the journal opens."""
    journal, older, _ = two_backups
    path = journal.path
    current = digest(path)
    dialog = RestoreDialog(None, journal)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "10 June 2026, 18:05" in dialog.backups.item(0).text()  # newest first
    assert "1 June 2026, 09:30" in dialog.backups.item(1).text()
    assert "good backup" in dialog.check_text.text()
    dialog.backups.setFocus()
    qtbot.keyClick(dialog.backups, Qt.Key.Key_Down)
    assert "1 June 2026" in dialog.check_text.text()
    qtbot.keyClick(dialog.backups, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert isinstance(dialog.restored, Journal)
    assert digest(path) == older
    kept = [b for b in backups.list_backups(backups_dir(path)) if "before-restore" in b.path.name]
    assert len(kept) == 1 and digest(kept[0].path) == current
    assert any("Replace your journal" in text for text in message_boxes)
    dialog.restored.add_temperature(TEMPERATURE)  # the restored journal is open and writable
    dialog.restored.close()


def test_bad_file_cannot_be_restored(qtbot, two_backups, tmp_path: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    """A file that is not a backup shows why, Restore stays disabled,
    Escape leaves all as it was."""
    journal, _, _ = two_backups
    before = digest(journal.path)
    bad = tmp_path / "holiday.pdf"
    bad.write_bytes(b"%PDF-1.5 photos")
    dialog = RestoreDialog(None, journal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_file(bad)
    assert "cannot be restored" in dialog.check_text.text() and "PDF" in dialog.check_text.text()
    assert not dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog.backups, Qt.Key.Key_Return)
    assert dialog.restored is None and not message_boxes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert digest(journal.path) == before
    journal.add_temperature(TEMPERATURE)  # still the open, usable journal


def test_damaged_journal_offers_newest_good_backup(qtbot, two_backups) -> None:  # type: ignore[no-untyped-def]
    """A damaged journal is explained, the newest good backup is offered, Enter restores it."""
    journal, _, newer = two_backups
    path = journal.path
    journal.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[:16] = bytes(16)
    path.write_bytes(bytes(data))
    dialog = DamagedJournalDialog(None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "cannot use it safely" in dialog.text.text()
    assert "10 June 2026" in dialog.text.text()
    assert path.read_bytes() == bytes(data)  # explaining writes nothing
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.restored
    assert health.full_check(path).ok and digest(path) == newer
    assert any(p.read_bytes() == bytes(data) for p in backups_dir(path).glob("damaged-*.sqlite"))


def test_damaged_journal_without_backups_offers_choice_or_quit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With no good backup, the dialog says so and Escape quits without touching the file."""
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"%PDF-1.4 not a journal")
    dialog = DamagedJournalDialog(None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No good backup was found" in dialog.text.text()
    assert dialog.use_newest is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.restored
    assert path.read_bytes() == b"%PDF-1.4 not a journal"
