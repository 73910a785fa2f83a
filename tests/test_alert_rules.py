"""Each alert rule, with the boundary cases of the source document's criteria."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from msjournal.model.records import Acknowledgement
from msjournal.rules.alerts import RULES, active_alerts, all_alerts
from tests.builders import effect, follow_up, infusion, journal_data, plan, reading

MOMENT = datetime(2026, 3, 5, 12, 0)


def rules_raised(data, catalog, moment=MOMENT) -> list[str]:
    return [a.rule for a in active_alerts(data, catalog, moment)]


@pytest.mark.parametrize(
    ("value", "unit", "raised"),
    [
        ("37.7", "C", False),
        ("37.8", "C", True),
        ("100.0", "F", False),
        ("100.1", "F", True),
        ("36.6", "C", False),
        ("39.5", "C", True),
    ],
)
def test_fever_threshold_is_strictly_above_100_f(catalog, value, unit, raised) -> None:
    """37.8 °C (100.04 °F) and 100.1 °F raise a fever alert; 37.7 °C and 100.0 °F do not."""
    data = journal_data(reading("t-1", "2026-03-05T08:00", value, unit))
    assert ("fever" in rules_raised(data, catalog)) is raised


def test_fever_threshold_follows_the_setting(catalog) -> None:
    """With the threshold set to 38.0 °C, 37.9 °C no longer raises an alert and 38.1 °C does."""
    data = journal_data(
        reading("t-1", "2026-03-05T08:00", "37.9"),
        fever_threshold=Decimal("38.0"),
        fever_threshold_unit="C",
    )
    assert "fever" not in rules_raised(data, catalog)
    data = journal_data(
        reading("t-1", "2026-03-05T08:00", "38.1"),
        fever_threshold=Decimal("38.0"),
        fever_threshold_unit="C",
    )
    assert "fever" in rules_raised(data, catalog)


def test_fever_alert_names_the_reading_and_what_to_do(catalog) -> None:
    """The message says what was recorded, the criterion and to contact the care team."""
    data = journal_data(reading("t-1", "2026-03-05T08:00", "38.4"))
    alert = active_alerts(data, catalog, MOMENT)[0]
    assert "38.4 °C" in alert.message
    assert "100 °F (37.8 °C)" in alert.criterion
    assert "Contact your care team" in alert.message
    assert alert.level == "consult" and alert.entries == ("t-1",)


def test_fever_readings_close_together_make_one_alert(catalog) -> None:
    """Readings within a day of each other are one fever episode, not a flood of alerts."""
    data = journal_data(
        reading("t-1", "2026-03-04T08:00", "38.1"),
        reading("t-2", "2026-03-04T20:00", "38.5"),
        reading("t-3", "2026-03-05T07:00", "37.9"),
    )
    alerts = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "fever"]
    assert len(alerts) == 1 and alerts[0].entries == ("t-1", "t-2", "t-3")


def test_fever_in_infusion_vitals_counts(catalog) -> None:
    """A high temperature recorded with an infusion's vitals raises the fever alert too."""
    from msjournal.model.records import Vitals

    data = journal_data(
        infusion("inf-1", "2026-03-05T09:00", vitals_after=Vitals(Decimal("100.5"), "F"))
    )
    assert "fever" in rules_raised(data, catalog)


def test_fever_alert_expires_three_days_after_the_last_reading(catalog) -> None:
    """An old fever stays in the history but is no longer active."""
    data = journal_data(reading("t-1", "2026-03-01T08:00", "38.4"))
    assert "fever" in rules_raised(data, catalog, datetime(2026, 3, 3, 8, 0))
    assert "fever" not in rules_raised(data, catalog, datetime(2026, 3, 4, 9, 0))
    assert "fever" in [a.rule for a in all_alerts(data, catalog, datetime(2026, 3, 4, 9, 0))]


