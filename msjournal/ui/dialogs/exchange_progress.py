"""Running file work with a progress dialog that can be cancelled, and showing its outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from msjournal.model.errors import JournalError
from msjournal.model.progress import Cancelled, Progress

Work = Callable[[Progress], Path]


def run_with_progress(parent: QWidget | None, title: str, work: Work) -> Path | None:
    """Run `work`, showing its steps; None when cancelled or failed (the failure is shown)."""
    dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def step(text: str) -> None:
        dialog.setLabelText(text)
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise Cancelled()

    try:
        return work(step)
    except Cancelled:
        return None
    except JournalError as error:
        QMessageBox.warning(parent, title, str(error))
        return None
    finally:
        dialog.close()
        dialog.deleteLater()
