"""Black, tarry stools or vomiting blood: get help now, whatever the severity logged.

The check of every catalog warning sign against the rules (issue "Clinical correctness at the
edges", item 5) found one gap: IV methylprednisolone's warning sign stomach_bleeding is an
emergency in the catalog, but could only raise a consult alert, and only when marked severe.
"""

from __future__ import annotations

from datetime import datetime

from msjournal.rules.alerts import active_alerts
from tests.builders import effect, journal_data


def test_signs_of_gut_bleeding_are_urgent_at_any_severity(catalog) -> None:
    data = journal_data(effect("se-1", "gut_bleeding", "2026-03-05T08:00", 2))
    [alert] = active_alerts(data, catalog, datetime(2026, 3, 5, 12, 0))
    assert (alert.rule, alert.level) == ("gut_bleeding", "urgent")
    assert "black, tarry stools" in alert.message.lower()
    assert catalog.symptoms["gut_bleeding"].expected_hours.value == 0
