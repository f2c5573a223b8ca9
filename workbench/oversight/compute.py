"""The oversight's figures, each read by its own function (``workbench.oversight.reader``
calls them, the headline first and each other figure when it is wanted).

Scoped to what the actor may see, they read:
the team's workers and their sessions; the open cases at a glance (the caseload view's own
query and 28-day rule, as of the report's date); every discussion of the team's cases (for
re-discussion within the interval); notes not yet final; unanswered disagreements; open
actions past their date; the scores of open cases by meeting, scale and rater kind; the
direct work done with the open cases' children in the last three months, by tool.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from db.base import UTCDateTime
from db.engine import DbFactory
from db.enums import ActionStatus, DirectWorkTool, Role, SessionKind, SessionStatus, SignatureKind
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    DirectWork,
    DisagreementResponse,
    ScalingScore,
    Signature,
    Staff,
    SupervisionSession,
    Team,
)
from workbench.access import Actor, require_oversight, scope_cases, scope_sessions
from workbench.caseload_scores import GlanceRow, caseload_glance, rounded_score
from workbench.clock import Clock
from workbench.history import unshown_discussions
from workbench.messages import Message, translatable
from workbench.oversight import headline, movement
from workbench.oversight.policy import OversightPolicy
from workbench.oversight.report import (
    BETWEEN_FAMILY_PROFESSIONALS,
    BETWEEN_WORKER_MANAGER,
    DIRECT_WORK_MONTHS,
    DIRECT_WORK_TOOLS,
    STATE_AWAITING_COUNTERSIGNATURE,
    STATE_AWAITING_SIGNATURE,
    STATE_DRAFT,
    ChildOverdue,
    DirectWorkCoverage,
    DirectWorkRow,
    Divergence,
    Movements,
    OpenDisagreement,
    OverdueAction,
    PendingNote,
    Rediscussion,
    StuckCase,
    WorkerSupervision,
)

ALL_TEAMS = translatable("workbench.oversight", "All teams")


def total_of(scope: str) -> Message:
    """A total row's name: what it totals ("Northgate total")."""
    return translatable("workbench.oversight", "%1 total").arg(scope)


#: Sessions that count as the worker's supervision (a group consultation does not).
SUPERVISION_KINDS = (SessionKind.CASE_ONE_TO_ONE, SessionKind.REFLECTIVE)
PENDING = (SessionStatus.DRAFT, SessionStatus.READY_TO_SIGN, SessionStatus.SIGNED_BY_SUPERVISOR)


class PeriodError(ValueError):
    """The period cannot be reported on (its end before its start); nothing was read."""


def report_cutoff(now: dt.datetime, as_of: dt.date) -> dt.datetime:
    """The last moment the report counts: now, or the end of ``as_of`` when that is past."""
    if as_of >= now.date():
        return now
    return dt.datetime.combine(as_of, dt.time.max, dt.UTC)


def _child_label(name: str | None, la_id: str) -> str:
    """A child as the figures name them: "Name (id)", since two children may share a name;
    the local authority's id alone when there is no name."""
    return f"{name} ({la_id})" if name else la_id


def read_glance_labels(s: Session, glance: list[GlanceRow]) -> dict[int, str]:
    """Each glance row's child labelled as :func:`_child_label` does, by case id."""
    ids = {row.child_id for row in glance}
    la_ids: dict[int, str] = {}
    id_list = sorted(ids)
    for chunk in range(0, len(id_list), 900):  # SQLite's limit on bound parameters
        part = id_list[chunk:chunk + 900]
        query = select(Child.id, Child.la_child_id).where(Child.id.in_(part))
        la_ids.update((child_id, la_id) for child_id, la_id in s.execute(query))
    return {row.case_id: _child_label(None if row.child_label == la_ids.get(row.child_id)
                                      else row.child_label, la_ids.get(row.child_id, row.child_label))
            for row in glance}


# -- workers ---------------------------------------------------------------------------------

