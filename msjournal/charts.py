"""The trend charts, drawn on a matplotlib Figure: for the window, the command line and the PDF.

The numbers come from msjournal.trends; this module only draws them. Colours are the
Okabe-Ito set (safe for colour-blind eyes), and every series also differs in marker shape.
Each drawn point carries a short text about the entry behind it (see entry_at).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from statistics import median
from typing import Any, BinaryIO

from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.collections import PolyCollection
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from msjournal import trends
from msjournal.catalog import Catalog
from msjournal.errors import JournalError
from msjournal.files import write_atomic
from msjournal.period import within_period
from msjournal.records import JournalData, SideEffect
from msjournal.temperature import threshold_text

CHART_KINDS = ("severity", "temperature", "cycle", "per-infusion")
CHART_TITLES = {
    "severity": "Side effects over time",
    "temperature": "Temperature readings",
    "cycle": "Side effects through the infusion cycle",
    "per-infusion": "Side effects after each infusion",
}
SAVE_FORMATS = (".png", ".svg")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
LINE_STYLES = ("-", "--", "-.", ":")
LABEL_EVERY_INFUSION_UP_TO = 6
LINES_FOR_INFUSIONS_UP_TO = 40  # beyond this the dotted lines would hide the data
_HOVER = "_msjournal_entries"


@dataclass(frozen=True)
class ChartTheme:
    """Colours and text size; the series colours are Okabe-Ito, ordered for the background."""

    background: str = "#ffffff"
    foreground: str = "#1a1a1a"
    muted: str = "#6b6b6b"
    grid: str = "#d9d9d9"
    alert: str = "#D55E00"
    series: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7",
                               "#56B4E9", "#D55E00", "#000000", "#F0E442")
    font_size: float = 13.0

    @classmethod
    def light(cls, font_size: float = 13.0) -> ChartTheme:
        return cls(font_size=font_size)

    @classmethod
    def dark(cls, font_size: float = 13.0) -> ChartTheme:
        return cls("#1e1e1e", "#f0f0f0", "#a8a8a8", "#444444", "#FF7F3F",
                   ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00",
                    "#FFFFFF", "#0072B2"), font_size)

    def sized(self, font_size: float) -> ChartTheme:
        return replace(self, font_size=font_size)


@dataclass(frozen=True)
class _Request:
    data: JournalData
    catalog: Catalog
    start: date | None
    end: date | None
    symptoms: Sequence[str] | None
    theme: ChartTheme
    cycle: int | None
    each_cycle: bool


def draw_chart(kind: str, figure: Figure, data: JournalData, catalog: Catalog,
               start: date | None = None, end: date | None = None,
               symptoms: Sequence[str] | None = None, theme: ChartTheme | None = None,
               cycle: int | None = None, each_cycle: bool = False) -> bool:
    """Draw one chart on `figure`; False (with a note saying what to log) when there is nothing to draw.

    For the cycle chart, `cycle` picks one cycle (index into trends.cycles) to show on its own,
    and `each_cycle` draws every cycle faintly behind the average.
    """
    if kind not in CHART_KINDS:
        raise JournalError(f"chart {kind!r}: choose one of {', '.join(CHART_KINDS)}.")
    request = _Request(data, catalog, start, end, symptoms, theme or ChartTheme.light(), cycle,
                       each_cycle)
    figure.clear()
    setattr(figure, _HOVER, [])
    figure.set_facecolor(request.theme.background)
    figure.set_layout_engine("constrained")
    return _DRAWERS[kind](figure, request)


def save_chart(kind: str, data: JournalData, catalog: Catalog, out: Path,
               start: date | None = None, end: date | None = None,
               symptoms: Sequence[str] | None = None) -> Path:
    """Write the chart as PNG or SVG (by the file's suffix), atomically and private to the person."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SAVE_FORMATS:
        raise JournalError(f"{out}: a chart is saved as .png or .svg; choose a name ending in one.")
    figure = new_figure(10.0, 5.6)
    draw_chart(kind, figure, data, catalog, start, end, symptoms)
    return write_figure(figure, out)


def write_figure(figure: Figure, out: Path, dpi: int = 120) -> Path:
    """Save an already drawn figure as PNG or SVG (by suffix) through write_atomic."""
    fmt = Path(out).suffix.lower().lstrip(".")

    def write(handle: BinaryIO) -> None:
        figure.savefig(handle, format=fmt, dpi=dpi, facecolor=figure.get_facecolor(),
                       metadata={"Software": "msjournal"} if fmt == "png" else {"Creator": "msjournal"})

    return write_atomic(Path(out), write)


def chart_png_bytes(kind: str, data: JournalData, catalog: Catalog,
                    start: date | None = None, end: date | None = None,
                    symptoms: Sequence[str] | None = None, width_in: float = 7.0,
                    height_in: float = 3.2, dpi: int = 150) -> bytes | None:
    """The chart as PNG bytes for the PDF summary; None when there is nothing to chart."""
    figure = new_figure(width_in, height_in)
    if not draw_chart(kind, figure, data, catalog, start, end, symptoms, ChartTheme.light(9.0)):
        return None
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def new_figure(width_in: float, height_in: float) -> Figure:
    """An off-screen figure (Agg canvas attached)."""
    figure = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(figure)
    return figure


def entry_at(figure: Figure, event: MouseEvent) -> str | None:
    """The text about the entry under the mouse, if the event is over a drawn point or bar."""
    for artist, texts in getattr(figure, _HOVER, []):
        hit, info = artist.contains(event)
        if hit:
            found = info.get("ind", [0])
            return texts[found[0]] if len(found) else texts[0]
    return None


def entry_texts(figure: Figure) -> list[tuple[Artist, tuple[str, ...]]]:
    """Every drawn artist that describes entries, with one text per point."""
    return list(getattr(figure, _HOVER, []))


def _describe(figure: Figure, artist: Artist, texts: Sequence[str]) -> None:
    getattr(figure, _HOVER).append((artist, tuple(texts)))


# ----- shared drawing -----

def _axes(figure: Figure, theme: ChartTheme, *args: Any, **kwargs: Any) -> Axes:
    ax = figure.add_subplot(*args, **kwargs)
    ax.set_facecolor(theme.background)
    for spine in ax.spines.values():
        spine.set_color(theme.muted)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(colors=theme.foreground, labelsize=theme.font_size * 0.9, length=5)
    ax.grid(True, color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def _label(ax: Axes, theme: ChartTheme, x: str | None, y: str) -> None:
    if x:
        ax.set_xlabel(x, fontsize=theme.font_size, color=theme.foreground)
    ax.set_ylabel(y, fontsize=theme.font_size, color=theme.foreground)


def _title(ax: Axes, theme: ChartTheme, text: str) -> None:
    ax.figure.suptitle(text, fontsize=theme.font_size * 1.25, color=theme.foreground, x=0.01,
                       ha="left", fontweight="bold")


def _date_axis(ax: Axes, theme: ChartTheme, first: date, last: date) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=True))
    ax.xaxis.get_offset_text().set_fontsize(theme.font_size * 0.9)
    ax.xaxis.get_offset_text().set_color(theme.foreground)
    pad = timedelta(days=max(1, (last - first).days // 40))
    ax.set_xlim(first - pad, last + pad)


def _legend(ax: Axes, theme: ChartTheme, columns: int = 3) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0),
                       ncols=_legend_columns(ax.figure, theme, labels, columns),
                       fontsize=theme.font_size * 0.9, frameon=False, borderaxespad=0.2,
                       handlelength=2.4)
    for text in legend.get_texts():
        text.set_color(theme.foreground)


