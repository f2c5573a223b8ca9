"""A small team with a manager, two workers (one newly qualified) and a few children."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from db.engine import DbFactory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from tests.conftest import FixedClock
from workbench.audit import AuditTrail
from workbench.supervision.context import SupervisionContext


@dataclass(frozen=True)
class Team1:
    manager_id: int
    worker_id: int
    nq_worker_id: int
    other_worker_id: int
    case_ids: tuple[int, ...]  # the worker's cases, C1..C4
    nq_case_id: int
    other_case_id: int


def add_team(db: DbFactory, today: dt.date) -> Team1:
    with transaction(db) as s:
        team = Team(name="Northgate", name_key="northgate")
        manager = Staff(name="Ann Manager", name_key="ann manager", role=Role.TEAM_MANAGER, team=team)
        worker = Staff(name="Bo Worker", name_key="bo worker", role=Role.WORKER, team=team)
        nq = Staff(name="Cy New", name_key="cy new", role=Role.WORKER, team=team,
                   newly_qualified_until=today + dt.timedelta(days=200))
        other = Staff(name="Di Other", name_key="di other", role=Role.WORKER, team=team)
        s.add_all([team, manager, worker, nq, other])
        cases = []
        for number, kind in enumerate([CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION_PLAN,
                                       CaseKind.LOOKED_AFTER, CaseKind.CHILD_IN_NEED], start=1):
            child = Child(la_child_id=f"C{number}", name=f"Child {number}")
            cases.append(CaseAllocation(child=child, worker=worker, team=team, kind=kind,
                                        start_date=today - dt.timedelta(days=100),
                                        last_visit_date=today - dt.timedelta(days=5)))
        nq_case = CaseAllocation(child=Child(la_child_id="N1"), worker=nq, team=team,
                                 kind=CaseKind.CHILD_IN_NEED, start_date=today - dt.timedelta(days=20),
                                 last_visit_date=today - dt.timedelta(days=3))
        other_case = CaseAllocation(child=Child(la_child_id="O1"), worker=other, team=team,
                                    kind=CaseKind.CHILD_IN_NEED, start_date=today)
        s.add_all([*cases, nq_case, other_case])
        s.flush()
        return Team1(manager.id, worker.id, nq.id, other.id, tuple(c.id for c in cases), nq_case.id,
                     other_case.id)


@pytest.fixture
def team(db: DbFactory, clock: FixedClock) -> Team1:
    return add_team(db, clock.today())


@pytest.fixture
def ctx(db: DbFactory, clock: FixedClock, team: Team1) -> SupervisionContext:
    """The manager at the keyboard."""
    return SupervisionContext(db, AuditTrail(clock), clock, team.manager_id)


def as_worker(ctx: SupervisionContext, worker_id: int) -> SupervisionContext:
    return ctx.acting_as(worker_id)


def fill_discussion(ctx: SupervisionContext, discussion_id: int, *, score: int = 6) -> None:
    """Answer everything the default set requires for one child, through the services."""
    from db.enums import RaterRole
    from workbench.supervision.actions import add_action
    from workbench.supervision.discussions import add_decision, save_answer
    from workbench.supervision.loading import load_discussion
    from workbench.supervision.scores import save_score
    from workbench.supervision.worries import add_worry

    for question_id, value in [("harm", "Bruise seen at school"), ("existing_strengths", ["Nan helps"]),
                               ("existing_safety", ["Mum called the police"]),
                               ("next_steps", ["Safety plan meeting"]), ("one_step_higher", "Dad in rehab"),
                               ("child_voice", "I like my nan's house"),
                               ("impact_statement", "Because we met nan, the result is a plan")]:
        save_answer(ctx, discussion_id, question_id, value)
    view = load_discussion(ctx, discussion_id)
    worry_ids = [w.id for w in view.open_worries]
    if not worry_ids:
        worry_ids = [add_worry(ctx, discussion_id, "Dad drinks and the children are alone",
                               "A sober adult is always home").worry_id]
    for worry_id in worry_ids:
        save_score(ctx, discussion_id, worry_id, RaterRole.WORKER, score=score, reason="Plan holding")
        save_score(ctx, discussion_id, worry_id, RaterRole.SUPERVISOR, score=score, reason="Agree")
    add_decision(ctx, discussion_id, "Stay on the plan", "It is working")
    add_action(ctx, discussion_id, "Visit weekly", owner_name="Bo Worker",
               due_date=ctx.clock().date() + dt.timedelta(days=14))


def fill_session_fields(ctx: SupervisionContext, session_id: int) -> None:
    from workbench.supervision.sessions import save_session_fields

    save_session_fields(ctx, session_id, duration_minutes=60, present=["Ann Manager", "Bo Worker"],
                        workload="Manageable", wellbeing="Tired but fine")


def sign_for_test(db: DbFactory, session_id: int, signer_id: int) -> None:
    """What the sign-off service does, in its barest form: a signature row, then the status."""
    from db.enums import SessionStatus, SignatureKind
    from db.models import Signature, SupervisionSession

    with transaction(db) as s:
        s.add(Signature(session_id=session_id, signer_id=signer_id, signer_role="supervisor",
                        kind=SignatureKind.APPROVAL, content_sha256="0" * 64, signature=b"sig",
                        certificate_fingerprint="00"))
        s.flush()
        s.get_one(SupervisionSession, session_id).status = SessionStatus.SIGNED_BY_SUPERVISOR


def audit_rows(db: DbFactory) -> list[tuple[str, str, str | None, dict[str, object]]]:
    from sqlalchemy import select

    from db.models import AuditEvent

    with db() as s:
        return [(e.action, e.entity_type, e.entity_id, e.details)
                for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