@pytest.mark.parametrize("symptom", ["trouble_breathing", "heart_rate_change"])
def test_breathing_or_heart_rate_is_urgent(catalog, symptom) -> None:
    """Trouble breathing or a heart-rate change raises the urgent severe_reaction alert."""
    data = journal_data(
        infusion("inf-1", "2026-03-05T09:00"),
        effect("se-1", symptom, "2026-03-05T09:40", 2, infusion="inf-1"),
    )
    alerts = active_alerts(data, catalog, MOMENT)
    assert alerts[0].rule == "severe_reaction" and alerts[0].level == "urgent"
    assert "emergency" in alerts[0].message
    assert "severe_or_unusual" not in [a.rule for a in alerts]


def test_urgent_alerts_come_before_reminders(catalog) -> None:
    """A reminder never hides an urgent alert: urgent ones are listed first."""
    data = journal_data(
        follow_up("f-1", "2026-02-01"), effect("se-1", "trouble_breathing", "2026-03-05T09:40")
    )
    levels = [a.level for a in active_alerts(data, catalog, MOMENT)]
    assert levels[0] == "urgent" and "reminder" in levels


def test_warmth_at_the_site_is_a_consult(catalog) -> None:
    """Warmth at the infusion site raises site_infection at any severity."""
    data = journal_data(effect("se-1", "site_warmth", "2026-03-05T10:00", 1))
    assert rules_raised(data, catalog) == ["site_infection"]


def test_redness_that_stays_the_same_does_not_alert(catalog) -> None:
    """Site redness recorded again at the same severity is not 'increasing redness'."""
    data = journal_data(
        effect("se-1", "site_redness", "2026-03-04T10:00", 3),
        effect("se-2", "site_redness", "2026-03-05T10:00", 3),
    )
    assert "site_infection" not in rules_raised(data, catalog)


def test_redness_that_increases_alerts(catalog) -> None:
    """Site redness recorded again with a higher severity raises site_infection."""
    data = journal_data(
        effect("se-1", "site_redness", "2026-03-04T10:00", 3),
        effect("se-2", "site_redness", "2026-03-05T10:00", 4),
    )
    alerts = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "site_infection"]
    assert len(alerts) == 1 and alerts[0].entries == ("se-1", "se-2")
    assert "getting worse" in alerts[0].message


def test_redness_weeks_apart_after_different_infusions_is_not_increasing(catalog) -> None:
    """Redness after this month's infusion is not compared with last month's."""
    data = journal_data(
        infusion("inf-1", "2026-02-05T09:00"),
        infusion("inf-2", "2026-03-05T09:00"),
        effect("se-1", "site_redness", "2026-02-05T11:00", 2, infusion="inf-1"),
        effect("se-2", "site_redness", "2026-03-05T11:00", 4, infusion="inf-2"),
    )
    assert "site_infection" not in rules_raised(data, catalog)


def test_unexplained_bruising_is_a_consult(catalog) -> None:
    """Unexplained bruising raises its own consult alert."""
    data = journal_data(effect("se-1", "unexplained_bruising", "2026-03-05T10:00", 2))
    assert rules_raised(data, catalog) == ["unexplained_bruising"]


@pytest.mark.parametrize(("severity", "raised"), [(6, False), (7, True), (10, True)])
def test_severity_seven_or_more_is_severe(catalog, severity, raised) -> None:
    """Severity 6 is not an alert; 7 and above is 'feels severe'."""
    data = journal_data(effect("se-1", "headache", "2026-03-05T10:00", severity))
    assert ("severe_or_unusual" in rules_raised(data, catalog)) is raised


def test_feels_unusual_is_a_consult_at_any_severity(catalog) -> None:
    """A mild side effect marked as feeling unusual raises severe_or_unusual."""
    data = journal_data(effect("se-1", "nausea", "2026-03-05T10:00", 2, unusual=True))
    alert = active_alerts(data, catalog, MOMENT)[0]
    assert alert.rule == "severe_or_unusual" and "unusual" in alert.message


def test_symptom_just_inside_its_expected_duration_is_fine(catalog) -> None:
    """Nausea (expected up to 24 hours) still going after 23 hours 59 minutes raises nothing."""
    hours = catalog.symptoms["nausea"].expected_hours.value
    onset = MOMENT - timedelta(hours=hours) + timedelta(minutes=1)
    data = journal_data(effect("se-1", "nausea", onset.isoformat(), 3))
    assert "persistent_symptom" not in rules_raised(data, catalog)


