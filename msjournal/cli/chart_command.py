"""`msjournal chart KIND --out FILE.png|.svg`: one trend chart to a file, as the window draws it.

`msjournal chart results --test ID` draws one lab test's results; the test id is checked against
the catalog (a words-only test has no chart) before anything is drawn.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from msjournal.model.catalog import Catalog
from msjournal.model.errors import JournalError
from msjournal.model.records import OTHER_SYMPTOM


def _check_out(text: str) -> Path:
    out = Path(text)
    if out.suffix.lower() not in (".png", ".svg"):
        raise JournalError(
            f"--out = {text!r}: a chart is written as PNG or SVG; "
            "choose a file name ending in .png or .svg."
        )
    return out


def _check_symptoms(ids: list[str] | None, catalog: Catalog) -> list[str] | None:
    if not ids:
        return None
    for symptom in ids:
        if symptom not in catalog.symptoms and symptom != OTHER_SYMPTOM:
            known = ", ".join(sorted(catalog.symptoms))
            raise JournalError(
                f"--symptom = {symptom!r}: not a symptom id. Known ids: {known}, {OTHER_SYMPTOM}."
            )
    return list(dict.fromkeys(ids))


def run_chart(args: argparse.Namespace) -> int:
    from msjournal.charts.result_series import check_test  # no matplotlib: that loads to draw
    from msjournal.cli.common import open_existing, option_date

    out = _check_out(args.out)
    start = option_date("--from", args.date_from)
    end = option_date("--to", args.date_to)
    if start and end and start > end:
        raise JournalError(
            f"--from = {args.date_from!r} is after --to = {args.date_to!r}: "
            "choose a start on or before the end."
        )
    test = getattr(args, "test", None)
    if test is not None and args.kind != "results":
        raise JournalError(
            f"--test = {test!r}: --test is for the results chart only "
            f"(msjournal chart results --test ID), not the {args.kind} chart."
        )
    if args.kind == "results" and args.symptom:
        raise JournalError(
            f"--symptom = {args.symptom[0]!r}: the results chart shows one lab test; "
            "choose it with --test ID instead."
        )
    with open_existing(args.journal) as journal:
        data, catalog = journal.snapshot(), journal.catalog
    if args.kind == "results":
        check_test(catalog, test, "--test", data)
    symptoms = _check_symptoms(args.symptom, catalog)
    from msjournal.charts import drawing as charts

    saved = charts.save_chart(args.kind, data, catalog, out, start, end, symptoms, test)
    note = "" if saved.drawn else " (nothing to chart yet: the image says what to log)"
    print(f"Wrote {saved.path}{note}")
    return 0
