"""Who has a journal open: lock files beside it, so that processes know of each other.

Every process that opens a journal holds a shared lock on `<journal>.lock` for as long as it
has it open. Operations that replace the journal file (protect, change-passphrase, unprotect,
restore) take that lock exclusively, so they refuse while any other window or command has the
journal open, and nobody opens it while they run. A window also holds `<journal>.window.lock`
exclusively, so that a second window on the same journal knows about the first.

The locks are the operating system's (flock on POSIX; LockFileEx on Windows, through
portalocker, which has its shared mode), taken on files of their own: the kernel drops them
when a process ends, even when it is killed, so a crash never leaves a stale lock behind.
SQLite's own locks on the journal are separate and stay in charge of each single write.
(flock is called directly on POSIX: importing portalocker costs ~50 ms of start-up there.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from msjournal.model.errors import JournalError

WAIT_FOR_SHARE = 5.0  # seconds an opening waits for a protect or restore to finish
POLL = 0.05
IN_USE = "another msjournal window or command has this journal open; close it first"


class JournalInUse(JournalError):
    """Another process has the journal open; nothing was changed."""

    reason = IN_USE


class OpenInAnotherWindow(JournalError):
    """A window of another msjournal process has this journal open."""

    def __init__(self, journal_path: Path, pid: int | None):
        self.journal_path, self.pid = journal_path, pid
        who = f" (process {pid})" if pid else ""
        super().__init__(f"{journal_path} is already open in another msjournal window{who}.")


def _real(journal_path: Path) -> Path:
    """The journal's real file: a symlink and its target share one set of locks."""
    return Path(os.path.realpath(journal_path))


def lock_path(journal_path: Path) -> Path:
    real = _real(journal_path)
    return real.with_name(real.name + ".lock")


def window_lock_path(journal_path: Path) -> Path:
    real = _real(journal_path)
    return real.with_name(real.name + ".window.lock")


def _open_lock_file(path: Path) -> IO[bytes] | None:
    """The lock file, created private; None on a read-only folder (nobody can write there)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
    return os.fdopen(fd, "r+b" if os.access(path, os.W_OK) else "rb")


def _try_lock(handle: IO[bytes], shared: bool) -> bool:
    """Take the lock at once, or say it is held elsewhere (never waits)."""
    if os.name == "posix":
        import fcntl

        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    return _try_windows_lock(handle, shared)


def _try_windows_lock(handle: IO[bytes], shared: bool) -> bool:
    import portalocker

    flags = portalocker.LockFlags.SHARED if shared else portalocker.LockFlags.EXCLUSIVE
    try:
        portalocker.lock(handle, flags | portalocker.LockFlags.NON_BLOCKING)
    except (portalocker.AlreadyLocked, portalocker.LockException):
        return False
    return True


class JournalLock:
    """One process's claim on one journal: shared while open, exclusive to replace the file."""

    def __init__(self, journal_path: Path):
        self.journal_path = Path(journal_path)
        self._handle: IO[bytes] | None = None

    @property
    def shared(self) -> bool:
        return self._handle is not None

    def share(self, wait: float = WAIT_FOR_SHARE) -> None:
        """Take the shared lock; waits a moment while another process converts or restores."""
        if self._handle is not None:
            return
        handle = _open_lock_file(lock_path(self.journal_path))
        if handle is None:
            return  # a read-only folder: no lock is possible, and no write either
        deadline = time.monotonic() + wait
        while not _try_lock(handle, shared=True):
            if time.monotonic() >= deadline:
                handle.close()
                raise JournalInUse(
                    f"{self.journal_path} is being converted or restored by "
                    f"another msjournal. Try again when it has finished."
                )
            time.sleep(POLL)
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops its lock
            self._handle = None


@contextmanager
def exclusive_use(journal_path: Path, what: str) -> Iterator[None]:
    """Hold the journal alone while `what` runs; refuses at once if anyone has it open.

    This process must not hold the journal's shared lock itself (close the journal first).
    """
    handle = _open_lock_file(lock_path(Path(journal_path)))
    if handle is None:
        yield
        return
    try:
        if not _try_lock(handle, shared=False):
            raise JournalInUse(f"Cannot {what}: {IN_USE}, then try again. Nothing was changed.")
        yield
    finally:
        handle.close()


def in_use_elsewhere(journal_path: Path) -> bool:
    """True while another process (or another open Journal here) holds the journal."""
    handle = _open_lock_file(lock_path(Path(journal_path)))
    if handle is None:
        return False
    try:
        return not _try_lock(handle, shared=False)
    finally:
        handle.close()


class WindowClaim:
    """A window's claim on a journal: at most one window per journal at a time."""

    def __init__(self, journal_path: Path, handle: IO[bytes] | None):
        self.journal_path = journal_path
        self._handle = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        """Give the journal up; the lock file goes too (removed while still locked, so a
        window that opened it meanwhile sees it was replaced and tries again)."""
        if self._handle is not None:
            window_lock_path(self.journal_path).unlink(missing_ok=True)
            self._handle.close()
            self._handle = None


def claim_window(journal_path: Path) -> WindowClaim:
    """Claim the journal for this process's window, or raise OpenInAnotherWindow."""
    journal_path = Path(journal_path)
    path = window_lock_path(journal_path)
    while True:
        handle = _open_lock_file(path)
        if handle is None:
            return WindowClaim(journal_path, None)
        if not _try_lock(handle, shared=False):
            handle.close()
            raise OpenInAnotherWindow(journal_path, _recorded_pid(path))
        if _still_there(handle, path):
            break
        handle.close()  # the window before us removed this file as we opened it
    if handle.writable():
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
    return WindowClaim(journal_path, handle)


def _still_there(handle: IO[bytes], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _recorded_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
