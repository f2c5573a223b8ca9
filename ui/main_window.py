"""The main window: menus, a tab per screen, the status bar. Layout and wiring only.

The window is shown before the database is open (the first paint must be fast); the app then
calls :meth:`MainWindow.attach` with the services, which builds the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ui.i18n import arg
from ui.screens import SCREENS, FollowsCaseloadWorker, Screen, ScreenSpec

if TYPE_CHECKING:
    from ui.changes import ChangeWatcher
    from ui.dialogs.import_dialog import ImportDialog
    from ui.preferences.dialog import PreferencesDialog
    from ui.screens.caseload_screen import CaseloadScreen
    from ui.services import AppServices
    from workbench.changes import Change
    from workbench.importing import ImportReport
    from workbench.settings import Settings


class MainWindow(QMainWindow):
    """``screens_ready`` is emitted once :meth:`attach` has built the screens,
    ``screens_leaving`` before :meth:`detach` takes them away."""

    screens_ready = Signal()
    screens_leaving = Signal()

    def __init__(self, services: AppServices | None = None, parent: QWidget | None = None,
                 *, title_suffix: str = "", settings: Settings | None = None) -> None:
        """``settings`` (else the services'): Edit > Preferences… and the layout kept between runs."""
        super().__init__(parent)
        self.services: AppServices | None = None
        self.settings = settings if settings is not None or services is None else services.settings
        self.screens: dict[str, QWidget] = {}
        self.watcher: ChangeWatcher | None = None  # what others change (a shared server)
        self.setWindowTitle(self.tr("Practice Supervision Workbench") + title_suffix)
        self.resize(1180, 720)

        self.startup_label = QLabel(self.tr("Opening the database…"))
        self.startup_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.startup_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Screens"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.startup_label)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.database_label = QLabel()
        self.database_label.setAccessibleName(self.tr("Database in use"))
        self.statusBar().addPermanentWidget(self.database_label)

        self._create_actions()
        self._create_menus()
        self._connect_signals()
        self._set_ready(False)
        if self.settings is not None:
            from ui.preferences.layout import LayoutKeeper

            LayoutKeeper(self, self.settings)
        if services is not None:
            self.attach(services)

    # -- building --------------------------------------------------------------------------
    def _create_actions(self) -> None:
        style = self.style()
        self.import_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
            self.tr("&Import caseload…"), self)
        self.import_action.setShortcut(QKeySequence(self.tr("Ctrl+I")))
        self.import_action.setStatusTip(self.tr("Read a caseload export (CSV, Excel or Annex A)"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setStatusTip(self.tr("Filter the list on this screen"))
        self.authority_action = QAction(self.tr("Signing &authority…"), self)
        self.authority_action.setStatusTip(self.tr("Admins: the organisation's signing authority "
                                                   "and everyone's signing identities"))
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setShortcut(QKeySequence(self.tr("Ctrl+,")))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setStatusTip(self.tr("Idle lock, backups, database, supervision policy"))
        self.about_action = QAction(self.tr("&About"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.screen_actions = QActionGroup(self)

    def _create_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.authority_action)
        file_menu.addSeparator()
        # Sign-in adds Lock, Switch user and Sign out here, before Quit (ui.security.session).
        self.file_menu = file_menu
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        self.view_menu = menu_bar.addMenu(self.tr("&View"))
        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.import_action)
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        self.import_action.triggered.connect(self.open_import_dialog)
        self.quit_action.triggered.connect(self.close)
        self.find_action.triggered.connect(self._focus_filter)
        self.about_action.triggered.connect(self._show_about)
        self.authority_action.triggered.connect(self.open_authority_dialog)
        self.preferences_action.triggered.connect(self.open_preferences)
        self.tabs.currentChanged.connect(self._tab_changed)

    def attach(self, services: AppServices, screens: tuple[ScreenSpec, ...] = SCREENS) -> None:
        """Build the screens on ``services`` and show them (the database is open now)."""
        self.services = services
        self.database_label.setText(arg(self.tr("Database: %1"), services.database_label))
        for spec in screens:
            if spec.shown(services.actor):  # e.g. the Admin tab, for admins only
                self._add_screen(spec, services)
        caseload = self._caseload()
        if caseload is not None:
            for widget in self.screens.values():
                if isinstance(widget, FollowsCaseloadWorker):
                    widget.use_current_worker(lambda: caseload.current_worker)
        self._watch_others(services)
        self.stack.setCurrentWidget(self.tabs)
        self._set_ready(True)
        self.screens_ready.emit()

    def _watch_others(self, services: AppServices) -> None:
        """On a shared server, open screens follow what other people change (ui.changes)."""
        if services.database.engine.dialect.name != "postgresql":
            return  # one person on the embedded file: nobody else changes it
        from ui.changes import ChangeWatcher
        from workbench.changes import listen_for_changes

        self.watcher = ChangeWatcher(listen_for_changes(services.database.engine), self)
        self.watcher.changed.connect(self._others_changed)

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()  # closes its connection to the server
            self.watcher.deleteLater()
            self.watcher = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_watching()
        super().closeEvent(event)

    def _others_changed(self, changes: list[Change]) -> None:
        from ui.changes import FollowsOthers

        for widget in self.screens.values():
            if isinstance(widget, FollowsOthers):
                widget.others_changed(changes)

    def detach(self) -> None:
        """Take the screens away (sign out, switch user); each first writes what was typed.

        Each screen's ``finish()`` writes its unsaved work (see ui.screens); :meth:`attach`
        builds the screens again for the next person.
        """
        self.screens_leaving.emit()
        for screen in self._each_screen():
            screen.finish()
        self._stop_watching()
        self.tabs.clear()
        for widget in self.screens.values():
            widget.deleteLater()
        for action in self.screen_actions.actions():
            self.screen_actions.removeAction(action)
            self.view_menu.removeAction(action)
            action.deleteLater()
        self.screens = {}
        self.services = None
        self._set_ready(False)

    def _each_screen(self) -> list[Screen]:
        return [cast(Screen, widget) for widget in self.screens.values()]  # checked in _add_screen

    def _caseload(self) -> CaseloadScreen | None:
        from ui.screens.caseload_screen import CaseloadScreen

        found = self.screens.get("caseload")
        return found if isinstance(found, CaseloadScreen) else None

    def _add_screen(self, spec: ScreenSpec, services: AppServices) -> None:
        screen = spec.build(services, self.tabs)
        if not isinstance(screen, Screen):
            raise TypeError(f"The {spec.key!r} screen lacks part of ui.screens.Screen "
                            "(refresh, focus_filter, finish, load_failed): derive it from ScreenBase.")
        self.screens[spec.key] = screen
        title = QCoreApplication.translate("Screens", spec.title)
        self.tabs.addTab(screen, title)
        action = QAction(title, self.screen_actions)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _checked=False, s=screen: self.tabs.setCurrentWidget(s))
        self.view_menu.addAction(action)
        if len(self.screens) == 1:
            action.setChecked(True)
        screen.load_failed.connect(self.show_error)

    # -- what the app calls ----------------------------------------------------------------
    def show_startup_message(self, text: str) -> None:
        self.startup_label.setText(text)
        self.stack.setCurrentWidget(self.startup_label)

    def show_error(self, message: str) -> None:
        """A problem the user can act on: said in the status bar and in a message box."""
        self.statusBar().showMessage(message, 15_000)
        self._message(QMessageBox.Icon.Warning, message)

    def refresh_screens(self) -> None:
        for screen in self._each_screen():
            screen.refresh()

    def open_import_dialog(self) -> ImportDialog | None:
        if self.services is None:
            return None
        from ui.dialogs.import_dialog import ImportDialog

        caseload = self._caseload()
        worker = caseload.current_worker if caseload is not None else None
        team = caseload.current_team if caseload is not None else None
        dialog = ImportDialog(self.services, self, worker=worker.name if worker else "",
                              team=team[1] if team else "")
        dialog.imported.connect(self._imported)
        dialog.undone.connect(self.refresh_screens)
        dialog.open()
        return dialog

    def open_authority_dialog(self) -> QWidget | None:
        if self.services is None:
            return None
        from ui.admin.authority_dialog import open_authority_dialog

        return open_authority_dialog(self.services, self)

    def open_preferences(self) -> PreferencesDialog | None:
        if self.settings is None:
            return None
        from ui.preferences.dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.open()
        return dialog

    # -- reactions -------------------------------------------------------------------------
    def _set_ready(self, ready: bool) -> None:
        actor = self.services.actor if self.services is not None else None
        if ready and actor is not None:
            from db.enums import Role  # (not before the first paint: the window starts not ready)

            self.authority_action.setVisible(actor.role is Role.ADMIN)
        else:
            self.authority_action.setVisible(ready)
        self.import_action.setEnabled(ready)
        self.preferences_action.setEnabled(self.settings is not None)
        self.find_action.setEnabled(ready)

    def _imported(self, report: ImportReport) -> None:
        self.statusBar().showMessage(arg(self.tr("Caseload imported: %1 added, %2 updated, %3 closed."),
                                         report.added, report.updated, report.closed), 15_000)
        self.refresh_screens()

    def _focus_filter(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, Screen):
            current.focus_filter()

    def _tab_changed(self, index: int) -> None:
        actions = self.screen_actions.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def _show_about(self) -> None:
        self._message(QMessageBox.Icon.Information, self.tr(
            "Practice Supervision Workbench\n\nCase supervision notes for children's social "
            "care teams, with scaling charts and signed exports. The question sets follow the "
            "Signs of Safety® practice framework.\n\nSigns of Safety® is a registered trade mark "
            "of its owners; this product is not affiliated with or endorsed by them."))

    def _message(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, self.tr("Practice Supervision Workbench"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
