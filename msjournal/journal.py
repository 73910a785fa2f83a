"""The journal: the one door through which the window, the command line and tests read and write.

Every write validates first, then runs as one transaction; nothing is written when
validation fails.
"""

from __future__ import annotations

import functools
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import peewee as pw

from msjournal.model import settings as settings_store
from msjournal.model.catalog import Catalog, load_catalog
from msjournal.model.entry_changes import changed_elsewhere_message
from msjournal.model.errors import JournalError, NotFoundError, StaleEntryError
from msjournal.model.kinds import (
    BY_CODE,
    FOLLOW_UP,
    INFUSION,
    KINDS,
    RELAPSE,
    SIDE_EFFECT,
    TEMPERATURE,
    EntryKind,
    kind_of,
)
from msjournal.model.records import (
    Acknowledgement,
    Entry,
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    Settings,
    SideEffect,
    TemperatureReading,
    TestResult,
    TherapyPlan,
)
from msjournal.rules.relapse_validation import validate_relapse
from msjournal.rules.result_validation import validate_test_result
from msjournal.rules.validation import (
    MAX_NOTE,
    Draft,
    text,
    validate_follow_up,
    validate_infusion,
    validate_plan,
    validate_side_effect,
    validate_temperature,
)
from msjournal.storage import database as db
from msjournal.storage import models
from msjournal.storage import queries as reading
from msjournal.storage import rows as store
from msjournal.storage.journal_file import remove_leftover_copies
from msjournal.storage.journal_lock import JournalLock

RECENT_DAYS = 60
SCHEDULE_LOOKBACK = timedelta(days=400)
MODELS: dict[EntryKind, type[models.BaseModel]] = {
    kind: models.MODEL_BY_TABLE[kind.table] for kind in KINDS
}


_Record = TypeVar(
    "_Record", Infusion, SideEffect, TemperatureReading, FollowUp, Relapse, TestResult
)


@dataclass(frozen=True)
class ImportCounts:
    added: dict[str, int]
    already_present: int


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _kind(kind: str | EntryKind) -> EntryKind:
    if isinstance(kind, EntryKind):
        return kind
    if kind not in BY_CODE:
        raise NotFoundError(f"There is no kind of entry called {kind!r}.")
    return BY_CODE[kind]


def _bound(method: Callable[..., Any]) -> Callable[..., Any]:
    """Point the shared peewee models at this journal's database for the length of the call.

    The models are declared once against a DatabaseProxy. Each call binds them to its own
    journal and gives the previous binding back afterwards, so a hook, a preview or a restore
    that uses journal B in the middle of a call on journal A never sends A's writes to B.
    """

    @functools.wraps(method)
    def wrapper(self: Journal, *args: Any, **kwargs: Any) -> Any:
        if self._db.is_closed():
            self._lock.share()  # used again after close(): peewee reconnects, so claim it again
        previous = models.database.obj
        if previous is self._db:
            return method(self, *args, **kwargs)
        models.database.initialize(self._db)
        try:
            return method(self, *args, **kwargs)
        finally:
            models.database.initialize(previous)

    return wrapper


def _expect(record_type: type[_Record], record: Entry) -> _Record:
    """The record `add` made, as the type its kind promises."""
    assert isinstance(record, record_type)
    return record


