"""A pytest plugin: records every socket/HTTP audit event in the test process and fails the run.

Register it in tests/conftest.py with `pytest_plugins = ["tests.no_network_plugin"]`. Audit
hooks cannot be removed, so code that monkeypatches `socket` is still seen.
"""

from __future__ import annotations

import sys

import pytest

NETWORK_EVENTS = (
    "socket.",
    "http.client.",
    "urllib.",
    "ftplib.",
    "smtplib.",
    "poplib.",
    "imaplib.",
    "nntplib.",
    "telnetlib.",
    "webbrowser.",
)
recorded: list[str] = []


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event.startswith(NETWORK_EVENTS):
        recorded.append(f"{event} {args!r}"[:200])


sys.addaudithook(_hook)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    qt_network = sorted(
        m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine"))
    )
    if recorded or qt_network:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"NETWORK USE DETECTED: {recorded[:20]} modules {qt_network}", red=True
            )
