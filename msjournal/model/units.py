"""Dose units as people type them: one key for every spelling of the same unit.

Units are free text in a journal (and in files from other apps), so "mg/m²", "mg/m2",
"mg/m^2" and "mg per m2" must count as one unit wherever doses are added up, such as
mitoxantrone's lifetime limit (clinical-facts.md §7).
"""

from __future__ import annotations

import re

_SQUARED = (("²", "2"), ("^2", "2"), ("**2", "2"))
_WORDS = (
    (r"\bper\b", "/"),
    (r"\bsquare\s*met(?:re|er)s?\b", "m2"),
    (r"\bsq\.?\s*m\b", "m2"),
    (r"\bm\s*2\b", "m2"),
)


def dose_unit_key(text: str) -> str:
    """The unit in one spelling: lower case, no spaces, "²" as "2", "per" as "/"."""
    key = text.strip().lower()
    for old, new in _SQUARED:
        key = key.replace(old, new)
    for pattern, new in _WORDS:
        key = re.sub(pattern, new, key)
    return re.sub(r"\s+", "", key)


def same_dose_unit(first: str, second: str) -> bool:
    return dose_unit_key(first) == dose_unit_key(second)
