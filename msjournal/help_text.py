"""The help page, as offline HTML: how to log, what the alerts mean, when to get help now, where
the data lives, the keyboard shortcuts, and that the app never diagnoses.

A pure function of its inputs, with no Qt: the alert part is generated from RULES and
LEVEL_NAMES, and the shortcuts from the (menu, action, keys) rows the window passes in, so the
page never drifts from what the app does. Plain words, short sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from msjournal.rules.alerts import (
    CONSULT_ACTION,
    LEVEL_NAMES,
    LEVELS,
    RULES,
    URGENT_ACTION,
    Rule,
)
from msjournal.storage.paths import backups_dir

# (menu, action text without "&", keys): one row of the shortcuts table, e.g.
# ("Log", "Infusion…", "Ctrl+I"). A submenu is named "File › Export".
Shortcut = tuple[str, str, str]
SUBMENU = " \u203a "  # between a menu and its submenu: "File › Export"

TITLE = "msjournal help"
CONTENTS = "contents"
HOW_TO_LOG = "how-to-log"
ALERTS = "alerts"
HELP_NOW = "help-now"
DATA = "data"
SHORTCUTS = "shortcuts"
NO_DIAGNOSIS = "no-diagnosis"
SECTIONS: tuple[tuple[str, str], ...] = (
    (HOW_TO_LOG, "How to log"),
    (ALERTS, "What the alerts mean"),
    (HELP_NOW, "When to get help now"),
    (DATA, "Where your data lives"),
    (SHORTCUTS, "Keyboard shortcuts"),
    (NO_DIAGNOSIS, "This app never diagnoses"),
)
SECTION_IDS = frozenset(section for section, _title in SECTIONS)

# What each level asks of the person (urgent and consult: the words the alerts themselves use).
LEVEL_ACTIONS = {
    "urgent": URGENT_ACTION,
    "consult": CONSULT_ACTION,
    "reminder": "Log it, mark it done, or contact your care team or infusion centre.",
}
LEVEL_SHOWN = {
    "urgent": "A box that you must answer, and a banner with a red border.",
    "consult": "A banner on the Today page.",
    "reminder": "A line on the Today page.",
}

# The six kinds of entry: (the Log menu's action without "…", heading, one short paragraph).
LOG_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        "Infusion",
        "An infusion",
        "Log each infusion on the day you have it: the treatment, when it started and "
        "ended, the dose, where the needle went and the centre. Measurements before and "
        "after (temperature, pulse, blood pressure) are optional.",
    ),
    (
        "Side effect",
        "A side effect",
        "Log a side effect when you notice it: what it is, how bad it is from 0 to 10, and "
        "when it started. Tick \u201cFeels severe or unusual to me\u201d if it does. When it "
        "has gone, change the entry and add the date it went.",
    ),
    (
        "Temperature",
        "A temperature",
        "Log your temperature and when you took it, in \u00b0C or \u00b0F. The form shows "
        "your fever threshold.",
    ),
    (
        "Follow-up",
        "A follow-up",
        "Add an appointment, a lab test, a scan or a phone call, with the date it is due. "
        "Mark it done when it has happened.",
    ),
    (
        "Relapse",
        "A relapse",
        "Log new or worse MS symptoms: when they started, what happened, the areas "
        "affected and how much they affect daily life. Later, add when you recovered, and "
        "whether your care team confirmed or treated it.",
    ),
    (
        "Test result",
        "A test result",
        "Copy a result from the lab's report: the test, when the sample was taken, the "
        "value and unit (or the result in words), and the range printed on the report.",
    ),
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _plain(action: str) -> str:
    """An action's words without a trailing ellipsis, to find it by name."""
    return action.rstrip("\u2026").rstrip(".").strip()


def find_keys(shortcuts: Iterable[Shortcut], menu: str, action: str) -> str:
    """The keys of one menu action, or "" when it has none (or is not in the list)."""
    for menu_name, action_text, keys in shortcuts:
        if menu_name == menu and _plain(action_text) == action:
            return keys
    return ""


def _menu_path(shortcuts: Iterable[Shortcut], action: str) -> str:
    """Where an action is, in words ("File, then Back up now"), or "" if the window has none."""
    for menu_name, action_text, _keys in shortcuts:
        if _plain(action_text) == action:
            where = menu_name.replace(SUBMENU, ", then ")
            return f"{where}, then {_plain(action_text)}"
    return ""


def _heading(section: str, title: str) -> str:
    return f'<h2 id="{section}"><a name="{section}"></a>{_e(title)}</h2>'


def _back_to_contents() -> str:
    return f'<p><a href="#{CONTENTS}">Back to the contents</a></p>'


def _contents() -> str:
    items = "".join(f'<li><a href="#{section}">{_e(title)}</a></li>' for section, title in SECTIONS)
    return f'<h2 id="{CONTENTS}"><a name="{CONTENTS}"></a>Contents</h2><ul>{items}</ul>'


def _how_to_log(shortcuts: Sequence[Shortcut]) -> str:
    parts = [
        "<p>Each kind of entry has its own form. Open it from the Log menu. Fill it in, then "
        "press Enter to save, or Escape to cancel. Nothing is saved until the whole entry "
        "is accepted.</p>"
    ]
    for action, heading, paragraph in LOG_KINDS:
        keys = find_keys(shortcuts, "Log", action)
        how = (
            f" Keys: <b>{_e(keys)}</b>, or Log, then {_e(action)}."
            if keys
            else f" Open it from Log, then {_e(action)}."
        )
        parts.append(f"<h3>{_e(heading)}</h3><p>{_e(paragraph)}{how}</p>")
    return "".join(parts)


