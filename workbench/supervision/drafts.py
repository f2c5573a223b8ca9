"""A manager's unfinished supervision sessions: list them with how far each has got, find one
already started with the same worker on the same day, and discard one that is not wanted.

Discarding never deletes: the session keeps its rows and takes the status ``discarded``
(read-only, out of every list and count), and the audit trail says who discarded it, when and
why. Only a draft can be discarded, only by the manager who holds it (or the system); a
session marked ready to sign goes back to draft first, a signed record never goes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import ActionStatus, Role, SessionKind, SessionStatus
from db.models import Action, SupervisionSession, Worry, WorryRevision
from workbench.access import AccessDenied, actor_for
from workbench.messages import translatable
from workbench.supervision.common import audit, get_session, stamp
from workbench.supervision.completeness import MissingKind, discussion_missing, missing_items
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import SessionNotEditable

UNFINISHED = (SessionStatus.DRAFT, SessionStatus.READY_TO_SIGN)

# The steps a child's discussion goes through in the editor, and what each step still misses.
CHILD_STEPS: tuple[tuple[str, frozenset[MissingKind]], ...] = (
    ("questions", frozenset({MissingKind.ANSWER})),
    ("worries", frozenset({MissingKind.WORRY, MissingKind.GOAL})),
    ("scales", frozenset({MissingKind.SCORE, MissingKind.PROMPT})),
    ("decisions", frozenset({MissingKind.DECISION})),
    ("actions", frozenset({MissingKind.ACTION, MissingKind.REVIEW})),
)


@dataclass(frozen=True)
class DraftSummary:
    """One unfinished session and how far it has got."""

    session_id: int
    supervisor_id: int
    supervisee_id: int
    supervisee_name: str
    meeting_at: dt.datetime
    updated_at: dt.datetime
    status: SessionStatus  # draft or ready to sign
    children_done: int  # children whose discussion has nothing missing
    children_total: int
    steps_done: int  # the session's details, then each child's five steps
    steps_total: int

    @property
    def can_discard(self) -> bool:
        return self.status is SessionStatus.DRAFT


def _summary(s: Session, session: SupervisionSession, today: dt.date) -> DraftSummary:
    from workbench.supervision.loading import read_session

    view = read_session(s, session.id, today=today)
    qs = view.question_set
    session_complete = not [m for m in missing_items(view) if m.discussion_id is None]
    children_done = steps_done = 0
    for discussion in view.discussions:
        kinds = {m.kind for m in discussion_missing(discussion, qs)}
        children_done += not kinds
        steps_done += sum(1 for _name, step_kinds in CHILD_STEPS if not kinds & step_kinds)
    return DraftSummary(
        session_id=session.id, supervisor_id=session.supervisor_id,
        supervisee_id=session.supervisee_id, supervisee_name=view.supervisee_name,
        meeting_at=session.meeting_at, updated_at=session.updated_at, status=session.status,
        children_done=children_done, children_total=len(view.discussions),
        steps_done=steps_done + session_complete,
        steps_total=1 + len(CHILD_STEPS) * len(view.discussions),
    )


def _unfinished(s: Session, supervisor_id: int, supervisee_id: int | None = None) -> list[SupervisionSession]:
    query = (select(SupervisionSession)
             .where(SupervisionSession.supervisor_id == supervisor_id,
                    SupervisionSession.status.in_(UNFINISHED),
                    # A case consultation is continued from its own screen (workbench.consultation).
                    SupervisionSession.kind != SessionKind.GROUP_CONSULTATION)
             .order_by(SupervisionSession.updated_at.desc(), SupervisionSession.id.desc()))
    if supervisee_id is not None:
        query = query.where(SupervisionSession.supervisee_id == supervisee_id)
    return list(s.scalars(query))


def _require_manager(s: Session, actor_id: int, supervisor_id: int, doing: str) -> None:
    actor = actor_for(s, actor_id)
    if actor.staff_id == supervisor_id:
        return
    if actor.role is Role.WORKER:
        raise AccessDenied(translatable(
                "workbench.supervision", "Only the manager who holds a supervision session can %1 it. Ask "
                                         "your manager.").arg(doing))
    raise AccessDenied(translatable("workbench.supervision", "This supervision session is held by another "
                                                             "manager, so you cannot %1 it. Ask them, or a "
                                                             "practice lead, if it should go.").arg(doing))


def list_drafts(ctx: SupervisionContext, supervisor_id: int | None = None) -> list[DraftSummary]:
    """The unfinished sessions (draft or ready to sign) ``supervisor_id`` holds, most recently
    edited first. Default: the acting person's own. Only they may list them."""
    supervisor_id = ctx.actor_id if supervisor_id is None else supervisor_id
    today = ctx.clock().date()
    with ctx.db() as s:
        _require_manager(s, ctx.actor_id, supervisor_id, "see the drafts of")
        return [_summary(s, session, today) for session in _unfinished(s, supervisor_id)]


