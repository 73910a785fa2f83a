"""What every entry dialog shares: a form whose rows show the core's message next to the field.

Nothing is saved until the core accepts the whole entry. Enter saves, Escape cancels.
Dialogs open with open() (never a blocking exec()), so tests and the window stay responsive;
`saved` holds the record once the dialog was accepted.
"""

from __future__ import annotations

from typing import Any, Self

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError, StaleEntryError, ValidationError
from msjournal.model.records import Entry
from msjournal.ui.dialogs.dialog_size import fit_dialog, scrolling_body

ERROR_STYLE = "color: palette(text); border-left: 4px solid #c62828; padding-left: 6px;"


def error_text(error: ValidationError, label: str) -> str:
    shown = "" if error.value in (None, "") else f" (you entered “{error.value}”)"
    return f"⚠ {label}: {error.reason}{shown}."


class EntryDialog(QDialog):
    kind = ""
    title_new = ""
    title_edit = ""

    def __init__(
        self, journal: Journal, parent: QWidget | None = None, record: Entry | None = None
    ):
        super().__init__(parent)
        self.journal = journal
        self.record = record
        self.saved: Entry | None = None
        self._rows: dict[str, tuple[str, QWidget, QLabel]] = {}
        self._row_boxes: dict[str, tuple[QFormLayout, QVBoxLayout]] = {}
        self.setWindowTitle(self.title_edit if record else self.title_new)
        self.setAccessibleName(self.windowTitle())
        # The fields scroll when the text is large and the screen small; the buttons stay.
        body, self._layout, self.body = scrolling_body(self, self.windowTitle())
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields themselves take focus
        self.general_error = self._error_label()
        body.addWidget(self.general_error)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        body.addLayout(self.form)
        self.build()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does Qt keep it as the Enter button.
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        if record is not None:
            self.load(record)
        self._as_opened = repr(self.draft())
        self.discard_question: QMessageBox | None = None
        fit_dialog(self)

    @classmethod
    def start(
        cls, journal: Journal, parent: QWidget | None = None, record: Entry | None = None
    ) -> Self:
        """Open the dialog without blocking; connect to `accepted` to learn what was saved."""
        dialog = cls(journal, parent, record)
        dialog.open()
        if dialog._rows:  # the first field, not a page's tab, takes the first keystrokes
            next(iter(dialog._rows.values()))[1].setFocus()
        return dialog

    # ---------------------------------------------------------------- for subclasses

    def build(self) -> None:
        raise NotImplementedError

    def load(self, record: Any) -> None:
        raise NotImplementedError

    def draft(self) -> dict[str, Any]:
        raise NotImplementedError

    def add_row(
        self,
        field: str,
        label: str,
        widget: QWidget,
        *aliases: str,
        form: QFormLayout | None = None,
    ) -> QWidget:
        """A labelled row with room for its error message underneath."""
        own_text = getattr(widget, "text", None)
        plain = (label or (own_text() if callable(own_text) else field)).replace("&", "")
        caption = QLabel(label)
        caption.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(plain)
        editor = widget.lineEdit() if isinstance(widget, QComboBox) else None
        if editor is not None:
            editor.setAccessibleName(plain)  # the box typed into has the name too
        # A layout, not a holder widget: the field stays a sibling of its caption, which is how
        # Qt tells screen readers on Linux which label names it (a combo box's own name there
        # is its current value).
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        error = self._error_label()
        box.addWidget(error)
        if label:
            (form or self.form).addRow(caption, box)
        else:  # a tick box names itself: it spans the row instead of leaving an empty caption
            (form or self.form).addRow(box)
        for name in (field, *aliases):
            self._rows[name] = (plain, widget, error)
            self._row_boxes[name] = (form or self.form, box)
        return widget

    def show_row(self, field: str, shown: bool) -> None:
        """Show or hide a field's whole row: its caption, the field and its message."""
        form, box = self._row_boxes[field]
        form.setRowVisible(box, shown)

    def row_shown(self, field: str) -> bool:
        form, box = self._row_boxes[field]
        return bool(form.isRowVisible(box))

    # ---------------------------------------------------------------- saving

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.setVisible(False)
        return label

    def field_error(self, field: str) -> str:
        """The message shown for a field ('' when none): used by tests and screen readers."""
        row = self._rows.get(field)
        label = row[2] if row else self.general_error
        return label.text() if not label.isHidden() else ""

    def clear_errors(self) -> None:
        for _, widget, label in self._rows.values():
            label.setVisible(False)
            widget.setAccessibleDescription("")
        self.general_error.setVisible(False)

    def show_error(self, error: ValidationError) -> None:
        label_text, widget, label = self._rows.get(
            error.field, (error.field, None, self.general_error)
        )
        label.setText(error_text(error, label_text))
        label.setVisible(True)
        self._make_room()
        if widget is not None:
            widget.setAccessibleDescription(label.text())
            self.reveal(widget)
            widget.setFocus()

    def _make_room(self) -> None:
        """Grow the dialog to fit a message just shown, so nothing overlaps."""
        fit_dialog(self)

    def reveal(self, widget: QWidget) -> None:
        """Make the tab page holding the widget visible, so its message is seen."""
        for tabs in self.findChildren(QTabWidget):
            for index in range(tabs.count()):
                page = tabs.widget(index)
                if page is not None and page.isAncestorOf(widget):
                    tabs.setCurrentIndex(index)

    def save(self, draft: dict[str, Any]) -> Entry:
        if self.record is not None:
            return self.journal.update(self.record.id, draft, expected=self.record)
        return self.journal.add(self.kind, draft)

    def field_widget(self, field: str) -> QWidget:
        return self._rows[field][1]

    def reject(self) -> None:
        """Escape or Cancel: a form the person changed asks before what they typed is lost."""
        if repr(self.draft()) == self._as_opened or self.discard_question is not None:
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard what you typed?",
            "You changed this form. Close it without saving?",
            parent=self,
        )
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _result: self._after_question(box.clickedButton() is discard))
        self.discard_question = box
        box.open()

    def _after_question(self, discard: bool) -> None:
        if discard:
            self.reject()  # the question is answered: close
        self.discard_question = None

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.saved = self.save(self.draft())
        except ValidationError as error:
            self.show_error(error)
            return
        except StaleEntryError as error:
            if isinstance(error.current, Entry):  # None when the entry was deleted
                self.record = error.current  # a second Save is the person's decision
            self.general_error.setText(f"⚠ {error}")
            self.general_error.setVisible(True)
            self._make_room()
            return
        except JournalError as error:
            self.general_error.setText(f"⚠ {error}")
            self.general_error.setVisible(True)
            self._make_room()
            return
        super().accept()
