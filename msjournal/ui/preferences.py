"""Preferences of this computer (not of the journal): text size, theme, control size and window
geometry, via QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

TEXT_SIZES = {
    "normal": ("Normal", 1.0),
    "large": ("Large", 1.2),
    "larger": ("Larger", 1.4),
    "largest": ("Largest", 1.7),
}
DEFAULT_TEXT_SIZE = "normal"


def _store() -> QSettings:
    return QSettings("msjournal", "msjournal")


def text_size() -> str:
    value = str(_store().value("text_size", DEFAULT_TEXT_SIZE))
    return value if value in TEXT_SIZES else DEFAULT_TEXT_SIZE


def set_text_size(name: str) -> None:
    if name in TEXT_SIZES:
        _store().setValue("text_size", name)


def geometry() -> QByteArray | None:
    value = _store().value("window/geometry")
    return value if isinstance(value, QByteArray) else None


def set_geometry(value: QByteArray) -> None:
    _store().setValue("window/geometry", value)


THEME_NAMES = ("system", "light", "dark", "high_contrast")


def theme() -> str:
    value = str(_store().value("theme", "system"))
    return value if value in THEME_NAMES else "system"


def set_theme(name: str) -> None:
    if name in THEME_NAMES:
        _store().setValue("theme", name)


def large_controls() -> bool:
    return str(_store().value("large_controls", "false")).lower() == "true"


def set_large_controls(on: bool) -> None:
    _store().setValue("large_controls", "true" if on else "false")


def severity_slider() -> bool:
    """How bad a side effect is: rated with a slider instead of the 0-10 buttons."""
    return str(_store().value("severity_slider", "false")).lower() == "true"


def set_severity_slider(on: bool) -> None:
    _store().setValue("severity_slider", "true" if on else "false")


def _journal_key(path: object) -> str:
    """A journal's own key: a digest of its full path (the path itself is not stored)."""
    import hashlib
    from pathlib import Path

    resolved = str(Path(str(path)).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:24]


def first_run_done(path: object) -> bool:
    """The first-run step for the journal at `path` was saved or skipped on this computer."""
    value = _store().value(f"first_run_done/{_journal_key(path)}", "false")
    return str(value).lower() == "true"


def set_first_run_done(path: object, done: bool = True) -> None:
    _store().setValue(f"first_run_done/{_journal_key(path)}", "true" if done else "false")
