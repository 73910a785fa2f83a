"""When the next infusion and the next checks are due: pure functions of the journal and a date.

A care-team interval in the therapy plan overrides the catalog. Values the catalog marks
unverified are flagged on the due item, so the window can show them as editable defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from msjournal.model.catalog import Catalog, Fact, MonitoringTask, Treatment
from msjournal.model.records import FOLLOW_UP_KIND_NAMES, FollowUp, Infusion, JournalData
from msjournal.model.units import same_dose_unit

COURSE_GAP_DAYS = 3  # infusions this close together belong to the same course


@dataclass(frozen=True)
class DueItem:
    kind: str  # infusion, follow_up or monitoring
    title: str
    due: date
    treatment: str | None = None
    entry: str | None = None  # the follow-up's id, for follow_up items
    task: str | None = None  # the catalog monitoring task, for monitoring items
    note: str = ""
    unverified: bool = False

    def days_to_go(self, today: date) -> int:
        return (self.due - today).days

    def overdue(self, today: date) -> bool:
        return self.due < today


@dataclass(frozen=True)
class DoseTotal:
    given: Decimal
    limit: Decimal
    unit: str
    not_counted: tuple[Infusion, ...] = ()  # no dose, or another unit: cannot be added up

    @property
    def uncounted(self) -> int:
        return len(self.not_counted)


def current_treatment(data: JournalData, catalog: Catalog) -> str | None:
    """The therapy plan's treatment, else the latest infusion of a regular (non-course) therapy."""
    if data.plan is not None:
        return data.plan.treatment
    for infusion in sorted(data.infusions, key=lambda i: i.start, reverse=True):
        treatment = catalog.treatments.get(infusion.treatment)
        if treatment and treatment.schedule.type != "course_only":
            return infusion.treatment
    return None


def series(data: JournalData, treatment_id: str) -> list[Infusion]:
    """Infusions of this treatment in the current plan, oldest first."""
    started = data.plan.started if data.plan and data.plan.treatment == treatment_id else None
    found = [
        i
        for i in data.infusions
        if i.treatment == treatment_id and (started is None or i.start.date() >= started)
    ]
    return sorted(found, key=lambda i: i.start)


def _days(value: Fact | None) -> int:
    return int(value.value) if value is not None else 0


def _unverified(*facts: Fact | None) -> bool:
    return any(f is not None and f.is_default for f in facts)


def group_courses(infusions: list[Infusion]) -> list[list[Infusion]]:
    courses: list[list[Infusion]] = []
    for infusion in infusions:
        previous = courses[-1][-1] if courses else None
        if previous and (infusion.start.date() - previous.start.date()).days <= COURSE_GAP_DAYS:
            courses[-1].append(infusion)
        else:
            courses.append([infusion])
    return courses


def cumulative_dose(data: JournalData, treatment: Treatment) -> DoseTotal | None:
    schedule = treatment.schedule
    if schedule.cumulative_limit is None:
        return None
    eu = data.settings.cumulative_region == "eu" and schedule.cumulative_limit_eu is not None
    limit = schedule.cumulative_limit_eu if eu else schedule.cumulative_limit
    counted: list[Decimal] = []
    not_counted: list[Infusion] = []
    for infusion in (i for i in data.infusions if i.treatment == treatment.id):
        if infusion.dose is not None and same_dose_unit(
            infusion.dose_unit, schedule.cumulative_unit
        ):
            counted.append(infusion.dose)
        else:
            not_counted.append(infusion)
    return DoseTotal(
        sum(counted, Decimal(0)),
        Decimal(str(limit.value)),  # type: ignore[union-attr]
        schedule.cumulative_unit,
        tuple(not_counted),
    )


