"""Which results the results chart draws, and the relapse onsets on the severity chart.

No matplotlib here: the command line checks a test id (and the window lists the tests it can
chart) without loading it. The only range is the lab's, as the person copied it from the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from msjournal.model.catalog import Catalog, LabTest
from msjournal.model.errors import JournalError
from msjournal.model.records import OTHER_TEST, JournalData, Relapse, TestResult

# Spellings of one and the same unit on lab reports (the catalog lists them side by side). Only
# notation differs, never the scale: 1 cells/µL = 1 /mm³, 1 mIU/L = 1 µIU/mL.
SAME_UNIT = {
    "10^9/L": "×10⁹/L",
    "/µL": "cells/µL",
    "/mm³": "cells/µL",
    "mIU/L": "mU/L",
    "µIU/mL": "mU/L",
    "IU/L": "U/L",
}


@dataclass(frozen=True)
class ResultSeries:
    """One test's numeric results in one unit, oldest first, within the chosen dates."""

    test: LabTest
    unit: str  # the unit of the latest result; the others are left out and counted
    results: tuple[TestResult, ...]
    other_units: tuple[tuple[str, int], ...] = ()  # (unit, how many results) not drawn
    words_only: int = 0  # results of the test in the period with no number (only words)


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def unit_key(unit: str) -> str:
    """A unit as one spelling, so '10^9/L' and '×10⁹/L' results share a scale."""
    unit = unit.strip()
    return SAME_UNIT.get(unit, unit)


def chartable(test: LabTest) -> bool:
    return test.kind != "qualitative"


def chartable_tests(catalog: Catalog) -> tuple[LabTest, ...]:
    """The catalog's tests whose results are numbers, in the catalog's order."""
    return tuple(t for t in catalog.tests.values() if chartable(t))


def tests_with_results(data: JournalData, catalog: Catalog) -> tuple[LabTest, ...]:
    """The chartable tests with at least one numeric result in the journal, in catalog order."""
    logged = {r.test for r in data.test_results if r.value is not None}
    return tuple(t for t in chartable_tests(catalog) if t.id in logged)


def _known_ids(catalog: Catalog, data: JournalData | None) -> str:
    ids = ", ".join(t.id for t in chartable_tests(catalog))
    if data is not None and (logged := tests_with_results(data, catalog)):
        ids += f" (with results in this journal: {', '.join(t.id for t in logged)})"
    return ids


def check_test(
    catalog: Catalog,
    test_id: str | None,
    name: str = "test",
    data: JournalData | None = None,
) -> LabTest:
    """The catalog's test behind `test_id`; a missing, unknown or words-only test is refused
    with a message naming the value (under `name`, e.g. '--test') and the ids that can be
    charted."""
    if test_id is None or not test_id.strip():
        raise JournalError(
            f"the results chart needs {name} ID: choose one of {_known_ids(catalog, data)}."
        )
    test = catalog.tests.get(test_id)
    if test is None and test_id == OTHER_TEST:
        raise JournalError(
            f"{name} = {test_id!r}: results of other tests each have their own name, so they "
            f"are not charted together. Tests that can be charted: {_known_ids(catalog, data)}."
        )
    if test is None:
        raise JournalError(
            f"{name} = {test_id!r}: not a lab test id. "
            f"Tests that can be charted: {_known_ids(catalog, data)}."
        )
    if not chartable(test):
        words = f" ({', '.join(test.results)})" if test.results else ""
        raise JournalError(
            f"{name} = {test_id!r}: {test.name} is a result in words{words}, not a number, "
            f"so it has no chart. Tests that can be charted: {_known_ids(catalog, data)}."
        )
    return test


def result_series(
    data: JournalData,
    catalog: Catalog,
    test_id: str,
    start: date | None = None,
    end: date | None = None,
) -> ResultSeries:
    """The numeric results of one test within [start, end], in the unit of the latest of them."""
    test = check_test(catalog, test_id)
    shown = sorted(
        (
            r
            for r in data.test_results
            if r.test == test_id and _inside(r.moment.date(), start, end)
        ),
        key=lambda r: r.moment,
    )
    numeric = [r for r in shown if r.value is not None]
    if not numeric:
        return ResultSeries(test, "", (), words_only=len(shown))
    unit = unit_key(numeric[-1].unit)
    drawn = tuple(r for r in numeric if unit_key(r.unit) == unit)
    others = Counter(unit_key(r.unit) for r in numeric if unit_key(r.unit) != unit)
    return ResultSeries(
        test,
        unit,
        drawn,
        tuple(sorted(others.items())),
        words_only=len(shown) - len(numeric),
    )


def relapse_onsets(
    data: JournalData, start: date | None = None, end: date | None = None
) -> tuple[Relapse, ...]:
    """The relapses whose onset falls within [start, end], earliest first."""
    return tuple(
        sorted(
            (r for r in data.relapses if _inside(r.onset.date(), start, end)),
            key=lambda r: r.onset,
        )
    )
