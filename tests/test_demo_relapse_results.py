"""The demo journal's relapse, its steroid course and the results natalizumab care collects."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from msjournal.cli.main import main
from msjournal.demo import build_demo, write_demo
from msjournal.journal import Journal
from msjournal.summary.document import write_summary
from tests.conftest import TODAY


def test_the_demo_relapse_is_treated_with_a_three_day_steroid_course() -> None:
    """One confirmed relapse, linked to 3 daily 1000 mg IV methylprednisolone infusions that
    start a few days after the onset, and partly recovered some weeks later."""
    data = build_demo(2, today=TODAY)
    [relapse] = data.relapses
    course = [data.infusion_by_id(i) for i in relapse.treated_with]
    assert len(course) == 3 and all(i is not None for i in course)
    days = [i.start.date() for i in course if i is not None]
    assert days == [days[0] + timedelta(days=n) for n in range(3)]
    assert timedelta(days=1) <= days[0] - relapse.onset.date() <= timedelta(days=7)
    for infusion in course:
        assert infusion is not None and infusion.treatment == "iv_methylprednisolone"
        assert (infusion.dose, infusion.dose_unit) == (Decimal(1000), "mg")
    assert relapse.confirmed and relapse.recovery == "partial"
    assert relapse.recovered is not None
    assert timedelta(weeks=3) <= relapse.recovered - relapse.onset.date() <= timedelta(weeks=10)


def test_the_demo_has_natalizumab_results_and_one_outside_the_labs_range() -> None:
    """JCV index and status, lymphocytes and MRI counts; one lymphocyte count just too high."""
    data = build_demo(2, today=TODAY)
    tests = {r.test for r in data.test_results}
    assert {"jcv_index", "jcv_status", "lymphocytes", "mri_new_t2"} <= tests
    assert any(r.test == "mri_new_t2" and r.value == 0 for r in data.test_results)
    [outside] = [r for r in data.test_results if r.out_of_range]
    assert outside.test == "lymphocytes" and TODAY - outside.moment.date() < timedelta(days=30)
    assert all(r.reference_low is None for r in data.test_results if r.test == "jcv_index")


def test_the_demo_stays_deterministic_and_proportional_over_30_years() -> None:
    """The same seed gives the same entries; long demos add results every 6 months, not more."""
    assert build_demo(3, seed=4, today=TODAY) == build_demo(3, seed=4, today=TODAY)
    long = build_demo(30, seed=4, today=TODAY)
    assert len(long.relapses) == 1
    assert 100 < len(long.test_results) < 30 * 10
    jcv = [r for r in long.test_results if r.test == "jcv_index"]
    gaps = {(b.moment - a.moment).days for a, b in zip(jcv, jcv[1:], strict=False)}
    assert gaps == {182}


def test_the_demo_summary_shows_the_relapse_and_the_result_on_page_one(tmp_path: Path) -> None:
    """The demo's default summary (since the last review) lists the relapse and the marker."""
    with write_demo(tmp_path / "demo.sqlite", 2, today=TODAY) as demo:
        write_summary(demo.snapshot(), demo.catalog, tmp_path / "s.pdf", made=TODAY, pagesize=A4)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "s.pdf").pages]
    assert "Blurred, washed-out vision in my right eye" in pages[0]
    assert "above the lab's range" in pages[0]
    assert "My questions for my care team" in pages[0]
    assert "High-dose steroid drip (methylprednisolone) on" in " ".join(pages[1:])


def test_the_demo_exports_and_imports_with_its_checks(tmp_path: Path) -> None:
    """The demo's relapse and results pass the checks a JSON import makes."""
    write_demo(tmp_path / "demo.sqlite", 1, today=TODAY).close()
    out = tmp_path / "demo.json"
    assert (
        main(["export", "json", "--journal", str(tmp_path / "demo.sqlite"), "--out", str(out)]) == 0
    )
    assert main(["import", str(out), "--journal", str(tmp_path / "copy.sqlite")]) == 0
    with Journal.open(tmp_path / "copy.sqlite") as copy:
        [relapse] = copy.relapses()
        assert len(relapse.treated_with) == 3 and copy.test_results()
