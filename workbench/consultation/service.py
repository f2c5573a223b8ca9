"""Starting a case consultation, who is in it, its steps' text and time boxes, and readiness.

Who may do what (checked here, from the person at the keyboard, ``ctx.actor_id``):

- **start** one: a team manager for a worker of their own team, or a practice lead; the
  facilitator is a team manager or practice lead, the presenter the children's allocated worker;
- **open** it: the facilitator, the presenter, each participant with an account, the presenter's
  team manager, practice leads (read only); nobody else (``access.scope_sessions``);
- **change** it: the facilitator (a practice lead too, for a consultation they facilitate) or
  the presenter's team manager; the presenter writes their own take-away as well;
- **sign**: the facilitator; **countersign**: the presenter (``workbench.signing.signoff``,
  which checks the session's supervisor and supervisee as for any session).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import Role, SessionKind, SessionStatus
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Consultation,
    ConsultationMember,
    Staff,
    SupervisionSession,
)
from workbench.access import AccessDenied, Actor, actor_for, require_session_access, require_session_editor
from workbench.consultation.steps import FIELD_OF_STEP, MAX_TIME_BOX, Step
from workbench.messages import translatable
from workbench.supervision.agenda_rules import presented_to_consultation_text
from workbench.supervision.common import audit, check_text, ensure_editable, get_session, stamp
from workbench.supervision.context import SupervisionContext
from workbench.supervision.dates import check_duration, check_meeting_at
from workbench.supervision.errors import InvalidInput, NotFound, SessionNotEditable
from workbench.supervision.question_set_store import snapshot_question_set, stored_question_set
from workbench.supervision.question_sets import QuestionSet, load_question_set

MAX_CHILDREN = 8  # a sibling group
MAX_MEMBERS = 30
MAX_NAME = 200
AGENDA_REASON = str(presented_to_consultation_text())  # stored in English, shown translated


@dataclass(frozen=True)
class Attendee:
    """Someone without an account: a partner agency's practitioner, say."""

    name: str
    agency: str
    role: str = ""
    consent_to_be_named: bool = True


@dataclass(frozen=True)
class StartedConsultation:
    session_id: int
    discussion_ids: tuple[int, ...]


def _short(label: str, value: str, *, required: bool) -> str:
    text = " ".join(check_text(label, value).split())
    if required and not text:
        raise InvalidInput(translatable(
                "workbench.consultation", "%1 is empty; fill it in, then add the person again.").arg(label))
    if len(text) > MAX_NAME:
        raise InvalidInput(translatable(
                "workbench.consultation", "%1 is longer than %2 characters; shorten it.")
                .arg(label, MAX_NAME))
    return text


def _check_time_boxes(time_boxes: Mapping[str, int | None]) -> dict[str, int]:
    checked: dict[str, int] = {}
    for key, minutes in time_boxes.items():
        if key not in {step.value for step in Step}:
            raise InvalidInput(translatable(
                    "workbench.consultation", "'%1' is not a step of a consultation; this is a fault in the "
                                              "app.").arg(key))
        if minutes is None:
            continue
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_TIME_BOX:
            raise InvalidInput(translatable(
                    "workbench.consultation", "A time box of %1 minutes for '%2' is not possible; give whole "
                                              "minutes from 1 to %3, or none.")
                    .arg(repr(minutes), Step(key).heading, MAX_TIME_BOX))
        checked[key] = minutes
    return checked


def _require_starter(s: Session, actor: Actor, presenter: Staff) -> None:
    if actor.role is Role.PRACTICE_LEAD:
        return
    if actor.role is Role.TEAM_MANAGER and actor.team_id is not None and presenter.team_id == actor.team_id:
        return
    raise AccessDenied(translatable("workbench.consultation", "A case consultation is started by the "
                                                              "presenter's team manager or a practice lead. "
                                                              "Ask one of them to start it."))


def _check_members(s: Session, participant_ids: Sequence[int], attendees: Sequence[Attendee],
                   facilitator: Staff, presenter: Staff) -> tuple[list[Staff], list[Attendee]]:
    if len(participant_ids) + len(attendees) > MAX_MEMBERS:
        raise InvalidInput(translatable(
                "workbench.consultation", "A consultation holds at most %1 people besides the facilitator "
                                          "and the presenter; check the list.").arg(MAX_MEMBERS))
    staff: list[Staff] = []
    for staff_id in dict.fromkeys(participant_ids):
        person = s.get(Staff, staff_id)
        if person is None or not person.active:
            raise InvalidInput(translatable(
                    "workbench.consultation", "A participant is not an active member of staff; choose them "
                                              "again."))
        if person.id in (facilitator.id, presenter.id):
            raise InvalidInput(translatable(
                    "workbench.consultation", "%1 is already in the consultation as its %2.")
                    .arg(person.name, 'facilitator' if person.id == facilitator.id else 'presenter'))
        if person.role is Role.ADMIN:
            raise InvalidInput(translatable(
                    "workbench.consultation", "%1 is an admin and cannot see children's records; add them as "
                                              "an attendee without an account if they attend.")
                    .arg(person.name))
        staff.append(person)
    checked = [Attendee(_short("The attendee's name", a.name, required=True),
                        _short("The attendee's agency", a.agency, required=True),
                        _short("The attendee's role", a.role, required=False),
                        bool(a.consent_to_be_named)) for a in attendees]
    return staff, checked


