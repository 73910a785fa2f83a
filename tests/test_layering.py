"""The tree is the architecture: layers import one way, no circles, no Qt or pyplot in the core.

    model -> rules -> storage -> journal -> safety, exchange, charts, summary, demo -> cli, ui

A module may import its own layer and the layers below it, never one above; and no two
modules import each other, directly or round a circle, not even through an import inside a
function. The window never talks to the database directly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import msjournal

PACKAGE = Path(msjournal.__file__).parent
LAYERS = {
    "model": 0,
    "rules": 1,
    "storage": 2,
    "journal": 3,
    "safety": 4,
    "exchange": 4,
    "charts": 4,
    "summary": 4,
    "demo": 4,
    "help_text": 4,
    "cli": 5,
    "ui": 5,
    "__main__": 6,
    "__init__": 0,
}


def module_name(source: Path) -> str:
    parts = source.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(source): source for source in PACKAGE.rglob("*.py")}


def layer_of(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def imported(source: Path, known: set[str]) -> set[str]:
    """Every msjournal module a source imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("msjournal"))
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("msjournal")
        ):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
    return {name for name in found if name in known and name != "msjournal"}


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {name: imported(path, known) - {name} for name, path in modules.items()}


def test_every_module_belongs_to_a_layer() -> None:
    for name in all_modules():
        assert name.split(".")[1] if "." in name else True
        layer_of(name)  # raises KeyError for a top-level module outside the map


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [
        f"{name} ({layer_of(name)}) imports {target} ({layer_of(target)})"
        for name, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(name) and not name.startswith("msjournal.__")
    ]
    assert wrong == []


def test_no_import_circles() -> None:
    graph = import_graph()
    circles = []

    def visit(node: str, path: list[str], seen: set[str]) -> None:
        for target in sorted(graph[node]):
            if target == path[0]:
                circles.append(" -> ".join([*path, target]))
            elif target not in seen and target > path[0]:
                seen.add(target)
                visit(target, [*path, target], seen)

    for start in sorted(graph):
        visit(start, [start], {start})
    assert circles == []


def test_core_imports_no_qt_and_no_pyplot() -> None:
    """Importing every module outside msjournal.ui loads neither PySide6 nor pyplot."""
    core = sorted(
        n for n in all_modules() if not n.startswith(("msjournal.ui", "msjournal.__main__"))
    )
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6') or m == 'matplotlib.pyplot']\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_no_pyplot_anywhere() -> None:
    """No module of the product imports pyplot, not even the window."""
    for source in PACKAGE.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {
            f"{n.module}.{a.name}"
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module
            for a in n.names
        }
        assert not any("pyplot" in name for name in names), source


DATABASE_MODULES = (
    "msjournal.storage.models",
    "msjournal.storage.database",
    "msjournal.storage.queries",
    "msjournal.storage.rows",
    "msjournal.storage.schema",
)


def test_ui_never_touches_peewee_or_sql() -> None:
    """msjournal/ui goes through the Journal: no peewee, no models, queries or rows, no SQL."""
    for name, targets in import_graph().items():
        if name.startswith("msjournal.ui"):
            assert not {t for t in targets if t.startswith(DATABASE_MODULES)}, name
    for source in (PACKAGE / "ui").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import peewee" not in text and "from peewee" not in text, source
        assert "execute_sql" not in text, source
