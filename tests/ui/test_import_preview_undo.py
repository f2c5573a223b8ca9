"""The import dialog previews closures and asks before closing other workers' cases; the
history undoes an import; a person who may not import is told so. With clicks, real services."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import Role
from db.models import CaseAllocation, Child
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.import_history_dialog import ImportHistoryDialog
from ui.services import AppServices
from workbench.access import Actor

ALEX_ONLY = (
    "Child Unique ID,Allocated Worker,Allocated Team,Case type,Start date\n"
    "C-1001,Alex Worker,North Team,Child in need,03/02/2026\n"
    "C-1002,Alex Worker,North Team,Child protection plan,20/11/2025\n"
    "C-1003,Alex Worker,North Team,Looked after,01/06/2024\n"
)


def open_cases(services: AppServices) -> list[str]:
    with services.db() as session:
        return sorted(session.scalars(select(Child.la_child_id).join(CaseAllocation)
                                      .where(CaseAllocation.end_date.is_(None))))


def _dialog(qtbot: QtBot, services: AppServices, tmp_path: Path, **scope: str) -> ImportDialog:
    export = tmp_path / "alex.csv"
    export.write_text(ALEX_ONLY, encoding="utf-8")
    dialog = ImportDialog(services, **scope)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.file_edit.setText(str(export))
    return dialog


def _click(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


@pytest.mark.usefixtures("caseload")
def test_closing_other_workers_cases_is_previewed_and_needs_the_box_ticked(
        qtbot: QtBot, services: AppServices, tmp_path: Path) -> None:
    before = open_cases(services)
    dialog = _dialog(qtbot, services, tmp_path, team="North Team")
    dialog.complete_check.setChecked(True)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as previewed:
        _click(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_running)
    preview = previewed.args[0]
    assert [c.child_ref for c in preview.closures] == ["C-2001", "C-2002"]
    text = dialog.report_view.toPlainText()
    assert "Would close, by caseload: Priya Patel (North Team) 2" in text
    assert "C-2001 (Cara Brown): Priya Patel (North Team), not in the file" in text
    assert open_cases(services) == before  # a preview writes nothing
    assert dialog.confirm_check.isVisible()
    assert "close 2 open cases of Priya Patel (North Team)" in dialog.confirm_check.text()
    assert not dialog.import_button.isEnabled()  # not without the box ticked
    dialog.grab().save(str(tmp_path / "preview.png"))

    qtbot.mouseClick(dialog.confirm_check, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        _click(qtbot, dialog)
    assert imported.args[0].closed == 2
    assert open_cases(services) == ["C-1001", "C-1002", "C-1003", "C-3001"]


@pytest.mark.usefixtures("caseload")
def test_changing_the_scope_forgets_the_preview(qtbot: QtBot, services: AppServices,
                                               tmp_path: Path) -> None:
    dialog = _dialog(qtbot, services, tmp_path, team="North Team")
    dialog.complete_check.setChecked(True)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        _click(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_running)
    qtbot.keyClicks(dialog.worker_edit, "Alex Worker")
    assert dialog.preview is None
    assert not dialog.confirm_check.isVisible()
    assert dialog.import_button.text() == "&Preview"
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as previewed:
        _click(qtbot, dialog)
    assert previewed.args[0].closures == []  # Alex's own export closes no one else's cases


@pytest.mark.usefixtures("caseload")
def test_the_history_undoes_an_import_once(qtbot: QtBot, services: AppServices,
                                           tmp_path: Path) -> None:
    before = open_cases(services)
    dialog = _dialog(qtbot, services, tmp_path, team="North Team")
    dialog.complete_check.setChecked(True)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        _click(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_running)
    qtbot.mouseClick(dialog.confirm_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        _click(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_running)
    assert open_cases(services) != before

    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    history = dialog.findChild(ImportHistoryDialog)
    assert history is not None
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 1
    assert history.model.index(0, 1).data() == "alex.csv"
    assert history.model.index(0, 7).data() == "2"

    def undo_and_answer_yes() -> None:
        qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
        box = history.findChild(QMessageBox)
        assert box is not None
        qtbot.waitExposed(box)
        assert "reopened (2)" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(dialog.undone, timeout=30_000) as undone:
        undo_and_answer_yes()
    assert undone.args[0].reopened == 2
    assert open_cases(services) == before
    qtbot.waitUntil(lambda: history.model.index(0, 8).data().startswith("undone"))
    history.grab().save(str(tmp_path / "history.png"))

    undo_and_answer_yes()
    qtbot.waitUntil(history.error_label.isVisible, timeout=30_000)
    assert "was already undone" in history.error_label.text()
    assert open_cases(services) == before


@pytest.mark.parametrize("role", [Role.WORKER, Role.PRACTICE_LEAD])
def test_someone_who_may_not_import_is_told_why(qtbot: QtBot, services: AppServices,
                                                caseload: dict[str, int], tmp_path: Path,
                                                role: Role) -> None:
    person = services.signed_in(Actor(staff_id=caseload["Alex Worker"], role=role, team_id=None))
    dialog = _dialog(qtbot, person, tmp_path, worker="Alex Worker")
    _click(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_running, timeout=30_000)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Only a team manager (into their own team) or an admin")
    assert dialog.preview is None
