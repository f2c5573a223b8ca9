"""A practice lead answers an open disagreement: signed, audited, on the record, and the
disagreement leaves the open list; everyone else is refused and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import AuditEvent, DisagreementResponse, Signature, Staff
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, START, World, build_world
from tests.workbench.signing.conftest import give_identities
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.oversight import (
    ResponseError,
    oversight_report,
    respond_to_disagreement,
    responses_for_session,
)
from workbench.oversight.disagreements import response_content
from workbench.signing.certificates import load_certificates_pem, verify_bytes
from workbench.signing.content import canonical_bytes
from workbench.signing.identity import IdentityStore


@pytest.fixture
def world(db: DbFactory, identities: IdentityStore) -> World:
    made = build_world(db)
    give_identities(db, identities, made.staff["Pat"])
    return made


def lead(world: World) -> Actor:
    return Actor(world.staff["Pat"], Role.PRACTICE_LEAD, None, "Pat")


def responses(db: DbFactory) -> int:
    with db() as s:
        return s.scalar(select(func.count(DisagreementResponse.id))) or 0


def respond(db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
            who: Actor, text: str = "Seen both views; the score stands, reviewed at the next CP "
                                    "conference.", signature: str = "cy-1030-disagreement") -> int:
    return respond_to_disagreement(
        db, identities, AuditTrail(now), now, actor=who, responder_id=who.staff_id,
        signature_id=world.signatures[signature], text=text).response_id


def test_an_answered_disagreement_is_signed_audited_and_leaves_the_open_list(
        db: DbFactory, identities: IdentityStore, now: FixedClock,
        world: World) -> None:
    team = world.teams["Northgate"]
    before = oversight_report(db, now, team_id=team, start=START, end=END)
    assert len(before.open_disagreements) == 1
    response_id = respond(db, identities, now, world, lead(world))
    after = oversight_report(db, now, team_id=team, start=START, end=END)
    assert after.open_disagreements == ()
    session_id = world.sessions["cy-1030"]
    carried = responses_for_session(db, session_id)
    assert carried[world.signatures["cy-1030-disagreement"]].responder_name == "Pat"
    with db() as s:
        response = s.get_one(DisagreementResponse, response_id)
        disagreement = s.get_one(Signature, response.signature_id)
        pat = s.get_one(Staff, world.staff["Pat"])
        certificate = load_certificates_pem(pat.certificate_pem or "")[0]
        payload = canonical_bytes(response_content(response, disagreement))
        assert verify_bytes(certificate, payload, response.signature)
        assert not verify_bytes(certificate, payload.replace(b"stands", b"falls"), response.signature)
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "disagreement_answered")).one()
    assert (event.actor_id, event.entity_id) == (world.staff["Pat"], str(session_id))
    assert event.details["response_id"] == response_id


def test_a_second_answer_is_refused(db: DbFactory, identities: IdentityStore,
                                    now: FixedClock, world: World) -> None:
    respond(db, identities, now, world, lead(world))
    with pytest.raises(ResponseError, match="already been answered"):
        respond(db, identities, now, world, lead(world), "Again")
    assert responses(db) == 2  # the builder's answered one, and this one


@pytest.mark.parametrize(("name", "role", "says"), [
    ("Ann", Role.TEAM_MANAGER, "practice lead"),
    ("Cy", Role.WORKER, "practice lead"),
    ("Ada", Role.ADMIN, "practice lead"),
])
def test_only_a_practice_lead_answers(db: DbFactory, identities: IdentityStore,
                                      now: FixedClock, world: World, name: str, role: Role,
                                      says: str) -> None:
    who = Actor(world.staff[name], role, world.teams["Northgate"], name)
    with pytest.raises(AccessDenied, match=says):
        respond(db, identities, now, world, who)
    assert responses(db) == 1


def test_nobody_answers_in_another_persons_name(db: DbFactory,
                                               identities: IdentityStore, now: FixedClock,
                                               world: World) -> None:
    with pytest.raises(AccessDenied, match="signed only by the person it names"):
        respond_to_disagreement(db, identities, AuditTrail(now), now, actor=lead(world),
                                responder_id=world.staff["Ann"],
                                signature_id=world.signatures["cy-1030-disagreement"], text="x")
    assert responses(db) == 1


@pytest.mark.parametrize(("text", "signature", "says"), [
    ("   ", "cy-1030-disagreement", "Write the response"),
    ("x" * 4001, "cy-1030-disagreement", "longer than"),
    ("Fine", "cy-1030-approval", "not a recorded disagreement"),
])
def test_bad_answers_are_refused_and_nothing_is_written(
        db: DbFactory, identities: IdentityStore, now: FixedClock, world: World,
        text: str, signature: str, says: str) -> None:
    with pytest.raises(ResponseError, match=says):
        respond(db, identities, now, world, lead(world), text, signature)
    assert responses(db) == 1
    with db() as s:
        assert s.scalar(select(func.count(AuditEvent.id))
                        .where(AuditEvent.action == "disagreement_answered")) == 0


@pytest.mark.parametrize("statement", [
    "UPDATE disagreement_response SET text = 'changed'",
    "DELETE FROM disagreement_response",
])
def test_the_database_refuses_to_change_an_answer(db: DbFactory, world: World,
                                                  statement: str) -> None:
    with pytest.raises(DBAPIError, match="never changes"), transaction(db) as s:
        s.execute(text(statement))
    assert responses(db) == 1
