"""The main window's frame without a database behind it: the status bar never shows a password,
and a new screen plugs in through a ScreenSpec."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from ui.main_window import MainWindow
from ui.screens import ScreenBase, ScreenSpec
from ui.services import AppServices
from ui.tasks import TaskRunner
from workbench.audit import AuditTrail
from workbench.database import Database, describe_database
from workbench.secrets import SecretStore


def services_for(url: str, runner: TaskRunner, tmp_path: Path) -> AppServices:
    engine = create_engine(url)  # never connects: these tests only read its URL
    return AppServices(database=Database(engine=engine, db=None),  # type: ignore[arg-type]
                       runner=runner, audit=AuditTrail(), secrets=SecretStore(), data_dir=tmp_path)


def test_database_descriptions_never_carry_a_password() -> None:
    assert describe_database("postgresql+psycopg://lead:s3cret@db.council.example:5433/supervision") \
        == "postgresql://lead@db.council.example:5433/supervision"
    assert describe_database("sqlite:////home/sam/.local/share/workbench/workbench.db") \
        == "SQLite: /home/sam/.local/share/workbench/workbench.db"


def test_the_status_bar_names_the_database_without_its_password(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.import_action.isEnabled()  # nothing open yet
    assert window.stack.currentWidget() is window.startup_label
    window.attach(services_for("postgresql+psycopg://lead:s3cret@db.example/sup", runner, tmp_path),
                  screens=())
    assert window.database_label.text() == "Database: postgresql://lead@db.example/sup"
    assert "s3cret" not in window.statusBar().currentMessage() + window.database_label.text()
    assert window.import_action.isEnabled()


class NotesScreen(ScreenBase):
    """A stand-in for a later screen (supervision, records, team view)."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.refreshed = 0
        self.search = QLineEdit()
        self.search.setAccessibleName("Search notes")
        QVBoxLayout(self).addWidget(self.search)

    def refresh(self) -> None:
        self.refreshed += 1

    def focus_filter(self) -> None:
        self.search.setFocus()


def test_a_new_screen_plugs_in_with_a_tab_a_shortcut_refresh_and_find(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    services = services_for("sqlite://", runner, tmp_path)
    window.attach(services, screens=(
        ScreenSpec("first", "&First", lambda s, parent: NotesScreen(s, parent), "Ctrl+1"),
        ScreenSpec("notes", "&Notes", lambda s, parent: NotesScreen(s, parent), "Ctrl+2"),
    ))
    notes = window.screens["notes"]
    assert isinstance(notes, NotesScreen)
    assert notes.services is services  # the screen is handed the services, not a global
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["&First", "&Notes"]
    assert [a.shortcut().toString() for a in window.screen_actions.actions()] == ["Ctrl+1", "Ctrl+2"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is notes
    assert window.screen_actions.actions()[1].isChecked()
    qtbot.keyClick(window.tabs, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is notes.search
    window.refresh_screens()
    assert notes.refreshed == 1


def test_a_screen_lacking_what_the_window_asks_is_refused_when_built(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    services = services_for("sqlite://", runner, tmp_path)
    with pytest.raises(TypeError, match=r"'bare' screen lacks part of ui\.screens\.Screen"):
        window.attach(services, screens=(ScreenSpec("bare", "&Bare", lambda _s, parent: QWidget(parent),
                                                    "Ctrl+1"),))
