"""Safety planning for a child's case: the safety network, its meetings, and the safety plan.

They live with the case across sessions (not in one session's note): the allocated worker and
their team's manager change them (``access.require_case_access(write=True)``); practice leads
read them. A person leaves the network by being marked removed, never deleted, so who was in
it, and when, stays on record. A signed session keeps its own copy (:mod:`case_record`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import SafetyPlanStatus
from db.models import CaseAllocation, NetworkMeeting, NetworkMember, SafetyPlan
from workbench.access import AccessDenied, actor_for, require_case_access
from workbench.messages import translatable
from workbench.supervision.common import audit, check_expected, check_text, retry_when_stale
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound

MAX_NAME = 200
MAX_RULES = 40


@dataclass(frozen=True)
class NetworkMemberView:
    id: int
    name: str
    relationship: str
    role: str
    since: dt.date | None
    removed_at: dt.datetime | None
    removed_reason: str

    @property
    def is_current(self) -> bool:
        return self.removed_at is None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.relationship})" if self.relationship else self.name


@dataclass(frozen=True)
class NetworkMeetingView:
    id: int
    held_on: dt.date
    attendees: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class SafetyPlanView:
    status: SafetyPlanStatus
    rules: tuple[str, ...]
    review_date: dt.date | None

    def as_expected(self) -> dict[str, object]:
        """The plan as :func:`save_safety_plan` takes what the user started from."""
        return {"status": self.status, "rules": list(self.rules), "review_date": self.review_date}


@dataclass(frozen=True)
class SafetyPicture:
    """A case's safety planning as one read: everyone ever in the network (current first)."""

    case_id: int
    members: tuple[NetworkMemberView, ...]
    meetings: tuple[NetworkMeetingView, ...]  # newest first
    plan: SafetyPlanView
    can_edit: bool

    @property
    def current_members(self) -> tuple[NetworkMemberView, ...]:
        return tuple(m for m in self.members if m.is_current)

    @property
    def last_meeting(self) -> NetworkMeetingView | None:
        return self.meetings[0] if self.meetings else None


NO_PLAN = SafetyPlanView(SafetyPlanStatus.NONE, (), None)


def _case(s: Session, case_id: int) -> CaseAllocation:
    case = s.get(CaseAllocation, case_id)
    if case is None:
        raise NotFound(translatable("workbench.supervision", "That child's case no longer exists; reload the "
                                                             "caseload."))
    return case


def editable_case(ctx: SupervisionContext, s: Session, case_id: int) -> CaseAllocation:
    """The case ``ctx``'s person may change the safety planning and direct work of: the
    allocated worker, or a manager of the case's team (AccessDenied says why not)."""
    case = _case(s, case_id)
    require_case_access(s, actor_for(s, ctx.actor_id), case_id, write=True)
    return case


def readable_case(ctx: SupervisionContext, s: Session, case_id: int) -> CaseAllocation:
    case = _case(s, case_id)
    require_case_access(s, actor_for(s, ctx.actor_id), case_id)
    return case


def may_edit(ctx: SupervisionContext, s: Session, case_id: int) -> bool:
    try:
        require_case_access(s, actor_for(s, ctx.actor_id), case_id, write=True)
    except AccessDenied:
        return False
    return True


def safety_picture(s: Session, case_id: int) -> tuple[tuple[NetworkMemberView, ...],
                                                      tuple[NetworkMeetingView, ...], SafetyPlanView]:
    """The case's network, meetings and plan as stored now (no access check: callers check)."""
    members = s.scalars(select(NetworkMember).where(NetworkMember.case_id == case_id)
                        .order_by(NetworkMember.removed_at.is_not(None), NetworkMember.id)).all()
    meetings = s.scalars(select(NetworkMeeting).where(NetworkMeeting.case_id == case_id)
                         .order_by(NetworkMeeting.held_on.desc(), NetworkMeeting.id.desc())).all()
    plan = s.scalar(select(SafetyPlan).where(SafetyPlan.case_id == case_id))
    return (
        tuple(NetworkMemberView(m.id, m.name, m.relationship_to_child, m.role, m.since, m.removed_at,
                                m.removed_reason) for m in members),
        tuple(NetworkMeetingView(m.id, m.held_on, tuple(m.attendees or ()), m.notes) for m in meetings),
        SafetyPlanView(plan.status, tuple(plan.rules or ()), plan.review_date) if plan else NO_PLAN,
    )


