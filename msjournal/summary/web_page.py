"""The appointment summary as a web page: for screen readers and for reading at any size.

The PDF is made for paper and carries no structure a screen reader can follow. This page has
the same content with a language, one h1, an h2 per section and tables with column headers
(WCAG 2.2: 1.3.1, 3.1.1); text reflows and grows with the browser's zoom. No scripts, no
links to anything outside the file.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData
from msjournal.storage.files import write_text_atomic
from msjournal.summary.data import Overview, build_overview, default_period
from msjournal.summary.html import overview_body, summary_title

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.15rem; line-height: 1.5;
       max-width: 60rem; margin: 1rem auto; padding: 0 1rem; color: #141414;
       background: #ffffff; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.35rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #6e6e6e; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #e6e6e6; }
@media (prefers-color-scheme: dark) {
  body { color: #eeeeee; background: #16171a; }
  th { background: #33353a; } th, td { border-color: #9aa0a6; }
}
@media print { body { font-size: 11pt; max-width: none; } }
"""


def web_page(o: Overview) -> str:
    """A complete HTML5 document of the summary."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(summary_title(o))}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{overview_body(o)}\n</main>\n</body>\n</html>\n"
    )


def write_web_page(
    data: JournalData,
    catalog: Catalog,
    out: Path,
    start: date | None = None,
    end: date | None = None,
    made: date | None = None,
) -> Path:
    """Write the summary for [start, end] (default: since the last appointment) as a web page,
    atomically like every export."""
    made = made or date.today()
    first, last = default_period(data, made)
    start, end = start or first, end or last
    if start > end:
        raise JournalError(f"The period starts on {start} after it ends on {end}.")
    return write_text_atomic(out, web_page(build_overview(data, catalog, start, end, made)))
