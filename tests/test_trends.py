"""The numbers behind the trend charts, checked on small hand-made journals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from msjournal.rules import trends
from tests.builders import effect, infusion, journal_data, reading


def three_cycles():
    """Infusions every 4 days; cycle A = [4, 4, 0, 8], B = [6, 0, 0, 2], C = [0, 0]."""
    return journal_data(
        infusion("a", "2026-01-01T09:00"),
        infusion("b", "2026-01-05T09:00"),
        infusion("c", "2026-01-09T09:00"),
        effect("s1", "headache", "2026-01-01T15:00", 4, resolved="2026-01-02T10:00", infusion="a"),
        effect("s2", "fatigue", "2026-01-04T18:00", 8, resolved="2026-01-04T22:00"),
        effect("s3", "headache", "2026-01-05T14:00", 6),
        effect("s4", "fatigue", "2026-01-08T08:00", 2, resolved="2026-01-08T12:00"),
        reading("t1", "2026-01-10T08:00", "36.8"),
    )


def test_cycle_severities_run_from_infusion_day_to_the_day_before_the_next() -> None:
    """Each cycle holds the worst severity of each day; the last runs to the last logged day."""
    found = trends.cycles(three_cycles())
    assert [c.severities for c in found] == [(4, 4, 0, 8), (6, 0, 0, 2), (0, 0)]


def test_cycle_average_and_spread_by_day_since_infusion() -> None:
    """Day by day: the mean over the cycles reaching that day, with the standard deviation."""
    days = trends.cycle_average(trends.cycles(three_cycles()))
    assert [d.cycles for d in days] == [3, 3, 2, 2]
    assert [d.mean for d in days] == pytest.approx([10 / 3, 4 / 3, 0, 5])
    assert days[3].spread == pytest.approx(3.0)
    assert days[0].spread == pytest.approx((56 / 9) ** 0.5)
    assert days[3].low == pytest.approx(2.0) and days[3].high == pytest.approx(8.0)


def test_cycle_spread_stays_within_the_severity_scale() -> None:
    """The shaded spread never goes below 0 or above 10."""
    days = trends.cycle_average(trends.cycles(three_cycles()))
    assert all(0 <= d.low <= d.mean <= d.high <= 10 for d in days)


def test_cycles_follow_the_chosen_symptoms_and_dates() -> None:
    """Only the chosen symptoms count, and only cycles starting within the dates are kept."""
    data = three_cycles()
    assert trends.cycles(data, ["fatigue"])[0].severities == (0, 0, 0, 8)
    kept = trends.cycles(data, start=date(2026, 1, 5), end=date(2026, 1, 8))
    assert [c.infusion.id for c in kept] == ["b"]
    assert kept[0].severities == (6, 0, 0, 2)


def test_a_long_pause_in_therapy_is_cut_short() -> None:
    """A gap of months between infusions does not stretch a cycle past MAX_CYCLE_DAYS."""
    data = journal_data(infusion("a", "2025-01-01T09:00"), infusion("b", "2025-09-01T09:00"))
    assert trends.cycles(data)[0].length == trends.MAX_CYCLE_DAYS


def test_an_ongoing_side_effect_counts_on_its_onset_day_only() -> None:
    """A side effect with no end date does not paint the rest of the cycle."""
    data = journal_data(
        infusion("a", "2026-01-01T09:00"),
        infusion("b", "2026-01-05T09:00"),
        effect("s1", "fatigue", "2026-01-02T08:00", 5),
    )
    assert trends.cycles(data)[0].severities == (0, 5, 0, 0)


def test_severity_series_one_per_chosen_symptom_worst_of_each_day() -> None:
    """Two headaches on one day become one point at the worse severity."""
    data = journal_data(
        effect("s1", "headache", "2026-02-01T08:00", 3),
        effect("s2", "headache", "2026-02-01T20:00", 7),
        effect("s3", "nausea", "2026-02-03T08:00", 2),
    )
    series = trends.severity_series(data, ["headache", "nausea", "rash"])
    assert [s.symptom for s in series] == ["headache", "nausea", "rash"]
    assert [(p.day, p.severity, len(p.entries)) for p in series[0].points] == [
        (date(2026, 2, 1), 7, 2)
    ]
    assert series[2].points == ()


def test_severity_series_defaults_to_the_most_logged_symptoms() -> None:
    """Without a choice, the most often logged symptoms are shown, most frequent first."""
    data = journal_data(
        effect("s1", "nausea", "2026-02-01T08:00"),
        effect("s2", "headache", "2026-02-02T08:00"),
        effect("s3", "headache", "2026-02-03T08:00"),
    )
    assert [s.symptom for s in trends.severity_series(data)] == ["headache", "nausea"]


def test_long_ranges_are_gathered_by_week() -> None:
    """Over years, points are gathered to the worst of each week (starting Monday)."""
    data = journal_data(
        effect("s1", "headache", "2026-02-03T08:00", 2),
        effect("s2", "headache", "2026-02-05T08:00", 6),
        effect("s3", "headache", "2023-01-02T08:00", 1),
    )
    points = trends.severity_series(data, ["headache"])[0].points
    assert [(p.day, p.severity) for p in points] == [(date(2023, 1, 2), 1), (date(2026, 2, 2), 6)]


def test_temperatures_shown_in_the_persons_unit_with_threshold_converted() -> None:
    """Readings and the threshold are in the person's unit; 37.8 °C is just above 100.0 °F."""
    data = journal_data(
        reading("t1", "2026-03-01T08:00", "37.8"),
        reading("t2", "2026-03-02T08:00", "99.5", unit="F"),
        temperature_unit="F",
        fever_threshold=Decimal("100.0"),
        fever_threshold_unit="F",
    )
    series = trends.temperature_series(data)
    assert series.unit == "F" and series.threshold == pytest.approx(100.0)
    assert [round(p.value, 2) for p in series.points] == [100.04, 99.5]
    assert [p.reading_id for p in series.above] == ["t1"]


