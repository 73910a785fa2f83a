"""`msjournal relapses` and `msjournal results`: the entries of one kind, one line each, or as
the journal format's records (--json)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from msjournal.cli.common import open_existing
from msjournal.exchange.journal_format import relapse_json, test_result_json
from msjournal.model.catalog import Catalog
from msjournal.model.dates import human_date
from msjournal.model.errors import JournalError
from msjournal.model.records import OTHER_TEST, RELAPSE_AREAS, Infusion, Relapse, TestResult
from msjournal.rules.result_words import result_line

RECOVERY_WORDS = {  # the recovery kinds (records.RECOVERY_KINDS) within a sentence
    "not_yet": "not recovered yet",
    "full": "recovered fully",
    "partial": "recovered partly",
    "not_sure": "not sure how fully recovered",
}


def _when(moment: date | datetime) -> str:
    """'Mon 1 Jun 2026 08:00', or 'Wed 10 Jun 2026' when only the date is known."""
    if isinstance(moment, datetime):
        return f"{human_date(moment.date())} {moment:%H:%M}"
    return human_date(moment)


def _one_line(text: str) -> str:
    """Text on one line: line breaks and runs of white space become one space."""
    return " ".join(text.split())


def _print_json(records: list[dict[str, Any]]) -> None:
    print(json.dumps(records, indent=2, ensure_ascii=False))


def _treatment_words(ids: tuple[str, ...], infusions: Mapping[str, Infusion]) -> str:
    """'treated with 3 infusions, Tue 2 Jun 2026 to Thu 4 Jun 2026'."""
    count = len(ids)
    words = f"treated with {count} infusion{'s' if count != 1 else ''}"
    days = sorted(infusions[i].start.date() for i in ids if i in infusions)
    if days:
        first, last = human_date(days[0]), human_date(days[-1])
        words += f", {first}" if first == last else f", {first} to {last}"
    return words


def relapse_text(record: Relapse, infusions: Mapping[str, Infusion]) -> str:
    """One relapse on one line, in words; `infusions` by id, for the treating course's dates."""
    details = []
    if record.areas:
        details.append(", ".join(RELAPSE_AREAS.get(a, a) for a in record.areas))
    details.append(f"{record.impact} impact")
    recovery = RECOVERY_WORDS.get(record.recovery, record.recovery)
    if record.recovered is not None:
        recovery += f" by {human_date(record.recovered)}"
    details.append(recovery)
    if record.confirmed:
        details.append("confirmed by the care team")
    if record.treated_with:
        details.append(_treatment_words(record.treated_with, infusions))
    line = f"{_when(record.onset)}  {_one_line(record.description)}  ({'; '.join(details)})"
    return line + (f"  Notes: {_one_line(record.notes)}" if record.notes else "")


def result_text(record: TestResult, catalog: Catalog) -> str:
    """One result on one line: when, the result in words with the lab's range and the marker
    when outside it, and the notes."""
    line = f"{_when(record.taken)}  {_one_line(result_line(record, catalog))}"
    return line + (f"  Notes: {_one_line(record.notes)}" if record.notes else "")


def relapses(args: argparse.Namespace) -> int:
    with open_existing(args.journal) as journal:
        found = journal.relapses()
        infusions = {i.id: i for i in journal.infusions()} if not args.json else {}
    if args.json:
        _print_json([relapse_json(r) for r in found])
        return 0
    if not found:
        print("No relapses recorded.")
    for record in found:
        print(relapse_text(record, infusions))
    return 0


def _test_option(text: str | None, catalog: Catalog) -> str | None:
    """--test: a catalog test id or "other"; anything else is a one-line error listing them."""
    if text is None or text == OTHER_TEST or text in catalog.tests:
        return text
    known = ", ".join([*catalog.tests, OTHER_TEST])
    raise JournalError(f"--test {text!r} is not a known test. Known tests: {known}.")


def results(args: argparse.Namespace) -> int:
    with open_existing(args.journal) as journal:
        catalog = journal.catalog
        test = _test_option(args.test, catalog)
        found = journal.test_results(test=test)
    if args.json:
        _print_json([test_result_json(r) for r in found])
        return 0
    if not found:
        which = f" for {catalog.test_name(test, 'other tests')}" if test else ""
        print(f"No test results recorded{which}.")
    for record in found:
        print(result_text(record, catalog))
    return 0
