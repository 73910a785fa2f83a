"""A sudden severe headache or neck pain within 3 days of alemtuzumab is urgent, not a consult.

Issue "Clinical correctness at the edges", item 5. clinical-facts.md §4 and §10 and the FDA
Drug Safety Communication of 29 Nov 2018 (stroke and arterial dissection after Lemtrada, most
within 3 days), and the catalog's own alemtuzumab warning sign "stroke" (urgency: emergency),
which lists "a sudden severe headache or neck pain". An alert's level is never lower than the
catalog's urgency for the warning sign it matches.
"""

from __future__ import annotations

from datetime import datetime

from msjournal.rules.alerts import active_alerts
from tests.builders import effect, infusion, journal_data

MOMENT = datetime(2026, 3, 5, 12, 0)


def levels(data, catalog) -> dict[str, str]:
    return {a.rule: a.level for a in active_alerts(data, catalog, MOMENT)}


def test_a_severe_headache_two_days_after_alemtuzumab_is_urgent(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2026-03-03T09:00", "alemtuzumab"),
        effect("se-1", "headache", "2026-03-05T07:00", 8),
    )
    raised = levels(data, catalog)
    assert raised.get("stroke_signs_after_alemtuzumab") == "urgent"
    assert "severe_or_unusual" not in raised, "one alert for one entry, at the higher level"
    assert catalog.treatments["alemtuzumab"].warning_signs  # the sign it matches is there
    stroke = next(w for w in catalog.treatments["alemtuzumab"].warning_signs if w.id == "stroke")
    assert stroke.urgency == "emergency" and "severe headache" in stroke.description


def test_an_unusual_headache_within_3_days_is_urgent_too(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2026-03-03T09:00", "alemtuzumab"),
        effect("se-1", "headache", "2026-03-04T22:00", 4, unusual=True),
    )
    assert levels(data, catalog).get("stroke_signs_after_alemtuzumab") == "urgent"


def test_a_mild_headache_after_alemtuzumab_raises_no_urgent_alert(catalog) -> None:
    """Headache is a common infusion reaction; only a severe or unusual one is a stroke sign."""
    data = journal_data(
        infusion("inf-1", "2026-03-03T09:00", "alemtuzumab"),
        effect("se-1", "headache", "2026-03-04T10:00", 3),
    )
    assert "stroke_signs_after_alemtuzumab" not in levels(data, catalog)


def test_a_severe_headache_after_another_treatment_stays_a_consult(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2026-03-03T09:00", "natalizumab"),
        effect("se-1", "headache", "2026-03-05T07:00", 8),
    )
    raised = levels(data, catalog)
    assert raised.get("severe_or_unusual") == "consult"
    assert "stroke_signs_after_alemtuzumab" not in raised


def test_four_days_after_alemtuzumab_it_is_a_consult(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2026-03-01T09:00", "alemtuzumab"),
        effect("se-1", "headache", "2026-03-05T10:00", 8),
    )
    assert levels(data, catalog).get("severe_or_unusual") == "consult"
