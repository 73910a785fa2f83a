"""The window beside other writers: a second window, a command, another form on the same entry."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QWidget

from msjournal.journal import Journal
from msjournal.storage.journal_lock import claim_window
from msjournal.ui import single_window
from msjournal.ui.dialogs.temperature_dialog import TemperatureDialog
from msjournal.ui.single_window import WindowOwnership
from tests.ui.conftest import show_active

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_window_on_the_same_journal_does_not_open(tmp_path: Path) -> None:
    """Two windows on one journal would overwrite each other: the second says so and exits."""
    journal = tmp_path / "journal.sqlite"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from msjournal.storage.journal_lock import claim_window; "
            "c = claim_window(Path(sys.argv[1])); "
            "print('ready', flush=True); sys.stdin.read()",
            str(journal),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        second = subprocess.run(
            [sys.executable, "-m", "msjournal", "--journal", str(journal), "--quit-after-show"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 1
    assert f"already open in another msjournal window (process {holder.pid})" in second.stderr
    assert "Traceback" not in second.stderr
    assert not journal.exists(), "the second window opened nothing"


def test_the_window_lock_ends_with_its_process(tmp_path: Path) -> None:
    """A killed window leaves no stale claim: the next window opens."""
    journal = tmp_path / "journal.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path; "
            "from msjournal.storage.journal_lock import claim_window; "
            "claim_window(Path(sys.argv[1])); os.kill(os.getpid(), 9)",
            str(journal),
        ],
        cwd=ROOT,
        timeout=60,
    )
    claim_window(journal).release()


def test_the_second_window_brings_the_first_to_the_front(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    shown: list[QWidget] = []
    monkeypatch.setattr(single_window, "bring_to_front", shown.append)
    first = QWidget()
    qtbot.addWidget(first)
    journal = tmp_path / "journal.sqlite"
    ownership = WindowOwnership(first, claim_window(journal))
    try:
        asker = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; "
                "from msjournal.ui.single_window import ask_first_window_to_show; "
                "sys.exit(0 if ask_first_window_to_show(Path(sys.argv[1])) else 1)",
                str(journal),
            ],
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        qtbot.waitUntil(lambda: shown == [first], timeout=5000)
        assert asker.wait(timeout=30) == 0, "the second window heard the first one answer"
    finally:
        ownership.release()
    assert not single_window.request_path(journal).exists()


def test_the_window_shows_what_a_command_saved(qtbot, window, journal: Journal) -> None:
    """A command (another connection) saves a temperature: the window shows it and says so."""
    window.show_page(1)
    window.refresh_if_changed_elsewhere()
    before = window.journal_view.all_model.rowCount()
    taken = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    with Journal.open(journal.path) as command:
        command.add("t", {"taken": taken, "value": "38.4", "unit": "C"})
    window.refresh_if_changed_elsewhere()
    assert window.journal_view.all_model.rowCount() == before + 1
    assert "changes saved outside this window" in window.statusBar().currentMessage()
    assert any("Contact your care team" in line for line in window.today.alerts.lines())


def test_a_stale_form_says_what_changed_and_keeps_the_newer_entry(
    qtbot, journal: Journal, keyboard
) -> None:
    """Issue scenario 3 in the window: the form's Save is refused with the newer notes shown;
    nothing is overwritten until the person saves again on purpose."""
    saved = journal.add("t", {"taken": "2026-01-05T08:00", "value": "37.0", "unit": "C"})
    dialog = TemperatureDialog.start(journal, None, saved)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    with Journal.open(journal.path) as other_window:
        other_window.update(
            saved.id,
            {
                "taken": "2026-01-05T08:00",
                "value": "37.0",
                "unit": "C",
                "notes": "Shivery after lunch",
            },
        )
    dialog.value.selectAll()
    keyboard.type("37.6")
    keyboard.enter()
    assert dialog.isVisible()
    message = dialog.field_error("")
    assert "changed in another window or by a command" in message
    assert "notes: now Shivery after lunch" in message
    [kept] = journal.temperatures()
    assert kept.value == Decimal("37.0") and kept.notes == "Shivery after lunch"
    keyboard.enter()  # the person decides: save what the form holds
    assert not dialog.isVisible()
    [replaced] = journal.temperatures()
    assert replaced.value == Decimal("37.6")
