"""Prepare the appointment summary: choose the period, write my questions, save as PDF or print.

Printing uses a QTextDocument version of the same content (QtPdf, which could print the PDF
pages themselves, is not part of PySide6-Essentials).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.progress import Progress
from msjournal.summary.data import build_overview, default_period
from msjournal.ui.dialogs.dialog_size import fit_dialog
from msjournal.ui.dialogs.exchange_dialogs import choose_save_path
from msjournal.ui.dialogs.exchange_progress import run_with_progress

TITLE = "Appointment summary"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class SummaryDialog(QDialog):
    """The period (from, to) and the person's questions; Enter goes on, Escape cancels."""

    def __init__(
        self,
        parent: QWidget | None,
        journal: Journal,
        action: str = "Save as PDF…",
        today: date | None = None,
    ):
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle("Prepare appointment summary")
        today = today or date.today()
        start, end = default_period(journal.snapshot(), today)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The summary covers what you recorded in this period. It starts at your last "
            "appointment marked done (or 6 months ago) and ends today."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.start_edit = self._date_edit(start, "From")
        self.end_edit = self._date_edit(end, "To")
        form.addRow("&From:", self.start_edit)
        form.addRow("&To:", self.end_edit)
        self.questions = QPlainTextEdit(journal.settings().questions)
        self.questions.setTabChangesFocus(True)
        self.questions.setAccessibleName("My questions for my care team")
        self.questions.setPlaceholderText("One question per line; they are printed on page 1.")
        form.addRow("My &questions for\nmy care team:", self.questions)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):  # all of them: a button box makes push buttons
                button.setAutoDefault(False)  # Enter always makes the summary, never cancels
        self.go_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setTabOrder(self.questions, self.go_button)
        fit_dialog(self)

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def period(self) -> tuple[date, date]:
        return _date(self.start_edit.date()), _date(self.end_edit.date())

    def accept(self) -> None:
        start, end = self.period()
        if start > end:
            self.error.setText(
                f"The period must start before it ends: {start:%d %b %Y} is after {end:%d %b %Y}."
            )
            self.start_edit.setFocus()
            return
        questions = self.questions.toPlainText().strip()
        if questions != self.journal.settings().questions.strip():
            self.journal.update_settings(questions=questions)
        super().accept()


def _ask_period(parent: QWidget | None, journal: Journal, action: str) -> tuple[date, date] | None:
    dialog = SummaryDialog(parent, journal, action)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.period()


def _suggested(end: date) -> Path:
    folder = Path.home() / "Documents"
    return (
        folder if folder.is_dir() else Path.home()
    ) / f"appointment-summary-{end.isoformat()}.pdf"


def offer_to_open(parent: QWidget | None, path: Path) -> None:
    answer = QMessageBox.question(
        parent,
        TITLE,
        f"The summary is saved as {path}.\n\nOpen it now?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Open,
    )
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_pdf(
    parent: QWidget | None, journal: Journal, out: Path, start: date, end: date
) -> Path | None:
    from msjournal.summary.document import (
        write_summary,
    )  # reportlab loads only when a summary is made

    data, catalog = journal.snapshot(), journal.catalog

    def work(step: Progress) -> Path:
        return write_summary(data, catalog, out, start, end, progress=step)

    return run_with_progress(parent, TITLE, work)


def prepare_summary(parent: QWidget | None, journal: Journal) -> Path | None:
    """Choose the period, save the PDF where the person says, offer to open it."""
    period = _ask_period(parent, journal, "Save as PDF…")
    if period is None:
        return None
    out = choose_save_path(
        parent, "Save the appointment summary", _suggested(period[1]), "PDF document (*.pdf)"
    )
    if out is None:
        return None
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    written = write_pdf(parent, journal, out, *period)
    if written is not None:
        offer_to_open(parent, written)
    return written


def save_web_page(parent: QWidget | None, journal: Journal) -> Path | None:
    """The summary as a web page: headings, table headers and a language for screen readers,
    text that reflows at any zoom. Offered beside the PDF."""
    from msjournal.summary.web_page import write_web_page

    period = _ask_period(parent, journal, "Save as web page…")
    if period is None:
        return None
    suggested = _suggested(period[1]).with_suffix(".html")
    out = choose_save_path(parent, "Save the summary as a web page", suggested, "Web page (*.html)")
    if out is None:
        return None
    if out.suffix.lower() not in (".html", ".htm"):
        out = out.with_name(out.name + ".html")
    try:
        written = write_web_page(journal.snapshot(), journal.catalog, out, *period)
    except JournalError as error:
        QMessageBox.warning(parent, TITLE, str(error))
        return None
    offer_to_open(parent, written)
    return written


def summary_document(journal: Journal, start: date, end: date) -> QTextDocument:
    from msjournal.summary.html import overview_html

    overview = build_overview(journal.snapshot(), journal.catalog, start, end)
    document = QTextDocument()
    document.setHtml(overview_html(overview))
    return document


def print_summary(parent: QWidget | None, journal: Journal) -> bool:
    """Choose the period, then print through the system print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from msjournal.summary.style import paper_for_locale, paper_name

    period = _ask_period(parent, journal, "Print…")
    if period is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = (
        QPageSize.PageSizeId.Letter
        if paper_name(paper_for_locale()) == "Letter"
        else QPageSize.PageSizeId.A4
    )
    printer.setPageLayout(
        QPageLayout(
            QPageSize(size), QPageLayout.Orientation.Portrait, printer.pageLayout().margins()
        )
    )
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    summary_document(journal, *period).print_(printer)
    return True
