"""A case's scale history: every scaling score of a case, in meeting order, with its worry.

One indexed range read (``ix_scaling_score_case_meeting``) joined to primary-key lookups of
the worry and the session that closed it: no N+1, no ORM objects, only plain dataclasses that
the chart builders (``workbench.charts``) and the PDF export take as they are.

The caseload and team figures (latest score per case, change, overdue supervision, monthly
movement) live beside this in ``workbench.caseload_scores``; both share the rules here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from statistics import fmean
from typing import Any

from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.orm import Session, aliased

from db.engine import DbFactory, transaction
from db.enums import RaterRole, SessionKind, SessionStatus
from db.models import (
    CaseDiscussion,
    Consultation,
    QuestionSetVersion,
    ScalingScore,
    SupervisionSession,
    Worry,
)
from workbench.access import Actor, actor_id, require_case_access
from workbench.audit import AuditTrail
from workbench.messages import translatable
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.question_set_store import stored_question_set

#: The label of the scale on the case as a whole (a score with no worry).
CASE_AS_A_WHOLE = translatable("workbench.history", "Case as a whole")
#: Scores at or below this are in the escalation zone (many councils escalate at 2 or below).
ESCALATION_THRESHOLD = 2
#: Worry labels are shortened to this many characters (legends, summaries, tooltips).
LABEL_LIMIT = 48


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def worry_label(worry_id: int | None, danger_statement: str | None) -> str:
    if worry_id is None:
        return CASE_AS_A_WHOLE
    label = short_label(danger_statement or "")
    return label or f"Worry {worry_id}"


def session_score(scale_means: Mapping[int | None, float]) -> tuple[float, int | None] | None:
    """The score a case had at one session, and which scale gave it (None: the case as a whole).

    Each scale (a worry, or the case as a whole) is the mean of its raters' scores in that
    session; the case's score is the *lowest* of its scales. The caseload view exists to find
    the children who most need attention, and escalation policy looks at any one scale at 2 or
    below: a mean across worries would hide a worry at 1 behind two at 8.
    Ties go to the case as a whole, then to the lowest worry id, so the result is stable.
    """
    if not scale_means:
        return None
    scale = min(scale_means, key=lambda k: (scale_means[k], k is not None, k or 0))
    return scale_means[scale], scale


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One rater's score on one scale of a case, at one session."""

    score_id: int
    discussion_id: int
    meeting_at: dt.datetime
    worry_id: int | None  # None: the case as a whole
    worry_label: str  # the danger statement as it reads now, shortened
    worry_statement: str  # in full ("" for the case as a whole)
    rater_role: RaterRole
    rater_name: str | None
    score: int
    reason: str
    worry_closed_at: dt.datetime | None  # the meeting that closed the worry, if closed
    worry_closed_reason: str | None
    scale_variant: str | None = None  # the scale wording the child was scored on (variant id)
    scale_label: str = ""  # that wording's name ("Looked after (Signs of Success)")
    rater_agency: str | None = None
    # Given in a group case consultation (workbench.consultation): a series of its own, drawn
    # as the group's spread on that date, not joined to the one-to-one lines.
    group: bool = False

    @property
    def wording_key(self) -> tuple[str | None, str]:
        """Scores with the same key were given on the same wording and can be joined."""
        return (self.scale_variant, self.scale_label)


@dataclass(frozen=True, slots=True)
class WorryTrack:
    """One scale of a case across sessions: a worry, or the case as a whole."""

    worry_id: int | None
    label: str
    statement: str
    closed_at: dt.datetime | None
    closed_reason: str | None
    points: tuple[ScorePoint, ...]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def session_means(self) -> list[tuple[dt.datetime, float]]:
        """Per session, in meeting order, the mean of the raters' scores on this scale."""
        by_session: dict[dt.datetime, list[int]] = {}
        for point in self.points:
            by_session.setdefault(point.meeting_at, []).append(point.score)
        return [(at, fmean(scores)) for at, scores in sorted(by_session.items())]

    def raters(self) -> list[RaterRole]:
        return sorted({p.rater_role for p in self.points}, key=list(RaterRole).index)


