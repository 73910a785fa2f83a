"""The msjournal command line, run as a person would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_journal_format import EXAMPLE


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "msjournal", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    result = run("demo", "--out", str(path), "--years", "2", "--seed", "5")
    assert result.returncode == 0, result.stderr
    return path


def test_demo_writes_a_lived_in_journal(demo_path) -> None:
    """`msjournal demo` makes a journal with infusions, side effects and follow-ups."""
    result = run(
        "export", "json", "--journal", str(demo_path), "--out", str(demo_path.with_suffix(".json"))
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(demo_path.with_suffix(".json").read_text())
    assert len(data["infusions"]) > 20 and data["side_effects"] and data["follow_ups"]
    assert any(f["done"] is None for f in data["follow_ups"])
    assert any(f["done"] for f in data["follow_ups"])


def test_demo_is_deterministic_for_a_seed(tmp_path) -> None:
    """The same seed gives the same journal."""
    exports = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite"
        assert run("demo", "--out", str(path), "--seed", "11", "--years", "1").returncode == 0
        out = tmp_path / f"{name}.json"
        run("export", "json", "--journal", str(path), "--out", str(out))
        exports.append({k: v for k, v in json.loads(out.read_text()).items() if k != "exported"})
    assert exports[0] == exports[1]


def test_demo_refuses_to_overwrite(demo_path) -> None:
    """`msjournal demo` never overwrites an existing journal."""
    result = run("demo", "--out", str(demo_path))
    assert result.returncode == 1 and "already exists" in result.stderr


def test_alerts_json_lists_the_demo_fever(demo_path) -> None:
    """`alerts --json` gives rule, level, message and the entries that raised it."""
    result = run("alerts", "--journal", str(demo_path), "--json")
    alerts = json.loads(result.stdout)
    fever = next(a for a in alerts if a["rule"] == "fever")
    assert fever["level"] == "consult" and fever["entries"] and "care team" in fever["message"]


def test_alerts_name_their_level_in_the_windows_words(demo_path) -> None:
    """Issue "Accessibility" (minor): `alerts` printed "[CONSULT]" where the window says
    "Contact your care team"."""
    result = run("alerts", "--journal", str(demo_path))
    assert "[Contact your care team] Temperature above your fever threshold" in result.stdout
    assert "[CONSULT]" not in result.stdout


def test_alerts_as_of_a_moment(tmp_path) -> None:
    """--as-of evaluates the rules at that moment."""
    journal = tmp_path / "j.sqlite"
    (tmp_path / "in.json").write_text(json.dumps(EXAMPLE))
    assert run("import", str(tmp_path / "in.json"), "--journal", str(journal)).returncode == 0
    at = json.loads(
        run("alerts", "--journal", str(journal), "--as-of", "2026-03-03T08:00", "--json").stdout
    )
    assert [a["rule"] for a in at] == ["fever", "result_out_of_range"]  # sample of 1 March
    before = json.loads(
        run("alerts", "--journal", str(journal), "--as-of", "2026-03-02T08:00", "--json").stdout
    )
    assert [a["rule"] for a in before] == ["result_out_of_range"]
    earlier = json.loads(
        run("alerts", "--journal", str(journal), "--as-of", "2026-02-28T08:00", "--json").stdout
    )
    assert earlier == []


def test_due_json(tmp_path) -> None:
    """`due --json` lists kind, treatment, due date and title."""
    journal = tmp_path / "j.sqlite"
    (tmp_path / "in.json").write_text(json.dumps(EXAMPLE))
    run("import", str(tmp_path / "in.json"), "--journal", str(journal))
    items = json.loads(
        run("due", "--journal", str(journal), "--as-of", "2026-03-05", "--json").stdout
    )
    assert {
        "kind": "infusion",
        "treatment": "natalizumab",
        "due": "2026-03-30",
        "title": "Natalizumab infusion",
    }.items() <= items[0].items()
    assert {
        "kind": "follow_up",
        "due": "2026-04-01",
        "title": "Neurologist review",
    }.items() <= items[1].items()


def test_import_refusal_prints_the_record_and_changes_nothing(tmp_path) -> None:
    """A bad import file prints one clear line naming the record and field, exit code 1."""
    journal = tmp_path / "j.sqlite"
    bad = json.loads(json.dumps(EXAMPLE))
    bad["side_effects"][0]["severity"] = 14
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    result = run("import", str(tmp_path / "bad.json"), "--journal", str(journal))
    assert result.returncode == 1
    assert (
        "se-1" in result.stderr and "severity" in result.stderr and "Traceback" not in result.stderr
    )
    exported = tmp_path / "out.json"
    run("export", "json", "--journal", str(journal), "--out", str(exported))
    assert json.loads(exported.read_text())["infusions"] == []


@pytest.mark.parametrize(
    "args",
    [
        ("alerts", "--journal", "/nonexistent/j.sqlite"),
        ("import", "/nonexistent/file.json", "--journal", "{tmp}/j.sqlite"),
        ("alerts", "--bogus"),
        ("due", "--journal", "{tmp}/j.sqlite", "--as-of", "tomorrow"),
        ("due", "--journal", "{tmp}"),
        ("import", "{tmp}/missing.json", "--journal", "{tmp}/new.sqlite"),
    ],
)
def test_expected_failures_are_one_line_without_traceback(tmp_path, args) -> None:
    """Missing files, bad options and bad dates print one line and exit non-zero."""
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode != 0
    assert not (tmp_path / "new.sqlite").exists(), "a failed import creates no journal"
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_python_dash_m_and_version() -> None:
    """`python -m msjournal --version` works."""
    result = run("--version")
    assert result.returncode == 0 and "msjournal" in result.stdout


def test_journal_given_before_the_command_is_the_one_used(tmp_path) -> None:
    """`msjournal --journal X import F` imports into X, never into the person's own journal."""
    data_dir = tmp_path / "own"
    (tmp_path / "in.json").write_text(json.dumps(EXAMPLE))
    env = {**os.environ, "MSJOURNAL_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "msjournal",
            "--journal",
            str(tmp_path / "x.sqlite"),
            "import",
            str(tmp_path / "in.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.sqlite").exists() and not data_dir.exists()


def test_due_dates_are_said_in_words() -> None:
    """Due items read 'tomorrow', 'in 5 days', '3 days overdue'; past events read 'ago'."""
    from msjournal.model.dates import days_in_words, due_in_words

    assert [due_in_words(d) for d in (1, 5, -1, -3, 0)] == [
        "tomorrow",
        "in 5 days",
        "1 day overdue",
        "3 days overdue",
        "today",
    ]
    assert days_in_words(-3) == "3 days ago"


def test_no_journal_never_suggests_writing_a_demo_over_the_persons_path(tmp_path) -> None:
    """Issue "Accessibility", minor: the hint suggested 'msjournal demo --out' the person's own
    journal path."""
    own = tmp_path / "my-journal.sqlite"
    result = run("alerts", "--journal", str(own))
    assert result.returncode != 0 and "No journal at" in result.stderr
    assert f"--out {own}" not in result.stderr and "demo.sqlite" in result.stderr
