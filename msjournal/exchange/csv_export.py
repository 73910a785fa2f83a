"""CSV export: one table per entry type, UTF-8 with a BOM, ISO dates, a header row.

The tables go into one .zip file, or into a folder as separate .csv files. A cell that a
spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return)
is written with a leading apostrophe, so opening the file never runs anything.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    RELAPSE_AREAS,
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
    Vitals,
)
from msjournal.rules.result_words import marker
from msjournal.storage.files import PRIVATE_FOLDER, write_atomic

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | Decimal | date | datetime | bool | None
Table = tuple[list[str], list[list[Cell]]]

VITALS_HEADER = ["temperature", "temperature_unit", "pulse", "systolic", "diastolic"]
INFUSION_HEADER = [
    "id",
    "treatment",
    "treatment_name",
    "start",
    "end",
    "dose",
    "dose_unit",
    "dose_number",
    "site",
    "location",
    "administered_by",
    "lot",
    "premedications",
    *(f"{name}_before" for name in VITALS_HEADER),
    *(f"{name}_after" for name in VITALS_HEADER),
    "notes",
]
SIDE_EFFECT_HEADER = [
    "id",
    "symptom",
    "symptom_name",
    "severity",
    "onset",
    "resolved",
    "ongoing",
    "infusion",
    "during_infusion",
    "unusual",
    "notes",
]
TEMPERATURE_HEADER = ["id", "taken", "value", "unit", "notes"]
FOLLOW_UP_HEADER = [
    "id",
    "kind",
    "kind_name",
    "title",
    "due",
    "done",
    "with_whom",
    "task",
    "treatment",
    "notes",
]
RELAPSE_HEADER = [
    "id",
    "onset",
    "description",
    "areas",
    "area_names",
    "impact",
    "recovered",
    "recovery",
    "confirmed",
    "treated_with",
    "notes",
]
TEST_RESULT_HEADER = [
    "id",
    "test",
    "test_name",
    "taken",
    "value",
    "unit",
    "qualitative",
    "reference_low",
    "reference_high",
    "outside_range",
    "follow_up",
    "notes",
]
LIST_SEPARATOR = "; "  # between the items of a list in one cell (areas, linked infusions)


def escape_formula(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula it would run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # as written: 0.0000001 and 100, never 1E-7 or 1E+2
    if isinstance(value, int):
        return str(value)
    return escape_formula(value)


def _vitals(vitals: Vitals) -> list[Cell]:
    if vitals.is_empty():
        return [None] * len(VITALS_HEADER)
    unit = vitals.temperature_unit if vitals.temperature is not None else None
    return [vitals.temperature, unit, vitals.pulse, vitals.systolic, vitals.diastolic]


def infusion_row(record: Infusion, catalog: Catalog) -> list[Cell]:
    return [
        record.id,
        record.treatment,
        catalog.treatment_name(record.treatment),
        record.start,
        record.end,
        record.dose,
        record.dose_unit,
        record.dose_number,
        record.site,
        record.location,
        record.administered_by,
        record.lot,
        record.premedications,
        *_vitals(record.vitals_before),
        *_vitals(record.vitals_after),
        record.notes,
    ]


def side_effect_row(record: SideEffect, catalog: Catalog) -> list[Cell]:
    return [
        record.id,
        record.symptom,
        catalog.symptom_name(record.symptom, record.other_label),
        record.severity,
        record.onset,
        record.resolved,
        record.ongoing,
        record.infusion,
        record.during_infusion,
        record.unusual,
        record.notes,
    ]


def temperature_row(record: TemperatureReading) -> list[Cell]:
    return [record.id, record.taken, record.value, record.unit, record.notes]


def follow_up_row(record: FollowUp) -> list[Cell]:
    return [
        record.id,
        record.kind,
        FOLLOW_UP_KIND_NAMES.get(record.kind, record.kind),
        record.title,
        record.due,
        record.done,
        record.with_whom,
        record.task,
        record.treatment,
        record.notes,
    ]


def relapse_row(record: Relapse) -> list[Cell]:
    return [
        record.id,
        record.onset,
        record.description,
        LIST_SEPARATOR.join(record.areas),
        LIST_SEPARATOR.join(RELAPSE_AREAS.get(area, area) for area in record.areas),
        record.impact,
        record.recovered,
        record.recovery,
        record.confirmed,
        LIST_SEPARATOR.join(record.treated_with),
        record.notes,
    ]


def result_row(record: TestResult, catalog: Catalog) -> list[Cell]:
    return [
        record.id,
        record.test,
        catalog.test_name(record.test, record.other_label),
        record.taken,
        record.value,
        record.unit,
        record.qualitative,
        record.reference_low,
        record.reference_high,
        marker(record),
        record.follow_up,
        record.notes,
    ]


def tables(data: JournalData, catalog: Catalog) -> dict[str, Table]:
    """The export's tables by file name."""
    return {
        "infusions.csv": (INFUSION_HEADER, [infusion_row(r, catalog) for r in data.infusions]),
        "side_effects.csv": (
            SIDE_EFFECT_HEADER,
            [side_effect_row(r, catalog) for r in data.side_effects],
        ),
        "temperatures.csv": (TEMPERATURE_HEADER, [temperature_row(r) for r in data.temperatures]),
        "follow_ups.csv": (FOLLOW_UP_HEADER, [follow_up_row(r) for r in data.follow_ups]),
        "relapses.csv": (RELAPSE_HEADER, [relapse_row(r) for r in data.relapses]),
        "test_results.csv": (
            TEST_RESULT_HEADER,
            [result_row(r, catalog) for r in data.test_results],
        ),
    }


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One table as UTF-8 CSV with a BOM (so Excel reads it as UTF-8) and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _write_zip(named: dict[str, Table]) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, (header, rows) in named.items():
                archive.writestr(name, csv_bytes(header, rows))

    return write


def make_export_folder(folder: Path) -> None:
    """Create the folder readable by the owner only; a folder that already exists is left as is."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, mode=PRIVATE_FOLDER)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_FOLDER)


def _writer(content: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(content)


def write_csv(data: JournalData, catalog: Catalog, out: Path) -> Path:
    """A .zip of all tables when `out` ends in .zip, else a folder with one .csv per table."""
    out = Path(out)
    named = tables(data, catalog)
    if out.suffix.lower() == ".zip":
        return write_atomic(out, _write_zip(named))
    if out.suffix.lower() == ".csv" or (out.exists() and not out.is_dir()):
        raise JournalError(
            f"{out}: the CSV export writes one file per entry type; "
            "give a folder, or a file name ending in .zip."
        )
    try:
        make_export_folder(out)
    except OSError as error:
        raise JournalError(f"Cannot create the folder {out}: {error.strerror or error}.") from None
    for name, (header, rows) in named.items():
        write_atomic(out / name, _writer(csv_bytes(header, rows)))
    return out
