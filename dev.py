#!/usr/bin/env python3
"""Set up a private virtual environment on first use, then run msjournal or its tests.

    python3 dev.py app [msjournal options]   open the demo journal in the window (default: --demo)
    python3 dev.py test [pytest options]     run the whole test suite, headless
    python3 dev.py msjournal ARGS...         run the msjournal command line
    python3 dev.py check                     the quality gates: ruff (lint, format), mypy

Only Python 3.11+ is needed; the first run installs the dependencies into .venv/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "msjournal-installed.sha256"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under any python3; explain, don't crash
        sys.exit(f"msjournal needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = requirements_digest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        print("Installing msjournal and its dependencies (first run only) …", flush=True)
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("app", [])
    python = ensure_environment()
    env = dict(os.environ)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "app":
        return subprocess.call([str(python), "-m", "msjournal", *(rest or ["--demo"])], env=env)
    if command == "msjournal":
        return subprocess.call([str(python), "-m", "msjournal", *rest], env=env)
    if command == "check":
        return quality_gates(python)
    print(__doc__, file=sys.stderr)
    return 2


GATES = (
    ("ruff", "check", "msjournal", "tests", "benchmarks", "dev.py"),
    ("ruff", "format", "--check", "msjournal", "tests", "benchmarks", "dev.py"),
    ("mypy",),
)


def quality_gates(python: Path) -> int:
    """Each gate in turn; all of them run, and the exit code says whether any failed."""
    failed = []
    for tool, *args in GATES:
        print(f"$ {tool} {' '.join(args)}", flush=True)
        if subprocess.call([str(python), "-m", tool, *args], cwd=ROOT) != 0:
            failed.append(tool)
    if failed:
        print(f"Quality gates failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