def _next_by_courses(treatment: Treatment, given: list[Infusion]) -> tuple[date | None, str]:
    schedule = treatment.schedule
    courses = group_courses(given)
    index = len(courses) - 1
    current = courses[-1]
    if index < len(schedule.course_days) and len(current) < schedule.course_days[index]:
        return current[-1].start.date() + timedelta(
            days=1
        ), f"Day {len(current) + 1} of course {index + 1}"
    if index + 1 < len(schedule.course_days):
        start = current[0].start.date() + timedelta(days=_days(schedule.course_gap_days))
        return start, f"Course {index + 2} ({schedule.course_days[index + 1]} days)"
    return None, "Further courses only if your care team decides on one."


LOADING_SLACK_DAYS = 28  # a "starting dose" this much later than planned was a regular one


def _past_loading(treatment: Treatment, given: list[Infusion]) -> bool:
    """True when the logged doses cannot be the starting doses (too far apart for them)."""
    first = given[0].start.date()
    planned = treatment.schedule.loading_days
    return any(
        (dose.start.date() - first).days > day + LOADING_SLACK_DAYS
        for dose, day in zip(given, planned, strict=False)  # only the doses given so far
    )


def _next_by_loading(
    treatment: Treatment, given: list[Infusion], interval: int, first_regular: int
) -> tuple[date, str]:
    schedule = treatment.schedule
    first, last = given[0].start.date(), given[-1].start.date()
    count = len(given)
    if count > len(schedule.loading_days) or _past_loading(treatment, given):
        return last + timedelta(days=interval), "Regular dose"
    if count < len(schedule.loading_days):
        due, note = (
            first + timedelta(days=schedule.loading_days[count]),
            f"Starting dose {count + 1}",
        )
    else:
        due, note = first + timedelta(days=first_regular), "First regular dose"
    return max(due, last + timedelta(days=1)), note  # never due before the dose just logged


def next_infusion(data: JournalData, catalog: Catalog) -> DueItem | None:
    treatment_id = current_treatment(data, catalog)
    if treatment_id is None or treatment_id not in catalog.treatments:
        return None
    treatment = catalog.treatments[treatment_id]
    given = series(data, treatment_id)
    title = f"{treatment.name} infusion"
    if not given:
        started = data.plan.started if data.plan else None
        return (
            DueItem("infusion", title, started, treatment_id, note="First infusion")
            if started
            else None
        )
    return _next_given(data, treatment, given, title)


def _next_given(
    data: JournalData, treatment: Treatment, given: list[Infusion], title: str
) -> DueItem | None:
    schedule = treatment.schedule
    care_team = (
        data.plan.interval_days if data.plan and data.plan.treatment == treatment.id else None
    )
    interval = care_team or _days(schedule.interval_days)
    unverified = care_team is None and _unverified(schedule.interval_days)
    last = given[-1].start.date()
    if schedule.type == "repeating_until_cumulative_limit":
        return _next_within_limit(data, treatment, last, interval, title, care_team)
    loading_done = bool(
        data.plan and data.plan.treatment == treatment.id and data.plan.loading_done
    )
    if schedule.type == "loading_then_repeating" and loading_done:
        note = f"Every {care_team} days, as set by your care team" if care_team else "Regular dose"
        return DueItem(
            "infusion",
            title,
            last + timedelta(days=interval),
            treatment.id,
            note=note,
            unverified=unverified,
        )
    if schedule.type == "loading_then_repeating":
        first_regular = care_team or _days(schedule.first_maintenance_day)
        due, note = _next_by_loading(treatment, given, interval, first_regular)
        if care_team and len(given) >= len(schedule.loading_days):
            note = f"Every {care_team} days, as set by your care team"
        unverified = care_team is None and _unverified(
            schedule.interval_days, schedule.first_maintenance_day
        )
        return DueItem("infusion", title, due, treatment.id, note=note, unverified=unverified)
    if schedule.type == "courses":
        next_course, note = _next_by_courses(treatment, given)
        if next_course is None:
            return None
        return DueItem("infusion", title, next_course, treatment.id, note=note)
    if schedule.type == "repeating":
        note = f"Every {care_team} days, as set by your care team" if care_team else schedule.note
        return DueItem(
            "infusion",
            title,
            last + timedelta(days=interval),
            treatment.id,
            note=note,
            unverified=unverified,
        )
    return None


