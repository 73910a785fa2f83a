"""The journal file format (JSON, versioned): export, and all-or-nothing import.

docs/journal-format.md describes it. Import validates every record with the same
checks as the window before anything is written; one bad record refuses the file.
"""

from __future__ import annotations

import json
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from msjournal.exchange.format_settings import (
    acknowledgements_json,
    parse_acknowledgements,
    parse_settings,
    settings_json,
)
from msjournal.journal import Journal
from msjournal.model.catalog import Catalog
from msjournal.model.dates import format_date, format_datetime, format_day_or_moment
from msjournal.model.errors import JournalError, ValidationError
from msjournal.model.kinds import BY_SECTION, KINDS
from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    Vitals,
)
from msjournal.rules.relapse_validation import validate_relapse
from msjournal.rules.result_validation import validate_test_result
from msjournal.rules.validation import (
    validate_follow_up,
    validate_infusion,
    validate_plan,
    validate_side_effect,
    validate_temperature,
)

FORMAT_NAME = "msjournal"
FORMAT_VERSION = 1
SECTIONS = tuple(kind.section for kind in KINDS)
# Ids in a file are the writer's: any text of at most this many characters once trimmed.
MAX_ID_CHARS = 200
# Far above any real journal: a 30-year demo journal exports to about 1 MB (docs/journal-format.md).
MAX_FILE_BYTES = 20_000_000
MEGABYTE = 1_000_000
# Not allowed in ids, which are printed in messages and alert keys: control characters,
# invisible formatting marks (direction overrides, zero-width characters) and line separators.
ID_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
Where = tuple[str | int, ...]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _vitals_json(vitals: Vitals) -> dict[str, Any] | None:
    if vitals.is_empty() and vitals.temperature_unit == "C":
        return None
    return {
        "temperature": _number(vitals.temperature),
        "temperature_unit": vitals.temperature_unit,
        "pulse": vitals.pulse,
        "systolic": vitals.systolic,
        "diastolic": vitals.diastolic,
    }


def infusion_json(record: Infusion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.id,
        "treatment": record.treatment,
        "start": format_datetime(record.start),
        "end": format_datetime(record.end),
        "dose": _number(record.dose),
        "dose_unit": record.dose_unit,
        "dose_number": record.dose_number,
        "site": record.site,
        "location": record.location,
        "administered_by": record.administered_by,
        "lot": record.lot,
        "premedications": record.premedications,
        "notes": record.notes,
    }
    for name, vitals in (
        ("vitals_before", record.vitals_before),
        ("vitals_after", record.vitals_after),
    ):
        if (encoded := _vitals_json(vitals)) is not None:
            out[name] = encoded
    return out


def side_effect_json(record: SideEffect) -> dict[str, Any]:
    out = asdict(record)
    out.update(onset=format_datetime(record.onset), resolved=format_datetime(record.resolved))
    return out


def temperature_json(record: TemperatureReading) -> dict[str, Any]:
    return {
        "id": record.id,
        "taken": format_datetime(record.taken),
        "value": _number(record.value),
        "unit": record.unit,
        "notes": record.notes,
    }


def follow_up_json(record: FollowUp) -> dict[str, Any]:
    out = asdict(record)
    out.update(due=format_date(record.due), done=format_date(record.done))
    return out


def relapse_json(record: Relapse) -> dict[str, Any]:
    return {
        "id": record.id,
        "onset": format_datetime(record.onset),
        "description": record.description,
        "areas": list(record.areas),
        "impact": record.impact,
        "recovered": format_date(record.recovered),
        "recovery": record.recovery,
        "confirmed": record.confirmed,
        "treated_with": list(record.treated_with),
        "notes": record.notes,
    }


def test_result_json(record: TestResult) -> dict[str, Any]:
    return {
        "id": record.id,
        "test": record.test,
        "other_label": record.other_label,
        "taken": format_day_or_moment(record.taken),
        "value": _number(record.value),
        "unit": record.unit,
        "qualitative": record.qualitative,
        "reference_low": _number(record.reference_low),
        "reference_high": _number(record.reference_high),
        "follow_up": record.follow_up,
        "notes": record.notes,
    }


def to_json(data: JournalData) -> dict[str, Any]:
    plan = None
    if data.plan is not None:
        plan = asdict(data.plan) | {"started": format_date(data.plan.started)}
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": datetime.now().isoformat(timespec="seconds"),
        "therapy_plan": plan,
        "settings": settings_json(data.settings),
        "acknowledgements": acknowledgements_json(data.acknowledgements),
        "infusions": [infusion_json(r) for r in data.infusions],
        "side_effects": [side_effect_json(r) for r in data.side_effects],
        "temperatures": [temperature_json(r) for r in data.temperatures],
        "follow_ups": [follow_up_json(r) for r in data.follow_ups],
        "relapses": [relapse_json(r) for r in data.relapses],
        "test_results": [test_result_json(r) for r in data.test_results],
    }


