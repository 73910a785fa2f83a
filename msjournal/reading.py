"""Reading entries from the database as records: all of them, or just what Today needs.

Module functions over the bound peewee models; msjournal.journal.Journal binds its database
before calling them, and is the only caller.
"""

from __future__ import annotations

from datetime import datetime

from msjournal import db, store
from msjournal.catalog import Catalog
from msjournal.records import (
    Acknowledgement,
    FollowUp,
    Infusion,
    SideEffect,
    TemperatureReading,
    TherapyPlan,
)


def infusion_uids() -> dict[int, str]:
    return dict(db.Infusion.select(db.Infusion.id, db.Infusion.uid).tuples())


def infusions() -> list[Infusion]:
    query = db.Infusion.select().order_by(db.Infusion.start, db.Infusion.id).dicts()
    return [store.infusion_from_row(row) for row in query]


def side_effects(since: datetime | None = None) -> list[SideEffect]:
    """All side effects, or (with `since`) those still open or active since then."""
    query = db.SideEffect.select()
    if since is not None:
        query = query.where((db.SideEffect.onset >= since) | db.SideEffect.resolved.is_null()
                            | (db.SideEffect.resolved >= since))
    uids = infusion_uids()
    rows = query.order_by(db.SideEffect.onset, db.SideEffect.id).dicts()
    return [store.side_effect_from_row(row, uids) for row in rows]


def temperatures(since: datetime | None = None) -> list[TemperatureReading]:
    query = db.Temperature.select()
    if since is not None:
        query = query.where(db.Temperature.taken >= since)
    rows = query.order_by(db.Temperature.taken, db.Temperature.id).dicts()
    return [store.temperature_from_row(row) for row in rows]


def follow_ups() -> list[FollowUp]:
    query = db.FollowUp.select().order_by(db.FollowUp.due, db.FollowUp.id).dicts()
    return [store.follow_up_from_row(row) for row in query]


def current_plan() -> TherapyPlan | None:
    row = (db.TherapyPlan.select().where(db.TherapyPlan.ended.is_null())
           .order_by(db.TherapyPlan.id.desc()).first())
    return store.plan_from_row(row) if row else None


def acknowledgements() -> list[Acknowledgement]:
    return [store.acknowledgement_from_row(r) for r in db.AlertAcknowledgement.select()]


def _kept_for_schedule(catalog: Catalog, since: datetime, plan: TherapyPlan | None) -> set[int]:
    treatments = catalog.treatments.values()
    counted = {t.id for t in treatments
               if t.schedule.type in ("courses", "repeating_until_cumulative_limit")}
    first_few = 1 + max((len(t.schedule.loading_days) for t in treatments), default=0)
    light = db.Infusion.select(db.Infusion.id, db.Infusion.treatment, db.Infusion.start)
    keep: set[int] = set()
    seen: dict[str, int] = {}
    last: dict[str, int] = {}
    for pk, treatment, start in light.order_by(db.Infusion.start, db.Infusion.id).tuples():
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


def schedule_infusions(catalog: Catalog, since: datetime, plan: TherapyPlan | None) -> list[Infusion]:
    """The infusions the schedule needs: those since `since`; for each treatment (and for the
    current plan) its first few, which count the starting doses, and its last; and every one
    of a treatment counted by course or by lifetime dose."""
    keep = _kept_for_schedule(catalog, since, plan)
    rows = (db.Infusion.select().where(db.Infusion.id.in_(list(keep)))
            .order_by(db.Infusion.start, db.Infusion.id).dicts())
    return [store.infusion_from_row(row) for row in rows]
