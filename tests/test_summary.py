"""The appointment summary PDF, read back as text: what a clinician would see on paper."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from msjournal.cli.main import main
from msjournal.demo import write_demo
from msjournal.journal import Journal
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    FollowUp,
    Infusion,
    JournalData,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
)
from msjournal.rules.alerts import all_alerts
from msjournal.summary.data import default_period
from msjournal.summary.document import Cancelled, summary_for_journal, write_summary
from msjournal.summary.style import paper_for_locale
from tests.conftest import TODAY

START, END = date(2026, 1, 1), date(2026, 6, 15)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def hand_made(journal: Journal) -> Journal:
    """A small journal written by hand: two infusions, side effects, a fever, follow-ups."""
    day = datetime(2026, 3, 2, 9, 0)
    journal.add_records(
        JournalData(
            plan=TherapyPlan("natalizumab", started=date(2025, 1, 10)),
            infusions=(
                Infusion(
                    "inf-a",
                    "natalizumab",
                    day,
                    day + timedelta(hours=1),
                    Decimal(300),
                    "mg",
                    14,
                    lot="LOT-4711",
                ),
                Infusion(
                    "inf-b",
                    "natalizumab",
                    day + timedelta(days=28),
                    day + timedelta(days=28, hours=1),
                    Decimal(300),
                    "mg",
                    15,
                    lot="LOT-5822",
                ),
                Infusion("inf-old", "natalizumab", datetime(2025, 11, 3, 9), lot="LOT-OUTSIDE"),
            ),
            side_effects=(
                SideEffect(
                    "se-1",
                    "nausea",
                    3,
                    day + timedelta(minutes=20),
                    day + timedelta(hours=2),
                    infusion="inf-a",
                    during_infusion=True,
                ),
                SideEffect(
                    "se-2",
                    "headache",
                    4,
                    day + timedelta(hours=5),
                    day + timedelta(hours=11),
                    infusion="inf-a",
                ),
                SideEffect(
                    "se-3",
                    "headache",
                    8,
                    day + timedelta(days=28, hours=5),
                    day + timedelta(days=28, hours=15),
                    infusion="inf-b",
                ),
                SideEffect(
                    "se-4", "headache", 2, datetime(2026, 5, 1, 8), datetime(2026, 5, 1, 14)
                ),
            ),
            temperatures=(
                TemperatureReading("t-1", datetime(2026, 4, 20, 8), Decimal("36.8"), "C"),
                TemperatureReading("t-2", datetime(2026, 4, 21, 19), Decimal("38.4"), "C"),
            ),
            follow_ups=(
                FollowUp(
                    "f-1",
                    "appointment",
                    "Neurologist review",
                    date(2025, 12, 20),
                    done=date(2025, 12, 20),
                ),
                FollowUp("f-2", "mri", "Brain MRI scan", date(2026, 7, 9)),
            ),
        )
    )
    journal.update_settings(
        person_name="Alex Example",
        temperature_unit="C",
        questions="Should I worry about the headaches?",
    )
    fever = next(
        a
        for a in all_alerts(journal.snapshot(), journal.catalog, datetime(2026, 6, 1))
        if a.rule == "fever"
    )
    journal.acknowledge(fever.key, at=datetime(2026, 4, 22, 10))
    return journal


def _summary(journal: Journal, path: Path, start: date = START, end: date = END) -> list[str]:
    write_summary(journal.snapshot(), journal.catalog, path, start, end, made=TODAY, pagesize=A4)
    return _pages(path)


def test_page_one_lists_infusions_with_dose_lot_and_reactions(
    hand_made: Journal, tmp_path: Path
) -> None:
    """Infusions of the period appear with date, dose, lot and what happened during them."""
    page1 = _flat(_summary(hand_made, tmp_path / "s.pdf")[0])
    assert "Appointment summary: Alex Example" in page1
    assert "2 Mar 2026 Natalizumab 300 mg 14 LOT-4711 Feeling sick (3/10)" in page1
    assert "30 Mar 2026 Natalizumab 300 mg 15 LOT-5822 none recorded" in page1
    assert "LOT-OUTSIDE" not in page1
    assert "Natalizumab, started 10 Jan 2025" in page1


def test_page_one_counts_side_effects_by_symptom(hand_made: Journal, tmp_path: Path) -> None:
    """Each symptom shows how many times, the worst severity and the typical duration."""
    page1 = _flat(_summary(hand_made, tmp_path / "s.pdf")[0])
    assert "Headache 3 8 of 10 6 hours no" in page1
    assert "Feeling sick 1 3 of 10 2 hours no" in page1
    assert "4 side effects (worst 8 of 10)" in page1


def test_page_one_shows_alerts_with_criterion_and_acknowledgement(
    hand_made: Journal, tmp_path: Path
) -> None:
    """Every alert of the period is listed with its criterion and whether it was acknowledged."""
    page1 = _flat(_summary(hand_made, tmp_path / "s.pdf")[0])
    assert "A side effect that feels severe or unusual." in page1
    assert "Criterion: A side effect that feels severe (7 or more out of 10)" in page1
    assert "Temperature above your fever threshold." in page1
    assert "Yes, 22 Apr 2026" in page1
    assert "38.4 °C on 21 Apr 2026 19:00" in page1


def test_page_one_shows_what_is_due_and_my_questions(hand_made: Journal, tmp_path: Path) -> None:
    """The next infusion, the open follow-up and the person's own questions are on page 1."""
    page1 = _flat(_summary(hand_made, tmp_path / "s.pdf")[0])
    assert "27 Apr 2026 (overdue) Natalizumab infusion" in page1
    assert "9 Jul 2026 Brain MRI scan" in page1
    assert "Should I worry about the headaches?" in page1


