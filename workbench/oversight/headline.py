"""The oversight's headline, counted by the database: what the first screen shows.

The practice lead's first view (the Workers figure, the summary line and each figure's count)
must come up at once over thousands of cases and a million scores, so these are GROUP BY and
window queries that return a row per worker or a single count, never a row per case or score.
Each states the same rule as the row-by-row figure it stands for, and the tests hold the two
together (``tests/workbench/oversight/test_headline.py``):

- :func:`open_case_counts`: per worker, open cases and those overdue for discussion, by the
  caseload's rule (``workbench.caseload_scores.supervision_due``);
- :func:`worker_meetings`: per worker, the last supervision and how many in the period;
- :func:`rediscussion`: of the period's discussions of a child discussed before, how many came
  within the child's interval of the one before;
- :func:`direct_work_total`: the open children with direct work in the window, and per tool.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Float, Select, and_, case, exists, func, literal, or_, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from db.base import UTCDateTime
from db.enums import SessionStatus
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    DirectWork,
    Staff,
    SupervisionSession,
)
from workbench.caseload_scores import NEWLY_QUALIFIED_INTERVAL, SUPERVISION_INTERVAL
from workbench.oversight.report import DIRECT_WORK_TOOLS, Rediscussion


class day_number(FunctionElement[float]):
    """A timestamp's (or date's) calendar day as a number: the difference of two is whole days,
    on both databases (SQLite's ``julianday``, PostgreSQL's date subtraction)."""

    type = Float()
    name = "day_number"
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"julianday(date({compiler.process(element.clauses, **kw)}))"


@compiles(day_number)
def _day_number_default(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '2000-01-01')"


def midnight(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` (UTC): ``t >= midnight(d)`` is ``t.date() >= d``."""
    return dt.datetime.combine(day, dt.time.min, dt.UTC)


