"""The sign-off screens' reads and the signed note, in the core: who sees which session waiting,
and who may open a signed note (the audit trail records each opening, and nothing else)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import Role, SessionStatus
from db.models import AuditEvent, Staff
from tests.workbench.signing.builders import Team1, make_session
from workbench.access import AccessDenied, Actor
from workbench.export.kept import signed_note
from workbench.signing.desk import Step, prepare_plan, read_facts, run_step, waiting_for
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


def _actor(db: DbFactory, staff_id: int) -> Actor:
    with db() as s:
        return Actor.of(s.get_one(Staff, staff_id))


def _viewed(db: DbFactory) -> int:
    with db() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEvent)
                            .where(AuditEvent.action == "record_viewed")) or 0)


def test_the_list_offers_each_person_their_own_next_step(
    db: DbFactory, team: Team1, signoff: SignOffService
) -> None:
    session_id = make_session(db, team)
    assert [(r.session_id, r.steps) for r in waiting_for(db, team.manager_id)] == \
        [(session_id, (Step.SIGN,))]
    assert waiting_for(db, team.worker_id) == []  # not before the supervisor signs
    assert waiting_for(db, None) == []

    facts = read_facts(signoff, session_id, team.manager_id)
    assert (facts.supervisor_name, facts.worker_name, facts.children) == ("Ann Manager", "Bo Worker", 2)
    assert facts.has_identity
    assert facts.identity_trusted
    run_step(signoff, prepare_plan(signoff, Step.SIGN, session_id, team.manager_id), passphrase=None)

    [row] = waiting_for(db, team.worker_id)
    assert row.status is SessionStatus.SIGNED_BY_SUPERVISOR
    assert row.steps == (Step.COUNTERSIGN, Step.DISAGREE)
    assert [r.steps for r in waiting_for(db, team.manager_id)] == [(Step.ADDENDUM,)]


def test_only_the_supervisor_and_worker_open_the_signed_note(
    db: DbFactory, team: Team1, signoff: SignOffService, identities: IdentityStore
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    with transaction(db) as s:
        other = Staff(name="Cy Other", name_key="cy other", role=Role.WORKER, team_id=team.team_id)
        s.add(other)
        s.flush()
        other_id = other.id

    worker = _actor(db, team.worker_id)
    pdf = signed_note(db, identities, signoff.audit, signoff.clock, session_id, actor=worker)
    assert pdf.startswith(b"%PDF")
    assert _viewed(db) == 1

    with pytest.raises(AccessDenied, match="Only the supervisor and the worker"):
        signed_note(db, identities, signoff.audit, signoff.clock, session_id,
                    actor=_actor(db, other_id))
    assert _viewed(db) == 1  # a refusal is not a viewing
