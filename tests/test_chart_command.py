"""`msjournal chart`: each chart kind to a file, and clear refusals for bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.demo import write_demo
from msjournal.journal import Journal


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chart") / "demo.sqlite"
    write_demo(path, years=1).close()
    return path


@pytest.mark.parametrize("kind", ["severity", "temperature", "cycle", "per-infusion"])
def test_each_kind_is_written_for_the_demo(
    kind: str, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every chart kind writes a PNG from the demo journal and says where."""
    out = tmp_path / f"{kind}.png"
    assert main(["chart", kind, "--journal", str(demo_path), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert capsys.readouterr().out.strip() == f"Wrote {out}"


def test_svg_with_dates_and_symptoms(demo_path: Path, tmp_path: Path) -> None:
    """An SVG for chosen symptoms and dates is written, naming the symptom in the legend."""
    out = tmp_path / "headache.svg"
    code = main(
        [
            "chart",
            "severity",
            "--journal",
            str(demo_path),
            "--out",
            str(out),
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
            "--symptom",
            "headache",
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "Headache" in text and "Tiredness" not in text


def test_empty_journal_still_writes_a_chart_that_says_what_to_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With nothing logged, the image is written and the message says so."""
    path = tmp_path / "empty.sqlite"
    Journal.open(path).close()
    out = tmp_path / "empty.png"
    assert main(["chart", "temperature", "--journal", str(path), "--out", str(out)]) == 0
    assert out.exists()
    assert "nothing to chart yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra, named",
    [
        (["--out", "chart.pdf"], "--out = 'chart.pdf'"),
        (["--out", "chart.png", "--from", "2026-13-01"], "--from = '2026-13-01'"),
        (["--out", "chart.png", "--to", "yesterday"], "--to = 'yesterday'"),
        (
            ["--out", "chart.png", "--from", "2026-05-01", "--to", "2026-04-01"],
            "--from = '2026-05-01'",
        ),
        (
            ["--out", "chart.png", "--symptom", "headache", "--symptom", "hedache"],
            "--symptom = 'hedache'",
        ),
    ],
)
def test_bad_options_are_named_and_nothing_is_written(
    extra: list[str],
    named: str,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bad extension, date or symptom id gives one line naming the option and value."""
    monkeypatch.chdir(tmp_path)
    assert main(["chart", "severity", "--journal", str(demo_path), *extra]) == 1
    error = capsys.readouterr().err
    assert named in error and error.count("\n") == 1 and "Traceback" not in error
    assert list(tmp_path.iterdir()) == []


def test_missing_journal_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Charting a journal that does not exist says how to make one, and writes nothing."""
    out = tmp_path / "chart.png"
    assert (
        main(["chart", "cycle", "--journal", str(tmp_path / "none.sqlite"), "--out", str(out)]) == 1
    )
    assert "No journal at" in capsys.readouterr().err
    assert not out.exists()
