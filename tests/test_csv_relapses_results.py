"""CSV export of relapses and test results (the issue "Relapses and test results").

Two more tables beside the others: plain headers, areas in words, the treating infusions by id,
results with the lab's range and a marker when outside it, numbers as written, and every text
cell as safe against formulas as the other tables.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from msjournal.exchange import csv_export
from msjournal.journal import Journal
from msjournal.model.catalog import Catalog
from msjournal.model.records import JournalData
from tests.builders import relapse, result

NOW = datetime(2026, 6, 15, 12, 0)

RELAPSE_COLUMNS = [
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
RESULT_COLUMNS = [
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
ALL_FILES = [
    "follow_ups.csv",
    "infusions.csv",
    "relapses.csv",
    "side_effects.csv",
    "temperatures.csv",
    "test_results.csv",
]


def _read(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _header(raw: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _zip_tables(out: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _journal_with_entries(journal: Journal) -> tuple[list[str], str]:
    """A steroid course, a relapse it treated, a follow-up and two results; the course's ids
    and the follow-up's id."""
    course = [
        journal.add_infusion(
            {"treatment": "iv_methylprednisolone", "start": f"2026-06-0{day}T09:00"}, now=NOW
        ).id
        for day in (2, 3, 4)
    ]
    check = journal.add_follow_up(
        {"kind": "lab_test", "title": "Blood test", "due": "2026-06-10"}, now=NOW
    ).id
    journal.add_relapse(
        {
            "onset": "2026-06-01T08:00",
            "description": '=HYPERLINK("http://example.invalid","click")',
            "areas": ["sensation", "walking"],
            "impact": "moderate",
            "recovered": "2026-06-12",
            "recovery": "partial",
            "confirmed": True,
            "treated_with": course,
            "notes": "@SUM(A1:A2)",
        },
        now=NOW,
    )
    journal.add_test_result(
        {
            "test": "igg",
            "taken": "2026-06-10",
            "value": "5.10",
            "unit": "g/L",
            "reference_low": "7.0",
            "reference_high": "16",
            "follow_up": check,
            "notes": "-before the infusion",
        },
        now=NOW,
    )
    journal.add_test_result(
        {"test": "jcv_status", "taken": "2026-06-10T09:30", "qualitative": "negative"}, now=NOW
    )
    return course, check


def test_the_zip_has_both_new_tables_beside_the_others(tmp_path: Path, catalog: Catalog) -> None:
    """relapses.csv and test_results.csv come with the four other tables, with plain headers."""
    tables = _zip_tables(csv_export.write_csv(JournalData(), catalog, tmp_path / "j.zip"))
    assert sorted(tables) == ALL_FILES
    assert _header(tables["relapses.csv"]) == RELAPSE_COLUMNS
    assert _header(tables["test_results.csv"]) == RESULT_COLUMNS
    assert tables["test_results.csv"] == ("\ufeff" + ",".join(RESULT_COLUMNS) + "\r\n").encode()


def test_a_folder_export_gets_the_two_new_files_too(tmp_path: Path, catalog: Catalog) -> None:
    """A folder export writes one file per table, the new ones private like the others."""
    folder = csv_export.write_csv(JournalData(), catalog, tmp_path / "export")
    assert sorted(p.name for p in folder.iterdir()) == ALL_FILES
    raw = (folder / "relapses.csv").read_bytes()
    assert raw == ("\ufeff" + ",".join(RELAPSE_COLUMNS) + "\r\n").encode()


