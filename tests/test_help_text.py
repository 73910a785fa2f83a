"""The offline help page (F1): generated from the alert rules, the data paths and the window's
shortcuts, so it never drifts from what the app does.

Issue "Accessibility for people with MS": F1 to real help, offline, inside the app.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from msjournal.help_text import SECTIONS, help_html
from msjournal.model.catalog import load_catalog
from msjournal.rules.alerts import LEVEL_NAMES, RULES, URGENT_ACTION
from msjournal.storage.paths import backups_dir

JOURNAL = Path("/home/sam/.local/share/msjournal/journal.sqlite")
SHORTCUTS = [
    ("File", "Open another journal…", "Ctrl+O"),
    ("Log", "Infusion…", "Ctrl+I"),
    ("Log", "Side effect…", "Ctrl+E"),
    ("File", "Back up now", ""),
    ("View", "Larger text", "Ctrl++ or Ctrl+="),
]


class Page(HTMLParser):
    """The parts of the page a test looks at: tags in order, table cells, anchors, text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[tuple[str, str]] = []  # (th or td, its text)
        self.headings: list[tuple[str, str]] = []  # (h1/h2/h3, its text)
        self.text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("th", "td", "h1", "h2", "h3"):
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _tag, parts = self._open.pop()
            text = "".join(parts).strip()
            (self.cells if tag in ("th", "td") else self.headings).append((tag, text))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _tag, parts in self._open:
            parts.append(data)

    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


@pytest.fixture(scope="module")
def html() -> str:
    return help_html(JOURNAL, SHORTCUTS)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def test_the_page_says_its_language(page: Page) -> None:
    html_tags = [attrs for tag, attrs in page.tags if tag == "html"]
    assert html_tags and html_tags[0].get("lang") == "en"


def test_every_rule_is_explained_by_its_name_level_and_criterion(page: Page) -> None:
    text = page.plain()
    for rule in RULES.values():
        assert rule.name in text, rule.id
        assert rule.criterion in text, rule.id
    level_headings = [t for tag, t in page.headings if tag == "h3" and "level" in t]
    for rule in RULES.values():  # each rule sits under the heading of its own level
        under = [t for t in level_headings if LEVEL_NAMES[rule.level] in t]
        assert len(under) == 1, rule.id


def test_the_three_level_names_appear(page: Page) -> None:
    text = page.plain()
    for name in LEVEL_NAMES.values():
        assert name in text


def test_a_new_rule_appears_without_editing_the_page() -> None:
    from dataclasses import replace

    made_up = replace(RULES["fever"], id="made_up", name="A made-up rule for this test")
    html = help_html(JOURNAL, SHORTCUTS, disclaimer="", rules={**RULES, "made_up": made_up})
    assert "A made-up rule for this test" in html


def test_get_help_now_lists_every_urgent_rule_and_only_those(page: Page, html: str) -> None:
    start = html.index('id="help-now"')
    section = html[start : html.index("<h2", start + 1)]
    for rule in RULES.values():
        assert (escape(rule.name) in section) == (rule.level == "urgent"), rule.id
    assert escape(URGENT_ACTION) in section


def test_the_journal_path_and_the_backups_folder_appear(page: Page) -> None:
    text = page.plain()
    assert str(JOURNAL) in text
    assert str(backups_dir(JOURNAL)) in text
    assert "Nothing leaves this computer" in text


def test_a_path_with_html_characters_is_shown_as_typed() -> None:
    odd = Path("/tmp/Tom & <Jerry>/journal.sqlite")
    assert str(odd) in Page(help_html(odd, [], disclaimer="")).plain()


def test_shortcuts_given_in_are_rows_of_a_table_with_header_cells(page: Page) -> None:
    headers = [text for tag, text in page.cells if tag == "th"]
    assert headers == ["Menu", "What it does", "Keys"]
    data = [text for tag, text in page.cells if tag == "td"]
    rows = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
    for menu, action, keys in SHORTCUTS:
        assert ((menu, action, keys) in rows) == bool(keys), (menu, action)


def test_how_to_log_has_a_paragraph_per_kind_with_its_shortcut(html: str) -> None:
    start = html.index('id="how-to-log"')
    section = html[start : html.index("<h2", start + 1)]
    paragraphs = dict(re.findall(r"<h3>(.*?)</h3><p>(.*?)</p>", section))
    assert list(paragraphs) == [
        "An infusion",
        "A side effect",
        "A temperature",
        "A follow-up",
        "A relapse",
        "A test result",
    ]
    assert "<b>Ctrl+I</b>" in paragraphs["An infusion"]
    assert "<b>Ctrl+E</b>" in paragraphs["A side effect"]
    assert "<b>" not in paragraphs["A relapse"]  # no shortcut given in: none made up
    assert "Log, then Relapse" in paragraphs["A relapse"]


def test_headings_and_a_contents_list_with_working_anchors(page: Page) -> None:
    assert [tag for tag, _text in page.headings].count("h1") == 1
    h2 = [text for tag, text in page.headings if tag == "h2"]
    assert h2 == ["Contents", *(title for _id, title in SECTIONS)]
    links = [str(attrs["href"]) for tag, attrs in page.tags if tag == "a" and attrs.get("href")]
    targets = {attrs["id"] for tag, attrs in page.tags if tag == "h2" and attrs.get("id")}
    for section, _title in SECTIONS:
        assert f"#{section}" in links
        assert section in targets
    assert all(link[1:] in targets for link in links)  # every link lands inside the page
    assert any(tag == "ul" for tag, _attrs in page.tags)


def test_the_catalog_disclaimer_is_the_last_section(html: str) -> None:
    disclaimer = load_catalog().disclaimer
    assert disclaimer
    assert escape(disclaimer) in html[html.index('id="no-diagnosis"') :]
