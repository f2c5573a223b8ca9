"""The scheduled backup: due after backup_interval_hours, encrypted like the database, the
newest seven kept, the result in the status bar, and a failure said without a crash."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from tests.conftest import FixedClock
from tests.ui.security.conftest import CHEAP
from tests.workbench.security.conftest import CHILD_ID, add_child_with_note, assert_nothing_readable
from ui.security.backup import BackupOutcome, BackupScheduler
from ui.services import AppServices
from ui.tasks import TaskRunner
from workbench.database import Database, open_database
from workbench.encryption import Unlocker, file_kind
from workbench.keys import key_file_path
from workbench.secrets import SecretStore


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'data' / 'workbench.db'}",
                             unlock=Unlocker.with_passphrase("the team's database passphrase", cost=CHEAP))
    add_child_with_note(database.db)
    yield database
    database.close()


@pytest.fixture
def services(encrypted: Database, runner: TaskRunner, clock: FixedClock, tmp_path: Path
             ) -> Iterator[AppServices]:
    yield AppServices(database=encrypted, runner=runner, audit=encrypted.audit_trail(clock),
                      secrets=SecretStore(), data_dir=tmp_path / "data", clock=clock)
    runner.shutdown()


@pytest.fixture
def status_bar(qtbot: QtBot) -> QStatusBar:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    return bar


def run_check(qtbot: QtBot, scheduler: BackupScheduler) -> BackupOutcome:
    with qtbot.waitSignal(scheduler.done, timeout=15_000) as done:
        scheduler.check()
    outcome: BackupOutcome = done.args[0]
    return outcome


def test_a_due_backup_is_written_encrypted_and_then_not_again_until_the_interval(
    qtbot: QtBot, services: AppServices, status_bar: QStatusBar, clock: FixedClock
) -> None:
    folder = services.data_dir
    scheduler = BackupScheduler(services, folder, 24, status_bar)
    first = run_check(qtbot, scheduler)
    assert first.result is not None
    copy = first.result.path
    assert copy.parent == folder / "backups"
    assert copy.name == "workbench-20261126-100000.db"
    assert file_kind(copy) == "encrypted"
    assert_nothing_readable(copy)
    assert key_file_path(copy).exists()  # without it the copy cannot be opened
    assert status_bar.currentMessage() == f"Backed up to {copy} (encrypted, checked)."
    # The copy opens with the database's own key, and holds the child.
    reopened = open_database(f"sqlite:///{copy}",
                             unlock=Unlocker.with_passphrase("the team's database passphrase"),
                             migrate=False)
    try:
        with reopened.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT la_child_id FROM child").scalar_one() == CHILD_ID
    finally:
        reopened.close()

    clock.advance(hours=23)
    assert run_check(qtbot, scheduler).result is None  # not due yet
    clock.advance(hours=2)
    assert run_check(qtbot, scheduler).result is not None
    assert len(list((folder / "backups").glob("workbench-*.db"))) == 2


def test_only_the_newest_seven_backups_are_kept(
    qtbot: QtBot, services: AppServices, status_bar: QStatusBar, clock: FixedClock
) -> None:
    folder = services.data_dir
    scheduler = BackupScheduler(services, folder, 1, status_bar)
    for _ in range(9):
        assert run_check(qtbot, scheduler).result is not None
        clock.advance(hours=2)
    kept = sorted(p.name for p in (folder / "backups").glob("workbench-*.db"))
    assert len(kept) == 7
    assert kept[0] == "workbench-20261126-140000.db"  # the two oldest went, with their key files
    assert len(list((folder / "backups").glob("*.key"))) == 7


def test_a_backup_that_cannot_be_written_is_said_in_the_status_bar_and_nothing_breaks(
    qtbot: QtBot, services: AppServices, status_bar: QStatusBar
) -> None:
    folder = services.data_dir
    (folder / "backups").write_text("a file where the backups folder should be")
    scheduler = BackupScheduler(services, folder, 24, status_bar)
    with qtbot.waitSignal(scheduler.failed, timeout=15_000) as failed:
        scheduler.check()
    message = failed.args[0]
    assert message.startswith("The scheduled backup did not work:")
    assert message.endswith("It will be tried again later.")
    assert status_bar.currentMessage() == message
    (folder / "backups").unlink()
    assert run_check(qtbot, scheduler).result is not None  # the next check works again


def test_a_zero_interval_turns_the_scheduled_backup_off(
    qtbot: QtBot, services: AppServices, status_bar: QStatusBar
) -> None:
    scheduler = BackupScheduler(services, services.data_dir, 0, status_bar)
    scheduler.start()
    assert not services.runner.active_tasks
    assert not (services.data_dir / "backups").exists()
