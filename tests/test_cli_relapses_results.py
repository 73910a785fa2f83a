"""`msjournal relapses` and `msjournal results`, run as a person would run them (the issue
"Relapses and test results")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import run

RELAPSES: list[dict[str, Any]] = [
    {
        "id": "r-1",
        "onset": "2026-02-10T08:00",
        "description": "Blurred vision\nin my left eye",
        "areas": ["vision", "balance"],
        "impact": "moderate",
        "recovered": "2026-03-01",
        "recovery": "full",
        "confirmed": True,
        "treated_with": ["ivmp-1", "ivmp-2", "ivmp-3"],
        "notes": "",
    },
    {
        "id": "r-2",
        "onset": "2026-05-20T07:15",
        "description": "Numb right hand",
        "areas": ["sensation"],
        "impact": "mild",
        "recovered": None,
        "recovery": "not_yet",
        "confirmed": False,
        "treated_with": [],
        "notes": "told the MS nurse",
    },
]
RESULTS: list[dict[str, Any]] = [
    {
        "id": "tr-1",
        "test": "platelets",
        "other_label": "",
        "taken": "2026-03-01",
        "value": 95,
        "unit": "×10⁹/L",
        "qualitative": "",
        "reference_low": 150,
        "reference_high": 400,
        "follow_up": "f-1",
        "notes": "repeat in two weeks",
    },
    {
        "id": "tr-2",
        "test": "jcv_status",
        "other_label": "",
        "taken": "2026-03-01T09:30",
        "value": None,
        "unit": "",
        "qualitative": "negative",
        "reference_low": None,
        "reference_high": None,
        "follow_up": None,
        "notes": "",
    },
    {
        "id": "tr-3",
        "test": "platelets",
        "other_label": "",
        "taken": "2026-03-15",
        "value": 210,
        "unit": "×10⁹/L",
        "qualitative": "",
        "reference_low": 150,
        "reference_high": 400,
        "follow_up": None,
        "notes": "",
    },
    {
        "id": "tr-4",
        "test": "other",
        "other_label": "Vitamin D",
        "taken": "2026-04-02",
        "value": 48.5,
        "unit": "nmol/L",
        "qualitative": "",
        "reference_low": 50,
        "reference_high": None,
        "follow_up": None,
        "notes": "",
    },
]
DOCUMENT: dict[str, Any] = {
    "format": "msjournal",
    "version": 1,
    "infusions": [
        {
            "id": f"ivmp-{day}",
            "treatment": "iv_methylprednisolone",
            "start": f"2026-02-1{day}T09:00",
        }
        for day in (1, 2, 3)
    ],
    "follow_ups": [
        {"id": "f-1", "kind": "lab_test", "title": "Blood count", "due": "2026-03-01"},
    ],
    "relapses": RELAPSES,
    "test_results": RESULTS,
}


def _import(folder: Path, document: dict[str, Any]) -> Path:
    journal = folder / "j.sqlite"
    (folder / "in.json").write_text(json.dumps(document), encoding="utf-8")
    result = run("import", str(folder / "in.json"), "--journal", str(journal))
    assert result.returncode == 0, result.stderr
    return journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _import(tmp_path_factory.mktemp("lists"), DOCUMENT)


def _lines(*args: str) -> list[str]:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_relapses_one_line_each_with_readable_dates(journal: Path) -> None:
    """Oldest first: when, what happened (on one line), areas, impact, recovery, confirmation,
    the treating course with its dates, and the notes."""
    first, second = _lines("relapses", "--journal", str(journal))
    assert first.startswith("Tue 10 Feb 2026 08:00  Blurred vision in my left eye  (")
    assert "Vision, Balance; moderate impact" in first
    assert "recovered fully by Sun 1 Mar 2026" in first
    assert "confirmed by the care team" in first
    assert "treated with 3 infusions, Wed 11 Feb 2026 to Fri 13 Feb 2026" in first
    assert second.startswith("Wed 20 May 2026 07:15  Numb right hand  (")
    assert "mild impact; not recovered yet" in second
    assert "confirmed" not in second and "treated" not in second
    assert second.endswith("Notes: told the MS nurse")


def test_relapses_json_prints_the_journal_format_records(journal: Path) -> None:
    """--json gives the same records as the journal format's relapses section."""
    result = run("relapses", "--journal", str(journal), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == RELAPSES


def test_results_one_line_each_marked_outside_the_labs_range(journal: Path) -> None:
    """Each result through the shared words: name, value and unit, the lab's range, and a
    marker only when outside it; a date alone or a date and time, as taken."""
    lines = _lines("results", "--journal", str(journal))
    assert lines == [
        "Sun 1 Mar 2026  Platelets: 95 ×10⁹/L (lab range 150–400), below the lab's range"
        "  Notes: repeat in two weeks",
        "Sun 1 Mar 2026 09:30  JCV antibody status: negative",
        "Sun 15 Mar 2026  Platelets: 210 ×10⁹/L (lab range 150–400)",
        "Thu 2 Apr 2026  Vitamin D: 48.5 nmol/L (lab range from 50), below the lab's range",
    ]


def test_results_for_one_test(journal: Path) -> None:
    """--test takes a catalog id, or "other" for the tests the person named."""
    platelets = _lines("results", "--journal", str(journal), "--test", "platelets")
    assert len(platelets) == 2 and all("Platelets" in line for line in platelets)
    (other,) = _lines("results", "--journal", str(journal), "--test", "other")
    assert "Vitamin D" in other
    assert _lines("results", "--journal", str(journal), "--test", "igg") == [
        "No test results recorded for IgG (immunoglobulin G)."
    ]


def test_results_json_prints_the_journal_format_records(journal: Path) -> None:
    """--json gives the journal format's test_results records, filtered by --test."""
    result = run("results", "--journal", str(journal), "--json")
    assert json.loads(result.stdout) == RESULTS
    result = run("results", "--journal", str(journal), "--test", "platelets", "--json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["tr-1", "tr-3"]


def test_an_unknown_test_is_refused_naming_it_and_the_known_ones(journal: Path) -> None:
    """A mistyped --test is one line on stderr, exit 1: the value and every known id."""
    result = run("results", "--journal", str(journal), "--test", "platelet", "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert "'platelet'" in result.stderr
    for known in ("platelets", "jcv_status", "lymphocytes", "mri_gad", "other"):
        assert known in result.stderr


def test_an_empty_journal_says_so(tmp_path: Path) -> None:
    """No entries: a sentence in plain output, an empty list with --json."""
    journal = _import(tmp_path, {"format": "msjournal", "version": 1})
    assert _lines("relapses", "--journal", str(journal)) == ["No relapses recorded."]
    assert _lines("results", "--journal", str(journal)) == ["No test results recorded."]
    assert json.loads(run("relapses", "--journal", str(journal), "--json").stdout) == []
    assert json.loads(run("results", "--journal", str(journal), "--json").stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        ("relapses", "--journal", "{tmp}/missing.sqlite"),
        ("results", "--journal", "{tmp}/missing.sqlite", "--test", "platelets"),
        ("results", "--journal", "{tmp}"),
        ("relapses", "--bogus"),
    ],
)
def test_expected_failures_are_one_line_without_traceback(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """A missing journal or a bad option: one line, exit non-zero, no journal created."""
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "missing.sqlite").exists()


def test_the_commands_are_in_the_help() -> None:
    result = run("--help")
    assert "relapses" in result.stdout and "results" in result.stdout
