"""The desktop window (PySide6). Talks to the journal only through msjournal.journal.Journal."""