def dumps(data: JournalData) -> str:
    return json.dumps(to_json(data), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- import


def _flatten_vitals(record: dict[str, Any]) -> dict[str, Any]:
    flat = dict(record)
    for suffix in ("before", "after"):
        vitals = flat.pop(f"vitals_{suffix}", None)
        if vitals is None:
            continue
        if not isinstance(vitals, dict):
            raise ValidationError(f"vitals_{suffix}", vitals, "expected an object")
        for key in ("temperature", "pulse", "systolic", "diastolic"):
            flat[f"{key}_{suffix}"] = vitals.get(key)
        flat[f"temperature_{suffix}_unit"] = vitals.get("temperature_unit")
    return flat


def _record_id(section: str, record: dict[str, Any], index: int) -> str:
    """The record's id, trimmed: the writer's own text, whatever it looks like, within limits."""
    entry_id = record.get("id")
    where = f"{section}[{index}]"
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise ValidationError("id", entry_id, "every record needs a text id", record=where)
    trimmed = entry_id.strip()
    if len(trimmed) > MAX_ID_CHARS:
        raise ValidationError(
            "id",
            trimmed,
            f"is {len(trimmed)} characters long; an id can be at most {MAX_ID_CHARS} characters",
            record=where,
        )
    if any(unicodedata.category(char) in ID_REFUSED_CATEGORIES for char in trimmed):
        raise ValidationError(
            "id",
            entry_id,
            "ids cannot hold control characters, line breaks or invisible marks",
            record=where,
        )
    return trimmed


def _a(kind_name: str) -> str:
    return f"an {kind_name}" if kind_name[0] in "aeiou" else f"a {kind_name}"


@dataclass
class _Ids:
    """The ids of one import: each names one entry, in the whole file and in the journal.

    The window finds an entry by its id alone, whatever its kind (Journal.kind_of), so an id
    given to two records of the file, in one section or in two, is refused; so is an id the
    journal already has for another kind of entry. The same id for the same kind is an entry
    already present, which the import skips.
    """

    journal: Mapping[str, AbstractSet[str]]
    seen: dict[str, str] = field(default_factory=dict)  # id -> the record that has it

    def claim(self, section: str, index: int, entry_id: str) -> None:
        where = f"{section}[{index}]"
        first = self.seen.get(entry_id)
        if first is not None:
            reason = (
                f"is also the id of {first}; each record needs its own id"
                if first.startswith(f"{section}[")
                else f"is also the id of {first}; an id can name only one entry in a file, "
                "in any section"
            )
            raise ValidationError("id", entry_id, reason, record=where)
        for other, ids in self.journal.items():
            if other != section and entry_id in ids:
                kind = BY_SECTION[other].singular
                raise ValidationError(
                    "id",
                    entry_id,
                    f"is the id of {_a(kind)} already in the journal, so it cannot also name "
                    f"{_a(BY_SECTION[section].singular)}; give it another id in the file",
                    record=where,
                )
        self.seen[entry_id] = where


@dataclass(frozen=True)
class _Links:
    """What records of the file may link to: entries of the file or of the journal."""

    infusions: AbstractSet[str] = frozenset()
    relapse_infusions: AbstractSet[str] = frozenset()
    follow_ups: AbstractSet[str] = frozenset()


def _parse_section(
    section: str,
    records: Any,
    catalog: Catalog,
    links: _Links,
    now: datetime,
    ids: _Ids,
) -> list[Any]:
    if not isinstance(records, list):
        raise ValidationError(section, type(records).__name__, "expected a list of records")
    parsed = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValidationError(
                section, record, "expected an object", record=f"{section}[{index}]"
            )
        entry_id = _record_id(section, record, index)
        ids.claim(section, index, entry_id)
        parsed.append(_parse_record(section, record, entry_id, catalog, links, now))
    return parsed


def _parse_record(
    section: str,
    record: dict[str, Any],
    entry_id: str,
    catalog: Catalog,
    links: _Links,
    now: datetime,
) -> Any:
    try:
        if section == "infusions":
            return validate_infusion(_flatten_vitals(record), catalog, entry_id, now)
        if section == "side_effects":
            return validate_side_effect(
                _trimmed_infusion(record), catalog, entry_id, set(links.infusions), now
            )
        if section == "temperatures":
            return validate_temperature(record, entry_id, now)
        if section == "relapses":
            return validate_relapse(record, entry_id, set(links.relapse_infusions), now)
        if section == "test_results":
            return validate_test_result(record, catalog, entry_id, set(links.follow_ups), now)
        return validate_follow_up(record, entry_id)
    except ValidationError as error:
        raise ValidationError(error.field, error.value, error.reason, record=entry_id) from None


def _trimmed_infusion(record: dict[str, Any]) -> dict[str, Any]:
    """The side effect with its infusion reference trimmed, as the infusions' own ids are."""
    infusion = record.get("infusion")
    return {**record, "infusion": infusion.strip()} if isinstance(infusion, str) else record


def _check_header(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise JournalError('This is not an msjournal file (it lacks "format": "msjournal").')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise JournalError(f"The file's version {version!r} is not a number.")
    if version > FORMAT_VERSION or version < 1:
        raise JournalError(
            f"The file is format version {version}; this msjournal reads version "
            f"{FORMAT_VERSION}. Update msjournal to import it."
        )


def ids_by_section(journal: Journal) -> dict[str, frozenset[str]]:
    """The ids the journal holds, by section: what from_json's `journal_ids` expects."""
    return journal.ids_by_section()


def _journal_ids(
    existing_infusions: AbstractSet[str], journal_ids: Mapping[str, AbstractSet[str]] | None
) -> dict[str, AbstractSet[str]]:
    found: dict[str, AbstractSet[str]] = dict(journal_ids or {})
    found["infusions"] = frozenset(found.get("infusions", ())) | frozenset(existing_infusions)
    return found


def _file_links(
    journal: Mapping[str, AbstractSet[str]],
    infusions: list[Infusion],
    follow_ups: list[FollowUp],
    catalog: Catalog,
) -> _Links:
    """A relapse may link to the file's IV steroid or plasma exchange infusions, and to the
    journal's infusions (whose treatments the ids alone do not tell)."""
    relapse_treatments = catalog.relapse_treatments()
    in_file = {i.id for i in infusions}
    return _Links(
        infusions=set(journal["infusions"]) | in_file,
        relapse_infusions=set(journal["infusions"])
        | {i.id for i in infusions if i.treatment in relapse_treatments},
        follow_ups=set(journal.get("follow_ups", ())) | {f.id for f in follow_ups},
    )


def from_json(
    document: Any,
    catalog: Catalog,
    existing_infusions: AbstractSet[str] = frozenset(),
    now: datetime | None = None,
    journal_ids: Mapping[str, AbstractSet[str]] | None = None,
) -> JournalData:
    """Validate a whole parsed document; raises on the first bad record, naming it.

    `existing_infusions` are the journal's infusions, which side effects may link to;
    `journal_ids` (ids_by_section) are all its ids by section, so that an id the journal has
    for another kind of entry is refused. Without it only the journal's infusions are known.
    """
    _check_header(document)
    now = now or datetime.now()
    journal = _journal_ids(existing_infusions, journal_ids)
    ids = _Ids(journal)
    sections = {name: document.get(name, []) for name in SECTIONS}
    infusions = _parse_section("infusions", sections["infusions"], catalog, _Links(), now, ids)
    follow_ups = _parse_section("follow_ups", sections["follow_ups"], catalog, _Links(), now, ids)
    links = _file_links(journal, infusions, follow_ups, catalog)
    plan_raw = document.get("therapy_plan")
    if plan_raw is not None and not isinstance(plan_raw, dict):
        raise ValidationError("therapy_plan", plan_raw, "expected an object")

    def section(name: str) -> tuple[Any, ...]:
        return tuple(_parse_section(name, sections[name], catalog, links, now, ids))

    return JournalData(
        infusions=tuple(infusions),
        side_effects=section("side_effects"),
        temperatures=section("temperatures"),
        follow_ups=tuple(follow_ups),
        relapses=section("relapses"),
        test_results=section("test_results"),
        plan=validate_plan(plan_raw, catalog) if plan_raw else None,
        settings=parse_settings(document.get("settings")),
        acknowledgements=parse_acknowledgements(document.get("acknowledgements")),
    )


def parse_document(text: str | bytes) -> Any:
    """The JSON of a journal file with its header and all its text checked.

    Records are checked by from_json; here the whole file is refused for what no record check
    would catch: a key given twice in one object, and text that cannot be stored.
    """
    try:
        document = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_json_object,
        )
    except (ValueError, RecursionError) as error:
        raise JournalError(f"The file is not valid JSON: {error}.") from None
    _check_header(document)
    check_every_text(document)
    return document


def loads(
    text: str | bytes,
    catalog: Catalog,
    existing_infusions: AbstractSet[str] = frozenset(),
    now: datetime | None = None,
    journal_ids: Mapping[str, AbstractSet[str]] | None = None,
) -> JournalData:
    return from_json(parse_document(text), catalog, existing_infusions, now, journal_ids)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


# ---------------------------------------------------------------- whole-file checks


class _RepeatedKey(dict[str, Any]):
    """A JSON object in which `key` was given more than once; refused, naming where."""

    key: str = ""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    repeated = _RepeatedKey(found)
    repeated.key = _first_repeat(pairs)
    return repeated


def _first_repeat(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


def check_every_text(document: Any) -> None:
    """Refuse repeated keys, and text SQLite cannot store (lone surrogates), anywhere in the file.

    Walks the file in order without recursion, keeping only the open objects and lists (so its
    memory grows with the nesting, not the size); a path is built only for what is refused.
    """
    _check_object(document, ())
    pending: list[tuple[Where, Iterator[tuple[Any, Any]]]] = [((), _items(document))]
    while pending:
        where, items = pending[-1]
        for key, value in items:
            if isinstance(value, str):
                if not value.isascii():
                    _check_text(value, (*where, key), is_key=False)
            elif isinstance(value, (dict, list)):
                _check_object(value, (*where, key))
                pending.append(((*where, key), _items(value)))
                break
        else:
            pending.pop()


def _items(container: dict[str, Any] | list[Any]) -> Iterator[tuple[Any, Any]]:
    return iter(container.items()) if isinstance(container, dict) else enumerate(container)


def _check_object(value: Any, where: Where) -> None:
    if isinstance(value, _RepeatedKey):
        raise JournalError(
            f"{_quoted(value.key)} appears twice {_place(where)}; a key may be "
            "given only once in an object. Keep one of them and import again."
        )
    if isinstance(value, dict):
        for key in value:
            if not key.isascii():
                _check_text(key, where, is_key=True)


def _check_text(text: str, where: Where, is_key: bool) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        record, field = _record_and_field(where, is_key)
        reason = (
            "holds a broken character (half of a UTF-16 surrogate pair) that cannot be "
            "saved; correct it in the file"
        )
        raise ValidationError(field, _excerpt(text, error.start), reason, record=record) from None


def _record_and_field(where: Where, is_key: bool) -> tuple[str | None, str]:
    """Where a value is, as the record (`infusions[0]`, `settings`) and the field inside it."""
    if len(where) >= 2 and isinstance(where[1], int):
        record, rest = _dotted(where[:2]), where[2:]
    elif len(where) >= 2 or (is_key and where):
        record, rest = str(where[0]), where[1:]
    else:
        record, rest = None, where
    return record, _dotted(rest) or ("field name" if is_key else str(record))


def _dotted(where: Where) -> str:
    """("infusions", 0, "vitals_before") as infusions[0].vitals_before."""
    text = ""
    for step in where:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text


def _place(where: Where) -> str:
    return f"in {_dotted(where)}" if where else "at the top of the file"


def _quoted(key: str) -> str:
    return f'"{key}"' if key.isprintable() and len(key) <= 60 else repr(key[:60])


def _excerpt(text: str, index: int) -> str:
    """A long text cut around the character at `index`, so that the message shows it."""
    if len(text) <= 60:
        return text
    start = max(0, index - 20)
    return ("…" if start else "") + text[start : start + 40] + "…"


# ---------------------------------------------------------------- reading a file


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a plain file or is too large before reading it."""
    found = path.stat()
    if not stat.S_ISREG(found.st_mode):
        raise JournalError(f"{path} is not a regular file, so it cannot be a journal file.")
    _check_size(path, found.st_size)
    with path.open("rb") as handle:
        raw = handle.read(found.st_size + 1)  # read(n) sets n bytes aside: never more than needed
        if len(raw) > found.st_size:  # it grew since: read on, up to the limit
            raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    _check_size(path, len(raw))
    return raw


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise JournalError(
            f"{path} is {size / MEGABYTE:.1f} MB; a journal file can be at most "
            f"{MAX_FILE_BYTES // MEGABYTE} MB (a 30-year journal is about 1 MB), "
            "so it was not read."
        )


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JournalError(f"{path} is not a UTF-8 text file.") from None


def read_document(path: Path) -> Any:
    """Read and parse a journal file, refusing what is not one, before any journal is opened."""
    try:
        raw = _read_bounded(path)
    except OSError as error:
        raise JournalError(f"Cannot read {path}: {error.strerror or error}.") from None
    text = _decoded(path, raw)
    del raw  # only the text is needed while parsing
    return parse_document(text)


def read_file(
    path: Path,
    catalog: Catalog,
    existing_infusions: AbstractSet[str] = frozenset(),
    now: datetime | None = None,
    journal_ids: Mapping[str, AbstractSet[str]] | None = None,
) -> JournalData:
    return from_json(read_document(path), catalog, existing_infusions, now, journal_ids)
