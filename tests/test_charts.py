"""What the chart functions draw on a Figure, checked without a window."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.figure import Figure

from msjournal.charts import drawing as charts
from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import JournalData
from msjournal.rules import trends
from tests.builders import effect, infusion, journal_data, reading


@pytest.fixture
def data() -> JournalData:
    return journal_data(
        infusion("a", "2026-01-01T09:00"),
        infusion("b", "2026-01-29T09:00"),
        infusion("c", "2026-02-26T09:00", treatment="ocrelizumab"),
        effect("s1", "headache", "2026-01-01T15:00", 5, resolved="2026-01-02T08:00", infusion="a"),
        effect("s2", "fatigue", "2026-01-02T08:00", 4, resolved="2026-01-03T08:00"),
        effect("s3", "headache", "2026-01-29T16:00", 3, infusion="b"),
        effect("s4", "fatigue", "2026-02-24T08:00", 6, resolved="2026-02-25T20:00"),
        effect("s5", "nausea", "2026-02-26T10:00", 2, infusion="c"),
        reading("t1", "2026-01-01T20:00", "37.0"),
        reading("t2", "2026-01-02T08:00", "38.2"),
        reading("t3", "2026-01-03T08:00", "37.9"),
        reading("t4", "2026-01-04T08:00", "36.8"),
        temperature_unit="C",
        fever_threshold=Decimal("100.0"),
        fever_threshold_unit="F",
    )


def drawn(kind: str, data: JournalData, catalog: Catalog, **options: object) -> tuple[Figure, bool]:
    figure = charts.new_figure(10, 5.6)
    result = charts.draw_chart(kind, figure, data, catalog, **options)  # type: ignore[arg-type]
    return figure, result


def by_gid(figure: Figure, gid: str) -> list:
    return [a for ax in figure.axes for a in ax.get_children() if a.get_gid() == gid]


def test_one_line_per_chosen_symptom_named_in_the_legend(
    data: JournalData, catalog: Catalog
) -> None:
    """Choosing two symptoms draws two lines, labelled with the symptoms' plain names."""
    figure, ok = drawn("severity", data, catalog, symptoms=["headache", "fatigue"])
    assert ok
    lines = [
        line for line in figure.axes[0].get_lines() if (line.get_gid() or "").startswith("symptom:")
    ]
    assert [line.get_label() for line in lines] == ["Headache", "Tiredness"]
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "Headache" in legend and "Tiredness" in legend
    assert list(lines[0].get_ydata()) == [5, 3]


def test_an_infusion_marker_per_infusion_in_range(data: JournalData, catalog: Catalog) -> None:
    """Each infusion within the dates gets a marker; the one outside does not."""
    figure, _ = drawn("severity", data, catalog, start=date(2026, 1, 15), end=date(2026, 3, 31))
    (markers,) = by_gid(figure, "infusions")
    assert len(markers.get_xdata()) == 2
    assert "Natalizumab" in markers.get_label() and "Ocrelizumab" in markers.get_label()
    names = [t.get_text().strip() for t in by_gid(figure, "infusion-name")]
    assert names == ["Natalizumab", "Ocrelizumab (drip)"]


@pytest.mark.parametrize("kind", ["severity", "temperature"])
def test_infusion_names_stay_inside_the_chart(
    kind: str, data: JournalData, catalog: Catalog
) -> None:
    """The name of an infusion at the right edge is drawn whole, to the left of its line."""
    figure, _ = drawn(kind, data, catalog)
    figure.canvas.draw()
    names = by_gid(figure, "infusion-name")
    assert [t.get_text().strip() for t in names] == ["Natalizumab", "Ocrelizumab (drip)"]
    right = figure.axes[0].get_window_extent().x1
    assert all(t.get_window_extent().x1 <= right + 1 for t in names)
    assert names[-1].get_horizontalalignment() == "right"