def read_workers(s: Session, team_id: int | None, start: dt.date, end: dt.date, as_of: dt.date,
             cutoff: dt.datetime, policy: OversightPolicy, case_counts: dict[int, tuple[int, int]]
             ) -> tuple[WorkerSupervision, ...]:
    """Each active worker (of the team) against the policy; ``case_counts`` per worker: (open
    cases, of which overdue for discussion), from ``headline.open_case_counts``."""
    query = (select(Staff.id, Staff.name, Staff.asye_start, Staff.newly_qualified_until, Team.name)
             .outerjoin(Team, Team.id == Staff.team_id)
             .where(Staff.role == Role.WORKER, Staff.active.is_(True)))
    if team_id is not None:
        query = query.where(Staff.team_id == team_id)
    people = s.execute(query.order_by(Team.name, Staff.name, Staff.id)).all()
    meetings = headline.worker_meetings(s, query.with_only_columns(Staff.id).order_by(None),
                                        SUPERVISION_KINDS, start, end, cutoff) if people else {}
    rows = []
    for staff_id, name, asye_given, nq_until, team_name in people:
        asye_start = assessed_year_start(asye_given, nq_until)
        last, held = meetings.get(staff_id, (None, 0))
        due = policy.next_due(last, asye_start)
        overdue = due is None or due < as_of
        cases, late = case_counts.get(staff_id, (0, 0))
        rows.append(WorkerSupervision(
            worker_id=staff_id, worker_name=name, team_name=team_name or "",
            asye_start=asye_start, frequency=policy.interval_on(as_of, asye_start).label,
            held=held, expected=policy.expected_sessions(start, as_of, asye_start),
            last_session=last, next_due=due, overdue=overdue,
            days_overdue=(as_of - due).days if due is not None and overdue else 0,
            upcoming=(not overdue and due is not None
                      and (due - as_of).days <= policy.upcoming_days),
            open_cases=cases, children_overdue=late,
        ))
    return tuple(rows)


def assessed_year_start(asye_start: dt.date | None, newly_qualified_until: dt.date | None
                        ) -> dt.date | None:
    """The ASYE's first day: as an admin set it, or (records that carry only the year's last
    day, such as the demo's) the day after that, a year earlier (``staff_admin.asye_end``)."""
    if asye_start is not None or newly_qualified_until is None:
        return asye_start
    after = newly_qualified_until + dt.timedelta(days=1)
    try:
        return after.replace(year=after.year - 1)
    except ValueError:  # 29 February
        return after.replace(year=after.year - 1, day=28)


# -- children --------------------------------------------------------------------------------

def late_children(glance: list[GlanceRow], as_of: dt.date,
                      labels: dict[int, str]) -> tuple[ChildOverdue, ...]:
    rows = [ChildOverdue(
        case_id=row.case_id, child_label=labels[row.case_id], worker_id=row.worker_id,
        worker_name=row.worker_name,
        last_discussed=row.last_supervised.date() if row.last_supervised else None,
        due=row.supervision_due,
        days_overdue=(as_of - row.supervision_due).days if row.supervision_due else None,
        latest_score=row.latest_score,
    ) for row in glance if row.overdue]
    # Longest overdue first; never discussed (no date to count from) at the top.
    return tuple(sorted(rows, key=lambda r: (-(r.days_overdue if r.days_overdue is not None
                                                else 10**6), r.child_label)))


def case_conditions(team_id: int | None, actor: Actor | None) -> list[Any]:
    conditions: list[Any] = []
    scoped = scope_cases(select(CaseAllocation.id), actor).whereclause
    if scoped is not None:
        conditions.append(scoped)
    if team_id is not None:
        conditions.append(CaseAllocation.team_id == team_id)
    return conditions


def read_rediscussion(s: Session, team_id: int | None, actor: Actor | None, start: dt.date,
                  end: dt.date, cutoff: dt.datetime) -> Rediscussion:
    """Each discussion in the period of a child discussed before: within the interval
    (``supervision_due``, newly qualified as the worker was that day) of the one before?
    Counted by the database (``headline.rediscussion``)."""
    return headline.rediscussion(s, case_conditions(team_id, actor), start, end, cutoff)


# -- notes, disagreements, actions -----------------------------------------------------------

def _session_conditions(team_id: int | None, actor: Actor | None, supervisee: Any) -> list[Any]:
    conditions: list[Any] = []
    scoped = scope_sessions(select(SupervisionSession.id), actor).whereclause
    if scoped is not None:
        conditions.append(scoped)
    if team_id is not None:
        conditions.append(supervisee.team_id == team_id)
    return conditions