def _record_names(members: Sequence[ConsultationMember]) -> list[str]:
    names = [m.record_name for m in members]
    repeated = {n for n in names if names.count(n) > 1}
    if repeated:
        raise InvalidInput(translatable(
                "workbench.consultation", "Two people would be recorded as '%1'; give each a different role "
                                          "so their scores can be told apart.").arg(sorted(repeated)[0]))
    return names


def _present(facilitator: Staff, presenter: Staff, members: Sequence[ConsultationMember]) -> list[str]:
    return [f"{facilitator.name} (facilitator)", f"{presenter.name} (presenter)", *_record_names(members)]


def start_consultation(
    ctx: SupervisionContext,
    *,
    presenter_id: int,
    case_ids: Sequence[int],
    meeting_at: dt.datetime,
    facilitator_id: int | None = None,
    participant_ids: Sequence[int] = (),
    attendees: Sequence[Attendee] = (),
    duration_minutes: int | None = None,
    time_boxes: Mapping[str, int | None] | None = None,
    question_set: QuestionSet | None = None,
) -> StartedConsultation:
    """Start a draft consultation about one child or a sibling group on ``presenter_id``'s caseload.

    The facilitator defaults to the person starting it. Each child gets a case discussion in
    the order given; the mapping step starts from the case's current worries, as any session does.
    """
    now = ctx.clock()
    check_meeting_at(meeting_at, now)
    check_duration(duration_minutes)
    boxes = _check_time_boxes(time_boxes or {})
    if not case_ids:
        raise InvalidInput(translatable("workbench.consultation", "Choose the child (or the sibling group) "
                                                                  "the presenter will bring."))
    if len(set(case_ids)) > MAX_CHILDREN:
        raise InvalidInput(translatable(
                "workbench.consultation", "A consultation is about one family: at most %1 children.")
                .arg(MAX_CHILDREN))
    facilitator_id = ctx.actor_id if facilitator_id is None else facilitator_id
    chosen = question_set or load_question_set()
    with transaction(ctx.db) as s:
        actor = actor_for(s, ctx.actor_id)
        presenter = s.get(Staff, presenter_id)
        facilitator = s.get(Staff, facilitator_id)
        if presenter is None or facilitator is None:
            raise NotFound(translatable(
                    "workbench.consultation", "The presenter or the facilitator no longer exists; choose "
                                              "them again."))
        _require_starter(s, actor, presenter)
        if not presenter.active:
            raise InvalidInput(translatable(
                    "workbench.consultation", "%1 is no longer active; choose a current worker.")
                    .arg(presenter.name))
        if facilitator.id == presenter.id:
            raise InvalidInput(translatable(
                    "workbench.consultation", "The facilitator and the presenter must be different people."))
        if not facilitator.active or facilitator.role not in (Role.TEAM_MANAGER, Role.PRACTICE_LEAD):
            raise InvalidInput(translatable(
                    "workbench.consultation", "%1 cannot facilitate: a consultation is facilitated by a team "
                                              "manager or a practice lead.").arg(facilitator.name))
        staff, checked = _check_members(s, participant_ids, attendees, facilitator, presenter)
        cases: list[CaseAllocation] = []
        for case_id in dict.fromkeys(case_ids):
            case = s.get(CaseAllocation, case_id)
            if case is None or case.worker_id != presenter.id:
                raise InvalidInput(translatable(
                        "workbench.consultation", "That child is not on %1's caseload; the presenter brings "
                                                  "a family they are allocated to.").arg(presenter.name))
            if case.child_id in {c.child_id for c in cases}:
                continue
            cases.append(case)
        version = snapshot_question_set(s, chosen)
        session = SupervisionSession(
            supervisor_id=facilitator.id, supervisee_id=presenter.id, meeting_at=meeting_at,
            duration_minutes=duration_minutes, kind=SessionKind.GROUP_CONSULTATION,
            status=SessionStatus.DRAFT, question_set_version_id=version.id, present=[],
            blind_scaling=True, workload="", wellbeing="", learning_development="",
            appreciative_inquiry="", created_at=now, updated_at=now,
        )
        s.add(session)
        s.flush()
        s.add(Consultation(session_id=session.id, presenter_request="", story="", spread_discussion="",
                           next_steps="", takeaway="", time_boxes=boxes, updated_at=now))
        members = [ConsultationMember(session_id=session.id, staff_id=p.id, name=p.name, agency="",
                                      role=p.role.value.replace("_", " "), consent_to_be_named=True,
                                      position=i, created_at=now) for i, p in enumerate(staff)]
        members += [ConsultationMember(session_id=session.id, staff_id=None, name=a.name, agency=a.agency,
                                       role=a.role, consent_to_be_named=a.consent_to_be_named,
                                       position=len(staff) + i, created_at=now)
                    for i, a in enumerate(checked)]
        session.present = _present(facilitator, presenter, members)
        s.add_all(members)
        variants = stored_question_set(version).scale
        discussions = []
        for position, case in enumerate(cases):
            variant = variants.variant_for(case.kind)
            discussion = CaseDiscussion(
                session=session, child_id=case.child_id, case=case, agenda_position=position,
                agenda_reasons=[AGENDA_REASON], answers={}, child_voice="", impact_statement="",
                escalation_decision="", score_difference_note="", updated_at=now,
                scale_variant=None if variant is None else variant.id, scale_variant_reason="")
            s.add(discussion)
            discussions.append(discussion)
        s.flush()
        audit(ctx, s, "consultation.start", "supervision_session", session.id, presenter_id=presenter.id,
              facilitator_id=facilitator.id, case_ids=[c.id for c in cases],
              participants=len(staff), attendees=len(checked))
        return StartedConsultation(session.id, tuple(d.id for d in discussions))


