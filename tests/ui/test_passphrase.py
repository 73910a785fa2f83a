"""Passphrase protection in the window: asked at start-up, set in Settings, the inactivity lock."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from msjournal.journal import Journal
from msjournal.storage import sqlcipher as encryption
from msjournal.ui import idle_lock
from msjournal.ui.dialogs import passphrase_dialogs
from tests.ui.conftest import show_active

PASSPHRASE = "correct horse battery"
SKIP_REASON = (
    "passphrase protection needs the optional sqlcipher3 package "
    "(pip install msjournal[encryption])"
)


@pytest.fixture
def protected_path(tmp_path: Path) -> Path:
    """A closed journal protected with PASSPHRASE, holding one temperature."""
    pytest.importorskip("sqlcipher3", reason=SKIP_REASON)
    path = tmp_path / "protected.sqlite"
    with Journal.open(path, passphrase=PASSPHRASE) as journal:
        journal.add("t", {"taken": "2026-06-01T08:00", "value": "37.2", "unit": "C"})
    return path


@pytest.fixture
def protected_window(qtbot: object, protected_path: Path) -> Iterator[object]:
    from msjournal.ui.main_window import MainWindow

    journal = Journal.open(protected_path, passphrase=PASSPHRASE)
    main = MainWindow(journal)
    qtbot.addWidget(main)  # type: ignore[attr-defined]
    show_active(qtbot, main)
    yield main
    journal.close()


def _answer_questions(qtbot: object, answers: list[str | None], seen: list[str]) -> None:
    """Answer each passphrase question in turn: type and press Enter, or Escape for None."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(10, answer)
            return
        box = dialog.findChild(QLineEdit)
        seen.append(f"{dialog.labelText()}|{box.echoMode().name}")
        text = answers.pop(0)
        if text is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
        else:
            qtbot.keyClicks(box, text)  # type: ignore[attr-defined]
            qtbot.keyClick(box, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        if answers:
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)


def test_start_up_asks_again_after_a_wrong_passphrase(qtbot: object, protected_path: Path) -> None:
    """A wrong passphrase gets 'not right' and a second question; the right one opens."""
    seen: list[str] = []
    _answer_questions(qtbot, ["wrong passphrase", PASSPHRASE], seen)
    assert passphrase_dialogs.ask_at_start(protected_path) == PASSPHRASE
    assert "protected with a passphrase" in seen[0]
    assert "not right" in seen[1]
    assert all(s.endswith("|Password") for s in seen)


def test_quit_at_the_question_exits_zero_without_writing(
    qtbot: object, protected_path: Path
) -> None:
    """Quit at the passphrase question: msjournal exits 0 and the folder is unchanged."""
    from msjournal.ui.launch import run_window

    before = {p.name: p.read_bytes() for p in protected_path.parent.iterdir() if p.is_file()}
    _answer_questions(qtbot, [None], [])
    assert run_window(argparse.Namespace(journal=str(protected_path), demo=False)) == 0
    after = {p.name: p.read_bytes() for p in protected_path.parent.iterdir() if p.is_file()}
    assert after == before


def _settings(window: object) -> object:
    dialog = window.open_settings()  # type: ignore[attr-defined]
    return dialog


def test_protect_from_settings(
    qtbot: object, window: object, keyboard: object, journal: Journal
) -> None:
    """Settings › Protect with a passphrase…, typed twice, encrypts the journal."""
    pytest.importorskip("sqlcipher3", reason=SKIP_REASON)
    settings = _settings(window)
    assert settings.protect_button.isVisible() and not settings.change_button.isVisible()
    settings.protect_button.click()
    dialog = settings.passphrase_dialog
    qtbot.waitUntil(lambda: dialog.new.hasFocus())  # type: ignore[attr-defined]
    assert dialog.new.echoMode() == QLineEdit.EchoMode.Password
    keyboard.type(PASSPHRASE)  # type: ignore[attr-defined]
    keyboard.tab()  # type: ignore[attr-defined]
    keyboard.type(PASSPHRASE)  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert journal.protected
    assert encryption.looks_encrypted(journal.path)
    assert settings.change_button.isVisible() and not settings.protect_button.isVisible()
    assert journal.temperatures() == []


