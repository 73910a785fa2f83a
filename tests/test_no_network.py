"""No network: msjournal opens no socket and loads no Qt networking module, ever."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import msjournal

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(msjournal.__file__).parent

SESSION = r"""
import json, os, sys
events = []
sys.addaudithook(lambda event, args: event.startswith(
    ("socket.", "http.client.", "urllib.", "ftplib.", "smtplib.", "webbrowser."))
    and events.append(event))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from msjournal.cli.main import main
from msjournal.safety import automatic
from msjournal.safety import backups
from msjournal.safety import restore
from msjournal.safety import health

folder = Path(sys.argv[1])
journal = folder / "journal.sqlite"
os.environ["MSJOURNAL_DATA_DIR"] = str(folder)
assert main(["demo", "--out", str(journal), "--years", "1"]) == 0
for argv in (["alerts"], ["due"], ["export", "json", "--out", str(folder / "e.json")],
             ["export", "csv", "--out", str(folder / "e.zip")],
             ["export", "ics", "--out", str(folder / "e.ics")],
             ["backup"], ["check"]):
    main(argv[:1] + ["--journal", str(journal)] + argv[1:])
made = backups.list_backups(backups.backups_dir(journal))[0].path
main(["restore", str(made), "--journal", str(journal)])
health.quick_check(journal)
window_built = False
try:
    import msjournal.ui.main_window as main_window
except ImportError:
    main_window = None
if main_window is not None:
    from PySide6.QtWidgets import QApplication
    from msjournal.journal import Journal
    app = QApplication.instance() or QApplication([])
    opened = automatic.open_journal(journal)
    window = main_window.MainWindow(opened)
    window.show()
    for index in range(window.pages.count()):
        window.pages.setCurrentIndex(index)
        app.processEvents()
    opened.add_temperature({"taken": "2026-01-05 08:00", "value": "37.1", "unit": "C"})
    window.refresh()
    app.processEvents()
    automatic.backup_on_exit(opened)
    window.close()
    opened.close()
    window_built = True
network_modules = sorted(
    m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine"))
)
print(json.dumps({"events": events, "modules": network_modules, "window": window_built}))
"""


def test_scripted_session_opens_no_socket(tmp_path: Path) -> None:
    """Demo, alerts, due, exports, backup, check, restore and a window session: 0 socket events."""
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["events"] == []
    assert report["modules"] == []


def test_no_networking_imports_in_the_product() -> None:
    """No module of msjournal imports a networking library or Qt's network modules."""
    forbidden = re.compile(
        r"^\s*(from|import)\s+(socket|ssl|requests|httpx|urllib3?|http\.client|"
        r"aiohttp|ftplib|smtplib|webbrowser|PySide6\.QtNetwork|PySide6\.QtWebEngine"
        r"|PySide6 import .*QtNetwork)\b",
        re.MULTILINE,
    )
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not forbidden.search(text), source
        assert "QtNetwork" not in text and "QtWebEngine" not in text, source
