"""Signing through the screens: a manager signs, a wrong passphrase changes nothing, a worker
countersigns or records disagreement in their own words, and a signed addendum keeps the original."""

from __future__ import annotations

from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import SessionStatus, SignatureKind
from db.models import (
    Addendum,
    AuditEvent,
    CaseDiscussion,
    Signature,
    SignedDocument,
    Staff,
    SupervisionSession,
)
from tests.ui.signing.conftest import screen_for
from tests.workbench.signing.builders import Team1
from ui.services import AppServices
from ui.signing.note_view import NoteDialog
from ui.signing.screen import SignOffScreen
from ui.signing.sign_dialog import SignDialog
from workbench.secrets import SecretStore
from workbench.signing.content import session_content_sha256
from workbench.signing.desk import Step
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import MAX_STATEMENT_LENGTH, SignOffService


def _status(db: DbFactory, session_id: int) -> SessionStatus:
    with db() as s:
        return s.get_one(SupervisionSession, session_id).status


def _count(db: DbFactory, model: type) -> int:
    with db() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _open(qtbot: QtBot, screen: SignOffScreen, step: Step) -> SignDialog:
    buttons = {Step.SIGN: screen.sign_button, Step.COUNTERSIGN: screen.countersign_button,
               Step.DISAGREE: screen.disagree_button, Step.ADDENDUM: screen.addendum_button}
    button = buttons[step]
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SignDialog)
    qtbot.waitUntil(lambda: dialog.facts is not None)
    return dialog


def _sign(qtbot: QtBot, dialog: SignDialog) -> None:
    qtbot.waitUntil(dialog.sign_button.isEnabled)
    with qtbot.waitSignal(dialog.signed, timeout=30_000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)


def test_manager_signs_a_ready_session_through_the_dialog(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int,
) -> None:
    screen = screen_for(qtbot, services, team.manager_id)
    assert screen.model.rows[0].session_id == ready_session
    assert not screen.countersign_button.isVisible()
    dialog = _open(qtbot, screen, Step.SIGN)
    with db() as s:
        expected = session_content_sha256(s, ready_session)
    assert dialog.hash_label.text() == expected
    assert "Bo Worker" in dialog.what_label.text()
    assert "2 children" in dialog.what_label.text()
    assert not dialog.passphrase_edit.isVisible()  # the keyring holds the key's passphrase

    _sign(qtbot, dialog)

    assert _status(db, ready_session) is SessionStatus.SIGNED_BY_SUPERVISOR
    with db() as s:
        signature = s.scalars(select(Signature)).one()
        assert signature.kind is SignatureKind.APPROVAL
        assert signature.signer_id == team.manager_id
        assert signature.content_sha256 == expected
        assert s.scalar(select(func.count()).select_from(SignedDocument)
                        .where(SignedDocument.session_id == ready_session)) >= 3  # note + 2 extracts
    qtbot.waitUntil(lambda: screen.addendum_button.isVisible())
    assert not screen.sign_button.isVisible()
    assert "Signed" in screen.notice.text()


def test_wrong_passphrase_says_so_and_changes_nothing(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    identities: IdentityStore, ready_session: int,
) -> None:
    with transaction(db) as s:  # the key protected by the manager's own passphrase
        identities.self_issue(s, s.get_one(Staff, team.manager_id), actor_id=None,
                              passphrase="correct horse battery")
    no_keyring = SecretStore(backend=FailKeyring())
    screen = screen_for(qtbot, services, team.manager_id, secrets=no_keyring)
    dialog = _open(qtbot, screen, Step.SIGN)
    assert dialog.passphrase_edit.isVisible()  # asked at once: no secure keyring here
    events = _count(db, AuditEvent)

    qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible)

    assert "passphrase for the signing key of Ann Manager is wrong" in dialog.error_label.text()
    assert "Nothing was changed" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""
    assert dialog.isVisible()
    assert _status(db, ready_session) is SessionStatus.READY_TO_SIGN
    assert _count(db, Signature) == 0
    assert _count(db, SignedDocument) == 0
    assert _count(db, AuditEvent) == events

    qtbot.keyClicks(dialog.passphrase_edit, "correct horse battery")
    _sign(qtbot, dialog)
    assert _status(db, ready_session) is SessionStatus.SIGNED_BY_SUPERVISOR


def test_worker_reads_the_signed_note_and_countersigns(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int, signoff: SignOffService,
) -> None:
    signoff.sign(ready_session, signer_id=team.manager_id)
    screen = screen_for(qtbot, services, team.worker_id)
    assert screen.model.index(0, 4).data() == "Waiting for your countersignature"
    assert not screen.sign_button.isVisible()

    qtbot.mouseClick(screen.view_button, Qt.MouseButton.LeftButton)
    note = screen.dialog
    assert isinstance(note, NoteDialog)
    qtbot.waitUntil(lambda: len(note.pages) > 0, timeout=15_000)
    assert not note.pages[0].pixmap().isNull()
    with db() as s:
        assert s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first() \
            == "record_viewed"
    note.close()

    dialog = _open(qtbot, screen, Step.COUNTERSIGN)
    _sign(qtbot, dialog)

    assert _status(db, ready_session) is SessionStatus.COUNTERSIGNED
    with db() as s:
        kinds = list(s.scalars(select(Signature.kind).order_by(Signature.id)))
    assert kinds == [SignatureKind.APPROVAL, SignatureKind.COUNTERSIGNATURE]
    qtbot.waitUntil(lambda: screen.model.index(0, 4).data() == "Countersigned")
    assert "Countersigned. Thank you." in screen.notice.text()
    assert not screen.countersign_button.isVisible()
    assert screen.addendum_button.isVisible()  # the worker may still add a signed addendum


