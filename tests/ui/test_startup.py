"""Start-up steps: open the database off the UI thread, fill the demo team on first run
(with a progress dialog only when that takes a while), then build the screens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from db.engine import DbFactory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from tests.conftest import FixedClock
from ui.main_window import MainWindow
from ui.screens.caseload_screen import CaseloadScreen
from ui.security.session import SignInRequest
from ui.services import AppServices
from ui.startup import Startup
from ui.tasks import CancelCheck, ProgressFn, TaskRunner
from workbench.keys import Passphrase, ScryptCost
from workbench.names import fold_name
from workbench.signin import hash_passphrase


class ShownProgressDialogs(QObject):
    """Counts progress dialogs that were shown at any moment."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.shown.append(watched.labelText())
        return False


@pytest.fixture
def shown_dialogs(qapp: QApplication) -> Iterator[ShownProgressDialogs]:
    spy = ShownProgressDialogs()
    qapp.installEventFilter(spy)
    yield spy
    qapp.removeEventFilter(spy)


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


MANAGER_PASSPHRASE = "the demo manager's passphrase"
# Start-up signs in as the team's manager without the dialog (sign-in is tested in tests/ui/security).
SIGN_IN = SignInRequest("Dee Manager", Passphrase(MANAGER_PASSPHRASE))


def add_small_team(db: DbFactory) -> None:
    hashed = hash_passphrase(Passphrase(MANAGER_PASSPHRASE), ScryptCost(n=2**10))
    with transaction(db) as session:
        team = Team(name="Demo North", name_key=fold_name("Demo North"))
        worker = Staff(name="Dee Mo", name_key=fold_name("Dee Mo"), role=Role.WORKER, team=team)
        manager = Staff(name="Dee Manager", name_key=fold_name("Dee Manager"),
                        role=Role.TEAM_MANAGER, team=team, passphrase_hash=hashed)
        session.add_all([team, worker, manager])
        session.flush()
        session.add(CaseAllocation(child=Child(la_child_id="DEMO-1"), worker_id=worker.id,
                                   team_id=team.id, kind=CaseKind.CHILD_IN_NEED, key_dates={},
                                   details={}))


def run_startup(qtbot: QtBot, startup: Startup) -> AppServices:
    with qtbot.waitSignal(startup.ready, timeout=30_000) as ready:
        startup.start()
    services: AppServices = ready.args[0]
    return services


def test_first_demo_run_fills_the_database_showing_progress(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, db_url: str, clock: FixedClock, tmp_path: Path,
    shown_dialogs: ShownProgressDialogs,
) -> None:
    go = threading.Event()
    calls: list[Any] = []

    def slow_fill(database: Any, fill_clock: Any, audit_key: Any, progress: ProgressFn,
                  is_cancelled: CancelCheck) -> str | None:
        calls.append(fill_clock().date())
        progress(1, 2, "Adding the workers…")
        go.wait(30)  # the test lets it finish once it has seen the dialog
        add_small_team(database.db)
        progress(2, 2, "Done")
        return None

    startup = Startup(window, runner, db_url, demo=True, clock=clock, fill=slow_fill,
                      sign_in=SIGN_IN, data_folder=tmp_path)
    startup.start()
    # The database is opened off the UI thread, then the fill starts; after a moment the
    # progress dialog shows what it is doing.
    qtbot.waitUntil(lambda: startup.progress_dialog is not None
                    and startup.progress_dialog.isVisible(), timeout=10_000)
    assert startup.progress_dialog is not None
    qtbot.waitUntil(lambda: startup.progress_dialog is not None
                    and startup.progress_dialog.labelText() == "Adding the workers…")
    assert window.startup_label.text() == "Adding the demo team…"
    assert not window.import_action.isEnabled()  # nothing to import into yet
    with qtbot.waitSignal(startup.ready, timeout=30_000) as ready:
        go.set()
    services: AppServices = ready.args[0]
    try:
        assert calls == [clock().date()]
        assert startup.progress_dialog is None
        screen = window.screens["caseload"]
        assert isinstance(screen, CaseloadScreen)
        qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
        assert screen.team_combo.currentText() == "Demo North"
        assert window.import_action.isEnabled()
        assert services.audit.sealed  # the keyring holds the chain key
        assert shown_dialogs.shown  # it was shown
    finally:
        runner.shutdown()
        services.database.close()


def test_a_quick_fill_never_flashes_a_progress_dialog(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, db_url: str, clock: FixedClock, tmp_path: Path,
    shown_dialogs: ShownProgressDialogs,
) -> None:
    def quick_fill(database: Any, *_args: Any) -> str | None:
        add_small_team(database.db)
        return None

    services = run_startup(qtbot, Startup(window, runner, db_url, demo=True, clock=clock,
                                          fill=quick_fill, sign_in=SIGN_IN, data_folder=tmp_path))
    try:
        assert shown_dialogs.shown == []
        assert "caseload" in window.screens
    finally:
        runner.shutdown()
        services.database.close()


@pytest.mark.parametrize("signing_failed", [False, True])
def test_a_fresh_demo_s_pdfs_are_made_in_the_background_once_someone_is_signed_in(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, db_url: str, clock: FixedClock, tmp_path: Path,
    signing_failed: bool,
) -> None:
    go = threading.Event()
    kept: list[str] = []

    def quick_fill(database: Any, *_args: Any) -> str | None:
        add_small_team(database.db)
        return "the past sessions could not be signed" if signing_failed else None

    def keep(database: Any, _clock: Any, _key: Any, progress: ProgressFn, is_cancelled: CancelCheck) -> int:
        kept.append("started")
        progress(1, 3, "")
        go.wait(30)
        progress(3, 3, "")
        return 3

    services = run_startup(qtbot, Startup(window, runner, db_url, demo=True, clock=clock, fill=quick_fill,
                                          keep=keep, sign_in=SIGN_IN, data_folder=tmp_path))
    try:
        if signing_failed:  # nothing signed, nothing to make: the warning stays in the status bar
            assert kept == []
            assert "could not be signed" in window.statusBar().currentMessage()
            return
        # The window is in use while the PDFs are made; the status bar follows them.
        assert "caseload" in window.screens
        qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                        == "Making the demo's signed PDFs: 1 of 3 records…")
        go.set()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                        == "The demo's signed PDFs are ready (3 records).")
        assert kept == ["started"]
    finally:
        go.set()
        runner.shutdown()
        services.database.close()


def test_a_database_with_data_is_not_filled_again(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, db_url: str, clock: FixedClock, tmp_path: Path,
    db: DbFactory,
) -> None:
    add_small_team(db)
    filled: list[object] = []
    services = run_startup(qtbot, Startup(window, runner, db_url, demo=True, clock=clock,
                                          fill=lambda *args: filled.append(args), sign_in=SIGN_IN,
                                          data_folder=tmp_path))
    try:
        assert filled == []
        assert window.database_label.text().startswith("Database: ")
    finally:
        runner.shutdown()
        services.database.close()


def test_a_demo_fill_that_fails_says_why(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, db_url: str, clock: FixedClock, tmp_path: Path,
) -> None:
    def broken_fill(*_args: Any) -> str | None:
        raise OSError(28, "No space left on device")

    startup = Startup(window, runner, db_url, demo=True, clock=clock, fill=broken_fill,
                      data_folder=tmp_path)
    startup.start()
    qtbot.waitUntil(lambda: "disk is full" in window.startup_label.text(), timeout=30_000)
    assert "Free some space" in window.startup_label.text()
    assert window.screens == {}
    runner.shutdown()
