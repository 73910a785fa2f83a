"""Run every msjournal benchmark against its baseline and write benchmarks/RESULTS.md.

    python3 dev.py msjournal ...   (sets up .venv), then:
    .venv/bin/python benchmarks/run.py [--quick]

Each benchmark times the product and its baseline in the same run, alternating, after a
warm-up, and reports medians and the ratio. Not part of the test suite: timings on shared
machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bare_chart import draw_bare  # noqa: E402

YEARS = (0, 1, 10, 30)
Row = tuple[str, float, float | None, str]  # name, product ms, baseline ms, target


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def alternate(
    product: Callable[[], object], baseline: Callable[[], object] | None, runs: int, warmup: int = 1
) -> tuple[float, float | None]:
    for _ in range(warmup):
        product()
        if baseline:
            baseline()
    timings: list[float] = []
    base_timings: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        product()
        timings.append(time.perf_counter() - start)
        if baseline:
            start = time.perf_counter()
            baseline()
            base_timings.append(time.perf_counter() - start)
    return median_ms(timings), (median_ms(base_timings) if baseline else None)


def make_journals(folder: Path) -> dict[int, Path]:
    paths = {}
    for years in YEARS:
        path = folder / f"demo-{years}y.sqlite"
        subprocess.run(
            [sys.executable, "-m", "msjournal", "demo", "--out", str(path), "--years", str(years)],
            check=True,
            capture_output=True,
        )
        paths[years] = path
    return paths


def with_overdue_follow_ups(journal: Path, count: int) -> Path:
    """A copy of a journal with `count` follow-ups long past due and never ticked off (someone
    who imported years of history)."""
    import shutil
    from datetime import date

    from msjournal.journal import Journal
    from msjournal.model.records import FollowUp, JournalData

    copy = journal.with_name(f"{journal.stem}-overdue{count}.sqlite")
    shutil.copyfile(journal, copy)
    start = date.today() - timedelta(days=count + 30)
    overdue = tuple(
        FollowUp(f"f-overdue-{n}", "lab_test", f"Blood test {n + 1}", start + timedelta(days=n))
        for n in range(count)
    )
    with Journal.open(copy) as opened:
        opened.add_records(JournalData(follow_ups=overdue))
    return copy


OVERDUE = 300

# ---------------------------------------------------------------- start-up and memory


def run_process(args: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} exited with {status}")
    return elapsed, usage.ru_maxrss


def bench_startup(journals: dict[int, Path], runs: int) -> list[Row]:
    """Every journal and the bare window take turns in each round, so drift hits all alike."""
    bare = [sys.executable, str(HERE / "bare_window.py")]
    paths: dict[object, Path] = dict(journals)
    paths["overdue"] = with_overdue_follow_ups(journals[10], OVERDUE)
    commands = {
        key: [sys.executable, "-m", "msjournal", "--journal", str(path), "--quit-after-show"]
        for key, path in paths.items()
    }
    times: dict[object, list[float]] = {key: [] for key in [*commands, "bare"]}
    for round_number in range(runs * 2 + 1):
        for key, command in [*commands.items(), ("bare", bare)]:
            elapsed = run_process(command)[0]
            if round_number:  # the first round warms the caches
                times[key].append(elapsed)
    medians = {key: median_ms(samples) for key, samples in times.items()}
    rows: list[Row] = []
    for years in journals:
        target = "≤ 1.5× bare window" if years == 10 else ""
        rows.append(
            (
                f"start-up to painted window, {years}-year journal",
                medians[years],
                medians["bare"],
                target,
            )
        )
    growth = medians[30] / medians[0]
    rows.append(("start-up, 30-year / empty journal", growth * 100, 100.0, "within 10% (≤ 110)"))
    alerts = medians["overdue"] / medians[10]
    rows.append(
        (
            f"start-up, 10-year journal with {OVERDUE} overdue follow-ups / none",
            alerts * 100,
            100.0,
            "≤ 1.10× the same journal without them (≤ 110)",
        )
    )
    return rows


def bench_memory(journals: dict[int, Path]) -> list[Row]:
    bare = [sys.executable, str(HERE / "bare_window.py")]
    app = [sys.executable, "-m", "msjournal", "--journal", str(journals[10]), "--quit-after-show"]
    app_kib = statistics.median(run_process(app)[1] for _ in range(3))
    bare_kib = statistics.median(run_process(bare)[1] for _ in range(3))
    return [
        (
            "peak memory, window on 10-year journal (MiB)",
            app_kib / 1024,
            bare_kib / 1024,
            "≤ 1.3× bare window",
        )
    ]


# ---------------------------------------------------------------- saving and rules


def bench_save(folder: Path, runs: int) -> list[Row]:
    from msjournal.journal import Journal

    journal = Journal.open(folder / "save.sqlite")
    bare = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    bare.execute("PRAGMA journal_mode=wal")
    bare.execute("PRAGMA synchronous=full")
    bare.execute("CREATE TABLE t (taken TEXT, value TEXT, unit TEXT)")
    moment = datetime(2026, 1, 1, 8, 0)

    def product() -> None:
        journal.add("t", {"taken": moment.isoformat(), "value": "36.8", "unit": "C"})

    def baseline() -> None:
        bare.execute("BEGIN")
        bare.execute("INSERT INTO t VALUES (?, ?, ?)", (moment.isoformat(), "36.8", "C"))
        bare.execute("COMMIT")

    product_ms, base_ms = alternate(product, baseline, runs * 5, warmup=3)
    journal.close()
    return [("save one entry (with fsync)", product_ms, base_ms, "≤ 1.5× bare sqlite3 commit")]


def bench_rules(journals: dict[int, Path], runs: int) -> list[Row]:
    from msjournal.journal import Journal
    from msjournal.rules import alerts, schedule

    journal = Journal.open(journals[10])
    now = datetime.now()

    def product() -> None:
        data = journal.snapshot()
        alerts.active_alerts(data, journal.catalog, now)
        schedule.due_items(data, journal.catalog)

    product_ms, _ = alternate(product, None, runs * 3)
    journal.close()
    return [("alerts + due, 10-year journal (load included)", product_ms, None, "< 50 ms")]


# ---------------------------------------------------------------- charts and summary


def _drawn_series(figure) -> list[tuple[list[float], list[float]]]:
    series = []
    for axes in figure.axes:
        for line in axes.lines:
            xs, ys = line.get_xdata(), line.get_ydata()
            if len(xs) > 2:
                series.append((list(map(float, _numeric(xs))), list(map(float, _numeric(ys)))))
        for collection in axes.collections:
            offsets = collection.get_offsets()
            if len(offsets):
                series.append(([float(p[0]) for p in offsets], [float(p[1]) for p in offsets]))
    return series


def _numeric(values):  # type: ignore[no-untyped-def]
    from matplotlib.dates import date2num

    return [date2num(v) if isinstance(v, (date, datetime)) else v for v in values]


def bench_charts(journals: dict[int, Path], runs: int) -> list[Row]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from msjournal.charts import drawing as charts
    from msjournal.journal import Journal

    journal = Journal.open(journals[10])
    data, catalog = journal.snapshot(), journal.catalog
    rows: list[Row] = []
    for kind in charts.CHART_KINDS:

        def product(kind: str = kind) -> Figure:
            figure = Figure(figsize=(10, 5), dpi=100)
            FigureCanvasAgg(figure)
            test = "lymphocytes" if kind == "results" else None  # the demo's most frequent test
            charts.draw_chart(kind, figure, data, catalog, test=test)
            figure.canvas.draw()
            return figure

        series = _drawn_series(product())

        def baseline(series: list[tuple[list[float], list[float]]] = series) -> None:
            draw_bare(series)

        product_ms, base_ms = alternate(product, baseline, runs)
        points = sum(len(x) for x, _ in series)
        rows.append(
            (
                f"chart '{kind}', 10-year journal ({points} points)",
                product_ms,
                base_ms,
                "≤ 1.5× bare matplotlib and < 300 ms",
            )
        )
    journal.close()
    return rows


def bench_summary(journals: dict[int, Path], folder: Path, runs: int) -> list[Row]:
    from msjournal.journal import Journal
    from msjournal.summary.document import write_summary

    journal = Journal.open(journals[10])
    data, catalog = journal.snapshot(), journal.catalog
    today = date.today()

    def six() -> None:
        write_summary(data, catalog, folder / "six.pdf", today - timedelta(days=182), today)

    def ten() -> None:
        write_summary(data, catalog, folder / "ten.pdf", today - timedelta(days=3653), today)

    six_ms, _ = alternate(six, None, runs)
    ten_ms, _ = alternate(ten, None, max(3, runs // 2))
    journal.close()
    return [
        ("summary PDF, last 6 months of the 10-year journal", six_ms, None, "< 1 s"),
        ("summary PDF, all 10 years", ten_ms, None, "< 5 s"),
    ]


# ---------------------------------------------------------------- report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def write_results(rows: list[Row], out: Path, notes: str) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        f"Date: {datetime.now():%Y-%m-%d %H:%M}  ",
        "Command: `.venv/bin/python benchmarks/run.py`",
        "",
        "| benchmark | msjournal | baseline | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, product, base, target in rows:
        ratio = f"{product / base:.2f}×" if base else ""
        base_text = f"{base:.1f}" if base is not None else ""
        lines.append(f"| {name} | {product:.1f} | {base_text} | {ratio} | {target} |")
    lines += ["", "Times are medians in milliseconds unless the name says otherwise.", "", notes]
    out.write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (a rough look)")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        journals = make_journals(folder)
        rows: list[Row] = []
        for step in (
            lambda: bench_startup(journals, runs),
            lambda: bench_memory(journals),
            lambda: bench_save(folder, runs),
            lambda: bench_rules(journals, runs),
            lambda: bench_charts(journals, runs),
            lambda: bench_summary(journals, folder, runs),
        ):
            for row in step():
                rows.append(row)
                print(
                    f"{row[0]}: {row[1]:.1f}" + (f" vs {row[2]:.1f}" if row[2] else ""), flush=True
                )
    notes_file = HERE / "NOTES.md"
    write_results(rows, Path(args.out), notes_file.read_text() if notes_file.exists() else "")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
