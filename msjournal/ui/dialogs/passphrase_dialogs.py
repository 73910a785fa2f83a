"""Passphrase protection in the window: the start-up question, and protect / change / remove.

Every passphrase box hides what is typed. The passphrase is never shown, stored or logged:
it goes straight to the Journal, which keeps it in memory while the journal is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety.protection import change_protection
from msjournal.storage import sqlcipher as encryption
from msjournal.ui.dialogs.dialog_size import fit_dialog

START_TITLE = "msjournal: passphrase"
NOT_INSTALLED = (
    "Passphrase protection is not installed. It needs the optional package "
    "sqlcipher3; install it with:\n\n    pip install msjournal[encryption]\n\n"
    "then start msjournal again. Your journal is unchanged."
)


def passphrase_question(parent: QWidget | None, label: str) -> QInputDialog:
    """A QInputDialog whose text box hides what is typed."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(START_TITLE)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setLabelText(label)
    dialog.setOkButtonText("&Open")
    dialog.setCancelButtonText("&Quit")
    return dialog


def ask_at_start(path: Path, parent: QWidget | None = None) -> str | None:
    """Ask until the passphrase opens the journal; None when the person chose Quit."""
    label = f"The journal {path.name} is protected with a passphrase.\n\nPassphrase:"
    while True:
        dialog = passphrase_question(parent, label)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        passphrase = dialog.textValue()
        dialog.setTextValue("")
        dialog.deleteLater()
        if not accepted:
            return None
        if encryption.passphrase_opens(path, passphrase):
            return passphrase
        label = (
            "The passphrase is not right; nothing was changed. Check Caps Lock and try "
            "again.\n\nPassphrase:"
        )


def _password_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    return box


class PassphraseDialog(QDialog):
    """Protect with a passphrase, change it, or remove the protection ("protect", "change",
    "remove")."""

    TITLES = {
        "protect": "Protect with a passphrase",
        "change": "Change passphrase",
        "remove": "Remove passphrase protection",
    }
    INTROS = {
        "protect": (
            "The journal and its new backups will be encrypted. You will be asked for "
            "the passphrase each time msjournal starts. Nobody can recover a forgotten "
            "passphrase: write it down and keep it somewhere safe. Backups made before "
            "today stay unprotected; delete them if others use this computer."
        ),
        "change": "The journal and its new backups will open with the new passphrase only.",
        "remove": (
            "The journal will be stored without encryption: anyone who can use this "
            "computer account can read it. Backups already made keep their passphrase."
        ),
    }

    def __init__(
        self,
        journal: Journal,
        mode: str,
        parent: QWidget | None = None,
        done: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.journal, self.mode, self._done = journal, mode, done
        self.setWindowTitle(self.TITLES[mode])
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(self.INTROS[mode])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        form = QFormLayout()
        self.current = _password_box("Current passphrase")
        self.new = _password_box("New passphrase")
        self.repeat = _password_box("New passphrase again")
        if mode != "protect":
            form.addRow("&Current passphrase", self.current)
        if mode != "remove":
            form.addRow("&New passphrase", self.new)
            form.addRow("New passphrase &again", self.repeat)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.windowTitle())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self)

    def _show_error(self, text: str) -> None:
        self.error.setText(f"⚠ {text}")
        self.error.setVisible(True)
        for box in (self.current, self.new, self.repeat):
            box.clear()
        (self.current if self.mode != "protect" else self.new).setFocus()

    def accept(self) -> None:
        if self.mode != "remove" and self.new.text() != self.repeat.text():
            self._show_error("The two new passphrases are not the same. Type them again.")
            return
        new = None if self.mode == "remove" else self.new.text()
        current = None if self.mode == "protect" else self.current.text()
        try:
            change_protection(self.journal, new, current=current)
        except JournalError as error:
            self._show_error(str(error))
            return
        for box in (self.current, self.new, self.repeat):
            box.clear()
        super().accept()
        if self._done:
            self._done(self.mode)


def open_passphrase_dialog(
    journal: Journal,
    mode: str,
    parent: QWidget | None = None,
    done: Callable[[str], None] | None = None,
) -> QDialog | None:
    """Open the dialog for `mode`; without sqlcipher3, explain what to install instead."""
    if not encryption.available():
        QMessageBox.information(parent, "Passphrase protection", NOT_INSTALLED)
        return None
    dialog = PassphraseDialog(journal, mode, parent, done)
    dialog.open()
    (dialog.new if mode == "protect" else dialog.current).setFocus()
    return dialog
