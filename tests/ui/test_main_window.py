"""The main window on a small database: teams, workers, the caseload, filter and sort."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.models.caseload_model import CHILD_ID, KIND, START, TEAM, WORKER
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices


def combo_items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def shown_ids(screen: CaseloadScreen) -> list[str]:
    proxy = screen.proxy
    return [proxy.index(row, CHILD_ID).data() for row in range(proxy.rowCount())]


@pytest.fixture
def window(qtbot: QtBot, services: AppServices, caseload: dict[str, int]) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    return window


def caseload_screen(window: MainWindow) -> CaseloadScreen:
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    return screen


def test_opens_on_the_first_team_with_its_workers_and_open_cases(window: MainWindow) -> None:
    screen = caseload_screen(window)
    assert combo_items(screen.team_combo) == ["All teams", "North Team", "South Team"]
    assert screen.team_combo.currentText() == "North Team"
    # Workers only (not the manager), of the chosen team.
    assert combo_items(screen.worker_combo) == ["All workers", "Alex Worker", "Priya Patel"]
    assert sorted(shown_ids(screen)) == ["C-1001", "C-1002", "C-1003", "C-2001", "C-2002"]
    assert "C-9999" not in shown_ids(screen)  # closed cases are not on a caseload
    assert screen.table.isColumnHidden(TEAM)
    assert not screen.table.isColumnHidden(WORKER)
    assert screen.count_label.text() == "5 open cases"
    assert window.database_label.text().startswith("Database: ")


def test_choosing_a_worker_with_the_keyboard_shows_their_caseload(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = caseload_screen(window)
    screen.worker_combo.setFocus()
    with qtbot.waitSignal(screen.caseload_loaded):
        qtbot.keyClick(screen.worker_combo, Qt.Key.Key_Down)  # -> Alex Worker
    assert screen.worker_combo.currentText() == "Alex Worker"
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003"]
    assert screen.table.isColumnHidden(WORKER)
    with qtbot.waitSignal(screen.caseload_loaded):
        qtbot.keyClick(screen.worker_combo, Qt.Key.Key_Down)  # -> Priya Patel
    assert shown_ids(screen) == ["C-2001", "C-2002"]
    assert screen.current_worker is not None
    assert screen.current_worker.name == "Priya Patel"


def test_choosing_all_teams_shows_every_open_case_with_its_team(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = caseload_screen(window)
    with qtbot.waitSignal(screen.caseload_loaded):
        screen.team_combo.setCurrentIndex(0)
    assert len(shown_ids(screen)) == 6
    assert not screen.table.isColumnHidden(TEAM)
    assert "Jo Bloggs (South Team)" in combo_items(screen.worker_combo)
    with qtbot.waitSignal(screen.caseload_loaded):
        screen.team_combo.setCurrentIndex(2)  # South Team
    assert shown_ids(screen) == ["C-3001"]
    assert combo_items(screen.worker_combo) == ["All workers", "Jo Bloggs"]


def test_ctrl_f_focuses_the_filter_which_narrows_the_table(qtbot: QtBot, window: MainWindow) -> None:
    screen = caseload_screen(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.filter_edit
    qtbot.keyClicks(screen.filter_edit, "protection")
    assert shown_ids(screen) == ["C-1002", "C-2002"]
    assert screen.count_label.text() == "2 of 5 open cases"
    screen.filter_edit.clear()
    qtbot.keyClicks(screen.filter_edit, "ben")
    assert shown_ids(screen) == ["C-1003"]


def test_clicking_a_header_sorts_by_date_not_by_text(qtbot: QtBot, window: MainWindow) -> None:
    screen = caseload_screen(window)
    header = screen.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_centre(header, START))
    starts = [screen.proxy.index(r, START).data() for r in range(screen.proxy.rowCount())]
    assert starts == ["01 Jun 2024", "20 Nov 2025", "03 Feb 2026", "02 May 2026", "14 Aug 2026"]


def _section_centre(header, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_enter_on_a_row_hands_the_case_to_whoever_listens(qtbot: QtBot, window: MainWindow) -> None:
    screen = caseload_screen(window)
    screen.table.setFocus()
    screen.table.selectRow(0)
    with qtbot.waitSignal(screen.case_activated) as activated:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert activated.args[0].la_child_id == shown_ids(screen)[0]
    assert screen.selected_case() is activated.args[0]


def test_every_input_and_the_table_have_accessible_names_and_tab_in_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = caseload_screen(window)
    for widget in (screen.team_combo, screen.worker_combo, screen.filter_edit, screen.table):
        assert widget.accessibleName()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen.team_combo.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [screen.team_combo, screen.worker_combo, screen.filter_edit, screen.table]
    assert screen.proxy.headerData(KIND, Qt.Orientation.Horizontal) == "Kind"


def test_menus_show_their_shortcuts(window: MainWindow) -> None:
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.import_action.text() == "&Import caseload…"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
