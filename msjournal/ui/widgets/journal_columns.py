"""The columns of the Journal view's tables: what each shows and how it sorts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from msjournal.model.catalog import Catalog
from msjournal.model.records import (
    FOLLOW_UP_KIND_NAMES,
    RECOVERY_KINDS,
    RELAPSE_AREAS,
    RELAPSE_IMPACTS,
    FollowUp,
    Infusion,
    Relapse,
    SideEffect,
    TemperatureReading,
    TemperatureUnit,
    TestResult,
)
from msjournal.model.temperature import convert, format_temperature
from msjournal.rules.result_words import marker, range_text, value_text
from msjournal.rules.timeline import TimelineRow, follow_up_status, severity_word
from msjournal.ui.widgets.table_models import Column


def when(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def timeline_columns() -> list[Column[TimelineRow]]:
    return [
        Column(
            "When",
            lambda r: when(r.when) if r.kind != "follow_up" else day(r.when.date()),
            lambda r: r.when.isoformat(),
        ),
        Column("Type", lambda r: r.kind_name),
        Column("What", lambda r: r.title),
        Column("Details", lambda r: r.detail),
    ]


def infusion_columns(catalog: Catalog) -> list[Column[Infusion]]:
    return [
        Column("Started", lambda i: when(i.start), lambda i: i.start.isoformat()),
        Column("Treatment", lambda i: catalog.treatment_name(i.treatment)),
        Column(
            "Dose",
            lambda i: f"{i.dose} {i.dose_unit}".strip() if i.dose else "",
            lambda i: float(i.dose or 0),
        ),
        Column("No.", lambda i: str(i.dose_number or ""), lambda i: i.dose_number or 0),
        Column("Where the needle went", lambda i: i.site),
        Column("Centre", lambda i: i.location),
        Column("Given by", lambda i: i.administered_by),
        Column("Notes", lambda i: i.notes),
    ]


def side_effect_columns(catalog: Catalog) -> list[Column[SideEffect]]:
    return [
        Column("Started", lambda s: when(s.onset), lambda s: s.onset.isoformat()),
        Column("What", lambda s: catalog.symptom_name(s.symptom, s.other_label)),
        Column(
            "How bad",
            lambda s: f"{s.severity} of 10 ({severity_word(s.severity)})",
            lambda s: s.severity,
        ),
        Column(
            "Gone",
            lambda s: when(s.resolved) if s.resolved else "still going on",
            lambda s: s.resolved.isoformat() if s.resolved else "9999",
        ),
        Column("Unusual", lambda s: "yes" if s.unusual else ""),
        Column("Notes", lambda s: s.notes),
    ]


def temperature_columns(
    unit: TemperatureUnit, is_high: Callable[[TemperatureReading], bool]
) -> list[Column[TemperatureReading]]:
    return [
        Column("Taken", lambda t: when(t.taken), lambda t: t.taken.isoformat()),
        Column(
            "Temperature",
            lambda t: format_temperature(t.value, t.unit, unit),
            lambda t: float(convert(t.value, t.unit, "C")),
        ),
        Column("Above fever threshold", lambda t: "⚠ yes" if is_high(t) else "no"),
        Column("Notes", lambda t: t.notes),
    ]


def follow_up_columns(today: date) -> list[Column[FollowUp]]:
    return [
        Column("Due", lambda f: day(f.due), lambda f: f.due.isoformat()),
        Column("Status", lambda f: follow_up_status(f, today)),
        Column("Kind", lambda f: FOLLOW_UP_KIND_NAMES.get(f.kind, f.kind)),
        Column("What", lambda f: f.title),
        Column("With", lambda f: f.with_whom),
        Column("Done on", lambda f: day(f.done), lambda f: day(f.done)),
        Column("Notes or outcome", lambda f: f.notes),
    ]


def impact_word(impact: str) -> str:
    """'mild', 'moderate' or 'severe': the word before the description."""
    return impact.replace("_", " ")


def impact_rank(impact: str) -> int:
    """Mild before moderate before severe (an unknown word last)."""
    order = list(RELAPSE_IMPACTS)
    return order.index(impact) if impact in order else len(order)


def recovery_text(relapse: Relapse) -> str:
    """'not yet', 'fully', or 'partly, on 2026-03-01'."""
    words = RECOVERY_KINDS.get(relapse.recovery, relapse.recovery).lower()
    return f"{words}, on {day(relapse.recovered)}" if relapse.recovered else words


def relapse_columns(
    catalog: Catalog, infusion_by_id: Callable[[str], Infusion | None]
) -> list[Column[Relapse]]:
    """`infusion_by_id` finds a linked infusion in the journal as last shown."""

    def treated(relapse: Relapse) -> str:
        found = [infusion_by_id(i) for i in relapse.treated_with]
        return "; ".join(
            f"{catalog.treatment_name(i.treatment)} {day(i.start.date())}"
            for i in sorted((i for i in found if i is not None), key=lambda i: i.start)
        )

    return [
        Column("Started", lambda r: when(r.onset), lambda r: r.onset.isoformat()),
        Column("What happened", lambda r: r.description),
        Column("Areas", lambda r: ", ".join(RELAPSE_AREAS.get(a, a) for a in r.areas)),
        Column(
            "Impact",
            lambda r: impact_word(r.impact),
            lambda r: (
                ("mild", "moderate", "severe").index(r.impact)
                if r.impact in ("mild", "moderate", "severe")
                else 3
            ),
        ),
        Column(
            "Recovered",
            recovery_text,
            lambda r: r.recovered.isoformat() if r.recovered else "9999",
        ),
        Column("Confirmed by care team", lambda r: "yes" if r.confirmed else ""),
        Column("Treated with", treated),
        Column("Notes", lambda r: r.notes),
    ]


def taken_text(result: TestResult) -> str:
    """The date the sample was taken, with the time when it is known."""
    taken = result.taken
    return when(taken) if isinstance(taken, datetime) else day(taken)


def test_result_columns(catalog: Catalog) -> list[Column[TestResult]]:
    return [
        Column("Taken", taken_text, lambda r: r.moment.isoformat()),
        Column("Test", lambda r: catalog.test_name(r.test, r.other_label)),
        Column(
            "Result",
            value_text,
            lambda r: (r.value is None, float(r.value or 0), r.qualitative.casefold()),
        ),
        Column("Lab's range", range_text),
        Column("Outside the range", lambda r: f"⚠ {found}" if (found := marker(r)) else ""),
        Column("Notes", lambda r: r.notes),
    ]
