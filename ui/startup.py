"""From a shown, empty main window to one with its screens: open the database off the UI
thread, fill the demo database on first run, build the services, attach them.

Each step is a small method so that later work (sign-in, unlocking an encrypted file) slots in
between opening the database and attaching the services.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ui.tasks import CancelCheck, ProgressFn, TaskRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.services import AppServices
    from workbench.clock import Clock
    from workbench.database import Database
    from workbench.keys import Secret

log = logging.getLogger(__name__)

# The demo fill shows a progress dialog only when it takes longer than this.
PROGRESS_AFTER_MS = 500


@dataclass(frozen=True)
class Opened:
    database: Database
    needs_demo: bool
    audit_key: Secret | None = None
    # Something the user should know but that does not stop the app (shown in the status bar).
    warning: str | None = None


def open_for_app(url: str, *, demo: bool) -> Opened:
    """Open (and migrate) the database, find the key that seals its audit trail, and say
    whether the demo team still has to be added. Runs on the task runner."""
    from workbench.audit import audit_key_for
    from workbench.database import open_database
    from workbench.secrets import NoSecureKeyring, SecretStore

    database = open_database(url)
    audit_key: Secret | None = None
    warning: str | None = None
    try:
        audit_key = audit_key_for(database, SecretStore())
    except NoSecureKeyring:
        warning = QCoreApplication.translate(
            "Startup", "No secure keyring is available, so audit events are recorded without "
            "their seal. Unlock or set up the system keyring to seal them.")
    needs_demo = False
    if demo:
        from sqlalchemy import select

        from db.models import Team

        with database.sessions() as session:
            needs_demo = session.scalars(select(Team.id).limit(1)).first() is None
    return Opened(database, needs_demo, audit_key, warning)


def fill_demo(database: Database, clock: Clock, progress: ProgressFn,
              is_cancelled: CancelCheck) -> None:
    """Fill an empty database with the synthetic demo team (workbench.demo)."""
    from workbench.demo import build_demo

    build_demo(database.sessions, today=clock().date(), progress=progress)


def build_services(database: Database, runner: TaskRunner, clock: Clock,
                   audit_key: Secret | None = None) -> AppServices:
    from ui.services import AppServices
    from workbench.audit import AuditTrail
    from workbench.secrets import SecretStore
    from workbench.settings import data_dir

    return AppServices(database=database, runner=runner, audit=AuditTrail(clock, key=audit_key),
                       secrets=SecretStore(), data_dir=data_dir(), clock=clock)


class Startup(QObject):
    """Runs the start-up steps; ``ready(AppServices)`` or ``failed(message)`` ends it."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, window: MainWindow, runner: TaskRunner, url: str, *, demo: bool,
                 clock: Clock, fill: Callable[..., None] = fill_demo) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.url = url
        self.demo = demo
        self.clock = clock
        self._fill = fill
        self._started = False
        self.progress_dialog: QProgressDialog | None = None

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.runner.run(lambda progress, is_cancelled: open_for_app(self.url, demo=self.demo),
                        on_success=self._opened, on_failure=self._failed, name="open database")

    def _opened(self, opened: Opened) -> None:
        # Sign-in and unlocking an encrypted file go here, before the screens are built.
        if opened.needs_demo:
            self._fill_demo(opened)
        else:
            self._attach(opened)

    def _fill_demo(self, opened: Opened) -> None:
        database = opened.database
        self.window.show_startup_message(self.window.tr("Adding the demo team…"))
        dialog = QProgressDialog(self.window.tr("Adding the synthetic demo team…"), "", 0, 0,
                                 self.window)
        dialog.setWindowTitle(self.window.tr("First run"))
        dialog.setCancelButton(None)  # a half-built demo team helps nobody
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.progress_dialog = dialog

        def progressed(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                dialog.setLabelText(text)

        def finished() -> None:
            dialog.close()
            dialog.deleteLater()
            self.progress_dialog = None

        self.runner.run(
            lambda progress, is_cancelled: self._fill(database, self.clock, progress, is_cancelled),
            on_progress=progressed, on_success=lambda _none: self._attach(opened),
            on_failure=self._failed, on_finished=finished, name="demo data")

    def _attach(self, opened: Opened) -> None:
        services = build_services(opened.database, self.runner, self.clock, opened.audit_key)
        self.window.attach(services)
        if opened.warning:
            self.window.statusBar().showMessage(opened.warning, 30_000)
        self.ready.emit(services)

    def _failed(self, error: Exception) -> None:
        from workbench.database import DatabaseUnavailable

        message = getattr(error, "user_message", None)
        if message is None and isinstance(error, DatabaseUnavailable):
            message = str(error)
        if message is None:
            log.error("start-up failed", exc_info=error)
            message = self.window.tr(
                "The workbench could not start: %1. Please report this to your administrator."
            ).replace("%1", f"{type(error).__name__}: {error}")
        self.window.show_startup_message(message)
        box = QMessageBox(QMessageBox.Icon.Critical,
                          self.window.tr("The database could not be opened"), message,
                          QMessageBox.StandardButton.Close, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self.failed.emit(message))
        box.open()
