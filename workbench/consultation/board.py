"""The private scales of a consultation: each person scores on their own, then all are shown.

Every person in the room scales each child on the case as a whole: the facilitator, the
presenter, each participant and each attendee. Until the facilitator shows the scores side by
side, a person sees only their own score, and the board (and so the projector) shows only who
has scored, so that nobody follows the others. Once shown, the scores are fixed: changing one
after seeing the others would undo the point of scaling privately.

The scores are scaling scores like any other (in the consultation's case discussions), so they
join the case's scale history; :mod:`workbench.history` tells them apart by the session kind.
Rater roles: the presenter is the worker, the facilitator the supervisor, everyone else an
other professional, named as the record names them (``ConsultationMember.record_name``).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import RaterRole
from db.models import Consultation, ConsultationMember, ScalingScore, SupervisionSession
from workbench.access import AccessDenied, actor_for, require_session_editor
from workbench.consultation.service import consultation_of, require_consultation_reader
from workbench.messages import translatable
from workbench.supervision.common import audit, check_text, ensure_editable, stamp
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound, SessionNotEditable
from workbench.supervision.scores import check_score


@dataclass(frozen=True)
class Rater:
    key: str  # "facilitator", "presenter" or "member:<id>"
    label: str  # as the record names them
    role_label: str  # "Facilitator", "Presenter", "Police, DS" …
    staff_id: int | None  # None: an attendee without an account
    member_id: int | None
    rater_role: RaterRole
    agency: str | None


@dataclass(frozen=True)
class BoardScore:
    rater: Rater
    scored: bool
    score: int | None  # None while hidden from this viewer (or not given)
    reason: str | None


@dataclass(frozen=True)
class ChildBoard:
    discussion_id: int
    child_label: str
    scores: tuple[BoardScore, ...]

    @property
    def shown(self) -> list[int]:
        return [s.score for s in self.scores if s.score is not None]

    @property
    def spread(self) -> tuple[int, int] | None:
        """(lowest, highest) of the scores shown."""
        return (min(self.shown), max(self.shown)) if self.shown else None

    @property
    def mean(self) -> float | None:
        return fmean(self.shown) if self.shown else None


@dataclass(frozen=True)
class Board:
    revealed: bool
    children: tuple[ChildBoard, ...]
    waiting_for: tuple[str, ...]  # who has not scored every child yet


def raters_of(s: Session, session: SupervisionSession, consultation: Consultation) -> list[Rater]:
    raters = [
        Rater("facilitator", session.supervisor.name,
              translatable("workbench.consultation", "Facilitator"), session.supervisor_id, None,
              RaterRole.SUPERVISOR, None),
        Rater("presenter", session.supervisee.name,
              translatable("workbench.consultation", "Presenter"), session.supervisee_id, None,
              RaterRole.WORKER, None),
    ]
    for m in consultation.members:
        role_label = (", ".join(p for p in (m.role, m.agency) if p)
                      or translatable("workbench.consultation", "Participant"))
        raters.append(Rater(f"member:{m.id}", m.record_name, role_label, m.staff_id, m.id,
                            RaterRole.PROFESSIONAL, m.agency or None))
    return raters


def member_score_filter(member: ConsultationMember) -> ColumnElement[bool]:
    """The scores of one member (a participant by account, an attendee by recorded name)."""
    if member.staff_id is not None:
        return and_(ScalingScore.rater_role == RaterRole.PROFESSIONAL,
                    ScalingScore.rater_staff_id == member.staff_id)
    return and_(ScalingScore.rater_role == RaterRole.PROFESSIONAL, ScalingScore.rater_staff_id.is_(None),
                ScalingScore.rater_name == member.record_name)


def _score_filter(rater: Rater) -> ColumnElement[bool]:
    if rater.rater_role is not RaterRole.PROFESSIONAL:
        return ScalingScore.rater_role == rater.rater_role
    if rater.staff_id is not None:
        return and_(ScalingScore.rater_role == RaterRole.PROFESSIONAL,
                    ScalingScore.rater_staff_id == rater.staff_id)
    return and_(ScalingScore.rater_role == RaterRole.PROFESSIONAL, ScalingScore.rater_staff_id.is_(None),
                ScalingScore.rater_name == rater.label)


def read_board(s: Session, session: SupervisionSession, consultation: Consultation, *,
               viewer_id: int | None) -> Board:
    """The scores as ``viewer_id`` may see them (None: the projector, which sees none until shown)."""
    raters = raters_of(s, session, consultation)
    revealed = consultation.scores_revealed_at is not None
    children = []
    waiting: dict[str, None] = {}
    for discussion in session.discussions:
        rows = s.scalars(select(ScalingScore).where(ScalingScore.discussion_id == discussion.id,
                                                    ScalingScore.worry_id.is_(None))).all()
        scores = []
        for rater in raters:
            row = next((r for r in rows if _matches(r, rater)), None)
            own = viewer_id is not None and rater.staff_id == viewer_id
            visible = row is not None and (revealed or own)
            scores.append(BoardScore(rater, row is not None, row.score if visible and row else None,
                                     row.reason if visible and row else None))
            if row is None:
                waiting[rater.label] = None
        children.append(ChildBoard(discussion.id, discussion.child.name or discussion.child.la_child_id,
                                   tuple(scores)))
    return Board(revealed, tuple(children), tuple(waiting))


def _matches(row: ScalingScore, rater: Rater) -> bool:
    if row.rater_role is not rater.rater_role:
        return False
    if rater.rater_role is not RaterRole.PROFESSIONAL:
        return True
    if rater.staff_id is not None:
        return row.rater_staff_id == rater.staff_id
    return row.rater_staff_id is None and row.rater_name == rater.label


def score_board(ctx: SupervisionContext, session_id: int) -> Board:
    """The board as the person at the keyboard may see it."""
    with ctx.db() as s:
        require_consultation_reader(s, ctx, session_id)
        session, consultation = consultation_of(s, session_id)
        return read_board(s, session, consultation, viewer_id=ctx.actor_id)


def record_score(ctx: SupervisionContext, discussion_id: int, rater_key: str, score: int,
                 reason: str = "") -> None:
    """Record one person's private score on a child (the case as a whole).

    A person with an account records their own; the facilitator (or the presenter's team
    manager) records anyone's, handed to them on paper or typed at the facilitator's laptop
    with the projector showing only who has scored. Refused once the scores have been shown.
    """
    value = check_score(score)
    why = check_text("The reason", reason)
    from db.models import CaseDiscussion

    with transaction(ctx.db) as s:
        discussion = s.get(CaseDiscussion, discussion_id)
        if discussion is None:
            raise NotFound(translatable(
                    "workbench.consultation", "That child is no longer in this consultation; reload it."))
        session, consultation = consultation_of(s, discussion.session_id)
        actor = actor_for(s, ctx.actor_id)
        rater = next((r for r in raters_of(s, session, consultation) if r.key == rater_key), None)
        if rater is None:
            raise NotFound(translatable(
                    "workbench.consultation", "That person is not in this consultation any more; reload it."))
        if rater.staff_id != actor.staff_id:
            require_consultation_reader(s, ctx, session.id)
            try:
                require_session_editor(s, actor, session.id)
            except AccessDenied:
                raise AccessDenied(translatable(
                        "workbench.consultation", "You can record only your own score; the facilitator "
                                                  "records the scores of people without an account.")
                ) from None
        ensure_editable(session)
        if consultation.scores_revealed_at is not None:
            raise SessionNotEditable(translatable(
                    "workbench.consultation", "The scores have been shown side by side, so they are fixed. "
                                              "Say in the spread discussion what someone would now score."))
        row = s.scalars(select(ScalingScore).where(
            ScalingScore.discussion_id == discussion_id, ScalingScore.worry_id.is_(None),
            _score_filter(rater))).first()
        now = ctx.clock()
        if row is None:
            row = ScalingScore(discussion_id=discussion_id, case_id=discussion.case_id,
                               meeting_at=session.meeting_at, worry_id=None, rater_role=rater.rater_role,
                               rater_staff_id=rater.staff_id,
                               rater_name=rater.label if rater.rater_role is RaterRole.PROFESSIONAL else None,
                               rater_agency=rater.agency, score=value, reason=why, recorded_at=now)
            s.add(row)
            s.flush()
            audit(ctx, s, "score.add", "scaling_score", row.id, case_id=discussion.case_id,
                  discussion_id=discussion_id, rater=rater.rater_role.value, private=True)
        elif (row.score, row.reason) != (value, why):
            row.score, row.reason, row.recorded_at = value, why, now
            audit(ctx, s, "score.update", "scaling_score", row.id, case_id=discussion.case_id,
                  discussion_id=discussion_id, private=True)
        stamp(session, now)


def reveal_scores(ctx: SupervisionContext, session_id: int) -> Board:
    """Show every score side by side, once everyone has scored every child (facilitator only)."""
    with transaction(ctx.db) as s:
        session, consultation = consultation_of(s, session_id)
        actor = actor_for(s, ctx.actor_id)
        try:
            require_session_editor(s, actor, session_id)
        except AccessDenied:
            raise AccessDenied(translatable("workbench.consultation", "Only the facilitator shows the scores "
                                                                      "side by side.")) from None
        ensure_editable(session)
        board = read_board(s, session, consultation, viewer_id=None)
        if board.waiting_for:
            raise InvalidInput(translatable(
                    "workbench.consultation", "Still to score: %1. Show the scores once everyone has scored, "
                                              "or take out someone who has left.")
                    .arg(', '.join(board.waiting_for)))
        if consultation.scores_revealed_at is None:
            now = ctx.clock()
            consultation.scores_revealed_at = now
            stamp(consultation, now)
            stamp(session, now)
            audit(ctx, s, "consultation.scores_shown", "supervision_session", session_id)
        return read_board(s, session, consultation, viewer_id=None)
