"""Page 1 of the summary: the overview a clinician can read in two minutes.

Long periods are kept to one page by showing the latest rows of each list and saying
how many more are in the detailed log on the following pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from msjournal.model.records import FOLLOW_UP_KIND_NAMES
from msjournal.rules.alerts import Alert
from msjournal.rules.schedule import DueItem
from msjournal.summary.data import Overview, recorded_text
from msjournal.summary.style import fit_cells, styles, table_style

MAX_INFUSIONS = 8
MAX_ALERTS = 6
MAX_READINGS = 6
MAX_DUE = 6
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


def _infusions(o: Overview, width: float) -> list[Flowable]:
    out: list[Flowable] = [_heading("Infusions in the period")]
    if not o.infusions:
        return out + [_p("No infusions recorded in the period.", "body")]
    shown = o.infusions[-MAX_INFUSIONS:]
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
    widths = [0.15, 0.16, 0.10, 0.10, 0.13, 0.36]
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


def _alerts(o: Overview, width: float) -> list[Flowable]:
    out: list[Flowable] = [_heading("Alerts raised in the period")]
    if not o.alerts:
        return out + [_p("No alert was raised in the period.", "body")]
    shown = o.alerts[-MAX_ALERTS:]
    widths = [0.18, 0.10, 0.55, 0.17]
    out.append(
        _table(
            ["Raised", "Level", "What was recorded, and the criterion it meets", "Acknowledged"],
            [_alert_row(a) for a in shown],
            [w * width for w in widths],
        )
    )
    return out + _more(len(shown), len(o.alerts), "alerts")


def _readings(o: Overview, width: float) -> list[Flowable]:
    out: list[Flowable] = [_heading(f"Temperatures above the fever threshold of {o.threshold}")]
    if not o.high_readings:
        return out + [_p("None recorded in the period.", "body")]
    shown = o.high_readings[-MAX_READINGS:]
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


def _due(o: Overview, width: float) -> list[Flowable]:
    out: list[Flowable] = [_heading(f"Due next (as of {day_text(o.end)})")]
    if not o.due:
        return out + [_p("Nothing is due; no current therapy is set.", "body")]
    rows = []
    for item in o.due[:MAX_DUE]:
        when = day_text(item.due) + (" (overdue)" if item.overdue(o.end) else "")
        rows.append([when, item.title, _due_kind(item)])
    widths = [0.22, 0.50, 0.28]
    out.append(_table(["Due", "What", "Kind"], rows, [w * width for w in widths]))
    return out + _more(MAX_DUE, len(o.due), "items")


def _questions(o: Overview) -> list[Flowable]:
    out: list[Flowable] = [_heading("My questions for my care team")]
    if not o.questions:
        return out + [_p("(none written)", "body")]
    lines = [escape(line.strip()) for line in o.questions.splitlines() if line.strip()]
    return out + [Paragraph("<br/>".join(f"• {line}" for line in lines), styles().note)]


def overview_flowables(o: Overview, width: float, height: float) -> list[Flowable]:
    """Page 1, shrunk slightly if needed so it never spills onto page 2."""
    s = styles()
    title = "Appointment summary" + (f": {o.person}" if o.person else "")
    content: list[Flowable] = [
        Paragraph(escape(title), s.title),
        _p(
            f"{period_text(o.start, o.end)}. Made {day_text(o.made)}. Self-reported by the "
            "patient from their own journal; not a medical record.",
            "small",
        ),
        Spacer(1, 4),
        Paragraph(f"<b>In this period:</b> {escape(keep_units(glance_text(o)))}", s.body),
        *_therapy(o),
        *_alerts(o, width),
        *_symptoms(o, width),
        *_infusions(o, width),
        *_readings(o, width),
        *_due(o, width),
        *_questions(o),
    ]
    return [KeepInFrame(width, height, content, mode="shrink")]
