"""The appointment summary PDF: page 1 overview, then trend charts, then the detailed log.

Every page carries the period, the self-reported mark, the date it was made and its page
number. The file is written through files.write_atomic, so a crash or a cancel never
leaves a half-written PDF under the chosen name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, SimpleDocTemplate

from msjournal.journal import Journal
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.progress import Cancelled, Progress, no_progress  # noqa: F401 (Cancelled re-exported)
from msjournal.model.records import JournalData
from msjournal.storage.files import write_atomic
from msjournal.summary.data import Overview, build_overview, default_period
from msjournal.summary.log import log_flowables
from msjournal.summary.overview import day_text, overview_flowables, period_text
from msjournal.summary.pages import Frame, NumberedCanvas
from msjournal.summary.style import MARGIN, paper_for_locale, styles

CHARTS = (
    ("severity", "Side-effect severity"),
    ("temperature", "Temperature readings"),
    ("cycle", "Side effects through the infusion cycle"),
)
CHART_HEIGHT_IN = 3.0
FRAME_PADDING = 6  # reportlab's Frame keeps 6 pt free on each side
ChartMaker = Callable[..., "bytes | None"]


def _chart_maker() -> ChartMaker:
    from msjournal.charts.drawing import (
        chart_png_bytes,
    )  # matplotlib loads only when a summary is made

    return chart_png_bytes


def _frame(o: Overview) -> Frame:
    title = "Appointment summary" + (f": {o.person}" if o.person else "")
    return Frame(
        title,
        period_text(o.start, o.end),
        f"Self-reported by the patient (msjournal); not a medical record. Made {day_text(o.made)}.",
    )


def chart_flowables(
    data: JournalData, catalog: Catalog, o: Overview, width: float, progress: Progress
) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Trends in the period", styles().title)]
    make = _chart_maker()
    width_in = width / 72
    for kind, caption in CHARTS:
        progress(f"Drawing the {kind} chart")
        png = make(
            kind,
            data,
            catalog,
            o.start,
            o.end,
            width_in=width_in,
            height_in=CHART_HEIGHT_IN,
            dpi=150,
        )
        if png is None:
            out.append(
                Paragraph(f"{caption}: nothing recorded to chart in this period.", styles().body)
            )
            continue
        out.append(Image(BytesIO(png), width=width, height=CHART_HEIGHT_IN * 72))
    return out


def story(
    data: JournalData,
    catalog: Catalog,
    o: Overview,
    width: float,
    height: float,
    progress: Progress,
) -> list[Flowable]:
    log = log_flowables(o, catalog, width)
    parts: list[Flowable] = [
        *overview_flowables(o, width, height),
        PageBreak(),
        *chart_flowables(data, catalog, o, width, progress),
    ]
    if log:
        parts += [PageBreak(), Paragraph("Detailed log", styles().title), *log]
    return parts


def render_summary(
    handle: BinaryIO,
    data: JournalData,
    catalog: Catalog,
    o: Overview,
    pagesize: tuple[float, float],
    progress: Progress,
) -> None:
    frame = _frame(o)
    doc = SimpleDocTemplate(
        handle,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 6,
        bottomMargin=MARGIN + 4,
        title=frame.title,
        author=o.person or "msjournal",
        subject=f"{frame.period}. Self-reported.",
        creator="msjournal",
    )
    flowables = story(
        data, catalog, o, doc.width - 2 * FRAME_PADDING, doc.height - 2 * FRAME_PADDING, progress
    )
    progress("Laying out the pages")
    doc.build(flowables, canvasmaker=partial(NumberedCanvas, frame=frame, progress=progress))


def write_summary(
    data: JournalData,
    catalog: Catalog,
    out: Path,
    start: date | None = None,
    end: date | None = None,
    made: date | None = None,
    pagesize: tuple[float, float] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the summary for [start, end] (default: since the last appointment) to `out`.

    `progress` is called with a short text between steps; raising Cancelled from it stops
    the work and leaves no file behind.
    """
    made = made or date.today()
    first, last = default_period(data, made)
    start, end = start or first, end or last
    if start > end:
        raise JournalError(f"The period starts on {start} after it ends on {end}.")
    step = progress or no_progress
    step("Collecting the entries")
    o = build_overview(data, catalog, start, end, made)
    size = pagesize or paper_for_locale()
    return write_atomic(
        Path(out), lambda handle: render_summary(handle, data, catalog, o, size, step)
    )


def summary_for_journal(
    journal: Journal,
    out: Path,
    start: date | None = None,
    end: date | None = None,
    progress: Progress | None = None,
) -> Path:
    return write_summary(journal.snapshot(), journal.catalog, out, start, end, progress=progress)
