"""Checks that run on after a treatment stops end when their time is over, and checks with no
end carry on after a switch.

Issue "Clinical correctness at the edges", items 1 and 2:
- alemtuzumab's monthly blood and urine tests, thyroid and liver tests run until 48 months
  after the last infusion (clinical-facts.md §4, docs/alerts.md); with no tests logged they
  were listed as "2309 days overdue" years later. Natalizumab reviews are asked for at least
  6 months after stopping (§1), yet stayed "512 days overdue" after a switch. A reminder that
  can never be satisfied teaches people to ignore reminders.
- mitoxantrone's yearly heart scan continues after the last dose (§7; the catalog: "continuing
  after your last dose") but vanished once another treatment started.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from msjournal.rules.alerts import active_alerts
from msjournal.rules.schedule import due_items
from tests.builders import infusion, journal_data, plan


def checks(data, catalog, today: date) -> dict[str, object]:
    return {i.task: i for i in due_items(data, catalog, today) if i.kind == "monitoring"}


def alemtuzumab_2019():
    return [infusion(f"inf-{n}", f"2019-03-0{n + 1}T09:00", "alemtuzumab") for n in range(5)] + [
        infusion(f"inf-{n + 5}", f"2020-03-0{n + 1}T09:00", "alemtuzumab") for n in range(3)
    ]


def test_alemtuzumab_checks_end_48_months_after_the_last_infusion(catalog) -> None:
    data = journal_data(*alemtuzumab_2019())
    during = checks(data, catalog, date(2023, 1, 10))
    assert "monthly_blood_urine" in during, "within 48 months the check is still due"
    after = checks(data, catalog, date(2026, 6, 15))
    assert not [t for t in after if t and "blood" in t], after
    moment = datetime(2026, 6, 15, 12, 0)
    overdue = [a for a in active_alerts(data, catalog, moment) if a.rule == "monitoring_due"]
    assert [a.title for a in overdue] == ["Check overdue"], "only the yearly skin check runs on"
    assert "skin check" in overdue[0].message
    assert moment - overdue[0].raised_at < timedelta(days=366), "missed yearly: one reminder"


def test_natalizumab_reviews_end_6_months_after_a_switch(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2024-01-05T09:00", "natalizumab"),
        infusion("inf-2", "2024-02-02T09:00", "natalizumab"),
        infusion("inf-3", "2024-06-10T09:00", "ocrelizumab"),
        plan_=plan("ocrelizumab", "2024-06-10"),
    )
    assert "clinical_review" in checks(data, catalog, date(2024, 7, 1))
    reviews = [
        i
        for i in due_items(data, catalog, date(2026, 6, 15))
        if i.task == "clinical_review" and i.treatment == "natalizumab"
    ]
    assert reviews == []


def test_the_yearly_heart_scan_goes_on_after_a_switch(catalog) -> None:
    data = journal_data(
        infusion("inf-1", "2023-01-10T09:00", "mitoxantrone"),
        infusion("inf-2", "2023-04-10T09:00", "mitoxantrone"),
        infusion("inf-3", "2024-01-10T09:00", "ocrelizumab"),
        plan_=plan("ocrelizumab", "2024-01-10"),
    )
    found = checks(data, catalog, date(2026, 6, 15))
    assert "heart_scan_yearly" in found
    assert found["heart_scan_yearly"].treatment == "mitoxantrone"  # type: ignore[attr-defined]
