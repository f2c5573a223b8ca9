"""Printing a record signed in bulk before PDFs were kept, on a computer with no secure keyring:
the passphrase is asked for, a wrong one changes nothing, the right one makes, keeps and prints."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import DocumentKind, DocumentStage
from db.models import AuditEvent, SignedDocument
from tests.conftest import FixedClock
from tests.ui.records.conftest import as_actor, bulk_signed_session
from ui.dialogs.key_passphrase_dialog import KeyPassphraseDialog
from ui.records.screen import RecordsScreen
from ui.services import AppServices
from workbench.encryption import DEMO_PASSPHRASE
from workbench.secrets import SecretStore


def _documents(db: DbFactory, session_id: int) -> int:
    with db() as s:
        return int(s.scalar(select(func.count()).select_from(SignedDocument)
                            .where(SignedDocument.session_id == session_id)) or 0)


def _printed_events(db: DbFactory) -> list[tuple[int | None, str, object]]:
    with db() as s:
        return [tuple(row) for row in s.execute(
            select(AuditEvent.actor_id, AuditEvent.entity_id, AuditEvent.details)
            .where(AuditEvent.action == "record_printed"))]


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_a_bulk_signed_record_asks_for_the_passphrase_then_makes_keeps_and_prints(
    qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
    tmp_path: Path,
) -> None:
    team, session_id = bulk_signed_session(db, clock, tmp_path / "keys")
    assert _documents(db, session_id) == 0  # signed in bulk: no PDFs kept
    manager = dataclasses.replace(as_actor(services, team.manager_id),
                                  secrets=SecretStore(backend=FailKeyring()))
    screen = RecordsScreen(manager)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.table.selectAll()
    output = tmp_path / "printed.pdf"

    screen.print_selected(_printer(output))
    qtbot.waitUntil(lambda: screen.passphrase_prompt.dialog is not None, timeout=30_000)
    dialog = screen.passphrase_prompt.dialog
    assert isinstance(dialog, KeyPassphraseDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Print signed records"
    assert dialog.passphrase_edit.accessibleName() == "Signing key passphrase"
    assert dialog.passphrase_edit.echoMode() is QLineEdit.EchoMode.Password
    assert "signed before their signed PDFs were kept" in dialog.intro.text()
    assert "Nothing was printed yet" in screen.status_label.text()

    dialog.ok_button.click()  # nothing typed
    assert dialog.error_label.text() == "Type the passphrase first."

    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled()  # busy while the keys are tried
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=30_000)
    assert dialog.error_label.isVisible()
    assert "passphrase for the signing key of Ann Manager is wrong" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""
    assert dialog.isVisible()
    assert _documents(db, session_id) == 0  # nothing made or kept
    assert _printed_events(db) == []
    assert not output.exists()  # nothing printed

    qtbot.keyClicks(dialog.passphrase_edit, DEMO_PASSPHRASE)
    with qtbot.waitSignal(screen.printed, timeout=60_000) as printed:
        dialog.ok_button.click()
    outcome = printed.args[0]
    assert screen.passphrase_prompt.dialog is None  # closed once it opened the keys
    with db() as s:
        kept = s.scalars(select(SignedDocument).where(SignedDocument.session_id == session_id)).all()
        note = next(d.pdf for d in kept if d.kind is DocumentKind.NOTE
                    and d.stage is not DocumentStage.ADDENDUM)
        kinds = sorted(d.kind.value for d in kept)
    assert kinds == ["extract", "extract", "note"]  # the note and each child's extract, kept
    pages = len(pdfium.PdfDocument(bytes(note)))
    assert outcome.pages == pages
    assert outcome.session_ids == (session_id,)
    assert len(pdfium.PdfDocument(str(output))) == pages
    assert f"Sent {pages} pages of 1 record to the printer." in screen.status_label.text()
    assert _printed_events(db) == [(team.manager_id, str(session_id), {"pages": pages})]
    qtbot.waitUntil(lambda: not screen.cancel_button.isVisible())


def test_giving_up_on_the_passphrase_prints_and_keeps_nothing(
    qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
    tmp_path: Path,
) -> None:
    team, session_id = bulk_signed_session(db, clock, tmp_path / "keys")
    manager = dataclasses.replace(as_actor(services, team.manager_id),
                                  secrets=SecretStore(backend=FailKeyring()))
    screen = RecordsScreen(manager)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.table.selectAll()
    output = tmp_path / "printed.pdf"
    screen.print_selected(_printer(output))
    qtbot.waitUntil(lambda: screen.passphrase_prompt.dialog is not None, timeout=30_000)
    dialog = screen.passphrase_prompt.dialog
    assert dialog is not None
    dialog.cancel_button.click()
    assert screen.passphrase_prompt.dialog is None
    assert "Nothing was printed" in screen.status_label.text()
    assert "passphrase" in screen.status_label.text()
    assert _documents(db, session_id) == 0
    assert _printed_events(db) == []
    assert not output.exists()
    assert screen.print_button.isEnabled()  # and it can be printed again