def consultation_of(s: Session, session_id: int) -> tuple[SupervisionSession, Consultation]:
    session = get_session(s, session_id)
    consultation = s.get(Consultation, session_id)
    if session.kind is not SessionKind.GROUP_CONSULTATION or consultation is None:
        raise NotFound(translatable("workbench.consultation", "Supervision session %1 is not a case "
                                                              "consultation.").arg(session_id))
    return session, consultation


def require_consultation_reader(s: Session, ctx: SupervisionContext, session_id: int) -> Actor:
    """The person at the keyboard may open this consultation (AccessDenied otherwise)."""
    actor = actor_for(s, ctx.actor_id)
    consultation_of(s, session_id)
    require_session_access(s, actor, session_id)
    return actor


def _writable(ctx: SupervisionContext, s: Session, session_id: int, *,
              presenter_too: bool = False) -> tuple[SupervisionSession, Consultation]:
    session, consultation = consultation_of(s, session_id)
    actor = actor_for(s, ctx.actor_id)
    if not (presenter_too and actor.staff_id == session.supervisee_id):
        require_session_access(s, actor, session_id)
        try:
            require_session_editor(s, actor, session_id)
        except AccessDenied:
            raise AccessDenied(translatable(
                    "workbench.consultation", "Only the facilitator (or the presenter's team manager) can "
                                              "change the consultation record; say what you want added, and "
                                              "they will.")) from None
    ensure_editable(session)
    return session, consultation


def save_step_text(ctx: SupervisionContext, session_id: int, step: Step, text: str) -> bool:
    """Save the text of one step; True if it changed. The presenter may write their take-away."""
    field = FIELD_OF_STEP.get(step)
    if field is None:
        raise InvalidInput(translatable(
                "workbench.consultation", "'%1' is written in its own parts, not as one text.")
                .arg(step.heading))
    value = check_text(step.heading, text)
    with transaction(ctx.db) as s:
        session, consultation = _writable(ctx, s, session_id, presenter_too=step is Step.TAKEAWAY)
        if getattr(consultation, field) == value:
            return False
        setattr(consultation, field, value)
        now = ctx.clock()
        stamp(consultation, now)
        stamp(session, now)
        audit(ctx, s, "consultation.step", "supervision_session", session_id, step=step.value)
        return True


def set_time_box(ctx: SupervisionContext, session_id: int, step: Step, minutes: int | None) -> None:
    """Give a step a time box in minutes (None: none)."""
    boxes = _check_time_boxes({step.value: minutes})
    with transaction(ctx.db) as s:
        _, consultation = _writable(ctx, s, session_id)
        updated = {k: v for k, v in (consultation.time_boxes or {}).items() if k != step.value} | boxes
        if updated != consultation.time_boxes:
            consultation.time_boxes = updated
            stamp(consultation, ctx.clock())
            audit(ctx, s, "consultation.time_box", "supervision_session", session_id, step=step.value,
                  minutes=minutes)


