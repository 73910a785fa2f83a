"""The charts as words: the one-sentence summary and the table rows (no Qt, no matplotlib).

Issue "Accessibility for people with MS" (major 8): a chart was a picture with no text
alternative. The window names it by its title, describes it with this summary and shows these
rows in "Show as table".
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from msjournal.charts.chart_text import (
    TABLE_HEADERS,
    chart_content,
    day_words,
    span_words,
    table_rows,
)
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData
from tests.builders import effect, infusion, journal_data, reading, relapse, result

START, END = date(2026, 3, 1), date(2026, 6, 30)


@pytest.fixture
def data() -> JournalData:
    return journal_data(
        infusion("i1", "2026-03-02T09:00"),
        infusion("i2", "2026-03-30T09:00"),
        infusion("i3", "2026-04-27T09:00"),
        infusion("old", "2025-01-10T09:00"),  # outside the period: neither drawn nor counted
        effect("e1", "headache", "2026-03-03T15:00", 3),
        effect("e2", "headache", "2026-04-03T15:00", 8),
        effect("e3", "fatigue", "2026-03-31T08:00", 5),
        effect("e4", "fatigue", "2026-05-10T08:00", 8),  # as bad, but later: not "the highest"
        relapse("r1", "2026-05-20T10:00"),
        reading("t1", "2026-03-03T08:00", "38.4"),
        reading("t2", "2026-03-04T08:00", "37.0"),
        result("l1", "lymphocytes", "2026-03-01", "1.5", "1.0", "4.0", unit="×10⁹/L"),
        result("l2", "lymphocytes", "2026-04-29T08:30", "0.8", "1.0", "4.0", unit="×10⁹/L"),
    )


def test_severity_summary_names_the_span_the_highest_and_the_marks(
    data: JournalData, catalog: Catalog
) -> None:
    content = chart_content("severity", data, catalog, START, END)
    assert content.title == "Side effects over time"
    assert content.summary == (
        "Side effects over time from 1 Mar to 30 Jun 2026: 4 entries, highest 8 (severe) on "
        "3 Apr (Headache); 3 infusions marked; 1 relapse onset."
    )


def test_severity_rows_are_the_points_in_time_order(data: JournalData, catalog: Catalog) -> None:
    """One row per drawn point, infusion and relapse, under the table's headers, oldest first."""
    rows = table_rows(chart_content("severity", data, catalog, START, END))
    assert all(len(row) == len(TABLE_HEADERS) for row in rows)
    assert [row[:3] for row in rows] == [
        ("2026-03-02", "Infusion", ""),
        ("2026-03-03", "Headache", "3"),
        ("2026-03-30", "Infusion", ""),
        ("2026-03-31", "Tiredness", "5"),
        ("2026-04-03", "Headache", "8"),
        ("2026-04-27", "Infusion", ""),
        ("2026-05-10", "Tiredness", "8"),
        ("2026-05-20 10:00", "Relapse (onset)", ""),
    ]
    headache = rows[1]
    assert headache[3] == "of 10, mild"
    # the chart's marker shapes: tiredness is drawn first (as often logged, and sorted by id)
    assert rows[3][4] == "circle" and headache[4] == "square"
    assert rows[0][4] == "triangle at the foot: infusion"


def test_a_point_carries_the_words_the_chart_shows_when_pointed_at(
    data: JournalData, catalog: Catalog
) -> None:
    points = chart_content("severity", data, catalog, START, END).points
    assert points[1].text.startswith("Headache: severity 3 of 10, started 2026-03-03 15:00")
    assert points[0].text == "Infusion on 2026-03-02: Natalizumab"


def test_temperature_summary_counts_the_readings_above_the_threshold(
    data: JournalData, catalog: Catalog
) -> None:
    content = chart_content("temperature", data, catalog, START, END)
    assert content.summary.startswith(
        "Temperature readings from 1 Mar to 30 Jun 2026: 2 readings, highest 38.4 °C on 3 Mar; "
        "1 above your fever threshold of 37.8 °C"
    )
    assert content.summary.endswith("; 3 infusions marked.")
    reading_rows = [row for row in table_rows(content) if row[1] == "Temperature reading"]
    assert reading_rows[0] == (
        "2026-03-03 08:00",
        "Temperature reading",
        "38.4",
        "°C, above your fever threshold",
        "large dot in the alert colour: above your fever threshold",
    )


def test_results_summary_and_rows_say_what_is_outside_the_range(
    data: JournalData, catalog: Catalog
) -> None:
    content = chart_content("results", data, catalog, START, END, test="lymphocytes")
    assert content.title == "Lymphocytes"
    assert content.summary == (
        "Lymphocytes from 1 Mar to 30 Jun 2026: 2 results in ×10⁹/L, latest 0.8 ×10⁹/L on "
        "29 Apr; 1 outside the lab's range; 3 infusions marked."
    )
    low = next(row for row in table_rows(content) if row[2] == "0.8")
    assert low[3] == "×10⁹/L, lab range 1.0–4.0"
    assert low[4].endswith("outside the lab's range")


def test_per_infusion_and_cycle_summaries(data: JournalData, catalog: Catalog) -> None:
    per = chart_content("per-infusion", data, catalog, START, END)
    assert per.summary.startswith(
        "Side effects after each infusion from 1 Mar to 30 Jun 2026: 3 infusions,"
    )
    assert len(per.points) == 3 and all(p.panel == 1 for p in per.points)
    cycle = chart_content("cycle", data, catalog, START, END)
    assert cycle.summary.startswith(
        "Side effects through the infusion cycle, infusions from 2 Mar to 27 Apr 2026: "
        "the average of 3 cycles"
    )
    assert table_rows(cycle)[0][0] == "Day 0"


def test_an_empty_chart_says_what_to_log_and_has_no_rows(catalog: Catalog) -> None:
    content = chart_content("severity", JournalData(), catalog)
    assert content.points == ()
    assert content.summary.startswith("Side effects over time: No side effects logged yet. When")
    assert "\n" not in content.summary


def test_dates_in_words() -> None:
    assert day_words(date(2026, 4, 3)) == "3 Apr 2026"
    assert span_words(date(2025, 12, 1), date(2026, 1, 31)) == "from 1 Dec 2025 to 31 Jan 2026"
    assert span_words(date(2026, 4, 3), date(2026, 4, 3)) == "on 3 Apr 2026"


def test_an_unknown_chart_is_refused(data: JournalData, catalog: Catalog) -> None:
    with pytest.raises(JournalError, match="choose one of"):
        chart_content("pie", data, catalog)


def test_the_words_load_neither_matplotlib_nor_qt() -> None:
    code = (
        "import sys\nimport msjournal.charts.chart_text\n"
        "print(any(m.split('.')[0] in ('matplotlib', 'PySide6') for m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "False"
