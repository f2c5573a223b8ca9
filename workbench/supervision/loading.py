"""Loading a whole session (or one discussion) as a read model, in a fixed number of queries
plus one scale-history read per child."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import ActionStatus, SessionKind, SessionStatus
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    Decision,
    Reflection,
    ScalingScore,
    Staff,
    SupervisionSession,
    Worry,
    WorryRevision,
)
from workbench.access import actor_for, require_session_access
from workbench.history import read_scale_history
from workbench.supervision.agenda_rules import reason_message
from workbench.supervision.case_facts import kind_at
from workbench.supervision.common import audit, get_discussion, get_session
from workbench.supervision.context import SupervisionContext
from workbench.supervision.dates import late_entry_message
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.question_sets import QuestionSet
from workbench.supervision.reflections import link_pending_reflection, reflection_view
from workbench.supervision.scale_rules import scale_prompts
from workbench.supervision.scale_voices import age_on
from workbench.supervision.views import (
    ActionView,
    DecisionView,
    DiscussionView,
    ScoreView,
    SessionView,
    WorryView,
)
from workbench.supervision.worry_parts import clean_parts
from workbench.timefmt import local_date

# Discussions are ordered by (meeting time, id); "before everything" sorts first.
Key = tuple[Any, ...]
_BEFORE_ALL: Key = (0,)


def load_session(ctx: SupervisionContext, session_id: int) -> SessionView:
    """The whole session for the editor, recording that each child's record was viewed.

    In a draft, a worker's reflection written since the child was put on the agenda is
    brought into the discussion now.
    """
    with transaction(ctx.db) as s:
        session = get_session(s, session_id)
        require_session_access(s, actor_for(s, ctx.actor_id), session_id)
        # A reflection prepares the worker's one-to-one, so a case consultation leaves it waiting.
        if session.status is SessionStatus.DRAFT and session.kind is not SessionKind.GROUP_CONSULTATION:
            for discussion in session.discussions:
                link_pending_reflection(s, discussion)
            s.flush()
        view = read_session(s, session_id, today=ctx.clock().date())
        for shown in view.discussions:
            audit(ctx, s, "discussion.view", "case_discussion", shown.id,
                  case_id=shown.case_id, session_id=session_id)
        return view


def reread_after_others(ctx: SupervisionContext, session_id: int, discussion_id: int) -> DiscussionView:
    """One child's discussion read again because someone else changed it (a change notice).

    As when the session is opened, a reflection the worker has begun on this child since is
    brought into a draft, so that the manager sees it while the session is open. No audit
    event: the opening of the session recorded the view.
    """
    with transaction(ctx.db) as s:
        session = get_session(s, session_id)
        require_session_access(s, actor_for(s, ctx.actor_id), session_id)
        discussion = get_discussion(s, discussion_id)
        if session.status is SessionStatus.DRAFT and discussion.session_id == session_id:
            link_pending_reflection(s, discussion)
            s.flush()
        return read_session(s, session_id, today=ctx.clock().date(), only=discussion_id) \
            .discussion(discussion_id)


def load_discussion(ctx: SupervisionContext, discussion_id: int) -> DiscussionView:
    """One child's discussion, fresh from the database (recording the view)."""
    with ctx.db() as s:
        session_id = get_discussion(s, discussion_id).session_id
        require_session_access(s, actor_for(s, ctx.actor_id), session_id)
    with transaction(ctx.db) as s:
        view = read_session(s, session_id, today=ctx.clock().date(), only=discussion_id)
        found = view.discussion(discussion_id)
        audit(ctx, s, "discussion.view", "case_discussion", discussion_id, case_id=found.case_id,
              session_id=session_id)
        return found