def test_symptom_just_past_its_expected_duration_alerts(catalog) -> None:
    """Nausea still going one minute past its expected 24 hours raises persistent_symptom."""
    hours = catalog.symptoms["nausea"].expected_hours.value
    onset = MOMENT - timedelta(hours=hours) - timedelta(minutes=1)
    data = journal_data(effect("se-1", "nausea", onset.isoformat(), 3))
    alerts = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "persistent_symptom"]
    assert len(alerts) == 1 and "longer than the expected 24 hours" in alerts[0].message


def test_resolved_symptom_is_no_longer_active_but_stays_in_history(catalog) -> None:
    """Once marked gone, a long-lasting symptom leaves Today but stays in the alert history."""
    data = journal_data(
        effect("se-1", "nausea", "2026-03-01T10:00", 3, resolved="2026-03-03T10:00")
    )
    assert "persistent_symptom" not in rules_raised(data, catalog)
    assert "persistent_symptom" in [a.rule for a in all_alerts(data, catalog, MOMENT)]


def test_personal_expected_duration_overrides_the_default(catalog) -> None:
    """A person's own expected duration for a symptom replaces the catalog default."""
    own = catalog.with_overrides({"symptom.headache.expected_hours": 72})
    data = journal_data(effect("se-1", "headache", "2026-03-03T12:00", 3))
    assert "persistent_symptom" in rules_raised(data, catalog)
    assert "persistent_symptom" not in rules_raised(data, own)


def test_infusion_overdue_when_past_due_and_none_logged(catalog) -> None:
    """Natalizumab 4 weeks after the last infusion: due day is fine, the next day is overdue."""
    data = journal_data(infusion("inf-1", "2026-02-05T09:00"))
    assert "infusion_overdue" not in rules_raised(data, catalog, datetime(2026, 3, 5, 20, 0))
    assert "infusion_overdue" in rules_raised(data, catalog, datetime(2026, 3, 6, 8, 0))


def test_logging_the_infusion_clears_the_overdue_reminder(catalog) -> None:
    """The reminder goes away once the infusion is logged."""
    data = journal_data(
        infusion("inf-1", "2026-02-05T09:00"), infusion("inf-2", "2026-03-06T09:00")
    )
    assert "infusion_overdue" not in rules_raised(data, catalog, datetime(2026, 3, 6, 12, 0))


def test_follow_up_overdue_until_done(catalog) -> None:
    """A follow-up past its due date raises a reminder until it is marked done."""
    assert "follow_up_overdue" in rules_raised(
        journal_data(follow_up("f-1", "2026-03-04")), catalog
    )
    assert "follow_up_overdue" not in rules_raised(
        journal_data(follow_up("f-1", "2026-03-05")), catalog
    )
    done = journal_data(follow_up("f-1", "2026-03-04", done="2026-03-04"))
    assert "follow_up_overdue" not in rules_raised(done, catalog)


def test_monitoring_overdue_reminder(catalog) -> None:
    """Alemtuzumab's monthly blood and urine tests are reminded when overdue."""
    data = journal_data(
        *[infusion(f"inf-{d}", f"2026-01-0{d}T09:00", "alemtuzumab") for d in range(1, 6)],
        plan_=plan("alemtuzumab"),
    )
    assert "monitoring_due" in rules_raised(data, catalog, datetime(2026, 2, 10, 9, 0))


def test_nerve_symptoms_soon_after_alemtuzumab_are_urgent(catalog) -> None:
    """New nerve symptoms within 3 days of alemtuzumab are urgent; later they are a consult."""
    early = journal_data(
        infusion("inf-1", "2026-03-03T09:00", "alemtuzumab"),
        effect("se-1", "new_neurological_symptoms", "2026-03-05T08:00"),
    )
    assert rules_raised(early, catalog)[0] == "stroke_signs_after_alemtuzumab"
    late = journal_data(
        infusion("inf-1", "2026-02-03T09:00", "natalizumab"),
        effect("se-1", "new_neurological_symptoms", "2026-03-05T08:00"),
    )
    assert "new_neurological_symptoms" in rules_raised(late, catalog)


