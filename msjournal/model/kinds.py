"""The kinds of entry a journal holds, declared once; every table of kinds is derived from here.

A new kind of entry is one declaration below (plus its record, its validation, its table and
its dialog); the journal, the journal format, the import preview, the health check and the
window find it through this list.
"""

from __future__ import annotations

from dataclasses import dataclass

from msjournal.model.records import (
    FollowUp,
    Infusion,
    JournalData,
    Relapse,
    SideEffect,
    TemperatureReading,
    TestResult,
)

Entry = Infusion | SideEffect | TemperatureReading | FollowUp | Relapse | TestResult


@dataclass(frozen=True)
class EntryKind:
    code: str  # the short code of the journal's own ids ("inf-…") and of Journal.add
    section: str  # the JSON section, the CSV file, the JournalData field
    table: str  # the database table
    record: type[Entry]
    singular: str  # in words, for people
    plural: str

    def count(self, amount: int) -> str:
        return f"{amount} {self.singular if amount == 1 else self.plural}"

    def records(self, data: JournalData) -> tuple[Entry, ...]:
        found: tuple[Entry, ...] = getattr(data, self.section)
        return found


INFUSION = EntryKind("inf", "infusions", "infusion", Infusion, "infusion", "infusions")
SIDE_EFFECT = EntryKind(
    "se", "side_effects", "side_effect", SideEffect, "side effect", "side effects"
)
TEMPERATURE = EntryKind(
    "t", "temperatures", "temperature", TemperatureReading, "temperature", "temperatures"
)
FOLLOW_UP = EntryKind("f", "follow_ups", "follow_up", FollowUp, "follow-up", "follow-ups")

RELAPSE = EntryKind("r", "relapses", "relapse", Relapse, "relapse", "relapses")
TEST_RESULT = EntryKind(
    "tr", "test_results", "test_result", TestResult, "test result", "test results"
)

KINDS: tuple[EntryKind, ...] = (
    INFUSION,
    SIDE_EFFECT,
    TEMPERATURE,
    FOLLOW_UP,
    RELAPSE,
    TEST_RESULT,
)
BY_CODE = {kind.code: kind for kind in KINDS}
BY_SECTION = {kind.section: kind for kind in KINDS}
BY_TABLE = {kind.table: kind for kind in KINDS}


def kind_of(record: Entry) -> EntryKind:
    """The kind of a record."""
    return next(kind for kind in KINDS if isinstance(record, kind.record))