def pending_notes_query(team_id: int | None, actor: Actor | None,
                        cutoff: dt.datetime) -> Select[*tuple[Any, ...]]:
    """The notes not yet final (one row each): what :func:`read_pending_notes` lists and the
    headline counts."""
    supervisee, supervisor = aliased(Staff), aliased(Staff)
    approved_at = (select(func.max(Signature.signed_at))
                   .where(Signature.session_id == SupervisionSession.id,
                          Signature.kind == SignatureKind.APPROVAL)
                   .correlate(SupervisionSession).scalar_subquery())
    return (select(SupervisionSession.id, supervisee.name, supervisor.name,
                   SupervisionSession.meeting_at, SupervisionSession.status, approved_at)
            .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
            .join(supervisor, supervisor.id == SupervisionSession.supervisor_id)
            .where(SupervisionSession.status.in_(PENDING), SupervisionSession.meeting_at <= cutoff,
                   *_session_conditions(team_id, actor, supervisee)))


def read_pending_notes(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                   cutoff: dt.datetime) -> tuple[PendingNote, ...]:
    rows = s.execute(pending_notes_query(team_id, actor, cutoff)).all()
    notes = []
    for session_id, worker, manager, meeting_at, status, approved in rows:
        if status is SessionStatus.SIGNED_BY_SUPERVISOR:
            state = STATE_AWAITING_COUNTERSIGNATURE
            since = _as_date(approved) or meeting_at.date()
        else:
            state = STATE_DRAFT if status is SessionStatus.DRAFT else STATE_AWAITING_SIGNATURE
            since = meeting_at.date()
        notes.append(PendingNote(session_id=session_id, worker_name=worker, supervisor_name=manager,
                                 meeting_date=meeting_at.date(), state=state, waiting_since=since,
                                 age_days=max(0, (as_of - since).days)))
    return tuple(sorted(notes, key=lambda n: (-n.age_days, n.session_id)))


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):  # SQLite's max() of a datetime column comes back as text
        return dt.datetime.fromisoformat(value).date()
    assert isinstance(value, dt.date)
    return value


def open_disagreements_query(team_id: int | None, actor: Actor | None,
                             cutoff: dt.datetime) -> Select[*tuple[Any, ...]]:
    """The disagreements nobody has answered (one row each)."""
    supervisee, supervisor = aliased(Staff), aliased(Staff)
    return (
        select(Signature.id, Signature.session_id, supervisee.name, supervisor.name,
               SupervisionSession.meeting_at, Signature.signed_at, Child.name, Child.la_child_id,
               Signature.statement)
        .join(SupervisionSession, SupervisionSession.id == Signature.session_id)
        .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
        .join(supervisor, supervisor.id == SupervisionSession.supervisor_id)
        .outerjoin(CaseDiscussion, CaseDiscussion.id == Signature.discussion_id)
        .outerjoin(Child, Child.id == CaseDiscussion.child_id)
        .outerjoin(DisagreementResponse, DisagreementResponse.signature_id == Signature.id)
        .where(Signature.kind == SignatureKind.DISAGREEMENT, DisagreementResponse.id.is_(None),
               Signature.signed_at <= cutoff, *_session_conditions(team_id, actor, supervisee)))


def read_open_disagreements(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                        cutoff: dt.datetime) -> tuple[OpenDisagreement, ...]:
    rows = s.execute(open_disagreements_query(team_id, actor, cutoff)
                     .order_by(Signature.signed_at, Signature.id)).all()
    return tuple(OpenDisagreement(
        signature_id=sig_id, session_id=session_id, worker_name=worker, supervisor_name=manager,
        meeting_date=meeting_at.date(), recorded_on=signed_at.date(),
        age_days=max(0, (as_of - signed_at.date()).days),
        child_label=None if la_id is None else _child_label(child_name, la_id), statement=statement,
    ) for sig_id, session_id, worker, manager, meeting_at, signed_at, child_name, la_id, statement
        in rows)


def overdue_actions_query(team_id: int | None, actor: Actor | None,
                          as_of: dt.date) -> Select[*tuple[Any, ...]]:
    """The open actions of open cases past their date (one row each)."""
    return (
        select(Action.id, Action.case_id, Child.name, Child.la_child_id, Staff.name,
               Action.description, Action.owner_name, Action.due_date)
        .join(CaseAllocation, CaseAllocation.id == Action.case_id)
        .join(Child, Child.id == CaseAllocation.child_id)
        .join(Staff, Staff.id == CaseAllocation.worker_id)
        .join(CaseDiscussion, CaseDiscussion.id == Action.discussion_id)
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .where(Action.status == ActionStatus.OPEN, Action.due_date < as_of,
               CaseAllocation.end_date.is_(None),
               SupervisionSession.status != SessionStatus.DISCARDED,
               *case_conditions(team_id, actor)))


