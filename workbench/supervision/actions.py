"""Actions (what, who, by when) and the review of last session's open actions.

Reviewing an earlier action records its outcome on it: done, dropped (with a reason) or
carried. A carried action is copied into this discussion as a new open action (pointing
back with ``carried_from_id``), so each session keeps its own list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import ActionStatus, SessionStatus
from db.models import Action, CaseDiscussion, SupervisionSession
from workbench.messages import translatable
from workbench.supervision.common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    audit,
    check_text,
    retry_when_stale,
    touch,
    writable_discussion,
)
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound

REVIEW_OUTCOMES = (ActionStatus.DONE, ActionStatus.CARRIED, ActionStatus.DROPPED)


def _check_due(due_date: dt.date | None) -> dt.date | None:
    if due_date is not None and (isinstance(due_date, dt.datetime) or not isinstance(due_date, dt.date)):
        raise InvalidInput(translatable(
                "workbench.supervision", "'By when' must be a date."))
    return due_date


def add_action(ctx: SupervisionContext, discussion_id: int, description: str = "", *,
               owner_name: str = "", owner_staff_id: int | None = None,
               due_date: dt.date | None = None) -> int:
    """Add an action for this child; returns its id."""
    description = check_text("What will happen", description)
    owner_name = check_text("Who", owner_name)
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        action = Action(case_id=discussion.case_id, discussion_id=discussion_id,
                        description=description, owner_name=owner_name, owner_staff_id=owner_staff_id,
                        due_date=_check_due(due_date), status=ActionStatus.OPEN, status_reason="",
                        created_at=ctx.clock())
        s.add(action)
        s.flush()
        touch(discussion, ctx)
        audit(ctx, s, "action.add", "action", action.id, case_id=discussion.case_id,
              discussion_id=discussion_id)
        return action.id


def _own_action(ctx: SupervisionContext, s: Session, action_id: int) -> tuple[Action, CaseDiscussion]:
    action = s.get(Action, action_id)
    if action is None:
        raise NotFound(translatable("workbench.supervision", "Action %1 no longer exists; reload the "
                                                             "discussion.").arg(action_id))
    return action, writable_discussion(ctx, s, action.discussion_id)


@retry_when_stale
def update_action(ctx: SupervisionContext, action_id: int, *,
                  description: str | Unchanged = UNCHANGED,
                  owner_name: str | Unchanged = UNCHANGED,
                  owner_staff_id: int | Unchanged | None = UNCHANGED,
                  due_date: dt.date | Unchanged | None = UNCHANGED,
                  expected: Mapping[str, object] | None = None) -> bool:
    """Change an action made in a draft discussion; True if anything changed. ``expected``:
    what the user started from, by field (EditConflict if it changed meanwhile)."""
    values: dict[str, object] = {}
    if not isinstance(description, Unchanged):
        values["description"] = check_text("What will happen", description)
    if not isinstance(owner_name, Unchanged):
        values["owner_name"] = check_text("Who", owner_name)
    if not isinstance(owner_staff_id, Unchanged):
        values["owner_staff_id"] = owner_staff_id
    if not isinstance(due_date, Unchanged):
        values["due_date"] = _check_due(due_date)
    with transaction(ctx.db) as s:
        action, discussion = _own_action(ctx, s, action_id)
        changed = apply_changes(action, values, expected)
        if changed:
            touch(discussion, ctx)
            audit(ctx, s, "action.update", "action", action_id, case_id=discussion.case_id,
                  fields=sorted(changed))
        return bool(changed)


def remove_action(ctx: SupervisionContext, action_id: int) -> None:
    """Remove an action made in this draft discussion (a carried copy undoes the carry)."""
    with transaction(ctx.db) as s:
        action = s.get(Action, action_id)
        if action is None:
            return
        discussion = writable_discussion(ctx, s, action.discussion_id)
        if action.carried_from_id is not None:
            original = s.get_one(Action, action.carried_from_id)
            original.status, original.status_reason, original.reviewed_in_id = ActionStatus.OPEN, "", None
        s.delete(action)
        touch(discussion, ctx)
        audit(ctx, s, "action.remove", "action", action_id, case_id=discussion.case_id)


def actions_to_review_query(discussion: CaseDiscussion) -> Select[Action]:
    """Earlier open actions on this case, and those already reviewed in this discussion."""
    earlier = (select(CaseDiscussion.id)
               .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
               .where(CaseDiscussion.case_id == discussion.case_id,
                      CaseDiscussion.id != discussion.id,
                      SupervisionSession.status != SessionStatus.DISCARDED,
                      SupervisionSession.meeting_at <= discussion.session.meeting_at))
    return (select(Action)
            .where(Action.case_id == discussion.case_id, Action.discussion_id.in_(earlier),
                   or_(Action.status == ActionStatus.OPEN, Action.reviewed_in_id == discussion.id))
            .order_by(Action.due_date, Action.id))


@dataclass(frozen=True)
class ActionReviewed:
    changed: bool
    carried_action_id: int | None  # the new open copy when the outcome is 'carried'


def review_action(ctx: SupervisionContext, discussion_id: int, action_id: int,
                  outcome: ActionStatus | None, reason: str = "",
                  carried_due_date: dt.date | None = None) -> ActionReviewed:
    """Record the outcome of an earlier action: done, carried (copied here, with a new due
    date if given) or dropped (with ``reason``). ``outcome=None`` undoes the review."""
    reason = check_text("The reason", reason)
    if outcome is not None and outcome not in REVIEW_OUTCOMES:
        raise InvalidInput(translatable(
                "workbench.supervision", "An action is reviewed as done, carried or dropped."))
    with transaction(ctx.db) as s:
        discussion = writable_discussion(ctx, s, discussion_id)
        action = s.get(Action, action_id)
        if action is None or action.case_id != discussion.case_id:
            raise NotFound(translatable(
                    "workbench.supervision", "That action is not on this child's case (or no longer exists); "
                                             "reload the discussion."))
        reviewable = {a.id for a in s.scalars(actions_to_review_query(discussion))}
        if action.id not in reviewable:
            raise InvalidInput(translatable(
                    "workbench.supervision", "Only open actions from earlier sessions can be reviewed here."))
        copy = s.scalars(select(Action).where(Action.carried_from_id == action_id,
                                              Action.discussion_id == discussion_id)).first()
        new_status = outcome or ActionStatus.OPEN
        new_reviewed = None if outcome is None else discussion_id
        new_reason = "" if outcome is None else reason
        due = _check_due(carried_due_date) or action.due_date
        same = (action.status, action.status_reason, action.reviewed_in_id) == (
            new_status, new_reason, new_reviewed)
        if same and (outcome is not ActionStatus.CARRIED or copy is None or copy.due_date == due):
            return ActionReviewed(False, copy.id if copy is not None else None)
        action.status, action.status_reason, action.reviewed_in_id = new_status, new_reason, new_reviewed
        if outcome is ActionStatus.CARRIED:
            if copy is None:
                copy = Action(case_id=action.case_id, discussion_id=discussion_id,
                              description=action.description, owner_name=action.owner_name,
                              owner_staff_id=action.owner_staff_id, due_date=due,
                              status=ActionStatus.OPEN, status_reason="", carried_from_id=action.id,
                              created_at=ctx.clock())
                s.add(copy)
            else:
                copy.due_date = due
            s.flush()
        elif copy is not None:
            s.execute(delete(Action).where(Action.id == copy.id))
            copy = None
        touch(discussion, ctx)
        audit(ctx, s, "action.review", "action", action_id, case_id=discussion.case_id,
              discussion_id=discussion_id, outcome=None if outcome is None else outcome.value)
        return ActionReviewed(True, None if copy is None else copy.id)
