"""A second process on a journal, driven line by line: the window's code path without Qt.

    python -m tests.journal_process JOURNAL

It opens the journal as the window does (automatic.open_journal: backup before upgrades,
automatic backups after changes) and reads commands from standard input, one per line:

    temp VALUE TAKEN      save a temperature; answers "saved ID" once the save returned
    note ID TEXT          change the notes of a temperature from the form it loaded earlier
    load ID               load an entry the way an edit form does
    backup                a manual backup; answers "backup PATH"
    quit                  close cleanly

Every answer is one line on standard output, flushed, so the test knows what was
acknowledged before it kills the process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import automatic


def _answer(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _temperature(journal: Journal, value: str, taken: str) -> str:
    saved = journal.add_temperature({"taken": taken, "value": value, "unit": "C"})
    return f"saved {saved.id}"


def _note(journal: Journal, loaded: dict[str, Any], entry_id: str, text: str) -> str:
    form = loaded[entry_id]
    draft = {
        "taken": form.taken.strftime("%Y-%m-%d %H:%M"),
        "value": str(form.value),
        "unit": form.unit,
        "notes": text,
    }
    journal.update(entry_id, draft, expected=form)
    return f"updated {entry_id}"


def run(journal: Journal) -> None:
    loaded: dict[str, Any] = {}
    for line in sys.stdin:
        command, *rest = line.split(maxsplit=2)
        try:
            if command == "temp":
                _answer(_temperature(journal, rest[0], rest[1].strip()))
            elif command == "load":
                loaded[rest[0]] = journal.get(rest[0])
                _answer(f"loaded {rest[0]}")
            elif command == "note":
                _answer(_note(journal, loaded, rest[0], rest[1].strip()))
            elif command == "backup":
                _answer(f"backup {automatic.backup_now(journal)}")
            elif command == "quit":
                break
        except JournalError as error:
            _answer(f"refused {type(error).__name__}: {error}")


def main() -> None:
    journal = automatic.open_journal(Path(sys.argv[1]))
    _answer("ready")
    try:
        run(journal)
    finally:
        journal.close()


if __name__ == "__main__":
    main()