def same_day_draft(ctx: SupervisionContext, supervisee_id: int, meeting_at: dt.datetime,
                   supervisor_id: int | None = None) -> DraftSummary | None:
    """An unfinished session the supervisor already holds with this worker on the meeting's
    day (in the meeting time's own zone), to offer before a second one is started."""
    supervisor_id = ctx.actor_id if supervisor_id is None else supervisor_id
    zone = meeting_at.tzinfo
    day = meeting_at.date()
    with ctx.db() as s:
        _require_manager(s, ctx.actor_id, supervisor_id, "see the drafts of")
        for session in _unfinished(s, supervisor_id, supervisee_id):
            if session.meeting_at.astimezone(zone).date() == day:
                return _summary(s, session, ctx.clock().date())
    return None


DISCARDED_WORRY = "Opened in a supervision draft that was discarded."


def _undo_effects_elsewhere(s: Session, discussion_id: int) -> None:
    """What a discarded draft changed on the case beyond itself is undone, and its own record
    is kept: worries it closed are open again, its rewordings no longer give a worry's current
    words (the revisions stay), reviews of earlier actions made in it are undone, and worries it
    opened are closed as opened in a discarded draft (so they no longer follow the child)."""
    d = discussion_id
    s.execute(update(Worry).where(Worry.closed_in_id == d).values(closed_in_id=None, closed_reason=None))
    s.execute(update(Worry).where(Worry.opened_in_id == d, Worry.closed_in_id.is_(None))
              .values(closed_in_id=d, closed_reason=DISCARDED_WORRY))
    for worry_id in s.scalars(select(WorryRevision.worry_id).where(WorryRevision.discussion_id == d)
                              .distinct()):
        worry = s.get_one(Worry, worry_id)
        if worry.opened_in_id == d:
            continue
        previous = s.scalars(select(WorryRevision).where(WorryRevision.worry_id == worry_id,
                                                         WorryRevision.discussion_id != d)
                             .order_by(WorryRevision.id.desc())).first()
        if previous is not None:
            worry.danger_statement, worry.safety_goal = previous.danger_statement, previous.safety_goal
            worry.parts = previous.parts
    s.execute(update(Action).where(Action.reviewed_in_id == d).values(
        status=ActionStatus.OPEN, status_reason="", reviewed_in_id=None))


def discard_draft(ctx: SupervisionContext, session_id: int) -> None:
    """Discard a draft session: it is kept, read-only, with the status ``discarded`` and an
    audit event naming who and when. Refused for anything but a draft, and for anyone but
    the manager who holds it."""
    with transaction(ctx.db) as s:
        session = get_session(s, session_id)
        _require_manager(s, ctx.actor_id, session.supervisor_id, "discard")
        if session.status is SessionStatus.READY_TO_SIGN:
            raise SessionNotEditable(translatable(
                    "workbench.supervision", "This session is marked ready to sign. Return it to draft first "
                                             "if it really should be discarded."))
        if session.status is SessionStatus.DISCARDED:
            raise SessionNotEditable(translatable(
                    "workbench.supervision", "This draft has already been discarded."))
        if session.status is not SessionStatus.DRAFT:
            raise SessionNotEditable(translatable(
                    "workbench.supervision", "This supervision record has been signed and is kept for good; "
                                             "it cannot be discarded. To correct it, add a signed addendum."))
        for discussion in session.discussions:
            _undo_effects_elsewhere(s, discussion.id)
        session.status = SessionStatus.DISCARDED
        stamp(session, ctx.clock())
        audit(ctx, s, "session.discard", "supervision_session", session_id,
              supervisee_id=session.supervisee_id, meeting_at=session.meeting_at.isoformat(),
              children=len(session.discussions))
