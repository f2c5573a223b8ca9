"""The agenda of a session: proposed from the caseload, then reordered, added to, dropped from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from db.engine import transaction
from db.enums import ActionStatus
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Decision,
    Reflection,
    ScalingScore,
    Staff,
    SupervisionSession,
    Worry,
    WorryRevision,
)
from workbench.caseload_scores import caseload_glance
from workbench.messages import translatable
from workbench.supervision.agenda_rules import (
    DEFAULT_POLICY,
    AgendaPolicy,
    AgendaProposal,
    CaseFacts,
    added_by_hand_text,
    propose,
)
from workbench.supervision.case_facts import case_as_at
from workbench.supervision.common import audit, stamp, writable_discussion, writable_session
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.reflections import link_pending_reflection

ADDED_BY_HAND = str(added_by_hand_text())  # stored in English: see agenda_rules.reason_message


def case_facts(ctx: SupervisionContext, supervisee_id: int) -> list[CaseFacts]:
    """The agenda rules' facts for each of the worker's open cases (a fixed number of queries)."""
    today = ctx.clock().date()
    glance = caseload_glance(ctx.db, ctx.clock, worker_id=supervisee_id)
    with ctx.db() as s:
        dates = {case_id: (start, visit) for case_id, start, visit in s.execute(
            select(CaseAllocation.id, CaseAllocation.start_date, CaseAllocation.last_visit_date)
            .where(CaseAllocation.worker_id == supervisee_id, CaseAllocation.end_date.is_(None)))}
        overdue = dict(s.execute(
            select(Action.case_id, func.count(Action.id))
            .join(CaseAllocation, CaseAllocation.id == Action.case_id)
            .where(CaseAllocation.worker_id == supervisee_id, CaseAllocation.end_date.is_(None),
                   Action.status == ActionStatus.OPEN, Action.due_date < today)
            .group_by(Action.case_id)
        ).all())
        flagged = set(s.scalars(
            select(Reflection.case_id).where(
                Reflection.worker_id == supervisee_id, Reflection.discussion_id.is_(None),
                Reflection.flag_for_discussion.is_(True))
        ))
    return [
        CaseFacts(
            case_id=row.case_id, child_id=row.child_id, child_label=row.child_label, kind=row.kind,
            start_date=dates.get(row.case_id, (None, None))[0],
            last_discussed=row.last_supervised.date() if row.last_supervised else None,
            latest_score=row.latest_score, previous_score=row.previous_score,
            overdue_actions=overdue.get(row.case_id, 0), last_visit=dates.get(row.case_id, (None, None))[1],
            flagged_by_worker=row.case_id in flagged,
        )
        for row in glance
    ]


def propose_agenda(ctx: SupervisionContext, supervisee_id: int,
                   policy: AgendaPolicy = DEFAULT_POLICY) -> list[AgendaProposal]:
    """The children to discuss with this worker and why, the most pressing first."""
    today = ctx.clock().date()
    with ctx.db() as s:
        worker = s.get(Staff, supervisee_id)
        if worker is None:
            raise NotFound(translatable(
                    "workbench.supervision", "Staff member %1 does not exist; choose the worker again.")
                    .arg(supervisee_id))
        newly_qualified = worker.is_newly_qualified(today)
    proposals = propose(case_facts(ctx, supervisee_id), today, newly_qualified=newly_qualified,
                        policy=policy)
    with transaction(ctx.db) as s:
        audit(ctx, s, "agenda.propose", "staff", supervisee_id, cases_proposed=len(proposals))
    return proposals


def create_discussion(s: Session, session: SupervisionSession, case: CaseAllocation,
                      reasons: Sequence[str], position: int, now: dt.datetime) -> CaseDiscussion:
    discussion = CaseDiscussion(session=session, child_id=case.child_id, case=case,
                                agenda_position=position, agenda_reasons=list(reasons), answers={},
                                child_voice="", impact_statement="", escalation_decision="",
                                score_difference_note="", updated_at=now,
                                scale_variant=_fitting_variant(s, session, case), scale_variant_reason="")
    s.add(discussion)
    s.flush()
    link_pending_reflection(s, discussion)
    return discussion


def _fitting_variant(s: Session, session: SupervisionSession, case: CaseAllocation) -> str | None:
    """The scale wording that fits the child's case kind at the meeting, as the session's question
    set words it."""
    kind = case_as_at(s, case, session.meeting_at).kind
    variant = stored_question_set(session.question_set).scale.variant_for(kind)
    return None if variant is None else variant.id


def _case_for(s: Session, session: SupervisionSession, case_id: int) -> CaseAllocation:
    case = s.get(CaseAllocation, case_id)
    if case is None:
        raise NotFound(translatable("workbench.supervision", "Case %1 does not exist; reload the caseload.")
                       .arg(case_id))
    if case.worker_id != session.supervisee_id:
        raise InvalidInput(translatable(
                "workbench.supervision", "That child is not on this worker's caseload; only their own "
                                         "children can be discussed in their supervision."))
    return case


def add_agenda_item(ctx: SupervisionContext, session_id: int, case_id: int,
                    reasons: Sequence[str] | None = None) -> int:
    """Put a child on the agenda (at the end); returns the discussion id. Idempotent."""
    with transaction(ctx.db) as s:
        session = writable_session(ctx, s, session_id)
        case = _case_for(s, session, case_id)
        existing = s.scalars(select(CaseDiscussion).where(
            CaseDiscussion.session_id == session_id, CaseDiscussion.child_id == case.child_id)).first()
        if existing is not None:
            return existing.id
        last = s.scalar(select(func.max(CaseDiscussion.agenda_position))
                        .where(CaseDiscussion.session_id == session_id))
        discussion = create_discussion(s, session, case, reasons or [ADDED_BY_HAND],
                                       0 if last is None else last + 1, ctx.clock())
        stamp(session, ctx.clock())
        audit(ctx, s, "agenda.add", "case_discussion", discussion.id, session_id=session_id,
              case_id=case_id)
        return discussion.id


def reorder_agenda(ctx: SupervisionContext, session_id: int, discussion_ids: Sequence[int]) -> None:
    """Set the agenda's order; ``discussion_ids`` must name each item of the agenda once."""
    with transaction(ctx.db) as s:
        session = writable_session(ctx, s, session_id)
        current = {d.id: d for d in session.discussions}
        if sorted(discussion_ids) != sorted(current):
            raise InvalidInput(translatable(
                    "workbench.supervision", "The new order does not match the agenda (an item was added or "
                                             "dropped meanwhile); reload the agenda and try again."))
        changed = False
        for position, discussion_id in enumerate(discussion_ids):
            if current[discussion_id].agenda_position != position:
                current[discussion_id].agenda_position = position
                stamp(current[discussion_id], ctx.clock())
                changed = True
        if changed:
            stamp(session, ctx.clock())
            audit(ctx, s, "agenda.reorder", "supervision_session", session_id,
                  order=list(discussion_ids))


