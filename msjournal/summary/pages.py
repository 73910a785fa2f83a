"""The summary's page frame: a header and footer on every page with "Page n of N".

The total page count is known only at the end, so each page is kept until the document
is saved, then decorated (the usual reportlab "numbered canvas" technique).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen import canvas

from msjournal.model.progress import Progress
from msjournal.summary.style import INK, MARGIN, RULE, fonts


@dataclass(frozen=True)
class Frame:
    title: str  # "Appointment summary: Sam Demo"
    period: str  # "Period: 15 Dec 2025 to 15 Jun 2026"
    footer: str  # the self-reported mark and the date made


class NumberedCanvas(canvas.Canvas):
    """A canvas that draws the header and footer once the page count is known."""

    def __init__(
        self, *args: Any, frame: Frame, progress: Progress | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._progress = progress
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._saved_pages.append(dict(self.__dict__))
        if self._progress is not None:
            self._progress(f"Laid out page {len(self._saved_pages)}")
        self._startPage()  # type: ignore[attr-defined]  # reportlab's private; not in its stubs

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            draw_frame(self, self._frame, self.getPageNumber(), total)
            super().showPage()
        super().save()


def draw_frame(page: canvas.Canvas, frame: Frame, number: int, total: int) -> None:
    width, height = page._pagesize  # type: ignore[attr-defined]  # no public getter in reportlab
    f = fonts()
    page.saveState()
    page.setFillColor(INK)
    page.setStrokeColor(RULE)
    page.setLineWidth(0.6)
    top = height - MARGIN + 6
    page.setFont(f.bold, 9)
    page.drawString(MARGIN, top, frame.title)
    page.setFont(f.regular, 9)
    page.drawRightString(width - MARGIN, top, frame.period)
    page.line(MARGIN, top - 4, width - MARGIN, top - 4)
    bottom = MARGIN - 14
    page.line(MARGIN, bottom + 11, width - MARGIN, bottom + 11)
    page.setFont(f.regular, 8.5)
    page.drawString(MARGIN, bottom, frame.footer)
    page.setFont(f.bold, 9)
    page.drawRightString(width - MARGIN, bottom, f"Page {number} of {total}")
    page.restoreState()
