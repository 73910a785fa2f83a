"""`msjournal summary`: write the appointment summary, a PDF or (`.html`) a web page that
screen readers can follow."""

from __future__ import annotations

import argparse
from pathlib import Path

from msjournal.cli.common import open_existing, option_date
from msjournal.model.errors import JournalError


def run_summary(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".html", ".htm"):
        raise JournalError(
            f"{out}: choose a file name ending in .pdf (to print) or .html (a web page that "
            "screen readers can follow)."
        )
    start = option_date("--from", args.date_from)
    end = option_date("--to", args.date_to)
    with open_existing(args.journal) as journal:
        if kind == ".pdf":
            from msjournal.summary.document import summary_for_journal  # loads reportlab

            written = summary_for_journal(journal, out, start, end)
        else:
            from msjournal.summary.web_page import write_web_page

            written = write_web_page(journal.snapshot(), journal.catalog, out, start, end)
    print(f"Wrote the appointment summary to {written}")
    return 0
