"""The sign plan: the session is read once when the dialog opens, and what the signer was shown
(its SHA-256) is exactly what is signed; a change saved after that is refused, never signed."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import SessionStatus
from db.models import AuditEvent, CaseDiscussion, Signature, SupervisionSession
from tests.workbench.signing.builders import Team1, make_session
from workbench.signing import content as content_module
from workbench.signing.content import session_content_sha256
from workbench.signing.desk import Step, prepare_plan, run_step
from workbench.signing.plan import SignPlan
from workbench.signing.signoff import NoteChanged, SignOffService


def _counts(db: DbFactory) -> tuple[int, int, SessionStatus]:
    with db() as s:
        signatures = int(s.scalar(select(func.count()).select_from(Signature)) or 0)
        events = int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        status = s.scalars(select(SupervisionSession.status)).one()
    return signatures, events, status


def _change_an_answer(db: DbFactory, session_id: int) -> None:
    """What another computer (or the supervisor in another window) might save meanwhile."""
    with transaction(db) as s:
        discussion = s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)
                               .order_by(CaseDiscussion.id)).first()
        assert discussion is not None
        discussion.answers = {**discussion.answers, "worried": "Changed after the dialog opened"}


def test_the_plan_is_read_once_and_what_was_shown_is_what_is_signed(
        db: DbFactory, team: Team1, signoff: SignOffService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    session_id = make_session(db, team)
    reads: list[int] = []
    real = content_module.session_content

    def counted(s, sid):  # type: ignore[no-untyped-def]
        reads.append(sid)
        return real(s, sid)

    monkeypatch.setattr("workbench.signing.desk.session_content", counted)
    plan = prepare_plan(signoff, Step.SIGN, session_id, team.manager_id)
    assert reads == [session_id]  # one read gives the facts, the content and its SHA-256
    assert isinstance(plan, SignPlan)
    assert plan.facts.supervisor_name == "Ann Manager"
    assert plan.facts.children == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.content = b"{}"  # type: ignore[misc]
    with db() as s:
        assert plan.content_sha256 == session_content_sha256(s, session_id)

    signature_id = run_step(signoff, plan, passphrase=None)
    with db() as s:
        signature = s.get_one(Signature, signature_id)
        assert signature.content_sha256 == plan.content_sha256
        assert session_content_sha256(s, session_id) == plan.content_sha256


def test_a_change_saved_after_the_dialog_opened_is_refused_not_signed(
        db: DbFactory, team: Team1, signoff: SignOffService) -> None:
    session_id = make_session(db, team)
    plan = prepare_plan(signoff, Step.SIGN, session_id, team.manager_id)
    before = _counts(db)
    _change_an_answer(db, session_id)

    with pytest.raises(NoteChanged) as refused:
        run_step(signoff, plan, passphrase=None)
    message = str(refused.value)
    assert message.startswith("The note changed after you opened this (the SHA-256 you were shown "
                              f"was {plan.content_sha256[:12]}…")
    assert message.endswith("so nothing was signed. Close this, open it again to read the note as "
                            "it is now, then sign.")
    assert _counts(db) == before  # no signature, no audit event, still ready
    assert before[2] is SessionStatus.READY_TO_SIGN

    fresh = prepare_plan(signoff, Step.SIGN, session_id, team.manager_id)
    assert fresh.content_sha256 != plan.content_sha256
    run_step(signoff, fresh, passphrase=None)
    assert _counts(db)[2] is SessionStatus.SIGNED_BY_SUPERVISOR


def test_the_worker_countersigns_only_the_note_they_were_shown(
        db: DbFactory, team: Team1, signoff: SignOffService) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    plan = prepare_plan(signoff, Step.COUNTERSIGN, session_id, team.worker_id)
    shown_other = dataclasses.replace(plan, facts=dataclasses.replace(plan.facts, content_sha256="0" * 64))
    before = _counts(db)
    with pytest.raises(NoteChanged, match="The signed note is not the one you were shown"):
        run_step(signoff, shown_other, passphrase=None)
    assert _counts(db) == before
    run_step(signoff, plan, passphrase=None)
    assert _counts(db)[2] is SessionStatus.COUNTERSIGNED


def test_a_plan_is_for_its_own_step_signer_and_session(
        db: DbFactory, team: Team1, signoff: SignOffService) -> None:
    session_id = make_session(db, team)
    plan = prepare_plan(signoff, Step.SIGN, session_id, team.manager_id)
    with pytest.raises(ValueError, match="another step, session or signer"):
        signoff.sign(session_id, signer_id=team.worker_id, plan=plan)
