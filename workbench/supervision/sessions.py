"""Starting a supervision session, changing its own fields, finding the open draft, and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from db.engine import DbFactory, transaction
from db.enums import Role, SessionKind, SessionStatus
from db.models import CaseAllocation, ScalingScore, Staff, SupervisionSession
from workbench.access import actor_for, require_session_editor, require_supervisor_of
from workbench.messages import translatable
from workbench.supervision.agenda import create_discussion
from workbench.supervision.agenda_rules import AgendaProposal
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    audit,
    check_text,
    get_session,
    stamp,
    writable_session,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.dates import check_duration, check_meeting_at, late_entry_message
from workbench.supervision.errors import InvalidInput, NotFound, NotReadyToSign, SessionNotEditable
from workbench.supervision.question_set_store import snapshot_question_set, stored_question_set
from workbench.supervision.question_sets import QuestionSet, Scope, load_question_set

MAX_PRESENT = 50


@dataclass(frozen=True)
class StartedSession:
    session_id: int
    discussion_ids: tuple[int, ...]  # in agenda order
    late_entry: str | None  # the message to show when typed > 7 days after the meeting


@dataclass(frozen=True)
class DraftRef:
    """An unfinished session, to reopen on start-up."""

    session_id: int
    supervisee_id: int
    supervisee_name: str
    meeting_at: dt.datetime
    updated_at: dt.datetime


def _check_present(present: Sequence[str]) -> list[str]:
    if isinstance(present, str):
        raise InvalidInput(translatable(
                "workbench.supervision", "'Present' is a list of names; this is a fault in the app, please "
                                         "report it."))
    names = [check_text("A name in 'present'", name).strip() for name in present]
    names = [name for name in names if name]
    if len(names) > MAX_PRESENT:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 people present is more than a supervision session holds (%2); "
                                         "check the list.").arg(len(names), MAX_PRESENT))
    return names


def start_session(
    ctx: SupervisionContext,
    *,
    supervisee_id: int,
    meeting_at: dt.datetime,
    duration_minutes: int | None = None,
    present: Sequence[str] = (),
    kind: SessionKind = SessionKind.CASE_ONE_TO_ONE,
    question_set: QuestionSet | None = None,
    blind_scaling: bool = False,
    agenda: Sequence[AgendaProposal] = (),
    supervisor_id: int | None = None,
) -> StartedSession:
    """Start a draft session held by ``supervisor_id`` (default: the acting person).

    ``agenda`` is the (possibly edited) proposal from ``propose_agenda``; each becomes a case
    discussion in that order, with its reasons. The question set defaults to the newest
    ``default`` set; its content is snapshotted so the session keeps its wording.
    """
    now = ctx.clock()
    check_meeting_at(meeting_at, now)
    check_duration(duration_minutes)
    names = _check_present(present)
    supervisor_id = ctx.actor_id if supervisor_id is None else supervisor_id
    if supervisor_id == supervisee_id:
        raise InvalidInput(translatable("workbench.supervision", "The supervisor and the person supervised "
                                                                 "must be different people."))
    chosen = question_set or load_question_set()
    with transaction(ctx.db) as s:
        supervisor = s.get(Staff, supervisor_id)
        supervisee = s.get(Staff, supervisee_id)
        if supervisor is None or supervisee is None:
            raise NotFound(translatable(
                    "workbench.supervision", "The supervisor or the worker no longer exists; choose them "
                                             "again."))
        if not supervisee.active:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 is no longer active; choose a current worker.")
                    .arg(supervisee.name))
        if supervisor.role is Role.WORKER:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 is a worker; supervision is held by a manager or practice "
                                             "lead.").arg(supervisor.name))
        require_supervisor_of(s, actor_for(s, ctx.actor_id), supervisee_id)
        version = snapshot_question_set(s, chosen)
        session = SupervisionSession(
            supervisor_id=supervisor_id, supervisee_id=supervisee_id, meeting_at=meeting_at,
            duration_minutes=duration_minutes, kind=kind, status=SessionStatus.DRAFT,
            question_set_version_id=version.id, present=names, blind_scaling=blind_scaling,
            workload="", wellbeing="", learning_development="", appreciative_inquiry="",
            created_at=now, updated_at=now,
        )
        s.add(session)
        s.flush()
        audit(ctx, s, "session.start", "supervision_session", session.id,
              supervisee_id=supervisee_id, question_set=f"{chosen.key}-v{chosen.version}",
              late_entry=late_entry_message(meeting_at, now) is not None)
        discussion_ids: list[int] = []
        seen_children: set[int] = set()
        for item in agenda:
            case = s.get(CaseAllocation, item.case_id)
            if case is None or case.worker_id != supervisee_id:
                raise InvalidInput(translatable(
                        "workbench.supervision", "%1 is not on %2's caseload; propose the agenda again.")
                        .arg(item.child_label, supervisee.name))
            if case.child_id in seen_children:
                continue
            seen_children.add(case.child_id)
            discussion = create_discussion(s, session, case, item.reason_texts, len(discussion_ids), now)
            discussion_ids.append(discussion.id)
            audit(ctx, s, "agenda.add", "case_discussion", discussion.id, session_id=session.id,
                  case_id=case.id)
        return StartedSession(session.id, tuple(discussion_ids), late_entry_message(meeting_at, now))


def find_open_draft(db: DbFactory, supervisor_id: int) -> DraftRef | None:
    """The supervisor's most recently edited draft session, to reopen after a restart."""
    with db() as s:
        row = s.execute(
            select(SupervisionSession.id, SupervisionSession.supervisee_id, Staff.name,
                   SupervisionSession.meeting_at, SupervisionSession.updated_at)
            .join(Staff, Staff.id == SupervisionSession.supervisee_id)
            .where(SupervisionSession.supervisor_id == supervisor_id,
                   SupervisionSession.status == SessionStatus.DRAFT,
                   SupervisionSession.kind != SessionKind.GROUP_CONSULTATION)
            .order_by(SupervisionSession.updated_at.desc(), SupervisionSession.id.desc())
        ).first()
    return None if row is None else DraftRef(*row)