def test_mitoxantrone_lifetime_limit_reminder(catalog) -> None:
    """When the next dose would pass the lifetime limit,
    no next infusion is due and a reminder says so."""
    first = datetime(2023, 6, 1, 9, 0)
    doses = [
        infusion(
            f"inf-{n}",
            (first + timedelta(days=91 * n)).isoformat(),
            "mitoxantrone",
            dose=Decimal(12),
            dose_unit="mg/m2",
        )
        for n in range(11)
    ]
    data = journal_data(*doses, plan_=plan("mitoxantrone"))
    assert "cumulative_dose_limit" in rules_raised(data, catalog, datetime(2026, 3, 5))
    assert "infusion_overdue" not in rules_raised(data, catalog, datetime(2026, 3, 5))


def test_acknowledged_alert_leaves_today_but_stays_in_history(catalog) -> None:
    """Acknowledging an alert with a note hides it from the active list and keeps it in history."""
    data = journal_data(reading("t-1", "2026-03-05T08:00", "38.4"))
    key = active_alerts(data, catalog, MOMENT)[0].key
    from dataclasses import replace

    acked = replace(data, acknowledgements=(Acknowledgement(key, MOMENT, "Called the nurse"),))
    assert active_alerts(acked, catalog, MOMENT) == []
    history = all_alerts(acked, catalog, MOMENT)
    assert (
        history[0].acknowledged_at == MOMENT
        and history[0].acknowledgement_note == "Called the nurse"
    )


def test_entries_after_the_moment_are_ignored(catalog) -> None:
    """Evaluating as of a past moment ignores what was recorded later."""
    data = journal_data(reading("t-1", "2026-03-05T08:00", "38.4"))
    assert rules_raised(data, catalog, datetime(2026, 3, 5, 7, 0)) == []


def test_every_rule_is_documented() -> None:
    """docs/alerts.md names every rule id with its level."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "alerts.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"`{rule.id}`" in text, rule.id


def test_own_fever_threshold_is_named_in_the_criterion(catalog) -> None:
    """With a threshold of 38.0 °C the criterion names that threshold, not the document's."""
    data = journal_data(
        reading("t-1", "2026-03-05T08:00", "38.3"),
        fever_threshold=Decimal("38.0"),
        fever_threshold_unit="C",
    )
    alert = active_alerts(data, catalog, MOMENT)[0]
    assert "your own fever threshold of 38.0 °C" in alert.criterion


def test_persistent_alert_says_the_expected_time_is_a_default(catalog) -> None:
    """An unverified expected duration is named as a default the person can change."""
    data = journal_data(effect("se-1", "headache", "2026-03-03T12:00", 3))
    alert = next(a for a in active_alerts(data, catalog, MOMENT) if a.rule == "persistent_symptom")
    assert "not marked as gone" in alert.message and "default you can change" in alert.message


def test_alert_json_carries_its_source(catalog) -> None:
    """Every alert printed as JSON names the source of its criterion and how long it lasts."""
    data = journal_data(reading("t-1", "2026-03-05T08:00", "38.4"))
    printed = active_alerts(data, catalog, MOMENT)[0].to_json()
    assert "Source document" in printed["source"] and printed["stays_active"]


def test_a_regular_dose_sooner_than_the_minimum_gap_is_a_consult(catalog) -> None:
    """Ocrelizumab regular doses 120 days apart (minimum 140) raise infusion_too_soon;
    the two starting doses 14 days apart do not."""
    data = journal_data(
        infusion("inf-1", "2025-09-01T09:00", "ocrelizumab"),
        infusion("inf-2", "2025-09-15T09:00", "ocrelizumab"),
        infusion("inf-3", "2026-02-16T09:00", "ocrelizumab"),
        infusion("inf-4", "2026-03-01T09:00", "ocrelizumab"),
    )
    alerts = [a for a in active_alerts(data, catalog, MOMENT) if a.rule == "infusion_too_soon"]
    assert [a.entries for a in alerts] == [("inf-3", "inf-4")]
    assert "13 days after" in alerts[0].message and "140 days" in alerts[0].message
    on_time = journal_data(*data.infusions[:3])
    assert "infusion_too_soon" not in rules_raised(on_time, catalog)
