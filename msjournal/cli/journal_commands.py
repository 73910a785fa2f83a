"""`msjournal demo`, `import`, `export`, `alerts` and `due`: through the same core functions as
the window."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from msjournal.cli.common import moment_option, open_existing, option_date
from msjournal.cli.passphrase_input import current_passphrase
from msjournal.demo import write_demo
from msjournal.exchange.journal_format import from_json, ids_by_section, read_document
from msjournal.model.as_of import as_of
from msjournal.model.dates import due_in_words
from msjournal.model.errors import JournalError, ValidationError
from msjournal.model.kinds import BY_SECTION, KINDS
from msjournal.rules import alerts as alert_rules
from msjournal.rules import schedule
from msjournal.safety import automatic
from msjournal.storage.paths import resolve_journal


def demo(args: argparse.Namespace) -> int:
    if args.years < 0 or args.years > 100:
        raise JournalError(f"--years {args.years:g}: choose between 0 and 100.")
    with write_demo(Path(args.out), args.years, args.seed) as journal:
        counts = journal.snapshot()
    listed = ", ".join(kind.count(len(kind.records(counts))) for kind in KINDS)
    print(f"Wrote a demo journal to {args.out}: {listed}.")
    return 0


def import_file(args: argparse.Namespace) -> int:
    path = resolve_journal(args.journal)
    try:
        document = read_document(Path(args.file))  # a bad file never creates or opens a journal
    except JournalError as error:
        raise JournalError(f"{args.file} was not imported, nothing was changed: {error}") from None
    with automatic.open_journal(path, current_passphrase(path)) as journal:
        ids = ids_by_section(journal)
        known = set(ids["infusions"])
        try:
            data = from_json(document, journal.catalog, known, journal_ids=ids)
        except ValidationError as error:
            raise JournalError(
                f"{args.file} was not imported, nothing was changed: {error}"
            ) from None
        counts = journal.add_records(data)
    added = ", ".join(BY_SECTION[name].count(n) for name, n in counts.added.items())
    print(f"Imported into {path}: {added}; {counts.already_present} already in the journal.")
    return 0


def export(args: argparse.Namespace) -> int:
    from msjournal.exchange import exports

    with open_existing(args.journal) as journal:
        start = option_date("--from", args.date_from)
        end = option_date("--to", args.date_to)
        written = exports.export(args.format, journal, Path(args.out), start, end)
    print(f"Wrote {written}")
    return 0


def alerts(args: argparse.Namespace) -> int:
    moment = moment_option(args.as_of)
    with open_existing(args.journal) as journal:
        data, catalog = journal.snapshot(), journal.catalog
    found = (alert_rules.all_alerts if args.all else alert_rules.active_alerts)(
        data, catalog, moment
    )
    if args.json:
        print(json.dumps([a.to_json() for a in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No alerts. Nothing you recorded meets a 'contact your care team' criterion.")
    for alert in found:
        level = alert_rules.LEVEL_NAMES.get(alert.level, alert.level)
        print(f"[{level}] {alert.title}\n  {alert.message}\n")
    return 0


def due(args: argparse.Namespace) -> int:
    today = option_date("--as-of", args.as_of, date.today())
    assert today is not None
    with open_existing(args.journal) as journal:
        data = as_of(journal.snapshot(), datetime.combine(today, datetime.max.time()))
        items = schedule.due_items(data, journal.catalog, today)
    if args.json:
        print(json.dumps([_due_json(item, today) for item in items], indent=2, ensure_ascii=False))
        return 0
    if not items:
        print("Nothing is due. Set your current therapy to see when the next infusion is due.")
    for item in items:
        print(
            f"{item.due.isoformat()}  {due_in_words(item.days_to_go(today)):>16}  {item.title}"
            + (f"  ({item.note})" if item.note else "")
        )
    return 0


def _due_json(item: schedule.DueItem, today: date) -> dict[str, object]:
    return {
        "kind": item.kind,
        "treatment": item.treatment,
        "due": item.due.isoformat(),
        "title": item.title,
        "days_to_go": item.days_to_go(today),
        "overdue": item.overdue(today),
        "entry": item.entry,
        "task": item.task,
        "note": item.note,
        "unverified": item.unverified,
    }
