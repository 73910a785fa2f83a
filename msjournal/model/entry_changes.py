"""What changed in an entry between two moments, in words (for a save refused as stale)."""

from __future__ import annotations

import dataclasses
from typing import Any

SHOWN_LENGTH = 60


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [
            f"{f.name} {_shown(getattr(value, f.name))}"
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, "")
        ]
        return ", ".join(parts) or "(empty)"
    text = str(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def changed_fields(before: Any, after: Any) -> list[str]:
    """'field: now value' for each field of two entries of one kind that differs."""
    changes = []
    for item in dataclasses.fields(before):
        old, new = getattr(before, item.name), getattr(after, item.name)
        if old != new:
            changes.append(f"{item.name.replace('_', ' ')}: now {_shown(new)}")
    return changes


def changed_elsewhere_message(expected: Any, current: Any | None) -> str:
    """Why a save from a form was refused, and what the journal holds now."""
    if current is None:
        return (
            "This entry was deleted in another window or by a command after you opened it, "
            "so your changes were not saved. Cancel to leave it deleted, or copy what you "
            "typed into a new entry."
        )
    changes = "; ".join(changed_fields(expected, current)) or "its details"
    return (
        "This entry was changed in another window or by a command after you opened it, so "
        f"your changes were not saved. The journal now has: {changes}. "
        "Save again to replace that with what is in this form, or Cancel to keep it."
    )
