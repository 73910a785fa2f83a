"""The results chart (one lab test over time, the lab's range as a band) and relapse onsets on
the severity chart: checked on the Figure's artists, and through `msjournal chart results`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from msjournal.charts import drawing as charts
from msjournal.cli.main import main
from msjournal.journal import Journal
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData
from tests.builders import effect, infusion, journal_data, relapse, result

LYMPH = "×10⁹/L"


@pytest.fixture
def data() -> JournalData:
    return journal_data(
        infusion("a", "2026-01-05T09:00"),
        infusion("b", "2026-02-02T09:00"),
        infusion("c", "2026-03-02T09:00"),
        infusion("old", "2025-06-01T09:00"),
        result("r1", "lymphocytes", "2026-01-02", "1.6", "1.0", "4.0", unit=LYMPH),
        result("r2", "lymphocytes", "2026-01-30T08:30", "0.7", "1.0", "4.0", unit=LYMPH),
        result("r3", "lymphocytes", "2026-02-27", "1.2", "0.8", "3.5", unit="10^9/L"),
        result("r4", "lymphocytes", "2026-03-20", "1.1", unit=LYMPH),  # no range on the report
        result("r5", "lymphocytes", "2026-03-25", "900", "1000", "4000", unit="cells/µL"),
        result("r6", "lymphocytes", "2026-04-01", "1.3", "1.0", None, unit=LYMPH),
        result("j1", "jcv_status", "2026-01-02", qualitative="negative"),
        result("g1", "igg", "2026-01-02", qualitative="low"),  # words only, for a number test
        effect("s1", "headache", "2026-01-05T15:00", 5, infusion="a"),
        effect("s2", "fatigue", "2026-02-20T08:00", 4),
        relapse("rl1", "2026-02-10T10:00", confirmed=True),
        relapse("rl2", "2025-05-01T10:00"),
    )


def drawn(kind: str, data: JournalData, catalog: Catalog, **options: object) -> tuple[Figure, bool]:
    figure = charts.new_figure(10, 5.6)
    ok = charts.draw_chart(kind, figure, data, catalog, **options)  # type: ignore[arg-type]
    return figure, ok


def by_gid(figure: Figure, gid: str) -> list:
    return [a for ax in figure.axes for a in ax.get_children() if a.get_gid() == gid]


def texts(figure: Figure) -> str:
    return "\n".join(t.get_text() for t in figure.texts)


# ----- the results chart -----


def test_values_over_time_joined_by_a_line(data: JournalData, catalog: Catalog) -> None:
    """The results in the latest unit are drawn oldest first, joined by one line, titled with the
    test's name and with the unit on the y axis."""
    figure, ok = drawn("results", data, catalog, test="lymphocytes")
    assert ok
    (line,) = by_gid(figure, "results")
    assert list(line.get_ydata()) == pytest.approx([1.6, 0.7, 1.2, 1.1, 1.3])
    assert line.get_linestyle() == "-"
    assert figure.get_suptitle() == "Lymphocytes"
    assert figure.axes[0].get_ylabel() == f"Result ({LYMPH})"


def test_band_follows_each_reports_range(data: JournalData, catalog: Catalog) -> None:
    """One shaded box per result with a range, at that report's own low and high; a result without
    a range leaves a gap; a range with only a low end is shaded up to the top of the chart."""
    figure, _ = drawn("results", data, catalog, test="lymphocytes")
    (band,) = by_gid(figure, "reference-range")
    assert isinstance(band, PolyCollection)
    assert band.get_label() == "The lab's range (from each report)"
    ends = [y for p in band.get_paths() for y in (p.vertices[:, 1].min(), p.vertices[:, 1].max())]
    top = figure.axes[0].get_ylim()[1]
    assert ends == pytest.approx([1.0, 4.0, 1.0, 4.0, 0.8, 3.5, 1.0, top])
    # Each box reaches halfway to its neighbours: the change of lab is a step between results.
    lefts = [p.vertices[:, 0].min() for p in band.get_paths()]
    rights = [p.vertices[:, 0].max() for p in band.get_paths()]
    assert rights[0] == pytest.approx(lefts[1]) and rights[1] == pytest.approx(lefts[2])
    assert "The lab's range (from each report)" in [
        t.get_text() for t in figure.axes[0].get_legend().get_texts()
    ]