def read_session(s: Session, session_id: int, *, today: dt.date, only: int | None = None) -> SessionView:
    """Read the session's view in ``s`` (no audit event: callers record their own)."""
    session = get_session(s, session_id)
    question_set = stored_question_set(session.question_set)
    supervisor = s.get_one(Staff, session.supervisor_id)
    supervisee = s.get_one(Staff, session.supervisee_id)
    rows = [(discussion, child, case) for discussion, child, case in s.execute(
        select(CaseDiscussion, Child, CaseAllocation)
        .join(Child, Child.id == CaseDiscussion.child_id)
        .join(CaseAllocation, CaseAllocation.id == CaseDiscussion.case_id)
        .where(CaseDiscussion.session_id == session_id)
        .order_by(CaseDiscussion.agenda_position, CaseDiscussion.id)
    )]
    if only is not None:
        rows = [row for row in rows if row[0].id == only]
    discussions = tuple(_Reader(s, session, question_set, rows).views())
    return SessionView(
        id=session.id, status=session.status, kind=session.kind,
        supervisor_id=supervisor.id, supervisor_name=supervisor.name,
        supervisee_id=supervisee.id, supervisee_name=supervisee.name,
        supervisee_newly_qualified=supervisee.is_newly_qualified(session.meeting_at.date()),
        meeting_at=session.meeting_at, duration_minutes=session.duration_minutes,
        present=tuple(session.present or ()), blind_scaling=session.blind_scaling,
        workload=session.workload, wellbeing=session.wellbeing,
        learning_development=session.learning_development,
        appreciative_inquiry=session.appreciative_inquiry,
        created_at=session.created_at, updated_at=session.updated_at,
        late_entry=late_entry_message(session.meeting_at, session.created_at),
        question_set=question_set, discussions=discussions, today=today,
    )


def _action_view(a: Action) -> ActionView:
    return ActionView(a.id, a.discussion_id, a.description, a.owner_name, a.owner_staff_id,
                      a.due_date, a.status, a.status_reason, a.reviewed_in_id, a.carried_from_id)


