"""A consultation as its screen shows it, read for the person at the keyboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.enums import Role, SessionStatus
from db.models import CaseAllocation, Child, Staff
from workbench.access import AccessDenied, actor_for, require_session_editor
from workbench.caseload import StaffRow
from workbench.consultation.board import Board, read_board
from workbench.consultation.service import (
    accountable_manager_present,
    consultation_of,
    missing_for_signing,
    require_consultation_reader,
)
from workbench.consultation.steps import FIELD_OF_STEP, Step
from workbench.messages import translatable
from workbench.supervision.context import SupervisionContext


@dataclass(frozen=True)
class ChildRef:
    discussion_id: int
    case_id: int
    label: str


@dataclass(frozen=True)
class ConsultationView:
    session_id: int
    status: SessionStatus
    meeting_at: dt.datetime
    facilitator_id: int
    facilitator: str
    presenter_id: int
    presenter: str
    present: tuple[str, ...]
    children: tuple[ChildRef, ...]
    texts: dict[Step, str]
    time_boxes: dict[Step, int]
    board: Board
    accountable_manager_present: bool
    can_edit: bool  # the facilitator (or the presenter's manager), while a draft
    is_presenter: bool
    missing: tuple[str, ...]  # what signing still needs

    def text(self, step: Step) -> str:
        return self.texts.get(step, "")


def load_consultation(ctx: SupervisionContext, session_id: int) -> ConsultationView:
    """The consultation for the screen (AccessDenied for someone who was not in it)."""
    with ctx.db() as s:
        actor = require_consultation_reader(s, ctx, session_id)
        session, consultation = consultation_of(s, session_id)
        try:
            require_session_editor(s, actor, session_id)
            editor = True
        except AccessDenied:
            editor = False
        children = tuple(
            ChildRef(d.id, d.case_id, d.child.name or d.child.la_child_id) for d in session.discussions)
        return ConsultationView(
            session_id=session.id, status=session.status, meeting_at=session.meeting_at,
            facilitator_id=session.supervisor_id, facilitator=session.supervisor.name,
            presenter_id=session.supervisee_id, presenter=session.supervisee.name,
            present=tuple(session.present or ()), children=children,
            texts={step: getattr(consultation, field) for step, field in FIELD_OF_STEP.items()},
            time_boxes={Step(k): int(v) for k, v in (consultation.time_boxes or {}).items()},
            # The facilitator's screen is the room's (scores are typed at it, it may be projected):
            # it shows nobody's number, theirs included, until the scores are shown side by side.
            board=read_board(s, session, consultation,
                             viewer_id=None if actor.staff_id == session.supervisor_id else ctx.actor_id),
            accountable_manager_present=accountable_manager_present(s, session),
            can_edit=editor and session.status is SessionStatus.DRAFT,
            is_presenter=actor.staff_id == session.supervisee_id,
            missing=(tuple(missing_for_signing(s, session_id))
                     if session.status is SessionStatus.DRAFT else ()),
        )


@dataclass(frozen=True)
class Choices:
    """Who and what a consultation can be started with, for the start dialog."""

    presenters: tuple[StaffRow, ...]
    facilitators: tuple[StaffRow, ...]
    colleagues: tuple[StaffRow, ...]  # who may take part with an account
    cases: dict[int, tuple[tuple[int, str], ...]]  # presenter id -> (case id, child label)


def consultation_choices(ctx: SupervisionContext) -> Choices:
    """The people and children the person at the keyboard may start a consultation with."""
    with ctx.db() as s:
        actor = actor_for(s, ctx.actor_id)
        if actor.role not in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD):
            raise AccessDenied(translatable(
                    "workbench.consultation", "A case consultation is started by a team manager or a "
                                              "practice lead."))
        staff = s.scalars(select(Staff).where(Staff.active.is_(True), Staff.role != Role.ADMIN)
                          .order_by(Staff.name)).all()
        rows = {p.id: StaffRow(p.id, p.name, p.role, p.team_id, None) for p in staff}
        presenters = tuple(rows[p.id] for p in staff if p.role is Role.WORKER and (
            actor.role is Role.PRACTICE_LEAD or p.team_id == actor.team_id))
        cases: dict[int, list[tuple[int, str]]] = {}
        for case_id, worker_id, name, la_id in s.execute(
                select(CaseAllocation.id, CaseAllocation.worker_id, Child.name, Child.la_child_id)
                .join(Child, Child.id == CaseAllocation.child_id)
                .where(CaseAllocation.end_date.is_(None),
                       CaseAllocation.worker_id.in_([p.id for p in presenters]))
                .order_by(Child.la_child_id)):
            cases.setdefault(worker_id, []).append((case_id, f"{name} ({la_id})" if name else la_id))
        return Choices(
            presenters=presenters,
            facilitators=tuple(rows[p.id] for p in staff
                               if p.role in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD)),
            colleagues=tuple(rows.values()),
            cases={k: tuple(v) for k, v in cases.items()},
        )


@dataclass(frozen=True)
class ConsultationRef:
    session_id: int
    meeting_at: dt.datetime
    presenter: str
    children: str
    status: SessionStatus
    waiting_for_me: bool  # to sign (the facilitator) or to countersign (the presenter)


def my_consultations(ctx: SupervisionContext) -> list[ConsultationRef]:
    """The consultations still open for the person at the keyboard: drafts and records to sign
    they facilitate, and records they presented that wait for their countersignature."""
    from db.enums import SessionKind
    from db.models import SupervisionSession

    with ctx.db() as s:
        me = ctx.actor_id
        rows = s.scalars(
            select(SupervisionSession)
            .where(SupervisionSession.kind == SessionKind.GROUP_CONSULTATION,
                   ((SupervisionSession.supervisor_id == me)
                    & SupervisionSession.status.in_([SessionStatus.DRAFT, SessionStatus.READY_TO_SIGN]))
                   | ((SupervisionSession.supervisee_id == me)
                      & (SupervisionSession.status == SessionStatus.SIGNED_BY_SUPERVISOR)))
            .order_by(SupervisionSession.meeting_at.desc())).all()
        return [ConsultationRef(
            r.id, r.meeting_at, r.supervisee.name,
            ", ".join(d.child.name or d.child.la_child_id for d in r.discussions), r.status,
            r.status in (SessionStatus.READY_TO_SIGN, SessionStatus.SIGNED_BY_SUPERVISOR))
            for r in rows]
