"""Relapses and test results in the appointment summary: page 1, the detailed log and the HTML.

The issue "Relapses and test results": page 1 lists the period's relapses (onset, impact,
recovery) with the number in the last 12 months, and the latest result of each test with the
lab's range and a plain marker when outside it; the later pages hold the full lists.
"""

from __future__ import annotations

from datetime import date, datetime
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from msjournal.journal import Journal
from msjournal.summary.data import build_overview
from msjournal.summary.document import write_summary
from msjournal.summary.html import overview_html
from tests.conftest import TODAY

START, END = date(2026, 1, 1), date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 12, 0)
STEROID = "High-dose steroid drip (methylprednisolone)"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(journal: Journal, path: Path, start: date = START, end: date = END) -> list[str]:
    write_summary(journal.snapshot(), journal.catalog, path, start, end, made=TODAY, pagesize=A4)
    return [_flat(page.extract_text()) for page in PdfReader(path).pages]


def _html(journal: Journal, start: date = START, end: date = END) -> str:
    return overview_html(build_overview(journal.snapshot(), journal.catalog, start, end, TODAY))


def _result(journal: Journal, test: str, taken: str, **fields: str) -> None:
    journal.add_test_result({"test": test, "taken": taken, **fields}, now=NOW)


@pytest.fixture
def with_relapses(journal: Journal) -> Journal:
    """A relapse in the period treated with a 3-day steroid course, two before it, and results."""
    journal.set_plan({"treatment": "natalizumab", "started": "2025-01-10"})
    journal.add_infusion({"treatment": "natalizumab", "start": "2026-02-20T09:00"}, now=NOW)
    course = [
        journal.add_infusion(
            {
                "treatment": "iv_methylprednisolone",
                "start": f"2026-03-0{day}T10:00",
                "dose": "1000",
                "dose_unit": "mg",
            },
            now=NOW,
        ).id
        for day in (4, 5, 6)
    ]
    journal.add_relapse(
        {
            "onset": "2026-03-01T08:00",
            "description": "Blurred vision in my left eye and unsteady walking",
            "areas": ["vision", "walking"],
            "impact": "moderate",
            "recovered": "2026-04-10",
            "recovery": "partial",
            "confirmed": True,
            "treated_with": course,
            "notes": "MS nurse saw me the same week",
        },
        now=NOW,
    )
    for onset, words in (("2025-09-01", "Numb right hand"), ("2025-03-01", "Dizzy for a week")):
        journal.add_relapse(
            {"onset": f"{onset}T08:00", "description": words, "impact": "mild"}, now=NOW
        )
    _result(journal, "platelets", "2025-12-01", value="90", unit="×10⁹/L", reference_low="150")
    _result(
        journal,
        "lymphocytes",
        "2026-02-01",
        value="2.1",
        unit="×10⁹/L",
        reference_low="1.0",
        reference_high="4.0",
    )
    _result(
        journal,
        "lymphocytes",
        "2026-05-20T08:30",
        value="0.8",
        unit="×10⁹/L",
        reference_low="1.0",
        reference_high="4.0",
        notes="Repeat in 4 weeks",
    )
    _result(journal, "jcv_index", "2026-04-01", value="0.35")
    _result(journal, "jcv_status", "2026-04-01", qualitative="negative")
    return journal


def test_page_one_lists_the_relapse_with_impact_recovery_and_the_12_month_count(
    with_relapses: Journal, tmp_path: Path
) -> None:
    """The period's relapse shows onset, impact and recovery; the count covers 12 months."""
    page1 = _pages(with_relapses, tmp_path / "s.pdf")[0]
    assert "Relapses (2 in the 12 months to 15 Jun 2026)" in page1
    assert "1 Mar 2026 Blurred vision in my left eye and unsteady walking Moderate" in page1
    assert "Partly, by 10 Apr 2026 yes yes" in page1
    assert "Numb right hand" not in page1 and "Dizzy for a week" not in page1
    assert "1 relapse" in page1


def test_page_one_shows_the_latest_result_of_each_test_with_the_labs_range_and_marker(
    with_relapses: Journal, tmp_path: Path
) -> None:
    """Only the latest lymphocyte count is on page 1, marked below the lab's range."""
    page1 = _pages(with_relapses, tmp_path / "s.pdf")[0]
    assert "Latest results" in page1
    assert "Lymphocytes 20 May 2026 0.8 ×10⁹/L 1.0–4.0 below the lab's range" in page1
    assert "JCV antibody index 1 Apr 2026 0.35 none given" in page1
    assert "JCV antibody status 1 Apr 2026 negative none given" in page1
    assert "2.1 ×10⁹/L" not in page1  # an earlier result of the same test: in the log only
    assert "Platelets" not in page1  # taken before the period
    assert "4 test results (1 outside the lab's range)" in page1