def read_safety(ctx: SupervisionContext, case_id: int) -> SafetyPicture:
    """What the safety panel shows for a case, and whether this person may change it."""
    with ctx.db() as s:
        readable_case(ctx, s, case_id)
        members, meetings, plan = safety_picture(s, case_id)
        return SafetyPicture(case_id, members, meetings, plan, may_edit(ctx, s, case_id))


def _name(label: str, value: str) -> str:
    value = check_text(label, value).strip()
    if not value:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 is empty; type it in, then save again.").arg(label))
    if len(value) > MAX_NAME:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 is longer than %2 characters; shorten it.").arg(label, MAX_NAME))
    return value


def _not_future(ctx: SupervisionContext, label: str, day: dt.date | None) -> None:
    if day is not None and day > ctx.clock().date():
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 (%2) is in the future; give the date it happened.")
                .arg(label, format(day, "%d %B %Y")))


def add_network_member(ctx: SupervisionContext, case_id: int, *, name: str, relationship: str = "",
                       role: str = "", since: dt.date | None = None) -> int:
    """Add a person to the child's safety network; returns their id."""
    name = _name("The person's name", name)
    relationship = check_text("Their relationship to the child", relationship).strip()[:MAX_NAME]
    role = check_text("Their role in the safety plan", role).strip()
    _not_future(ctx, "The date they joined the network", since)
    with transaction(ctx.db) as s:
        editable_case(ctx, s, case_id)
        member = NetworkMember(case_id=case_id, name=name, relationship_to_child=relationship,
                               role=role, since=since, added_by_id=ctx.actor_id, created_at=ctx.clock(),
                               removed_reason="")
        s.add(member)
        s.flush()
        audit(ctx, s, "safety.network_member.add", "network_member", member.id, case_id=case_id)
        return member.id


def remove_network_member(ctx: SupervisionContext, member_id: int, reason: str = "") -> None:
    """Mark a person as no longer in the network; their record (and when they left) is kept."""
    reason = check_text("Why they left the network", reason).strip()
    with transaction(ctx.db) as s:
        member = s.get(NetworkMember, member_id)
        if member is None:
            raise NotFound(translatable(
                    "workbench.supervision", "That person is no longer in the network's record; reload the "
                                             "panel."))
        editable_case(ctx, s, member.case_id)
        if member.removed_at is not None:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1 has already left the network.").arg(member.name))
        member.removed_at = ctx.clock()
        member.removed_reason = reason
        audit(ctx, s, "safety.network_member.remove", "network_member", member.id, case_id=member.case_id)


def record_network_meeting(ctx: SupervisionContext, case_id: int, *, held_on: dt.date,
                           attendees: Sequence[str], notes: str = "") -> int:
    """Record a safety network meeting: its date and who came; returns its id."""
    _not_future(ctx, "The meeting date", held_on)
    came = [_name("A name of someone who came", a) for a in attendees if a.strip()]
    if not came:
        raise InvalidInput(translatable(
                "workbench.supervision", "Say who came to the meeting (at least one name)."))
    notes = check_text("The meeting's notes", notes)
    with transaction(ctx.db) as s:
        editable_case(ctx, s, case_id)
        meeting = NetworkMeeting(case_id=case_id, held_on=held_on, attendees=came, notes=notes,
                                 recorded_by_id=ctx.actor_id, created_at=ctx.clock())
        s.add(meeting)
        s.flush()
        audit(ctx, s, "safety.network_meeting.add", "network_meeting", meeting.id, case_id=case_id)
        return meeting.id


