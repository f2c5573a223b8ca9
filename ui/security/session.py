"""Who is signed in to the window: signing in, locking, unlocking, signing out, switching user.

:class:`SignedInWindow` takes over once the database is open. It asks who is at the keyboard
(:class:`~ui.dialogs.sign_in_dialog.SignInDialog`, or a :class:`SignInRequest` from the
command line for automation), builds the screens for that person (each screen shows what the
role may see: ``AppServices.actor``), names them in the status bar, adds Lock, Switch user and
Sign out to the File menu, and runs the idle lock. Locking hides the content (and any dialog
open over it) behind a :class:`~ui.security.lock.LockScreen`; the widgets stay alive, so text
being typed stays in its editor and the autosave keeps writing it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QToolBar, QWidget
from shiboken6 import isValid

from db.enums import Role
from ui.i18n import arg
from ui.screens import SCREENS, ScreenSpec
from ui.security.lock import DEFAULT_POLL_MS, IdleWatcher, LockScreen
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.services import AppServices
    from workbench.access import Actor
    from workbench.keys import Passphrase, ScryptCost
    from workbench.signin import Person

log = logging.getLogger(__name__)

# Name of the environment variable holding the passphrase for ``--sign-in NAME``.
SIGN_IN_PASSPHRASE_ENV = "WORKBENCH_SIGN_IN_PASSPHRASE"


@dataclass(frozen=True, repr=False)
class SignInRequest:
    """Sign in without the dialog (automation, tests): by name, with this passphrase.

    With no passphrase the dialog opens with this person chosen.
    """

    name: str
    passphrase: Passphrase | None = None

    def __repr__(self) -> str:
        return f"SignInRequest({self.name!r}, passphrase={'<given>' if self.passphrase else None})"


def _find(people: list[Person], name: str) -> Person | None:
    from workbench.names import fold_name

    wanted = fold_name(name)
    return next((p for p in people if fold_name(p.name) == wanted), None)


class SignedInWindow(QObject):
    """``signed_in(AppServices)`` each time someone signs in and the screens are built for them;
    ``cancelled()`` when the first sign-in is abandoned (nobody is signed in: the app closes)."""

    signed_in = Signal(object)
    cancelled = Signal()

    def __init__(self, window: MainWindow, base: AppServices, *, idle_minutes: float,
                 demo: bool = False, screens: tuple[ScreenSpec, ...] = SCREENS,
                 cost: ScryptCost | None = None, idle_poll_ms: int = DEFAULT_POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.base = base
        self.demo = demo
        self.screens = screens
        self._cost = cost
        self.people: list[Person] = []
        self.services: AppServices | None = None
        self.dialog: QDialog | None = None
        self._ever_signed_in = False
        self._hidden_dialogs: list[QWidget] = []

        self.lock_screen = LockScreen()
        window.stack.addWidget(self.lock_screen)
        self.who_label = QLabel()
        self.who_label.setAccessibleName(self.tr("Signed in"))
        window.statusBar().addPermanentWidget(self.who_label)
        self.watcher = IdleWatcher(base.clock, idle_minutes, self, poll_ms=idle_poll_ms)
        self._create_actions()
        self._connect_signals()
        self._set_signed_in(False)

    # -- building --------------------------------------------------------------------------
    def _create_actions(self) -> None:
        window = self.window
        self.lock_action = QAction(self.tr("&Lock"), window)
        self.lock_action.setShortcut(QKeySequence(self.tr("Ctrl+L")))
        self.lock_action.setStatusTip(self.tr("Hide the records until you type your passphrase"))
        self.switch_action = QAction(self.tr("S&witch user…"), window)
        self.switch_action.setStatusTip(self.tr("Sign out and let someone else sign in"))
        self.sign_out_action = QAction(self.tr("Sign &out"), window)
        self.sign_out_action.setStatusTip(self.tr("Close the records and sign out"))
        menu = window.file_menu
        before = window.quit_action
        for action in (self.lock_action, self.switch_action, self.sign_out_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)

    def _connect_signals(self) -> None:
        self.lock_action.triggered.connect(self.lock)
        self.switch_action.triggered.connect(self.switch_user)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.watcher.idle.connect(self.lock)
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.lock_screen.switch_user_requested.connect(self.switch_user)
        self.lock_screen.quit_requested.connect(self.window.close)

    # -- signing in ------------------------------------------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self.services.actor if self.services is not None else None

    @property
    def locked(self) -> bool:
        return self.window.stack.currentWidget() is self.lock_screen

    def begin(self, request: SignInRequest | None = None, message: str | None = None) -> None:
        """Read who may sign in (on the runner), then sign in as asked or open the dialog."""
        from workbench.enrolment import needs_setup
        from workbench.signin import people_to_sign_in

        db = self.base.db
        self.base.runner.run(lambda _p, _c: (people_to_sign_in(db), needs_setup(db)),
                             on_success=lambda found: self._people_read(*found, request, message),
                             on_failure=self._failed, owner=self.window, name="people")

    def _people_read(self, people: list[Person], setup: bool, request: SignInRequest | None,
                     message: str | None) -> None:
        self.people = people
        if setup:
            # A new database: its first admin is created here, then enrols everyone else.
            self.open_setup_dialog()
            return
        chosen = _find(people, request.name) if request is not None else None
        if request is not None and chosen is None:
            message = arg(self.tr("There is nobody called %1 here: choose who you are."), request.name)
        if chosen is not None and request is not None and request.passphrase:
            self._sign_in_directly(chosen, request.passphrase)
            return
        self.open_dialog(chosen.staff_id if chosen else self._default_choice(), message)

    def _default_choice(self) -> int | None:
        if self.demo:  # the demo opens on its first team manager (README: the demo passphrase)
            manager = next((p for p in self.people if p.role is Role.TEAM_MANAGER), None)
            return manager.staff_id if manager else None
        return None

    def _sign_in_directly(self, person: Person, passphrase: Passphrase) -> None:
        services = self.base

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Actor:
            from workbench.signin import sign_in

            return sign_in(services.db, services.audit, staff_id=person.staff_id,
                           passphrase=passphrase)

        def failed(error: Exception) -> None:
            from ui.problems import explain

            self.open_dialog(person.staff_id, explain(error).message)

        self.base.runner.run(work, on_success=lambda actor: self._enter(actor), on_failure=failed,
                             owner=self.window, name="sign in")

    def open_setup_dialog(self) -> QDialog:
        from ui.dialogs.setup_dialog import SetupDialog

        self.window.show_startup_message(self.tr("Set up the workbench to begin."))
        dialog = SetupDialog(self.base, self.window, cost=self._cost)
        dialog.signed_in.connect(self._set_up)
        dialog.rejected.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _set_up(self, actor: Actor) -> None:
        from workbench.signin import people_to_sign_in

        self.people = people_to_sign_in(self.base.db)  # the new admin, for the status bar
        self._enter(actor)

    def open_dialog(self, preselect: int | None = None, message: str | None = None) -> QDialog:
        from ui.dialogs.sign_in_dialog import SignInDialog

        self.window.show_startup_message(self.tr("Sign in to see the records."))
        dialog = SignInDialog(self.base, self.people, self.window, preselect=preselect,
                              message=message, cost=self._cost)
        dialog.signed_in.connect(self._enter)
        dialog.rejected.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None
        if not self._ever_signed_in:
            self.cancelled.emit()
        else:
            self.window.show_startup_message(self.tr(
                "Signed out. Sign in again with File > Switch user… (or quit)."))
            self.switch_action.setEnabled(True)

    def _enter(self, actor: Actor | None, notice: str | None = None) -> None:
        """Build the screens for ``actor`` (None: nobody can sign in yet; the app acts as the system)."""
        self.dialog = None
        services = self.base.signed_in(actor)
        self.services = services
        self._ever_signed_in = True
        if self.window.services is not None:
            self.window.detach()
        self.window.attach(services, self.screens)
        self._set_signed_in(actor is not None)
        # Caseloads are loaded by team managers; practice leads and admins change no records.
        self.window.import_action.setEnabled(actor is None or actor.role is Role.TEAM_MANAGER)
        self.who_label.setText(self._describe(actor))
        if actor is not None:
            self.watcher.unlocked()
            self.watcher.start()
        if notice:
            self.window.statusBar().showMessage(notice, 60_000)
        self.signed_in.emit(services)

    def _describe(self, actor: Actor | None) -> str:
        from ui.dialogs.sign_in_dialog import role_name

        if actor is None:
            return self.tr("Nobody signed in")
        person = next((p for p in self.people if p.staff_id == actor.staff_id), None)
        team = person.team_name if person else None
        details = role_name(actor.role.value) + (f", {team}" if team else "")
        return arg(self.tr("Signed in: %1 (%2)"), actor.label, details)

    def _set_signed_in(self, signed_in: bool) -> None:
        self.lock_action.setEnabled(signed_in)
        self.sign_out_action.setEnabled(signed_in)
        self.switch_action.setEnabled(self._ever_signed_in)

    # -- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide the content (and dialogs over it) until the signed-in person unlocks."""
        actor = self.actor
        if actor is None or self.locked:
            return
        self.watcher.lock_now()
        window = self.window
        self._hidden_dialogs = [w for w in window.findChildren(QDialog)
                                if w.isVisible() and w.isWindow()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self._enable_window(False)
        self.lock_screen.show_for(self._describe(actor).removeprefix(self.tr("Signed in: ")))
        window.stack.setCurrentWidget(self.lock_screen)
        window.activateWindow()  # a hidden dialog may have had the keyboard
        self.lock_screen.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enable_window(self, enabled: bool) -> None:
        # Shortcuts of actions on a disabled menu bar or toolbar, or on hidden screens, do
        # nothing (Qt skips them), so the locked window answers only the lock screen.
        self.window.menuBar().setEnabled(enabled)
        for toolbar in self.window.findChildren(QToolBar):
            toolbar.setEnabled(enabled)

    def _unlock(self, passphrase: Passphrase) -> None:
        actor, services = self.actor, self.base
        if actor is None:
            return

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Actor:
            from workbench.signin import sign_in

            return sign_in(services.db, services.audit, staff_id=actor.staff_id,
                           passphrase=passphrase)

        def failed(error: Exception) -> None:
            from ui.problems import explain
            from workbench.errors import WrongPassphrase

            text = explain(error).message
            if isinstance(error, WrongPassphrase):
                text = arg(self.tr("Wrong passphrase — try again. %1"), text)
            self.lock_screen.show_error(text)

        self.base.runner.run(work, on_success=lambda _actor: self._unlocked(), on_failure=failed,
                             owner=self.lock_screen, name="unlock")

    def _unlocked(self) -> None:
        self._enable_window(True)
        self.window.stack.setCurrentWidget(self.window.tabs)
        for dialog in self._hidden_dialogs:
            if isValid(dialog):  # one run with exec() ended when it was hidden, and may be gone
                dialog.show()
        self._hidden_dialogs = []
        self.watcher.unlocked()

    # -- signing out -----------------------------------------------------------------------
    def sign_out(self) -> None:
        """Close the records (each screen writes what was typed first) and sign out."""
        self._leave()
        self.window.show_startup_message(self.tr(
            "Signed out. Sign in again with File > Switch user… (or quit)."))

    def switch_user(self) -> None:
        """Sign out, then let someone else (or the same person) sign in."""
        self._leave()
        self.begin()

    def _leave(self) -> None:
        actor = self.actor
        self.watcher.stop()
        # Whatever was open over the records (shown, or hidden by the lock) goes with them.
        for dialog in [*self._hidden_dialogs, *self.window.findChildren(QDialog)]:
            if isValid(dialog) and (dialog.isVisible() or dialog in self._hidden_dialogs):
                dialog.close()
        self._hidden_dialogs = []
        self._enable_window(True)
        if self.window.services is not None:
            self.window.detach()
        self.services = None
        self.who_label.setText(self.tr("Signed out"))
        self._set_signed_in(False)
        if actor is not None:
            self._record_sign_out(actor)

    def _record_sign_out(self, actor: Actor) -> None:
        services = self.base

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> None:
            from workbench.signin import record_sign_out

            record_sign_out(services.db, services.audit, staff_id=actor.staff_id)

        self.base.runner.run(work, on_failure=lambda error: log.warning(
            "sign-out not recorded", exc_info=error), name="sign out")

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain

        self.window.show_error(explain(error).message)
