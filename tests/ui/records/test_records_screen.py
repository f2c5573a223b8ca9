"""The records view, driven as a practice lead would: filter, select, export, print, case history."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import DocumentKind, DocumentStage, Role
from db.models import AuditEvent, SignedDocument, Staff
from tests.ui.records.conftest import Records, as_actor
from ui.records.model import TEAM, WORKER
from ui.records.printing import page_images
from ui.records.screen import RecordsScreen
from ui.services import AppServices


def _screen(qtbot: QtBot, services: AppServices) -> RecordsScreen:
    screen = RecordsScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _loaded(qtbot: QtBot, services: AppServices, count: int) -> RecordsScreen:
    screen = _screen(qtbot, services)
    qtbot.waitUntil(lambda: screen.model.rowCount() == count)
    return screen


def _shown(screen: RecordsScreen) -> list[int]:
    return sorted(screen.proxy.record_at(r).session_id for r in range(screen.proxy.rowCount()))


def _stored_notes(services: AppServices, session_ids: list[int]) -> dict[int, bytes]:
    with services.db() as s:
        rows = s.scalars(select(SignedDocument).where(
            SignedDocument.session_id.in_(session_ids), SignedDocument.kind == DocumentKind.NOTE,
            SignedDocument.stage == DocumentStage.COUNTERSIGNED)).all()
        return {row.session_id: row.pdf for row in rows}


def test_a_practice_lead_filters_selects_two_and_exports_them_with_no_key(
    qtbot: QtBot, services: AppServices, records: Records, tmp_path: Path,
) -> None:
    # Another computer: its data folder holds no signing key at all.
    lead = dataclasses.replace(as_actor(services, records.lead_id), data_dir=tmp_path / "lead-computer")
    screen = _loaded(qtbot, lead, 3)
    assert [screen.team_combo.itemText(i) for i in range(screen.team_combo.count())] == [
        "All teams", "North", "South"]
    screen.team_combo.setCurrentIndex(screen.team_combo.findData("North"))
    north = sorted([records.sessions["north-1"], records.sessions["north-2"]])
    assert _shown(screen) == north
    assert "2 of 3" in screen.count_label.text()
    assert screen.table.isColumnHidden(TEAM)  # the same on every row now
    assert not screen.table.isColumnHidden(WORKER)
    assert not screen.export_button.isEnabled()  # nothing selected yet
    screen.table.selectAll()
    assert screen.export_button.isEnabled()

    dialog = screen.export_selected(mode="inline")
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "2 signed records" in dialog.summary_label.text()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.extract_check.setChecked(False)
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
        assert dialog._task is not None
        dialog._task.progressed.connect(lambda done, total, _text: seen.append((done, total)))
        assert dialog.cancel_button.isVisible()
    result = exported.args[0]
    assert not result.failed
    assert seen[-1] == (2, 2)
    assert (dialog.progress_bar.value(), dialog.progress_bar.maximum()) == (2, 2)
    assert "Exported 2 signed PDFs" in dialog.status_label.text()
    written = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in written] == sorted(dialog.report_view.toPlainText().split())
    assert sorted(p.read_bytes() for p in written) == sorted(_stored_notes(services, north).values())
    with services.db() as s:
        events = s.execute(select(AuditEvent.actor_id, AuditEvent.entity_id)
                           .where(AuditEvent.action == "record_exported")).all()
    assert sorted(events) == sorted((records.lead_id, str(sid)) for sid in north)
    qtbot.waitUntil(lambda: not dialog.is_running)
    dialog.close_dialog()


def test_export_says_what_is_wrong_with_the_folder_and_writes_nothing(
    qtbot: QtBot, services: AppServices, records: Records, tmp_path: Path,
) -> None:
    screen = _loaded(qtbot, as_actor(services, records.lead_id), 3)
    screen.table.selectRow(0)
    dialog = screen.export_selected(mode="inline")
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    assert "Choose the folder" in dialog.error_label.text()
    (tmp_path / "a file").write_text("not a folder")
    dialog.folder_edit.setText(str(tmp_path / "a file"))
    dialog.export_button.click()
    assert "is a file, not a folder" in dialog.error_label.text()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.note_check.setChecked(False)
    dialog.extract_check.setChecked(False)
    dialog.export_button.click()
    assert "Tick the supervision file copies" in dialog.error_label.text()
    assert not (tmp_path / "out").exists()
    dialog.close_dialog()


def test_printing_paints_every_page_and_records_who_printed(
    qtbot: QtBot, services: AppServices, records: Records, tmp_path: Path,
) -> None:
    screen = _loaded(qtbot, as_actor(services, records.lead_id), 3)
    screen.child_edit.setText("S0001")  # the south child's only record
    assert _shown(screen) == [records.sessions["south-1"]]
    screen.table.selectAll()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(screen.printed, timeout=60_000) as printed:
        screen.print_selected(printer)
        assert screen.progress_bar.isVisible()
    outcome = printed.args[0]
    note = _stored_notes(services, [records.sessions["south-1"]])[records.sessions["south-1"]]
    expected_pages = len(pdfium.PdfDocument(note))
    assert outcome.pages == expected_pages
    assert outcome.session_ids == (records.sessions["south-1"],)
    assert len(pdfium.PdfDocument(str(tmp_path / "printed.pdf"))) == expected_pages
    assert f"Sent {expected_pages} pages of 1 record to the printer." in screen.status_label.text()
    with services.db() as s:
        events = s.execute(select(AuditEvent.actor_id, AuditEvent.entity_id, AuditEvent.details)
                           .where(AuditEvent.action == "record_printed")).all()
    assert [tuple(e) for e in events] == [
        (records.lead_id, str(records.sessions["south-1"]), {"pages": expected_pages})]
    qtbot.waitUntil(lambda: not screen.cancel_button.isVisible())


def test_printed_pages_show_the_workers_signature(services: AppServices, records: Records) -> None:
    session_id = records.sessions["north-1"]
    with services.db() as s:
        versions = {d.stage: d.pdf for d in s.scalars(select(SignedDocument).where(
            SignedDocument.session_id == session_id, SignedDocument.kind == DocumentKind.NOTE))}
    before = list(page_images(versions[DocumentStage.SUPERVISOR], 50))
    after = list(page_images(versions[DocumentStage.COUNTERSIGNED], 50))
    assert len(before) == len(after)
    assert before[:-1] == after[:-1]
    assert before[-1] != after[-1]  # the worker's box is filled in on the last page


def test_each_role_sees_what_it_may(qtbot: QtBot, services: AppServices, records: Records) -> None:
    south_manager = _loaded(qtbot, as_actor(services, records.south.manager_id), 1)
    assert _shown(south_manager) == [records.sessions["south-1"]]
    north_worker = _loaded(qtbot, as_actor(services, records.north.worker_id), 2)
    assert _shown(north_worker) == sorted([records.sessions["north-1"], records.sessions["north-2"]])
    with services.db() as s:
        s.add(Staff(name="Ad Min", name_key="ad min", role=Role.ADMIN))
        s.commit()
        admin_id = s.scalars(select(Staff.id).where(Staff.role == Role.ADMIN)).one()
    admin = RecordsScreen(as_actor(services, admin_id))
    messages: list[str] = []
    admin.load_failed.connect(messages.append)  # before the event loop delivers the answer
    qtbot.addWidget(admin)
    qtbot.waitUntil(lambda: bool(messages))
    assert "Admins manage identities" in messages[0]
    assert admin.model.rowCount() == 0


def test_a_childs_case_history_is_written_from_the_child_box(
    qtbot: QtBot, services: AppServices, records: Records, tmp_path: Path,
) -> None:
    screen = _loaded(qtbot, as_actor(services, records.lead_id), 3)
    assert not screen.history_button.isEnabled()
    screen.child_edit.setText("c0001")
    assert screen.history_button.isEnabled()
    path = tmp_path / "history.pdf"
    screen.export_case_history(path)
    qtbot.waitUntil(lambda: "Case history written" in screen.status_label.text(), timeout=60_000)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Case supervision history" in text
    assert "2 signed discussions" in text


def test_the_main_window_has_a_records_tab(qtbot: QtBot, services: AppServices, records: Records) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(as_actor(services, records.lead_id))
    qtbot.addWidget(window)
    screen = window.screens["records"]
    assert isinstance(screen, RecordsScreen)
    assert window.tabs.tabText(window.tabs.indexOf(screen)) == "&Records"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)


def test_the_period_reads_the_records_again(qtbot: QtBot, services: AppServices, records: Records) -> None:
    screen = _loaded(qtbot, as_actor(services, records.lead_id), 3)
    with qtbot.waitSignal(screen.records_loaded) as loaded:
        # to = the clock's today; north-1 was 40 days before it, the others 10 and 5
        screen.filters.from_edit.setDate(screen.filters.to_edit.date().addDays(-20))
    assert loaded.args == [2]
    assert _shown(screen) == sorted([records.sessions["north-2"], records.sessions["south-1"]])
