"""Page 1 of the summary: the overview a clinician can read in two minutes.

Long periods are kept to one page by showing the latest rows of each list and saying
how many more are in the detailed log on the following pages. When the page would still
shrink below MIN_SCALE, the lists show fewer rows (FEWER_ROWS) before it shrinks further.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from msjournal.model.records import FOLLOW_UP_KIND_NAMES
from msjournal.rules.alerts import Alert
from msjournal.rules.schedule import DueItem
from msjournal.summary.data import (
    RELAPSE_COUNT_MONTHS,
    Overview,
    RelapseLine,
    ResultLine,
    recorded_text,
)
from msjournal.summary.style import fit_cells, styles, table_style

MAX_INFUSIONS = 8
MAX_ALERTS = 6
MAX_READINGS = 6
MAX_DUE = 6
MAX_RELAPSES = 3
MAX_RESULTS = 6
MAX_DESCRIPTION = 90  # characters of a relapse's description on page 1; all of it in the log
MIN_SCALE = 0.8  # page 1 shrinks at most this far before its lists show fewer rows


@dataclass(frozen=True)
class Limits:
    """How many rows of each list page 1 shows; the rest are in the detailed log."""

    infusions: int = MAX_INFUSIONS
    alerts: int = MAX_ALERTS
    readings: int = MAX_READINGS
    due: int = MAX_DUE
    relapses: int = MAX_RELAPSES
    results: int = MAX_RESULTS


ROWS = Limits()
# Tried in turn when page 1 would otherwise shrink below MIN_SCALE (long, busy periods).
FEWER_ROWS = (
    Limits(alerts=4),
    Limits(alerts=4, readings=3, due=4, relapses=2, results=4),
    Limits(alerts=3, readings=3, due=4, relapses=2, results=4),
)
LEVEL_WORDS = {"urgent": "URGENT", "consult": "Consult", "reminder": "Reminder"}


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    return f"{day_text(moment.date())} {moment:%H:%M}"


def period_text(start: date, end: date) -> str:
    return f"Period: {day_text(start)} to {day_text(end)}"


def keep_units(text: str) -> str:
    """A temperature's number and unit stay on one line ("37.8 °C", never "37.8 / °C")."""
    return text.replace(" °", "\u00a0°")


def _p(text: str, style_name: str = "cell") -> Paragraph:
    return Paragraph(escape(keep_units(text)), getattr(styles(), style_name))


def _heading(text: str) -> Paragraph:
    return Paragraph(escape(keep_units(text)), styles().heading)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> Table:
    fitted = [*fit_cells([list(header)], widths, bold=True), *fit_cells(rows, widths)]
    table = Table(fitted, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style())
    return table