def read_overdue_actions(s: Session, team_id: int | None, actor: Actor | None,
                     as_of: dt.date) -> tuple[OverdueAction, ...]:
    rows = s.execute(overdue_actions_query(team_id, actor, as_of)
                     .order_by(Action.due_date, Action.id)).all()
    return tuple(OverdueAction(
        action_id=action_id, case_id=case_id, child_label=_child_label(name, la_id),
        worker_name=worker, description=description, owner=owner, due_date=due,
        days_overdue=(as_of - due).days,
    ) for action_id, case_id, name, la_id, worker, description, owner, due in rows
        if due is not None)


# -- scores ----------------------------------------------------------------------------------

def read_score_patterns(s: Session, team_id: int | None, actor: Actor | None, cutoff: dt.datetime,
                    policy: OversightPolicy, glance: list[GlanceRow], labels: dict[int, str]
                    ) -> tuple[tuple[StuckCase, ...], tuple[Divergence, ...]]:
    if not glance:
        return (), ()
    # Only each case's last few scored meetings decide, enough for the stuck rule and the
    # divergence rule: per case, the database finds the earliest of them by walking the
    # (case, meeting) index back from the latest, then reads the scores from that meeting on
    # (ranking every score of every case read the whole table: seconds for a million scores).
    wanted = max(policy.stuck_sessions, policy.divergence_sessions, 2)

    def counted(score: Any) -> list[Any]:
        """A score counts: by the cutoff, shown, from a session not discarded."""
        return [score.meeting_at <= cutoff, score.discussion_id.not_in(unshown_discussions()),
                exists(select(SupervisionSession.id)
                       .join(CaseDiscussion, CaseDiscussion.session_id == SupervisionSession.id)
                       .where(CaseDiscussion.id == score.discussion_id,
                              SupervisionSession.status != SessionStatus.DISCARDED))]

    earlier = aliased(ScalingScore)
    earliest_wanted = (select(earlier.meeting_at).distinct()
                       .where(earlier.case_id == CaseAllocation.id, *counted(earlier))
                       .order_by(earlier.meeting_at.desc()).limit(1).offset(wanted - 1)
                       .correlate(CaseAllocation).scalar_subquery())
    recent = (select(CaseAllocation.id.label("case_id"),
                     type_coerce(earliest_wanted, UTCDateTime).label("since"))
              .where(CaseAllocation.end_date.is_(None), *case_conditions(team_id, actor))
              .cte("recent_meetings").prefix_with("MATERIALIZED"))
    rows = s.execute(
        select(ScalingScore.case_id, ScalingScore.meeting_at, ScalingScore.worry_id,
               ScalingScore.rater_role, func.sum(ScalingScore.score), func.count(ScalingScore.id))
        .join(recent, and_(recent.c.case_id == ScalingScore.case_id,
                           or_(recent.c.since.is_(None), ScalingScore.meeting_at >= recent.c.since)))
        .where(*counted(ScalingScore))
        .group_by(ScalingScore.case_id, ScalingScore.meeting_at, ScalingScore.worry_id,
                  ScalingScore.rater_role)).all()
    by_case = movement.group_meetings(rows)
    stuck: list[StuckCase] = []
    diverging: list[Divergence] = []
    for row in glance:
        meetings = by_case.get(row.case_id, [])
        found = movement.stuck_reason(meetings, policy)
        if found is not None:
            stuck.append(StuckCase(case_id=row.case_id, child_label=labels[row.case_id],
                                   worker_id=row.worker_id, worker_name=row.worker_name,
                                   reason=found[0], scores=found[1],
                                   latest_on=meetings[-1].meeting_at.date()))
        for between, one, other in (
                (BETWEEN_WORKER_MANAGER, movement.WORKER, movement.MANAGER),
                (BETWEEN_FAMILY_PROFESSIONALS, movement.FAMILY, movement.PROFESSIONALS)):
            gaps = movement.lasting_gaps(meetings, policy, one, other)
            if gaps is not None:
                diverging.append(Divergence(case_id=row.case_id, child_label=labels[row.case_id],
                                            worker_id=row.worker_id, worker_name=row.worker_name,
                                            between=between, sessions=gaps))
    return tuple(stuck), tuple(diverging)


def score_distribution(glance: list[GlanceRow]) -> tuple[int, ...]:
    bins = [0] * 11
    for row in glance:
        if row.latest_score is not None:
            bins[rounded_score(row.latest_score)] += 1
    return tuple(bins)


