"""The main window: Today, Journal, Alerts and Trends pages under one alert banner."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msjournal.journal import Journal
from msjournal.model.errors import JournalError
from msjournal.rules.alerts import LEVEL_NAMES, Alert
from msjournal.ui import preferences
from msjournal.ui.appearance import apply_text_size
from msjournal.ui.entry_actions import EntryActions
from msjournal.ui.main_menus import build_menus
from msjournal.ui.today_view import TodayView
from msjournal.ui.trends_page import TrendsPage
from msjournal.ui.widgets.alert_widgets import AlertBanner
from msjournal.ui.widgets.announce import announce
from msjournal.ui.widgets.lazy_page import LazyPage

if TYPE_CHECKING:
    from msjournal.ui.alerts_view import AlertsView
    from msjournal.ui.dialogs.plan_dialog import PlanDialog
    from msjournal.ui.dialogs.settings_dialog import SettingsDialog
    from msjournal.ui.journal_view import JournalView
    from msjournal.ui.single_window import WindowOwnership

BANNER_LEVELS = ("urgent", "consult")
DEFAULT_SIZE = (1100, 760)
FRAME_ALLOWANCE = (16, 48)  # the window manager's border and title bar, about


def _apply_text_size() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):  # always, while the window is shown
        apply_text_size(app)


class MainWindow(QMainWindow):
    def __init__(self, journal: Journal, demo: bool = False):
        super().__init__()
        self.journal = journal
        self.ownership: WindowOwnership | None = None  # set by launch: one window per journal
        self.demo = demo
        self.entry_actions = EntryActions(self, journal)
        self.banner = AlertBanner()
        self.today = TodayView()
        self.journal_page: LazyPage[JournalView] = LazyPage("Journal", self._make_journal_view)
        self.alerts_page: LazyPage[AlertsView] = LazyPage("Alerts", self._make_alerts_view)
        self.trends = TrendsPage(journal)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Pages")
        for page, title in (
            (self.today, "&Today"),
            (self.journal_page, "&Journal"),
            (self.alerts_page, "&Alerts"),
            (self.trends, "T&rends"),
        ):
            self.pages.addTab(page, title)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.menu_actions = build_menus(self)
        # Undo stays in view after a delete or Mark done, not only for a few seconds.
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.setVisible(False)  # in the status bar only while there is an undo:
        # even hidden there, its large-control height would take a line of a short window
        self.statusBar()  # made now, so it shows with the window
        self._connect()
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.open_menus)
        QWidget.setTabOrder(self.banner.details, self.banner.hide_button)
        QWidget.setTabOrder(self.banner.hide_button, self.pages)  # the banner comes first
        self._restore_geometry()
        self.refresh()
        self._banner_for_start()
        self._focus_placed = False

    def _connect(self) -> None:
        actions = self.entry_actions
        actions.changed.connect(self.refresh)
        actions.alertsRaised.connect(self.show_new_alerts)
        actions.message.connect(self.confirm)
        actions.undoChanged.connect(self._show_undo)
        self.today.logRequested.connect(actions.log)
        self.today.acknowledgeRequested.connect(actions.acknowledge)
        self.today.alertsPageRequested.connect(lambda: self.show_page(2))
        self.banner.showRequested.connect(lambda: self.show_page(0))
        self.pages.currentChanged.connect(lambda _index: self._refresh_current_page())

    def _make_journal_view(self) -> JournalView:
        from msjournal.ui.journal_view import JournalView

        view = JournalView(self.journal.catalog)
        view.editRequested.connect(self.entry_actions.edit)
        view.deleteRequested.connect(self.entry_actions.delete)
        view.doneRequested.connect(self.entry_actions.mark_done)
        return view

    def _make_alerts_view(self) -> AlertsView:
        from msjournal.ui.alerts_view import AlertsView

        view = AlertsView()
        view.acknowledgeRequested.connect(self.entry_actions.acknowledge)
        return view

    @property
    def journal_view(self) -> JournalView:
        """The Journal page's tables (made now if the page was never shown)."""
        return self.journal_page.content()

    @property
    def alerts_view(self) -> AlertsView:
        return self.alerts_page.content()

    def _restore_geometry(self) -> None:
        saved = preferences.geometry()
        if saved is None or not self.restoreGeometry(saved):
            self.resize(*DEFAULT_SIZE)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Never larger than the screen it opens on (a small laptop, a large scale factor):
        the pages scroll instead of running off the bottom."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width = min(self.width(), area.width() - FRAME_ALLOWANCE[0])
        height = min(self.height(), area.height() - FRAME_ALLOWANCE[1])
        self.resize(max(width, 200), max(height, 200))
        if not area.contains(self.geometry()):
            self.move(area.topLeft())

    def open_menus(self) -> None:
        """F10: the menu bar takes the keyboard, on its first menu (as in most programs)."""
        bar = self.menuBar()
        if bar.actions():
            bar.setActiveAction(bar.actions()[0])

    # ---------------------------------------------------------------- refreshing

    def refresh(self) -> None:
        """Today is refreshed at once from recent entries; other pages when they are shown."""
        now = datetime.now()
        data = self.journal.recent_snapshot(now)
        catalog = self.journal.catalog
        self.today.refresh(data, catalog, now)
        self._stale_pages: set[QWidget] = {self.journal_page, self.alerts_page, self.trends}
        self._refresh_current_page()
        active = {a.key for a in self.today.shown_alerts}  # computed once, by Today
        if self.banner.alert is not None and self.banner.alert.key not in active:
            self.banner.hide()
            self.banner.alert = None
        self.menu_actions["undo"].setEnabled(bool(self.entry_actions.deleted))
        self._set_title()

    def _refresh_current_page(self) -> None:
        page = self.pages.currentWidget()
        if page not in getattr(self, "_stale_pages", set()):
            return
        self._stale_pages.discard(page)
        if page is self.trends:
            self.trends.refresh()
            return
        data, catalog, now = self.journal.snapshot(), self.journal.catalog, datetime.now()
        if page is self.journal_page:
            self.journal_view.refresh(data, catalog, now.date())
        else:
            self.alerts_view.refresh(data, catalog, now)

    def _set_title(self) -> None:
        name = self.journal.settings().person_name
        demo = " (demo journal, not your own)" if self.demo else ""
        self.setWindowTitle(f"msjournal: {name or self.journal.path.name}{demo}")

    def show_new_alerts(self, alerts: list[Alert]) -> None:
        """A new entry raised alerts: the banner shows the most important one (urgent first),
        and screen readers announce it without taking the keyboard focus away."""
        shown = [a for a in alerts if a.level in BANNER_LEVELS]
        if shown:
            first = min(shown, key=lambda a: BANNER_LEVELS.index(a.level))
            self.banner.show_alert(first)
        for alert in alerts:
            announce(
                self.banner if shown else self,
                f"{LEVEL_NAMES[alert.level]}: {alert.title}. {alert.action}",
                urgent=alert.level == "urgent",
            )

    def _show_undo(self, what: str) -> None:
        self.undo_button.setText(f"Undo {what} (Ctrl+Z)")
        self.undo_button.setAccessibleName(f"Undo {what}")
        in_bar = self.undo_button.parent() is self.statusBar()
        if what and not in_bar:
            self.statusBar().addPermanentWidget(self.undo_button)
        elif not what and in_bar:
            self.statusBar().removeWidget(self.undo_button)
        self.undo_button.setVisible(bool(what))
        self.menu_actions["undo"].setText(f"&Undo {what}" if what else "&Undo")

    def confirm(self, text: str) -> None:
        """A confirmation ('Saved …') stays in the status bar until the next one, and is read
        out by screen readers."""
        self.statusBar().showMessage(text)
        announce(self.statusBar(), text)

    def _banner_for_start(self) -> None:
        urgent = [a for a in self.today.shown_alerts if a.level == "urgent"]
        if urgent:
            self.banner.show_alert(urgent[0])

    # ---------------------------------------------------------------- commands

    def show_page(self, index: int) -> None:
        """Show a page with the keyboard on its first control, never on an invisible container."""
        self.pages.setCurrentIndex(index)
        page = self.pages.currentWidget()
        self.focus_first_control(page)
        QTimer.singleShot(0, lambda: self.focus_first_control(page))  # a page made on first show

    def focus_first_control(self, page: QWidget) -> None:
        widget: QWidget | None = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and not isinstance(widget, QScrollArea)  # a page's scrolling frame: go inside
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()
        self.pages.tabBar().setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._focus_placed:  # at start: on the banner if it shows, else Today's first
            self._focus_placed = True
            if self.banner.isVisibleTo(self):
                self.banner.details.setFocus()
            else:
                self.focus_first_control(self.today)

    def edit_selected(self) -> None:
        entry_id = self.journal_view.selected_id()
        if entry_id:
            self.entry_actions.edit(entry_id)

    def delete_selected(self) -> None:
        entry_id = self.journal_view.selected_id()
        if entry_id:
            self.entry_actions.delete(entry_id)

    def mark_selected_done(self) -> None:
        entry_id = self.journal_view.selected_id()
        if entry_id:
            self.entry_actions.mark_done(entry_id)

    def undo_delete(self) -> None:
        self.entry_actions.undo_delete()

    def find_in_journal(self) -> None:
        self.show_page(1)
        self.journal_view.focus_search()

    def offer_first_run(self) -> None:
        """A new journal asks for the therapy, the temperature unit and a name (skippable)."""
        from msjournal.ui.dialogs.first_run_dialog import offer_first_run

        dialog = offer_first_run(self)
        if dialog is not None:
            self.entry_actions.dialog = dialog

    def open_settings(self) -> SettingsDialog:
        from msjournal.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.journal, self, open_other=self._open_other, change_plan=self.change_plan
        )
        dialog.accepted.connect(self._settings_saved)
        dialog.open()
        dialog.unit.setFocus()
        self.entry_actions.dialog = dialog
        return dialog

    def _open_other(self) -> None:
        from msjournal.ui.file_actions import open_other_journal

        open_other_journal(self)

    def _settings_saved(self) -> None:
        _apply_text_size()
        self.refresh()

    def change_plan(self) -> PlanDialog:
        from msjournal.ui.dialogs.plan_dialog import PlanDialog
        from msjournal.ui.dialogs.settings_dialog import SettingsDialog

        dialog = PlanDialog.start(self.journal, self)
        dialog.accepted.connect(self.refresh)
        for settings in self.findChildren(SettingsDialog):
            dialog.accepted.connect(settings.refresh_plan)
        self.entry_actions.dialog = dialog
        return dialog

    def step_text_size(self, step: int) -> None:
        names = list(preferences.TEXT_SIZES)
        index = min(max(names.index(preferences.text_size()) + step, 0), len(names) - 1)
        preferences.set_text_size(names[index])
        _apply_text_size()
        self.statusBar().showMessage(f"Text size: {preferences.TEXT_SIZES[names[index]][0]}", 5000)

    def refresh_if_changed_elsewhere(self) -> None:
        """Show what another window or a command saved to this journal meanwhile."""
        try:
            changed = self.journal.changed_elsewhere()
        except JournalError:
            return  # the journal is being replaced; the next look will tell
        if changed:
            self.refresh()
            self.statusBar().showMessage("Updated with changes saved outside this window.", 15000)

    def switch_journal(self, journal: Journal) -> None:
        """Another journal replaced the open one (opened, or restored from a backup)."""
        old = self.journal
        self.journal = journal
        self.entry_actions.set_journal(journal)
        self.trends.set_journal(journal)
        self.demo = False
        if old is not journal:
            old.close()
        self.refresh()

    def about(self) -> None:
        QMessageBox.about(self, "About msjournal", self.journal.catalog.disclaimer or "msjournal")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        preferences.set_geometry(self.saveGeometry())
        super().closeEvent(event)