def add_attendee(ctx: SupervisionContext, session_id: int, attendee: Attendee) -> int:
    """Add someone without an account (before the scores are shown); returns the member id."""
    with transaction(ctx.db) as s:
        session, consultation = _writable(ctx, s, session_id)
        if consultation.scores_revealed_at is not None:
            raise SessionNotEditable(translatable(
                    "workbench.consultation", "The scores have been shown side by side; nobody joins the "
                                              "scaling after that. Note who else came in the story or next "
                                              "steps."))
        _, (checked,) = _check_members(s, (), (attendee,), session.supervisor, session.supervisee)
        members = list(consultation.members)
        member = ConsultationMember(session_id=session_id, staff_id=None, name=checked.name,
                                    agency=checked.agency, role=checked.role,
                                    consent_to_be_named=checked.consent_to_be_named,
                                    position=len(members), created_at=ctx.clock())
        session.present = _present(session.supervisor, session.supervisee, [*members, member])
        s.add(member)
        s.flush()
        stamp(session, ctx.clock())
        audit(ctx, s, "consultation.attendee_add", "consultation_member", member.id, session_id=session_id)
        return member.id


def remove_member(ctx: SupervisionContext, session_id: int, member_id: int) -> None:
    """Take someone out of a draft consultation who did not come (their score goes with them)."""
    from db.models import ScalingScore

    with transaction(ctx.db) as s:
        session, consultation = _writable(ctx, s, session_id)
        member = s.get(ConsultationMember, member_id)
        if member is None or member.session_id != session_id:
            raise NotFound(translatable(
                    "workbench.consultation", "That person is not in this consultation any more; reload it."))
        if consultation.scores_revealed_at is not None:
            raise SessionNotEditable(translatable(
                    "workbench.consultation", "The scores have been shown side by side, so the people who "
                                              "scaled stay in the record."))
        discussion_ids = [d.id for d in session.discussions]
        from workbench.consultation.board import member_score_filter

        for row in s.scalars(select(ScalingScore).where(ScalingScore.discussion_id.in_(discussion_ids),
                                                        member_score_filter(member))):
            s.delete(row)
        s.delete(member)
        s.flush()
        session.present = _present(session.supervisor, session.supervisee,
                                   [m for m in consultation.members if m.id != member_id])
        stamp(session, ctx.clock())
        audit(ctx, s, "consultation.member_remove", "consultation_member", member_id, session_id=session_id)


def missing_for_signing(s: Session, session_id: int) -> list[str]:
    """What the record still needs before the facilitator can sign it, in the order of the steps."""
    from workbench.consultation.board import read_board
    from workbench.supervision.worries import open_worry_count

    session, consultation = consultation_of(s, session_id)
    missing = []
    if not consultation.presenter_request.strip():
        missing.append(f"{Step.REQUEST.heading}: write what the presenter asked of the group.")
    if not consultation.story.strip():
        missing.append(f"{Step.STORY.heading}: write the story so far.")
    for discussion in session.discussions:
        if open_worry_count(s, discussion.case_id) == 0:
            missing.append(f"{Step.MAPPING.heading}: write at least one danger statement for "
                           f"{discussion.child.name or discussion.child.la_child_id}.")
    board = read_board(s, session, consultation, viewer_id=None)
    if board.waiting_for:
        missing.append(f"{Step.SCALING.heading}: still to score: {', '.join(board.waiting_for)}.")
    elif not board.revealed:
        missing.append(f"{Step.SCALING.heading}: show the scores side by side.")
    if not consultation.next_steps.strip():
        missing.append(f"{Step.NEXT_STEPS.heading}: write what the group proposed.")
    if not consultation.takeaway.strip():
        missing.append(f"{Step.TAKEAWAY.heading}: the presenter says what they will take away.")
    return missing


class ConsultationNotReady(InvalidInput):
    """The record is not complete; ``missing`` says what to add, step by step."""

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = list(missing)
        super().__init__("Before it can be signed: " + " ".join(self.missing))


def mark_ready_to_sign(ctx: SupervisionContext, session_id: int) -> None:
    """Draft -> ready to sign, or ConsultationNotReady saying what is missing."""
    with transaction(ctx.db) as s:
        session, _ = _writable(ctx, s, session_id)
        missing = missing_for_signing(s, session_id)
        if missing:
            raise ConsultationNotReady(missing)
        session.status = SessionStatus.READY_TO_SIGN
        stamp(session, ctx.clock())
        audit(ctx, s, "session.ready_to_sign", "supervision_session", session_id)


def accountable_manager_present(s: Session, session: SupervisionSession) -> bool:
    """Whether a manager of the presenter's team was in the room: without one, next steps stay
    proposals (no decision on next steps is taken without the accountable team manager)."""
    team_id = session.supervisee.team_id
    people = [session.supervisor] + [
        m for m in (s.get(Staff, sid) for sid in s.scalars(
            select(ConsultationMember.staff_id).where(ConsultationMember.session_id == session.id,
                                                      ConsultationMember.staff_id.is_not(None))))
        if m is not None]
    return any(p.role is Role.TEAM_MANAGER and team_id is not None and p.team_id == team_id for p in people)

