"""Properties (Hypothesis): export then import loses nothing, and CSV cells read back as written."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msjournal.exchange import journal_format
from msjournal.exchange.csv_export import FORMULA_STARTS, csv_bytes, tables
from msjournal.journal import Journal
from msjournal.model.catalog import load_catalog
from msjournal.model.records import FOLLOW_UP_KINDS, JournalData
from tests.strategies import examples
from tests.strategies import histories as whole_histories

CATALOG = load_catalog()
NOW = datetime(2026, 6, 15, 12, 0)
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
JOURNAL_PROPERTY = settings(PROPERTY, max_examples=60)  # each example writes two journals
TREATMENTS = sorted(CATALOG.treatments)
SYMPTOMS = sorted(CATALOG.symptoms)
OVERRIDE_KEYS = sorted(
    [f"symptom.{s}.expected_hours" for s in CATALOG.symptoms]
    + [f"treatment.{t.id}.interval_days" for t in CATALOG.treatments.values()]
    + [
        f"treatment.{t.id}.{task.id}.every_days"
        for t in CATALOG.treatments.values()
        for task in t.monitoring
    ]
)

# Lone surrogates are left out: they cannot be stored, so entry refuses them (test_validation).
characters = st.characters(exclude_categories=("Cs",))
tricky = st.sampled_from(
    [
        "=1+1",
        "+SUM(A1)",
        "-2",
        "@cmd",
        '"quoted"',
        "it's",
        "a,b;c",
        "line\nbreak",
        "cr\rlf\r\nend",
        "Müdigkeit ✓ 头痛",
        "\t=tab",
        "'=1",
    ]
)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    pieces = st.lists(st.text(characters, max_size=12) | tricky, max_size=4).map("".join)
    return pieces.map(lambda t: t[:max_size])


# Entry accepts years 1900-2100 only (typing slips are refused).
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=NOW).map(
    lambda d: d.replace(microsecond=0)
)
VITALS_UNITS = ["C", "F"]
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


def plausible(unit: str) -> st.SearchStrategy[Decimal]:
    low, high = (30, 45) if unit == "C" else (86, 113)
    return st.decimals(min_value=low, max_value=high, places=2)


@st.composite
def vitals(draw: st.DrawFn, suffix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        unit = draw(st.sampled_from(VITALS_UNITS))
        out |= {f"temperature_{suffix}": draw(plausible(unit)), f"temperature_{suffix}_unit": unit}
    if draw(st.booleans()):
        out[f"pulse_{suffix}"] = draw(st.integers(25, 250))
    if draw(st.booleans()):
        systolic = draw(st.integers(51, 260))
        out |= {
            f"systolic_{suffix}": systolic,
            f"diastolic_{suffix}": draw(st.integers(20, min(180, systolic - 1))),
        }
    return out


@st.composite
def infusion_drafts(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(moments)
    draft: dict[str, Any] = {
        "treatment": draw(st.sampled_from(TREATMENTS)),
        "start": start,
        "end": draw(
            st.one_of(
                st.none(), st.integers(0, 24 * 60).map(lambda m: start + timedelta(minutes=m))
            )
        ),
        "dose": draw(
            st.one_of(
                st.none(), st.decimals(min_value=Decimal("0.001"), max_value=100_000, places=3)
            )
        ),
        "dose_unit": draw(texts(20)),
        "dose_number": draw(st.one_of(st.none(), st.integers(1, 1000))),
        "site": draw(texts()),
        "location": draw(texts()),
        "administered_by": draw(texts()),
        "lot": draw(texts()),
        "premedications": draw(texts()),
        "notes": draw(texts(200)),
    }
    return draft | draw(vitals("before")) | draw(vitals("after"))


@st.composite
def side_effect_drafts(draw: st.DrawFn, infusions: list[str]) -> dict[str, Any]:
    onset = draw(moments)
    symptom = draw(st.sampled_from(SYMPTOMS + ["other"]))
    return {
        "symptom": symptom,
        "other_label": draw(texts()) + "x" if symptom == "other" else "",
        "severity": draw(st.integers(0, 10)),
        "onset": onset,
        "resolved": draw(
            st.one_of(st.none(), st.integers(0, 10_000).map(lambda m: onset + timedelta(minutes=m)))
        ),
        "infusion": draw(st.one_of(st.none(), st.sampled_from(infusions))) if infusions else None,
        "during_infusion": draw(st.booleans()),
        "unusual": draw(st.booleans()),
        "notes": draw(texts(200)),
    }


@st.composite
def temperature_drafts(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["C", "F"]))
    return {
        "taken": draw(moments),
        "value": draw(plausible(unit)),
        "unit": unit,
        "notes": draw(texts()),
    }


@st.composite
def follow_up_drafts(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "kind": draw(st.sampled_from(FOLLOW_UP_KINDS)),
        "title": "T" + draw(texts(100)),
        "due": draw(days),
        "done": draw(st.one_of(st.none(), days)),
        "with_whom": draw(texts()),
        "task": draw(st.sampled_from(["", "jcv_antibody", "thyroid"])),
        "treatment": draw(st.sampled_from([""] + TREATMENTS)),
        "notes": draw(texts()),
    }


@st.composite
def setting_changes(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["C", "F"]))
    changes = {
        "temperature_unit": draw(st.sampled_from(["C", "F"])),
        "fever_threshold": draw(plausible(unit)),
        "fever_threshold_unit": unit,
        "person_name": draw(texts()),
        "cumulative_region": draw(st.sampled_from(["us", "eu"])),
        "questions": draw(texts(200)),
        "overrides": draw(
            st.dictionaries(
                st.sampled_from(OVERRIDE_KEYS), st.integers(1, 400).map(float), max_size=3
            )
        ),
    }
    kept = {k: v for k, v in changes.items() if draw(st.booleans())}
    if "fever_threshold" in kept or "fever_threshold_unit" in kept:  # they change together
        kept |= {"fever_threshold": changes["fever_threshold"], "fever_threshold_unit": unit}
    return kept


@st.composite
def journals(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "infusions": draw(st.lists(infusion_drafts(), max_size=4)),
        "effects": draw(st.integers(0, 4)),
        "temperatures": draw(st.lists(temperature_drafts(), max_size=3)),
        "follow_ups": draw(st.lists(follow_up_drafts(), max_size=3)),
        "plan": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "treatment": st.sampled_from(TREATMENTS),
                        "started": st.one_of(st.none(), days),
                        "interval_days": st.one_of(st.none(), st.integers(1, 3650)),
                        "evaluation_done": st.booleans(),
                        "risks_discussed": st.booleans(),
                        "loading_done": st.booleans(),
                        "notes": texts(),
                    }
                ),
            )
        ),
        "settings": draw(setting_changes()),
        "acks": draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["fever", "severe_or_unusual", "due"]),
                    texts(),
                    moments,
                    texts(100),
                ),
                max_size=3,
            )
        ),
        "data": draw(st.data()),
    }


def _fill(journal: Journal, spec: dict[str, Any]) -> None:
    for draft in spec["infusions"]:
        journal.add("inf", draft, NOW)
    ids = [i.id for i in journal.infusions()]
    for _ in range(spec["effects"]):
        journal.add("se", spec["data"].draw(side_effect_drafts(ids)), NOW)
    for draft in spec["temperatures"]:
        journal.add("t", draft, NOW)
    for draft in spec["follow_ups"]:
        journal.add("f", draft, NOW)
    if spec["plan"] is not None:
        journal.set_plan(spec["plan"])
    if spec["settings"]:
        journal.update_settings(**spec["settings"])
    for rule, entry, at, note in spec["acks"]:
        journal.acknowledge(f"{rule}:{entry}", note, at)


@JOURNAL_PROPERTY
@given(journals())
def test_export_then_import_gives_the_same_journal(spec: dict[str, Any]) -> None:
    """Any journal exported to the JSON format and imported into an empty one
    is the same journal."""
    with tempfile.TemporaryDirectory() as folder:
        with Journal.open(Path(folder) / "a.sqlite", CATALOG) as source:
            _fill(source, spec)
            original = source.snapshot()
            text = journal_format.dumps(original)
        with Journal.open(Path(folder) / "b.sqlite", CATALOG) as copy:
            copy.add_records(journal_format.loads(text, copy.catalog, now=NOW))
            assert copy.snapshot() == original


def _expected_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@PROPERTY
@given(st.lists(st.lists(texts(60), min_size=1, max_size=5), max_size=5))
def test_csv_cells_read_back_as_written_with_formulas_escaped(rows: list[list[str]]) -> None:
    """Any text written to a CSV table reads back the same,
    with formula-like cells prefixed by '."""
    header = [f"c{n}" for n in range(max((len(r) for r in rows), default=0))]
    raw = csv_bytes(header, rows)
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert parsed[0] == header
    assert parsed[1:] == [[_expected_cell(cell) for cell in row] for row in rows]


