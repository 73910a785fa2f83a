"""The menu bar: every action of the window with its keyboard shortcut (standard keys first)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from msjournal.ui import file_actions
from msjournal.ui.window_protocol import JournalWindow

Keys = QKeySequence.StandardKey | str | None


def _add(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    keys: Keys = None,
    fallback: str | None = None,
) -> QAction:
    action = QAction(text, menu)
    sequence = QKeySequence(keys) if keys is not None else QKeySequence()
    if sequence.isEmpty() and fallback:
        sequence = QKeySequence(fallback)
    action.setShortcut(sequence)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: JournalWindow) -> dict[str, QAction]:
    bar = window.menuBar()
    actions: dict[str, QAction] = {}
    std = QKeySequence.StandardKey

    file = bar.addMenu("&File")
    actions["open"] = _add(
        file, "&Open another journal…", lambda: file_actions.open_other_journal(window), std.Open
    )
    file.addSeparator()
    _add(file, "Prepare appointment &summary…", lambda: file_actions.prepare_summary(window))
    _add(
        file,
        "Save summary as &web page (for screen readers)…",
        lambda: file_actions.save_summary_web_page(window),
    )
    actions["print"] = _add(
        file, "&Print summary…", lambda: file_actions.print_summary(window), std.Print
    )
    export = file.addMenu("&Export")
    for kind, text in (
        ("json", "&JSON (everything)"),
        ("csv", "&CSV for spreadsheets (a .zip, one file per kind)"),
        ("ics", "Calendar (.&ics)"),
    ):
        _add(export, text, partial(file_actions.export, window, kind))
    _add(file, "&Import journal file…", lambda: file_actions.import_file(window))
    file.addSeparator()
    _add(file, "&Back up now", lambda: file_actions.backup_now(window))
    _add(file, "&Restore from backup…", lambda: file_actions.restore(window))
    file.addSeparator()
    actions["quit"] = _add(file, "&Quit", window.close, std.Quit, "Ctrl+Q")

    edit = bar.addMenu("&Edit")
    actions["undo"] = _add(edit, "&Undo", window.undo_delete, std.Undo)
    edit.addSeparator()
    _add(edit, "&Change selected entry…\tEnter", window.edit_selected)
    _add(edit, "&Delete selected entry\tDel", window.delete_selected)
    _add(edit, "&Mark follow-up done", window.mark_selected_done)
    edit.addSeparator()
    actions["find"] = _add(edit, "&Find in journal…", window.find_in_journal, std.Find)
    actions["settings"] = _add(edit, "Se&ttings…", window.open_settings, std.Preferences, "Ctrl+,")

    log = bar.addMenu("&Log")
    for kind, text, keys in (
        ("inf", "&Infusion…", "Ctrl+I"),
        ("se", "&Side effect…", "Ctrl+E"),
        ("t", "&Temperature…", "Ctrl+T"),
        ("f", "&Follow-up…", "Ctrl+U"),
        ("r", "&Relapse…", "Ctrl+L"),
        ("tr", "Test r&esult…", "Ctrl+B"),
    ):
        actions[f"log_{kind}"] = _add(log, text, partial(window.entry_actions.log, kind), keys)
    log.addSeparator()
    _add(log, "Therapy &plan and checklist…", window.change_plan)

    view = bar.addMenu("&View")
    for index, text in enumerate(("&Today", "&Journal", "&Alerts", "T&rends")):
        _add(view, text, partial(window.show_page, index), f"Ctrl+{index + 1}")
    view.addSeparator()
    larger = _add(view, "&Larger text", lambda: window.step_text_size(1), std.ZoomIn, "Ctrl++")
    # Plain Ctrl+= too: on most keyboards "+" needs Shift, which a shaky hand may miss.
    larger.setShortcuts([*larger.shortcuts(), QKeySequence("Ctrl+=")])
    _add(view, "&Smaller text", lambda: window.step_text_size(-1), std.ZoomOut, "Ctrl+-")
    _add(view, "&Refresh", window.refresh, std.Refresh, "F5")

    help_menu = bar.addMenu("&Help")
    actions["help"] = _add(
        help_menu, "msjournal &help", partial(_show_help, window), std.HelpContents, "F1"
    )
    _add(help_menu, "&About msjournal", window.about)
    return actions


def _show_help(window: JournalWindow) -> None:
    """F1: the offline help page (loaded on first use, so start-up stays quick)."""
    from msjournal.ui.dialogs.help_dialog import show_help
    from msjournal.ui.window_protocol import as_widget

    show_help(as_widget(window))
