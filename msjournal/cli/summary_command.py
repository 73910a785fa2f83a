"""`msjournal summary`: write the appointment summary PDF from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from msjournal.cli.common import open_existing, option_date
from msjournal.model.errors import JournalError
from msjournal.summary.document import summary_for_journal


def run_summary(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise JournalError(f"{out}: the summary is a PDF; choose a file name ending in .pdf.")
    start = option_date("--from", args.date_from)
    end = option_date("--to", args.date_to)
    with open_existing(args.journal) as journal:
        written = summary_for_journal(journal, out, start, end)
    print(f"Wrote the appointment summary to {written}")
    return 0
