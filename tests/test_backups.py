"""Backups: made with the online backup API, private, checksummed, thinned, and automatic."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from msjournal.cli.main import main
from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.safety import automatic, backups
from msjournal.safety.backups import Backup, backups_to_remove
from msjournal.safety.restore import restore_file
from msjournal.storage.paths import backups_dir
from tests.safety_helpers import TEMPERATURE, assert_private, digest, filled_journal, integrity

NOW = datetime(2026, 6, 15, 12, 0)


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_backup_is_identical_private_and_checksummed(journal_path: Path) -> None:
    """A backup holds exactly the journal's content, is 0600 in a 0700 folder, with its SHA-256."""
    filled_journal(journal_path).close()
    made = backups.make_backup(journal_path, now=NOW)
    assert made.parent == backups_dir(journal_path)
    assert made.name == "backup-2026-06-15-12.00.00.sqlite"
    assert digest(made) == digest(journal_path)
    assert integrity(made) == "ok"
    assert backups.recorded_checksum(made) == backups.sha256_of(made)
    assert_private(
        made, backups.checksum_path(made), made.parent, journal_path, journal_path.parent
    )
    assert not any(p.name.endswith(".part") for p in made.parent.iterdir())


def test_backup_of_open_journal_sees_latest_save(journal: Journal) -> None:
    """A backup taken while the journal is open includes the entry just saved (still in the WAL)."""
    journal.add_temperature(TEMPERATURE)
    made = automatic.backup_now(journal)
    assert digest(made) == digest(journal.path)
    assert "-manual" in made.name


def test_backup_is_a_single_file(journal_path: Path) -> None:
    """A backup is self-contained: no -wal beside it, and restoring it gives identical content."""
    filled_journal(journal_path).close()
    made = backups.make_backup(journal_path, now=NOW)
    assert not Path(f"{made}-wal").exists()
    other = journal_path.parent / "other" / "journal.sqlite"
    restore_file(made, other)
    assert digest(other) == digest(journal_path)
    assert_private(other)


def test_same_second_backups_get_distinct_names(journal_path: Path) -> None:
    """Two backups in the same second never overwrite each other."""
    filled_journal(journal_path).close()
    first = backups.make_backup(journal_path, now=NOW)
    second = backups.make_backup(journal_path, now=NOW)
    assert first != second and first.exists() and second.exists()


