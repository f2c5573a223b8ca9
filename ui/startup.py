"""From a shown, empty main window to one with its screens: open the database off the UI
thread, fill the demo database on first run, build the services, attach them.

Each step is a small method so that later work (sign-in, unlocking an encrypted file) slots in
between opening the database and attaching the services.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ui.tasks import CancelCheck, ProgressFn, TaskRunner

if TYPE_CHECKING:
    from db.engine import SessionFactory
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
    if demo:  # as workbench.demo.ensure.is_empty, without importing the demo builder
        from sqlalchemy import select

        from db.models import Staff

        with database.sessions() as session:
            needs_demo = session.scalars(select(Staff.id).limit(1)).first() is None
    return Opened(database, needs_demo, audit_key, warning)


def fill_demo(database: Database, clock: Clock, audit_key: Secret | None, progress: ProgressFn,
              is_cancelled: CancelCheck) -> str | None:
    """Fill an empty database with the synthetic demo team, its past sessions signed by demo
    identities (keys in the data folder). Returns a warning when the signing could not be done:
    the demo is still usable without it."""
    from workbench.audit import AuditTrail
    from workbench.demo import build_demo
    from workbench.settings import data_dir

    problems: list[str] = []

    def sign(sessions: SessionFactory, _session_ids: object) -> None:
        from workbench.signing.demo import sign_demo_sessions

        try:
            sign_demo_sessions(sessions, keys_dir=data_dir() / "keys", clock=clock,
                               audit=AuditTrail(clock, key=audit_key))
        except Exception as error:  # the demo team is there; only its signatures are missing
            log.warning("demo sessions were not signed", exc_info=error)
            problems.append(str(error))

    build_demo(database.sessions, today=clock().date(), progress=progress, sign=sign,
               audit_key=audit_key)
    if problems:
        return QCoreApplication.translate(
            "Startup", "The demo team was added, but its past sessions could not be signed: %1"
        ).replace("%1", problems[0])
    return None


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
                 clock: Clock, fill: Callable[..., str | None] = fill_demo) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.url = url
        self.demo = demo
        self.clock = clock
        self._fill = fill
        self._started = False
        self.progress_dialog: QProgressDialog | None = None
        self._open_result: Opened | None = None

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.runner.run(lambda progress, is_cancelled: open_for_app(self.url, demo=self.demo),
                        on_success=self._opened, on_failure=self._failed, owner=self.window,
                        name="open database")

    def _opened(self, opened: Opened) -> None:
        self._open_result = opened
        # Sign-in and unlocking an encrypted file go here, before the screens are built.
        if opened.needs_demo:
            self._fill_demo(opened)
        else:
            self._attach(opened)

    def _fill_demo(self, opened: Opened) -> None:
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
        # Shown only if the work is still going after a moment (a quick fill never flashes it).
        QTimer.singleShot(PROGRESS_AFTER_MS, dialog, dialog.show)

        def progressed(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                dialog.setLabelText(text)

        def finished() -> None:
            dialog.close()
            dialog.deleteLater()
            self.progress_dialog = None

        def filled(warning: str | None) -> None:
            self._attach(replace(opened, warning=warning or opened.warning))

        self.runner.run(
            lambda progress, is_cancelled: self._fill(opened.database, self.clock, opened.audit_key,
                                                      progress, is_cancelled),
            on_progress=progressed, on_success=filled,
            on_failure=self._failed, on_finished=finished, owner=self.window,
            name="demo data")

    def _attach(self, opened: Opened) -> None:
        services = build_services(opened.database, self.runner, self.clock, opened.audit_key)
        self.window.attach(services)
        if opened.warning:
            self.window.statusBar().showMessage(opened.warning, 30_000)
        self.ready.emit(services)

    def _failed(self, error: Exception) -> None:
        from workbench.errors import classify

        if self._open_result is not None:
            self._open_result.database.close()
        problem = classify(error)
        if problem is not None:  # disk full, server gone, locked, wrong passphrase …
            message = problem.user_message
        else:
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
