"""Start the window: `msjournal`, `msjournal --demo`, `--journal PATH`, `--quit-after-show`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from msjournal.journal import Journal
from msjournal.paths import resolve_journal

DEMO_YEARS = 3


def open_journal(args: argparse.Namespace) -> tuple[Journal, bool]:
    """The person's journal, another file, or a fresh demo copy (never the person's own)."""
    if getattr(args, "demo", False):
        from msjournal.demo import write_demo

        folder = Path(tempfile.mkdtemp(prefix="msjournal-demo-"))
        return write_demo(folder / "demo-journal.sqlite", years=DEMO_YEARS), True
    path = resolve_journal(getattr(args, "journal", None))
    path.parent.mkdir(parents=True, exist_ok=True)
    return Journal.open(path), False


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("msjournal")
    app.setOrganizationName("msjournal")
    app.setApplicationDisplayName("msjournal")
    from msjournal.ui.appearance import apply_text_size

    apply_text_size(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def run_window(args: argparse.Namespace) -> int:
    app = application()
    journal, demo = open_journal(args)
    from msjournal.ui.main_window import MainWindow

    window = MainWindow(journal, demo=demo)
    window.show()
    if getattr(args, "quit_after_show", False):
        window.repaint()
        app.processEvents()
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        window.journal.close()