def save_session_fields(
    ctx: SupervisionContext,
    session_id: int,
    *,
    meeting_at: dt.datetime | Unchanged = UNCHANGED,
    duration_minutes: int | Unchanged | None = UNCHANGED,
    present: Sequence[str] | Unchanged = UNCHANGED,
    blind_scaling: bool | Unchanged = UNCHANGED,
    workload: str | Unchanged = UNCHANGED,
    wellbeing: str | Unchanged = UNCHANGED,
    learning_development: str | Unchanged = UNCHANGED,
    appreciative_inquiry: str | Unchanged = UNCHANGED,
    expected: Mapping[str, object] | None = None,
) -> bool:
    """Save the given fields of a draft session; True if anything changed. Idempotent.
    ``expected``: what the user started from, by field (EditConflict if it changed meanwhile)."""
    values: dict[str, object] = {}
    now = ctx.clock()
    if not isinstance(meeting_at, Unchanged):
        check_meeting_at(meeting_at, now)
        values["meeting_at"] = meeting_at
    if not isinstance(duration_minutes, Unchanged):
        check_duration(duration_minutes)
        values["duration_minutes"] = duration_minutes
    if not isinstance(present, Unchanged):
        values["present"] = _check_present(present)
    if not isinstance(blind_scaling, Unchanged):
        values["blind_scaling"] = bool(blind_scaling)
    for name, value in (("workload", workload), ("wellbeing", wellbeing),
                        ("learning_development", learning_development),
                        ("appreciative_inquiry", appreciative_inquiry)):
        if not isinstance(value, Unchanged):
            values[name] = check_text(name.replace("_", " ").capitalize(), value)
    return _save_values(ctx, session_id, values, expected)


def _save_values(ctx: SupervisionContext, session_id: int, values: dict[str, object],
                 expected: Mapping[str, object] | None = None) -> bool:
    now = ctx.clock()
    with transaction(ctx.db) as s:
        session = writable_session(ctx, s, session_id)
        changed = apply_changes(session, values, expected)
        if "meeting_at" in changed:
            # Scores carry their meeting's date for the history query; keep them in step.
            s.execute(update(ScalingScore)
                      .where(ScalingScore.discussion_id.in_([d.id for d in session.discussions]))
                      .values(meeting_at=values["meeting_at"]))
        if changed:
            stamp(session, now)
            audit(ctx, s, "session.update", "supervision_session", session_id, fields=sorted(changed))
        return bool(changed)


def save_session_answer(ctx: SupervisionContext, session_id: int, question_id: str, value: str, *,
                        expected: str | Unchanged = UNCHANGED) -> bool:
    """Save the answer to a session-level question (the worker's part) by its question id.
    ``expected``: the answer the user started from (EditConflict if it changed meanwhile)."""
    with ctx.db() as s:
        question_set = stored_question_set(get_session(s, session_id).question_set)
    if not question_set.has_question(question_id):
        raise InvalidInput(translatable(
                "workbench.supervision", "The question set has no question '%1'; reload the session.")
                .arg(question_id))
    question = question_set.question(question_id)
    if question.scope is not Scope.SESSION or question.binds is None:
        raise InvalidInput(translatable(
                "workbench.supervision", "'%1' is asked for each child, not once per session.")
                .arg(question_id))
    seen = None if isinstance(expected, Unchanged) else {question.binds: expected or ""}
    return _save_values(ctx, session_id, {question.binds: check_text(question.wording, value)}, seen)


def mark_ready_to_sign(ctx: SupervisionContext, session_id: int) -> None:
    """Draft -> ready to sign, or NotReadyToSign listing exactly what is missing."""
    from workbench.supervision.completeness import missing_items
    from workbench.supervision.loading import read_session

    with transaction(ctx.db) as s:
        session = get_session(s, session_id)
        require_session_editor(s, actor_for(s, ctx.actor_id), session_id)
        if session.status is not SessionStatus.DRAFT:
            raise SessionNotEditable(translatable(
                    "workbench.supervision", "This session is %1; only a draft can be made ready to sign.")
                    .arg(session.status.value.replace('_', ' ')))
        missing = missing_items(read_session(s, session_id, today=ctx.clock().date()))
        if missing:
            raise NotReadyToSign(missing)
        session.status = SessionStatus.READY_TO_SIGN
        stamp(session, ctx.clock())
        audit(ctx, s, "session.ready_to_sign", "supervision_session", session_id)


def return_to_draft(ctx: SupervisionContext, session_id: int) -> None:
    """Ready to sign -> draft, to change something before it is signed."""
    with transaction(ctx.db) as s:
        session = get_session(s, session_id)
        require_session_editor(s, actor_for(s, ctx.actor_id), session_id)
        if session.status is not SessionStatus.READY_TO_SIGN:
            raise SessionNotEditable(translatable(
                    "workbench.supervision", "This session is %1; only a session marked ready to sign can go "
                                             "back to draft.").arg(session.status.value.replace('_', ' ')))
        session.status = SessionStatus.DRAFT
        stamp(session, ctx.clock())
        audit(ctx, s, "session.return_to_draft", "supervision_session", session_id)