def _next_within_limit(
    data: JournalData,
    treatment: Treatment,
    last: date,
    interval: int,
    title: str,
    care_team: int | None,
) -> DueItem | None:
    total = cumulative_dose(data, treatment)
    dose = Decimal(str(treatment.default_dose.value)) if treatment.default_dose else Decimal(0)
    if total is not None and total.given + dose > total.limit:
        return None  # the lifetime limit: only the care team decides on anything further
    notes = [f"Every {care_team} days, as set by your care team"] if care_team else []
    if total is not None:
        notes.append(f"{total.given} of {total.limit} {total.unit} lifetime limit given")
        if total.uncounted:
            notes.append(f"{total.uncounted} dose(s) not logged in {total.unit} are not counted")
    return DueItem(
        "infusion", title, last + timedelta(days=interval), treatment.id, note="; ".join(notes)
    )


# ---------------------------------------------------------------- monitoring


def _done_dates(data: JournalData, task: str, tests: frozenset[str]) -> list[date]:
    """When a check was done: a follow-up for it marked done, or a result of a test that
    counts for it (a JCV index result is the JCV antibody check)."""
    done = [f.done for f in data.follow_ups if f.task == task and f.done is not None]
    done.extend(r.moment.date() for r in data.test_results if r.test in tests)
    return sorted(done)


def _pending(follow_ups: tuple[FollowUp, ...], task: str) -> bool:
    return any(f.task == task and f.done is None for f in follow_ups)


def _monitoring_item(task: MonitoringTask, treatment: Treatment, due: date) -> DueItem:
    unverified = _unverified(task.every_days, task.first_after_days)
    note = "Default interval: check it with your care team" if unverified else ""
    return DueItem(
        "monitoring", task.title, due, treatment.id, task=task.id, note=note, unverified=unverified
    )


def _task_due(
    data: JournalData,
    task: MonitoringTask,
    given: list[Infusion],
    next_dose: DueItem | None,
    today: date | None,
    tests: frozenset[str] = frozenset(),
) -> date | None:
    done = _done_dates(data, task.id, tests)
    last = given[-1].start.date()
    if task.before_each_dose:
        if next_dose is None or (done and done[-1] >= last):
            return None
        return next_dose.due
    if task.every_days is None:
        return None
    if done:
        due = done[-1] + timedelta(days=_days(task.every_days))
    else:
        first_after = task.first_after_days or task.every_days
        due = given[0].start.date() + timedelta(days=_days(first_after))
    limit = task.until_days_after_last_infusion
    if limit is not None:
        ends = last + timedelta(days=_days(limit))
        if due > ends or (today is not None and today > ends):
            return None  # the checks after the last infusion are over
    return _latest_missed(due, _days(task.every_days), today)