def test_temperature_threshold_set_in_fahrenheit_shown_in_celsius() -> None:
    """A person reading in °C sees the °F threshold converted (100.4 °F is 38.0 °C)."""
    data = journal_data(
        reading("t1", "2026-03-01T08:00", "38.0"),
        temperature_unit="C",
        fever_threshold=Decimal("100.4"),
        fever_threshold_unit="F",
    )
    series = trends.temperature_series(data)
    assert series.threshold == pytest.approx(38.0)
    assert series.above == ()


def test_effects_per_infusion_counts_linked_and_soon_after() -> None:
    """Linked side effects count, and unlinked ones starting within 72 hours of an infusion."""
    data = journal_data(
        infusion("a", "2026-01-01T09:00"),
        infusion("b", "2026-01-29T09:00"),
        effect("s1", "headache", "2026-01-01T15:00", 5, infusion="a"),
        effect("s2", "fatigue", "2026-01-03T08:00", 3),
        effect("s3", "fatigue", "2026-01-25T08:00", 6),
        effect("s4", "nausea", "2026-01-29T10:00", 2, infusion="b"),
    )
    rows = trends.effects_per_infusion(data)
    assert [(r.infusion.id, r.count, r.worst) for r in rows] == [("a", 2, 5), ("b", 1, 2)]
    assert [r.count for r in trends.effects_per_infusion(data, ["fatigue"])] == [1, 0]


def test_infusion_marks_only_within_the_dates() -> None:
    """Infusion marks are listed in time order, only those within the chosen dates."""
    marks = trends.infusion_marks(three_cycles(), date(2026, 1, 2), date(2026, 1, 31))
    assert [(m.id, m.day) for m in marks] == [("b", date(2026, 1, 5)), ("c", date(2026, 1, 9))]
