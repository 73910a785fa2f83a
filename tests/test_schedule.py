"""When the next infusion and checks are due, for each treatment's real schedule."""

from __future__ import annotations

from datetime import date

from msjournal.rules.schedule import due_items, monitoring_due, next_infusion
from tests.builders import follow_up, infusion, journal_data, plan


def next_due(data, catalog) -> date | None:
    item = next_infusion(data, catalog)
    return item.due if item else None


def test_natalizumab_every_four_weeks(catalog) -> None:
    """Natalizumab given 2 March 2026 is next due 30 March 2026."""
    data = journal_data(infusion("inf-1", "2026-03-02T09:30"))
    assert next_due(data, catalog) == date(2026, 3, 30)


def test_biosimilar_natalizumab_same_schedule(catalog) -> None:
    """The natalizumab biosimilar follows the same 4-week schedule."""
    data = journal_data(infusion("inf-1", "2026-03-02T09:30", "natalizumab_biosimilar"))
    assert next_due(data, catalog) == date(2026, 3, 30)


def test_ocrelizumab_second_starting_dose_two_weeks_after_first(catalog) -> None:
    """Ocrelizumab's second starting dose is due 14 days after the first."""
    data = journal_data(infusion("inf-1", "2026-01-05T09:00", "ocrelizumab"))
    assert next_due(data, catalog) == date(2026, 1, 19)


def test_ocrelizumab_six_monthly_counted_from_the_first_dose(catalog) -> None:
    """After the two starting doses, the next is 24 weeks after the FIRST, then every 24 weeks."""
    data = journal_data(
        infusion("inf-1", "2026-01-05T09:00", "ocrelizumab"),
        infusion("inf-2", "2026-01-19T09:00", "ocrelizumab"),
    )
    assert next_due(data, catalog) == date(2026, 6, 22)
    data = journal_data(*data.infusions, infusion("inf-3", "2026-06-22T09:00", "ocrelizumab"))
    assert next_due(data, catalog) == date(2026, 12, 7)


def test_ublituximab_day_15_then_24_weeks_from_first(catalog) -> None:
    """Ublituximab: day 1, day 15, then 24 weeks after the first infusion."""
    first = journal_data(infusion("inf-1", "2026-02-02T09:00", "ublituximab"))
    assert next_due(first, catalog) == date(2026, 2, 16)
    both = journal_data(*first.infusions, infusion("inf-2", "2026-02-16T09:00", "ublituximab"))
    assert next_due(both, catalog) == date(2026, 7, 20)


def test_alemtuzumab_course_days_then_second_course_a_year_later(catalog) -> None:
    """Alemtuzumab: five days in a row, then a three-day course 12 months after the first course."""
    days = [infusion(f"inf-{d}", f"2025-03-0{d + 2}T09:00", "alemtuzumab") for d in range(1, 4)]
    assert next_due(journal_data(*days), catalog) == date(2025, 3, 6)
    course = days + [infusion(f"inf-{d}", f"2025-03-0{d + 2}T09:00", "alemtuzumab") for d in (4, 5)]
    assert next_due(journal_data(*course), catalog) == date(2026, 3, 3)
    second = course + [
        infusion(f"inf-{d}", f"2026-03-0{d - 3}T09:00", "alemtuzumab") for d in (6, 7, 8)
    ]
    assert next_due(journal_data(*second), catalog) is None


def test_alemtuzumab_monthly_tests_stop_48_months_after_last_infusion(catalog) -> None:
    """Monthly blood and urine tests are due until 48 months after the last infusion."""
    course = [infusion(f"inf-{d}", f"2025-03-0{d + 2}T09:00", "alemtuzumab") for d in range(1, 6)]
    data = journal_data(*course, plan_=plan("alemtuzumab"))
    titles = {item.task: item.due for item in monitoring_due(data, catalog)}
    assert "monthly_blood_urine" in titles
    # The last infusion is 7 March 2025, so the tests stop after 7 March 2029.
    in_time = journal_data(
        *course,
        follow_up(
            "f-1", "2029-02-01", done="2029-02-01", task="monthly_blood_urine", kind="lab_test"
        ),
        plan_=plan("alemtuzumab"),
    )
    due = {item.task: item.due for item in monitoring_due(in_time, catalog)}
    assert due["monthly_blood_urine"] == date(2029, 3, 3)
    past = journal_data(
        *course,
        follow_up(
            "f-1", "2029-02-10", done="2029-02-10", task="monthly_blood_urine", kind="lab_test"
        ),
        plan_=plan("alemtuzumab"),
    )
    assert "monthly_blood_urine" not in {i.task for i in monitoring_due(past, catalog)}