def test_the_detailed_log_lists_every_relapse_and_result_of_the_period(
    with_relapses: Journal, tmp_path: Path
) -> None:
    """Later pages give areas, confirmed and the treating course, and every result."""
    rest = " ".join(_pages(with_relapses, tmp_path / "s.pdf")[1:])
    relapses = rest[rest.index("Relapses (new or worse MS symptoms") :]
    assert "Vision, Walking" in relapses
    assert "Moderate: some things are harder or need help" in relapses
    assert f"{STEROID} on 4, 5 and 6 Mar 2026" in relapses
    assert "unsteady walking. Notes: MS nurse saw me the same week" in relapses
    results = rest[rest.index("Test results") :]
    assert "2.1 ×10⁹/L" in results and "0.8 ×10⁹/L" in results
    assert "20 May 2026 08:30" in results and "below the lab's range" in results
    assert "Repeat in 4 weeks" in results
    assert "Platelets" not in results and "Numb right hand" not in rest


def test_the_html_summary_has_headings_table_headers_and_the_marker(
    with_relapses: Journal,
) -> None:
    """The printed (HTML) summary has real headings and header cells for both sections."""
    html = _html(with_relapses)
    assert "<h2>Relapses</h2>" in html and "<h2>Latest results</h2>" in html
    assert "<h2>All test results in the period</h2>" in html
    for header in ("Onset", "Treated with", "Test", "Lab&#x27;s range", "Outside the range"):
        assert f"<th scope='col' align='left'>{header}</th>" in html
    text = unescape(html)
    assert "below the lab's range" in text
    assert f"{STEROID} on 4, 5 and 6 Mar 2026" in text
    assert "Relapses recorded: 2 in the 12 months to 15 Jun 2026." in text


def test_a_recovery_after_the_period_reads_not_yet(with_relapses: Journal) -> None:
    """The summary tells the journal as it stood at the period's end."""
    overview = build_overview(
        with_relapses.snapshot(), with_relapses.catalog, START, date(2026, 4, 1), TODAY
    )
    [line] = overview.relapses
    assert (line.recovery, line.recovered) == ("Not yet", None)
    # The latest of each test by the period's end, in the catalog's order.
    assert [(r.test, r.value) for r in overview.latest_results] == [
        ("JCV antibody status", "negative"),
        ("JCV antibody index", "0.35"),
        ("Lymphocytes", "2.1 ×10⁹/L"),
    ]


def test_empty_sections_say_so_on_page_one_and_are_left_out_of_the_log(
    journal: Journal, tmp_path: Path
) -> None:
    """Without relapses or results, page 1 says so briefly; the log has no empty tables."""
    journal.add_infusion({"treatment": "natalizumab", "start": "2026-03-02T09:00"}, now=NOW)
    pages = _pages(journal, tmp_path / "s.pdf")
    assert "Relapses (0 in the 12 months to 15 Jun 2026)" in pages[0]
    assert "No relapses recorded in this period." in pages[0]
    assert "No test results recorded in this period." in pages[0]
    rest = " ".join(pages[1:])
    assert "Relapses (new or worse" not in rest and "Test results" not in rest
    text = unescape(_html(journal))
    assert "No relapses recorded in this period." in text
    assert "No test results recorded in this period." in text
    assert "All test results in the period" not in text


def test_many_results_keep_page_one_to_one_page(journal: Journal, tmp_path: Path) -> None:
    """More tests than page 1 holds: those outside the range first, and a pointer to the log."""
    tests = ("neutrophils", "white_cells", "platelets", "haemoglobin", "igg", "igm", "iga")
    units = ("×10⁹/L", "×10⁹/L", "×10⁹/L", "g/L", "g/L", "g/L", "g/L")
    for n, (test, unit) in enumerate(zip(tests, units, strict=True)):
        _result(journal, test, f"2026-0{n % 5 + 1}-10", value="5", unit=unit, reference_low="1")
    _result(journal, "creatinine", "2026-01-05", value="150", unit="µmol/L", reference_high="110")
    pages = _pages(journal, tmp_path / "s.pdf")
    assert "Showing 6 of 8 tests (outside the lab's range first)" in pages[0]
    assert "Creatinine (kidney blood test) 5 Jan 2026 150 µmol/L up to 110 above" in pages[0]
    assert "My questions for my care team" in pages[0]
    assert "Latest results" not in pages[1]
