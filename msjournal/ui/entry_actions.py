"""What happens around an entry: opening its dialog, then alerts, aftercare, delete and undo.

The window connects to `changed` (refresh from the journal) and `alertsRaised` (show new alerts).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.model.kinds import kind_of
from msjournal.model.records import Entry, FollowUp, Infusion, SideEffect
from msjournal.rules.alerts import Alert, alerts_for_entry
from msjournal.ui.widgets.alert_widgets import AcknowledgeDialog, UrgentAlertDialog

if TYPE_CHECKING:
    from msjournal.ui.dialogs.entry_dialog import EntryDialog

# Each kind's dialog (by EntryKind.code), imported when first opened so start-up stays quick.
DIALOGS = {
    "inf": "msjournal.ui.dialogs.infusion_dialog:InfusionDialog",
    "se": "msjournal.ui.dialogs.side_effect_dialog:SideEffectDialog",
    "t": "msjournal.ui.dialogs.temperature_dialog:TemperatureDialog",
    "f": "msjournal.ui.dialogs.follow_up_dialog:FollowUpDialog",
    "r": "msjournal.ui.dialogs.relapse_dialog:RelapseDialog",
    "tr": "msjournal.ui.dialogs.test_result_dialog:TestResultDialog",
}


def dialog_class(kind: str) -> type[EntryDialog]:
    module, name = DIALOGS[kind].split(":")
    return getattr(importlib.import_module(module), name)


OpenedDialog = TypeVar("OpenedDialog", bound=QDialog)


@dataclass(frozen=True)
class Deleted:
    record: Entry
    unlinked: tuple[SideEffect, ...]

    @property
    def what(self) -> str:
        return f"deleting the {kind_of(self.record).singular}"


@dataclass(frozen=True)
class MarkedDone:
    before: FollowUp  # the follow-up as it was
    after: FollowUp

    @property
    def what(self) -> str:
        return f"marking “{self.before.title}” done"


Undoable = Deleted | MarkedDone


class EntryActions(QObject):
    changed = Signal()
    alertsRaised = Signal(list)
    message = Signal(str)
    undoChanged = Signal(str)  # what Undo would undo, in words ('' when nothing)

    def __init__(self, window: QWidget, journal: Journal):
        super().__init__(window)
        self.window = window
        self.journal = journal
        self.dialog: QDialog | None = None  # the dialog opened last (tests drive it)
        self.deleted: list[Undoable] = []  # what Ctrl+Z undoes, last first

    def _open(self, dialog: OpenedDialog) -> OpenedDialog:
        self.dialog = dialog
        return dialog

    def log(self, kind: str) -> EntryDialog:
        dialog = dialog_class(kind).start(self.journal, self.window)
        dialog.accepted.connect(lambda: self._saved(dialog.saved, True))
        return self._open(dialog)

    def edit(self, entry_id: str) -> EntryDialog:
        record = self.journal.get(entry_id)
        kind = self.journal.kind_of(entry_id)
        dialog = dialog_class(kind.code).start(self.journal, self.window, record)
        dialog.accepted.connect(lambda: self._saved(dialog.saved, False))
        return self._open(dialog)

    def _saved(self, record: Entry | None, is_new: bool) -> None:
        if record is None:
            return
        self.changed.emit()
        self.message.emit(f"Saved the {kind_of(record).singular}.")
        now = datetime.now()
        alerts = alerts_for_entry(
            self.journal.recent_snapshot(now), self.journal.catalog, now, record.id
        )
        urgent = next((a for a in alerts if a.level == "urgent"), None)
        if alerts:
            self.alertsRaised.emit(alerts)
        then = (
            (lambda: self._aftercare(record)) if is_new and isinstance(record, Infusion) else None
        )
        if urgent is not None:
            dialog = self._open(UrgentAlertDialog.start(urgent, self.window))
            if then:
                dialog.accepted.connect(then)
        elif then:
            then()

    def _aftercare(self, infusion: Infusion) -> None:
        from msjournal.ui.dialogs.aftercare_dialog import AftercareDialog, close_planned_infusions

        closed = close_planned_infusions(self.journal, infusion)
        dialog = AftercareDialog.start(self.journal, infusion, self.window, closed)
        dialog.finished.connect(lambda _: self.changed.emit())
        self._open(dialog)
        if closed:
            self.changed.emit()

    # ---------------------------------------------------------------- delete and undo

    def delete(self, entry_id: str) -> None:
        record, unlinked = self.journal.delete(entry_id)
        self._remember(Deleted(record, unlinked))
        self.message.emit(f"Deleted the {kind_of(record).singular}. Undo with Ctrl+Z.")

    def undo_delete(self) -> bool:
        """Undo the last delete or Mark done (Ctrl+Z, the Undo button)."""
        if not self.deleted:
            return False
        last = self.deleted.pop()
        try:
            if isinstance(last, Deleted):
                self.journal.undo_delete(last.record, last.unlinked)
            else:
                self.journal.restore(last.before, expected=last.after)
        except JournalError as error:
            self.message.emit(f"Could not undo {last.what}: {error}")
        else:
            self.message.emit(f"Undone: {last.what}.")
        self.changed.emit()
        self.undoChanged.emit(self.deleted[-1].what if self.deleted else "")
        return True

    def mark_done(self, entry_id: str) -> None:
        before = self.journal.get(entry_id)
        if not isinstance(before, FollowUp):
            self.message.emit("Only follow-ups can be marked done.")
            return
        after = self.journal.mark_follow_up_done(entry_id, date.today())
        self._remember(MarkedDone(before, after))
        self.message.emit(f"Marked “{before.title}” as done today. Undo with Ctrl+Z.")

    def _remember(self, change: Undoable) -> None:
        self.deleted.append(change)
        self.changed.emit()
        self.undoChanged.emit(change.what)

    def acknowledge(self, alert: Alert) -> AcknowledgeDialog:
        dialog = AcknowledgeDialog.start(self.journal, alert, self.window)
        dialog.accepted.connect(self.changed)
        return self._open(dialog)

    def set_journal(self, journal: Journal) -> None:
        self.journal = journal
        self.deleted.clear()