def count_rows(s: Session, query: Select[*tuple[Any, ...]]) -> int:
    """How many rows ``query`` returns, counted by the database."""
    return int(s.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _held(cutoff: dt.datetime) -> list[Any]:
    """A session that happened: by the report's last moment, and not discarded."""
    return [SupervisionSession.meeting_at <= cutoff,
            SupervisionSession.status != SessionStatus.DISCARDED]


def open_case_counts(s: Session, conditions: list[Any], cutoff: dt.datetime
                     ) -> dict[int, tuple[int, int]]:
    """Per worker holding open cases (``conditions`` choose them, as the caseload at a glance
    does): (open cases, cases overdue for discussion as of ``cutoff``).

    The rule is ``caseload_scores.supervision_due``'s: due an interval (14 days while the
    worker is newly qualified, else 28) after the case was last discussed in a session held by
    ``cutoff``, or after its start when never discussed; overdue once the day is past due, and
    at once with neither. A case discussed within the longest interval is found from the few
    recent sessions; only the others are asked whether they were ever discussed.
    """
    today = cutoff.date()
    longest = max(SUPERVISION_INTERVAL, NEWLY_QUALIFIED_INTERVAL)
    recent = (select(CaseDiscussion.case_id.label("case_id"),
                     type_coerce(func.max(SupervisionSession.meeting_at), UTCDateTime).label("last"))
              .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
              .where(SupervisionSession.meeting_at >= midnight(today - longest), *_held(cutoff))
              .group_by(CaseDiscussion.case_id).subquery("recent"))
    ever = exists(select(CaseDiscussion.id)
                  .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
                  .where(CaseDiscussion.case_id == CaseAllocation.id, *_held(cutoff)))
    newly_qualified = Staff.newly_qualified_until >= today
    qualified = or_(Staff.newly_qualified_until.is_(None), Staff.newly_qualified_until < today)
    nq_from, std_from = today - NEWLY_QUALIFIED_INTERVAL, today - SUPERVISION_INTERVAL
    last = recent.c.last
    overdue = case(
        (or_(and_(newly_qualified, last >= midnight(nq_from)),
             and_(qualified, last >= midnight(std_from))), 0),
        (last.is_not(None), 1),
        (ever, 1),  # discussed, but longer ago than any interval
        (or_(and_(newly_qualified, CaseAllocation.start_date >= nq_from),
             and_(qualified, CaseAllocation.start_date >= std_from)), 0),
        else_=1)
    rows = s.execute(
        select(CaseAllocation.worker_id, func.count(), func.sum(overdue))
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .outerjoin(recent, recent.c.case_id == CaseAllocation.id)
        .where(*conditions)
        .group_by(CaseAllocation.worker_id)).all()
    return {worker_id: (int(cases), int(late or 0)) for worker_id, cases, late in rows}


def worker_meetings(s: Session, workers: Any, kinds: tuple[Any, ...], start: dt.date,
                    end: dt.date, cutoff: dt.datetime
                    ) -> dict[int, tuple[dt.date, int]]:
    """Per worker among ``workers`` (a query of staff ids): the day of their last supervision
    (of ``kinds``, held by ``cutoff``) and how many fell on ``start``..``end``."""
    in_period = and_(SupervisionSession.meeting_at >= midnight(start),
                     SupervisionSession.meeting_at < midnight(end + dt.timedelta(days=1)))
    rows = s.execute(
        select(SupervisionSession.supervisee_id,
               type_coerce(func.max(SupervisionSession.meeting_at), UTCDateTime),
               func.sum(case((in_period, 1), else_=0)))
        .where(SupervisionSession.supervisee_id.in_(workers),
               SupervisionSession.kind.in_(kinds), *_held(cutoff))
        .group_by(SupervisionSession.supervisee_id)).all()
    return {worker_id: (last.date(), int(held or 0)) for worker_id, last, held in rows}


def rediscussion(s: Session, conditions: list[Any], start: dt.date, end: dt.date,
                 cutoff: dt.datetime) -> Rediscussion:
    """Each discussion on ``start``..``end`` (held by ``cutoff``) of a child discussed before,
    in the cases ``conditions`` choose: was it within the interval (``supervision_due``: 14 days
    if the session's worker was newly qualified that day, else 28) of the discussion before?

    "Before" is the order of meeting time, then the discussion's id. Only discussions from the
    longest interval before ``start`` are ranked (one before that is too early to count as
    within); a case whose first such discussion falls in the period asks whether it was
    discussed earlier still.
    """
    longest = max(SUPERVISION_INTERVAL, NEWLY_QUALIFIED_INTERVAL)
    since = midnight(start - longest)
    at = SupervisionSession.meeting_at
    ranked = (
        select(CaseDiscussion.case_id.label("case_id"), at.label("at"),
               SupervisionSession.supervisee_id.label("worker_id"),
               func.lag(at).over(partition_by=CaseDiscussion.case_id,
                                 order_by=(at, CaseDiscussion.id)).label("before"))
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .where(at >= since, *_held(cutoff)))
    if conditions:  # the actor's scope, or a team: every case is some allocation's
        ranked = ranked.join(CaseAllocation, CaseAllocation.id == CaseDiscussion.case_id).where(
            *conditions)
    ranked_rows = ranked.subquery("ranked")
    earlier_discussion = aliased(CaseDiscussion)
    earlier_session = aliased(SupervisionSession)
    row = ranked_rows.c
    discussed_earlier = exists(
        select(earlier_discussion.id)
        .join(earlier_session, earlier_session.id == earlier_discussion.session_id)
        .where(earlier_discussion.case_id == row.case_id, earlier_session.meeting_at < since,
               earlier_session.status != SessionStatus.DISCARDED))
    day = day_number(row.at)
    newly_qualified = and_(Staff.newly_qualified_until.is_not(None),
                           day <= day_number(Staff.newly_qualified_until))
    interval = case((newly_qualified, literal(NEWLY_QUALIFIED_INTERVAL.days)),
                    else_=literal(SUPERVISION_INTERVAL.days))
    has_before = row.before.is_not(None)
    within, total = s.execute(
        select(func.sum(case((and_(has_before, day - day_number(row.before) <= interval), 1),
                             else_=0)),
               func.sum(case((has_before, 1), (discussed_earlier, 1), else_=0)))
        .select_from(ranked_rows)
        .join(Staff, Staff.id == row.worker_id)
        .where(row.at >= midnight(start), row.at < midnight(end + dt.timedelta(days=1)))).one()
    return Rediscussion(within=int(within or 0), total=int(total or 0))


def direct_work_total(s: Session, conditions: list[Any], since: dt.date, as_of: dt.date
                      ) -> tuple[int, int, tuple[int, ...]]:
    """Of the open cases ``conditions`` choose: how many, how many whose child had direct work
    (on any of the child's allocations) on ``since``..``as_of``, and per tool (in
    ``report.DIRECT_WORK_TOOLS`` order) how many children had it."""
    worked = aliased(CaseAllocation)

    def work_done(*extra: Any) -> Any:
        return exists(select(DirectWork.id).join(worked, worked.id == DirectWork.case_id)
                      .where(worked.child_id == CaseAllocation.child_id, DirectWork.done_on >= since,
                             DirectWork.done_on <= as_of, *extra))

    row = s.execute(
        select(func.count(), func.sum(case((work_done(), 1), else_=0)),
               *(func.sum(case((work_done(DirectWork.tool == tool), 1), else_=0))
                 for tool in DIRECT_WORK_TOOLS))
        .select_from(CaseAllocation)
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .where(*conditions)).one()
    return int(row[0]), int(row[1] or 0), tuple(int(n or 0) for n in row[2:])