def test_cli_backup_to_chosen_file(
    journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`msjournal backup --out FILE` writes a checked, private copy with its checksum."""
    filled_journal(journal_path).close()
    out = tmp_path / "usb" / "my-journal.sqlite"
    assert main(["backup", "--journal", str(journal_path), "--out", str(out)]) == 0
    assert digest(out) == digest(journal_path)
    assert backups.recorded_checksum(out) == backups.sha256_of(out)
    assert_private(out, backups.checksum_path(out))
    assert str(out) in capsys.readouterr().out


def test_cli_backup_into_backups_folder(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`msjournal backup` without --out writes into the data folder's backups/."""
    filled_journal(journal_path).close()
    assert main(["backup", "--journal", str(journal_path)]) == 0
    made = backups.list_backups(backups_dir(journal_path))
    assert len(made) == 1 and digest(made[0].path) == digest(journal_path)
    assert "Backup written to" in capsys.readouterr().out


def test_cli_backup_of_missing_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Backing up a journal that does not exist says so, creating nothing."""
    assert main(["backup", "--journal", str(tmp_path / "none.sqlite")]) == 1
    assert "No journal at" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()


def test_cli_backup_refuses_damaged_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not a journal is not 'backed up' as if it were one."""
    fake = tmp_path / "journal.sqlite"
    fake.write_bytes(b"%PDF-1.7 not a journal" * 50)
    assert main(["backup", "--journal", str(fake)]) == 1
    assert "PDF" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()


def _backup_at(moment: datetime) -> Backup:
    return Backup(Path(f"backup-{moment:%Y-%m-%d-%H.%M.%S}.sqlite"), moment)


def test_thinning_keeps_recent_daily_weekly_monthly() -> None:
    """A year of hourly backups thins to the last 2 days + 12 daily + 10 weekly + 9 monthly."""
    today = datetime(2026, 6, 15, 12, 0)
    everything = [_backup_at(today - timedelta(hours=h)) for h in range(0, 400 * 24, 6)]
    removed = set(backups_to_remove(everything, today))
    kept = [b for b in everything if b not in removed]
    recent = [b for b in kept if today - b.made < timedelta(days=2)]
    older = sorted((b for b in kept if b not in recent), key=lambda b: b.made, reverse=True)
    assert len(recent) == 8  # every backup of the last two days
    assert len(older) == 12 + 10 + 9
    days = [b.made.date() for b in older]
    assert len(set(days)) == len(days)  # at most one per day once older than two days
    assert (today - older[-1].made).days > 250  # the oldest kept is most of a year back


def test_thinning_keeps_everything_from_the_last_two_days() -> None:
    """Nothing younger than two days is removed, however many there are."""
    today = datetime(2026, 6, 15, 12, 0)
    recent = [_backup_at(today - timedelta(minutes=m)) for m in range(0, 2 * 24 * 60 - 1, 30)]
    assert backups_to_remove(recent, today) == []


def test_thinning_removes_files_and_their_checksums(journal_path: Path) -> None:
    """Backups dropped by thinning take their .sha256 with them; recent ones stay."""
    filled_journal(journal_path).close()
    for day in range(40):
        backups.make_backup(journal_path, now=NOW - timedelta(days=40 - day))
    folder = backups_dir(journal_path)
    left = backups.list_backups(folder)
    assert 12 <= len(left) < 40
    for backup in left:
        assert backup.checksum_path.exists()
    assert len(list(folder.glob("*.sha256"))) == len(left)


def test_automatic_backup_after_changes_at_most_every_30_minutes(journal: Journal) -> None:
    """The first change makes a backup; more changes within 30 minutes do not; later ones do."""
    clock = Clock(NOW)
    automatic.enable_automatic_backups(journal, clock)
    folder = backups_dir(journal.path)
    journal.add_temperature(TEMPERATURE)
    assert len(backups.list_backups(folder)) == 1
    clock.now += timedelta(minutes=10)
    journal.add_temperature(TEMPERATURE)
    assert len(backups.list_backups(folder)) == 1
    clock.now += timedelta(minutes=21)
    journal.add_temperature(TEMPERATURE)
    newest = backups.list_backups(folder)
    assert len(newest) == 2
    assert digest(newest[0].path) == digest(journal.path)


def test_backup_if_due_after_quiet_period(journal: Journal) -> None:
    """A change made inside the 30 minutes is backed up when the timer asks later on."""
    clock = Clock(NOW)
    automatic.enable_automatic_backups(journal, clock)
    journal.add_temperature(TEMPERATURE)
    clock.now += timedelta(minutes=5)
    journal.add_temperature(TEMPERATURE)
    assert automatic.backup_if_due(journal) is None
    clock.now += timedelta(minutes=30)
    made = automatic.backup_if_due(journal)
    assert made is not None and digest(made) == digest(journal.path)
    assert automatic.backup_if_due(journal) is None  # nothing changed since


def test_backup_on_exit_only_when_something_changed(journal: Journal) -> None:
    """A clean exit backs up unsaved-to-backup changes, and skips when nothing changed."""
    clock = Clock(NOW)
    automatic.enable_automatic_backups(journal, clock)
    journal.add_temperature(TEMPERATURE)
    clock.now += timedelta(minutes=1)
    journal.add_temperature(TEMPERATURE)
    made = automatic.backup_on_exit(journal)
    assert made is not None and "on-exit" in made.name
    assert digest(made) == digest(journal.path)
    assert automatic.backup_on_exit(journal) is None


def test_backup_before_import(journal: Journal) -> None:
    """An import into a journal with entries first keeps a backup of the journal as it was."""
    from msjournal.demo import build_demo

    automatic.enable_automatic_backups(journal, Clock(NOW))
    journal.add_temperature(TEMPERATURE)
    before = digest(journal.path)
    journal.add_records(build_demo(0.2, 3))
    made = [
        b for b in backups.list_backups(backups_dir(journal.path)) if "before-import" in b.path.name
    ]
    assert len(made) == 1 and digest(made[0].path) == before


def test_backup_before_schema_upgrade(journal_path: Path) -> None:
    """Opening a journal with an older schema keeps a backup of it before upgrading."""
    filled_journal(journal_path).close()
    import sqlite3

    con = sqlite3.connect(journal_path)
    con.execute('DROP INDEX "temperature_taken"')
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    old = digest(journal_path)
    automatic.open_journal(journal_path).close()
    made = backups.list_backups(backups_dir(journal_path))
    assert len(made) == 1 and "before-upgrade-v1" in made[0].path.name
    assert digest(made[0].path) == old
    assert digest(journal_path) != old  # the journal itself was upgraded


def test_failed_automatic_backup_does_not_lose_the_save(journal: Journal, tmp_path: Path) -> None:
    """If the backups folder cannot be made, the entry is still saved and the reason is kept."""
    blocker = backups_dir(journal.path)
    blocker.write_text("a file where the backups folder should be")
    automatic.enable_automatic_backups(journal, Clock(NOW))
    saved = journal.add_temperature(TEMPERATURE)
    assert journal.get(saved.id) == saved
    assert "Could not make a backup" in (automatic.status(journal).last_error or "")


def test_backup_now_reports_a_clear_error(journal: Journal) -> None:
    """A manual backup that cannot be written raises a JournalError naming the reason."""
    backups_dir(journal.path).write_text("not a folder")
    with pytest.raises(JournalError, match="Could not make a backup .* Your journal is unchanged"):
        automatic.backup_now(journal)