def test_out_of_range_point_has_its_own_marker(data: JournalData, catalog: Catalog) -> None:
    """The result below its range is a cross, not a dot: told apart by shape, not only colour."""
    figure, _ = drawn("results", data, catalog, test="lymphocytes")
    (line,) = by_gid(figure, "results")
    (outside,) = by_gid(figure, "outside-range")
    assert isinstance(outside, Line2D)
    assert line.get_marker() == "o" and outside.get_marker() == "X"
    assert list(outside.get_ydata()) == pytest.approx([0.7])
    assert list(line.get_markevery()) == [0, 2, 3, 4]  # no dot under the cross
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "Outside the lab's range" in legend


def test_infusions_are_marked_along_the_time_axis(data: JournalData, catalog: Catalog) -> None:
    """Each infusion in the period gets a triangle and a dotted line, as on the other charts."""
    figure, _ = drawn(
        "results", data, catalog, test="lymphocytes", start=date(2026, 1, 1), end=date(2026, 4, 30)
    )
    (markers,) = by_gid(figure, "infusions")
    assert len(markers.get_xdata()) == 3
    assert markers.get_marker() == "^" and "Natalizumab" in markers.get_label()
    assert by_gid(figure, "infusion-lines")


def test_the_period_limits_the_results(data: JournalData, catalog: Catalog) -> None:
    """Only the results taken within the chosen dates are drawn."""
    figure, _ = drawn(
        "results", data, catalog, test="lymphocytes", start=date(2026, 1, 15), end=date(2026, 3, 1)
    )
    (line,) = by_gid(figure, "results")
    assert list(line.get_ydata()) == pytest.approx([0.7, 1.2])


def test_other_units_are_left_out_and_said(data: JournalData, catalog: Catalog) -> None:
    """'10^9/L' is the same unit as '×10⁹/L' and is drawn; cells/µL is another scale, left out and
    counted under the chart."""
    figure, _ = drawn("results", data, catalog, test="lymphocytes")
    note = figure.axes[0].get_xlabel()
    assert f"Only results in {LYMPH} are drawn" in note and "1 in cells/µL left out" in note


def test_pointing_at_the_cross_names_the_result(data: JournalData, catalog: Catalog) -> None:
    """The text under the mouse reads as the result does elsewhere, with its side of the range."""
    figure, _ = drawn("results", data, catalog, test="lymphocytes")
    figure.canvas.draw()
    (outside,) = by_gid(figure, "outside-range")
    x, y = outside.get_transform().transform(outside.get_xydata()[0])
    text = charts.entry_at(figure, MouseEvent("motion_notify_event", figure.canvas, x, y))
    assert text == (
        f"2026-01-30 08:30: Lymphocytes: 0.7 {LYMPH} (lab range 1.0–4.0), below the lab's range"
    )


def test_no_numeric_results_says_so(data: JournalData, catalog: Catalog) -> None:
    """A number test with only a result in words, or none at all, is not drawn: the chart says
    so in words."""
    figure, ok = drawn("results", data, catalog, test="igg")
    assert not ok and figure.axes == []
    assert "No IgG (immunoglobulin G) results with a number yet" in texts(figure)
    assert "1 result in this period are in words only" in texts(figure)
    figure, ok = drawn("results", data, catalog, test="tsh")
    assert not ok and "No TSH (thyroid test) results logged yet" in texts(figure)
    figure, ok = drawn(
        "results", data, catalog, test="lymphocytes", start=date(2020, 1, 1), end=date(2020, 2, 1)
    )
    assert not ok and "between 2020-01-01 and 2020-02-01" in texts(figure)


def test_without_a_test_the_chart_asks_for_one(data: JournalData, catalog: Catalog) -> None:
    figure, ok = drawn("results", data, catalog)
    assert not ok and "Choose a test to chart." in texts(figure)
    figure, ok = drawn("results", JournalData(), catalog)
    assert not ok and "No test results logged yet" in texts(figure)


@pytest.mark.parametrize(
    "test, named",
    [
        ("jcv_status", r"'jcv_status': JCV antibody status is a result in words"),
        ("lymfocytes", r"'lymfocytes': not a lab test id.*lymphocytes"),
        ("other", r"'other': results of other tests"),
    ],
)
def test_words_only_and_unknown_tests_are_refused(
    test: str, named: str, data: JournalData, catalog: Catalog
) -> None:
    with pytest.raises(JournalError, match=named):
        drawn("results", data, catalog, test=test)


def test_dark_theme_keeps_band_and_markers(data: JournalData, catalog: Catalog) -> None:
    """On the dark background the band is a little stronger; the shapes are the same."""
    figure, _ = drawn("results", data, catalog, test="lymphocytes", theme=charts.ChartTheme.dark())
    (band,) = by_gid(figure, "reference-range")
    assert band.get_alpha() > charts.ChartTheme.light().band_alpha
    assert by_gid(figure, "outside-range")[0].get_marker() == "X"