def test_mitoxantrone_stops_at_the_lifetime_limit(catalog) -> None:
    """Mitoxantrone is due every 3 months until the next dose would pass the lifetime limit."""
    from datetime import datetime, timedelta
    from decimal import Decimal

    start = datetime(2024, 1, 8, 9, 0)
    doses = [
        infusion(
            f"inf-{n}",
            (start + timedelta(days=91 * n)).isoformat(),
            "mitoxantrone",
            dose=Decimal(12),
            dose_unit="mg/m2",
        )
        for n in range(5)
    ]
    data = journal_data(*doses)
    assert next_due(data, catalog) == (start + timedelta(days=91 * 5)).date()
    eu = journal_data(
        *doses,
        infusion("inf-9", "2025-04-07T09:00", "mitoxantrone", dose=Decimal(12), dose_unit="mg/m2"),
        cumulative_region="eu",
    )
    assert next_due(eu, catalog) is None


def test_care_team_interval_overrides_the_catalog(catalog) -> None:
    """A 6-week interval set by the care team replaces natalizumab's 4 weeks."""
    data = journal_data(
        infusion("inf-1", "2026-03-02T09:30"), plan_=plan("natalizumab", interval_days=42)
    )
    item = next_infusion(data, catalog)
    assert item.due == date(2026, 4, 13) and "care team" in item.note


def test_plan_without_infusions_is_due_on_its_start_date(catalog) -> None:
    """A new therapy plan with a start date shows the first infusion as due then."""
    data = journal_data(plan_=plan("ocrelizumab", started="2026-07-01"))
    assert next_due(data, catalog) == date(2026, 7, 1)


def test_steroid_courses_have_no_next_infusion(catalog) -> None:
    """IV steroids for a relapse are a course, not a repeating schedule."""
    data = journal_data(infusion("inf-1", "2026-03-02T09:00", "iv_methylprednisolone"))
    assert next_due(data, catalog) is None


def test_steroids_do_not_replace_the_regular_therapy(catalog) -> None:
    """A steroid course between natalizumab doses leaves natalizumab as the next infusion."""
    data = journal_data(
        infusion("inf-1", "2026-03-02T09:30"),
        infusion("inf-2", "2026-03-10T09:00", "iv_methylprednisolone"),
    )
    assert next_infusion(data, catalog).treatment == "natalizumab"


def test_natalizumab_jcv_test_six_months_after_last_done(catalog) -> None:
    """The JCV test is due 182 days after the last one marked done."""
    data = journal_data(
        infusion("inf-1", "2025-01-06T09:00"),
        infusion("inf-2", "2026-03-02T09:00"),
        follow_up("f-1", "2026-01-10", done="2026-01-12", kind="jcv_test", task="jcv_antibody"),
    )
    due = {i.task: i.due for i in monitoring_due(data, catalog)}
    assert due["jcv_antibody"] == date(2026, 7, 13)


def test_planned_follow_up_replaces_the_monitoring_reminder(catalog) -> None:
    """A check already planned as a follow-up is listed once, as that follow-up."""
    data = journal_data(
        infusion("inf-1", "2026-03-02T09:00"),
        follow_up("f-1", "2026-08-01", kind="jcv_test", title="JCV test", task="jcv_antibody"),
    )
    items = due_items(data, catalog)
    assert [i.kind for i in items if i.task == "jcv_antibody"] == ["follow_up"]


def test_unverified_intervals_are_flagged(catalog) -> None:
    """Rituximab's 6-month interval is marked as an unverified default."""
    data = journal_data(
        infusion("inf-1", "2026-01-05T09:00", "rituximab"),
        infusion("inf-2", "2026-01-19T09:00", "rituximab"),
    )
    item = next_infusion(data, catalog)
    assert item.unverified


def test_due_items_are_sorted_soonest_first(catalog) -> None:
    """What is due is listed soonest first."""
    data = journal_data(
        infusion("inf-1", "2026-03-02T09:00"),
        follow_up("f-1", "2026-03-10"),
        follow_up("f-2", "2026-05-01"),
    )
    dues = [i.due for i in due_items(data, catalog)]
    assert dues == sorted(dues)


