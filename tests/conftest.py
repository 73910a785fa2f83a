"""Shared fixtures: every test gets temporary journals, never the person's own."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import date, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from msjournal.journal import Journal  # noqa: E402
from msjournal.model.catalog import Catalog, load_catalog  # noqa: E402

pytest_plugins = ["tests.no_network_plugin"]

# A fixed "now" for tests that must not depend on the day they run.
NOW = datetime(2026, 6, 15, 12, 0)
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test can reach the person's own data folder."""
    monkeypatch.setenv("MSJOURNAL_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    opened = Journal.open(journal_path)
    yield opened
    opened.close()
