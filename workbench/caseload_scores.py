"""Scores across a caseload: the caseload at a glance, and the team view for practice leads.

Rules (shared with ``workbench.history``):
- A case's score at a session is its lowest scale, each scale being the mean of its raters'
  scores in that session (``workbench.history.session_score``).
- "Latest" and "previous" are the case's last two meetings that recorded a score.
- A case is overdue for supervision when more than 28 days (14 while its worker is newly
  qualified, ``Staff.newly_qualified_until``) have passed since it was last discussed in a
  supervision session; a case never discussed counts from its start date, and is overdue at
  once when it has none.

No N+1: the last two score dates of every case are correlated ``max()`` look-ups on
``ix_scaling_score_case_meeting``, and the scores from those dates on are an index range per
case, all in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean, median
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from db.base import UTCDateTime
from db.engine import DbFactory
from db.enums import CaseKind, SessionStatus
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
    Worry,
)
from workbench.access import Actor, require_team_access, require_worker_access, scope_cases
from workbench.clock import Clock
from workbench.history import CASE_AS_A_WHOLE, session_score, unshown_discussions, worry_label

SUPERVISION_INTERVAL = dt.timedelta(days=28)
NEWLY_QUALIFIED_INTERVAL = dt.timedelta(days=14)
#: How many months the team view looks back over, the current month included.
TEAM_MONTHS = 12


@dataclass(frozen=True, slots=True)
class GlanceRow:
    """One open case: its latest score, the change since the previous one, and supervision."""

    case_id: int
    child_id: int
    child_label: str  # the child's name, or the local authority's id when there is none
    kind: CaseKind
    worker_id: int
    worker_name: str
    latest_score: float | None
    latest_at: dt.datetime | None
    lowest_scale: str | None  # which scale gave the latest score
    previous_score: float | None
    previous_at: dt.datetime | None
    last_supervised: dt.datetime | None
    supervision_due: dt.date | None
    overdue: bool
    newly_qualified: bool

    @property
    def change(self) -> float | None:
        if self.latest_score is None or self.previous_score is None:
            return None
        return self.latest_score - self.previous_score


@dataclass(frozen=True, slots=True)
class MonthScores:
    month: dt.date  # the first day of the month
    mean: float | None
    median: float | None
    cases_scored: int


@dataclass(frozen=True)
class TeamView:
    team_id: int
    team_name: str
    as_of: dt.date
    distribution: tuple[int, ...]  # open cases by latest score rounded half up, index 0..10
    open_cases: int
    scored_cases: int
    months: tuple[MonthScores, ...]  # oldest first, the current month last

    @property
    def unscored_cases(self) -> int:
        return self.open_cases - self.scored_cases

    @property
    def share_scored(self) -> float | None:
        return self.scored_cases / self.open_cases if self.open_cases else None


def supervision_due(last_supervised: dt.datetime | None, start_date: dt.date | None,
                    *, newly_qualified: bool) -> dt.date | None:
    """The date by which the case should next be discussed; None means overdue already."""
    interval = NEWLY_QUALIFIED_INTERVAL if newly_qualified else SUPERVISION_INTERVAL
    since = last_supervised.date() if last_supervised is not None else start_date
    return None if since is None else since + interval


def rounded_score(value: float) -> int:
    """A mean score to its whole-number bin, half up (2.5 is 3), clamped to 0..10."""
    return max(0, min(10, int(value + 0.5)))


def _open_cases_filter(worker_id: int | None, team_id: int | None,
                       actor: Actor | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [CaseAllocation.end_date.is_(None)]
    # The actor's scope as a condition, so both queries (cases and scores) carry it.
    scoped = scope_cases(select(CaseAllocation.id), actor).whereclause
    if scoped is not None:
        conditions.append(scoped)
    if worker_id is not None:
        conditions.append(CaseAllocation.worker_id == worker_id)
    if team_id is not None:
        conditions.append(CaseAllocation.team_id == team_id)
    return conditions


def _latest_two_dates() -> tuple[Any, Any]:
    """Per case: its last and second-to-last meeting that recorded a score (index seeks)."""
    last = aliased(ScalingScore)
    before = aliased(ScalingScore)
    last_at = (select(func.max(last.meeting_at))
               .where(last.case_id == CaseAllocation.id, last.discussion_id.not_in(unshown_discussions()))
               .correlate(CaseAllocation).scalar_subquery())
    prev_at = (select(func.max(before.meeting_at))
               .where(before.case_id == CaseAllocation.id, before.meeting_at < last_at,
                      before.discussion_id.not_in(unshown_discussions()))
               .correlate(CaseAllocation).scalar_subquery())
    return type_coerce(last_at, UTCDateTime), type_coerce(prev_at, UTCDateTime)


Means = dict[int, dict[dt.datetime, dict[int | None, float]]]


def _scale_means(session: Session, query: Select[*tuple[Any, ...]]) -> Means:
    """case -> meeting -> scale -> mean score, from rows (case, meeting, worry, sum, count)."""
    means: Means = defaultdict(dict)
    for case_id, meeting_at, worry_id, total, count, *_ in session.execute(query):
        means[case_id].setdefault(meeting_at, {})[worry_id] = int(total) / int(count)
    return means


def _grouped_scores(*, with_wording: bool = False) -> Select[*tuple[Any, ...]]:
    """Per case, meeting and scale: the sum and count of the raters' scores (and the worry's
    wording, with_wording, so no second query is needed for it)."""
    columns: list[Any] = [
        ScalingScore.case_id,
        ScalingScore.meeting_at,
        ScalingScore.worry_id,
        func.sum(ScalingScore.score),
        func.count(ScalingScore.id),
    ]
    shown = ScalingScore.discussion_id.not_in(unshown_discussions())
    if not with_wording:
        return select(*columns).where(shown).group_by(ScalingScore.case_id, ScalingScore.meeting_at,
                                                      ScalingScore.worry_id)
    return (select(*columns, func.max(Worry.danger_statement))
            .outerjoin(Worry, Worry.id == ScalingScore.worry_id)
            .where(shown)
            .group_by(ScalingScore.case_id, ScalingScore.meeting_at, ScalingScore.worry_id))


def caseload_glance(db: DbFactory, clock: Clock, *, worker_id: int | None = None,
                    team_id: int | None = None, actor: Actor | None = None) -> list[GlanceRow]:
    """Every open case of a worker (or team): latest and previous score, supervision status.

    Rows come in the child's id order; the glance chart orders them itself
    (``workbench.charts.glance_order``). Two queries: the cases, and the scores of their last
    two scored meetings. With an ``actor``, only cases they may see; asking for another
    worker's or team's caseload raises AccessDenied (None: the system, everything).
    """
    now = clock()
    today = now.date()
    conditions = _open_cases_filter(worker_id, team_id, actor)
    discussed = (
        select(type_coerce(func.max(SupervisionSession.meeting_at), UTCDateTime))
        .join(CaseDiscussion, CaseDiscussion.session_id == SupervisionSession.id)
        .where(CaseDiscussion.case_id == CaseAllocation.id, SupervisionSession.meeting_at <= now,
               SupervisionSession.status != SessionStatus.DISCARDED)
        .correlate(CaseAllocation).scalar_subquery()
    )
    cases_query = (
        select(CaseAllocation.id, Child.id, Child.name, Child.la_child_id, CaseAllocation.kind,
               CaseAllocation.start_date, Staff.id, Staff.name, Staff.newly_qualified_until,
               discussed)
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .where(*conditions)
        .order_by(Child.la_child_id, CaseAllocation.id)
    )
    last_at, prev_at = _latest_two_dates()
    latest = (select(CaseAllocation.id.label("case_id"),
                     func.coalesce(prev_at, last_at).label("since"))
              .where(*conditions).cte("latest_two").prefix_with("MATERIALIZED"))
    # Nothing was scored between the previous and the last scored meeting, so "from the
    # previous on" is exactly those two meetings; a range lets both databases read each case
    # through the index (an OR of the two dates made PostgreSQL scan the whole table, and
    # (case, meeting) IN (...) made SQLite do so). MATERIALIZED: once per case, not per score.
    scores_query = _grouped_scores(with_wording=True).join(latest, and_(
        ScalingScore.case_id == latest.c.case_id, ScalingScore.meeting_at >= latest.c.since))
    with db() as s:
        if worker_id is not None:
            require_worker_access(s, actor, worker_id)
        if team_id is not None:
            require_team_access(actor, team_id)
        case_rows = s.execute(cases_query).all()
        score_rows = s.execute(scores_query).all()
    means: Means = defaultdict(dict)
    labels: dict[int | None, str] = {}
    for case_id, meeting_at, worry_id, total, count, wording in score_rows:
        means[case_id].setdefault(meeting_at, {})[worry_id] = int(total) / int(count)
        labels[worry_id] = worry_label(worry_id, wording)
    rows = []
    for (case_id, child_id, name, la_id, kind, start_date, staff_id, staff_name, nq_until,
         last_supervised) in case_rows:
        by_meeting = sorted(means.get(case_id, {}).items())
        latest_at, latest_score, scale = _at(by_meeting, -1)
        previous_at, previous_score, _ = _at(by_meeting, -2)
        newly_qualified = nq_until is not None and today <= nq_until
        due = supervision_due(last_supervised, start_date, newly_qualified=newly_qualified)
        rows.append(GlanceRow(
            case_id=case_id, child_id=child_id, child_label=name or la_id, kind=kind,
            worker_id=staff_id, worker_name=staff_name,
            latest_score=latest_score, latest_at=latest_at,
            lowest_scale=None if latest_at is None else labels.get(scale, CASE_AS_A_WHOLE),
            previous_score=previous_score, previous_at=previous_at,
            last_supervised=last_supervised, supervision_due=due,
            overdue=due is None or today > due, newly_qualified=newly_qualified,
        ))
    return rows


def _at(by_meeting: list[tuple[dt.datetime, dict[int | None, float]]], index: int
        ) -> tuple[dt.datetime | None, float | None, int | None]:
    if len(by_meeting) < abs(index):
        return None, None, None
    meeting_at, scales = by_meeting[index]
    scored = session_score(scales)
    assert scored is not None  # a meeting in the map has at least one scale
    return meeting_at, scored[0], scored[1]


def _month_start(day: dt.date, months_back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def team_view(db: DbFactory, clock: Clock, *, team_id: int,
              months: int = TEAM_MONTHS, actor: Actor | None = None) -> TeamView:
    """How a team's scores are spread, how they moved month by month, and how many are scored.

    The distribution and the share scored cover the team's open cases. A month's mean and
    median are taken over the team's cases (open or since closed) scored in that month, each
    case counting once, with the score of its last session in the month.
    """
    now = clock()
    today = now.date()
    require_team_access(actor, team_id)
    glance = caseload_glance(db, clock, team_id=team_id, actor=actor)
    distribution = [0] * 11
    for row in glance:
        if row.latest_score is not None:
            distribution[rounded_score(row.latest_score)] += 1
    first_month = _month_start(today, months - 1)
    window_start = dt.datetime(first_month.year, first_month.month, 1, tzinfo=dt.UTC)
    monthly_query = (
        _grouped_scores()
        .join(CaseAllocation, CaseAllocation.id == ScalingScore.case_id)
        .where(CaseAllocation.team_id == team_id, ScalingScore.meeting_at >= window_start,
               ScalingScore.meeting_at <= now)
    )
    last_in_month: dict[tuple[dt.date, int], tuple[dt.datetime, float]] = {}
    with db() as s:
        monthly = _scale_means(s, monthly_query)
        team_name = s.execute(select(Team.name).where(Team.id == team_id)).scalar_one()
    for case_id, meetings in monthly.items():
        for meeting_at, scales in meetings.items():
            scored = session_score(scales)
            assert scored is not None
            key = (_month_start(meeting_at.date()), case_id)
            if key not in last_in_month or last_in_month[key][0] < meeting_at:
                last_in_month[key] = (meeting_at, scored[0])
    per_month: dict[dt.date, list[float]] = defaultdict(list)
    for (month, _case), (_meeting, score) in last_in_month.items():
        per_month[month].append(score)
    series = []
    for back in range(months - 1, -1, -1):
        month = _month_start(today, back)
        values = per_month.get(month, [])
        series.append(MonthScores(month=month, mean=fmean(values) if values else None,
                                  median=median(values) if values else None,
                                  cases_scored=len(values)))
    return TeamView(
        team_id=team_id, team_name=team_name, as_of=today, distribution=tuple(distribution),
        open_cases=len(glance), scored_cases=sum(distribution), months=tuple(series),
    )
