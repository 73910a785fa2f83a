"""The msjournal command: the window by default, and subcommands for everything in the core.

Expected failures print one line to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from msjournal import __version__
from msjournal.model.errors import JournalError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"msjournal: {message} (see msjournal --help)\n")


def _journal_option(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # A subcommand's --journal must not reset one given before the subcommand to None.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--journal",
        metavar="PATH",
        default=default,
        help="journal file (default: your own journal in the data folder)",
    )


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    _journal_option(parser, top_level=True)
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh copy of a demo journal (never your own)"
    )
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="show and paint the window once, then exit (to time start-up)",
    )


def _add_core_commands(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="write a realistic demo journal")
    demo.add_argument("--out", metavar="PATH", required=True)
    demo.add_argument("--years", type=float, default=2, help="how many years (default 2)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same journal)")

    importing = commands.add_parser("import", help="add the entries of a journal file (JSON)")
    importing.add_argument("file", metavar="FILE.json")
    _journal_option(importing)

    alerts = commands.add_parser("alerts", help="show active 'contact your care team' alerts")
    _journal_option(alerts)
    alerts.add_argument("--as-of", metavar="DATE-TIME", help="evaluate as of this moment")
    alerts.add_argument("--all", action="store_true", help="include acknowledged and past alerts")
    alerts.add_argument("--json", action="store_true", help="print JSON")

    due = commands.add_parser("due", help="show what is due next")
    _journal_option(due)
    due.add_argument("--as-of", metavar="DATE", help="as of this date (default today)")
    due.add_argument("--json", action="store_true", help="print JSON")


def _add_entry_list_commands(commands: argparse._SubParsersAction) -> None:
    relapses = commands.add_parser("relapses", help="list the relapses you recorded")
    _journal_option(relapses)
    relapses.add_argument("--json", action="store_true", help="print JSON")

    results = commands.add_parser("results", help="list your test results, oldest first")
    _journal_option(results)
    results.add_argument("--test", metavar="ID", help="one test only (a catalog test id, or other)")
    results.add_argument("--json", action="store_true", help="print JSON")


def _add_export_command(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="write the journal in an open format")
    export.add_argument("format", choices=["json", "csv", "ics"])
    _journal_option(export)
    export.add_argument("--out", metavar="PATH", required=True)
    export.add_argument("--from", dest="date_from", metavar="DATE")
    export.add_argument("--to", dest="date_to", metavar="DATE")


def _add_chart_and_summary_commands(commands: argparse._SubParsersAction) -> None:
    chart = commands.add_parser("chart", help="draw a trend chart to a PNG or SVG file")
    chart.add_argument(
        "kind", choices=["severity", "temperature", "cycle", "per-infusion", "results"]
    )
    _journal_option(chart)
    chart.add_argument("--out", metavar="FILE.png|FILE.svg", required=True)
    chart.add_argument("--from", dest="date_from", metavar="DATE")
    chart.add_argument("--to", dest="date_to", metavar="DATE")
    chart.add_argument("--symptom", action="append", metavar="ID", help="symptom id (repeatable)")
    chart.add_argument("--test", metavar="ID", help="lab test id (for the results chart)")

    summary = commands.add_parser(
        "summary", help="write the appointment summary (PDF, or a web page for screen readers)"
    )
    _journal_option(summary)
    summary.add_argument("--out", metavar="FILE.pdf|FILE.html", required=True)
    summary.add_argument("--from", dest="date_from", metavar="DATE")
    summary.add_argument("--to", dest="date_to", metavar="DATE")


def _add_safety_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="make a backup of the journal now")
    _journal_option(backup)
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: backups folder)")

    restore = commands.add_parser("restore", help="replace the journal with a checked backup")
    restore.add_argument("file", metavar="FILE")
    _journal_option(restore)

    check = commands.add_parser("check", help="check the journal file for damage")
    _journal_option(check)
    _add_passphrase_commands(commands)


def _add_passphrase_commands(commands: argparse._SubParsersAction) -> None:
    where = (
        " (the passphrase comes from MSJOURNAL_PASSPHRASE, else you are asked for it; "
        "needs pip install msjournal[encryption])"
    )
    protect = commands.add_parser("protect", help="encrypt the journal with a passphrase" + where)
    _journal_option(protect)
    unprotect = commands.add_parser("unprotect", help="remove the passphrase protection" + where)
    _journal_option(unprotect)
    change = commands.add_parser(
        "change-passphrase",
        help="change the passphrase (the new one from "
        "MSJOURNAL_NEW_PASSPHRASE, else you are asked)" + where,
    )
    _journal_option(change)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="msjournal",
        description="A personal journal for MS infusion therapy. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"msjournal {__version__}")
    _add_window_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_core_commands(commands)
    _add_entry_list_commands(commands)
    _add_export_command(commands)
    _add_chart_and_summary_commands(commands)
    _add_safety_commands(commands)
    return parser


# Each command's handler, imported only when it runs: `msjournal due` never loads matplotlib,
# reportlab or Qt.
HANDLERS = {
    None: "msjournal.ui.launch:run_window",
    "demo": "msjournal.cli.journal_commands:demo",
    "import": "msjournal.cli.journal_commands:import_file",
    "export": "msjournal.cli.journal_commands:export",
    "alerts": "msjournal.cli.journal_commands:alerts",
    "due": "msjournal.cli.journal_commands:due",
    "relapses": "msjournal.cli.entry_lists:relapses",
    "results": "msjournal.cli.entry_lists:results",
    "chart": "msjournal.cli.chart_command:run_chart",
    "summary": "msjournal.cli.summary_command:run_summary",
    "backup": "msjournal.cli.safety_commands:run_backup",
    "restore": "msjournal.cli.safety_commands:run_restore",
    "check": "msjournal.cli.safety_commands:run_check",
    "protect": "msjournal.cli.safety_commands:run_protect",
    "unprotect": "msjournal.cli.safety_commands:run_unprotect",
    "change-passphrase": "msjournal.cli.safety_commands:run_change_passphrase",
}


def _handler(command: str | None) -> Handler:
    module, _, function = HANDLERS[command].partition(":")
    handler: Handler = getattr(importlib.import_module(module), function)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _handler(args.command)(args)
    except JournalError as error:
        print(f"msjournal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