def test_one_treatment_is_named_once(catalog: Catalog) -> None:
    """With one treatment, only the first infusion line carries its name (the legend has it too)."""
    figure, _ = drawn(
        "severity",
        journal_data(
            *(infusion(f"i{n}", f"2026-0{n}-01T09:00") for n in range(1, 5)),
            effect("s1", "headache", "2026-01-01T15:00", 5, infusion="i1"),
        ),
        catalog,
    )
    assert [t.get_text().strip() for t in by_gid(figure, "infusion-name")] == ["Natalizumab"]
    (markers,) = by_gid(figure, "infusions")
    assert len(markers.get_xdata()) == 4 and "Natalizumab" in markers.get_label()


def test_threshold_line_at_the_setting_in_the_persons_unit(
    data: JournalData, catalog: Catalog
) -> None:
    """The fever threshold (100.0 °F) is drawn at 37.78 °C for a person reading in °C."""
    figure, ok = drawn("temperature", data, catalog)
    assert ok
    (line,) = by_gid(figure, "fever-threshold")
    assert list(line.get_ydata()) == pytest.approx([37.7778, 37.7778], abs=1e-3)
    assert "100.0 °F" in line.get_label()


def test_readings_above_the_threshold_are_marked(data: JournalData, catalog: Catalog) -> None:
    """Exactly the readings above the threshold (38.2 and 37.9 °C) are marked."""
    figure, _ = drawn("temperature", data, catalog)
    (marked,) = by_gid(figure, "above-threshold")
    assert list(marked.get_ydata()) == pytest.approx([38.2, 37.9])


def test_cycle_chart_draws_the_computed_averages(data: JournalData, catalog: Catalog) -> None:
    """The average line follows trends.cycle_average, day 0 first."""
    figure, ok = drawn("cycle", data, catalog)
    assert ok
    (line,) = by_gid(figure, "cycle-average")
    expected = [d.mean for d in trends.cycle_average(trends.cycles(data))]
    assert list(line.get_ydata()) == pytest.approx(expected)
    assert line.get_xdata()[0] == 0
    assert by_gid(figure, "cycle-spread")


def test_each_cycle_can_be_drawn_or_shown_on_its_own(data: JournalData, catalog: Catalog) -> None:
    """each_cycle adds a faint line per cycle; cycle=1 shows only the second cycle."""
    figure, _ = drawn("cycle", data, catalog, each_cycle=True)
    assert (
        len([a for a in figure.axes[0].get_lines() if (a.get_gid() or "").startswith("cycle:")])
        == 3
    )
    figure, _ = drawn("cycle", data, catalog, cycle=1)
    lines = [a.get_gid() for a in figure.axes[0].get_lines()]
    assert "cycle:b" in lines and "cycle-average" not in lines


def test_per_infusion_chart_counts_and_worst(data: JournalData, catalog: Catalog) -> None:
    """One bar per infusion with its side-effect count, and the worst severity below."""
    figure, ok = drawn("per-infusion", data, catalog)
    assert ok
    (bars,) = by_gid(figure, "effect-counts")
    assert [path.vertices[:, 1].max() for path in bars.get_paths()] == [2, 1, 1]
    (worst,) = by_gid(figure, "worst-severity")
    assert list(worst.get_ydata()) == [5, 3, 2]


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_empty_journal_says_what_to_log(kind: str, catalog: Catalog) -> None:
    """With nothing logged, each chart returns False and says what to log."""
    figure, ok = drawn(kind, JournalData(), catalog)
    assert not ok
    assert figure.axes == []
    assert any("Log" in t.get_text() or "log" in t.get_text() for t in figure.texts)


def test_empty_range_names_the_period(data: JournalData, catalog: Catalog) -> None:
    """A range with nothing in it says which dates were looked at."""
    figure, ok = drawn("severity", data, catalog, start=date(2020, 1, 1), end=date(2020, 12, 31))
    assert not ok
    assert any("between 2020-01-01 and 2020-12-31" in t.get_text() for t in figure.texts)