@JOURNAL_PROPERTY
@given(journals())
def test_csv_export_of_a_journal_keeps_every_text_field(spec: dict[str, Any]) -> None:
    """Every entry's notes and titles appear in its CSV row exactly as saved (formulas escaped)."""
    with tempfile.TemporaryDirectory() as folder:
        with Journal.open(Path(folder) / "a.sqlite", CATALOG) as source:
            _fill(source, spec)
            data: JournalData = source.snapshot()
    named = tables(data, CATALOG)
    read = {
        name: list(csv.DictReader(io.StringIO(csv_bytes(*table).decode("utf-8-sig"), newline="")))
        for name, table in named.items()
    }
    for record, row in zip(data.infusions, read["infusions.csv"], strict=True):
        assert row["id"] == record.id and row["notes"] == _expected_cell(record.notes)
        assert row["lot"] == _expected_cell(record.lot)
        assert row["dose"] == ("" if record.dose is None else str(record.dose))
    for record, row in zip(data.side_effects, read["side_effects.csv"], strict=True):
        assert row["notes"] == _expected_cell(record.notes) and row["severity"] == str(
            record.severity
        )
    for record, row in zip(data.temperatures, read["temperatures.csv"], strict=True):
        assert Decimal(row["value"]) == record.value and row["unit"] == record.unit
    for record, row in zip(data.follow_ups, read["follow_ups.csv"], strict=True):
        assert row["title"] == _expected_cell(record.title) and row["due"] == record.due.isoformat()


@examples(40)
@given(whole_histories())
def test_any_whole_history_survives_export_and_import(history: JournalData) -> None:
    """Every part of a journal over the full catalog (links, vitals, plan, alert history,
    settings) comes back from the JSON format unchanged."""
    with tempfile.TemporaryDirectory() as folder:
        with Journal.open(Path(folder) / "a.sqlite", CATALOG) as source:
            source.add_records(history)
            original = source.snapshot()
            text = journal_format.dumps(original)
        with Journal.open(Path(folder) / "b.sqlite", CATALOG) as copy:
            copy.add_records(journal_format.loads(text, copy.catalog, now=NOW))
            assert copy.snapshot() == original