class Journal:
    def __init__(
        self,
        path: Path,
        database: pw.SqliteDatabase,
        catalog: Catalog,
        passphrase: str | None = None,
        lock: JournalLock | None = None,
    ):
        self.path = path
        self._db = database
        self._lock = lock or JournalLock(path)
        self._data_version: int | None = None
        # In memory only, for backups and re-opening; never written, logged or shown.
        self._passphrase = passphrase
        self._base_catalog = catalog
        self._settings: Settings | None = None
        self._catalog: Catalog | None = None  # the catalog with the person's own values
        # Called with the journal after each committed write, and before a bulk import
        # (msjournal.safety.backups uses them for automatic backups).
        self.after_write: list[Callable[[Journal], None]] = []
        self.before_import: list[Callable[[Journal], None]] = []

    @classmethod
    def open(
        cls,
        path: Path | str,
        catalog: Catalog | None = None,
        before_upgrade: Callable[[int], None] | None = None,
        passphrase: str | None = None,
    ) -> Journal:
        """Open or create a journal; with a passphrase it is (or is created) encrypted."""
        path = Path(path).expanduser()
        db.check_is_journal(path, passphrase)  # no lock file beside a file that is not a journal
        lock = JournalLock(path)
        lock.share()
        try:
            remove_leftover_copies(path)
            database = db.open_database(path, before_upgrade, passphrase)
        except BaseException:
            lock.release()
            raise
        return cls(path, database, catalog or load_catalog(), passphrase, lock)

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"  # never shows the passphrase

    # ------------------------------------------------------------ passphrase protection

    @property
    def read_only(self) -> bool:
        """On read-only media or in a read-only folder: everything reads, nothing saves."""
        return bool(getattr(self._db, "read_only", False))

    @property
    def protected(self) -> bool:
        return self._passphrase is not None

    def passphrase_matches(self, passphrase: str) -> bool:
        """For the window's lock and for confirming a change: compares in constant time."""
        if self._passphrase is None:
            return False
        return secrets.compare_digest(self._passphrase.encode(), passphrase.encode())

    @property
    def passphrase(self) -> str | None:
        """The key this journal was opened with, for its backups, restore and re-keying.

        In memory only; never written, logged or shown (repr leaves it out).
        """
        return self._passphrase

    def reopen(self, passphrase: str | None) -> None:
        """Open the journal file again with this key, after it was re-keyed or replaced."""
        self.close()
        self._lock.share()
        self._db = db.open_database(self.path, passphrase=passphrase)
        self._passphrase = passphrase
        self._settings, self._catalog, self._data_version = None, None, None

    def close(self) -> None:
        if not self._db.is_closed():
            self._db.close()
        self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """One write transaction; SQLite failures become a JournalError and nothing is written."""
        if self.read_only:
            raise JournalError(
                f"Could not save: {self.path} is on a read-only disk or in a "
                f"read-only folder, so it can only be read. Nothing was changed."
            )
        first: Exception | None = None  # SQLite may roll back by itself; report the cause
        try:
            with self._db.atomic("IMMEDIATE"):
                try:
                    yield
                except (pw.DatabaseError, sqlite3.Error) as error:
                    first = error
                    raise
        except (pw.DatabaseError, sqlite3.Error) as error:
            raise db.storage_error(first or error) from None
        for hook in list(self.after_write):
            hook(self)

    # ------------------------------------------------------------ settings and catalog

    @_bound
    def settings(self) -> Settings:
        if self._settings is None:
            stored = {row.key: row.value for row in models.Setting.select()}
            self._settings = settings_store.from_stored(stored)
        return self._settings

    @_bound
    def update_settings(self, **changes: Any) -> Settings:
        updated = settings_store.apply_changes(self.settings(), changes)
        with self._atomic():
            for name in changes:
                value = settings_store.encode(getattr(updated, name))
                models.Setting.replace(key=name, value=value).execute()
        self._settings, self._catalog = updated, None
        return updated

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._base_catalog.with_overrides(self.settings().overrides)
        return self._catalog

    # ------------------------------------------------------------ reading

    @_bound
    def infusions(self) -> list[Infusion]:
        return reading.infusions()

    @_bound
    def side_effects(self) -> list[SideEffect]:
        return reading.side_effects()

    @_bound
    def temperatures(self) -> list[TemperatureReading]:
        return reading.temperatures()

    @_bound
    def follow_ups(self) -> list[FollowUp]:
        return reading.follow_ups()

    @_bound
    def relapses(self) -> list[Relapse]:
        return reading.relapses()

    @_bound
    def test_results(self, test: str | None = None) -> list[TestResult]:
        """Every result, oldest first; or one test's (a catalog id, or "other")."""
        return reading.test_results(test=test)

    @_bound
    def plan(self) -> TherapyPlan | None:
        return reading.current_plan()

    @_bound
    def acknowledgements(self) -> list[Acknowledgement]:
        return reading.acknowledgements()

    @_bound
    def snapshot(self) -> JournalData:
        return JournalData(
            infusions=tuple(self.infusions()),
            side_effects=tuple(self.side_effects()),
            temperatures=tuple(self.temperatures()),
            follow_ups=tuple(self.follow_ups()),
            relapses=tuple(self.relapses()),
            test_results=tuple(self.test_results()),
            plan=self.plan(),
            settings=self.settings(),
            acknowledgements=tuple(self.acknowledgements()),
        )

    @_bound
    def recent_snapshot(self, moment: datetime, days: int = RECENT_DAYS) -> JournalData:
        """What Today and its alerts need, read in time that does not grow with the journal.

        The infusions the schedule needs, every follow-up, acknowledgement and still-open side
        effect, every relapse (a few a year at most), the side effects, temperatures and test
        results of the last `days` days, and the latest result of each test. Active alerts
        last at most 30 days after their entry, so they are the same as with the whole journal
        (tests/test_recent_snapshot_property.py checks this over random histories).
        """
        since = moment - timedelta(days=days)
        plan = self.plan()
        return JournalData(
            infusions=tuple(
                reading.schedule_infusions(self.catalog, moment - SCHEDULE_LOOKBACK, plan)
            ),
            side_effects=tuple(reading.side_effects(since)),
            temperatures=tuple(reading.temperatures(since)),
            follow_ups=tuple(self.follow_ups()),
            relapses=tuple(self.relapses()),
            test_results=tuple(reading.test_results(since)),
            plan=plan,
            settings=self.settings(),
            acknowledgements=tuple(self.acknowledgements()),
        )

    @_bound
    def kind_of(self, entry_id: str) -> EntryKind:
        """The kind of the entry with this id (ids of imported entries may be any text)."""
        for kind in sorted(KINDS, key=lambda k: not entry_id.startswith(f"{k.code}-")):
            model: Any = MODELS[kind]
            if model.select(model.id).where(model.uid == entry_id).exists():
                return kind
        raise NotFoundError(f"No entry has the id {entry_id!r}.")

    @_bound
    def get(self, entry_id: str) -> Entry:
        kind = self.kind_of(entry_id)
        model: Any = MODELS[kind]
        row = model.select().where(model.uid == entry_id).dicts().first()
        return self._record_from_row(kind, row)

    def _record_from_row(self, kind: EntryKind, row: dict[str, Any]) -> Entry:
        if kind is INFUSION:
            return store.infusion_from_row(row)
        if kind is SIDE_EFFECT:
            return store.side_effect_from_row(row, reading.infusion_uids())
        if kind is TEMPERATURE:
            return store.temperature_from_row(row)
        if kind is FOLLOW_UP:
            return store.follow_up_from_row(row)
        if kind is RELAPSE:
            linked = reading.existing_uids(models.Infusion, store.treated_with_ids(row))
            return store.relapse_from_row(row, linked)
        follow_up = row["follow_up"]
        linked = reading.existing_uids(models.FollowUp, [follow_up] if follow_up else [])
        return store.test_result_from_row(row, linked)

    def _relapse_infusions(self) -> set[str]:
        treating = sorted(self.catalog.relapse_treatments())
        query = models.Infusion.select(models.Infusion.uid).where(
            models.Infusion.treatment.in_(treating)
        )
        return set(query.scalars())

    @_bound
    def last_infusion(self) -> Infusion | None:
        row = models.Infusion.select().order_by(models.Infusion.start.desc()).dicts().first()
        return store.infusion_from_row(row) if row else None

    @_bound
    def changed_elsewhere(self) -> bool:
        """True when another connection (a command, another process) committed a change since
        the last time this was asked; this journal's own saves do not count."""
        try:
            version = int(self._db.execute_sql("PRAGMA data_version").fetchone()[0])
        except (pw.DatabaseError, sqlite3.Error) as error:
            raise JournalError(f"The journal cannot be read right now ({error}).") from None
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    @_bound
    def is_empty(self) -> bool:
        return not any(model.select().exists() for model in MODELS.values())

    # ------------------------------------------------------------ writing entries

    def _new_id(self, kind: EntryKind) -> str:
        # 64 random bits: a clash is too unlikely to spend a query on every save; the
        # column is UNIQUE, so one would be refused, never overwrite an entry.
        return f"{kind.code}-{secrets.token_hex(8)}"

    def _infusion_pk(self, uid: str | None) -> int | None:
        if uid is None:
            return None
        return models.Infusion.get(models.Infusion.uid == uid).id

    def _validate(
        self, kind: EntryKind, draft: Draft, entry_id: str, now: datetime | None
    ) -> Entry:
        if kind is INFUSION:
            return validate_infusion(draft, self.catalog, entry_id, now)
        if kind is SIDE_EFFECT:
            known = set(models.Infusion.select(models.Infusion.uid).scalars())
            return validate_side_effect(draft, self.catalog, entry_id, known, now)
        if kind is TEMPERATURE:
            return validate_temperature(draft, entry_id, now)
        if kind is FOLLOW_UP:
            return validate_follow_up(draft, entry_id)
        if kind is RELAPSE:
            return validate_relapse(draft, entry_id, self._relapse_infusions(), now)
        follow_up = draft.get("follow_up")
        asked = [follow_up] if isinstance(follow_up, str) else []
        known = reading.existing_uids(models.FollowUp, asked)
        return validate_test_result(draft, self.catalog, entry_id, known, now)

    def _columns(self, record: Entry) -> dict[str, Any]:
        if isinstance(record, Infusion):
            return store.infusion_columns(record)
        if isinstance(record, SideEffect):
            return store.side_effect_columns(record, self._infusion_pk(record.infusion))
        if isinstance(record, TemperatureReading):
            return store.temperature_columns(record)
        if isinstance(record, Relapse):
            return store.relapse_columns(record)
        if isinstance(record, TestResult):
            return store.test_result_columns(record)
        return store.follow_up_columns(record)

    def _insert(self, record: Entry) -> None:
        model: Any = MODELS[kind_of(record)]
        model.insert(**self._columns(record)).execute()

    @_bound
    def add(self, kind: str | EntryKind, draft: Draft, now: datetime | None = None) -> Entry:
        """Validate and save a new entry of a kind (or its code: inf, se, t, f, r or tr)."""
        kind = _kind(kind)
        record = self._validate(kind, draft, self._new_id(kind), now or _now())
        with self._atomic():
            self._insert(record)
        return record

    @_bound
    def add_infusion(self, draft: Draft, now: datetime | None = None) -> Infusion:
        return _expect(Infusion, self.add(BY_CODE["inf"], draft, now))

    @_bound
    def add_side_effect(self, draft: Draft, now: datetime | None = None) -> SideEffect:
        return _expect(SideEffect, self.add(BY_CODE["se"], draft, now))

    @_bound
    def add_temperature(self, draft: Draft, now: datetime | None = None) -> TemperatureReading:
        return _expect(TemperatureReading, self.add(BY_CODE["t"], draft, now))

    @_bound
    def add_follow_up(self, draft: Draft, now: datetime | None = None) -> FollowUp:
        return _expect(FollowUp, self.add(BY_CODE["f"], draft, now))

    @_bound
    def add_relapse(self, draft: Draft, now: datetime | None = None) -> Relapse:
        return _expect(Relapse, self.add(RELAPSE, draft, now))

    @_bound
    def add_test_result(self, draft: Draft, now: datetime | None = None) -> TestResult:
        return _expect(TestResult, self.add(BY_CODE["tr"], draft, now))

    @_bound
    def update(
        self,
        entry_id: str,
        draft: Draft,
        now: datetime | None = None,
        expected: Entry | None = None,
    ) -> Entry:
        """Replace an entry's fields with a validated draft; the id stays the same.

        `expected` is the entry as the form showed it: when the journal holds something else
        (another window or a command changed it meanwhile), nothing is written and
        StaleEntryError carries the newer entry.
        """
        kind = self.kind_of(entry_id)
        record = self._validate(kind, draft, entry_id, now or _now())
        model: Any = MODELS[kind]
        with self._atomic():
            self._refuse_if_changed(entry_id, expected)
            model.update(**self._columns(record)).where(model.uid == entry_id).execute()
        return record

    def _refuse_if_changed(self, entry_id: str, expected: Entry | None) -> None:
        """Inside a write transaction: the entry must still be what the form loaded."""
        if expected is None:
            return
        try:
            current: Entry | None = self.get(entry_id)
        except NotFoundError:
            current = None
        if current != expected:
            raise StaleEntryError(changed_elsewhere_message(expected, current), current)

    @_bound
    def mark_follow_up_done(
        self, entry_id: str, on: date, outcome: str | None = None, expected: Entry | None = None
    ) -> FollowUp:
        current = self.get(entry_id)
        if not isinstance(current, FollowUp):
            raise NotFoundError(f"{entry_id} is not a follow-up.")
        notes = current.notes if outcome is None else outcome
        with self._atomic():
            self._refuse_if_changed(entry_id, expected)
            models.FollowUp.update(done=on, notes=notes).where(
                models.FollowUp.uid == entry_id
            ).execute()
        return replace(current, done=on, notes=notes)

    @_bound
    def delete(
        self, entry_id: str, expected: Entry | None = None
    ) -> tuple[Entry, tuple[SideEffect, ...]]:
        """Delete an entry; returns it (and side effects it unlinked) so it can be restored."""
        record = self.get(entry_id)
        unlinked: tuple[SideEffect, ...] = ()
        if isinstance(record, Infusion):
            unlinked = tuple(s for s in self.side_effects() if s.infusion == entry_id)
        model: Any = MODELS[kind_of(record)]
        with self._atomic():
            self._refuse_if_changed(entry_id, expected)
            model.delete().where(model.uid == entry_id).execute()
        return record, unlinked

    @_bound
    def restore(self, record: Entry, expected: Entry | None = None) -> None:
        """Put an entry back as it was before a change (undo of Mark done): the record came
        from this journal, so it is written as is; refused if changed elsewhere meanwhile."""
        model: Any = MODELS[kind_of(record)]
        with self._atomic():
            self._refuse_if_changed(record.id, expected)
            model.update(**self._columns(record)).where(model.uid == record.id).execute()

    @_bound
    def undo_delete(self, record: Entry, unlinked: Iterable[SideEffect] = ()) -> None:
        """Put a deleted entry back exactly as it was, with its links."""
        with self._atomic():
            self._insert(record)
            for effect in unlinked:
                models.SideEffect.update(infusion=self._infusion_pk(effect.infusion)).where(
                    models.SideEffect.uid == effect.id
                ).execute()

    # ------------------------------------------------------------ plan and alerts

    @_bound
    def set_plan(self, draft: Draft) -> TherapyPlan:
        """Start a new current therapy plan (the old one is kept, ended today)."""
        plan = validate_plan(draft, self.catalog)
        with self._atomic():
            current = models.TherapyPlan.select().where(models.TherapyPlan.ended.is_null())
            for row in current:
                if row.treatment == plan.treatment:
                    row.delete_instance()
                else:
                    row.ended = plan.started or date.today()
                    row.save()
            models.TherapyPlan.create(**plan.__dict__)
        return plan

    @_bound
    def acknowledge(self, alert_key: str, note: str = "", at: datetime | None = None) -> None:
        note = text({"note": note}, "note", MAX_NOTE)
        with self._atomic():
            models.AlertAcknowledgement.replace(
                alert_key=alert_key, at=at or _now(), note=note.strip()
            ).execute()

    # ------------------------------------------------------------ bulk import

    @_bound
    def existing_ids(self) -> set[str]:
        return set().union(*self.ids_by_section().values())

    @_bound
    def ids_by_section(self) -> dict[str, frozenset[str]]:
        """Every entry id, by kind's section (read from the id column only)."""
        return {
            kind.section: frozenset(model.select(model.uid).scalars())  # type: ignore[attr-defined]
            for kind, model in MODELS.items()
        }

    @_bound
    def add_records(self, data: JournalData) -> ImportCounts:
        """Add already-validated records in one transaction; ids already present are skipped."""
        present = self.existing_ids()
        groups = {kind.section: kind.records(data) for kind in KINDS}
        added = {name: 0 for name in groups}
        skipped = 0
        for hook in list(self.before_import):
            hook(self)
        with self._atomic():
            for name, records in groups.items():
                for record in records:
                    if record.id in present:
                        skipped += 1
                        continue
                    self._insert(record)
                    added[name] += 1
            if data.plan is not None and self.plan() is None:
                models.TherapyPlan.create(**data.plan.__dict__)
            self._import_settings(data)
            known = {row.alert_key for row in models.AlertAcknowledgement.select()}
            for ack in data.acknowledgements:
                if ack.alert_key not in known:
                    models.AlertAcknowledgement.create(
                        alert_key=ack.alert_key, at=ack.at, note=ack.note
                    )
        return ImportCounts(added, skipped)

    def _import_settings(self, data: JournalData) -> None:
        """A file's settings are taken only by a journal that has none of its own yet."""
        if data.settings == settings_store.DEFAULTS or models.Setting.select().exists():
            return
        for name in settings_store.SETTING_NAMES:
            value = settings_store.encode(getattr(data.settings, name))
            models.Setting.replace(key=name, value=value).execute()
        self._settings, self._catalog = None, None
