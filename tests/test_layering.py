"""The core stays free of Qt and pyplot; the window never talks to the database directly."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import msjournal

PACKAGE = Path(msjournal.__file__).parent


def core_modules() -> list[str]:
    return [f"msjournal.{m.name}" for m in pkgutil.iter_modules([str(PACKAGE)])
            if m.name not in ("ui", "__main__")]


def test_core_imports_no_qt_and_no_pyplot() -> None:
    """Importing every core module loads neither PySide6 nor matplotlib.pyplot."""
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6') or m == 'matplotlib.pyplot']\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_pyplot_anywhere() -> None:
    """No module of the product imports pyplot, not even the window."""
    for source in PACKAGE.rglob("*.py"):
        assert "pyplot" not in source.read_text(encoding="utf-8"), source


def test_ui_never_touches_peewee_or_sql() -> None:
    """msjournal/ui goes through the Journal: no peewee import, no models, no SQL."""
    forbidden = re.compile(r"import peewee|from peewee|msjournal\.db\b|from msjournal import db|execute_sql")
    for source in (PACKAGE / "ui").rglob("*.py"):
        assert not forbidden.search(source.read_text(encoding="utf-8")), source