def test_every_page_has_the_period_mark_date_and_number(hand_made: Journal, tmp_path: Path) -> None:
    """Each page says self-reported, the period, the date it was made and 'Page n of N'."""
    pages = _summary(hand_made, tmp_path / "s.pdf")
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        assert "Self-reported by the patient" in flat
        assert "Period: 1 Jan 2026 to 15 Jun 2026" in flat
        assert "Made 15 Jun 2026" in flat
        assert f"Page {number} of {len(pages)}" in flat


def test_detailed_log_follows_the_charts(hand_made: Journal, tmp_path: Path) -> None:
    """After page 1 come the trend charts, then every entry of the period in tables."""
    pages = _summary(hand_made, tmp_path / "s.pdf")
    rest = _flat(" ".join(pages[1:]))
    assert "Trends in the period" in rest
    assert rest.index("Trends in the period") < rest.index("Detailed log")
    for text in (
        "Infusion log",
        "Side-effect log",
        "Alert log",
        "Temperature log",
        "38.4 °C (high)",
        "LOT-5822",
    ):
        assert text in rest


def test_follow_up_kinds_are_whole_words_in_the_log(hand_made: Journal, tmp_path: Path) -> None:
    """Every follow-up kind name stays on one line in the log's Kind column, not split mid-word."""
    hand_made.add_records(
        JournalData(
            follow_ups=tuple(
                FollowUp(f"k-{kind}", kind, "Check", date(2026, 2, 1 + n))
                for n, kind in enumerate(FOLLOW_UP_KIND_NAMES)
            )
        )
    )
    pages = _summary(hand_made, tmp_path / "s.pdf")
    log = " ".join(pages[1:])
    lines = log[log.index("Follow-ups (appointments") :].splitlines()
    for name in FOLLOW_UP_KIND_NAMES.values():
        assert name in lines


def test_demo_six_months_overview_fits_on_page_one(tmp_path: Path) -> None:
    """For a typical 6-month period of the demo journal the whole overview is on page 1."""
    with write_demo(tmp_path / "demo.sqlite", 2, today=TODAY) as demo:
        pages = _summary(demo, tmp_path / "s.pdf", date(2025, 12, 15), TODAY)
    page1 = _flat(pages[0])
    for heading in (
        "Alerts raised in the period",
        "Side effects in the period",
        "Infusions in the period",
        "Due next",
        "My questions for my care team",
    ):
        assert heading in page1
    assert "Can I travel in the week after a dose?" in page1
    assert "My questions for my care team" not in _flat(pages[1])


def test_ten_years_still_has_a_one_page_overview(tmp_path: Path) -> None:
    """A long period shows the latest rows on page 1 and points to the full log."""
    with write_demo(tmp_path / "demo.sqlite", 10, today=TODAY) as demo:
        pages = _summary(demo, tmp_path / "s.pdf", TODAY - timedelta(days=3650), TODAY)
    page1 = _flat(pages[0])
    assert "Showing the latest 8 of" in page1 and "My questions for my care team" in page1
    assert "Due next" not in _flat(pages[1])


def test_default_period_starts_at_the_last_completed_appointment(hand_made: Journal) -> None:
    """The period runs from the last appointment marked done, else from 6 months ago."""
    assert default_period(hand_made.snapshot(), TODAY) == (date(2025, 12, 20), TODAY)
    assert default_period(JournalData(), date(2026, 8, 31)) == (
        date(2026, 2, 28),
        date(2026, 8, 31),
    )


@pytest.mark.parametrize(
    "lang, size",
    [
        ("en_US.UTF-8", LETTER),
        ("es_MX.UTF-8", LETTER),
        ("fr_CA.UTF-8", LETTER),
        ("en_GB.UTF-8", A4),
        ("de_DE.UTF-8", A4),
        ("C.UTF-8", A4),
    ],
)
def test_paper_follows_the_locale(lang: str, size: tuple[float, float]) -> None:
    """Letter paper in the US, Canada, Mexico and neighbours, A4 elsewhere."""
    assert paper_for_locale({"LANG": lang}) == size


def test_letter_locale_makes_a_letter_pdf(
    hand_made: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The written PDF has Letter pages when the system locale is American."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    path = summary_for_journal(hand_made, tmp_path / "s.pdf", START, END)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_cancel_leaves_no_file(hand_made: Journal, tmp_path: Path) -> None:
    """Cancelling while the pages are laid out writes nothing under the chosen name."""

    def cancel_on_layout(step: str) -> None:
        if step.startswith("Laid out page"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_summary(
            hand_made.snapshot(),
            hand_made.catalog,
            tmp_path / "s.pdf",
            START,
            END,
            progress=cancel_on_layout,
        )
    assert not (tmp_path / "s.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_cli_writes_the_summary(
    hand_made: Journal, journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """`msjournal summary` writes the PDF for the given period and refuses other names."""
    hand_made.close()
    out = tmp_path / "summary.pdf"
    assert (
        main(
            [
                "summary",
                "--journal",
                str(journal_path),
                "--out",
                str(out),
                "--from",
                "2026-01-01",
                "--to",
                "2026-06-15",
            ]
        )
        == 0
    )
    assert "Period: 1 Jan 2026 to 15 Jun 2026" in _flat(_pages(out)[0])
    assert main(["summary", "--journal", str(journal_path), "--out", str(tmp_path / "s.txt")]) == 1
    assert "ending in .pdf" in capsys.readouterr().err
    assert (
        main(
            [
                "summary",
                "--journal",
                str(journal_path),
                "--out",
                str(out),
                "--from",
                "2026-06-01",
                "--to",
                "2026-01-01",
            ]
        )
        == 1
    )
