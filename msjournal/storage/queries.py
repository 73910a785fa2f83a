"""Reading entries from the database as records: all of them, or just what Today needs.

Module functions over the bound peewee models; msjournal.journal.Journal binds its database
before calling them, and is the only caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import peewee as pw

from msjournal.model.catalog import Catalog
from msjournal.model.records import (
    Acknowledgement,
    FollowUp,
    Infusion,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    TherapyPlan,
)
from msjournal.storage import models
from msjournal.storage import rows as store


def _dicts(query: Any) -> Iterator[dict[str, Any]]:
    """A query's rows as dictionaries (peewee's stubs type them as model instances)."""
    return iter(query.dicts())


def _tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    return iter(query.tuples())


def infusion_uids() -> dict[int, str]:
    return dict(_tuples(models.Infusion.select(models.Infusion.id, models.Infusion.uid)))


def infusions() -> list[Infusion]:
    query = models.Infusion.select().order_by(models.Infusion.start, models.Infusion.id)
    return [store.infusion_from_row(row) for row in _dicts(query)]


def side_effects(since: datetime | None = None) -> list[SideEffect]:
    """All side effects, or (with `since`) those still open or active since then."""
    query = models.SideEffect.select()
    if since is not None:
        query = query.where(
            (models.SideEffect.onset >= since)
            | models.SideEffect.resolved.is_null()
            | (models.SideEffect.resolved >= since)
        )
    uids = infusion_uids()
    rows = _dicts(query.order_by(models.SideEffect.onset, models.SideEffect.id))
    return [store.side_effect_from_row(row, uids) for row in rows]


def temperatures(since: datetime | None = None) -> list[TemperatureReading]:
    query = models.Temperature.select()
    if since is not None:
        query = query.where(models.Temperature.taken >= since)
    rows = _dicts(query.order_by(models.Temperature.taken, models.Temperature.id))
    return [store.temperature_from_row(row) for row in rows]


def follow_ups() -> list[FollowUp]:
    query = models.FollowUp.select().order_by(models.FollowUp.due, models.FollowUp.id)
    return [store.follow_up_from_row(row) for row in _dicts(query)]


def existing_uids(model: Any, candidates: Iterable[str]) -> set[str]:
    """Which of these entry ids the table still holds: a link to an entry deleted since is
    left out. Only the ids asked about are read, so this does not grow with the journal."""
    wanted = sorted(set(candidates))
    if not wanted:
        return set()
    return set(model.select(model.uid).where(model.uid.in_(wanted)).scalars())


def relapses() -> list[Relapse]:
    query = models.Relapse.select().order_by(models.Relapse.onset, models.Relapse.id)
    rows = list(_dicts(query))
    linked = (i for row in rows for i in store.treated_with_ids(row))
    known = existing_uids(models.Infusion, linked)
    return [store.relapse_from_row(row, known) for row in rows]


def test_results(since: datetime | None = None, test: str | None = None) -> list[TestResult]:
    """All results (or one test's), oldest first; with `since`, those taken since then and
    the latest of each test, which Today and the schedule show however old it is."""
    query = models.TestResult.select()
    if test is not None:
        query = query.where(models.TestResult.test == test)
    if since is not None:
        latest = models.TestResult.select(pw.fn.MAX(models.TestResult.taken)).group_by(
            models.TestResult.test
        )
        cutoff = since.date().isoformat()
        query = query.where(
            (models.TestResult.taken >= cutoff)
            | models.TestResult.taken.in_(sorted(set(latest.scalars())))
        )
    rows = list(_dicts(query.order_by(models.TestResult.taken, models.TestResult.id)))
    known = existing_uids(models.FollowUp, (r["follow_up"] for r in rows if r["follow_up"]))
    return [store.test_result_from_row(row, known) for row in rows]


def current_plan() -> TherapyPlan | None:
    row = (
        models.TherapyPlan.select()
        .where(models.TherapyPlan.ended.is_null())
        .order_by(models.TherapyPlan.id.desc())
        .first()
    )
    return store.plan_from_row(row) if row else None


def acknowledgements() -> list[Acknowledgement]:
    return [store.acknowledgement_from_row(r) for r in models.AlertAcknowledgement.select()]


def _kept_for_schedule(catalog: Catalog, since: datetime, plan: TherapyPlan | None) -> set[int]:
    treatments = catalog.treatments.values()
    counted = {
        t.id
        for t in treatments
        if t.schedule.type in ("courses", "repeating_until_cumulative_limit")
    }
    first_few = 1 + max((len(t.schedule.loading_days) for t in treatments), default=0)
    light = models.Infusion.select(
        models.Infusion.id, models.Infusion.treatment, models.Infusion.start
    )
    keep: set[int] = set()
    seen: dict[str, int] = {}
    last: dict[str, int] = {}
    for pk, treatment, start in _tuples(light.order_by(models.Infusion.start, models.Infusion.id)):
        groups = [treatment]
        if plan and plan.treatment == treatment and plan.started and start.date() >= plan.started:
            groups.append(f"plan:{treatment}")
        for group in groups:
            seen[group] = seen.get(group, 0) + 1
            if seen[group] <= first_few:
                keep.add(pk)
        last[treatment] = pk
        if start >= since or treatment in counted:
            keep.add(pk)
    return keep | set(last.values())


def schedule_infusions(
    catalog: Catalog, since: datetime, plan: TherapyPlan | None
) -> list[Infusion]:
    """The infusions the schedule needs: those since `since`; for each treatment (and for the
    current plan) its first few, which count the starting doses, and its last; and every one
    of a treatment counted by course or by lifetime dose."""
    keep = _kept_for_schedule(catalog, since, plan)
    query = (
        models.Infusion.select()
        .where(models.Infusion.id.in_(list(keep)))
        .order_by(models.Infusion.start, models.Infusion.id)
    )
    return [store.infusion_from_row(row) for row in _dicts(query)]
