"""Relapses and test results: recorded, checked, reminded about, and counted for the schedule.

The issue "Relapses and test results"; clinical-facts.md §8 (relapse definition, treatment within
14 days) and §10 (pseudo-relapse); the labs' own reference ranges.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from msjournal.exchange import journal_format
from msjournal.journal import Journal
from msjournal.model.errors import ValidationError
from msjournal.model.records import Acknowledgement
from msjournal.rules.alerts import active_alerts
from msjournal.rules.schedule import monitoring_due
from tests.builders import effect, infusion, journal_data, plan, relapse, result

NOW = datetime(2026, 6, 15, 12, 0)


def steroid_course(journal: Journal) -> list[str]:
    return [
        journal.add_infusion(
            {"treatment": "iv_methylprednisolone", "start": f"2026-06-0{day}T09:00"}, now=NOW
        ).id
        for day in (2, 3, 4)
    ]


# ---------------------------------------------------------------- relapse entries


def test_a_relapse_is_saved_with_its_areas_recovery_and_treating_course(journal: Journal) -> None:
    course = steroid_course(journal)
    saved = journal.add_relapse(
        {
            "onset": "2026-06-01T08:00",
            "description": "Numb right leg, walking worse",
            "areas": ["sensation", "walking"],
            "impact": "moderate",
            "recovered": "2026-06-12",
            "recovery": "partial",
            "confirmed": True,
            "treated_with": course,
        },
        now=NOW,
    )
    assert journal.get(saved.id) == saved
    assert saved.areas == ("sensation", "walking")
    assert saved.treated_with == tuple(course)
    assert journal.relapses() == [saved]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"onset": "2026-07-01T08:00"}, "onset"),  # in the future
        ({"recovered": "2026-05-30"}, "recovered"),  # before the onset
        ({"recovered": "2026-06-10", "recovery": "not_yet"}, "recovery"),
        ({"impact": "terrible"}, "impact"),
        ({"areas": ["elbow"]}, "areas"),
        ({"description": "  "}, "description"),
        ({"treated_with": ["inf-missing"]}, "treated_with"),
    ],
)
def test_bad_relapse_input_names_the_field_and_saves_nothing(
    journal: Journal, change: dict[str, object], field: str
) -> None:
    draft = {"onset": "2026-06-01T08:00", "description": "Blurred vision", "impact": "mild"}
    with pytest.raises(ValidationError) as raised:
        journal.add_relapse({**draft, **change}, now=NOW)
    assert raised.value.field == field
    assert journal.relapses() == []


def test_a_relapse_links_only_to_infusions_that_treat_relapses(journal: Journal) -> None:
    """The infusions that treated it: IV steroid or plasma exchange entries (the issue)."""
    dmt = journal.add_infusion({"treatment": "natalizumab", "start": "2026-06-02T09:00"}, now=NOW)
    with pytest.raises(ValidationError, match="IV steroid or plasma exchange"):
        journal.add_relapse(
            {
                "onset": "2026-06-01T08:00",
                "description": "Blurred vision",
                "impact": "mild",
                "treated_with": [dmt.id],
            },
            now=NOW,
        )


def test_deleting_a_treating_infusion_drops_the_link_and_undo_brings_it_back(
    journal: Journal,
) -> None:
    course = steroid_course(journal)
    saved = journal.add_relapse(
        {
            "onset": "2026-06-01T08:00",
            "description": "Blurred vision",
            "impact": "mild",
            "treated_with": course,
        },
        now=NOW,
    )
    deleted, unlinked = journal.delete(course[0])
    assert journal.get(saved.id).treated_with == tuple(course[1:])  # type: ignore[union-attr]
    journal.undo_delete(deleted, unlinked)
    assert journal.get(saved.id).treated_with == tuple(course)  # type: ignore[union-attr]


# ---------------------------------------------------------------- test result entries


def test_a_result_keeps_the_labs_range_and_a_date_without_a_time(journal: Journal) -> None:
    saved = journal.add_test_result(
        {
            "test": "platelets",
            "taken": "2026-06-10",
            "value": "95",
            "unit": "×10⁹/L",
            "reference_low": "150",
            "reference_high": "400",
        },
        now=NOW,
    )
    assert saved.taken == date(2026, 6, 10) and not isinstance(saved.taken, datetime)
    assert saved.value == Decimal("95") and saved.out_of_range
    assert journal.get(saved.id) == saved


def test_a_qualitative_result_and_an_other_test(journal: Journal) -> None:
    status = journal.add_test_result(
        {"test": "jcv_status", "taken": "2026-06-10T09:30", "qualitative": "negative"}, now=NOW
    )
    other = journal.add_test_result(
        {
            "test": "other",
            "other_label": "Vitamin D",
            "taken": "2026-06-10",
            "value": "48",
            "unit": "nmol/L",
        },
        now=NOW,
    )
    assert journal.test_results() == [other, status]  # a date alone sorts before that day's times
    assert journal.test_results(test="jcv_status") == [status]


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        ({"test": "platelets", "taken": "2026-06-10"}, "value"),  # neither value nor result
        (
            {
                "test": "platelets",
                "taken": "2026-06-10",
                "value": "95",
                "unit": "×10⁹/L",
                "reference_low": "400",
                "reference_high": "150",
            },
            "reference_low",
        ),
        ({"test": "platelets", "taken": "2026-06-10", "value": "95", "unit": "mg/dL"}, "unit"),
        ({"test": "jcv_status", "taken": "2026-06-10", "value": "1.2"}, "value"),
        ({"test": "mri_new_t2", "taken": "2026-06-10", "value": "1.5"}, "value"),
        ({"test": "cholesterol", "taken": "2026-06-10", "value": "5"}, "test"),
        ({"test": "other", "taken": "2026-06-10", "value": "5"}, "other_label"),
        ({"test": "igg", "taken": "2026-07-10", "value": "5", "unit": "g/L"}, "taken"),
        (
            {
                "test": "igg",
                "taken": "2026-06-10",
                "value": "5",
                "unit": "g/L",
                "follow_up": "f-missing",
            },
            "follow_up",
        ),
    ],
)
def test_bad_result_input_names_the_field_and_saves_nothing(
    journal: Journal, draft: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        journal.add_test_result(draft, now=NOW)
    assert raised.value.field == field
    assert journal.test_results() == []


def test_the_unit_message_lists_the_units_that_fit(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="g/L, mg/dL"):
        journal.add_test_result(
            {"test": "igg", "taken": "2026-06-10", "value": "5", "unit": "%"}, now=NOW
        )


def test_a_result_links_to_the_follow_up_it_came_from(journal: Journal) -> None:
    visit = journal.add_follow_up(
        {"kind": "jcv_test", "title": "JCV blood test", "due": "2026-06-10", "done": "2026-06-10"}
    )
    saved = journal.add_test_result(
        {"test": "jcv_index", "taken": "2026-06-10", "value": "0.42", "follow_up": visit.id},
        now=NOW,
    )
    assert saved.follow_up == visit.id and saved.unit == "index"


# ---------------------------------------------------------------- rules


def test_a_recent_relapse_the_team_has_not_heard_of_asks_to_tell_them(catalog) -> None:
    """clinical-facts.md §8: treat as early as possible, within 14 days of onset (NICE)."""
    data = journal_data(relapse("r-1", "2026-06-10T08:00"))
    [alert] = active_alerts(data, catalog, NOW)
    assert alert.rule == "relapse" and alert.level == "consult"
    assert "Tell your care team about new or worse MS symptoms" in alert.message
    assert "14 days" in alert.message and "Blurred vision" in alert.message
    assert "fever" in alert.message  # §10: fever or infection can bring old symptoms back
    assert active_alerts(data, catalog, datetime(2026, 6, 24, 8, 1)) == []  # 14 days on


@pytest.mark.parametrize(
    "extra", [{"confirmed": True}, {"treated_with": ("inf-steroid",)}], ids=["confirmed", "treated"]
)
def test_a_relapse_the_team_knows_of_raises_nothing(catalog, extra: dict[str, object]) -> None:
    data = journal_data(relapse("r-1", "2026-06-10T08:00", **extra))
    assert [a.rule for a in active_alerts(data, catalog, NOW)] == []


def test_marking_the_relapse_alert_seen_ends_it(catalog) -> None:
    data = journal_data(relapse("r-1", "2026-06-10T08:00"))
    seen = data.__class__(
        relapses=data.relapses, acknowledgements=(Acknowledgement("relapse:r-1", NOW),)
    )
    assert active_alerts(seen, catalog, NOW + timedelta(minutes=1)) == []


def test_a_result_outside_the_labs_range_is_a_reminder_never_more(catalog) -> None:
    data = journal_data(
        result("tr-1", "lymphocytes", "2026-06-10", "0.6", "1.0", "4.0", unit="×10⁹/L")
    )
    [alert] = active_alerts(data, catalog, NOW)
    assert alert.rule == "result_out_of_range" and alert.level == "reminder"
    assert "0.6 ×10⁹/L" in alert.message and "1.0–4.0" in alert.message
    assert "Ask your care team about this result" in alert.message


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [("2.0", "1.0", "4.0"), ("1.0", "1.0", "4.0"), ("0.5", None, None), ("9", None, "9")],
)
def test_a_result_inside_or_without_a_range_raises_nothing(
    catalog, value: str, low: str | None, high: str | None
) -> None:
    data = journal_data(result("tr-1", "lymphocytes", "2026-06-10", value, low, high))
    assert active_alerts(data, catalog, NOW) == []


def test_the_reminder_adds_the_treatment_fact_with_its_source(catalog) -> None:
    """clinical-facts.md §7: mitoxantrone is not given when the LVEF is below 50% (M4, M5)."""
    data = journal_data(
        infusion("inf-1", "2026-03-01T09:00", "mitoxantrone"),
        result("tr-1", "lvef", "2026-06-10", "45", "55", "70", unit="%"),
    )
    [alert] = [a for a in active_alerts(data, catalog, NOW) if a.rule == "result_out_of_range"]
    assert "below 50%" in alert.message and "medicalalgorithms.com" in alert.message
    on_another = journal_data(result("tr-1", "lvef", "2026-06-10", "45", "55", "70", unit="%"))
    [plain] = active_alerts(on_another, catalog, NOW)
    assert "below 50%" not in plain.message


def test_low_platelets_on_alemtuzumab_mention_recorded_bruising(catalog) -> None:
    """clinical-facts.md §4: ITP signs on alemtuzumab (A8)."""
    low = result("tr-1", "platelets", "2026-06-10", "95", "150", "400", unit="×10⁹/L")
    given = infusion("inf-1", "2025-06-01T09:00", "alemtuzumab")
    bruise = effect("se-1", "unexplained_bruising", "2026-06-08T09:00")
    with_bruise = journal_data(given, low, bruise)
    alert = next(
        a for a in active_alerts(with_bruise, catalog, NOW) if a.rule == "result_out_of_range"
    )
    assert "bruising" in alert.message and "ITP" in alert.message
    without = journal_data(given, low)
    alert = next(a for a in active_alerts(without, catalog, NOW) if a.rule == "result_out_of_range")
    assert "ITP" not in alert.message


def test_a_jcv_index_result_counts_as_the_jcv_antibody_check_done(catalog) -> None:
    """The issue: 'a JCV index result satisfies the JCV antibody check'."""
    infusions = [infusion(f"inf-{n}", f"2025-{n:02d}-01T09:00") for n in range(1, 13)]
    before = journal_data(*infusions, plan_=plan("natalizumab", "2025-01-01"))
    tasks = {item.task for item in monitoring_due(before, catalog, date(2026, 1, 10))}
    assert "jcv_antibody" in tasks
    tested = journal_data(
        *infusions,
        result("tr-1", "jcv_index", "2026-01-05", "0.42"),
        plan_=plan("natalizumab", "2025-01-01"),
    )
    due = {i.task: i.due for i in monitoring_due(tested, catalog, date(2026, 1, 10))}
    assert due["jcv_antibody"] == date(2026, 1, 5) + timedelta(days=182)


# ---------------------------------------------------------------- the journal format


def test_relapses_and_results_round_trip_through_the_journal_format(
    journal: Journal, tmp_path, catalog
) -> None:
    course = steroid_course(journal)
    journal.add_relapse(
        {
            "onset": "2026-06-01T08:00",
            "description": "Blurred vision",
            "impact": "severe",
            "areas": ["vision"],
            "treated_with": course,
        },
        now=NOW,
    )
    journal.add_test_result(
        {
            "test": "igg",
            "taken": "2026-06-10",
            "value": "5.10",
            "unit": "g/L",
            "reference_low": "7",
            "reference_high": "16",
            "notes": "before the infusion",
        },
        now=NOW,
    )
    journal.add_test_result(
        {"test": "jcv_status", "taken": "2026-06-10T09:30", "qualitative": "positive"}, now=NOW
    )
    exported = journal.snapshot()
    document = journal_format.to_json(exported)
    assert document["relapses"][0]["treated_with"] == course
    assert document["test_results"][0]["taken"] == "2026-06-10"
    again = journal_format.loads(journal_format.dumps(exported), catalog, now=NOW)
    assert again.relapses == exported.relapses
    assert again.test_results == exported.test_results
    with Journal.open(tmp_path / "other.sqlite") as other:
        other.add_records(again)
        assert other.snapshot().relapses == exported.relapses
        assert other.snapshot().test_results == exported.test_results


def test_a_file_without_the_new_sections_still_imports(catalog) -> None:
    document = {"format": "msjournal", "version": 1, "infusions": []}
    data = journal_format.from_json(document, catalog)
    assert data.relapses == () and data.test_results == ()


def test_a_bad_result_in_a_file_refuses_the_file_naming_the_record(catalog) -> None:
    document = {
        "format": "msjournal",
        "version": 1,
        "test_results": [
            {
                "id": "lab-7",
                "test": "igg",
                "taken": "2026-06-10",
                "value": "5",
                "unit": "g/L",
                "reference_low": 9,
                "reference_high": 3,
            }
        ],
    }
    with pytest.raises(ValidationError, match="lab-7.*reference_low"):
        journal_format.from_json(document, catalog, now=NOW)


def test_an_exported_period_keeps_only_links_to_what_it_holds(journal: Journal, catalog) -> None:
    """A relapse in the period treated by a course outside it, and a result from a follow-up
    outside it, export without those links, so the period's file imports on its own."""
    from msjournal.model.period import within_period

    course = steroid_course(journal)  # 2-4 June
    relapse_entry = journal.add_relapse(
        {
            "onset": "2026-06-05T08:00",
            "description": "Blurred vision",
            "impact": "mild",
            "treated_with": course,
        },
        now=NOW,
    )
    visit = journal.add_follow_up({"kind": "lab_test", "title": "Bloods", "due": "2026-05-30"})
    journal.add_test_result(
        {"test": "igg", "taken": "2026-06-06", "value": "7", "unit": "g/L", "follow_up": visit.id},
        now=NOW,
    )
    period = within_period(journal.snapshot(), date(2026, 6, 5), date(2026, 6, 30))
    assert [r.id for r in period.relapses] == [relapse_entry.id]
    assert period.relapses[0].treated_with == ()
    assert period.test_results[0].follow_up is None
    again = journal_format.loads(journal_format.dumps(period), catalog, now=NOW)
    assert len(again.relapses) == 1 and len(again.test_results) == 1


def test_the_journal_list_shows_relapses_and_results_with_their_words(catalog) -> None:
    """The Journal page's 'All entries' list and its kind filter include the new kinds."""
    from msjournal.rules.timeline import KIND_NAMES, filter_rows, timeline

    data = journal_data(
        infusion("inf-s", "2026-06-02T09:00", "iv_methylprednisolone"),
        relapse("r-1", "2026-06-01T08:00", "severe", areas=("vision",), treated_with=("inf-s",)),
        result("tr-1", "platelets", "2026-06-10", "95", "150", "400", unit="×10⁹/L"),
    )
    rows = timeline(data, catalog, date(2026, 6, 15))
    assert [r.kind for r in rows] == ["test_result", "infusion", "relapse"]
    assert rows[0].title == "Platelets: 95 ×10⁹/L"
    assert "below the lab's range" in rows[0].detail and "150–400" in rows[0].detail
    assert "severe impact" in rows[2].detail and "vision" in rows[2].detail
    assert f"treated with {catalog.treatment_name('iv_methylprednisolone')}" in rows[2].detail
    assert KIND_NAMES["relapse"] == "Relapse"
    assert [r.id for r in filter_rows(rows, kinds=["relapse"])] == ["r-1"]
