"""Fixtures for signing in, unlocking and locking the window: the small caseload of tests/ui
with a passphrase for everyone and a practice lead, a shown main window, and start-up helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Staff
from tests.conftest import FixedClock
from ui.main_window import MainWindow
from ui.screens import SCREENS, ScreenSpec
from ui.startup import Startup
from ui.tasks import TaskRunner
from workbench.keys import Passphrase, ScryptCost
from workbench.names import fold_name
from workbench.settings import Settings
from workbench.signin import hash_passphrase

CHEAP = ScryptCost(n=2**10)
LEAD = "Pat Lead"


def passphrase_of(name: str) -> str:
    """Everyone's passphrase in these tests: their name, spelt out."""
    return f"{name.lower()} signs in"


@pytest.fixture
def people(db: DbFactory, caseload: dict[str, int]) -> dict[str, int]:
    """The small caseload's staff and a practice lead, each with a passphrase; ids by name."""
    with transaction(db) as s:
        s.add(Staff(name=LEAD, name_key=fold_name(LEAD), role=Role.PRACTICE_LEAD, team=None))
        s.flush()
        ids: dict[str, int] = {}
        for staff in s.query(Staff):
            staff.passphrase_hash = hash_passphrase(Passphrase(passphrase_of(staff.name)), CHEAP)
            ids[staff.name] = staff.id
    return ids


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    # Dialogs left open go with their window, not into the next test's list of windows.
    for dialog in window.findChildren(QDialog):
        dialog.hide()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


@dataclass
class Starter:
    window: MainWindow
    runner: TaskRunner
    clock: FixedClock
    settings: Settings
    folder: Path
    started: list[Startup]

    def __call__(self, url: str, *, screens: tuple[ScreenSpec, ...] = SCREENS[:1],
                 **options: object) -> Startup:
        startup = Startup(self.window, self.runner, url, demo=False, clock=self.clock,
                          settings=self.settings, environ={}, data_folder=self.folder,
                          screens=screens, cost=CHEAP, idle_poll_ms=20, **options)  # type: ignore[arg-type]
        self.started.append(startup)
        startup.start()
        return startup


@pytest.fixture
def start(window: MainWindow, runner: TaskRunner, clock: FixedClock, settings: Settings,
          tmp_path: Path) -> Iterator[Starter]:
    starter = Starter(window, runner, clock, settings, tmp_path / "data", [])
    yield starter
    runner.shutdown()  # no worker may outlive the database
    for startup in starter.started:
        if startup.database is not None:
            startup.database.close()


def active_dialog(qtbot: QtBot, kind: type[QWidget]) -> QWidget:
    """The dialog of ``kind`` once it is open and has the keyboard."""
    found: list[QWidget] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=15_000)
    dialog = found[0]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into(qtbot: QtBot, widget: QWidget, text: str, *, enter: bool = False) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
