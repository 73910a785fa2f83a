"""What a normal (non-editable) install needs: the catalog travels with the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from msjournal.model import catalog

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_every_package_the_catalog_and_the_command(tmp_path: Path) -> None:
    """A real wheel, built from this checkout: every subpackage, the catalog in
    share/msjournal (where the loader looks outside a checkout), and the msjournal command."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("msjournal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    packages = {
        p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "msjournal").rglob("__init__.py")
    }
    assert {f"{package}/__init__.py" for package in packages} <= names
    assert any(n.endswith(".data/data/share/msjournal/catalog.toml") for n in names)
    assert "msjournal = msjournal.cli.main:main" in scripts


def test_an_installed_copy_is_found_outside_a_checkout(monkeypatch, tmp_path) -> None:
    """Without a source checkout beside the package, the catalog is read from share/msjournal."""
    share = tmp_path / "share" / "msjournal"
    share.mkdir(parents=True)
    (share / "catalog.toml").write_text("[meta]\nversion = 1\n")
    monkeypatch.setattr(catalog, "__file__", str(tmp_path / "site" / "msjournal" / "catalog.py"))
    monkeypatch.setattr(catalog.sysconfig, "get_paths", lambda: {"data": str(tmp_path)})
    assert catalog.catalog_file() == share / "catalog.toml"