def _more(shown: int, total: int, what: str) -> list[Flowable]:
    if total <= shown:
        return []
    return [
        _p(
            f"Showing the latest {shown} of {total} {what}; all of them are in the "
            "detailed log on the following pages.",
            "small",
        )
    ]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word with "…" when longer than `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def taken_text(line: ResultLine) -> str:
    """The day a sample was taken, with the time when it is known."""
    if isinstance(line.taken, datetime):
        return moment_text(line.taken)
    return day_text(line.taken)


def what_happened(line: RelapseLine) -> str:
    """The description, then the person's notes: 'Blurred vision. Notes: seen by the nurse'."""
    if not line.notes:
        return line.description
    text = line.description.rstrip()
    return f"{text}{'' if text.endswith(('.', '!', '?')) else '.'} Notes: {line.notes}"


def recovery_text(line: RelapseLine) -> str:
    """'Partly, by 20 Apr 2026', 'Not yet', 'Not sure'."""
    if line.recovered is None:
        return line.recovery
    return f"{line.recovery}, by {day_text(line.recovered)}"


def days_text(days: Sequence[date]) -> str:
    """'7, 8 and 9 Mar 2026' for days of one month; else each day in full."""
    if len({(d.year, d.month) for d in days}) == 1 and len(days) > 1:
        numbers = [str(d.day) for d in days]
        return f"{', '.join(numbers[:-1])} and {day_text(days[-1])}"
    texts = [day_text(d) for d in days]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def treated_text(line: RelapseLine) -> str:
    """'High-dose steroid drip (methylprednisolone) on 7, 8 and 9 Mar 2026', or 'not recorded'."""
    if not line.treated_with:
        return "none recorded"
    return "; ".join(f"{c.treatment} on {days_text(c.days)}" for c in line.treated_with)


def relapse_count_text(o: Overview) -> str:
    """'1 in the 12 months to 15 Jun 2026': how many relapses started in the last year."""
    return f"{o.relapses_last_year} in the {RELAPSE_COUNT_MONTHS} months to {day_text(o.end)}"


def glance_text(o: Overview) -> str:
    """One line with the counts, so the reader knows at once what the page holds."""
    parts = [_plural(len(o.infusions), "infusion")]
    if o.symptoms:
        worst = max(g.worst for g in o.symptoms)
        ongoing = sum(g.ongoing for g in o.symptoms)
        extra = f", {ongoing} still ongoing" if ongoing else ""
        parts.append(f"{_plural(o.effects_count, 'side effect')} (worst {worst} of 10{extra})")
    else:
        parts.append("no side effects recorded")
    open_alerts = sum(1 for a in o.alerts if a.acknowledged_at is None)
    parts.append(
        _plural(len(o.alerts), "alert")
        + (f" ({open_alerts} not acknowledged)" if open_alerts else "")
    )
    parts.append(f"{_plural(len(o.high_readings), 'temperature')} above {o.threshold}")
    if o.relapses:
        parts.append(_plural(len(o.relapses), "relapse"))
    if o.results:
        outside = f" ({o.results_outside} outside the lab's range)" if o.results_outside else ""
        parts.append(_plural(len(o.results), "test result") + outside)
    return " · ".join(parts)


def _therapy(o: Overview) -> list[Flowable]:
    if o.therapy is None:
        return [_p("Current therapy: not recorded.", "body")]
    t = o.therapy
    text = f"<b>Current therapy:</b> {escape(t.name)}"
    if t.started:
        text += f", started {day_text(t.started)}"
    if t.interval_days:
        text += f"; every {t.interval_days} days as set by the care team"
    if t.notes:
        text += f". Therapy notes: {escape(t.notes)}"
    return [Paragraph(text, styles().body)]


def _infusions(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading("Infusions in the period")]
    if not o.infusions:
        return out + [_p("No infusions recorded in the period.", "body")]
    shown = o.infusions[-rows_of.infusions :]
    rows = [
        [
            day_text(i.start.date()),
            i.treatment,
            i.dose,
            "" if i.number is None else str(i.number),
            i.lot,
            i.reactions or "none recorded",
        ]
        for i in shown
    ]
    widths = [0.14, 0.22, 0.10, 0.10, 0.12, 0.32]  # a long treatment name takes 2 lines
    out.append(
        _table(
            ["Date", "Treatment", "Dose", "Dose no.", "Lot", "Reactions during infusion"],
            rows,
            [w * width for w in widths],
        )
    )
    return out + _more(len(shown), len(o.infusions), "infusions")


def _symptoms(o: Overview, width: float) -> list[Flowable]:
    out: list[Flowable] = [_heading("Side effects in the period, by symptom")]
    if not o.symptoms:
        return out + [_p("No side effects recorded in the period.", "body")]
    rows = [
        [
            g.name,
            str(g.times),
            f"{g.worst} of 10",
            g.typical_duration,
            "yes" if g.ongoing else "no",
            str(g.unusual) if g.unusual else "",
        ]
        for g in o.symptoms
    ]
    widths = [0.35, 0.09, 0.12, 0.21, 0.12, 0.11]
    return out + [
        _table(
            ["Symptom", "Times", "Worst", "Typical duration", "Ongoing", "Unusual"],
            rows,
            [w * width for w in widths],
        )
    ]


def _relapses(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading(f"Relapses ({relapse_count_text(o)})")]
    if not o.relapses:
        return out + [_p("No relapses recorded in this period.", "body")]
    shown = o.relapses[-rows_of.relapses :]
    rows = [
        [
            day_text(r.onset.date()),
            shorten(r.description, MAX_DESCRIPTION),
            r.impact,
            recovery_text(r),
            "yes" if r.confirmed else "no",
            "yes" if r.treated_with else "no",
        ]
        for r in shown
    ]
    widths = [0.13, 0.44, 0.10, 0.125, 0.115, 0.09]
    out.append(
        _table(
            ["Onset", "What happened", "Impact", "Recovery", "Confirmed", "Treated"],
            rows,
            [w * width for w in widths],
        )
    )
    return out + _more(len(shown), len(o.relapses), "relapses")


def _result_priority(line: ResultLine) -> tuple[bool, date]:
    return bool(line.marker), line.day


def _results(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading("Latest results")]
    if not o.latest_results:
        return out + [_p("No test results recorded in this period.", "body")]
    chosen = set(sorted(o.latest_results, key=_result_priority)[-rows_of.results :])
    shown = [line for line in o.latest_results if line in chosen]
    rows = [
        [line.test, day_text(line.day), line.value, line.lab_range or "none given", line.marker]
        for line in shown
    ]
    widths = [0.33, 0.13, 0.19, 0.14, 0.21]
    out.append(
        _table(
            ["Test", "Taken", "Result", "Lab's range", "Outside the range"],
            rows,
            [w * width for w in widths],
        )
    )
    if len(shown) < len(o.latest_results):
        out.append(
            _p(
                f"Showing {len(shown)} of {len(o.latest_results)} tests (outside the lab's "
                "range first); every result is in the detailed log.",
                "small",
            )
        )
    return out


def _alert_row(alert: Alert) -> list[object]:
    acknowledged = (
        f"Yes, {day_text(alert.acknowledged_at.date())}" if alert.acknowledged_at else "No"
    )
    what = Paragraph(
        keep_units(
            f"<b>{escape(alert.title)}.</b> {escape(recorded_text(alert))}<br/>"
            f"<i>Criterion:</i> {escape(alert.criterion)}"
        ),
        styles().cell,
    )
    return [
        moment_text(alert.raised_at),
        LEVEL_WORDS.get(alert.level, alert.level),
        what,
        acknowledged,
    ]


def _alerts(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading("Alerts raised in the period")]
    if not o.alerts:
        return out + [_p("No alert was raised in the period.", "body")]
    shown = o.alerts[-rows_of.alerts :]
    widths = [0.18, 0.10, 0.55, 0.17]
    out.append(
        _table(
            ["Raised", "Level", "What was recorded, and the criterion it meets", "Acknowledged"],
            [_alert_row(a) for a in shown],
            [w * width for w in widths],
        )
    )
    return out + _more(len(shown), len(o.alerts), "alerts")


def _readings(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading(f"Temperatures above the fever threshold of {o.threshold}")]
    if not o.high_readings:
        return out + [_p("None recorded in the period.", "body")]
    shown = o.high_readings[-rows_of.readings :]
    text = "; ".join(
        f"<b>{escape(r.shown)}</b> on {moment_text(r.taken)}" + (f" ({r.where})" if r.where else "")
        for r in shown
    )
    out.append(Paragraph(keep_units(text), styles().body))
    return out + _more(len(shown), len(o.high_readings), "high readings")


def _due_kind(item: DueItem) -> str:
    if item.kind == "infusion":
        return "Infusion"
    if item.kind == "monitoring":
        return "Monitoring" + (" (default interval)" if item.unverified else "")
    return item.note or FOLLOW_UP_KIND_NAMES.get(item.kind, "Follow-up")


def _due(o: Overview, width: float, rows_of: Limits = ROWS) -> list[Flowable]:
    out: list[Flowable] = [_heading(f"Due next (as of {day_text(o.end)})")]
    if not o.due:
        return out + [_p("Nothing is due; no current therapy is set.", "body")]
    rows = []
    for item in o.due[: rows_of.due]:
        when = day_text(item.due) + (" (overdue)" if item.overdue(o.end) else "")
        rows.append([when, item.title, _due_kind(item)])
    widths = [0.22, 0.50, 0.28]
    out.append(_table(["Due", "What", "Kind"], rows, [w * width for w in widths]))
    return out + _more(rows_of.due, len(o.due), "items")


def _questions(o: Overview) -> list[Flowable]:
    out: list[Flowable] = [_heading("My questions for my care team")]
    if not o.questions:
        return out + [_p("(none written)", "body")]
    lines = [escape(line.strip()) for line in o.questions.splitlines() if line.strip()]
    return out + [Paragraph("<br/>".join(f"• {line}" for line in lines), styles().note)]


def _content(o: Overview, width: float, rows_of: Limits) -> list[Flowable]:
    s = styles()
    title = "Appointment summary" + (f": {o.person}" if o.person else "")
    return [
        Paragraph(escape(title), s.title),
        _p(
            f"{period_text(o.start, o.end)}. Made {day_text(o.made)}. Self-reported by the "
            "patient from their own journal; not a medical record.",
            "small",
        ),
        Spacer(1, 4),
        Paragraph(f"<b>In this period:</b> {escape(keep_units(glance_text(o)))}", s.body),
        *_therapy(o),
        *_relapses(o, width, rows_of),
        *_alerts(o, width, rows_of),
        *_symptoms(o, width),
        *_infusions(o, width, rows_of),
        *_results(o, width, rows_of),
        *_readings(o, width, rows_of),
        *_due(o, width, rows_of),
        *_questions(o),
    ]


def _height(content: list[Flowable], width: float, height: float) -> float:
    """The height `content` needs at full size, as a frame would stack it."""
    total = 0.0
    for flowable in content:
        _, needed = flowable.wrap(width, height)
        total += needed + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def overview_flowables(o: Overview, width: float, height: float) -> list[Flowable]:
    """Page 1, shrunk slightly if needed so it never spills onto page 2; when it would shrink
    below MIN_SCALE, its lists show fewer rows first."""
    content = _content(o, width, ROWS)
    for rows_of in FEWER_ROWS:
        if _height(content, width, height) * MIN_SCALE <= height:
            break
        content = _content(o, width, rows_of)
    return [KeepInFrame(width, height, content, mode="shrink")]
