"""Back up now, restore a backup, and what to do when the journal is damaged at start-up.

All checking and copying is done by msjournal.safety.backups and msjournal.safety.restore;
these dialogs only show the choices, the check result, and ask before anything is replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import automatic, backups, health, restore
from msjournal.storage.paths import backups_dir

FILE_FILTER = "msjournal backups (*.sqlite *.db);;All files (*)"
KINDS = {
    "manual": "made by you",
    "on-exit": "when msjournal closed",
    "before-import": "before an import",
    "before-restore": "before a restore",
    "before-upgrade": "before an update",
}


def _describe(backup: backups.Backup) -> str:
    name = backup.path.name
    kind = next((words for key, words in KINDS.items() if f"-{key}" in name), "automatic")
    return f"{backup.made:%A %d %B %Y, %H:%M}  ({kind})"


def backup_now(parent: QWidget | None, journal: Journal) -> None:
    """Make a backup now and say where it is (or why it could not be made)."""
    try:
        made = automatic.backup_now(journal)
    except JournalError as error:
        QMessageBox.warning(parent, "Backup not made", str(error))
        return
    QMessageBox.information(
        parent,
        "Backup made",
        f"Your journal was backed up to:\n{made}\n\n"
        f"Keep a copy on a USB stick or another computer too.",
    )


class RestoreDialog(QDialog):
    """Pick a backup (newest first) or another file, see its check, confirm, restore."""

    def __init__(self, parent: QWidget | None, journal: Journal):
        super().__init__(parent)
        self.journal = journal
        self.restored: Journal | None = None
        self.setWindowTitle("Restore from a backup")
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups, newest first")
        self.check_text = QLabel()
        self.check_text.setWordWrap(True)
        self.check_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other = QPushButton("Choose &another file…")
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            "&Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._layout()
        self._fill()
        self.backups.currentItemChanged.connect(lambda *_: self._check_selected())
        self.other.clicked.connect(self._choose_file)
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        self._check_selected()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Your backups are kept in {backups_dir(self.journal.path)}. Choose one; it "
            f"is checked before anything changes, and your journal as it is now is kept "
            f"as a backup first."
        )
        intro.setWordWrap(True)
        label = QLabel("&Backups (newest first):")
        label.setBuddy(self.backups)
        for widget in (intro, label, self.backups, self.other, self.check_text, self.buttons):
            layout.addWidget(widget)
        self.resize(640, 480)

    def _fill(self) -> None:
        for backup in backups.list_backups(backups_dir(self.journal.path)):
            item = QListWidgetItem(_describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.backups.addItem(item)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        else:
            self.backups.addItem(QListWidgetItem("No backups yet: choose a file instead."))
            self.backups.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def add_file(self, path: Path) -> None:
        item = QListWidgetItem(f"{path.name}  ({path.parent})")
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.backups.insertItem(0, item)
        self.backups.setCurrentRow(0)
        self.backups.setFocus()

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a backup file", str(backups_dir(self.journal.path)), FILE_FILTER
        )
        if name:
            self.add_file(Path(name))

    def selected(self) -> Path | None:
        item = self.backups.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return Path(value) if value else None

    def _check_selected(self) -> None:
        chosen = self.selected()
        check = restore.check_candidate(chosen) if chosen else None
        self.check_text.setText(
            check.message() if check else "Choose a backup to see what it holds."
        )
        self.restore_button.setEnabled(bool(check and check.ok))

    def _restore(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.restore_button.isEnabled():
            return
        answer = QMessageBox.question(
            self,
            "Replace your journal?",
            f"Replace your journal with {chosen.name}?\n\nYour journal as it is now is kept as a "
            f"backup first, so you can go back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, key = self.journal.path, self.journal.passphrase
        self.journal.close()
        try:
            outcome = restore.restore_file(chosen, path, passphrase=key, journal_passphrase=key)
            self.restored = automatic.open_journal(path, outcome.opens_with)
        except JournalError as error:
            self.check_text.setText(str(error))
            return
        kept = (
            f"\n\nYour previous journal is kept in {outcome.previous_kept_at}"
            if outcome.previous_kept_at
            else ""
        )
        QMessageBox.information(
            self, "Journal restored", f"Your journal was restored from {chosen.name}.{kept}"
        )
        self.accept()


def restore_dialog(parent: QWidget | None, journal: Journal) -> Journal | None:
    """Let the person restore a backup; returns the newly opened journal, or None if cancelled."""
    dialog = RestoreDialog(parent, journal)
    dialog.exec()
    return dialog.restored


class DamagedJournalDialog(QDialog):
    """Explains that the journal failed its check and offers the newest good backup."""

    def __init__(
        self,
        parent: QWidget | None,
        path: Path,
        report: health.HealthReport | None = None,
        passphrase: str | None = None,
    ):
        super().__init__(parent)
        self.path = Path(path)
        self._passphrase = passphrase  # the key asked for at start-up, for this journal only
        self.restored = False
        self.setWindowTitle("Your journal needs attention")
        report = report or health.quick_check(self.path, passphrase)
        self.good = restore.newest_good_backup(self.path, passphrase)
        self.text = QLabel(self._explanation(report))
        self.text.setWordWrap(True)
        # Stacked buttons: long labels stay readable at the largest text size.
        self.buttons = QDialogButtonBox(Qt.Orientation.Vertical)
        self.use_newest: QPushButton | None = None
        if self.good is not None:
            self.use_newest = self.buttons.addButton(
                f"&Restore the backup from {self.good.made:%d %B %Y, %H:%M}",
                QDialogButtonBox.ButtonRole.AcceptRole,
            )
            self.use_newest.clicked.connect(
                lambda: self._restore(self.good.path if self.good else None)
            )
        self.choose = self.buttons.addButton(
            "&Choose a backup file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.choose.clicked.connect(self._choose_file)
        self.quit = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        (self.use_newest or self.choose).setDefault(True)
        (self.use_newest or self.choose).setFocus()

    def _explanation(self, report: health.HealthReport) -> str:
        problem = "; ".join(report.problems) or "it could not be checked"
        lines = [
            f"msjournal checked your journal ({self.path}) and cannot use it safely: {problem}.",
            "Nothing has been written to it, and it will be kept.",
        ]
        if self.good is not None:
            lines.append(
                f"The newest good backup is from {self.good.made:%A %d %B %Y at %H:%M}. "
                f"Entries made after that will need to be added again."
            )
        else:
            lines.append(
                "No good backup was found in the backups folder. If you have a copy "
                "elsewhere, choose it."
            )
        return "\n\n".join(lines)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a backup file", str(backups_dir(self.path)), FILE_FILTER
        )
        if name:
            self._restore(Path(name))

    def _restore(self, backup: Path | None) -> None:
        if backup is None:
            return
        try:
            restore.restore_file(backup, self.path, passphrase=self._passphrase)
        except JournalError as error:
            self.text.setText(f"{error}\n\nChoose another backup, or quit.")
            return
        self.restored = True
        self.accept()


def damaged_journal_dialog(
    parent: QWidget | None, path: Path, passphrase: str | None = None
) -> Path | None:
    """At start-up when the check fails: returns the journal path once restored, else None."""
    dialog = DamagedJournalDialog(parent, path, passphrase=passphrase)
    dialog.exec()
    return dialog.path if dialog.restored else None
