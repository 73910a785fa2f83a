"""The summary's detailed log: every entry of the period as tables, after the charts."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, LongTable, Paragraph

from msjournal.model.catalog import Catalog
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    Infusion,
    JournalData,
    TemperatureReading,
    Vitals,
)
from msjournal.model.temperature import format_temperature, is_above_threshold, threshold_text
from msjournal.summary.data import Overview, dose_text, duration_text, recorded_text
from msjournal.summary.overview import (
    LEVEL_WORDS,
    day_text,
    moment_text,
    recovery_text,
    taken_text,
    treated_text,
    what_happened,
)
from msjournal.summary.style import fit_cells, styles, table_style

TEMPERATURE_COLUMNS = 3  # readings side by side, so years of readings take few pages


def _heading(text: str) -> Paragraph:
    """A section's heading, never left alone at the foot of a page."""
    heading = Paragraph(escape(text), styles().heading)
    heading.keepWithNext = True
    return heading


def _note(text: str) -> Paragraph:
    """A line between a heading and its table, kept with the table."""
    note = Paragraph(escape(text), styles().small)
    note.keepWithNext = True
    return note


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    fractions: Sequence[float],
    width: float,
) -> LongTable:
    widths = [f * width for f in fractions]
    fitted = [*fit_cells([list(header)], widths, bold=True), *fit_cells(rows, widths)]
    table = LongTable(fitted, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style())
    return table


def _vitals_text(vitals: Vitals, unit: str) -> str:
    parts = []
    if vitals.temperature is not None:
        parts.append(format_temperature(vitals.temperature, vitals.temperature_unit, unit))  # type: ignore[arg-type]
    if vitals.pulse is not None:
        parts.append(f"P {vitals.pulse}")
    if vitals.systolic is not None:
        parts.append(f"BP {vitals.systolic}/{vitals.diastolic or '?'}")
    return ", ".join(parts)


def _infusion_row(i: Infusion, catalog: Catalog, unit: str) -> list[object]:
    end = f"–{i.end:%H:%M}" if i.end else ""
    what = f"{catalog.treatment_name(i.treatment)} {dose_text(i)}".strip()
    if i.dose_number is not None:
        what += f" (no. {i.dose_number})"
    return [
        day_text(i.start.date()),
        f"{i.start:%H:%M}{end}",
        what,
        i.lot,
        i.site,
        _vitals_text(i.vitals_before, unit),
        _vitals_text(i.vitals_after, unit),
        "; ".join(t for t in (i.premedications, i.notes) if t),
    ]


def infusion_log(data: JournalData, catalog: Catalog, width: float) -> list[Flowable]:
    if not data.infusions:
        return []
    unit = data.settings.temperature_unit
    rows = [_infusion_row(i, catalog, unit) for i in data.infusions]
    return [
        _heading("Infusion log"),
        _note("Vitals: temperature, P = pulse per minute, BP = blood pressure."),
        _table(
            [
                "Date",
                "Time",
                "Treatment and dose",
                "Lot",
                "Site",
                "Vitals before",
                "Vitals after",
                "Notes",
            ],
            rows,
            # The treatment column holds "(methylprednisolone)" on one line.
            [0.115, 0.125, 0.20, 0.10, 0.12, 0.13, 0.13, 0.08],
            width,
        ),
    ]


def side_effect_log(data: JournalData, catalog: Catalog, width: float) -> list[Flowable]:
    if not data.side_effects:
        return []
    rows = []
    for e in data.side_effects:
        lasted = duration_text(e.resolved - e.onset) if e.resolved else "ongoing"
        linked = data.infusion_by_id(e.infusion)
        flags = ", ".join(
            f for f, on in (("during infusion", e.during_infusion), ("unusual", e.unusual)) if on
        )
        rows.append(
            [
                moment_text(e.onset),
                catalog.symptom_name(e.symptom, e.other_label),
                f"{e.severity}/10",
                lasted,
                day_text(linked.start.date()) if linked else "",
                flags,
                e.notes,
            ]
        )
    return [
        _heading("Side-effect log"),
        _table(
            ["Started", "Symptom", "Severity", "Lasted", "Infusion", "Marked", "Notes"],
            rows,
            [0.18, 0.18, 0.10, 0.10, 0.13, 0.11, 0.20],
            width,
        ),
    ]