def _seen(text: str) -> str:
    """The window's words for acknowledging: its button says "Mark as seen"."""
    return text.replace("until acknowledged", "until you mark it as seen")


def _rule_item(rule: Rule) -> str:
    return (
        f"<li><b>{_e(rule.name)}</b><br>"
        f"When: {_e(rule.criterion)}<br>"
        f"The alert stays: {_e(_seen(rule.stays_active))}.</li>"
    )


def _alerts(rules: dict[str, Rule]) -> str:
    levels = "".join(
        f"<li><b>{_e(LEVEL_NAMES[level])}</b><br>{_e(LEVEL_SHOWN[level])}<br>"
        f"What to do: {_e(LEVEL_ACTIONS[level])}</li>"
        for level in LEVELS
    )
    parts = [
        "<p>msjournal checks what you log against a few rules. When an entry meets a rule, "
        "you see an alert. It says what you recorded and what to do.</p>",
        "<h3>The three levels</h3>",
        f"<ul>{levels}</ul>",
        "<p>Urgent alerts always come first. When you have done what an alert says, mark it "
        "as seen. It stays in the alert history.</p>",
    ]
    for level in LEVELS:
        chosen = [rule for rule in rules.values() if rule.level == level]
        if not chosen:
            continue
        parts.append(f"<h3>Rules at the level \u201c{_e(LEVEL_NAMES[level])}\u201d</h3>")
        parts.append(f"<ul>{''.join(_rule_item(rule) for rule in chosen)}</ul>")
    return "".join(parts)


def _help_now(rules: dict[str, Rule]) -> str:
    signs = "".join(
        f"<li><b>{_e(rule.name)}</b>: {_e(rule.criterion)}</li>"
        for rule in rules.values()
        if rule.level == "urgent"
    )
    return (
        "<p>Get help now if you have any of these signs:</p>"
        f"<ul>{signs}</ul>"
        f"<p><b>{_e(URGENT_ACTION)}</b></p>"
        "<p>Do not wait for an alert. No alert does not mean that all is well. If you feel "
        "unwell or unsure, contact your care team.</p>"
    )


def _data(journal: Path, shortcuts: Sequence[Shortcut]) -> str:
    parts = [
        "<p>Your journal is one file on this computer:</p>",
        f"<p><code>{_e(str(journal))}</code></p>",
        "<p>msjournal makes backups by itself, into this folder:</p>",
        f"<p><code>{_e(str(backups_dir(journal)))}</code></p>",
    ]
    backup = _menu_path(shortcuts, "Back up now")
    restore = _menu_path(shortcuts, "Restore from backup")
    if backup:
        parts.append(f"<p>To make a backup now, choose {_e(backup)}.</p>")
    if restore:
        parts.append(f"<p>To go back to a backup, choose {_e(restore)}.</p>")
    parts.append(
        "<p><b>Nothing leaves this computer.</b> msjournal opens no network connection. "
        "Your data goes somewhere else only when you export it, print it or copy it "
        "yourself.</p>"
    )
    return "".join(parts)


def _shortcuts(shortcuts: Sequence[Shortcut]) -> str:
    rows = [(menu, action, keys) for menu, action, keys in shortcuts if keys]
    if rows:
        body = "".join(
            f"<tr><td>{_e(menu)}</td><td>{_e(action)}</td><td><b>{_e(keys)}</b></td></tr>"
            for menu, action, keys in rows
        )
        table = (
            '<table border="1" cellspacing="0" cellpadding="6" width="100%">'
            '<thead><tr><th scope="col" align="left">Menu</th>'
            '<th scope="col" align="left">What it does</th>'
            '<th scope="col" align="left">Keys</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
    else:
        table = "<p>No shortcuts were found.</p>"
    return (
        "<p>Every menu item can be reached with the keyboard. These keys work in the main "
        "window:</p>"
        f"{table}"
        "<p>In a form: Tab moves to the next field, Enter saves, Escape cancels. "
        "In this help: Page Up and Page Down scroll, Tab moves to the next link, "
        "Escape closes it.</p>"
    )


def _no_diagnosis(disclaimer: str) -> str:
    said = f"<p>{_e(disclaimer)}</p>" if disclaimer else ""
    return f"<p>msjournal records, reminds, and says when to call. It never diagnoses.</p>{said}"


def help_html(
    journal: Path,
    shortcuts: Sequence[Shortcut] = (),
    disclaimer: str | None = None,
    rules: dict[str, Rule] | None = None,
) -> str:
    """The whole help page for this journal file and these (menu, action, keys) rows.

    `disclaimer` defaults to the catalog's own; `rules` to every alert rule.
    """
    if disclaimer is None:
        from msjournal.model.catalog import load_catalog

        disclaimer = load_catalog().disclaimer
    rules = RULES if rules is None else rules
    bodies = {
        HOW_TO_LOG: _how_to_log(shortcuts),
        ALERTS: _alerts(rules),
        HELP_NOW: _help_now(rules),
        DATA: _data(journal, shortcuts),
        SHORTCUTS: _shortcuts(shortcuts),
        NO_DIAGNOSIS: _no_diagnosis(disclaimer),
    }
    sections = "".join(
        f"{_heading(section, title)}{bodies[section]}{_back_to_contents()}"
        for section, title in SECTIONS
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(TITLE)}</title></head><body>"
        f"<h1>{_e(TITLE)}</h1>"
        "<p>This page works without the internet. It explains how to use msjournal.</p>"
        f"{_contents()}{sections}</body></html>"
    )
