"""Reading the signed note of a session signed in bulk before PDFs were kept, with no secure
keyring: the passphrase is asked for, a wrong one changes nothing, the right one makes and keeps
the PDFs and opens the note."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import DbFactory
from db.models import AuditEvent, SignedDocument
from tests.conftest import FixedClock
from tests.ui.records.conftest import bulk_signed_session
from tests.ui.signing.conftest import screen_for
from ui.dialogs.key_passphrase_dialog import KeyPassphraseDialog
from ui.services import AppServices
from ui.signing.note_view import NoteDialog
from workbench.encryption import DEMO_PASSPHRASE
from workbench.secrets import SecretStore


def _count(db: DbFactory, model: type, *where: object) -> int:
    with db() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def test_reading_a_bulk_signed_note_asks_for_the_passphrase_then_keeps_its_pdfs(
    qtbot: QtBot, services: AppServices, db: DbFactory, clock: FixedClock,
    tmp_path: Path,
) -> None:
    team, session_id = bulk_signed_session(db, clock, tmp_path / "keys")
    screen = screen_for(qtbot, services, team.manager_id, secrets=SecretStore(backend=FailKeyring()))
    screen.select_session(session_id)
    qtbot.mouseClick(screen.view_button, Qt.MouseButton.LeftButton)
    note = screen.dialog
    assert isinstance(note, NoteDialog)
    qtbot.waitUntil(lambda: note.passphrase_prompt.dialog is not None, timeout=30_000)
    dialog = note.passphrase_prompt.dialog
    assert isinstance(dialog, KeyPassphraseDialog)
    assert dialog.windowTitle() == "Read the signed note"
    assert dialog.passphrase_edit.accessibleName() == "Signing key passphrase"
    assert "needs the signing key passphrase" in note.status_label.text()
    viewed = _count(db, AuditEvent, AuditEvent.action == "record_viewed")

    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    dialog.ok_button.click()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=30_000)
    assert "passphrase for the signing key of Ann Manager is wrong" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""
    assert note.pages == []
    assert _count(db, SignedDocument) == 0
    assert _count(db, AuditEvent, AuditEvent.action == "record_viewed") == viewed

    qtbot.keyClicks(dialog.passphrase_edit, DEMO_PASSPHRASE)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: len(note.pages) > 0, timeout=30_000)
    assert note.passphrase_prompt.dialog is None
    assert not note.pages[0].pixmap().isNull()
    assert "This is the signed PDF as it is kept." in note.status_label.text()
    assert _count(db, SignedDocument, SignedDocument.session_id == session_id) == 3
    assert _count(db, AuditEvent, AuditEvent.action == "record_viewed") == viewed + 1
    note.close()
