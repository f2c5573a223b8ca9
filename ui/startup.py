"""From a shown, empty main window to one with its screens: unlock and open the database off
the UI thread, fill the demo database on first run, then hand over to sign-in.

1. Which database and how it unlocks is :class:`workbench.database_choice.DatabaseChoice`'s
   rule (the same as the command line's): the app's own file is encrypted, its key unwrapped
   by the keyring or WORKBENCH_PASSPHRASE. Where that is not enough (no secure keyring), the
   passphrase dialog asks for it; on the first run on a new file it asks for a new one, twice.
2. The database is opened and migrated on the task runner; a wrong passphrase goes back to the
   dialog with a clear message and nothing changed.
3. The demo team is added on the first demo run (a progress dialog only if it takes a while).
4. :class:`~ui.security.session.SignedInWindow` asks who is at the keyboard and builds the
   screens for them; ``ready(AppServices)`` follows the first sign-in. The scheduled backup of
   the app's own file starts then.

The window paints before any of this: nothing here runs before the first paint.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ui.i18n import arg, translate, translated
from ui.screens import SCREENS, ScreenSpec
from ui.tasks import CancelCheck, ProgressFn, TaskRunner

if TYPE_CHECKING:
    from ui.dialogs.passphrase_dialog import DatabasePassphraseDialog
    from ui.main_window import MainWindow
    from ui.security.backup import BackupScheduler
    from ui.security.session import SignedInWindow, SignInRequest
    from ui.services import AppServices
    from workbench.audit_anchor import AnchorStore
    from workbench.clock import Clock
    from workbench.database import Database
    from workbench.database_choice import DatabaseChoice
    from workbench.encryption import Unlocker
    from workbench.keys import Passphrase, ScryptCost, Secret
    from workbench.secrets import SecretStore
    from workbench.settings import Settings

log = logging.getLogger(__name__)

# The demo fill shows a progress dialog only when it takes longer than this.
PROGRESS_AFTER_MS = 500


@dataclass(frozen=True)
class Opened:
    database: Database
    needs_demo: bool
    audit_key: Secret | None = None
    # Where this computer anchors the audit chain's head outside the database.
    anchor: AnchorStore | None = None
    # Something the user should know but that does not stop the app (shown in the status bar).
    warning: str | None = None


@dataclass(frozen=True)
class UnlockPlan:
    """How start-up will open the file: with ``unlocker`` as it is, or after asking."""

    unlocker: Unlocker | None
    path: Path | None
    ask: str | None  # None, "unlock" (the passphrase) or "create" (a new one, typed twice)
    keyring_secure: bool


def plan_unlock(choice: DatabaseChoice, secrets: SecretStore,
                environ: Mapping[str, str] | None = None) -> UnlockPlan:
    """Whether a passphrase must be asked before opening. Runs on the task runner (keyring)."""
    from workbench.encryption import file_kind
    from workbench.keys import key_file_path

    unlocker = choice.unlocker(secrets, environ)
    path = choice.path
    ask: str | None = None
    if unlocker is not None and path is not None and unlocker.needs_passphrase(path):
        new = not key_file_path(path).exists() and file_kind(path) != "encrypted"
        ask = "create" if new else "unlock"
    return UnlockPlan(unlocker, path, ask, secrets.is_secure())


def open_for_app(url: str, *, demo: bool, unlock: Unlocker | None = None,
                 secrets: SecretStore | None = None,
                 environ: Mapping[str, str] | None = None) -> Opened:
    """Open (unlocking, encrypting on first open, migrating) the database, find the key that
    seals its audit trail (refusing to go on without one: nothing is recorded unsealed), and
    say whether the demo team still has to be added. Runs on the task runner."""
    from workbench.audit import trail_keys
    from workbench.database import open_database
    from workbench.secrets import SecretStore

    secrets = secrets or SecretStore()
    database = open_database(url, unlock=unlock)
    try:
        audit_key, anchor = trail_keys(database, secrets, os.environ if environ is None else environ)
    except Exception:
        database.close()
        raise
    warning: str | None = None
    needs_demo = False
    if demo:  # without importing the demo builder
        from workbench.enrolment import has_nobody

        needs_demo = has_nobody(database.db)
    return Opened(database, needs_demo, audit_key, anchor, warning)


def fill_demo(database: Database, clock: Clock, audit_key: Secret | None, progress: ProgressFn,
              is_cancelled: CancelCheck) -> str | None:
    """Fill an empty database with the synthetic demo team, its past sessions signed by demo
    identities (keys in the data folder). Returns a warning when the signing could not be done:
    the demo is still usable without it."""
    from workbench.settings import data_dir
    from workbench.signing.demo import build_signed_demo

    built = build_signed_demo(database.db, today=clock().date(), clock=clock,
                              keys_dir=data_dir() / "keys", audit_key=audit_key, progress=progress)
    if built.problem is not None:
        return arg(QCoreApplication.translate(
            "Startup", "The demo team was added, but its past sessions could not be signed: %1"
        ), built.problem)
    return None


def keep_demo_pdfs(database: Database, clock: Clock, audit_key: Secret | None, progress: ProgressFn,
                   is_cancelled: CancelCheck) -> int:
    """Make and keep the signed PDFs of the demo's freshly signed records (the keys are in the
    data folder), as the command line's ``demo`` does; returns how many records had theirs made."""
    from workbench.audit import AuditTrail
    from workbench.settings import data_dir
    from workbench.signing.demo import keep_demo_documents

    return keep_demo_documents(
        database.db, keys_dir=data_dir() / "keys", clock=clock,
        audit=AuditTrail(clock, key=audit_key), cancel=is_cancelled,
        progress=lambda done, total: progress(done, total, ""))


