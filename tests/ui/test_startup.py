"""Start-up: the demo window shows and exits cleanly, without loading matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MSJOURNAL_DATA_DIR=str(data_dir),
        XDG_CONFIG_HOME=str(data_dir / "config"),
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def test_demo_quit_after_show_exits_zero_without_matplotlib(tmp_path: Path) -> None:
    """`msjournal --demo --quit-after-show` paints once, exits 0, and never imports matplotlib."""
    code = (
        "import sys\nfrom msjournal.cli.main import main\n"
        "code = main(['--demo', '--quit-after-show'])\n"
        "print('matplotlib' in sys.modules, 'reportlab' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_demo_never_touches_the_persons_journal(tmp_path: Path) -> None:
    """The demo opens a copy elsewhere: the person's data folder stays empty."""
    result = _run(
        "from msjournal.cli.main import main\n"
        "raise SystemExit(main(['--demo', '--quit-after-show']))",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "journal.sqlite").exists()


def test_own_journal_is_opened_by_default(tmp_path: Path) -> None:
    """Without --demo the window opens (and creates) the person's journal in the data folder."""
    result = _run(
        "from msjournal.cli.main import main\nraise SystemExit(main(['--quit-after-show']))",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "journal.sqlite").exists()


def test_demo_folder_is_deleted_on_exit(tmp_path: Path) -> None:
    """The demo's temporary copy is gone once the window closes."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    code = (
        "import os, tempfile\n"
        f"os.environ['TMPDIR'] = {str(temp)!r}\ntempfile.tempdir = None\n"
        "from msjournal.cli.main import main\n"
        "raise SystemExit(main(['--demo', '--quit-after-show']))"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(temp.glob("msjournal-demo-*")) == []


def _refused_without_dialog(journal: Path, tmp_path: Path) -> str:
    """Run --quit-after-show on `journal`; it must exit 1 at once and return its stderr."""
    before = journal.read_bytes()
    code = (
        "from msjournal.cli.main import main\n"
        f"raise SystemExit(main(['--journal', {str(journal)!r}, '--quit-after-show']))"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert journal.read_bytes() == before
    return result.stderr


def test_quit_after_show_refuses_an_encrypted_journal_without_asking(tmp_path: Path) -> None:
    """An encrypted journal with --quit-after-show: one line on stderr, exit 1, no question."""
    journal = tmp_path / "locked.sqlite"
    journal.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(8192)))
    err = _refused_without_dialog(journal, tmp_path)
    assert "protected with a passphrase" in err and "--quit-after-show" in err


def test_quit_after_show_refuses_a_damaged_journal_without_the_restore_dialog(
    tmp_path: Path,
) -> None:
    """A damaged journal with --quit-after-show: one line on stderr, exit 1, no dialog."""
    from msjournal.journal import Journal

    journal = tmp_path / "damaged.sqlite"
    Journal.open(journal).close()
    data = bytearray(journal.read_bytes())
    data[:16] = bytes(16)
    journal.write_bytes(bytes(data))
    err = _refused_without_dialog(journal, tmp_path)
    assert "did not pass the quick check" in err and "left untouched" in err


def test_first_paint_imports_only_what_today_needs(tmp_path: Path) -> None:
    """The Journal and Alerts pages, their tables, the dialogs and the portable lock library
    are imported when first used, not before the first paint."""
    later = [
        "msjournal.ui.journal_view",
        "msjournal.ui.alerts_view",
        "msjournal.ui.widgets.table_models",
        "msjournal.ui.dialogs.settings_dialog",
        "msjournal.ui.dialogs.infusion_dialog",
        "portalocker",
    ]
    code = (
        "import sys\nfrom msjournal.cli.main import main\n"
        "code = main(['--demo', '--quit-after-show'])\n"
        f"print([name for name in {later!r} if name in sys.modules])\n"
        "sys.exit(code)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