class _Reader:
    """Reads what the discussions need in bulk, then builds one view per discussion."""

    def __init__(self, s: Session, session: SupervisionSession, question_set: QuestionSet,
                 rows: Iterable[tuple[CaseDiscussion, Child, CaseAllocation]]) -> None:
        self.s, self.session, self.question_set = s, session, question_set
        self.rows = list(rows)
        ids = [d.id for d, _, _ in self.rows]
        case_ids = sorted({d.case_id for d, _, _ in self.rows})
        self.keys: dict[int, Key] = {}
        self.discussions_of_case: dict[int, list[tuple[Key, dt.datetime]]] = defaultdict(list)
        for discussion_id, case_id, meeting_at in s.execute(
                select(CaseDiscussion.id, CaseDiscussion.case_id, SupervisionSession.meeting_at)
                .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
                .where(CaseDiscussion.case_id.in_(case_ids))):
            key = (1, meeting_at, discussion_id)
            self.keys[discussion_id] = key
            self.discussions_of_case[case_id].append((key, meeting_at))
        self.worries: dict[int, list[Worry]] = defaultdict(list)
        for worry in s.scalars(select(Worry).where(Worry.case_id.in_(case_ids)).order_by(Worry.id)):
            self.worries[worry.case_id].append(worry)
        self.revisions: dict[int, list[WorryRevision]] = defaultdict(list)
        worry_ids = [w.id for ws in self.worries.values() for w in ws]
        for revision in s.scalars(select(WorryRevision).where(WorryRevision.worry_id.in_(worry_ids))):
            self.revisions[revision.worry_id].append(revision)
        self.scores = self._group(s.scalars(select(ScalingScore).where(ScalingScore.discussion_id.in_(ids))
                                            .order_by(ScalingScore.id)))
        self.decisions = self._group(s.scalars(select(Decision).where(Decision.discussion_id.in_(ids))
                                               .order_by(Decision.position, Decision.id)))
        self.actions: dict[int, list[Action]] = defaultdict(list)
        for action in s.scalars(select(Action).where(Action.case_id.in_(case_ids))
                                .order_by(Action.due_date, Action.id)):
            self.actions[action.case_id].append(action)
        self.reflections = {r.discussion_id: r for r in s.scalars(
            select(Reflection).where(Reflection.discussion_id.in_(ids)).order_by(Reflection.id))}

    @staticmethod
    def _group(items: Iterable[Any]) -> dict[int, list[Any]]:
        grouped: dict[int, list[Any]] = defaultdict(list)
        for item in items:
            grouped[item.discussion_id].append(item)
        return grouped

    def key(self, discussion_id: int | None) -> Key:
        return _BEFORE_ALL if discussion_id is None else self.keys.get(discussion_id, _BEFORE_ALL)

    def views(self) -> Iterable[DiscussionView]:
        for discussion, child, case in self.rows:
            yield self._view(discussion, child, case)

    def _worry_views(self, discussion: CaseDiscussion) -> list[WorryView]:
        here = self.key(discussion.id)
        views = []
        for worry in self.worries[discussion.case_id]:
            if self.key(worry.opened_in_id) > here:
                continue
            if worry.closed_in_id is not None and self.key(worry.closed_in_id) < here:
                continue
            revisions = sorted(self.revisions[worry.id], key=lambda r: (self.key(r.discussion_id), r.id))
            upto = [r for r in revisions if self.key(r.discussion_id) <= here]
            before = [r for r in revisions if self.key(r.discussion_id) < here]
            current = upto[-1] if upto else None
            opened_here = worry.opened_in_id == discussion.id
            reworded_here = not opened_here and any(r.discussion_id == discussion.id for r in revisions)
            previous = before[-1] if reworded_here and before else None
            views.append(WorryView(
                id=worry.id,
                danger_statement=current.danger_statement if current else worry.danger_statement,
                safety_goal=current.safety_goal if current else worry.safety_goal,
                opened_here=opened_here, reworded_here=reworded_here,
                previous_statement=previous.danger_statement if previous else None,
                previous_goal=previous.safety_goal if previous else None,
                closed_here=worry.closed_in_id == discussion.id,
                closed_reason=worry.closed_reason if worry.closed_in_id == discussion.id else None,
                is_open=worry.closed_in_id is None or self.key(worry.closed_in_id) > here,
                parts=clean_parts(current.parts if current else worry.parts),
                previous_parts=clean_parts(previous.parts) if previous else None,
            ))
        return views

    def _view(self, discussion: CaseDiscussion, child: Child, case: CaseAllocation) -> DiscussionView:
        here = self.key(discussion.id)
        scores = tuple(ScoreView(r.id, r.worry_id, r.rater_role, r.rater_name, r.rater_staff_id, r.score,
                                 r.reason, r.recorded_at, r.rater_agency)
                       for r in self.scores[discussion.id])
        worries = self._worry_views(discussion)
        case_actions = self.actions[discussion.case_id]
        to_review = [a for a in case_actions if a.discussion_id != discussion.id
                     and self.key(a.discussion_id) < here
                     and (a.reviewed_in_id == discussion.id or a.status is ActionStatus.OPEN)]
        open_count = sum(1 for w in worries if w.is_open)
        spec = self.question_set.worries
        earlier = [at for key, at in self.discussions_of_case[discussion.case_id] if key < here]
        reflection = self.reflections.get(discussion.id)
        return DiscussionView(
            id=discussion.id, session_id=discussion.session_id, case_id=discussion.case_id,
            child_id=child.id, la_child_id=child.la_child_id, child_name=child.name,
            case_kind=kind_at(self.s, case, self.session.meeting_at, discussion.case_record),
            agenda_position=discussion.agenda_position,
            agenda_reasons=tuple(reason_message(r) for r in discussion.agenda_reasons or ()),
            answers=dict(discussion.answers or {}), child_voice=discussion.child_voice,
            impact_statement=discussion.impact_statement,
            escalation_decision=discussion.escalation_decision,
            score_difference_note=discussion.score_difference_note,
            worries=tuple(worries), scores=scores,
            decisions=tuple(DecisionView(d.id, d.position, d.text, d.rationale)
                            for d in self.decisions[discussion.id]),
            actions=tuple(_action_view(a) for a in case_actions if a.discussion_id == discussion.id),
            actions_to_review=tuple(_action_view(a) for a in to_review),
            reflection=None if reflection is None else reflection_view(reflection),
            prompts=tuple(scale_prompts(scores, self.question_set.scale,
                                        blind=self.session.blind_scaling,
                                        escalation_decision=discussion.escalation_decision,
                                        score_difference_note=discussion.score_difference_note)),
            worry_warning=spec.nudge_message(open_count) if open_count > spec.advised_maximum else None,
            last_discussed_at=max(earlier) if earlier else None,
            history=read_scale_history(self.s, discussion.case_id),
            scale_variant=discussion.scale_variant,
            scale_variant_reason=discussion.scale_variant_reason or "",
            child_age=age_on(child.date_of_birth, local_date(self.session.meeting_at)),
        )
