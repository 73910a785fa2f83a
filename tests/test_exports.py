"""The export dispatcher and the import preview, through a real journal."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.demo import build_demo, write_demo
from msjournal.exchange.exports import export
from msjournal.exchange.import_preview import preview_import
from msjournal.exchange.journal_format import read_file
from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from tests.conftest import TODAY


@pytest.fixture
def demo(tmp_path: Path) -> Journal:
    journal = write_demo(tmp_path / "demo.sqlite", 1, today=TODAY)
    yield journal
    journal.close()


def test_json_export_keeps_only_the_period(demo: Journal, tmp_path: Path) -> None:
    """A JSON export for a period holds just the entries dated within it."""
    out = export("json", demo, tmp_path / "out.json", date(2026, 3, 1), date(2026, 3, 31))
    document = json.loads(out.read_text(encoding="utf-8"))
    starts = [i["start"][:10] for i in document["infusions"]]
    assert starts and all("2026-03-01" <= s <= "2026-03-31" for s in starts)


@pytest.mark.parametrize("kind, name", [("json", "x.json"), ("csv", "x.zip"), ("ics", "x.ics")])
def test_every_kind_is_written_privately_and_completely(
    demo: Journal, tmp_path: Path, kind: str, name: str
) -> None:
    """Each export lands under the chosen name, readable by the owner only, no temp file left."""
    out = export(kind, demo, tmp_path / name)
    assert out == tmp_path / name and out.stat().st_size > 0
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_failed_export_leaves_the_old_file_untouched(
    demo: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while writing keeps the previous export as it was."""
    out = tmp_path / "x.zip"
    out.write_bytes(b"previous export")

    def broken(*_: object) -> bytes:
        raise RuntimeError("crash while writing")

    monkeypatch.setattr("msjournal.exchange.csv_export.csv_bytes", broken)
    with pytest.raises(RuntimeError):
        export("csv", demo, out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_unknown_kind_and_reversed_period_are_refused(demo: Journal, tmp_path: Path) -> None:
    """Bad requests get a clear message and write nothing."""
    with pytest.raises(JournalError, match="choose one of json, csv, ics"):
        export("xlsx", demo, tmp_path / "x.xlsx")
    with pytest.raises(JournalError, match="starts on 2026-05-01 after it ends"):
        export("json", demo, tmp_path / "x.json", date(2026, 5, 1), date(2026, 4, 1))
    assert list(tmp_path.glob("x.*")) == []


@pytest.mark.parametrize(
    "kind, name",
    [
        ("json", "x.ics"),
        ("json", "x"),
        ("ics", "x.json"),
        ("csv", "x.csv"),
        ("csv", "x.json"),
    ],
)
def test_out_name_of_another_format_is_refused(
    demo: Journal, tmp_path: Path, kind: str, name: str
) -> None:
    """An --out whose extension belongs to another format is refused, naming it; nothing written."""
    with pytest.raises(JournalError, match=rf"--out .*{name}.* does not fit a {kind} export"):
        export(kind, demo, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_cli_refuses_mismatched_out_without_traceback(
    demo: Journal, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """`msjournal export ics --out x.json` says what is wrong and writes nothing."""
    demo.close()
    code = main(
        [
            "export",
            "ics",
            "--journal",
            str(tmp_path / "demo.sqlite"),
            "--out",
            str(tmp_path / "x.json"),
        ]
    )
    err = capsys.readouterr().err
    assert code != 0 and "--out" in err and "x.json" in err and ".ics" in err
    assert "Traceback" not in err and not (tmp_path / "x.json").exists()


def test_cli_exports_csv_and_ics(
    demo: Journal, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """`msjournal export csv|ics` writes the files and says where."""
    demo.close()
    journal = str(tmp_path / "demo.sqlite")
    assert (
        main(
            [
                "export",
                "csv",
                "--journal",
                journal,
                "--out",
                str(tmp_path / "t.zip"),
                "--from",
                "2026-01-01",
            ]
        )
        == 0
    )
    assert main(["export", "ics", "--journal", journal, "--out", str(tmp_path / "t.ics")]) == 0
    assert "Wrote" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "t.zip") as archive:
        assert (
            "2026-01-01"
            <= archive.read("infusions.csv").decode("utf-8-sig").splitlines()[1].split(",")[3]
        )
    assert (tmp_path / "t.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_import_preview_counts_new_and_present(demo: Journal, tmp_path: Path) -> None:
    """The preview counts what an import adds per type and what is already there."""
    data = build_demo(1, today=TODAY)
    preview = preview_import(data, demo.existing_ids(), demo.plan() is not None)
    assert preview.total_new == 0
    assert preview.already_present["infusions"] == len(data.infusions)
    assert not preview.adds_plan

    out = export("json", demo, tmp_path / "all.json")
    with Journal.open(tmp_path / "empty.sqlite") as empty:
        parsed = read_file(out, empty.catalog)
        preview = preview_import(parsed, empty.existing_ids(), empty.plan() is not None)
        assert preview.new["temperatures"] == len(data.temperatures)
        assert preview.adds_plan
        assert f"{len(data.infusions)} new infusions" in preview.lines()
        counts = empty.add_records(parsed)
    assert counts.added == preview.new
