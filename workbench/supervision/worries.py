"""Worries (danger statement + safety goal pairs) that live across sessions for a case.

In a discussion each open worry is kept, reworded (a WorryRevision made in this discussion)
or closed with a reason, and new ones are added. Every wording a worry has had is kept, so
an old session shows the words it was discussed with.

A worry may be written in its parts (:mod:`workbench.supervision.worry_parts`): rewording a
part is a revision like any other, holding the parts and the plain sentence composed from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import CaseDiscussion, ScalingScore, Worry, WorryRevision
from workbench.messages import translatable
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    audit,
    check_expected,
    check_text,
    retry_when_stale,
    touch,
    writable_discussion,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound
from workbench.supervision.question_set_store import stored_question_set
from workbench.supervision.worry_parts import (
    ALL_PARTS,
    GOAL_PARTS,
    STATEMENT_PARTS,
    clean_parts,
    compose_goal,
    compose_statement,
)


@dataclass(frozen=True)
class WorryAdded:
    worry_id: int
    open_worries: int
    warning: str | None  # the set's nudge when there are more open worries than it advises


def open_worry_count(s: Session, case_id: int) -> int:
    return s.scalar(select(func.count(Worry.id)).where(Worry.case_id == case_id,
                                                        Worry.closed_in_id.is_(None))) or 0


def _checked_parts(parts: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(parts) - set(ALL_PARTS))
    if unknown:
        raise InvalidInput(translatable(
                "workbench.supervision", "'%1' is not a part of a danger statement or safety goal; this is a "
                                         "fault in the app, please report it.").arg(unknown[0]))
    return {key: check_text("That part", value) for key, value in parts.items()}


def _composed(parts: dict[str, str], statement: str, goal: str,
              had: dict[str, str]) -> tuple[str, str]:
    """The plain sentences for ``parts``: composed from them once any part of each is written;
    a worry first written as free text keeps its words until its parts are."""
    if any(p in parts for p in STATEMENT_PARTS) or any(p in had for p in STATEMENT_PARTS):
        statement = compose_statement(parts)
    if any(p in parts for p in GOAL_PARTS) or any(p in had for p in GOAL_PARTS):
        goal = compose_goal(parts)
    return statement, goal


def add_worry(ctx: SupervisionContext, discussion_id: int, danger_statement: str = "",
              safety_goal: str = "", parts: Mapping[str, str] | None = None) -> WorryAdded:
    """Open a new worry on this child's case in this discussion (in free text, or in ``parts``)."""
    danger_statement = check_text("The statement", danger_statement)
    safety_goal = check_text("The goal", safety_goal)
    stored = clean_parts(_checked_parts(parts or {}))
    danger_statement, safety_goal = _composed(stored, danger_statement, safety_goal, {})
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        now = ctx.clock()
        worry = Worry(case_id=discussion.case_id, danger_statement=danger_statement,
                      safety_goal=safety_goal, parts=stored or None, opened_in_id=discussion_id,
                      created_at=now)
        s.add(worry)
        s.flush()
        s.add(WorryRevision(worry_id=worry.id, discussion_id=discussion_id,
                            danger_statement=danger_statement, safety_goal=safety_goal,
                            parts=stored or None, created_at=now))
        touch(discussion, ctx)
        audit(ctx, s, "worry.add", "worry", worry.id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        s.flush()
        count = open_worry_count(s, discussion.case_id)
        spec = stored_question_set(discussion.session.question_set).worries
        warning = spec.nudge_message(count) if count > spec.advised_maximum else None
        return WorryAdded(worry.id, count, warning)


def worry_in_discussion(s: Session, discussion: CaseDiscussion, worry_id: int) -> Worry:
    worry = s.get(Worry, worry_id)
    if worry is None or worry.case_id != discussion.case_id:
        raise NotFound(translatable("workbench.supervision", "That worry does not belong to this child's "
                                                             "case (or no longer exists); reload the "
                                                             "discussion."))
    if worry.closed_in_id is not None and worry.closed_in_id != discussion.id:
        raise InvalidInput(translatable(
                "workbench.supervision", "That worry was closed in an earlier session; add a new one "
                                         "instead."))
    return worry


@retry_when_stale
def reword_worry(ctx: SupervisionContext, discussion_id: int, worry_id: int, *,
                 danger_statement: str | Unchanged = UNCHANGED,
                 safety_goal: str | Unchanged = UNCHANGED,
                 parts: Mapping[str, str] | Unchanged = UNCHANGED,
                 expected: Mapping[str, object] | None = None) -> bool:
    """Change a worry's wording in this discussion (a revision); True if anything changed.

    ``parts`` changes the parts named in it (an empty text clears one) and the plain sentences
    are composed again from all of them; the wording before is kept in the earlier revision.
    ``expected``: what the user started from, by field name or part id (EditConflict if it
    changed meanwhile)."""
    changes = {} if isinstance(parts, Unchanged) else _checked_parts(parts)
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        worry = worry_in_discussion(s, discussion, worry_id)
        statement = (worry.danger_statement if isinstance(danger_statement, Unchanged)
                     else check_text("The statement", danger_statement))
        goal = (worry.safety_goal if isinstance(safety_goal, Unchanged)
                else check_text("The goal", safety_goal))
        if not isinstance(danger_statement, Unchanged):
            check_expected("danger_statement", worry.danger_statement, statement, expected,
                           "The danger statement")
        if not isinstance(safety_goal, Unchanged):
            check_expected("safety_goal", worry.safety_goal, goal, expected, "The safety goal")
        had = clean_parts(worry.parts)
        for part_id, text in changes.items():
            check_expected(part_id, had.get(part_id, ""), text, expected, "A part of the worry")
        new_parts = had
        if changes:
            new_parts = clean_parts({**had, **changes})
            statement, goal = _composed(new_parts, statement, goal, had)
        stored = new_parts or None
        if (statement, goal, stored) == (worry.danger_statement, worry.safety_goal, worry.parts or None):
            return False
        here = s.scalars(select(WorryRevision).where(
            WorryRevision.worry_id == worry_id, WorryRevision.discussion_id == discussion_id)).first()
        # The wording the worry came into this discussion with.
        before = s.scalars(select(WorryRevision).where(
            WorryRevision.worry_id == worry_id,
            WorryRevision.discussion_id.is_distinct_from(discussion_id))
            .order_by(WorryRevision.id.desc())).first()
        if here is None:
            s.add(WorryRevision(worry_id=worry_id, discussion_id=discussion_id,
                                danger_statement=statement, safety_goal=goal, parts=stored,
                                created_at=ctx.clock()))
        elif (worry.opened_in_id != discussion_id and before is not None
              and (before.danger_statement, before.safety_goal, before.parts or None)
              == (statement, goal, stored)):
            s.delete(here)  # back to the earlier wording: this discussion no longer rewords it
        else:
            here.danger_statement, here.safety_goal, here.parts = statement, goal, stored
        worry.danger_statement, worry.safety_goal, worry.parts = statement, goal, stored
        touch(discussion, ctx)
        audit(ctx, s, "worry.reword", "worry", worry_id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        return True


def close_worry(ctx: SupervisionContext, discussion_id: int, worry_id: int, reason: str = "") -> bool:
    """Close a worry in this discussion; calling again updates the reason."""
    reason = check_text("The reason", reason)
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        worry = worry_in_discussion(s, discussion, worry_id)
        if worry.closed_in_id == discussion_id and worry.closed_reason == reason:
            return False
        worry.closed_in_id = discussion_id
        worry.closed_reason = reason
        touch(discussion, ctx)
        audit(ctx, s, "worry.close", "worry", worry_id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        return True


def reopen_worry(ctx: SupervisionContext, discussion_id: int, worry_id: int) -> bool:
    """Undo closing a worry in this same discussion."""
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        worry = worry_in_discussion(s, discussion, worry_id)
        if worry.closed_in_id is None:
            return False
        worry.closed_in_id = None
        worry.closed_reason = None
        touch(discussion, ctx)
        audit(ctx, s, "worry.reopen", "worry", worry_id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        return True


def remove_worry(ctx: SupervisionContext, discussion_id: int, worry_id: int) -> None:
    """Undo adding a worry: only one opened in this discussion can be removed."""
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        worry = worry_in_discussion(s, discussion, worry_id)
        if worry.opened_in_id != discussion_id:
            raise InvalidInput(translatable(
                    "workbench.supervision", "Only a worry added in this session can be removed; close this "
                                             "one with a reason instead."))
        s.execute(delete(ScalingScore).where(ScalingScore.worry_id == worry_id))
        s.execute(delete(WorryRevision).where(WorryRevision.worry_id == worry_id))
        s.delete(worry)
        touch(discussion, ctx)
        audit(ctx, s, "worry.remove", "worry", worry_id, case_id=discussion.case_id,
              discussion_id=discussion_id)
