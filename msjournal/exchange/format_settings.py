"""The journal format's optional "settings" and "acknowledgements" sections.

They make an export a complete copy of the journal: the person's thresholds, name, questions
and own values, and the alert history with its notes. Version 1 files without them still read.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from msjournal.model import settings as settings_store
from msjournal.model.dates import format_datetime, parse_datetime
from msjournal.model.errors import ValidationError
from msjournal.model.records import Acknowledgement, Settings
from msjournal.rules.validation import MAX_NOTE


def settings_json(settings: Settings) -> dict[str, Any]:
    out = asdict(settings)
    out["fever_threshold"] = str(settings.fever_threshold)
    return out


def acknowledgements_json(
    acknowledgements: tuple[Acknowledgement, ...],
) -> list[dict[str, str | None]]:
    return [
        {"alert": a.alert_key, "at": format_datetime(a.at), "note": a.note}
        for a in acknowledgements
    ]


def parse_settings(raw: Any) -> Settings:
    if raw is None:
        return settings_store.DEFAULTS
    if not isinstance(raw, dict):
        raise ValidationError("settings", raw, "expected an object")
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValidationError("settings", unknown[0], "is not a setting")
    return settings_store.apply_changes(settings_store.DEFAULTS, dict(raw))


def _acknowledgement(raw: Any, index: int) -> Acknowledgement:
    where = f"acknowledgements[{index}]"
    if not isinstance(raw, dict):
        raise ValidationError("acknowledgements", raw, "expected an object", record=where)
    key, note = raw.get("alert"), raw.get("note") or ""
    if not isinstance(key, str) or ":" not in key or len(key) > 2000:
        raise ValidationError("alert", key, "expected an alert key like 'fever:t-1'", record=where)
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise ValidationError(
            "note", str(note)[:40], f"expected text of at most {MAX_NOTE} characters", record=where
        )
    at: datetime = parse_datetime("at", raw.get("at"))
    return Acknowledgement(key, at, note)


def parse_acknowledgements(raw: Any) -> tuple[Acknowledgement, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValidationError("acknowledgements", type(raw).__name__, "expected a list")
    return tuple(_acknowledgement(item, index) for index, item in enumerate(raw))
