"""The oversight of supervision for a team (or every team) over a period.

:func:`oversight_report` reads, in a handful of queries scoped to what the actor may see:
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

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from db.engine import SessionFactory, transaction
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
from workbench.access import Actor, actor_id, require_oversight, scope_cases, scope_sessions
from workbench.audit import AuditTrail
from workbench.caseload_scores import GlanceRow, caseload_glance, rounded_score, supervision_due
from workbench.clock import Clock
from workbench.history import unshown_discussions
from workbench.messages import translatable
from workbench.oversight import movement
from workbench.oversight.policy import DEFAULT_POLICY, OversightPolicy
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
    OversightReport,
    PendingNote,
    Rediscussion,
    StuckCase,
    WorkerSupervision,
)

ALL_TEAMS = translatable("workbench.oversight", "All teams")
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


def _glance_labels(s: Session, glance: list[GlanceRow]) -> dict[int, str]:
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


def oversight_report(sessions: SessionFactory, clock: Clock, *, team_id: int | None,
                     start: dt.date, end: dt.date, actor: Actor | None = None,
                     policy: OversightPolicy = DEFAULT_POLICY,
                     audit: AuditTrail | None = None) -> OversightReport:
    """Every oversight figure for team ``team_id`` (None: every team, practice leads only)
    over ``start``..``end``, as of the period's last day (today if it has not ended).

    AccessDenied for a worker, an admin, or a manager asking for another team (or all);
    PeriodError when ``end`` is before ``start``. With ``audit``, the view is recorded.
    """
    require_oversight(actor, team_id)
    if end < start:
        raise PeriodError(translatable("workbench.oversight", "The period ends (%1) before it starts (%2): "
                                                              "give the earlier date first.")
                          .arg(end.isoformat(), start.isoformat()))
    now = clock()
    as_of = min(end, now.date())
    cutoff = report_cutoff(now, as_of)
    glance = caseload_glance(sessions, lambda: cutoff, team_id=team_id, actor=actor)
    with sessions() as s:
        scope = ALL_TEAMS if team_id is None else s.execute(
            select(Team.name).where(Team.id == team_id)).scalar_one()
        labels = _glance_labels(s, glance)
        workers = _workers(s, team_id, start, end, as_of, cutoff, policy, glance)
        rediscussion = _rediscussion(s, team_id, actor, start, end, cutoff)
        pending = _pending_notes(s, team_id, actor, as_of, cutoff)
        disagreements = _open_disagreements(s, team_id, actor, as_of, cutoff)
        actions = _overdue_actions(s, team_id, actor, as_of)
        stuck, divergences = _score_patterns(s, team_id, actor, cutoff, policy, glance, labels)
        direct_work = _direct_work(s, team_id, actor, as_of, glance, workers, scope)
    if audit is not None:
        with transaction(sessions) as s:
            audit.record(s, actor_id=actor_id(actor), action="view_oversight",
                         entity_type="team", entity_id=team_id,
                         details={"from": start.isoformat(), "to": end.isoformat(),
                                  "open_cases": len(glance)})
    return OversightReport(
        scope=scope, team_id=team_id, start=start, end=end, as_of=as_of, policy=policy,
        workers=workers, children_overdue=_children_overdue(glance, as_of, labels),
        rediscussion=rediscussion, pending_notes=pending, open_disagreements=disagreements,
        overdue_actions=actions, stuck_cases=stuck, divergences=divergences,
        distribution=_distribution(glance), movements=_movements(glance), open_cases=len(glance),
        direct_work=direct_work,
    )


# -- workers ---------------------------------------------------------------------------------

def _workers(s: Session, team_id: int | None, start: dt.date, end: dt.date, as_of: dt.date,
             cutoff: dt.datetime, policy: OversightPolicy, glance: list[GlanceRow]
             ) -> tuple[WorkerSupervision, ...]:
    query = (select(Staff.id, Staff.name, Staff.asye_start, Staff.newly_qualified_until, Team.name)
             .outerjoin(Team, Team.id == Staff.team_id)
             .where(Staff.role == Role.WORKER, Staff.active.is_(True)))
    if team_id is not None:
        query = query.where(Staff.team_id == team_id)
    people = s.execute(query.order_by(Team.name, Staff.name, Staff.id)).all()
    ids = [row[0] for row in people]
    meetings: dict[int, list[dt.date]] = defaultdict(list)
    if ids:
        for supervisee, meeting_at in s.execute(
                select(SupervisionSession.supervisee_id, SupervisionSession.meeting_at)
                .where(SupervisionSession.supervisee_id.in_(ids),
                       SupervisionSession.kind.in_(SUPERVISION_KINDS),
                       SupervisionSession.status != SessionStatus.DISCARDED,
                       SupervisionSession.meeting_at <= cutoff)
                .order_by(SupervisionSession.meeting_at)):
            meetings[supervisee].append(meeting_at.date())
    cases: dict[int, int] = defaultdict(int)
    late_children: dict[int, int] = defaultdict(int)
    for row in glance:
        cases[row.worker_id] += 1
        late_children[row.worker_id] += row.overdue
    rows = []
    for staff_id, name, asye_given, nq_until, team_name in people:
        asye_start = assessed_year_start(asye_given, nq_until)
        held_dates = meetings.get(staff_id, [])
        last = held_dates[-1] if held_dates else None
        due = policy.next_due(last, asye_start)
        overdue = due is None or due < as_of
        rows.append(WorkerSupervision(
            worker_id=staff_id, worker_name=name, team_name=team_name or "",
            asye_start=asye_start, frequency=policy.interval_on(as_of, asye_start).label,
            held=sum(start <= day <= end for day in held_dates),
            expected=policy.expected_sessions(start, as_of, asye_start),
            last_session=last, next_due=due, overdue=overdue,
            days_overdue=(as_of - due).days if due is not None and overdue else 0,
            upcoming=(not overdue and due is not None
                      and (due - as_of).days <= policy.upcoming_days),
            open_cases=cases.get(staff_id, 0), children_overdue=late_children.get(staff_id, 0),
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

def _children_overdue(glance: list[GlanceRow], as_of: dt.date,
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


def _case_conditions(team_id: int | None, actor: Actor | None) -> list[Any]:
    conditions: list[Any] = []
    scoped = scope_cases(select(CaseAllocation.id), actor).whereclause
    if scoped is not None:
        conditions.append(scoped)
    if team_id is not None:
        conditions.append(CaseAllocation.team_id == team_id)
    return conditions


def _rediscussion(s: Session, team_id: int | None, actor: Actor | None, start: dt.date,
                  end: dt.date, cutoff: dt.datetime) -> Rediscussion:
    """Each discussion in the period of a child discussed before: within the interval
    (``supervision_due``, newly qualified as the worker was that day) of the one before?"""
    rows = s.execute(
        select(CaseDiscussion.case_id, SupervisionSession.meeting_at, Staff.newly_qualified_until)
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .join(CaseAllocation, CaseAllocation.id == CaseDiscussion.case_id)
        .join(Staff, Staff.id == SupervisionSession.supervisee_id)
        .where(SupervisionSession.status != SessionStatus.DISCARDED,
               SupervisionSession.meeting_at <= cutoff, *_case_conditions(team_id, actor))
        .order_by(CaseDiscussion.case_id, SupervisionSession.meeting_at)).all()
    within = total = 0
    previous: tuple[int, dt.datetime] | None = None
    for case_id, meeting_at, nq_until in rows:
        day = meeting_at.date()
        if previous is not None and previous[0] == case_id and start <= day <= end:
            newly_qualified = nq_until is not None and day <= nq_until
            due = supervision_due(previous[1], None, newly_qualified=newly_qualified)
            total += 1
            within += due is not None and day <= due
        previous = (case_id, meeting_at)
    return Rediscussion(within=within, total=total)


# -- notes, disagreements, actions -----------------------------------------------------------

def _session_conditions(team_id: int | None, actor: Actor | None, supervisee: Any) -> list[Any]:
    conditions: list[Any] = []
    scoped = scope_sessions(select(SupervisionSession.id), actor).whereclause
    if scoped is not None:
        conditions.append(scoped)
    if team_id is not None:
        conditions.append(supervisee.team_id == team_id)
    return conditions


def _pending_notes(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                   cutoff: dt.datetime) -> tuple[PendingNote, ...]:
    supervisee, supervisor = aliased(Staff), aliased(Staff)
    approved_at = (select(func.max(Signature.signed_at))
                   .where(Signature.session_id == SupervisionSession.id,
                          Signature.kind == SignatureKind.APPROVAL)
                   .correlate(SupervisionSession).scalar_subquery())
    rows = s.execute(
        select(SupervisionSession.id, supervisee.name, supervisor.name,
               SupervisionSession.meeting_at, SupervisionSession.status, approved_at)
        .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
        .join(supervisor, supervisor.id == SupervisionSession.supervisor_id)
        .where(SupervisionSession.status.in_(PENDING), SupervisionSession.meeting_at <= cutoff,
               *_session_conditions(team_id, actor, supervisee))).all()
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


def _open_disagreements(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                        cutoff: dt.datetime) -> tuple[OpenDisagreement, ...]:
    supervisee, supervisor = aliased(Staff), aliased(Staff)
    rows = s.execute(
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
               Signature.signed_at <= cutoff, *_session_conditions(team_id, actor, supervisee))
        .order_by(Signature.signed_at, Signature.id)).all()
    return tuple(OpenDisagreement(
        signature_id=sig_id, session_id=session_id, worker_name=worker, supervisor_name=manager,
        meeting_date=meeting_at.date(), recorded_on=signed_at.date(),
        age_days=max(0, (as_of - signed_at.date()).days),
        child_label=None if la_id is None else _child_label(child_name, la_id), statement=statement,
    ) for sig_id, session_id, worker, manager, meeting_at, signed_at, child_name, la_id, statement
        in rows)


def _overdue_actions(s: Session, team_id: int | None, actor: Actor | None,
                     as_of: dt.date) -> tuple[OverdueAction, ...]:
    rows = s.execute(
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
               *_case_conditions(team_id, actor))
        .order_by(Action.due_date, Action.id)).all()
    return tuple(OverdueAction(
        action_id=action_id, case_id=case_id, child_label=_child_label(name, la_id),
        worker_name=worker, description=description, owner=owner, due_date=due,
        days_overdue=(as_of - due).days,
    ) for action_id, case_id, name, la_id, worker, description, owner, due in rows
        if due is not None)


# -- scores ----------------------------------------------------------------------------------

def _score_patterns(s: Session, team_id: int | None, actor: Actor | None, cutoff: dt.datetime,
                    policy: OversightPolicy, glance: list[GlanceRow], labels: dict[int, str]
                    ) -> tuple[tuple[StuckCase, ...], tuple[Divergence, ...]]:
    if not glance:
        return (), ()
    # Only each case's last few scored meetings decide (the database ranks them, so a case's
    # whole history is never read): enough for the stuck rule and the divergence rule.
    wanted = max(policy.stuck_sessions, policy.divergence_sessions, 2)
    scored = (
        select(ScalingScore.case_id, ScalingScore.meeting_at, ScalingScore.worry_id,
               ScalingScore.rater_role, ScalingScore.score, ScalingScore.id,
               func.dense_rank().over(partition_by=ScalingScore.case_id,
                                      order_by=ScalingScore.meeting_at.desc()).label("recency"))
        .join(CaseAllocation, and_(CaseAllocation.id == ScalingScore.case_id,
                                   CaseAllocation.end_date.is_(None)))
        .join(CaseDiscussion, CaseDiscussion.id == ScalingScore.discussion_id)
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .where(ScalingScore.meeting_at <= cutoff,
               SupervisionSession.status != SessionStatus.DISCARDED,
               ScalingScore.discussion_id.not_in(unshown_discussions()),
               *_case_conditions(team_id, actor))
        .subquery())
    rows = s.execute(
        select(scored.c.case_id, scored.c.meeting_at, scored.c.worry_id, scored.c.rater_role,
               func.sum(scored.c.score), func.count(scored.c.id))
        .where(scored.c.recency <= wanted)
        .group_by(scored.c.case_id, scored.c.meeting_at, scored.c.worry_id,
                  scored.c.rater_role)).all()
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


def _distribution(glance: list[GlanceRow]) -> tuple[int, ...]:
    bins = [0] * 11
    for row in glance:
        if row.latest_score is not None:
            bins[rounded_score(row.latest_score)] += 1
    return tuple(bins)


def _movements(glance: list[GlanceRow]) -> Movements:
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


def _direct_work(s: Session, team_id: int | None, actor: Actor | None, as_of: dt.date,
                 glance: list[GlanceRow], workers: tuple[WorkerSupervision, ...], scope: str
                 ) -> DirectWorkCoverage:
    """Of the open cases at a glance, whose child had direct work from :func:`direct_work_since`
    to ``as_of``, and with which tools: per worker (as the Workers figure lists them), per team,
    and for every team when ``team_id`` is None."""
    since = direct_work_since(as_of)
    open_cases = [CaseAllocation.end_date.is_(None), *_case_conditions(team_id, actor)]
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
    totals = [row(None, f"{team} total", team, cases) for team, cases in sorted(by_team.items())]
    if team_id is None:
        totals.append(row(None, ALL_TEAMS, "", glance))
    elif not totals:
        totals.append(row(None, f"{scope} total", scope, []))
    return DirectWorkCoverage(since=since, workers=tuple(rows), totals=tuple(totals))


def worker_children(sessions: SessionFactory, clock: Clock, *, worker_id: int, as_of: dt.date,
                    actor: Actor | None = None) -> list[GlanceRow]:
    """The drill-down from a worker's row: their open cases as of ``as_of`` (the caseload at a
    glance: last discussed, due, overdue, latest score and its change), overdue first."""
    with sessions() as s:
        team_id = s.execute(select(Staff.team_id).where(Staff.id == worker_id)).scalar_one_or_none()
    require_oversight(actor, team_id)
    cutoff = report_cutoff(clock(), as_of)
    rows = caseload_glance(sessions, lambda: cutoff, worker_id=worker_id, actor=actor)
    return sorted(rows, key=lambda r: (not r.overdue, r.supervision_due or dt.date.min,
                                       r.child_label))