def test_save_chart_for_one_test(data: JournalData, catalog: Catalog, tmp_path: Path) -> None:
    out, ok = charts.save_chart(
        "results", data, catalog, tmp_path / "lymph.svg", test="lymphocytes"
    )
    assert ok and "Lymphocytes" in out.read_text(encoding="utf-8")


# ----- relapse onsets on the severity chart -----


def test_relapse_onset_is_marked_on_the_severity_chart(data: JournalData, catalog: Catalog) -> None:
    """A star and a dash-dot line at the onset, named 'Relapse (onset)' in the legend."""
    figure, _ = drawn("severity", data, catalog, start=date(2026, 1, 1), end=date(2026, 4, 30))
    (stars,) = by_gid(figure, "relapses")
    assert stars.get_marker() == "*" and len(stars.get_xdata()) == 1
    assert stars.get_label() == "Relapse (onset)"
    (lines,) = by_gid(figure, "relapse-lines")
    assert lines.get_linestyle()[0][1] is not None  # dashed, unlike a solid data line
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "Relapse (onset)" in legend
    figure.canvas.draw()
    x, y = stars.get_transform().transform(stars.get_xydata()[0])
    text = charts.entry_at(figure, MouseEvent("motion_notify_event", figure.canvas, x, y))
    assert text is not None and text.startswith("Relapse, started 2026-02-10 10:00 (moderate")
    assert "confirmed by your care team" in text


def test_relapses_outside_the_period_are_not_marked(data: JournalData, catalog: Catalog) -> None:
    figure, _ = drawn("severity", data, catalog, start=date(2026, 2, 15), end=date(2026, 4, 30))
    assert figure.axes and by_gid(figure, "relapses") == []


def test_all_dates_widen_to_an_earlier_relapse(data: JournalData, catalog: Catalog) -> None:
    """With no period, a relapse before the first side effect still falls inside the chart."""
    figure, _ = drawn("severity", data, catalog)
    (stars,) = by_gid(figure, "relapses")
    left, right = figure.axes[0].get_xlim()
    assert all(left <= x <= right for x in stars.get_xydata()[:, 0])


# ----- msjournal chart results -----


@pytest.fixture
def journal_file(tmp_path: Path, data: JournalData) -> Path:
    path = tmp_path / "results.sqlite"
    with Journal.open(path) as journal:
        journal.add_records(data)
    return path


def test_cli_writes_the_results_chart(
    journal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lymph.png"
    code = main(
        ["chart", "results", "--test", "lymphocytes", "--journal", str(journal_file)]
        + ["--out", str(out), "--from", "2026-01-01", "--to", "2026-04-30"]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert capsys.readouterr().out.strip() == f"Wrote {out}"


def test_cli_svg_names_the_test(journal_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "lymph.svg"
    assert (
        main(
            ["chart", "results", "--test", "lymphocytes", "--journal", str(journal_file)]
            + ["--out", str(out)]
        )
        == 0
    )
    assert "Lymphocytes" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extra, named",
    [
        ([], "needs --test ID"),
        (["--test", "lymfocytes"], "--test = 'lymfocytes': not a lab test id"),
        (["--test", "jcv_status"], "--test = 'jcv_status': JCV antibody status"),
        (["--test", ""], "needs --test ID"),
    ],
)
def test_cli_missing_or_unknown_test_is_named_with_the_known_ids(
    extra: list[str],
    named: str,
    journal_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One line naming the value and listing the test ids, exit 1 like the other usage errors,
    no traceback, nothing written."""
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    code = main(["chart", "results", "--journal", str(journal_file), "--out", "r.png", *extra])
    assert code == 1
    error = capsys.readouterr().err
    assert named in error and error.count("\n") == 1 and "Traceback" not in error
    assert "lymphocytes, neutrophils" in error
    assert "with results in this journal: lymphocytes" in error
    assert set(tmp_path.iterdir()) == before


def test_cli_test_with_another_chart_is_refused(
    journal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.png"
    code = main(
        ["chart", "severity", "--test", "igg", "--journal", str(journal_file), "--out", str(out)]
    )
    assert code == 1
    assert "--test = 'igg': --test is for the results chart only" in capsys.readouterr().err
    assert not out.exists()


def test_cli_results_with_nothing_to_chart_says_so(
    journal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tsh.png"
    code = main(
        ["chart", "results", "--test", "tsh", "--journal", str(journal_file), "--out", str(out)]
    )
    assert code == 0 and out.exists()
    assert "nothing to chart yet" in capsys.readouterr().out
