"""CSV export: tables read back match the journal; formulas are never run by a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from msjournal.demo import build_demo
from msjournal.exchange.csv_export import cell_text, csv_bytes, escape_formula, write_csv
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData, SideEffect
from tests.conftest import TODAY


def _read(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_formula_cells_are_escaped(text: str) -> None:
    """A cell that starts like a formula gets a leading apostrophe."""
    assert escape_formula(text) == "'" + text


def test_ordinary_text_and_numbers_are_left_alone() -> None:
    """Plain words, numbers, dates and yes/no stay as they are."""
    assert escape_formula("Headache after dose") == "Headache after dose"
    assert cell_text(Decimal("38.1")) == "38.1"
    assert cell_text(datetime(2026, 1, 2, 9, 30)) == "2026-01-02 09:30"
    assert cell_text(True) == "yes"
    assert cell_text(None) == ""


def test_formula_in_a_note_is_escaped_in_the_file(tmp_path: Path, catalog: Catalog) -> None:
    """A note like '=cmd|...' reaches the spreadsheet as text, with the rest intact."""
    effect = SideEffect("se-1", "headache", 4, datetime(2026, 3, 1, 10), notes="=cmd|' /C calc'!A0")
    out = write_csv(JournalData(side_effects=(effect,)), catalog, tmp_path / "export.zip")
    with zipfile.ZipFile(out) as archive:
        rows = _read(archive.read("side_effects.csv"))
    assert rows[0]["notes"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["symptom_name"] == "Headache"
    assert rows[0]["ongoing"] == "yes"


def test_zip_tables_match_the_demo_journal(tmp_path: Path, catalog: Catalog) -> None:
    """Every entry of every type comes back from the zip with its id, dates and values."""
    data = build_demo(1, today=TODAY)
    out = write_csv(data, catalog, tmp_path / "journal.zip")
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [
            "follow_ups.csv",
            "infusions.csv",
            "relapses.csv",
            "side_effects.csv",
            "temperatures.csv",
            "test_results.csv",
        ]
        infusions = _read(archive.read("infusions.csv"))
        temperatures = _read(archive.read("temperatures.csv"))
        follow_ups = _read(archive.read("follow_ups.csv"))
    assert [r["id"] for r in infusions] == [i.id for i in data.infusions]
    first = data.infusions[0]
    assert infusions[0]["start"] == first.start.strftime("%Y-%m-%d %H:%M")
    assert infusions[0]["lot"] == first.lot
    assert Decimal(infusions[0]["dose"]) == first.dose
    assert infusions[0]["temperature_before"] == str(first.vitals_before.temperature)
    assert [Decimal(r["value"]) for r in temperatures] == [t.value for t in data.temperatures]
    assert [r["due"] for r in follow_ups] == [f.due.isoformat() for f in data.follow_ups]


def test_folder_gets_one_csv_per_type_with_crlf_and_header(
    tmp_path: Path, catalog: Catalog
) -> None:
    """A folder export is private and has four files, each with a header row even when empty."""
    folder = write_csv(JournalData(), catalog, tmp_path / "export")
    if os.name == "posix":
        assert folder.stat().st_mode & 0o777 == 0o700
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "follow_ups.csv",
        "infusions.csv",
        "relapses.csv",
        "side_effects.csv",
        "temperatures.csv",
        "test_results.csv",
    ]
    raw = (folder / "temperatures.csv").read_bytes()
    assert raw == "\ufeffid,taken,value,unit,notes\r\n".encode("utf-8")


def test_non_ascii_text_survives(catalog: Catalog) -> None:
    """Accents and symbols come back unchanged from the UTF-8 file."""
    rows = _read(csv_bytes(["notes"], [["Müdigkeit, 38 °C, “quoted”"]]))
    assert rows[0]["notes"] == "Müdigkeit, 38 °C, “quoted”"


def test_a_single_csv_name_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    """Asking for one .csv file explains that the export needs a folder or a .zip."""
    with pytest.raises(JournalError, match="folder, or a file name ending in .zip"):
        write_csv(JournalData(), catalog, tmp_path / "journal.csv")
    assert not (tmp_path / "journal.csv").exists()
