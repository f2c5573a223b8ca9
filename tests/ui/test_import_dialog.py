"""Importing a caseload through the dialog, with keys and clicks, against the real importer."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import CaseAllocation
from ui.dialogs.import_dialog import ImportDialog
from ui.main_window import MainWindow
from ui.models.caseload_model import CHILD_ID
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.importing import import_caseload

NEW_CASES_CSV = (
    "Child Unique ID,Child name,Allocated Worker,Allocated Team,Case type,Start date\n"
    "C-4001,Gus Newman,Alex Worker,North Team,Child in need,01/09/2026\n"
    "C-4002,Hana Newton,Alex Worker,North Team,Child protection plan,15/10/2026\n"
    "C-4003,Ivo Other,Jo Bloggs,South Team,Child in need,02/10/2026\n"
)


def shown_ids(screen: CaseloadScreen) -> list[str]:
    return sorted(screen.proxy.index(r, CHILD_ID).data() for r in range(screen.proxy.rowCount()))


def open_cases(services: AppServices) -> int:
    with services.db() as session:
        return session.scalar(select(func.count()).select_from(CaseAllocation)
                              .where(CaseAllocation.end_date.is_(None))) or 0


@pytest.fixture
def window(qtbot: QtBot, services: AppServices, caseload: dict[str, int]) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = caseload_screen(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    with qtbot.waitSignal(screen.caseload_loaded):
        screen.worker_combo.setCurrentIndex(1)  # Alex Worker
    return window


def caseload_screen(window: MainWindow) -> CaseloadScreen:
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    return screen


def open_dialog_with_ctrl_i(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(caseload_screen(window).table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_import_a_csv_shows_the_report_and_the_new_cases(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    export = tmp_path / "alex caseload.csv"
    export.write_text(NEW_CASES_CSV, encoding="utf-8")
    screen = caseload_screen(window)
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003"]

    dialog = open_dialog_with_ctrl_i(qtbot, window)
    # The worker and team on screen are the import's selection to begin with.
    assert dialog.worker_edit.text() == "Alex Worker"
    assert dialog.team_edit.text() == "North Team"
    assert QApplication.focusWidget() is dialog.file_edit
    qtbot.keyClicks(dialog.file_edit, str(export))
    # A partial export by default: Alex's other cases stay open.
    assert not dialog.complete_check.isChecked()
    assert dialog.import_button.text() == "&Preview"
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "2 to add" in dialog.report_view.toPlainText()
    assert "0 to close" in dialog.report_view.toPlainText()
    assert not dialog.confirm_check.isVisible()
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003"]  # the preview changed nothing
    qtbot.waitUntil(lambda: not dialog.is_running)

    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = imported.args[0]
    assert report is dialog.report
    assert report.added == 2
    assert dialog.report_view.isVisible()
    text = dialog.report_view.toPlainText()
    assert "alex caseload.csv" in text
    assert "2 added" in text
    assert "Nothing was imported" not in dialog.status_label.text()

    # The caseload behind the dialog refreshes itself: the new cases are in the table.
    qtbot.waitUntil(lambda: "C-4001" in shown_ids(screen))
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003", "C-4001", "C-4002"]
    qtbot.waitUntil(lambda: not dialog.is_running)
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert finished.args == [ImportDialog.DialogCode.Accepted.value]
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # it deletes itself on close


def test_a_file_that_is_not_a_spreadsheet_shows_why_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, services: AppServices, tmp_path: Path
) -> None:
    bogus = tmp_path / "caseload.xlsx"
    bogus.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20)
    screen = caseload_screen(window)
    before_ids, before_count = shown_ids(screen), open_cases(services)
    dialog = open_dialog_with_ctrl_i(qtbot, window)
    imported: list[Any] = []
    dialog.imported.connect(imported.append)
    dialog.file_edit.setText(str(bogus))
    with qtbot.waitSignal(dialog.import_button.clicked):
        qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)  # Enter presses the default button
    qtbot.waitUntil(lambda: not dialog.is_running, timeout=30_000)

    assert dialog.error_label.isVisible()
    message = dialog.error_label.text()
    assert message.startswith("caseload.xlsx: this is a PDF document, not a spreadsheet.")
    assert dialog.status_label.text() == "Nothing was imported."
    assert not dialog.report_view.isVisible()
    assert imported == []
    assert open_cases(services) == before_count
    assert shown_ids(screen) == before_ids
    assert dialog.import_button.isEnabled()  # the user may pick another file


def test_a_missing_file_is_named_before_anything_runs(qtbot: QtBot, window: MainWindow,
                                                      tmp_path: Path) -> None:
    dialog = open_dialog_with_ctrl_i(qtbot, window)
    for widget in (dialog.file_edit, dialog.browse_button, dialog.worker_edit, dialog.team_edit,
                   dialog.complete_check, dialog.progress_bar, dialog.report_view):
        assert widget.accessibleName(), widget
    # Tab walks the form in reading order.
    order = [dialog.file_edit]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [dialog.file_edit, dialog.browse_button, dialog.worker_edit, dialog.team_edit,
                     dialog.complete_check, dialog.import_button]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Choose the file to import first (Browse…)."
    dialog.file_edit.setText(str(tmp_path / "nowhere.csv"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "There is no file at" in dialog.error_label.text()
    assert "nowhere.csv" in dialog.error_label.text()
    assert not dialog.is_running


def test_cancel_stops_the_import_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, services: AppServices, tmp_path: Path
) -> None:
    export = tmp_path / "caseload.csv"
    export.write_text(NEW_CASES_CSV, encoding="utf-8")
    started, release = threading.Event(), threading.Event()

    def held_import(*args: Any, **kwargs: Any) -> Any:
        """The real importer, held at its start until the test has pressed Cancel."""
        started.set()
        release.wait(30)
        return import_caseload(*args, **kwargs)

    screen = caseload_screen(window)
    before_ids, before_count = shown_ids(screen), open_cases(services)
    dialog = ImportDialog(services, window, worker="Alex Worker", team="North Team",
                          importer=held_import)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.file_edit, str(export))
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert started.wait(30)
    assert dialog.is_running
    assert dialog.cancel_button.isVisible()
    assert not dialog.import_button.isEnabled()
    # Escape does not close a dialog that is importing: it cancels, like the button.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.status_label.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_running, timeout=30_000)

    assert dialog.status_label.text() == "Import cancelled. Nothing was changed."
    assert dialog.report is None
    assert not dialog.error_label.isVisible()
    assert open_cases(services) == before_count
    assert shown_ids(screen) == before_ids
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # now Escape closes it
    qtbot.waitUntil(lambda: not dialog.isVisible())
