"""The appointment summary as a web page a screen reader can follow.

Issue "Accessibility for people with MS", major 8: 'The summary PDF is untagged (no structure for
screen readers)'; What to build: 'otherwise an HTML summary with real headings, table headers and
`lang`, offered beside the PDF ("Save as web page")'.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from msjournal.journal import Journal
from msjournal.summary.web_page import write_web_page
from tests.conftest import TODAY
from tests.test_cli import run
from tests.test_journal_format import EXAMPLE

NOW = datetime(2026, 6, 15, 12, 0)


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag in ("h1", "h2", "h3"):
            self._open = tag
            self.headings.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self._open and self.headings:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None


def _journal(tmp_path: Path) -> Journal:
    journal = Journal.open(tmp_path / "j.sqlite")
    journal.add_relapse(
        {"onset": "2026-05-01T08:00", "description": "Blurred vision", "impact": "moderate"},
        now=NOW,
    )
    journal.add_test_result(
        {
            "test": "platelets",
            "taken": "2026-06-01",
            "value": "95",
            "unit": "×10⁹/L",
            "reference_low": "150",
            "reference_high": "400",
        },
        now=NOW,
    )
    return journal


def test_the_web_page_has_a_language_headings_and_column_headers(tmp_path: Path) -> None:
    with _journal(tmp_path) as journal:
        out = write_web_page(
            journal.snapshot(),
            journal.catalog,
            tmp_path / "s.html",
            date(2026, 1, 1),
            date(2026, 6, 15),
            TODAY,
        )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = Outline()
    page.feed(text)
    assert page.lang == "en"
    levels = [tag for tag, _ in page.headings]
    assert levels.count("h1") == 1 and levels[0] == "h1"
    assert "h3" not in levels, "no heading level is skipped"
    names = [name.strip() for _, name in page.headings]
    assert "Relapses" in names and "Latest results" in names
    headers = [attrs for tag, attrs in page.tags if tag == "th"]
    assert headers and all(attrs.get("scope") == "col" for attrs in headers)
    assert not any(tag == "script" for tag, _ in page.tags)
    assert "below the lab&#x27;s range" in text or "below the lab's range" in text
    assert "Blurred vision" in text


def test_the_command_line_writes_the_web_page_by_its_ending(tmp_path: Path) -> None:
    journal = tmp_path / "j.sqlite"
    (tmp_path / "in.json").write_text(json.dumps(EXAMPLE))
    assert run("import", str(tmp_path / "in.json"), "--journal", str(journal)).returncode == 0
    out = tmp_path / "summary.html"
    done = run("summary", "--journal", str(journal), "--out", str(out), "--from", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    refused = run("summary", "--journal", str(journal), "--out", str(tmp_path / "s.txt"))
    assert (
        refused.returncode != 0 and ".html" in refused.stderr and "Traceback" not in refused.stderr
    )
