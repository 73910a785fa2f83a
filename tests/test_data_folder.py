"""The data folder is private (0700) whenever msjournal creates or uses it (POSIX)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.journal import Journal
from msjournal.storage.paths import JOURNAL_NAME, resolve_journal
from tests.safety_helpers import mode
from tests.test_journal_format import EXAMPLE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def open_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that another tool left readable by everyone (0755)."""
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    monkeypatch.setenv("MSJOURNAL_DATA_DIR", str(folder))
    return folder


def test_an_existing_open_data_folder_is_made_private_on_import(
    open_folder: Path, tmp_path: Path
) -> None:
    """`msjournal import` into the data folder's journal leaves the folder 0700."""
    file = tmp_path / "in.json"
    file.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    assert main(["import", str(file)]) == 0
    assert (open_folder / JOURNAL_NAME).exists()
    assert mode(open_folder) == 0o700


def test_an_open_data_folder_is_made_private_even_when_only_read(open_folder: Path) -> None:
    """A reading command (no journal there yet) still closes the folder to others."""
    assert main(["due"]) == 1
    assert mode(open_folder) == 0o700


def test_the_window_path_makes_the_data_folder_private(open_folder: Path) -> None:
    """The window resolves its journal the same way: the folder becomes 0700 before opening."""
    path = resolve_journal(None)
    assert path == open_folder / JOURNAL_NAME and mode(open_folder) == 0o700


def test_a_symlinked_data_folder_makes_the_real_folder_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MSJOURNAL_DATA_DIR may be a link (e.g. to a synced folder): the real folder becomes 0700."""
    real = tmp_path / "real"
    real.mkdir()
    os.chmod(real, 0o755)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("MSJOURNAL_DATA_DIR", str(link))
    resolve_journal(None)
    assert link.is_symlink() and mode(real) == 0o700


def test_a_folder_owned_by_someone_else_is_left_alone(
    open_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the current user's folder (a shared one): its mode is not changed."""
    monkeypatch.setattr(os, "getuid", lambda: os.stat(open_folder).st_uid + 1)
    resolve_journal(None)
    assert mode(open_folder) == 0o755


def test_a_new_data_folder_is_created_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first start with umask 022 creates the data folder 0700."""
    folder = tmp_path / "fresh" / "msjournal"
    monkeypatch.setenv("MSJOURNAL_DATA_DIR", str(folder))
    old = os.umask(0o022)
    try:
        Journal.open(resolve_journal(None)).close()
    finally:
        os.umask(old)
    assert mode(folder) == 0o700


def test_a_journal_given_with_the_option_leaves_the_data_folder_alone(
    open_folder: Path, tmp_path: Path
) -> None:
    """--journal elsewhere: msjournal does not use the data folder, so does not touch it."""
    resolve_journal(tmp_path / "other.sqlite")
    assert mode(open_folder) == 0o755
