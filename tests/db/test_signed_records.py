"""Migration 0003: the database itself refuses changes to signed content (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.engine import DbFactory, transaction
from db.enums import SessionStatus
from db.models import Action, CaseDiscussion, Signature, SignedDocument, SupervisionSession
from tests.workbench.signing.builders import MEETING, Team1, make_session, make_team

SIGNED_ROW_CHANGES = [
    "UPDATE supervision_session SET workload = 'rewritten' WHERE id = :s",
    "UPDATE supervision_session SET status = 'ready_to_sign' WHERE id = :s",
    "DELETE FROM supervision_session WHERE id = :s",
    "UPDATE case_discussion SET child_voice = 'rewritten' WHERE session_id = :s",
    "DELETE FROM case_discussion WHERE session_id = :s",
    "UPDATE decision SET rationale = 'rewritten' WHERE discussion_id IN "
    "(SELECT id FROM case_discussion WHERE session_id = :s)",
    "DELETE FROM decision WHERE discussion_id IN (SELECT id FROM case_discussion WHERE session_id = :s)",
    "UPDATE scaling_score SET score = 9 WHERE discussion_id IN "
    "(SELECT id FROM case_discussion WHERE session_id = :s)",
    "DELETE FROM scaling_score WHERE discussion_id IN (SELECT id FROM case_discussion WHERE session_id = :s)",
    "UPDATE worry_revision SET danger_statement = 'x' WHERE discussion_id IN "
    "(SELECT id FROM case_discussion WHERE session_id = :s)",
    "UPDATE action SET description = 'rewritten' WHERE discussion_id IN "
    "(SELECT id FROM case_discussion WHERE session_id = :s)",
    "DELETE FROM action WHERE discussion_id IN (SELECT id FROM case_discussion WHERE session_id = :s)",
    "UPDATE signature SET statement = 'forged' WHERE session_id = :s",
    "DELETE FROM signature WHERE session_id = :s",
    "UPDATE question_set_version SET title = 'renamed'",
    "INSERT INTO decision (discussion_id, position, text, rationale) SELECT id, 9, 'added', '' "
    "FROM case_discussion WHERE session_id = :s",
]


def _signed_session(db: DbFactory) -> tuple[Team1, int]:
    """A session signed the way the service does: signature row first, then the status."""
    team = make_team(db)
    session_id = make_session(db, team)
    with transaction(db) as s:
        s.add(Signature(session_id=session_id, signer_id=team.manager_id, signer_role="supervisor",
                        kind="approval", content_sha256="0" * 64, signature=b"sig",
                        certificate_fingerprint="AB"))
        s.flush()
        s.get_one(SupervisionSession, session_id).status = SessionStatus.SIGNED_BY_SUPERVISOR
    return team, session_id


@pytest.mark.parametrize("statement", SIGNED_ROW_CHANGES)
def test_raw_sql_cannot_change_signed_rows(db: DbFactory, statement: str) -> None:
    _, session_id = _signed_session(db)
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text(statement), {"s": session_id})
    with db() as s:
        session = s.get_one(SupervisionSession, session_id)
        assert session.status is SessionStatus.SIGNED_BY_SUPERVISOR
        assert session.workload == "Heavy; 18 cases"
        assert s.query(Signature).count() == 1


def test_status_cannot_be_faked_without_a_signature(db: DbFactory) -> None:
    team = make_team(db)
    session_id = make_session(db, team)
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text("UPDATE supervision_session SET status = 'signed_by_supervisor' WHERE id = :s"),
                  {"s": session_id})


def test_the_worker_step_is_the_one_allowed_change(db: DbFactory) -> None:
    team, session_id = _signed_session(db)
    with transaction(db) as s:
        s.add(Signature(session_id=session_id, signer_id=team.worker_id, signer_role="worker",
                        kind="countersignature", content_sha256="0" * 64, signature=b"sig",
                        certificate_fingerprint="CD"))
        s.flush()
        s.get_one(SupervisionSession, session_id).status = SessionStatus.COUNTERSIGNED
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text("UPDATE supervision_session SET status = 'disagreement_recorded' WHERE id = :s"),
                  {"s": session_id})


def test_unsigned_sessions_stay_editable(db: DbFactory) -> None:
    team = make_team(db)
    session_id = make_session(db, team)
    with transaction(db) as s:
        s.execute(text("UPDATE case_discussion SET child_voice = 'edited' WHERE session_id = :s"),
                  {"s": session_id})
        s.execute(text("DELETE FROM decision"))
    with db() as s:
        assert {d.child_voice for d in s.query(CaseDiscussion)} == {"edited"}


def test_an_action_from_a_signed_session_can_be_reviewed_later_and_that_review_then_freezes(
    db: DbFactory,
) -> None:
    team, first = _signed_session(db)
    later = make_session(db, team, meeting_at=MEETING + dt.timedelta(days=28))
    with transaction(db) as s:
        action = s.query(Action).join(CaseDiscussion, Action.discussion_id == CaseDiscussion.id).filter(
            CaseDiscussion.session_id == first).first()
        assert action is not None
        later_discussion = s.query(CaseDiscussion).filter_by(session_id=later, case_id=action.case_id).one()
        action.status = "done"  # type: ignore[assignment]
        action.status_reason = "Meeting held on 2 Dec"
        action.reviewed_in_id = later_discussion.id
        action_id = action.id
    # Now the later session is signed too: the review is part of it and cannot change.
    with transaction(db) as s:
        s.add(Signature(session_id=later, signer_id=team.manager_id, signer_role="supervisor",
                        kind="approval", content_sha256="1" * 64, signature=b"sig",
                        certificate_fingerprint="AB"))
        s.flush()
        s.get_one(SupervisionSession, later).status = SessionStatus.SIGNED_BY_SUPERVISOR
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text("UPDATE action SET status = 'open' WHERE id = :a"), {"a": action_id})


STORED_DOCUMENT_CHANGES = [
    "UPDATE signed_document SET pdf = :forged WHERE session_id = :s",
    "UPDATE signed_document SET sha256 = 'f' WHERE session_id = :s",
    "UPDATE signed_document SET stage = 'countersigned' WHERE session_id = :s",
    "DELETE FROM signed_document WHERE session_id = :s",
]


def _stored_document(db: DbFactory) -> tuple[int, int, bytes]:
    _, session_id = _signed_session(db)
    pdf = b"%PDF-1.7 signed bytes"
    with transaction(db) as s:
        document = SignedDocument(session_id=session_id, kind="note", stage="supervisor", pdf=pdf,
                                  sha256="0" * 64)
        s.add(document)
        s.flush()
        return session_id, document.id, pdf


@pytest.mark.parametrize("statement", STORED_DOCUMENT_CHANGES)
def test_raw_sql_cannot_change_or_delete_a_stored_signed_pdf(db: DbFactory,
                                                              statement: str) -> None:
    session_id, document_id, pdf = _stored_document(db)
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text(statement), {"s": session_id, "forged": b"%PDF forged"})
    with db() as s:
        kept = s.get_one(SignedDocument, document_id)
        assert (kept.pdf, kept.stage.value, kept.sha256) == (pdf, "supervisor", "0" * 64)


def test_no_pdf_is_kept_for_an_unsigned_session(db: DbFactory) -> None:
    team = make_team(db)
    session_id = make_session(db, team)
    with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
        s.execute(text("INSERT INTO signed_document (session_id, kind, stage, pdf, sha256, created_at) "
                       "VALUES (:s, 'note', 'supervisor', :pdf, :sha, :at)"),
                  {"s": session_id, "pdf": b"%PDF", "sha": "0" * 64, "at": MEETING.replace(tzinfo=None)})
    with db() as s:
        assert s.query(SignedDocument).count() == 0


def test_a_later_version_is_appended_beside_the_first(db: DbFactory) -> None:
    session_id, _document_id, pdf = _stored_document(db)
    with transaction(db) as s:
        s.add(SignedDocument(session_id=session_id, kind="note", stage="countersigned",
                             pdf=pdf + b" + worker", sha256="1" * 64))
    with db() as s:
        stages = [d.stage.value for d in s.query(SignedDocument).order_by(SignedDocument.id)]
    assert stages == ["supervisor", "countersigned"]
