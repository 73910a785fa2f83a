"""Start-up: the demo window shows and exits cleanly, without loading matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MSJOURNAL_DATA_DIR=str(data_dir),
               XDG_CONFIG_HOME=str(data_dir / "config"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_demo_quit_after_show_exits_zero_without_matplotlib(tmp_path: Path) -> None:
    """`msjournal --demo --quit-after-show` paints once, exits 0, and never imports matplotlib."""
    code = ("import sys\nfrom msjournal.cli import main\n"
            "code = main(['--demo', '--quit-after-show'])\n"
            "print('matplotlib' in sys.modules, 'reportlab' in sys.modules)\n"
            "sys.exit(code)\n")
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_demo_never_touches_the_persons_journal(tmp_path: Path) -> None:
    """The demo opens a copy elsewhere: the person's data folder stays empty."""
    result = _run("from msjournal.cli import main\nraise SystemExit(main(['--demo', '--quit-after-show']))",
                  tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "journal.sqlite").exists()


def test_own_journal_is_opened_by_default(tmp_path: Path) -> None:
    """Without --demo the window opens (and creates) the person's journal in the data folder."""
    result = _run("from msjournal.cli import main\nraise SystemExit(main(['--quit-after-show']))", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "journal.sqlite").exists()
