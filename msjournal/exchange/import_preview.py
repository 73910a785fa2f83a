"""What importing a journal file would do, before anything is written: counts per type."""

from __future__ import annotations

from dataclasses import dataclass

from msjournal.model.kinds import KINDS
from msjournal.model.records import JournalData

SECTION_NAMES = {kind.section: (kind.singular, kind.plural) for kind in KINDS}


@dataclass(frozen=True)
class ImportPreview:
    new: dict[str, int]  # by section, entries whose id the journal does not have yet
    already_present: dict[str, int]
    adds_plan: bool  # the file's therapy plan is used only when the journal has none

    @property
    def total_new(self) -> int:
        return sum(self.new.values())

    @property
    def total_present(self) -> int:
        return sum(self.already_present.values())

    def lines(self) -> list[str]:
        """One plain sentence per entry type, for the confirmation dialog."""
        out = []
        for section, (one, many) in SECTION_NAMES.items():
            new, present = self.new[section], self.already_present[section]
            if new or present:
                name = one if new == 1 else many
                extra = f" ({present} already in your journal)" if present else ""
                out.append(f"{new} new {name}{extra}")
        if self.adds_plan:
            out.append("your therapy plan (your journal has none yet)")
        return out


def preview_import(
    data: JournalData, existing_ids: set[str], journal_has_plan: bool
) -> ImportPreview:
    new: dict[str, int] = {}
    present: dict[str, int] = {}
    for section in SECTION_NAMES:
        records = getattr(data, section)
        known = sum(1 for record in records if record.id in existing_ids)
        present[section] = known
        new[section] = len(records) - known
    return ImportPreview(new, present, data.plan is not None and not journal_has_plan)
