"""Worker mode: a worker prepares a reflection per child for the next supervision session.

A reflection waits (``discussion_id`` empty) until the child comes up in a session, when it
is linked to that discussion and the manager sees it. The worker can keep editing it while
that session is still a draft; once the session is ready to sign, the next edit starts a
new reflection for the session after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from db.engine import transaction
from db.enums import SessionStatus
from db.models import CaseAllocation, CaseDiscussion, Reflection, SupervisionSession
from workbench.access import actor_for, require_case_access
from workbench.messages import translatable
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    audit,
    check_text,
    retry_when_stale,
    stamp,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotAllowed, NotFound

# How long a meeting is taken to last when its duration is not recorded yet.
DEFAULT_MEETING_MINUTES = 120


@dataclass(frozen=True)
class ReflectionView:
    id: int
    case_id: int
    worker_id: int
    discussion_id: int | None  # the discussion it was brought into, if any
    what_happened: str
    how_and_why: str
    worker_score: int | None
    score_reason: str
    wants_from_supervision: str
    flag_for_discussion: bool
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def is_empty(self) -> bool:
        return not any((self.what_happened.strip(), self.how_and_why.strip(), self.score_reason.strip(),
                        self.wants_from_supervision.strip(), self.worker_score is not None))


def reflection_view(reflection: Reflection) -> ReflectionView:
    return ReflectionView(
        id=reflection.id, case_id=reflection.case_id, worker_id=reflection.worker_id,
        discussion_id=reflection.discussion_id, what_happened=reflection.what_happened,
        how_and_why=reflection.how_and_why, worker_score=reflection.worker_score,
        score_reason=reflection.score_reason,
        wants_from_supervision=reflection.wants_from_supervision,
        flag_for_discussion=reflection.flag_for_discussion, created_at=reflection.created_at,
        updated_at=reflection.updated_at,
    )


def _current(s: Session, case_id: int, worker_id: int) -> Reflection | None:
    """The reflection being prepared: not yet in a session, or in one still in draft."""
    return s.scalars(
        select(Reflection)
        .outerjoin(CaseDiscussion, CaseDiscussion.id == Reflection.discussion_id)
        .outerjoin(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .where(Reflection.case_id == case_id, Reflection.worker_id == worker_id,
               or_(Reflection.discussion_id.is_(None), SupervisionSession.status == SessionStatus.DRAFT))
        .order_by(Reflection.id.desc())
    ).first()


def _own_case(s: Session, ctx: SupervisionContext, case_id: int) -> CaseAllocation:
    case = s.get(CaseAllocation, case_id)
    if case is None:
        raise NotFound(translatable("workbench.supervision", "Case %1 does not exist; reload your caseload.")
                       .arg(case_id))
    if case.worker_id != ctx.actor_id:
        raise NotAllowed(translatable(
                "workbench.supervision", "Only the child's allocated worker can write a reflection on this "
                                         "case."))
    require_case_access(s, actor_for(s, ctx.actor_id), case_id, write=True)
    return case


@dataclass(frozen=True)
class ReflectionSaved:
    reflection_id: int
    changed: bool


@retry_when_stale
def save_reflection(
    ctx: SupervisionContext,
    case_id: int,
    *,
    what_happened: str | Unchanged = UNCHANGED,
    how_and_why: str | Unchanged = UNCHANGED,
    worker_score: int | Unchanged | None = UNCHANGED,
    score_reason: str | Unchanged = UNCHANGED,
    wants_from_supervision: str | Unchanged = UNCHANGED,
    flag_for_discussion: bool | Unchanged = UNCHANGED,
    expected: Mapping[str, object] | None = None,
) -> ReflectionSaved:
    """Save the given fields of the worker's reflection on this child (created on first save).

    ``ctx.actor_id`` must be the child's allocated worker. Idempotent: saving the same values
    again changes nothing and records nothing. ``expected``: the values the worker started
    from, by field; EditConflict if they changed meanwhile (their own other window).
    """
    texts = {"what_happened": what_happened, "how_and_why": how_and_why,
             "score_reason": score_reason, "wants_from_supervision": wants_from_supervision}
    values: dict[str, object] = {k: check_text(k.replace("_", " ").capitalize(), v)
                                 for k, v in texts.items() if not isinstance(v, Unchanged)}
    if not isinstance(worker_score, Unchanged):
        if worker_score is not None and (isinstance(worker_score, bool) or not 0 <= worker_score <= 10):
            raise InvalidInput(translatable(
                    "workbench.supervision", "A score of %1 is not on the scale; choose 0 to 10.")
                    .arg(worker_score))
        values["worker_score"] = worker_score
    if not isinstance(flag_for_discussion, Unchanged):
        values["flag_for_discussion"] = bool(flag_for_discussion)
    with transaction(ctx.db) as s:
        _own_case(s, ctx, case_id)
        reflection = _current(s, case_id, ctx.actor_id)
        now = ctx.clock()
        if reflection is None:
            reflection = Reflection(case_id=case_id, worker_id=ctx.actor_id, created_at=now,
                                    updated_at=now, what_happened="", how_and_why="",
                                    score_reason="", wants_from_supervision="",
                                    flag_for_discussion=False)
            s.add(reflection)
            s.flush()
            audit(ctx, s, "reflection.create", "reflection", reflection.id, case_id=case_id)
            expected = None  # a new reflection: what was on screen belonged to the one before
        changed = apply_changes(reflection, values, expected)
        if changed:
            stamp(reflection, now)
            audit(ctx, s, "reflection.update", "reflection", reflection.id, case_id=case_id,
                  fields=sorted(changed))
        return ReflectionSaved(reflection.id, bool(changed))


def load_reflection(ctx: SupervisionContext, case_id: int) -> ReflectionView | None:
    """The worker's reflection in preparation for this child (None: none yet)."""
    with transaction(ctx.db) as s:
        _own_case(s, ctx, case_id)
        reflection = _current(s, case_id, ctx.actor_id)
        audit(ctx, s, "reflection.view", "case_allocation", case_id)
        return None if reflection is None else reflection_view(reflection)


def worker_reflections(ctx: SupervisionContext) -> dict[int, ReflectionView]:
    """For worker mode: the acting worker's reflection in preparation, by case id."""
    with ctx.db() as s:
        rows = s.scalars(
            select(Reflection)
            .outerjoin(CaseDiscussion, CaseDiscussion.id == Reflection.discussion_id)
            .outerjoin(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
            .where(Reflection.worker_id == ctx.actor_id,
                   or_(Reflection.discussion_id.is_(None),
                       SupervisionSession.status == SessionStatus.DRAFT))
            .order_by(Reflection.id)
        )
        return {r.case_id: reflection_view(r) for r in rows}


def link_pending_reflection(s: Session, discussion: CaseDiscussion) -> Reflection | None:
    """Bring the worker's waiting reflection on this child into the discussion (if there is one).

    Only a reflection begun before the meeting ended prepares for it: one written after an
    (older) meeting waits for the next session.
    """
    session = discussion.session
    minutes = session.duration_minutes or DEFAULT_MEETING_MINUTES
    meeting_end = session.meeting_at + dt.timedelta(minutes=minutes)
    reflection = s.scalars(
        select(Reflection).where(
            Reflection.case_id == discussion.case_id,
            Reflection.worker_id == session.supervisee_id,
            Reflection.discussion_id.is_(None),
            Reflection.created_at <= meeting_end,
        ).order_by(Reflection.id.desc())
    ).first()
    if reflection is not None:
        reflection.discussion_id = discussion.id
        flag_modified(reflection, "updated_at")  # linking is not the worker editing it
    return reflection