def score_movements(glance: list[GlanceRow]) -> Movements:
    rising = steady = falling = one = unscored = 0
    for row in glance:
        change = row.change
        if row.latest_score is None:
            unscored += 1
        elif change is None:
            one += 1
        elif change > 1e-9:
            rising += 1
        elif change < -1e-9:
            falling += 1
        else:
            steady += 1
    return Movements(rising=rising, steady=steady, falling=falling, one_score=one, unscored=unscored)


# -- direct work -----------------------------------------------------------------------------

def direct_work_since(as_of: dt.date) -> dt.date:
    """The first day direct work counts for a report as of ``as_of``: the day after the same
    date DIRECT_WORK_MONTHS calendar months earlier (the month's last day when it is shorter),
    so 2026-11-30 counts from 2026-08-31."""
    index = as_of.year * 12 + as_of.month - 1 - DIRECT_WORK_MONTHS
    year, month = divmod(index, 12)
    earlier = dt.date(year, month + 1, min(as_of.day, calendar.monthrange(year, month + 1)[1]))
    return earlier + dt.timedelta(days=1)


def read_direct_work(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                 glance: list[GlanceRow], workers: tuple[WorkerSupervision, ...], scope: str
                 ) -> DirectWorkCoverage:
    """Of the open cases at a glance, whose child had direct work from :func:`direct_work_since`
    to ``as_of``, and with which tools: per worker (as the Workers figure lists them), per team,
    and for every team when ``team_id`` is None."""
    since = direct_work_since(as_of)
    open_cases = [CaseAllocation.end_date.is_(None), *case_conditions(team_id, actor)]
    worked = aliased(CaseAllocation)  # the allocation the work was recorded on: any of the child's
    tools: dict[int, set[DirectWorkTool]] = defaultdict(set)
    for case_id, tool in s.execute(
            select(CaseAllocation.id, DirectWork.tool).distinct()
            .join(worked, worked.child_id == CaseAllocation.child_id)
            .join(DirectWork, DirectWork.case_id == worked.id)
            .where(DirectWork.done_on >= since, DirectWork.done_on <= as_of, *open_cases)):
        tools[case_id].add(tool)
    team_of: dict[int, str] = dict(s.execute(
        select(CaseAllocation.id, Team.name).join(Team, Team.id == CaseAllocation.team_id)
        .where(*open_cases)).all())

    def row(worker_id: int | None, name: str, team: str, cases: list[GlanceRow]) -> DirectWorkRow:
        covered = [tools.get(case.case_id, set()) for case in cases]
        return DirectWorkRow(
            worker_id=worker_id, worker_name=name, team_name=team, open_children=len(cases),
            with_direct_work=sum(bool(used) for used in covered),
            by_tool=tuple(sum(tool in used for used in covered) for tool in DIRECT_WORK_TOOLS))

    by_worker: dict[int, list[GlanceRow]] = defaultdict(list)
    by_team: dict[str, list[GlanceRow]] = defaultdict(list)
    for case in glance:
        by_worker[case.worker_id].append(case)
        by_team[team_of.get(case.case_id, "")].append(case)
    rows = [row(w.worker_id, w.worker_name, w.team_name, by_worker.pop(w.worker_id, []))
            for w in workers]
    # Cases still held by someone the Workers figure does not list (left, or not a worker).
    rows += [row(worker_id, cases[0].worker_name, team_of.get(cases[0].case_id, ""), cases)
             for worker_id, cases in by_worker.items()]
    totals = [row(None, total_of(team), team, cases) for team, cases in sorted(by_team.items())]
    if team_id is None:
        totals.append(row(None, ALL_TEAMS, "", glance))
    elif not totals:
        totals.append(row(None, total_of(scope), scope, []))
    return DirectWorkCoverage(since=since, workers=tuple(rows), totals=tuple(totals))


def worker_children(db: DbFactory, clock: Clock, *, worker_id: int, as_of: dt.date,
                    actor: Actor | None = None) -> list[GlanceRow]:
    """The drill-down from a worker's row: their open cases as of ``as_of`` (the caseload at a
    glance: last discussed, due, overdue, latest score and its change), overdue first."""
    with db() as s:
        team_id = s.execute(select(Staff.team_id).where(Staff.id == worker_id)).scalar_one_or_none()
    require_oversight(actor, team_id)
    cutoff = report_cutoff(clock(), as_of)
    rows = caseload_glance(db, lambda: cutoff, worker_id=worker_id, actor=actor)
    return sorted(rows, key=lambda r: (not r.overdue, r.supervision_due or dt.date.min,
                                       r.child_label))