def test_different_passphrases_are_refused(
    qtbot: object, window: object, keyboard: object, journal: Journal
) -> None:
    """Two different new passphrases: a message, the boxes emptied, nothing changed."""
    pytest.importorskip("sqlcipher3", reason=SKIP_REASON)
    settings = _settings(window)
    settings.protect_button.click()
    dialog = settings.passphrase_dialog
    qtbot.waitUntil(lambda: dialog.new.hasFocus())  # type: ignore[attr-defined]
    keyboard.type(PASSPHRASE)  # type: ignore[attr-defined]
    keyboard.tab()  # type: ignore[attr-defined]
    keyboard.type("something else entirely")  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert dialog.isVisible() and "not the same" in dialog.error.text()
    assert dialog.new.text() == "" and not journal.protected
    assert PASSPHRASE not in dialog.error.text()


def test_without_the_extra_settings_say_what_to_install(
    window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without sqlcipher3, Protect explains `pip install msjournal[encryption]`."""
    shown: list[str] = []
    monkeypatch.setattr(encryption, "available", lambda: False)
    monkeypatch.setattr(
        passphrase_dialogs.QMessageBox,
        "information",
        lambda _parent, _title, text: shown.append(text),
    )
    settings = _settings(window)
    settings.protect_button.click()
    assert shown and "pip install msjournal[encryption]" in shown[0]


def test_remove_protection_asks_for_the_current_passphrase(
    qtbot: object, protected_window: object, keyboard: object
) -> None:
    """Remove protection with a wrong passphrase is refused; with the right one it is removed."""
    settings = _settings(protected_window)
    settings.remove_button.click()
    dialog = settings.passphrase_dialog
    qtbot.waitUntil(lambda: dialog.current.hasFocus())  # type: ignore[attr-defined]
    keyboard.type("not my passphrase")  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert "not right" in dialog.error.text()
    journal = protected_window.journal  # type: ignore[attr-defined]
    assert journal.protected
    keyboard.type(PASSPHRASE)  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert not journal.protected and not encryption.looks_encrypted(journal.path)
    assert len(journal.temperatures()) == 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _lock(window: object) -> tuple[idle_lock.IdleLock, FakeClock]:
    clock = FakeClock()
    return idle_lock.IdleLock(window, clock=clock), clock  # type: ignore[arg-type]


def test_lock_is_off_by_default(protected_window: object) -> None:
    """With the default setting the window never locks, however long it is unused."""
    lock, clock = _lock(protected_window)
    clock.now += 24 * 3600
    lock.check()
    assert not lock.locked
    lock.stop()


def test_idle_window_locks_and_unlocks_with_the_passphrase(
    qtbot: object, protected_window: object, keyboard: object
) -> None:
    """After the chosen minutes unused the window is covered; only the passphrase uncovers it."""
    idle_lock.set_lock_after_minutes(5)
    lock, clock = _lock(protected_window)
    clock.now += 4 * 60
    lock.check()
    assert not lock.locked
    clock.now += 60
    lock.check()
    assert lock.locked and lock.cover.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert not protected_window.menuBar().isEnabled()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: lock.cover.passphrase.hasFocus())  # type: ignore[attr-defined]
    keyboard.type("wrong guess")  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert lock.locked and "not right" in lock.cover.message.text()
    keyboard.type(PASSPHRASE)  # type: ignore[attr-defined]
    keyboard.enter()  # type: ignore[attr-defined]
    assert not lock.locked and protected_window.menuBar().isEnabled()  # type: ignore[attr-defined]
    lock.stop()


def test_plain_journal_never_locks(window: object) -> None:
    """The lock only applies to a journal protected with a passphrase."""
    idle_lock.set_lock_after_minutes(5)
    lock, clock = _lock(window)
    clock.now += 3600
    lock.check()
    assert not lock.locked
    lock.stop()
