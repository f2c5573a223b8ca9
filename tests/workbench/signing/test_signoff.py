"""Sign-off on both databases: approve, countersign, disagree, addendum, and a wrong passphrase."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from db.engine import DbFactory, transaction
from db.enums import SessionStatus, SignatureKind
from db.models import Addendum, AuditEvent, Signature, Staff, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.signing.builders import Team1, make_session
from workbench.signing.content import session_content_sha256
from workbench.signing.identity import IdentityStore, PassphraseRequired, WrongPassphrase
from workbench.signing.signoff import SignOffError, SignOffService


def _status(db: DbFactory, session_id: int) -> SessionStatus:
    with db() as s:
        return s.get_one(SupervisionSession, session_id).status


def _actions(db: DbFactory) -> list[str]:
    with db() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_supervisor_signs_then_worker_countersigns(
    db: DbFactory, team: Team1, signoff: SignOffService, clock: FixedClock
) -> None:
    session_id = make_session(db, team)
    with db() as s:
        expected = session_content_sha256(s, session_id)

    signoff.sign(session_id, signer_id=team.manager_id)
    assert _status(db, session_id) is SessionStatus.SIGNED_BY_SUPERVISOR
    clock.advance(days=1)
    signoff.countersign(session_id, signer_id=team.worker_id)
    assert _status(db, session_id) is SessionStatus.COUNTERSIGNED

    with db() as s:
        signatures = s.scalars(select(Signature).order_by(Signature.id)).all()
        manager = s.get_one(Staff, team.manager_id)
        assert [x.kind for x in signatures] == [SignatureKind.APPROVAL, SignatureKind.COUNTERSIGNATURE]
        assert {x.content_sha256 for x in signatures} == {expected}
        assert signatures[0].certificate_fingerprint == manager.certificate_fingerprint
        assert signatures[1].signed_at > signatures[0].signed_at
    check = signoff.check_record(session_id, actor_id=team.manager_id)
    assert check.ok
    assert check.content_sha256 == expected
    assert _actions(db)[-3:] == ["session_signed", "session_countersigned", "record_verified"]


def test_worker_records_disagreement_in_their_own_words(
    db: DbFactory, team: Team1, signoff: SignOffService
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    with pytest.raises(SignOffError, match="Write what you disagree with"):
        signoff.record_disagreement(session_id, signer_id=team.worker_id, statement="  ")
    words = "I do not agree the risk is <lower> & I said so"
    signoff.record_disagreement(session_id, signer_id=team.worker_id, statement=words)
    assert _status(db, session_id) is SessionStatus.DISAGREEMENT_RECORDED
    with db() as s:
        last = s.scalars(select(Signature).order_by(Signature.id.desc())).first()
        assert last is not None
        assert last.kind is SignatureKind.DISAGREEMENT
        assert last.statement == words
    assert signoff.check_record(session_id, actor_id=None).ok


def test_only_the_right_person_signs_at_the_right_time(
    db: DbFactory, team: Team1, signoff: SignOffService
) -> None:
    draft = make_session(db, team, status=SessionStatus.DRAFT)
    with pytest.raises(SignOffError, match="still a draft"):
        signoff.sign(draft, signer_id=team.manager_id)
    ready = make_session(db, team, meeting_at=dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC))
    with pytest.raises(SignOffError, match="Only the supervisor"):
        signoff.sign(ready, signer_id=team.worker_id)
    with pytest.raises(SignOffError, match="supervisor signs it first"):
        signoff.countersign(ready, signer_id=team.worker_id)
    signoff.sign(ready, signer_id=team.manager_id)
    with pytest.raises(SignOffError, match="already signed by supervisor"):
        signoff.sign(ready, signer_id=team.manager_id)
    with pytest.raises(SignOffError, match="Only the worker"):
        signoff.countersign(ready, signer_id=team.manager_id)
    with db() as s:
        assert s.query(Signature).count() == 1


def test_wrong_passphrase_changes_nothing(
    db: DbFactory, identities: IdentityStore, signoff: SignOffService,
    team: Team1,
) -> None:
    # The manager's key protected by their own passphrase (no keyring copy).
    with transaction(db) as s:
        identities.self_issue(s, s.get_one(Staff, team.manager_id), actor_id=None,
                              passphrase="correct horse battery")
    session_id = make_session(db, team)
    events_before = _actions(db)

    with pytest.raises(WrongPassphrase, match="passphrase for the signing key of Ann Manager is wrong"):
        signoff.sign(session_id, signer_id=team.manager_id, passphrase="not the passphrase")
    with pytest.raises(PassphraseRequired, match="not in this computer's keyring"):
        signoff.sign(session_id, signer_id=team.manager_id)

    assert _status(db, session_id) is SessionStatus.READY_TO_SIGN
    assert _actions(db) == events_before
    with db() as s:
        assert s.query(Signature).count() == 0
    signoff.sign(session_id, signer_id=team.manager_id, passphrase="correct horse battery")
    assert _status(db, session_id) is SessionStatus.SIGNED_BY_SUPERVISOR


def test_addendum_is_signed_and_keeps_the_original_intact(
    db: DbFactory, team: Team1, signoff: SignOffService, clock: FixedClock
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    signoff.countersign(session_id, signer_id=team.worker_id)
    with db() as s:
        before = session_content_sha256(s, session_id)
        discussion_id = s.execute(
            text("SELECT id FROM case_discussion WHERE session_id = :s ORDER BY id"), {"s": session_id}
        ).scalars().first()

    clock.advance(days=3)
    addendum_id = signoff.add_addendum(session_id, author_id=team.manager_id,
                                       discussion_id=discussion_id,
                                       text="Correction: the meeting is on 4 December, not 3.")
    with db() as s:
        assert session_content_sha256(s, session_id) == before
        addendum = s.get_one(Addendum, addendum_id)
        assert addendum.text.startswith("Correction")
        kinds = [x.kind for x in s.scalars(select(Signature).order_by(Signature.id))]
        assert kinds[-1] is SignatureKind.ADDENDUM
    assert _status(db, session_id) is SessionStatus.COUNTERSIGNED
    check = signoff.check_record(session_id, actor_id=None)
    assert check.ok
    assert len(check.signatures) == 3
    assert "addendum_signed" in _actions(db)


def test_addendum_needs_a_signed_session(
    db: DbFactory, team: Team1, signoff: SignOffService
) -> None:
    session_id = make_session(db, team)
    with pytest.raises(SignOffError, match="not signed yet"):
        signoff.add_addendum(session_id, author_id=team.manager_id, text="x")


def test_check_record_notices_content_that_changed_outside_the_frozen_tables(
    db: DbFactory, team: Team1, signoff: SignOffService
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    with transaction(db) as s:  # the child's LA id is signed but lives in child
        s.execute(text("UPDATE child SET la_child_id = 'EDITED' WHERE id = :c"), {"c": team.child_ids[0]})
    check = signoff.check_record(session_id, actor_id=None)
    assert not check.ok
    assert not check.signatures[0].content_matches
    assert check.signatures[0].signature_valid