def test_worker_records_disagreement_in_their_own_words(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int, signoff: SignOffService,
) -> None:
    signoff.sign(ready_session, signer_id=team.manager_id)
    screen = screen_for(qtbot, services, team.worker_id)
    dialog = _open(qtbot, screen, Step.DISAGREE)
    assert dialog.concerns_combo.currentIndex() == -1  # nothing reaches a child's file by default
    labels = [dialog.concerns_combo.itemText(n) for n in range(dialog.concerns_combo.count())]
    assert labels == ["Child 1 (C0001) only", "Child 2 (C0002) only",
                      "The session as a whole (not on any child's file)"]

    dialog.text_edit.setPlainText("x" * (MAX_STATEMENT_LENGTH + 1))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert "Choose which child it concerns" in dialog.error_label.text()
    assert _count(db, Signature) == 1

    dialog.concerns_combo.setCurrentIndex(1)  # Child 2
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "longer than" in dialog.error_label.text())
    assert f"longer than {MAX_STATEMENT_LENGTH} characters" in dialog.error_label.text()
    assert _status(db, ready_session) is SessionStatus.SIGNED_BY_SUPERVISOR

    typed = "I did not agree to <close> the plan & said so;"
    dialog.text_edit.clear()
    qtbot.keyClicks(dialog.text_edit, typed)
    dialog.text_edit.insertPlainText(" Ζωή")  # QTest cannot type non-Latin keys; an input method can
    words = typed + " Ζωή"
    _sign(qtbot, dialog)

    assert _status(db, ready_session) is SessionStatus.DISAGREEMENT_RECORDED
    with db() as s:
        signature = s.scalars(select(Signature).where(
            Signature.kind == SignatureKind.DISAGREEMENT)).one()
        assert signature.statement == words
        assert signature.signer_id == team.worker_id
        child_two = s.scalars(select(CaseDiscussion.id).where(
            CaseDiscussion.session_id == ready_session,
            CaseDiscussion.child_id == team.child_ids[1])).one()
        assert signature.discussion_id == child_two


def test_signed_addendum_keeps_the_original_intact(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int, signoff: SignOffService,
) -> None:
    signoff.sign(ready_session, signer_id=team.manager_id)
    with db() as s:
        original = session_content_sha256(s, ready_session)
    screen = screen_for(qtbot, services, team.manager_id)
    dialog = _open(qtbot, screen, Step.ADDENDUM)
    assert dialog.hash_label.text() == original

    qtbot.keyClicks(dialog.text_edit, "The network meeting is on the 3rd, not the 2nd.")
    dialog.concerns_combo.setCurrentIndex(dialog.concerns_combo.count() - 1)  # the whole session
    _sign(qtbot, dialog)

    with db() as s:
        addendum = s.scalars(select(Addendum)).one()
        assert addendum.text == "The network meeting is on the 3rd, not the 2nd."
        assert addendum.author_id == team.manager_id
        assert addendum.discussion_id is None
        assert session_content_sha256(s, ready_session) == original
        approval = s.scalars(select(Signature).where(Signature.kind == SignatureKind.APPROVAL)).one()
        assert approval.content_sha256 == original
        assert s.scalars(select(Signature).where(Signature.addendum_id == addendum.id)).one()
    assert signoff.check_record(ready_session, actor_id=team.manager_id).ok


def test_worker_adds_a_signed_addendum_about_one_child_to_their_own_signed_note(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int, signoff: SignOffService,
) -> None:
    signoff.sign(ready_session, signer_id=team.manager_id)
    signoff.countersign(ready_session, signer_id=team.worker_id)
    screen = screen_for(qtbot, services, team.worker_id)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.select_session(ready_session)
    assert not screen.countersign_button.isVisible()  # signed already: only an addendum now
    dialog = _open(qtbot, screen, Step.ADDENDUM)
    qtbot.keyClicks(dialog.text_edit, "Child 1 was seen alone on the 4th as well.")
    dialog.concerns_combo.setCurrentIndex(0)  # Child 1
    _sign(qtbot, dialog)

    with db() as s:
        addendum = s.scalars(select(Addendum)).one()
        assert addendum.author_id == team.worker_id
        assert s.get_one(CaseDiscussion, addendum.discussion_id).child_id == team.child_ids[0]
        extract = s.scalars(select(SignedDocument).where(SignedDocument.addendum_id == addendum.id)).one()
        assert extract.child_id == team.child_ids[0]  # its PDF goes to that child's file alone
    assert signoff.check_record(ready_session, actor_id=team.worker_id).ok


def test_a_change_saved_while_the_dialog_is_open_is_refused_with_a_message(
    qtbot: QtBot, services: AppServices, db: DbFactory, team: Team1,
    ready_session: int,
) -> None:
    """The dialog signs what it showed: a note changed behind it is not signed unseen."""
    screen = screen_for(qtbot, services, team.manager_id)
    dialog = _open(qtbot, screen, Step.SIGN)
    shown = dialog.hash_label.text()
    with transaction(db) as s:  # saved meanwhile, e.g. from another computer
        discussion = s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == ready_session)
                               .order_by(CaseDiscussion.id)).first()
        assert discussion is not None
        discussion.child_voice = "Said after the dialog opened"
    signatures, events = _count(db, Signature), _count(db, AuditEvent)

    qtbot.waitUntil(dialog.sign_button.isEnabled)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=30_000)

    assert dialog.error_label.text().startswith(
        f"The note changed after you opened this (the SHA-256 you were shown was {shown[:12]}…")
    assert "so nothing was signed. Close this, open it again" in dialog.error_label.text()
    assert dialog.isVisible()
    assert _status(db, ready_session) is SessionStatus.READY_TO_SIGN
    assert (_count(db, Signature), _count(db, AuditEvent)) == (signatures, events)
    dialog.reject()