def build_services(database: Database, runner: TaskRunner, clock: Clock,
                   audit_key: Secret | None = None, data_folder: Path | None = None,
                   anchor: AnchorStore | None = None, settings: Settings | None = None) -> AppServices:
    from ui.services import AppServices
    from workbench.audit import AuditTrail
    from workbench.secrets import SecretStore
    from workbench.settings import data_dir

    return AppServices(database=database, runner=runner,
                       audit=AuditTrail(clock, key=audit_key, anchor=anchor),
                       secrets=SecretStore(), data_dir=data_folder or data_dir(), clock=clock,
                       settings=settings)


class Startup(QObject):
    """Runs the start-up steps; ``ready(AppServices)`` (someone signed in), ``failed(message)``
    (after saying why) or ``cancelled()`` (the person closed the passphrase or sign-in dialog)
    ends it."""

    ready = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, window: MainWindow, runner: TaskRunner, url: str, *, demo: bool,
                 clock: Clock, fill: Callable[..., str | None] = fill_demo,
                 keep: Callable[..., int] | None = None,
                 sign_in: SignInRequest | None = None, settings: Settings | None = None,
                 secrets: SecretStore | None = None, environ: Mapping[str, str] | None = None,
                 data_folder: Path | None = None, screens: tuple[ScreenSpec, ...] = SCREENS,
                 cost: ScryptCost | None = None, idle_poll_ms: int | None = None) -> None:
        """``url`` is what the command line resolved; whether it is the app's own (always
        encrypted) file is decided as the command line decides it. The rest is for tests and
        automation: ``sign_in`` skips the dialog, ``cost`` cheapens new passphrases' scrypt,
        ``idle_poll_ms`` how often the idle lock looks at the (injected) clock; ``keep``
        (:func:`keep_demo_pdfs` in the app) makes a freshly built demo's PDFs in the background
        once someone is signed in."""
        super().__init__(window)
        from workbench.database_choice import DatabaseChoice

        self.window = window
        self.runner = runner
        self.url = url
        self.demo = demo
        self.clock = clock
        self.choice = DatabaseChoice.resolve(url, demo=demo, folder=data_folder)
        self._fill = fill
        self._keep = keep
        self._demo_filled = False
        self._sign_in = sign_in
        self._settings = settings
        self._secrets = secrets
        self._environ = environ
        self._data_folder = data_folder
        self._screens = screens
        self._cost = cost
        self._idle_poll_ms = idle_poll_ms
        self._started = False
        self._ready = False
        self.progress_dialog: QProgressDialog | None = None
        self.passphrase_dialog: DatabasePassphraseDialog | None = None
        self.session: SignedInWindow | None = None
        self.backups: BackupScheduler | None = None
        self._plan: UnlockPlan | None = None
        self._open_result: Opened | None = None

    @property
    def database(self) -> Database | None:
        """The open database (the app closes it at exit), or None."""
        return self._open_result.database if self._open_result is not None else None

    def _secret_store(self) -> SecretStore:
        if self._secrets is None:
            from workbench.secrets import SecretStore

            self._secrets = SecretStore()
        return self._secrets

    def _settings_now(self) -> Settings:
        if self._settings is None:
            from workbench.settings import Settings

            self._settings = Settings.load()
        return self._settings

    # -- unlocking and opening -------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        choice, environ = self.choice, self._environ
        self.runner.run(lambda _p, _c: plan_unlock(choice, self._secret_store(), environ),
                        on_success=self._planned, on_failure=self._failed, owner=self.window,
                        name="unlock plan")

    def _planned(self, plan: UnlockPlan) -> None:
        self._plan = plan
        if plan.ask is not None:
            self._ask_passphrase(create=plan.ask == "create")
        else:
            self._open(plan.unlocker)

    def _open(self, unlocker: Unlocker | None) -> None:
        url, demo, secrets, environ = self.url, self.demo, self._secret_store(), self._environ
        self.runner.run(lambda _p, _c: open_for_app(url, demo=demo, unlock=unlocker, secrets=secrets,
                                                    environ=environ),
                        on_success=self._opened, on_failure=self._open_failed, owner=self.window,
                        name="open database")

    def _ask_passphrase(self, *, create: bool, message: str | None = None) -> None:
        from ui.dialogs.passphrase_dialog import DatabasePassphraseDialog

        plan = self._plan
        assert plan is not None
        assert plan.path is not None
        self.window.show_startup_message(
            translate("Startup", "Choose a passphrase for the database.") if create
            else translate("Startup", "The database is locked: enter its passphrase."))
        dialog = DatabasePassphraseDialog(create=create, keyring_secure=plan.keyring_secure,
                                          where=str(plan.path), parent=self.window)
        dialog.submitted.connect(self._passphrase_given)
        dialog.rejected.connect(self._unlock_abandoned)
        if message:
            dialog.show_error(message)
        self.passphrase_dialog = dialog
        dialog.open()

    def _passphrase_given(self, passphrase: Passphrase) -> None:
        from workbench.encryption import Unlocker

        plan = self._plan
        secrets = plan.unlocker.secrets if plan is not None and plan.unlocker is not None else None
        self._open(Unlocker.with_passphrase(passphrase, secrets=secrets, cost=self._cost))

    def _unlock_abandoned(self) -> None:
        self.passphrase_dialog = None
        self.window.show_startup_message(translate("Startup", "The database was not unlocked."))
        self.cancelled.emit()

    def _open_failed(self, error: Exception) -> None:
        from workbench.errors import PassphraseRequired, WrongPassphrase, classify

        problem = classify(error)
        dialog = self.passphrase_dialog
        if isinstance(problem, WrongPassphrase | PassphraseRequired) and self._plan is not None \
                and self._plan.path is not None and self._plan.unlocker is not None:
            if dialog is not None:
                if isinstance(problem, WrongPassphrase):
                    dialog.show_wrong()
                else:
                    dialog.show_error(translated(problem.user_message))
            else:  # WORKBENCH_PASSPHRASE was set but wrong: ask
                self._ask_passphrase(create=False, message=translated(problem.user_message))
            return
        if dialog is not None:
            self.passphrase_dialog = None
            dialog.rejected.disconnect(self._unlock_abandoned)
            dialog.close()
        self._failed(error)

    def _opened(self, opened: Opened) -> None:
        self._open_result = opened
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.finish()
            self.passphrase_dialog = None
        if opened.needs_demo:
            self._fill_demo(opened)
        else:
            self._sign_in_phase(opened)

    # -- the demo --------------------------------------------------------------------------
    def _fill_demo(self, opened: Opened) -> None:
        self.window.show_startup_message(translate("Startup", "Adding the demo team…"))
        dialog = QProgressDialog(translate("Startup", "Adding the synthetic demo team…"), "", 0, 0,
                                 self.window)
        dialog.setWindowTitle(translate("Startup", "First run"))
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
            self._demo_filled = warning is None  # signed: its PDFs can be made
            self._sign_in_phase(replace(opened, warning=warning or opened.warning))

        self.runner.run(
            lambda progress, is_cancelled: self._fill(opened.database, self.clock, opened.audit_key,
                                                      progress, is_cancelled),
            on_progress=progressed, on_success=filled,
            on_failure=self._failed, on_finished=finished, owner=self.window,
            name="demo data")

    # -- who is at the keyboard ------------------------------------------------------------
    def _sign_in_phase(self, opened: Opened) -> None:
        from ui.security.session import SignedInWindow

        services = build_services(opened.database, self.runner, self.clock, opened.audit_key,
                                  self._data_folder, opened.anchor, self._settings_now())
        self.window.database_label.setText(
            arg(translate("Startup", "Database: %1"), services.database_label))
        options = {} if self._idle_poll_ms is None else {"idle_poll_ms": self._idle_poll_ms}
        session = SignedInWindow(self.window, services,
                                 idle_minutes=self._settings_now().get("idle_lock_minutes"),
                                 demo=self.demo, screens=self._screens, cost=self._cost, **options)
        self.session = session
        session.signed_in.connect(self._signed_in)
        session.cancelled.connect(self._sign_in_abandoned)
        if opened.warning:
            self.window.statusBar().showMessage(opened.warning, 30_000)
        session.begin(self._sign_in)

    def _signed_in(self, services: AppServices) -> None:
        if self._ready:
            return
        self._ready = True
        self._start_backups(services)
        self.ready.emit(services)
        if self._demo_filled and self._keep is not None:
            self._keep_demo_pdfs(services)

    def _keep_demo_pdfs(self, services: AppServices) -> None:
        """The demo's signed PDFs, made while the demo is already in use; a status-bar line
        follows them (an export or print started meanwhile makes what it needs itself)."""
        keep, opened, status = self._keep, self._open_result, self.window.statusBar()
        assert keep is not None
        assert opened is not None

        def progressed(done: int, total: int, _text: str) -> None:
            status.showMessage(arg(translate("Startup", "Making the demo's signed PDFs: %1 of %n record(s)…",
                                             None, total), done))

        def kept(made: int) -> None:
            status.showMessage(translate("Startup", "The demo's signed PDFs are ready (%n record(s)).", None,
                                         made), 15_000)

        def not_kept(error: Exception) -> None:
            log.warning("the demo's PDFs were not made", exc_info=error)
            status.showMessage(
                translate("Startup", "The demo's PDFs will be made when they are first exported."), 15_000)

        self.runner.run(lambda progress, is_cancelled: keep(services.database, self.clock,
                                                              opened.audit_key, progress, is_cancelled),
                        on_progress=progressed, on_success=kept, on_failure=not_kept,
                        owner=self.window, name="demo PDFs")

    def _start_backups(self, services: AppServices) -> None:
        """The app's own file is backed up on schedule (not the demo, not another file)."""
        if not self.choice.own_file or self.choice.demo or services.database.path is None:
            return
        from ui.security.backup import BackupScheduler

        self.backups = BackupScheduler(
            services.signed_in(None), services.data_dir,
            self._settings_now().get("backup_interval_hours"), self.window.statusBar(), self)
        self.backups.start()

    def _sign_in_abandoned(self) -> None:
        self.window.show_startup_message(translate("Startup", "Nobody signed in."))
        self.cancelled.emit()

    # -- failing ---------------------------------------------------------------------------
    def _failed(self, error: Exception) -> None:
        from workbench.errors import classify

        if self._open_result is not None:
            self._open_result.database.close()
        problem = classify(error)
        if problem is not None:  # disk full, server gone, locked, wrong passphrase …
            message = translated(problem.user_message)
        else:
            log.error("start-up failed", exc_info=error)
            message = arg(translate("Startup",
                "The workbench could not start: %1. Please report this to your administrator."
            ), f"{type(error).__name__}: {error}")
        self.window.show_startup_message(message)
        box = QMessageBox(QMessageBox.Icon.Critical,
                          translate("Startup", "The database could not be opened"), message,
                          QMessageBox.StandardButton.Close, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self.failed.emit(message))
        box.open()