def relapse_log(o: Overview, width: float) -> list[Flowable]:
    if not o.relapses:
        return []
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
    return [
        _heading("Relapses (new or worse MS symptoms, as recorded)"),
        _table(
            ["Onset", "What happened", "Areas", "Impact", "Recovery", "Confirmed", "Treated with"],
            rows,
            [0.12, 0.215, 0.11, 0.13, 0.11, 0.115, 0.20],
            width,
        ),
    ]


def result_log(o: Overview, width: float) -> list[Flowable]:
    if not o.results:
        return []
    rows = [
        [
            taken_text(r),
            r.test,
            r.value,
            r.lab_range or "none given",
            Paragraph(f"<b>{escape(r.marker)}</b>", styles().cell) if r.marker else "",
            r.notes,
        ]
        for r in o.results
    ]
    return [
        _heading("Test results"),
        _note(
            "Ranges are the lab's own, as printed on each report; results outside them are marked."
        ),
        _table(
            ["Taken", "Test", "Result", "Lab's range", "Outside the range", "Notes"],
            rows,
            [0.13, 0.22, 0.13, 0.12, 0.21, 0.19],
            width,
        ),
    ]


def _reading_cell(t: TemperatureReading, data: JournalData) -> object:
    shown = format_temperature(t.value, t.unit, data.settings.temperature_unit)
    high = is_above_threshold(t.value, t.unit, data.settings)
    text = f"{escape(moment_text(t.taken))}&nbsp;&nbsp;" + (
        f"<b>{shown} (high)</b>" if high else shown
    )
    if t.notes:
        text += f"<br/><i>{escape(t.notes)}</i>"
    return (
        Paragraph(text, styles().cell) if high or t.notes else f"{moment_text(t.taken)}   {shown}"
    )


def temperature_log(data: JournalData, width: float) -> list[Flowable]:
    if not data.temperatures:
        return []
    cells = [_reading_cell(t, data) for t in data.temperatures]
    n = TEMPERATURE_COLUMNS
    rows = [cells[k : k + n] + [""] * (n - len(cells[k : k + n])) for k in range(0, len(cells), n)]
    return [
        _heading(
            f"Temperature log (readings above {threshold_text(data.settings)} are marked high)"
        ),
        _table(["Taken, reading"] * n, rows, [1 / n] * n, width),
    ]


def follow_up_log(data: JournalData, width: float) -> list[Flowable]:
    # The Kind column holds the longest kind name ("Appointment") on one line.
    if not data.follow_ups:
        return []
    rows = [
        [
            day_text(f.due),
            FOLLOW_UP_KIND_NAMES.get(f.kind, f.kind),
            f.title,
            day_text(f.done) if f.done else "not done",
            f.with_whom,
            f.notes,
        ]
        for f in data.follow_ups
    ]
    return [
        _heading("Follow-ups (appointments, tests, scans) due in the period"),
        _table(
            ["Due", "Kind", "What", "Done", "With", "Notes / outcome"],
            rows,
            [0.13, 0.14, 0.22, 0.13, 0.16, 0.22],
            width,
        ),
    ]


def alert_log(o: Overview, width: float) -> list[Flowable]:
    if not o.alerts:
        return []
    rows = []
    for a in o.alerts:
        acknowledged = day_text(a.acknowledged_at.date()) if a.acknowledged_at else "no"
        what = Paragraph(
            f"<b>{escape(a.title)}.</b> {escape(recorded_text(a))} "
            f"<i>Criterion:</i> {escape(a.criterion)}",
            styles().cell,
        )
        rows.append(
            [moment_text(a.raised_at), LEVEL_WORDS.get(a.level, a.level), what, acknowledged]
        )
    return [
        _heading("Alert log"),
        _table(
            ["Raised", "Level", "What was recorded, and the criterion", "Acknowledged"],
            rows,
            [0.16, 0.10, 0.57, 0.17],
            width,
        ),
    ]


def log_flowables(o: Overview, catalog: Catalog, width: float) -> list[Flowable]:
    data = o.period_data
    return [
        *infusion_log(data, catalog, width),
        *relapse_log(o, width),
        *side_effect_log(data, catalog, width),
        *alert_log(o, width),
        *result_log(o, width),
        *temperature_log(data, width),
        *follow_up_log(data, width),
    ]