@dataclass(frozen=True, slots=True)
class GroupSpread:
    """A consultation group's scores on the case as a whole, on one date."""

    meeting_at: dt.datetime
    scores: tuple[int, ...]  # lowest first

    @property
    def low(self) -> int:
        return self.scores[0]

    @property
    def high(self) -> int:
        return self.scores[-1]

    @property
    def mean(self) -> float:
        return fmean(self.scores)


@dataclass(frozen=True)
class ScaleHistory:
    """Every scaling score of one case in meeting order (then in the order they were saved)."""

    case_id: int
    points: tuple[ScorePoint, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.points

    @cached_property
    def sessions(self) -> tuple[dt.datetime, ...]:
        """The distinct meetings that recorded a score, oldest first."""
        return tuple(sorted({p.meeting_at for p in self.points}))

    @cached_property
    def worries(self) -> tuple[WorryTrack, ...]:
        """One track per scale: the case as a whole first, then worries as they first appear."""
        grouped: dict[int | None, list[ScorePoint]] = {}
        for point in self.points:
            if not point.group:
                grouped.setdefault(point.worry_id, []).append(point)
        order = sorted(grouped, key=lambda k: (k is not None, grouped[k][0].meeting_at, k or 0))
        tracks = []
        for key in order:
            first = grouped[key][0]
            tracks.append(WorryTrack(
                worry_id=key, label=first.worry_label, statement=first.worry_statement,
                closed_at=first.worry_closed_at, closed_reason=first.worry_closed_reason,
                points=tuple(grouped[key]),
            ))
        return tuple(tracks)

    @cached_property
    def raters(self) -> tuple[RaterRole, ...]:
        """The rater roles that appear, in the fixed order of ``RaterRole``."""
        present = {p.rater_role for p in self.points if not p.group}
        return tuple(role for role in RaterRole if role in present)

    @cached_property
    def group_spreads(self) -> tuple[GroupSpread, ...]:
        """Per consultation date, the group's scores on the case as a whole (oldest first)."""
        by_date: dict[dt.datetime, list[int]] = {}
        for point in self.points:
            if point.group and point.worry_id is None:
                by_date.setdefault(point.meeting_at, []).append(point.score)
        return tuple(GroupSpread(at, tuple(sorted(scores))) for at, scores in sorted(by_date.items()))


def unshown_discussions() -> Select[int]:
    """The discussions of consultations whose scores are not yet shown side by side: their
    scores are private to each rater. Caseload, team and oversight figures leave them out
    (``score.discussion_id.not_in(unshown_discussions())``), or a mean would show them first.
    Few rows: only consultations still under way. Asked from the consultations' side, so the
    discussions are looked up by their session (a join let SQLite scan every discussion)."""
    return select(CaseDiscussion.id).where(CaseDiscussion.session_id.in_(
        select(Consultation.session_id).where(Consultation.scores_revealed_at.is_(None))))


@cache
def _history_query() -> Select[*tuple[Any, ...]]:
    """The case's scores (``case_id`` bound at execution), built once: composing the joins and
    aliases costs more than SQLite takes to run the query."""
    closing_discussion = aliased(CaseDiscussion)
    closing_session = aliased(SupervisionSession)
    return (
        select(
            ScalingScore.id,
            ScalingScore.discussion_id,
            ScalingScore.meeting_at,
            ScalingScore.worry_id,
            Worry.danger_statement,
            ScalingScore.rater_role,
            ScalingScore.rater_name,
            ScalingScore.score,
            ScalingScore.reason,
            closing_session.meeting_at.label("closed_at"),
            Worry.closed_reason,
            CaseDiscussion.scale_variant,
            SupervisionSession.question_set_version_id,
            QuestionSetVersion.title,
            QuestionSetVersion.version,
            ScalingScore.rater_agency,
            SupervisionSession.kind,
        )
        .join(CaseDiscussion, CaseDiscussion.id == ScalingScore.discussion_id)
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .join(QuestionSetVersion, QuestionSetVersion.id == SupervisionSession.question_set_version_id)
        .outerjoin(Worry, Worry.id == ScalingScore.worry_id)
        .outerjoin(closing_discussion, closing_discussion.id == Worry.closed_in_id)
        .outerjoin(closing_session, closing_session.id == closing_discussion.session_id)
        # A draft its supervisor discarded is no part of the history. The status is written
        # into the SQL: PostgreSQL's generic plan for a prepared statement (psycopg prepares
        # it from the sixth read on) cannot tell "<> $2" lets nearly every session through,
        # guesses one row, and started from the sessions: a second a read on 1,000,000 scores.
        .where(ScalingScore.case_id == bindparam("case_id"),
               SupervisionSession.status != literal(SessionStatus.DISCARDED, SupervisionSession.status.type,
                                                    literal_execute=True),
               ScalingScore.discussion_id.not_in(unshown_discussions()))
        .order_by(ScalingScore.meeting_at, ScalingScore.id)
    )


def read_scale_history(session: Session, case_id: int) -> ScaleHistory:
    """A case's scale history, read in the caller's session (one indexed query).

    No access check and no audit event: for services that have done both in this session
    (an export, the case discussion). To show it to someone, use ``view_scale_history``.
    """
    rows = session.execute(_history_query(), {"case_id": case_id}).all()
    return ScaleHistory(case_id=case_id, points=tuple(_points(session, rows)))


def _wording_label(session: Session, version_id: int, title: str, version: int, variant: str | None) -> str:
    """The name of the wording a score was given on: its question set version's, or its variant's."""
    if variant is None:
        return f"{title} (v{version})"  # a set with one wording for every child
    try:
        chosen = stored_question_set(session.get_one(QuestionSetVersion, version_id)).scale.variant(variant)
    except QuestionSetError:  # the session itself reports a damaged snapshot
        chosen = None
    return chosen.label if chosen is not None else variant


def _points(session: Session, rows: Iterable[Any]) -> Iterable[ScorePoint]:
    labels: dict[int | None, tuple[str, str]] = {}
    wordings: dict[tuple[int, str | None], str] = {}
    for (score_id, discussion_id, meeting_at, worry_id, statement, role, rater_name, score,
         reason, closed_at, closed_reason, variant, version_id, title, version, agency, kind) in rows:
        key: int | None = worry_id
        if key not in labels:
            labels[key] = (worry_label(key, statement), statement or "")
        label, full = labels[key]
        wording = wordings.get((version_id, variant))
        if wording is None:
            wording = wordings[(version_id, variant)] = _wording_label(session, version_id, title, version,
                                                                       variant)
        yield ScorePoint(
            score_id=score_id,
            discussion_id=discussion_id,
            meeting_at=meeting_at,
            worry_id=key,
            worry_label=label,
            worry_statement=full,
            rater_role=role,  # the column's type gives the RaterRole itself
            rater_name=rater_name,
            score=score,
            reason=reason or "",
            worry_closed_at=closed_at,
            worry_closed_reason=closed_reason,
            scale_variant=variant,
            scale_label=wording,
            rater_agency=agency,
            group=kind is SessionKind.GROUP_CONSULTATION,
        )


def view_scale_history(
    db: DbFactory, audit: AuditTrail, *, actor: Actor | None, case_id: int
) -> ScaleHistory:
    """Read a case's scale history for ``actor`` to see, recording the view in the audit trail.

    AccessDenied (with a message to show) if the case is not on a caseload they may see.
    """
    with transaction(db) as session:
        require_case_access(session, actor, case_id)
        history = read_scale_history(session, case_id)
        audit.record(session, actor_id=actor_id(actor), action="view_scale_history",
                     entity_type="case_allocation", entity_id=case_id,
                     details={"scores": len(history.points)})
    return history
