"""Export (JSON, CSV, calendar) and import (JSON, with a preview) from the File menu."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from msjournal.exchange import exports
from msjournal.exchange.import_preview import ImportPreview, preview_import
from msjournal.exchange.journal_format import ids_by_section, read_file
from msjournal.journal import Journal
from msjournal.model.errors import JournalError, ValidationError
from msjournal.model.progress import Progress
from msjournal.model.records import JournalData
from msjournal.ui.dialogs.dialog_size import fit_dialog
from msjournal.ui.dialogs.exchange_progress import run_with_progress

KIND_TEXT = {
    "json": (
        "Export the journal (JSON)",
        "msjournal journal file (*.json)",
        "The whole journal, which msjournal can import again.",
    ),
    "csv": (
        "Export for a spreadsheet (CSV)",
        "Zip of CSV tables (*.zip)",
        "One table per entry type, for LibreOffice or Excel.",
    ),
    "ics": (
        "Export what is due to a calendar (.ics)",
        "Calendar file (*.ics)",
        "Upcoming infusions, checks and follow-ups, with a reminder the day before.",
    ),
}


def choose_save_path(
    parent: QWidget | None, title: str, suggested: Path, filter_text: str
) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return Path(path) if path else None


def choose_open_path(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Import entries from a journal file",
        str(Path.home()),
        "msjournal journal file (*.json)",
    )
    return Path(path) if path else None


def _suggested(journal: Journal, kind: str) -> Path:
    folder = Path.home() / "Documents"
    folder = folder if folder.is_dir() else Path.home()
    return folder / f"msjournal-{date.today().isoformat()}{exports.SUFFIXES[kind]}"


def export_dialog(parent: QWidget | None, journal: Journal, kind: str) -> Path | None:
    """Ask where to save, write the export atomically, say where it went."""
    title, filter_text, _ = KIND_TEXT[kind]
    out = choose_save_path(parent, title, _suggested(journal, kind), filter_text)
    if out is None:
        return None
    if out.suffix.lower() != exports.SUFFIXES[kind]:
        out = out.with_name(out.name + exports.SUFFIXES[kind])

    def work(step: Progress) -> Path:
        step("Writing the file")
        return exports.export(kind, journal, out)

    written = run_with_progress(parent, title, work)
    if written is not None:
        QMessageBox.information(parent, title, f"Saved to {written}.")
    return written


def refusal_text(path: Path, error: JournalError) -> str:
    """Why a file was refused, naming the record, the field and the reason when known."""
    head = f"Nothing was imported from {path.name}; your journal is unchanged."
    if isinstance(error, ValidationError):
        where = f"In record {error.record}, " if error.record else "In the file, "
        return (
            f"{head}\n\n{where}the field “{error.field}” is {error.value!r}: "
            f"{error.reason}.\n\nCorrect the file, or ask whoever made it, then try again."
        )
    return f"{head}\n\n{error}"


class ImportPreviewDialog(QDialog):
    """What the import will add, before anything is written; Enter imports, Escape cancels."""

    def __init__(self, parent: QWidget | None, path: Path, preview: ImportPreview):
        super().__init__(parent)
        self.setWindowTitle("Import entries")
        layout = QVBoxLayout(self)
        lines = preview.lines() or ["The file holds no entries."]
        text = f"{path.name} will add to your journal:\n\n" + "\n".join(
            f"• {line}" for line in lines
        )
        if preview.total_present:
            text += "\n\nEntries already in your journal are kept as they are, not duplicated."
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(preview.total_new > 0 or preview.adds_plan)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self)


def _parse(parent: QWidget | None, journal: Journal, path: Path) -> JournalData | None:
    ids = ids_by_section(journal)
    known = set(ids["infusions"])
    try:
        return read_file(path, journal.catalog, known, journal_ids=ids)
    except JournalError as error:
        QMessageBox.warning(parent, "File not imported", refusal_text(path, error))
        return None


def import_dialog(parent: QWidget | None, journal: Journal) -> bool:
    """Choose a file, preview it, import on confirmation; True when entries were added."""
    path = choose_open_path(parent)
    if path is None:
        return False
    data = _parse(parent, journal, path)
    if data is None:
        return False
    preview = preview_import(data, journal.existing_ids(), journal.plan() is not None)
    if ImportPreviewDialog(parent, path, preview).exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        counts = journal.add_records(data)
    except JournalError as error:
        QMessageBox.warning(parent, "File not imported", refusal_text(path, error))
        return False
    added = sum(counts.added.values())
    QMessageBox.information(
        parent,
        "Import finished",
        f"Added {added} entries; {counts.already_present} were already there.",
    )
    return added > 0 or preview.adds_plan