def _legend_columns(figure: Figure, theme: ChartTheme, labels: Sequence[str], most: int) -> int:
    """As many legend columns as fit the figure's width, so large text wraps instead of overflowing."""
    widest = max(len(label) for label in labels)
    column_points = (widest * 0.6 + 4) * theme.font_size * 0.9
    fit = int(figure.get_figwidth() * 72 // column_points)
    return max(1, min(most, len(labels), fit))


def _empty(figure: Figure, theme: ChartTheme, title: str, message: str) -> bool:
    figure.text(0.5, 0.62, title, ha="center", va="center", fontsize=theme.font_size * 1.3,
                color=theme.foreground, fontweight="bold")
    figure.text(0.5, 0.42, message, ha="center", va="center", fontsize=theme.font_size,
                color=theme.foreground, wrap=True, linespacing=1.5)
    return False


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"between {start.isoformat()} and {end.isoformat()}"
    if start:
        return f"since {start.isoformat()}"
    if end:
        return f"up to {end.isoformat()}"
    return "yet"


def _span(request: _Request, shown: JournalData) -> tuple[date, date]:
    found = trends.data_span(shown) or (date.today(), date.today())
    return request.start or found[0], request.end or found[1]


def _symptom_label(catalog: Catalog, symptom: str, other_label: str = "") -> str:
    return catalog.symptom_name(symptom, other_label)


def _effect_text(catalog: Catalog, effect: SideEffect) -> str:
    when = effect.onset.strftime("%Y-%m-%d %H:%M")
    name = _symptom_label(catalog, effect.symptom, effect.other_label)
    lasted = ", still going on" if effect.resolved is None else ""
    return f"{name}: severity {effect.severity} of 10, started {when}{lasted}"


def _mark_infusions(ax: Axes, request: _Request, marks: Sequence[trends.InfusionMark]) -> None:
    """A dotted line and a triangle at the foot of the chart for each infusion, named by treatment."""
    if not marks:
        return
    theme, catalog = request.theme, request.catalog
    days = [m.day for m in marks]
    crowded = len(marks) > LINES_FOR_INFUSIONS_UP_TO
    if not crowded:
        ax.vlines(days, 0, 1, transform=ax.get_xaxis_transform(), colors=theme.muted,
                  linestyles=":", linewidth=1.2, zorder=0, gid="infusion-lines")
    names = sorted({catalog.treatment_name(m.treatment) for m in marks})
    label = f"Infusion ({', '.join(names)})" if len(names) <= 2 else "Infusion"
    (line,) = ax.plot(days, [0.02] * len(days), transform=ax.get_xaxis_transform(), linestyle="none",
                      marker="^", markersize=7 if crowded else 11, color=theme.foreground, label=label,
                      gid="infusions", clip_on=False, zorder=4)
    _describe(ax.figure, line, [f"Infusion on {m.day.isoformat()}: "
                                f"{catalog.treatment_name(m.treatment)}" for m in marks])
    _name_infusions(ax, request, marks)


def _name_infusions(ax: Axes, request: _Request, marks: Sequence[trends.InfusionMark]) -> None:
    everyone = len(marks) <= LABEL_EVERY_INFUSION_UP_TO
    previous = None
    for mark in marks:
        if everyone or mark.treatment != previous:
            ax.text(mark.day, 0.985, " " + request.catalog.treatment_name(mark.treatment),
                    transform=ax.get_xaxis_transform(), ha="left", va="top",
                    fontsize=request.theme.font_size * 0.8, color=request.theme.muted,
                    gid="infusion-name", clip_on=True)
        previous = mark.treatment


# ----- severity over time -----

def _draw_severity(figure: Figure, request: _Request) -> bool:
    theme, catalog = request.theme, request.catalog
    shown = within_period(request.data, request.start, request.end)
    series = [s for s in trends.severity_series(request.data, request.symptoms, request.start,
                                                request.end)]
    if not any(s.points for s in series):
        return _empty(figure, theme, CHART_TITLES["severity"], _no_effects_text(request))
    ax = _axes(figure, theme)
    first, last = _span(request, shown)
    bucket = trends.bucket_days(first, last)
    for index, one in enumerate(series):
        _severity_line(ax, request, index, one, bucket)
    _mark_infusions(ax, request, trends.infusion_marks(request.data, request.start, request.end))
    by_week = bucket > 1
    _date_axis(ax, theme, first, last)
    ax.set_ylim(-1.0, 10.6)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    _label(ax, theme, None, "Weekly worst (0–10)" if by_week else "Severity (0–10)")
    _title(ax, theme, CHART_TITLES["severity"])
    _legend(ax, theme)
    return True


def _severity_line(ax: Axes, request: _Request, index: int, one: trends.SymptomSeries,
                   bucket: int) -> None:
    theme = request.theme
    colour = theme.series[index % len(theme.series)]
    style = LINE_STYLES[index // len(MARKERS) % len(LINE_STYLES)]
    days = [p.day for p in one.points]
    severities = [p.severity for p in one.points]
    gap_xs, gap_ys = _break_gaps(days, severities, timedelta(days=2 * bucket))
    ax.plot(gap_xs, gap_ys, color=colour, linestyle=style, linewidth=2, label="_nolegend_")
    (line,) = ax.plot(
        days, severities, color=colour, marker=MARKERS[index % len(MARKERS)], linestyle="none",
        markersize=8 if len(one.points) < 120 else 5,
        label=_symptom_label(request.catalog, one.symptom, one.other_label), gid=f"symptom:{one.symptom}",
    )
    _describe(ax.figure, line, [_point_text(request.catalog, p) for p in one.points])


def _break_gaps(days: Sequence[date], values: Sequence[float],
                longest: timedelta) -> tuple[list[date], list[float]]:
    """Connect only neighbouring points: a symptom absent for a while is not drawn as lasting."""
    xs: list[date] = []
    ys: list[float] = []
    for day, value in zip(days, values):
        if xs and day - xs[-1] > longest:
            xs.append(xs[-1] + (day - xs[-1]) / 2)
            ys.append(float("nan"))
        xs.append(day)
        ys.append(value)
    return xs, ys


def _point_text(catalog: Catalog, point: trends.SeverityPoint) -> str:
    text = _effect_text(catalog, max(point.entries, key=lambda e: e.severity))
    more = len(point.entries) - 1
    return text + (f" (and {more} more that week)" if more > 0 else "")


def _no_effects_text(request: _Request) -> str:
    if not request.data.side_effects:
        return ("No side effects logged yet.\nWhen you log a side effect (what you felt and how bad, "
                "0 to 10),\nit shows here over time, with your infusions marked.")
    if request.symptoms is not None and not request.symptoms:
        return "Choose one or more symptoms to chart."
    chosen = ""
    if request.symptoms:
        names = [_symptom_label(request.catalog, s) for s in request.symptoms]
        chosen = f" for {', '.join(names)}"
    return (f"No side effects logged{chosen} {_period_text(request.start, request.end)}.\n"
            "Choose a longer period or other symptoms.")


# ----- temperature -----

def _draw_temperature(figure: Figure, request: _Request) -> bool:
    theme = request.theme
    series = trends.temperature_series(request.data, request.start, request.end)
    if not series.points:
        return _empty(figure, theme, CHART_TITLES["temperature"], _no_readings_text(request))
    ax = _axes(figure, theme)
    _temperature_line(ax, request, series)
    _threshold(ax, request, series)
    _mark_infusions(ax, request, trends.infusion_marks(request.data, request.start, request.end))
    values = [p.value for p in series.points] + [series.threshold]
    step = 0.5 if series.unit == "C" else 1.0
    ax.set_ylim(min(values) - 2 * step, max(values) + 2 * step)
    first, last = _span(request, within_period(request.data, request.start, request.end))
    _date_axis(ax, theme, first, last)
    _label(ax, theme, None, f"Temperature (°{series.unit})")
    _title(ax, theme, CHART_TITLES["temperature"])
    _legend(ax, theme, columns=2)
    return True


def _temperature_line(ax: Axes, request: _Request, series: trends.TemperatureSeries) -> None:
    theme, unit = request.theme, series.unit
    (line,) = ax.plot([p.taken for p in series.points], [p.value for p in series.points],
                      color=theme.series[0], linewidth=1.6, marker="o",
                      markersize=5 if len(series.points) < 200 else 0, gid="temperatures",
                      label="Highest reading each day" if series.by_day else "Reading")
    _describe(ax.figure, line, [_reading_text(p, unit) for p in series.points])


def _reading_text(point: trends.TemperaturePoint, unit: str) -> str:
    above = ", above your fever threshold" if point.above else ""
    count = f" (highest of {point.readings} that day)" if point.readings > 1 else ""
    return f"{point.value:.1f} °{unit} on {point.taken.strftime('%Y-%m-%d %H:%M')}{above}{count}"


def _threshold(ax: Axes, request: _Request, series: trends.TemperatureSeries) -> None:
    theme = request.theme
    ax.axhline(series.threshold, color=theme.alert, linestyle="--", linewidth=2.2,
               label=f"Fever threshold {threshold_text(request.data.settings)}", gid="fever-threshold")
    above = series.above
    if not above:
        return
    (marks,) = ax.plot([p.taken for p in above], [p.value for p in above], linestyle="none",
                       marker="o", markersize=12, markerfacecolor=theme.alert,
                       markeredgecolor=theme.foreground, markeredgewidth=1.2, zorder=5,
                       label="Above the fever threshold", gid="above-threshold")
    _describe(ax.figure, marks, [_reading_text(p, series.unit) for p in above])


def _no_readings_text(request: _Request) -> str:
    if not request.data.temperatures:
        return ("No temperature readings logged yet.\nLog your temperature when you feel hot or "
                "shivery, and in the days after an infusion;\nit shows here with your fever threshold.")
    return (f"No temperature readings logged {_period_text(request.start, request.end)}.\n"
            "Choose a longer period.")


# ----- infusion cycle -----

def _draw_cycle(figure: Figure, request: _Request) -> bool:
    theme = request.theme
    found = trends.cycles(request.data, request.symptoms, request.start, request.end)
    if not found or not any(any(c.severities) for c in found):
        return _empty(figure, theme, CHART_TITLES["cycle"], _no_cycles_text(request, bool(found)))
    ax = _axes(figure, theme)
    if request.cycle is not None and 0 <= request.cycle < len(found):
        _one_cycle(ax, request, found[request.cycle], request.theme.series[0], label_it=True)
        title = f"Cycle after the infusion on {found[request.cycle].start.isoformat()}"
    else:
        _average_cycle(ax, request, found)
        title = CHART_TITLES["cycle"]
    _usual_next_dose(ax, request, found)
    ax.set_ylim(0, 10.6)
    ax.set_xlim(-0.5, max(c.length for c in found) - 0.5)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    ax.xaxis.set_major_locator(MultipleLocator(7))
    _label(ax, theme, "Days since the infusion (day 0 is the infusion day)", "Worst severity that day (0–10)")
    _title(ax, theme, title)
    _legend(ax, theme)
    return True


def _average_cycle(ax: Axes, request: _Request, found: Sequence[trends.Cycle]) -> None:
    theme = request.theme
    if request.each_cycle:
        for index, cycle in enumerate(found):
            _one_cycle(ax, request, cycle, theme.muted, label_it=index == 0)
    days = trends.cycle_average(found)
    xs = [d.day for d in days]
    ax.fill_between(xs, [d.low for d in days], [d.high for d in days], color=theme.series[0],
                    alpha=0.22, linewidth=0, label="Spread (± 1 standard deviation)", gid="cycle-spread")
    (line,) = ax.plot(xs, [d.mean for d in days], color=theme.series[0], linewidth=3, marker="o",
                      markersize=5, label=f"Average of {len(found)} cycles", gid="cycle-average")
    _describe(ax.figure, line, [f"Day {d.day}: average severity {d.mean:.1f} over {d.cycles} cycles"
                                for d in days])


def _one_cycle(ax: Axes, request: _Request, cycle: trends.Cycle, colour: str, label_it: bool) -> None:
    single = request.cycle is not None
    label = f"Cycle from {cycle.start.isoformat()}" if single else "Each cycle"
    (line,) = ax.plot(range(cycle.length), cycle.severities, color=colour,
                      linewidth=2.2 if single else 1, alpha=1 if single else 0.45,
                      marker="o" if single else None, markersize=6, gid=f"cycle:{cycle.infusion.id}",
                      label=label if label_it else None)
    _describe(ax.figure, line, [
        f"Day {day} after the infusion on {cycle.start.isoformat()}: worst severity {value}"
        for day, value in enumerate(cycle.severities)])


def _usual_next_dose(ax: Axes, request: _Request, found: Sequence[trends.Cycle]) -> None:
    complete = [c.length for c in found[:-1]]
    if not complete:
        return
    usual = median(complete)
    ax.axvline(usual, color=request.theme.muted, linestyle="--", linewidth=1.5, gid="next-dose",
               label=f"Usual next infusion (day {usual:g})")


def _no_cycles_text(request: _Request, have_cycles: bool) -> str:
    if not request.data.infusions:
        return ("No infusions logged yet.\nLog each infusion and the side effects after it to see "
                "how you feel\nfrom one infusion to the next.")
    if request.symptoms is not None and not request.symptoms:
        return "Choose one or more symptoms to chart."
    if not have_cycles:
        return (f"No infusions logged {_period_text(request.start, request.end)}.\n"
                "Choose a longer period.")
    return (f"No side effects logged between the infusions {_period_text(request.start, request.end)}."
            "\nWhen you log how you feel after an infusion, the pattern shows here.")


# ----- side effects per infusion -----

def _draw_per_infusion(figure: Figure, request: _Request) -> bool:
    theme = request.theme
    rows = trends.effects_per_infusion(request.data, request.symptoms, request.start, request.end)
    if not any(r.count for r in rows):
        return _empty(figure, theme, CHART_TITLES["per-infusion"], _no_cycles_text(request, bool(rows)))
    count_ax = _axes(figure, theme, 2, 1, 1)
    worst_ax = _axes(figure, theme, 2, 1, 2, sharex=count_ax)
    days = [r.infusion.start.date() for r in rows]
    width = max(1.0, min((b - a).days for a, b in zip(days, days[1:], strict=False)) * 0.6) \
        if len(days) > 1 else 6.0
    _count_bars(count_ax, request, rows, days, width)
    _worst_points(worst_ax, request, rows, days)
    _date_axis(worst_ax, theme, request.start or days[0], request.end or days[-1])
    count_ax.tick_params(labelbottom=False)
    _title(count_ax, theme, CHART_TITLES["per-infusion"])
    return True


def _count_bars(ax: Axes, request: _Request, rows: Sequence[trends.InfusionEffects],
                days: list[date], width: float) -> None:
    """One bar per infusion, drawn as a single collection so decades of infusions stay quick."""
    theme = request.theme
    half = width / 2
    verts = [[(x - half, 0), (x - half, row.count), (x + half, row.count), (x + half, 0)]
             for x, row in zip(mdates.date2num(days), rows, strict=True)]
    bars = PolyCollection(verts, facecolors=theme.series[0], edgecolors="none", gid="effect-counts")
    ax.xaxis_date()
    ax.add_collection(bars)
    ax.autoscale_view()
    ax.set_ylim(bottom=0)
    _describe(ax.figure, bars, [_infusion_text(request, row) for row in rows])
    ax.yaxis.get_major_locator().set_params(integer=True)
    _label(ax, theme, None, "Side effects")


def _worst_points(ax: Axes, request: _Request, rows: Sequence[trends.InfusionEffects],
                  days: list[date]) -> None:
    theme = request.theme
    (line,) = ax.plot(days, [r.worst for r in rows], color=theme.series[1], marker="s",
                      markersize=7 if len(rows) < 60 else 4, linewidth=1.8, gid="worst-severity")
    _describe(ax.figure, line, [_infusion_text(request, r) for r in rows])
    ax.set_ylim(0, 10.6)
    ax.yaxis.set_major_locator(MultipleLocator(5))
    _label(ax, theme, None, "Worst severity (0–10)")


def _infusion_text(request: _Request, row: trends.InfusionEffects) -> str:
    catalog = request.catalog
    head = (f"Infusion on {row.infusion.start.date().isoformat()} "
            f"({catalog.treatment_name(row.infusion.treatment)})")
    if not row.effects:
        return f"{head}: no side effects logged after it"
    listed = ", ".join(f"{_symptom_label(catalog, e.symptom, e.other_label)} {e.severity}"
                       for e in row.effects)
    return f"{head}: {row.count} side effect{'s' if row.count != 1 else ''} ({listed})"


_DRAWERS: dict[str, Callable[[Figure, _Request], bool]] = {
    "severity": _draw_severity,
    "temperature": _draw_temperature,
    "cycle": _draw_cycle,
    "per-infusion": _draw_per_infusion,
}
