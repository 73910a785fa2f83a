"""One declaration per kind of entry: the journal, the format and the window derive from it.

Issue "Architecture", item 4: the four kinds were tabulated about 12 times in four
vocabularies, and the window found an entry's kind by parsing its id.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from msjournal.exchange import import_preview, journal_format
from msjournal.journal import Journal
from msjournal.model.kinds import KINDS, TEMPERATURE, kind_of
from msjournal.model.records import JournalData, TemperatureReading
from msjournal.model.records import JournalData as Data
from msjournal.safety import health
from msjournal.storage import models


def test_every_table_of_kinds_comes_from_the_declaration() -> None:
    assert journal_format.SECTIONS == tuple(k.section for k in KINDS)
    assert set(import_preview.SECTION_NAMES) == {k.section for k in KINDS}
    assert set(health.ENTRY_TABLES) == {k.table for k in KINDS}
    assert {k.table for k in KINDS} <= set(models.MODEL_BY_TABLE)
    assert {k.section for k in KINDS} <= set(JournalData.__dataclass_fields__)


def test_the_journal_knows_the_kind_of_an_imported_id_without_our_prefix(journal: Journal) -> None:
    """The window asks the journal; an id in a file need not start with the product's code."""
    reading = TemperatureReading(
        "2026-03-02-morning", datetime(2026, 3, 2, 8), Decimal("37.0"), "C"
    )
    journal.add_records(Data(temperatures=(reading,)))
    assert journal.kind_of("2026-03-02-morning") is TEMPERATURE
    assert journal.get("2026-03-02-morning") == reading
    assert kind_of(reading) is TEMPERATURE


def test_words_for_people_come_from_the_kind() -> None:
    assert [k.count(1) for k in KINDS] == [
        "1 infusion",
        "1 side effect",
        "1 temperature",
        "1 follow-up",
        "1 relapse",
        "1 test result",
    ]
    assert TEMPERATURE.count(3) == "3 temperatures"
