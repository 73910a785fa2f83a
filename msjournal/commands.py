"""What each msjournal subcommand does; all of it through the same core functions as the window."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from msjournal import alerts as alert_rules, backups, schedule
from msjournal.dates import due_in_words, parse_date, parse_datetime
from msjournal.demo import write_demo
from msjournal.errors import JournalError, ValidationError
from msjournal.history import as_of
from msjournal.journal import Journal
from msjournal.journal_format import from_json, read_document
from msjournal.passphrase_input import current_passphrase
from msjournal.paths import resolve_journal


def open_existing(path_text: str | None) -> Journal:
    """Open a journal that must already exist (reading commands never create one)."""
    path = resolve_journal(path_text)
    if not path.exists():
        raise JournalError(f"No journal at {path}. Create one with the window, or "
                           f"'msjournal demo --out {path}'.")
    return Journal.open(path, passphrase=current_passphrase(path))


def _moment(text: str | None) -> datetime:
    try:
        return parse_datetime("--as-of", text) if text else datetime.now().replace(microsecond=0)
    except ValidationError as error:
        raise JournalError(str(error)) from None


def option_date(option: str, text: str | None, default: date | None = None) -> date | None:
    """A date given to a command-line option; a bad one is a one-line error naming the option."""
    if text is None:
        return default
    try:
        return parse_date(option, text)
    except ValidationError as error:
        raise JournalError(str(error)) from None


def demo(args: argparse.Namespace) -> int:
    if args.years < 0 or args.years > 100:
        raise JournalError(f"--years {args.years:g}: choose between 0 and 100.")
    with write_demo(Path(args.out), args.years, args.seed) as journal:
        counts = journal.snapshot()
    print(f"Wrote a demo journal to {args.out}: {len(counts.infusions)} infusions, "
          f"{len(counts.side_effects)} side effects, {len(counts.temperatures)} temperatures, "
          f"{len(counts.follow_ups)} follow-ups.")
    return 0


def import_file(args: argparse.Namespace) -> int:
    path = resolve_journal(args.journal)
    try:
        document = read_document(Path(args.file))  # a bad file never creates or opens a journal
    except JournalError as error:
        raise JournalError(f"{args.file} was not imported, nothing was changed: {error}") from None
    with backups.open_journal(path, current_passphrase(path)) as journal:
        known = {i.id for i in journal.infusions()}
        try:
            data = from_json(document, journal.catalog, known)
        except ValidationError as error:
            raise JournalError(f"{args.file} was not imported, nothing was changed: {error}") from None
        counts = journal.add_records(data)
    added = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.added.items())
    print(f"Imported into {path}: {added}; {counts.already_present} already in the journal.")
    return 0


def export(args: argparse.Namespace) -> int:
    from msjournal import exports

    with open_existing(args.journal) as journal:
        start = option_date("--from", args.date_from)
        end = option_date("--to", args.date_to)
        written = exports.export(args.format, journal, Path(args.out), start, end)
    print(f"Wrote {written}")
    return 0


def alerts(args: argparse.Namespace) -> int:
    moment = _moment(args.as_of)
    with open_existing(args.journal) as journal:
        data, catalog = journal.snapshot(), journal.catalog
    found = (alert_rules.all_alerts if args.all else alert_rules.active_alerts)(data, catalog, moment)
    if args.json:
        print(json.dumps([a.to_json() for a in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No alerts. Nothing you recorded meets a 'contact your care team' criterion.")
    for alert in found:
        print(f"[{alert.level.upper()}] {alert.title}\n  {alert.message}\n")
    return 0


def due(args: argparse.Namespace) -> int:
    today = option_date("--as-of", args.as_of, date.today())
    assert today is not None
    with open_existing(args.journal) as journal:
        data = as_of(journal.snapshot(), datetime.combine(today, datetime.max.time()))
        items = schedule.due_items(data, journal.catalog)
    if args.json:
        print(json.dumps([_due_json(item, today) for item in items], indent=2, ensure_ascii=False))
        return 0
    if not items:
        print("Nothing is due. Set your current therapy to see when the next infusion is due.")
    for item in items:
        print(f"{item.due.isoformat()}  {due_in_words(item.days_to_go(today)):>16}  {item.title}"
              + (f"  ({item.note})" if item.note else ""))
    return 0


def _due_json(item: schedule.DueItem, today: date) -> dict[str, object]:
    return {"kind": item.kind, "treatment": item.treatment, "due": item.due.isoformat(),
            "title": item.title, "days_to_go": item.days_to_go(today), "overdue": item.overdue(today),
            "entry": item.entry, "task": item.task, "note": item.note, "unverified": item.unverified}


def chart(args: argparse.Namespace) -> int:
    from msjournal.chart_command import run_chart

    return run_chart(args)


def summary(args: argparse.Namespace) -> int:
    from msjournal.summary_command import run_summary

    return run_summary(args)


def backup(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_backup

    return run_backup(args)


def restore(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_restore

    return run_restore(args)


def check(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_check

    return run_check(args)


def protect(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_protect

    return run_protect(args)


def unprotect(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_unprotect

    return run_unprotect(args)


def change_passphrase(args: argparse.Namespace) -> int:
    from msjournal.safety_commands import run_change_passphrase

    return run_change_passphrase(args)


HANDLERS = {
    "demo": demo,
    "import": import_file,
    "export": export,
    "alerts": alerts,
    "due": due,
    "chart": chart,
    "summary": summary,
    "backup": backup,
    "restore": restore,
    "check": check,
    "protect": protect,
    "unprotect": unprotect,
    "change-passphrase": change_passphrase,
}