@retry_when_stale
def save_safety_plan(ctx: SupervisionContext, case_id: int, *, status: SafetyPlanStatus,
                     rules: Sequence[str], review_date: dt.date | None,
                     expected: Mapping[str, object] | None = None) -> bool:
    """Set the case's safety plan (its status, rules in the family's words, review date);
    True if anything changed. An agreed or reviewed plan needs at least one rule.

    ``expected``: the plan the user started from ("status", "rules" as a list, "review_date");
    EditConflict if someone else (the worker, the manager) changed that part meanwhile."""
    status = SafetyPlanStatus(status)
    kept = [check_text("A rule of the plan", r).strip() for r in rules]
    kept = [r for r in kept if r]
    if len(kept) > MAX_RULES:
        raise InvalidInput(translatable(
                "workbench.supervision", "A safety plan of more than %1 rules is hard to live by; keep the "
                                         "ones the family wrote as their own.").arg(MAX_RULES))
    if status in (SafetyPlanStatus.AGREED, SafetyPlanStatus.REVIEWED) and not kept:
        raise InvalidInput(translatable(
                "workbench.supervision", "An agreed plan has rules: write them in the family's own words "
                                         "first."))
    with transaction(ctx.db) as s:
        editable_case(ctx, s, case_id)
        plan = s.scalar(select(SafetyPlan).where(SafetyPlan.case_id == case_id))
        if plan is None:
            plan = SafetyPlan(case_id=case_id, status=SafetyPlanStatus.NONE, rules=[])
            s.add(plan)
        if (plan.status, list(plan.rules or []), plan.review_date) == (status, kept, review_date):
            return False
        seen = None if expected is None else dict(expected)
        seen_rules = None if seen is None else seen.get("rules")
        if seen is not None and isinstance(seen_rules, list | tuple):
            seen["rules"] = [r.strip() for r in seen_rules if isinstance(r, str) and r.strip()]
        check_expected("rules", list(plan.rules or []), kept, seen, "The safety plan's rules")
        check_expected("status", plan.status, status, seen, "The safety plan's status")
        check_expected("review_date", plan.review_date, review_date, seen, "The plan's review date")
        plan.status, plan.rules, plan.review_date = status, kept, review_date
        plan.updated_by_id, plan.updated_at = ctx.actor_id, ctx.clock()
        s.flush()
        audit(ctx, s, "safety.plan.save", "safety_plan", plan.id, case_id=case_id, status=status.value)
        return True


# -- what a next step is about ------------------------------------------------------------

PLAN_LINK = "plan"
MEMBER_LINK = "member:"


def action_links(s: Session, case_id: int) -> dict[int, str]:
    """Each linked action of the case -> "plan" or "member:<id>" (no access check)."""
    from db.models import Action, ActionLink

    rows = s.execute(select(ActionLink.action_id, ActionLink.about_safety_plan, ActionLink.network_member_id)
                     .join(Action, Action.id == ActionLink.action_id).where(Action.case_id == case_id))
    return {action_id: PLAN_LINK if about_plan else f"{MEMBER_LINK}{member_id}"
            for action_id, about_plan, member_id in rows if about_plan or member_id is not None}


def link_action(ctx: SupervisionContext, action_id: int, about: str | None) -> None:
    """Say what an action agreed in a draft discussion is about: the safety plan ("plan"), a
    network member ("member:<id>", someone in this child's network), or nothing (None)."""
    from db.models import Action, ActionLink
    from workbench.supervision.common import touch, writable_discussion

    with transaction(ctx.db) as s:
        action = s.get(Action, action_id)
        if action is None:
            raise NotFound(translatable(
                    "workbench.supervision", "That action no longer exists; reload the discussion."))
        discussion = writable_discussion(ctx, s, action.discussion_id)
        member_id: int | None = None
        if about is not None and about != PLAN_LINK:
            try:
                member_id = int(about.removeprefix(MEMBER_LINK))
            except ValueError:
                raise InvalidInput(translatable(
                        "workbench.supervision", "An action can be about the safety plan or a network "
                                                 "member.")) from None
            member = s.get(NetworkMember, member_id)
            if member is None or member.case_id != action.case_id:
                raise InvalidInput(translatable(
                        "workbench.supervision", "That person is not in this child's safety network; reload "
                                                 "the panel."))
        link = s.get(ActionLink, action_id)
        if about is None:
            if link is not None:
                s.delete(link)
        elif link is None:
            s.add(ActionLink(action_id=action_id, about_safety_plan=about == PLAN_LINK,
                             network_member_id=member_id))
        else:
            link.about_safety_plan, link.network_member_id = about == PLAN_LINK, member_id
        touch(discussion, ctx)
        audit(ctx, s, "action.link", "action", action_id, case_id=action.case_id, about=about or "")
