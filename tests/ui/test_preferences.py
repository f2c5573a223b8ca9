"""Edit > Preferences…: changed with the keyboard, saved, and applied after a restart; the
window's layout kept between runs; a corrupt settings file reported as the window opens."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from db.enums import Role
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, NOW, START, World, build_world
from ui.app import make_window
from ui.main_window import MainWindow
from ui.oversight.screen import OversightScreen
from ui.preferences.dialog import PreferencesDialog
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.access import Actor
from workbench.intervals import Interval
from workbench.settings import Settings, config_dir


def restarted(qtbot: QtBot, services: AppServices, path: Path) -> MainWindow:
    """A new main window over the settings as a new start reads them from disk."""
    window = MainWindow(dataclasses.replace(services, settings=Settings(path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_preferences_with_keyboard(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PreferencesDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PreferencesDialog)
    return dialog


def retype(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_preferences_changed_with_the_keyboard_are_there_after_a_restart(
        qtbot: QtBot, services: AppServices, caseload: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    window = restarted(qtbot, services, path)
    assert [a.text() for a in window.menuBar().actions()[1].menu().actions() if a.text()] == [
        "&Find…", "&Preferences…"]
    dialog = open_preferences_with_keyboard(qtbot, window)
    qtbot.waitUntil(dialog.idle_spin.hasFocus)  # the first field has the keyboard
    assert dialog.idle_spin.value() == 15
    assert dialog.embedded_radio.isChecked()
    assert not dialog.url_edit.isEnabled()
    retype(qtbot, dialog.idle_spin, "5")
    qtbot.keyClick(dialog.idle_spin, Qt.Key.Key_Tab)
    assert dialog.backup_spin.hasFocus()
    retype(qtbot, dialog.backup_spin, "0")
    dialog.server_radio.setFocus()
    qtbot.keyClick(dialog.server_radio, Qt.Key.Key_Space)
    assert dialog.url_edit.isEnabled()
    retype(qtbot, dialog.url_edit, "postgresql://ann@db.example.org/team")
    retype(qtbot, dialog.interval_edit, "3 weeks")
    _every, until = dialog.stage_edits[0]
    retype(qtbot, until, "8 weeks")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.interval_edit, Qt.Key.Key_Return)
    assert saved.args[0].idle_lock_minutes == 5
    window.close()

    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["idle_lock_minutes"] == 5
    assert stored["backup_interval_hours"] == 0
    assert stored["database_url"] == "postgresql://ann@db.example.org/team"
    assert stored["asye_stages"][0] == {"until": "8 weeks", "every": "weekly"}

    again = restarted(qtbot, services, path)
    dialog = open_preferences_with_keyboard(qtbot, again)
    assert dialog.idle_spin.value() == 5
    assert dialog.backup_spin.text() == "Off"
    assert dialog.server_radio.isChecked()
    assert dialog.url_edit.text() == "postgresql://ann@db.example.org/team"
    assert dialog.interval_edit.text() == "3 weeks"
    assert [(e.text(), u.text()) for e, u in dialog.stage_edits] == [("weekly", "8 weeks"),
                                                                     ("fortnightly", "6 months")]
    dialog.reject()
    policy = again.settings.oversight_policy() if again.settings else None
    assert policy is not None
    assert policy.supervision == Interval(days=21)


def test_a_bad_interval_is_named_and_nothing_is_saved(qtbot: QtBot, services: AppServices,
                                                       caseload: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    window = restarted(qtbot, services, path)
    dialog = window.open_preferences()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    retype(qtbot, dialog.interval_edit, "now and then")
    qtbot.keyClick(dialog.interval_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "'now and then' is not an interval" in dialog.error_label.text()
    assert dialog.error_label.text().startswith("Nothing was saved")
    assert not path.exists()
    dialog.server_radio.setChecked(True)
    dialog.url_edit.clear()
    retype(qtbot, dialog.interval_edit, "monthly")
    qtbot.keyClick(dialog.interval_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Type the PostgreSQL server's URL, or choose the embedded file."
    assert not path.exists()
    dialog.reject()


def test_the_oversight_uses_the_policy_saved_in_preferences(
        qtbot: QtBot, services: AppServices, db: DbFactory, tmp_path: Path) -> None:
    world: World = build_world(db)
    clocked = dataclasses.replace(services, clock=FixedClock(NOW))
    path = tmp_path / "settings.json"

    def workers_tab(settings: Settings) -> tuple[str, list[str]]:
        actor = Actor(world.staff["Ann"], Role.TEAM_MANAGER, world.teams["Northgate"], "Ann")
        screen = OversightScreen(dataclasses.replace(clocked, settings=settings).signed_in(actor))
        qtbot.addWidget(screen)
        screen.from_edit.setDate(QDate(START.year, START.month, START.day))
        screen.to_edit.setDate(QDate(END.year, END.month, END.day))
        with qtbot.waitSignal(screen.report_shown, timeout=60_000):
            screen.show()
        assert screen.report is not None
        return screen.report.policy.source, [w.frequency for w in screen.report.workers]

    before = workers_tab(Settings(path))
    dialog = PreferencesDialog(Settings(path))
    qtbot.addWidget(dialog)
    dialog.interval_edit.setText("weekly")
    dialog.stage_edits[0][0].setText("3 days")
    dialog.save()
    source, frequencies = workers_tab(Settings(path))  # as a restart reads it
    assert source == f"settings ({path})"
    assert "weekly" in frequencies
    assert "monthly" not in frequencies
    assert frequencies != before[1]


def test_window_size_and_column_widths_are_kept_between_runs(
        qtbot: QtBot, services: AppServices, caseload: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    window = restarted(qtbot, services, path)
    window.resize(760, 560)  # as small as its screens allow: not the 1180 x 720 it opens at
    size = (window.width(), window.height())
    assert size[1] == 560
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    header = screen.table.horizontalHeader()
    column = next(c for c in range(header.count())
                  if not header.isSectionHidden(c)
                  and header.sectionResizeMode(c) == header.ResizeMode.Interactive)
    header.resizeSection(column, 333)
    window.close()

    again = restarted(qtbot, services, path)
    assert (again.width(), again.height()) == size
    screen = again.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    assert screen.table.horizontalHeader().sectionSize(column) == 333


def test_a_corrupt_settings_file_is_reported_as_the_window_opens(qtbot: QtBot) -> None:
    path = config_dir() / "settings.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not settings at all \xff")
    window = make_window(Settings.load())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(QMessageBox)))
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    kept = next(config_dir().glob("settings.json.bad-*"))
    assert box.windowTitle() == "Settings reset to the defaults"
    assert box.text() == (
        "Your settings could not be read, so the workbench is using its default settings.\n\n"
        f"The problem with {path}: it is not UTF-8 text.\n\n"
        f"The file was kept as {kept}. Set your preferences again in Edit > Preferences… (Ctrl+,).")
    assert not box.isModal()  # start-up goes on behind it
    assert window.isVisible()
    assert kept.read_bytes().startswith(b"\x89PNG")
    assert Settings.load().problem is None  # replaced by the defaults: said once
    box.close()
