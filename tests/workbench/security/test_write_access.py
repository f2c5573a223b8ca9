"""The supervision services refuse changes the signed-in person's role does not allow, whatever
the UI shows: practice leads read only, workers write only their own reflections, a manager
changes only their own team's sessions. A refused change writes nothing, not even an event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import RaterRole
from db.models import AuditEvent, CaseDiscussion, Reflection, SupervisionSession, Worry
from tests.conftest import FixedClock
from tests.workbench.security.conftest import TwoTeams
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.supervision.actions import add_action
from workbench.supervision.agenda import add_agenda_item, drop_agenda_item
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import add_decision, save_answer
from workbench.supervision.errors import NotAllowed
from workbench.supervision.reflections import save_reflection
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import mark_ready_to_sign, save_session_fields, start_session
from workbench.supervision.worries import add_worry


@dataclass
class NorthSession:
    ctx: SupervisionContext  # acting as Nia, North's manager, who holds the session
    session_id: int
    discussion_id: int


@pytest.fixture
def north(db: DbFactory, teams: TwoTeams, clock: FixedClock) -> NorthSession:
    ctx = SupervisionContext(db, AuditTrail(clock, key=b"k" * 32), clock, teams.nia)
    started = start_session(ctx, supervisee_id=teams.wes, meeting_at=clock() - dt.timedelta(hours=2))
    discussion_id = add_agenda_item(ctx, started.session_id, teams.wes_case)
    return NorthSession(ctx, started.session_id, discussion_id)


def _snapshot(db: DbFactory) -> tuple[Any, ...]:
    """What a refused change must leave as it was: the session, its discussion, the events."""
    with db() as s:
        session = s.scalars(select(SupervisionSession)).one()
        discussions = s.scalars(select(CaseDiscussion).order_by(CaseDiscussion.id)).all()
        return (session.workload, session.status, session.updated_at,
                [(d.id, dict(d.answers), d.updated_at) for d in discussions],
                s.scalar(select(func.count()).select_from(Worry)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def _content_changes(north: NorthSession) -> list[Callable[[SupervisionContext], object]]:
    d = north.discussion_id
    return [
        lambda ctx: save_session_fields(ctx, north.session_id, workload="Heavy this month"),
        lambda ctx: save_answer(ctx, d, "harm", "Bruising seen at school"),
        lambda ctx: add_worry(ctx, d, "Dad drinks and the children are alone", "A sober adult at home"),
        lambda ctx: save_score(ctx, d, None, RaterRole.SUPERVISOR, score=4, reason="Plan holding"),
        lambda ctx: add_decision(ctx, d, "Hold a network meeting", "Grandmother can help"),
        lambda ctx: add_action(ctx, d, "Book the network meeting", owner_name="Wes"),
        lambda ctx: drop_agenda_item(ctx, d),
        lambda ctx: mark_ready_to_sign(ctx, north.session_id),
    ]


def test_a_practice_lead_reads_but_cannot_change_a_session(
    db: DbFactory, teams: TwoTeams, north: NorthSession
) -> None:
    before = _snapshot(db)
    lead = north.ctx.acting_as(teams.lead)
    for change in _content_changes(north):
        with pytest.raises(AccessDenied, match="read, print and export"):
            change(lead)
    assert _snapshot(db) == before


def test_a_worker_cannot_change_their_own_session_only_their_reflection(
    db: DbFactory, teams: TwoTeams, north: NorthSession
) -> None:
    before = _snapshot(db)
    wes = north.ctx.acting_as(teams.wes)
    for change in _content_changes(north):
        with pytest.raises(AccessDenied, match="Only the supervisor"):
            change(wes)
    assert _snapshot(db) == before
    # Their own part: a reflection on their own child, not on a colleague's.
    saved = save_reflection(wes, teams.wes_case, what_happened="Mum moved out")
    assert saved.changed
    with pytest.raises(NotAllowed, match="allocated worker"):
        save_reflection(wes, teams.wyn_case, what_happened="Not my child")
    with db() as s:
        assert [r.case_id for r in s.scalars(select(Reflection))] == [teams.wes_case]


def test_a_manager_changes_only_their_own_teams_sessions(
    db: DbFactory, teams: TwoTeams, north: NorthSession, clock: FixedClock
) -> None:
    before = _snapshot(db)
    sam = north.ctx.acting_as(teams.sam)  # South's manager
    for change in _content_changes(north):
        with pytest.raises(AccessDenied, match="another worker or team"):
            change(sam)
    assert _snapshot(db) == before
    # Nor can Sam start a session with a North worker, or anyone but a manager start one.
    with pytest.raises(AccessDenied, match="own team"):
        start_session(sam, supervisee_id=teams.wyn, meeting_at=clock() - dt.timedelta(hours=1))
    with pytest.raises(AccessDenied, match="read, print and export"):
        start_session(north.ctx.acting_as(teams.lead), supervisee_id=teams.wyn,
                      meeting_at=clock() - dt.timedelta(hours=1))
    with pytest.raises(AccessDenied, match="held by a team manager"):
        start_session(north.ctx.acting_as(teams.wyn), supervisee_id=teams.wes,
                      meeting_at=clock() - dt.timedelta(hours=1), supervisor_id=teams.nia)
    with db() as s:
        assert s.scalar(select(func.count()).select_from(SupervisionSession)) == 1
    # The team's own manager still can.
    assert save_answer(north.ctx, north.discussion_id, "harm", "Bruising seen at school")
    assert save_session_fields(north.ctx, north.session_id, workload="Heavy this month")


def test_an_admin_cannot_change_records(
    db: DbFactory, teams: TwoTeams, north: NorthSession
) -> None:
    before = _snapshot(db)
    admin = north.ctx.acting_as(teams.admin)
    for change in _content_changes(north):
        with pytest.raises(AccessDenied, match="Admins manage identities"):
            change(admin)
    assert _snapshot(db) == before