def test_relapses_table_from_a_journal(tmp_path: Path, journal: Journal) -> None:
    """Dates, areas by id and in words, recovery, confirmed as yes, the course's ids; a
    description and notes that look like formulas reach the spreadsheet as text."""
    course, _ = _journal_with_entries(journal)
    out = csv_export.write_csv(journal.snapshot(), journal.catalog, tmp_path / "j.zip")
    (row,) = _read(_zip_tables(out)["relapses.csv"])
    assert row["id"].startswith("r-")
    assert row["onset"] == "2026-06-01 08:00"
    assert row["description"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert row["notes"] == "'@SUM(A1:A2)"
    assert row["areas"] == "sensation; walking"
    assert row["area_names"] == "Sensation (numbness, tingling); Walking"
    assert row["impact"] == "moderate"
    assert row["recovered"] == "2026-06-12"
    assert row["recovery"] == "partial"
    assert row["confirmed"] == "yes"
    assert row["treated_with"] == "; ".join(course)


def test_results_table_from_a_journal(tmp_path: Path, journal: Journal) -> None:
    """Values and the lab's range as written (5.10 stays 5.10), the unit, the marker outside
    the range, the follow-up's id, a date alone or a date and time as taken."""
    _, check = _journal_with_entries(journal)
    out = csv_export.write_csv(journal.snapshot(), journal.catalog, tmp_path / "j.zip")
    igg, jcv = _read(_zip_tables(out)["test_results.csv"])
    assert igg["id"].startswith("tr-")
    assert (igg["test"], igg["test_name"]) == ("igg", "IgG (immunoglobulin G)")
    assert igg["taken"] == "2026-06-10"
    assert (igg["value"], igg["unit"]) == ("5.10", "g/L")
    assert (igg["reference_low"], igg["reference_high"]) == ("7.0", "16")
    assert igg["outside_range"] == "below the lab's range"
    assert igg["follow_up"] == check
    assert igg["notes"] == "'-before the infusion"
    assert igg["qualitative"] == ""
    assert jcv["taken"] == "2026-06-10 09:30"
    assert (jcv["value"], jcv["unit"], jcv["qualitative"]) == ("", "", "negative")
    assert jcv["outside_range"] == "" and jcv["follow_up"] == ""


def test_numbers_are_written_as_entered_never_as_exponents(
    tmp_path: Path, catalog: Catalog
) -> None:
    """A tiny or round value is written out in full, and a negative number is a number (no
    apostrophe), unlike text starting with a minus."""
    data = JournalData(
        test_results=(
            result("tr-1", "other", "2026-06-10", "0.0000001", other_label="Trace", unit="mg/L"),
            result("tr-2", "other", "2026-06-10", "-2", other_label="Base excess", unit="mmol/L"),
            result("tr-3", "platelets", "2026-06-10", "1E+2", "150", "400", unit="×10⁹/L"),
        )
    )
    out = csv_export.write_csv(data, catalog, tmp_path / "j.zip")
    rows = _read(_zip_tables(out)["test_results.csv"])
    assert [r["value"] for r in rows] == ["0.0000001", "-2", "100"]
    assert [r["test_name"] for r in rows] == ["Trace", "Base excess", "Platelets"]
    assert rows[2]["outside_range"] == "below the lab's range"
    assert rows[2]["reference_low"] == "150" and rows[2]["unit"] == "×10⁹/L"
    assert csv_export.cell_text(Decimal("38.10")) == "38.10"


def test_formula_looking_ids_and_labels_are_neutralised(tmp_path: Path, catalog: Catalog) -> None:
    """Ids and labels from an imported file are text too: every cell is guarded."""
    data = JournalData(
        relapses=(
            relapse(
                "=1+1",
                "2026-06-01T08:00",
                description="+cmd",
                areas=("vision",),
                treated_with=("-inf", "inf-2"),
                recovered=date(2026, 6, 5),
                recovery="full",
            ),
        ),
        test_results=(
            result("@tr", "other", "2026-06-10", qualitative="=positive", other_label="=label"),
        ),
    )
    tables = _zip_tables(csv_export.write_csv(data, catalog, tmp_path / "j.zip"))
    (relapse_row,) = _read(tables["relapses.csv"])
    (result_row,) = _read(tables["test_results.csv"])
    assert relapse_row["id"] == "'=1+1" and relapse_row["description"] == "'+cmd"
    assert relapse_row["treated_with"] == "'-inf; inf-2"
    assert relapse_row["confirmed"] == "no" and relapse_row["area_names"] == "Vision"
    assert result_row["id"] == "'@tr"
    assert result_row["qualitative"] == "'=positive" and result_row["test_name"] == "'=label"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_tables_without_running_a_formula(
    tmp_path: Path, journal: Journal
) -> None:  # pragma: no cover - only where LibreOffice is installed
    """LibreOffice converts both files; no cell of the result is a formula."""
    openpyxl = pytest.importorskip("openpyxl")
    _journal_with_entries(journal)
    folder = csv_export.write_csv(journal.snapshot(), journal.catalog, tmp_path / "export")
    for name in ("relapses.csv", "test_results.csv"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), name],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=120,
        )
        book = openpyxl.load_workbook(tmp_path / name.replace(".csv", ".xlsx"))
        cells = [cell for row in book.active.iter_rows() for cell in row]
        assert cells and not any(cell.data_type == "f" for cell in cells)