def move_agenda_item(ctx: SupervisionContext, discussion_id: int, new_index: int) -> None:
    """Move one child to ``new_index`` (0 = first) in its session's agenda."""
    with ctx.db() as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        session_id = discussion.session_id
        order = [d.id for d in discussion.session.discussions]
    order.remove(discussion_id)
    order.insert(max(0, min(new_index, len(order))), discussion_id)
    reorder_agenda(ctx, session_id, order)


def drop_agenda_item(ctx: SupervisionContext, discussion_id: int) -> None:
    """Take a child off the agenda, undoing everything recorded for them in this session."""
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        session = discussion.session
        discard_discussion_content(s, discussion)
        s.delete(discussion)
        s.flush()
        for position, remaining in enumerate(
                s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session.id)
                          .order_by(CaseDiscussion.agenda_position, CaseDiscussion.id))):
            if remaining.agenda_position != position:
                remaining.agenda_position = position
                stamp(remaining, ctx.clock())
        stamp(session, ctx.clock())
        audit(ctx, s, "agenda.drop", "case_discussion", discussion_id, session_id=session.id,
              case_id=discussion.case_id)


def discard_discussion_content(s: Session, discussion: CaseDiscussion) -> None:
    """Remove what this (draft) discussion recorded and undo what it changed elsewhere."""
    d = discussion.id
    s.execute(delete(ScalingScore).where(ScalingScore.discussion_id == d))
    s.execute(delete(Decision).where(Decision.discussion_id == d))
    # Reviews made here are undone; actions created here (carried copies too) go.
    s.execute(update(Action).where(Action.reviewed_in_id == d).values(
        status=ActionStatus.OPEN, status_reason="", reviewed_in_id=None))
    s.execute(delete(Action).where(Action.discussion_id == d))
    opened_here = list(s.scalars(select(Worry.id).where(Worry.opened_in_id == d)))
    if opened_here:
        s.execute(delete(ScalingScore).where(ScalingScore.worry_id.in_(opened_here)))
        s.execute(delete(WorryRevision).where(WorryRevision.worry_id.in_(opened_here)))
        s.execute(delete(Worry).where(Worry.id.in_(opened_here)))
    s.execute(update(Worry).where(Worry.closed_in_id == d).values(closed_in_id=None, closed_reason=None))
    reworded = list(s.scalars(select(WorryRevision).where(WorryRevision.discussion_id == d)))
    for revision in reworded:
        worry_id = revision.worry_id
        s.delete(revision)
        s.flush()
        previous = s.scalars(select(WorryRevision).where(WorryRevision.worry_id == worry_id)
                             .order_by(WorryRevision.id.desc())).first()
        worry = s.get_one(Worry, worry_id)
        if previous is not None:
            worry.danger_statement, worry.safety_goal = previous.danger_statement, previous.safety_goal
            worry.parts = previous.parts
    for reflection in s.scalars(select(Reflection).where(Reflection.discussion_id == d)):
        reflection.discussion_id = None
        flag_modified(reflection, "updated_at")  # unlinking is not the worker editing it
    s.flush()
    s.expire_all()

