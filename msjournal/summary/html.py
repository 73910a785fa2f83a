"""The summary as simple HTML, for printing through the system print dialog (QTextDocument).

Same content as the PDF's overview and log (from summary_data); Qt's rich text supports
only simple HTML, so the layout here is plain headings and ruled tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from msjournal.summary.data import Overview, recorded_text
from msjournal.summary.overview import (
    LEVEL_WORDS,
    day_text,
    glance_text,
    moment_text,
    period_text,
    recovery_text,
    relapse_count_text,
    taken_text,
    treated_text,
    what_happened,
)

MARK = "Self-reported by the patient (msjournal); not a medical record."


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th scope='col' align='left'>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def _section(title: str, content: str) -> str:
    return f"<h2>{escape(title)}</h2>{content}"


def _relapses(o: Overview) -> str:
    count = f"<p>Relapses recorded: {escape(relapse_count_text(o))}.</p>"
    if not o.relapses:
        return _section("Relapses", "<p>No relapses recorded in this period.</p>" + count)
    rows = [
        [
            moment_text(r.onset),
            what_happened(r),
            ", ".join(r.areas),
            r.impact_words,
            recovery_text(r),
            "yes" if r.confirmed else "no",
            treated_text(r),
        ]
        for r in o.relapses
    ]
    header = ["Onset", "What happened", "Areas", "Impact", "Recovery", "Confirmed", "Treated with"]
    return _section("Relapses", _table(header, rows) + count)


def _results(o: Overview) -> str:
    header = ["Test", "Taken", "Result", "Lab's range", "Outside the range"]
    if not o.latest_results:
        return _section("Latest results", "<p>No test results recorded in this period.</p>")
    latest = [
        [r.test, taken_text(r), r.value, r.lab_range or "none given", r.marker]
        for r in o.latest_results
    ]
    out = _section("Latest results", _table(header, latest))
    if len(o.results) > len(o.latest_results):
        every = [
            [r.test, taken_text(r), r.value, r.lab_range or "none given", r.marker]
            for r in o.results
        ]
        out += _section("All test results in the period", _table(header, every))
    return out


def overview_html(o: Overview) -> str:
    """The summary for Qt's printing (QTextDocument)."""
    return "<html><body>" + overview_body(o) + "</body></html>"


def summary_title(o: Overview) -> str:
    return "Appointment summary" + (f": {o.person}" if o.person else "")


def overview_body(o: Overview) -> str:
    """The summary's content: one h1, an h2 per section, tables with column headers."""
    title = summary_title(o)
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(period_text(o.start, o.end))}. Made {day_text(o.made)}. {MARK}</p>",
        f"<p><b>In this period:</b> {escape(glance_text(o))}</p>",
    ]
    if o.therapy:
        started = f", started {day_text(o.therapy.started)}" if o.therapy.started else ""
        parts.append(f"<p><b>Current therapy:</b> {escape(o.therapy.name)}{started}</p>")
    parts.append(_relapses(o))
    alerts = [
        [
            moment_text(a.raised_at),
            LEVEL_WORDS.get(a.level, a.level),
            f"{a.title}. {recorded_text(a)} Criterion: {a.criterion}",
            day_text(a.acknowledged_at.date()) if a.acknowledged_at else "No",
        ]
        for a in o.alerts
    ]
    parts.append(
        _section(
            "Alerts raised in the period",
            _table(
                ["Raised", "Level", "What was recorded, and the criterion", "Acknowledged"], alerts
            )
            if alerts
            else "<p>No alert was raised in the period.</p>",
        )
    )
    symptoms = [
        [g.name, str(g.times), f"{g.worst} of 10", g.typical_duration, "yes" if g.ongoing else "no"]
        for g in o.symptoms
    ]
    parts.append(
        _section(
            "Side effects in the period, by symptom",
            _table(["Symptom", "Times", "Worst", "Typical duration", "Ongoing"], symptoms)
            if symptoms
            else "<p>No side effects recorded in the period.</p>",
        )
    )
    infusions = [
        [day_text(i.start.date()), i.treatment, i.dose, i.lot, i.reactions or "none recorded"]
        for i in o.infusions
    ]
    parts.append(
        _section(
            "Infusions in the period",
            _table(["Date", "Treatment", "Dose", "Lot", "Reactions during infusion"], infusions)
            if infusions
            else "<p>No infusions recorded in the period.</p>",
        )
    )
    parts.append(_results(o))
    readings = "; ".join(f"{r.shown} on {moment_text(r.taken)}" for r in o.high_readings)
    parts.append(
        _section(
            f"Temperatures above the fever threshold of {o.threshold}",
            f"<p>{escape(readings or 'None recorded in the period.')}</p>",
        )
    )
    due = [[day_text(d.due), d.title] for d in o.due]
    parts.append(_section("Due next", _table(["Due", "What"], due) if due else "<p>Nothing.</p>"))
    questions = "<br/>".join(escape(line) for line in o.questions.splitlines() if line.strip())
    parts.append(
        _section("My questions for my care team", f"<p>{questions or '(none written)'}</p>")
    )
    parts.append(f"<p><i>{MARK}</i></p>")
    return "".join(parts)
