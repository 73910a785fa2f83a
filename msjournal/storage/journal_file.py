"""Looking at a journal file from outside SQLite: the one place that reads a journal's bytes.

On POSIX, closing *any* descriptor of a file drops every fcntl lock this process holds on it
(SQLite's "How To Corrupt An SQLite Database File", section 2.2). Another process may then
believe it is the last one using the journal, checkpoint it and delete its -wal while this
process is still writing to it: saves reported as done are lost. So while this process holds
a connection to a journal, its bytes are never read with open(); what is known about it comes
from the connection that holds it.

The register below mirrors a fact the kernel keeps per process (which files this process has
locked through SQLite), which is why it is per process and not per journal.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_LENGTH = 100
SMALLEST_PAGE = 512
SQLITE_PAYLOAD_FRACTIONS = b"\x40\x20\x20"  # fixed bytes 21-23 of every plain SQLite header
OTHER_FORMATS = (b"%PDF", b"PK\x03\x04", b"\x89PNG")

FileId = tuple[int, int]

# (device, inode) of each journal this process has SQLite connections to -> how many, and
# whether they are encrypted.
_HELD: dict[FileId, tuple[int, bool]] = {}


def _file_id(path: Path) -> FileId | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def hold(path: Path, encrypted: bool) -> FileId | None:
    """Record that this process opened a SQLite connection to the journal at `path`."""
    key = _file_id(path)
    if key is not None:
        count, _ = _HELD.get(key, (0, encrypted))
        _HELD[key] = (count + 1, encrypted)
    return key


def release(key: FileId | None) -> None:
    """Record that one of those connections was closed."""
    if key is None or key not in _HELD:
        return
    count, encrypted = _HELD[key]
    if count <= 1:
        del _HELD[key]
    else:
        _HELD[key] = (count - 1, encrypted)


def held_here(path: Path | str) -> bool:
    """True while this process has a connection open to the journal at `path`."""
    key = _file_id(Path(path))
    return key is not None and key in _HELD


@dataclass(frozen=True)
class JournalFile:
    """What can be told about a file from outside SQLite."""

    path: Path
    exists: bool = True
    folder: bool = False
    size: int = 0
    header: bytes = b""
    read_error: str | None = None
    held: bool = False  # a journal this process has open: checked when it was opened
    held_encrypted: bool = False

    @property
    def is_plain_sqlite(self) -> bool:
        if self.held:
            return not self.held_encrypted
        return self.header.startswith(SQLITE_HEADER)

    @property
    def looks_encrypted(self) -> bool:
        """An encrypted journal has no SQLite header: whole pages of noise."""
        if self.held:
            return self.held_encrypted
        header = self.header
        if (
            self.size < SMALLEST_PAGE
            or self.size % SMALLEST_PAGE
            or header.startswith(SQLITE_HEADER)
        ):
            return False
        if header[21:24] == SQLITE_PAYLOAD_FRACTIONS:
            return False  # a plain SQLite file whose first bytes were damaged
        return (
            header.strip(b"\x00") != b""
            and not header.startswith(OTHER_FORMATS)
            and not _is_text(header)
        )

    def header_int(self, offset: int) -> int:
        return int.from_bytes(self.header[offset : offset + 4], "big")


def _is_text(header: bytes) -> bool:
    """A text file (a JSON export, say); ciphertext is never 100 printable ASCII bytes."""
    return (
        header.isascii()
        and header.decode("ascii")
        .replace("\n", " ")
        .replace("\r", " ")
        .replace("\t", " ")
        .isprintable()
    )


def inspect(path: Path | str) -> JournalFile:
    """Look at a file that may be a journal, without disturbing a connection that holds it."""
    path = Path(path)
    key = _file_id(path)
    if key is not None and key in _HELD:
        size = os.stat(path).st_size
        return JournalFile(path, size=size, held=True, held_encrypted=_HELD[key][1])
    if path.is_dir():
        return JournalFile(path, folder=True)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(HEADER_LENGTH)
    except FileNotFoundError:
        return JournalFile(path, exists=False)
    except OSError as error:
        return JournalFile(path, read_error=error.strerror or str(error))
    return JournalFile(path, size=size, header=header)


# ---------------------------------------------------------------- copies left beside a journal

CONVERT_PREFIX = ".convert-"
STALE_PART_AGE = 600  # seconds: an unnamed part this old belongs to an operation that died


def restore_prefix(path: Path) -> str:
    """How the checked copy of a backup being restored into this journal is named."""
    return f".{path.name}.restore-"


def convert_prefix(path: Path) -> str:
    """How the half-made copy of a conversion of this journal is named."""
    return f".{path.name}{CONVERT_PREFIX}"


def remove_leftover_copies(path: Path) -> list[Path]:
    """Delete the half-made copies a conversion or restore killed midway left beside the journal.

    Call only while holding the journal's lock (shared or exclusive): a conversion or restore
    in progress holds it exclusively, so none is running then.
    """
    removed = []
    path = Path(path)
    old_style = time.time() - STALE_PART_AGE  # parts of earlier versions carry no journal name
    ours = (convert_prefix(path), restore_prefix(path))
    for part in [*path.parent.glob(".*convert-*.part*"), *path.parent.glob(".*restore-*.part*")]:
        try:
            if not part.name.startswith(ours) and part.stat().st_mtime > old_style:
                continue
            part.unlink()
        except OSError:
            continue
        removed.append(part)
    return removed
