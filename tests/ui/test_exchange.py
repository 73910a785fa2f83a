"""Export, import and the appointment summary from the File menu's dialogs, driven by keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from msjournal.demo import build_demo
from msjournal.exchange.journal_format import dumps
from msjournal.journal import Journal
from msjournal.ui.dialogs import exchange_dialogs, summary_dialog
from msjournal.ui.dialogs.exchange_dialogs import export_dialog, import_dialog
from msjournal.ui.dialogs.summary_dialog import SummaryDialog, prepare_summary, summary_document
from tests.conftest import TODAY

Handler = Callable[[QWidget], None]
seen: list[str] = []


def answer(qtbot, *handlers: Handler) -> None:
    """Answer the modal dialogs that will open, in order, each with its handler."""
    queue = list(handlers)
    done: list[QWidget] = []

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget in done:
            QTimer.singleShot(20, check)
            return
        done.append(widget)
        widget.activateWindow()
        seen.append(
            widget.text()
            if isinstance(widget, QMessageBox)
            else getattr(getattr(widget, "summary", None), "text", lambda: "")()
        )
        queue.pop(0)(widget)
        if queue:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def press(key: Qt.Key) -> Handler:
    def handler(widget: QWidget) -> None:
        focus = QApplication.focusWidget()
        QtBot.keyClick(focus if focus is not None and widget.isAncestorOf(focus) else widget, key)

    return handler


ENTER, ESCAPE = press(Qt.Key.Key_Return), press(Qt.Key.Key_Escape)


@pytest.fixture(autouse=True)
def _clear_seen() -> None:
    seen.clear()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(dumps(build_demo(1, today=TODAY)), encoding="utf-8")
    return path


def test_import_previews_counts_and_enter_imports(
    qtbot, journal: Journal, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview counts new entries per type; Enter imports them all."""
    monkeypatch.setattr(exchange_dialogs, "choose_open_path", lambda parent: demo_file)
    data = build_demo(1, today=TODAY)
    answer(qtbot, ENTER, ENTER)
    assert import_dialog(None, journal) is True
    assert f"{len(data.infusions)} new infusions" in seen[0]
    assert "Added" in seen[1]
    assert len(journal.infusions()) == len(data.infusions)


def test_import_preview_says_what_is_already_there(
    qtbot, journal: Journal, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing the same file twice: the preview says everything is already in the journal."""
    monkeypatch.setattr(exchange_dialogs, "choose_open_path", lambda parent: demo_file)
    answer(qtbot, ENTER, ENTER)
    import_dialog(None, journal)
    seen.clear()
    answer(qtbot, ESCAPE)
    assert import_dialog(None, journal) is False
    assert "0 new infusions (" in seen[0] and "already in your journal" in seen[0]


def test_escape_on_the_preview_imports_nothing(
    qtbot, journal: Journal, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape closes the preview and the journal stays empty."""
    monkeypatch.setattr(exchange_dialogs, "choose_open_path", lambda parent: demo_file)
    answer(qtbot, ESCAPE)
    assert import_dialog(None, journal) is False
    assert journal.is_empty()


def test_bad_file_is_refused_naming_record_field_and_reason(
    qtbot, journal: Journal, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One bad record refuses the whole file with its id, the field and why; nothing is added."""
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    document["side_effects"][2]["severity"] = 12
    bad_id = document["side_effects"][2]["id"]
    demo_file.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(exchange_dialogs, "choose_open_path", lambda parent: demo_file)
    answer(qtbot, ENTER)
    assert import_dialog(None, journal) is False
    assert "Nothing was imported" in seen[0]
    assert f"record {bad_id}" in seen[0] and "“severity” is 12" in seen[0]
    assert journal.is_empty()


def test_export_dialog_writes_the_chosen_file(
    qtbot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing a name writes the calendar file there and says so; Enter closes the note."""
    journal.add_records(build_demo(1, today=TODAY))
    monkeypatch.setattr(exchange_dialogs, "choose_save_path", lambda *args: tmp_path / "due")
    answer(qtbot, ENTER)
    written = export_dialog(None, journal, "ics")
    assert written == tmp_path / "due.ics"
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert f"Saved to {written}" in seen[0]


def test_summary_dialog_saves_my_questions_with_enter(qtbot, journal: Journal, keyboard) -> None:
    """Tab to the questions, type them, Enter makes the summary and keeps the questions."""
    dialog = SummaryDialog(None, journal, today=date(2026, 6, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.period() == (date(2025, 12, 15), date(2026, 6, 15))
    dialog.questions.setFocus()
    keyboard.type("Is my tiredness normal?")
    keyboard.tab()
    assert QApplication.focusWidget() is dialog.go_button
    keyboard.enter()
    assert dialog.result() == SummaryDialog.DialogCode.Accepted
    assert journal.settings().questions == "Is my tiredness normal?"


def test_summary_dialog_refuses_a_reversed_period(qtbot, journal: Journal, keyboard) -> None:
    """A start after the end is explained and the dialog stays open."""
    dialog = SummaryDialog(None, journal, today=date(2026, 6, 15))
    qtbot.addWidget(dialog)
    dialog.start_edit.setDate(dialog.end_edit.date().addDays(1))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.start_edit.setFocus()
    keyboard.enter()
    assert dialog.isVisible()
    assert "must start before it ends" in dialog.error.text()


def test_prepare_summary_writes_the_pdf_and_offers_to_open_it(
    qtbot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the period, a file name, then 'Open it now?' answered with Escape."""
    journal.add_records(build_demo(1, today=TODAY))
    monkeypatch.setattr(summary_dialog, "choose_save_path", lambda *args: tmp_path / "visit")
    answer(qtbot, ENTER, ESCAPE)
    written = prepare_summary(None, journal)
    assert written == tmp_path / "visit.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert "Open it now?" in seen[1]


def test_printed_version_has_the_overview(journal: Journal) -> None:
    """The document sent to the printer holds the period, the infusions and my questions."""
    journal.add_records(build_demo(1, today=TODAY))
    journal.update_settings(questions="Can I travel?")
    text = summary_document(journal, date(2026, 1, 1), TODAY).toPlainText()
    assert "Period: 1 Jan 2026 to 15 Jun 2026" in text
    assert "Infusions in the period" in text and "Can I travel?" in text
    assert "Self-reported" in text