def test_care_team_interval_never_passes_the_lifetime_limit(catalog) -> None:
    """With a care-team interval, mitoxantrone still stops at the lifetime limit."""
    from datetime import datetime, timedelta
    from decimal import Decimal

    start = datetime(2020, 1, 6, 9, 0)
    doses = [
        infusion(
            f"inf-{n}",
            (start + timedelta(days=91 * n)).isoformat(),
            "mitoxantrone",
            dose=Decimal(12),
            dose_unit="mg/m2",
        )
        for n in range(11)
    ]
    data = journal_data(*doses, plan_=plan("mitoxantrone", "2020-01-06", 91))
    assert next_due(data, catalog) is None
    three = journal_data(*doses[:3], plan_=plan("mitoxantrone", "2020-01-06", 60))
    item = next_infusion(three, catalog)
    assert item.due == date(2020, 9, 4) and "care team" in item.note and "36 of 140" in item.note


def test_doses_in_another_unit_are_named_as_not_counted(catalog) -> None:
    """Mitoxantrone doses logged in mg (not mg/m2) are said to be left out of the total."""
    from decimal import Decimal

    data = journal_data(
        infusion("inf-1", "2026-01-05T09:00", "mitoxantrone", dose=Decimal(20), dose_unit="mg")
    )
    assert "1 dose(s) not logged in mg/m2 are not counted" in next_infusion(data, catalog).note


def test_care_team_interval_sets_the_first_regular_dose_too(catalog) -> None:
    """Rituximab with a 168-day care-team interval: first regular dose 168 days after the first."""
    data = journal_data(
        infusion("inf-1", "2025-01-06T09:00", "rituximab"),
        infusion("inf-2", "2025-01-20T09:00", "rituximab"),
        plan_=plan("rituximab", "2025-01-06", 168),
    )
    item = next_infusion(data, catalog)
    assert item.due == date(2025, 6, 23) and not item.unverified


def test_checks_that_run_on_after_stopping_are_kept_when_the_treatment_changes(catalog) -> None:
    """Alemtuzumab's monthly tests continue (48 months) after a switch to ocrelizumab."""
    first = [infusion(f"inf-a{d}", f"2023-01-0{d + 1}T09:00", "alemtuzumab") for d in range(1, 6)]
    second = [infusion(f"inf-b{d}", f"2024-01-0{d + 1}T09:00", "alemtuzumab") for d in range(1, 4)]
    data = journal_data(
        *first,
        *second,
        infusion("inf-o", "2025-03-03T09:00", "ocrelizumab"),
        plan_=plan("ocrelizumab", "2025-03-03"),
    )
    tasks = {(i.treatment, i.task) for i in monitoring_due(data, catalog)}
    assert ("alemtuzumab", "monthly_blood_urine") in tasks
    assert ("alemtuzumab", "skin_check") not in tasks, (
        "a yearly skin check stops with the treatment"
    )


def test_starting_doses_before_the_journal_are_not_asked_for_again(catalog) -> None:
    """Someone already on ocrelizumab logs one regular dose: the next is 24 weeks later,
    not a 'second starting dose' two weeks later."""
    from dataclasses import replace

    data = journal_data(
        infusion("inf-1", "2025-01-10T09:00", "ocrelizumab"),
        plan_=replace(plan("ocrelizumab", "2025-01-10"), loading_done=True),
    )
    item = next_infusion(data, catalog)
    assert item.due == date(2025, 6, 27) and item.note == "Regular dose"


def test_two_doses_months_apart_are_regular_doses_not_starting_ones(catalog) -> None:
    """Ocrelizumab logged in December and June (no plan): the next is 24 weeks after June,
    never 'first regular dose' in May, before the dose just logged."""
    data = journal_data(
        infusion("inf-1", "2025-12-01T09:00", "ocrelizumab"),
        infusion("inf-2", "2026-06-01T09:00", "ocrelizumab"),
    )
    item = next_infusion(data, catalog)
    assert item.due == date(2026, 11, 16) and item.note == "Regular dose"


def test_a_check_shared_by_two_treatments_is_listed_once(catalog) -> None:
    """After a switch to the natalizumab biosimilar, the shared prescriber review appears once."""
    data = journal_data(
        infusion("inf-1", "2025-10-01T09:00", "natalizumab"),
        infusion("inf-2", "2026-03-01T09:00", "natalizumab_biosimilar"),
        follow_up("f-1", "2025-06-01", "2025-06-01", task="clinical_review"),
    )
    tasks = [i.task for i in monitoring_due(data, catalog)]
    assert tasks.count("clinical_review") == 1