def _latest_missed(due: date, every: int, today: date | None) -> date:
    """A regular check missed several times is one reminder, dated at the latest missed one
    (not "2309 days overdue" for a yearly check)."""
    if today is None or every <= 0 or due > today:
        return due
    return due + timedelta(days=every * ((today - due).days // every))


def _treatment_checks(
    data: JournalData,
    catalog: Catalog,
    treatment: Treatment,
    given: list[Infusion],
    next_dose: DueItem | None,
    current: bool,
    today: date | None,
) -> list[DueItem]:
    items = []
    for task in treatment.monitoring:
        runs_on = task.until_days_after_last_infusion is not None or task.continues_after_stopping
        if not current and not runs_on:
            continue  # after stopping, only checks that run on (48 months; a yearly heart scan)
        if _pending(data.follow_ups, task.id):
            continue  # already planned as a follow-up, shown there
        tests = catalog.tests_for_task(treatment.id, task.id)
        due = _task_due(data, task, given, next_dose, today, tests)
        if due is not None:
            items.append(_monitoring_item(task, treatment, due))
    return items


def monitoring_due(data: JournalData, catalog: Catalog, today: date | None = None) -> list[DueItem]:
    """Checks for the current treatment, and those that run on after an earlier one stopped.

    A check that ends some time after the last infusion is left out once `today` is past
    that end. A check shared by two treatments (natalizumab and its biosimilar) is listed
    once, for the current treatment first."""
    current = current_treatment(data, catalog)
    others = sorted({i.treatment for i in data.infusions} - {current or ""})
    items: list[DueItem] = []
    for treatment_id in ([current] if current else []) + others:
        treatment = catalog.treatments.get(treatment_id)
        if treatment is None:
            continue
        is_current = treatment_id == current
        given = (
            series(data, treatment_id)
            if is_current
            else sorted(
                (i for i in data.infusions if i.treatment == treatment_id), key=lambda i: i.start
            )
        )
        if given:
            next_dose = next_infusion(data, catalog) if is_current else None
            listed = {item.task for item in items}
            items.extend(
                item
                for item in _treatment_checks(
                    data, catalog, treatment, given, next_dose, is_current, today
                )
                if item.task not in listed
            )
    return items


def open_follow_ups(data: JournalData) -> list[DueItem]:
    return [
        DueItem(
            "follow_up",
            f.title,
            f.due,
            f.treatment or None,
            entry=f.id,
            task=f.task or None,
            note=FOLLOW_UP_KIND_NAMES.get(f.kind, f.kind),
        )
        for f in data.follow_ups
        if f.done is None
    ]


def _course_session(treatment: Treatment, course: list[Infusion]) -> DueItem | None:
    """The next session of a course in progress (None once it has its most sessions)."""
    schedule = treatment.schedule
    most = schedule.course_max_sessions
    if most is None or len(course) >= most:
        return None
    least = schedule.course_min_sessions or most
    word = "Day" if schedule.session_every_days == 1 else "Session"
    span = f"{least} to {most}" if least != most else f"{most}"
    note = f"{word} {len(course) + 1}: a course is usually {span} sessions; your team decides"
    due = course[-1].start.date() + timedelta(days=schedule.session_every_days)
    return DueItem("infusion", f"{treatment.name}", due, treatment.id, note=note)


def course_sessions_due(data: JournalData, catalog: Catalog, today: date) -> list[DueItem]:
    """The next session of each course (IV steroids, plasma exchange) still in progress on
    `today`: a course with no session for longer than a course's gap has ended."""
    items = []
    for treatment in catalog.treatments.values():
        if treatment.schedule.type != "course_only":
            continue
        given = sorted((i for i in data.infusions if i.treatment == treatment.id), key=_start)
        if not given or (today - given[-1].start.date()).days > COURSE_GAP_DAYS:
            continue
        item = _course_session(treatment, group_courses(given)[-1])
        if item is not None:
            items.append(item)
    return items


def _start(infusion: Infusion) -> datetime:
    return infusion.start


def due_items(data: JournalData, catalog: Catalog, today: date | None = None) -> list[DueItem]:
    """Everything coming up, soonest first: the next infusion, checks and open follow-ups.

    With `today`, checks whose time after the last infusion is over are left out."""
    items: list[DueItem] = []
    upcoming = next_infusion(data, catalog)
    if upcoming is not None:
        items.append(upcoming)
    if today is not None:
        items.extend(course_sessions_due(data, catalog, today))
    items.extend(monitoring_due(data, catalog, today))
    items.extend(open_follow_ups(data))
    order = {"infusion": 0, "monitoring": 1, "follow_up": 2}
    return sorted(items, key=lambda item: (item.due, order[item.kind], item.title))