def test_hovering_a_point_names_the_entry_behind_it(data: JournalData, catalog: Catalog) -> None:
    """The mouse over a headache point gives its symptom, severity and time."""
    figure, _ = drawn("severity", data, catalog, symptoms=["headache"])
    figure.canvas.draw()
    line = by_gid(figure, "symptom:headache")[0]
    x, y = line.get_transform().transform(line.get_xydata()[0])
    text = charts.entry_at(figure, MouseEvent("motion_notify_event", figure.canvas, x, y))
    assert text == "Headache: severity 5 of 10, started 2026-01-01 15:00"
    assert charts.entry_at(figure, MouseEvent("motion_notify_event", figure.canvas, 1, 1)) is None


def test_dark_theme_uses_its_background(data: JournalData, catalog: Catalog) -> None:
    """On the dark theme the figure and the axes take the dark background."""
    figure, _ = drawn("severity", data, catalog, theme=charts.ChartTheme.dark())
    assert figure.get_facecolor()[:3] == pytest.approx((30 / 255,) * 3)
    assert figure.axes[0].get_facecolor()[:3] == pytest.approx((30 / 255,) * 3)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_save_chart_writes_a_private_file(
    suffix: str, magic: bytes, data: JournalData, catalog: Catalog, tmp_path: Path
) -> None:
    """PNG and SVG are written by suffix, readable only by the person."""
    out, drawn = charts.save_chart("severity", data, catalog, tmp_path / f"chart{suffix}")
    assert drawn
    assert out.read_bytes().startswith(magic)
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [f"chart{suffix}"]


def test_save_chart_refuses_other_formats(
    data: JournalData, catalog: Catalog, tmp_path: Path
) -> None:
    """A .pdf name is refused with a message naming it, and nothing is written."""
    with pytest.raises(JournalError, match=r"chart\.pdf.*\.png or \.svg"):
        charts.save_chart("severity", data, catalog, tmp_path / "chart.pdf")
    assert list(tmp_path.iterdir()) == []


def test_png_bytes_for_the_summary(data: JournalData, catalog: Catalog) -> None:
    """The summary gets PNG bytes for a chart, and None when there is nothing to chart."""
    png = charts.chart_png_bytes("temperature", data, catalog)
    assert png is not None and png.startswith(b"\x89PNG")
    assert charts.chart_png_bytes("temperature", JournalData(), catalog) is None


def test_unknown_chart_kind_is_refused(data: JournalData, catalog: Catalog) -> None:
    """Asking for a chart kind that does not exist names the kind and the choices."""
    with pytest.raises(JournalError, match="'pie'.*severity"):
        drawn("pie", data, catalog)


def test_treatment_names_close_together_never_overlap(catalog: Catalog) -> None:
    """A steroid course in the middle of natalizumab: names that would cover each other are
    left to the legend (seen on the demo journal: 'Natalizumab' and the steroid drip's name
    were drawn on top of each other)."""
    figure = charts.new_figure(6, 4)  # a small window: names have little room
    charts.draw_chart(
        "severity",
        figure,
        journal_data(
            *(infusion(f"n{m}", f"2025-{m:02d}-01T09:00") for m in range(1, 13)),
            *(infusion(f"s{d}", f"2025-08-1{d}T09:00", "iv_methylprednisolone") for d in (2, 3, 4)),
            effect("s1", "headache", "2025-01-01T15:00", 5, infusion="n1"),
        ),
        catalog,
    )
    figure.canvas.draw()
    boxes = [t.get_window_extent() for t in by_gid(figure, "infusion-name")]
    assert boxes
    for first, second in zip(boxes, boxes[1:], strict=False):
        assert not first.overlaps(second)


def test_no_symptom_marker_looks_like_an_infusion_or_a_relapse() -> None:
    """Issue "Accessibility", minor: the infusion marker and a symptom's marker were both
    triangles that differed only by colour."""
    from msjournal.charts.chart_text import MARKERS

    assert "^" not in MARKERS and "*" not in MARKERS
    assert len(set(MARKERS)) == len(MARKERS)
