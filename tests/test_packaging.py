"""What a normal (non-editable) install needs: the catalog travels with the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

from msjournal.model import catalog

ROOT = Path(__file__).resolve().parent.parent


def test_the_catalog_is_installed_with_the_package() -> None:
    """pyproject ships resources/catalog.toml to share/msjournal, where the loader looks."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["setuptools"]["data-files"]["share/msjournal"]
    assert "resources/catalog.toml" in shipped
    assert (ROOT / "resources" / "catalog.toml").exists()


def test_an_installed_copy_is_found_outside_a_checkout(monkeypatch, tmp_path) -> None:
    """Without a source checkout beside the package, the catalog is read from share/msjournal."""
    share = tmp_path / "share" / "msjournal"
    share.mkdir(parents=True)
    (share / "catalog.toml").write_text("[meta]\nversion = 1\n")
    monkeypatch.setattr(catalog, "__file__", str(tmp_path / "site" / "msjournal" / "catalog.py"))
    monkeypatch.setattr(catalog.sysconfig, "get_paths", lambda: {"data": str(tmp_path)})
    assert catalog.catalog_file() == share / "catalog.toml"
