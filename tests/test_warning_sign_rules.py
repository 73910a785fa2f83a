"""Every warning sign in the catalog is raised by an alert rule at least as high as its urgency.

Issue (clinical reviewer): "The urgent level of a rule must never be lower than the catalog's
urgency for the warning sign it matches; check every warning sign in the catalog against the
rule that can raise it, and document each mapping in docs/alerts.md."

Each treatment's warning sign in resources/catalog.toml names, in `raised_by`, the rules that an
entry describing it raises (msjournal/rules/alerts.py RULES). The catalog's urgencies map onto
the app's levels: "emergency" needs an "urgent" rule, "urgent" at least a "consult" rule and
"routine" at least a "reminder". A sign whose urgency no rule reaches is a clinical gap: the test
fails for it rather than the catalog urgency being lowered.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from msjournal.model.catalog import Treatment, WarningSign, load_catalog
from msjournal.rules.alerts import LEVELS, RULES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "alerts.md"
SECTION = "## Warning signs and the rules that raise them"

# catalog urgency -> the lowest app level that meets it
NEEDED_LEVEL = {"emergency": "urgent", "urgent": "consult", "routine": "reminder"}


def rank(level: str) -> int:
    """Higher is more pressing: reminder 0, consult 1, urgent 2."""
    return len(LEVELS) - 1 - LEVELS.index(level)


def all_signs() -> list[tuple[Treatment, WarningSign]]:
    catalog = load_catalog()
    return [(t, w) for t in catalog.treatments.values() for w in t.warning_signs]


SIGNS = all_signs()
SIGN_IDS = [f"{t.id}.{w.id}" for t, w in SIGNS]


def test_every_treatment_has_warning_signs_to_check() -> None:
    catalog = load_catalog()
    assert SIGNS
    assert all(t.warning_signs for t in catalog.treatments.values())


@pytest.mark.parametrize(("treatment", "sign"), SIGNS, ids=SIGN_IDS)
def test_raised_by_names_real_rules(treatment: Treatment, sign: WarningSign) -> None:
    assert sign.raised_by, f"{treatment.id}.{sign.id} names no rule that raises it"
    unknown = [r for r in sign.raised_by if r not in RULES]
    assert not unknown, f"{treatment.id}.{sign.id}: no such rule {unknown}"
    assert len(set(sign.raised_by)) == len(sign.raised_by)


@pytest.mark.parametrize(("treatment", "sign"), SIGNS, ids=SIGN_IDS)
def test_the_highest_rule_meets_the_catalog_urgency(
    treatment: Treatment, sign: WarningSign
) -> None:
    assert sign.urgency in NEEDED_LEVEL, f"{treatment.id}.{sign.id}: urgency {sign.urgency!r}"
    needed = NEEDED_LEVEL[sign.urgency]
    levels = {r: RULES[r].level for r in sign.raised_by if r in RULES}
    highest = max(levels.values(), key=rank, default=None)
    assert highest is not None and rank(highest) >= rank(needed), (
        f"clinical gap: {treatment.id}.{sign.id} has catalog urgency {sign.urgency!r}, which "
        f"needs a rule at level {needed!r}, but the rules that can raise it are {levels}"
    )


def test_the_level_mapping_is_ordered() -> None:
    assert rank("urgent") > rank("consult") > rank("reminder")
    assert set(NEEDED_LEVEL.values()) == set(LEVELS)


def _docs_section() -> str:
    text = DOCS.read_text(encoding="utf-8")
    assert SECTION in text, f"docs/alerts.md has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1]
    return re.split(r"\n## ", section, maxsplit=1)[0]


@pytest.mark.parametrize(("treatment", "sign"), SIGNS, ids=SIGN_IDS)
def test_docs_list_the_mapping(treatment: Treatment, sign: WarningSign) -> None:
    parts = re.split(r"\n### ", _docs_section())
    tables = [p for p in parts if p.split("\n", 1)[0].endswith(f"(`{treatment.id}`)")]
    assert len(tables) == 1, f"docs/alerts.md: no table for {treatment.id}"
    rows = [
        line
        for line in tables[0].splitlines()
        if line.startswith(f"| `{sign.id}` | {sign.urgency} |")
    ]
    assert len(rows) == 1, f"docs/alerts.md: no row for {treatment.id}.{sign.id}"
    for rule in sign.raised_by:
        assert f"`{rule}` ({RULES[rule].level})" in rows[0], (treatment.id, sign.id, rule)
