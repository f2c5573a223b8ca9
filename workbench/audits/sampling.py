"""Choosing the records a practice lead audits: a random N per worker (reproducible from a
seed), or every record that meets a criterion (child protection, stuck cases, no direct work).

A record is one child's discussion in a signed supervision session, held in the period; a
record already audited is not offered again.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from db.engine import DbFactory
from db.enums import CaseKind
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    DirectWork,
    PracticeAudit,
    Staff,
    SupervisionSession,
)
from workbench.access import Actor, require_auditor
from workbench.clock import Clock
from workbench.export.record import SIGNED_STATUSES
from workbench.messages import translatable

CHILD_PROTECTION = "child_protection"
STUCK = "stuck"
NO_DIRECT_WORK = "no_direct_work"
CRITERIA = {CHILD_PROTECTION: "on a child protection plan",
            STUCK: "a stuck case (its score has not moved, or is low and not rising)",
            NO_DIRECT_WORK: "no direct work with the child in the three months before the meeting"}


class SamplingError(ValueError):
    """The sample cannot be drawn as asked (no rule, an unknown criterion, a period ending
    before it starts); nothing was read or written."""


@dataclass(frozen=True, slots=True)
class SampledRecord:
    discussion_id: int
    session_id: int
    case_id: int
    child_label: str
    worker_id: int
    worker_name: str
    manager_id: int
    team_id: int | None
    meeting_at: dt.datetime
    case_kind: CaseKind


@dataclass(frozen=True, slots=True)
class Sample:
    records: tuple[SampledRecord, ...]
    how: str  # what the audits say about how they were chosen


def _candidates(s: Session, team_id: int | None, start: dt.date, end: dt.date
                ) -> list[SampledRecord]:
    supervisee = aliased(Staff)
    begin = dt.datetime.combine(start, dt.time.min, dt.UTC)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, dt.UTC)
    query = (
        select(CaseDiscussion.id, SupervisionSession.id, CaseAllocation.id, Child.name,
               Child.la_child_id, supervisee.id, supervisee.name, SupervisionSession.supervisor_id,
               supervisee.team_id, SupervisionSession.meeting_at, CaseAllocation.kind)
        .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
        .join(CaseAllocation, CaseAllocation.id == CaseDiscussion.case_id)
        .join(Child, Child.id == CaseDiscussion.child_id)
        .join(supervisee, supervisee.id == SupervisionSession.supervisee_id)
        .where(SupervisionSession.status.in_(SIGNED_STATUSES),
               SupervisionSession.meeting_at >= begin, SupervisionSession.meeting_at < finish,
               ~exists().where(PracticeAudit.discussion_id == CaseDiscussion.id))
        .order_by(CaseDiscussion.id))
    if team_id is not None:
        query = query.where(supervisee.team_id == team_id)
    return [SampledRecord(discussion_id=row[0], session_id=row[1], case_id=row[2],
                          child_label=f"{row[3]} ({row[4]})" if row[3] else row[4],
                          worker_id=row[5], worker_name=row[6], manager_id=row[7], team_id=row[8],
                          meeting_at=row[9], case_kind=row[10])
            for row in s.execute(query)]


def _without_direct_work(s: Session, records: list[SampledRecord]) -> list[SampledRecord]:
    from workbench.oversight.compute import direct_work_since

    kept = []
    for record in records:
        on = record.meeting_at.date()
        child_id = select(CaseAllocation.child_id).where(
            CaseAllocation.id == record.case_id).scalar_subquery()
        done = s.execute(
            select(DirectWork.id)
            .join(CaseAllocation, CaseAllocation.id == DirectWork.case_id)
            .where(and_(CaseAllocation.child_id == child_id,
                        DirectWork.done_on >= direct_work_since(on), DirectWork.done_on <= on))
            .limit(1)).first()
        if done is None:
            kept.append(record)
    return kept


def draw_sample(db: DbFactory, clock: Clock, *, actor: Actor | None,
                team_id: int | None, start: dt.date, end: dt.date, per_worker: int | None = None,
                seed: int | None = None, criterion: str | None = None) -> Sample:
    """The records to audit: with ``per_worker``, a random ``per_worker`` of each worker's
    records (the same ones for the same ``seed``); with ``criterion``, only records that meet it
    (both together: a random N of those). Practice leads only."""
    require_auditor(actor)
    if end < start:
        raise SamplingError(translatable("workbench.audits", "The period ends before it starts: choose an "
                                                             "end date on or after the start."))
    if per_worker is None and criterion is None:
        raise SamplingError(translatable("workbench.audits", "Choose how to sample: a number of records per "
                                                             "worker, or a criterion (child protection, "
                                                             "stuck cases, no direct work)."))
    if criterion is not None and criterion not in CRITERIA:
        raise SamplingError(translatable("workbench.audits", "'%1' is not a sampling criterion: choose one "
                                                             "of %2.").arg(criterion, ', '.join(CRITERIA)))
    if per_worker is not None and per_worker < 1:
        raise SamplingError(translatable("workbench.audits", "Sample at least one record per worker."))
    with db() as s:
        records = _candidates(s, team_id, start, end)
        if criterion == CHILD_PROTECTION:
            records = [r for r in records if r.case_kind is CaseKind.CHILD_PROTECTION_PLAN]
        elif criterion == NO_DIRECT_WORK:
            records = _without_direct_work(s, records)
    if criterion == STUCK:
        from workbench.oversight import oversight_report

        report = oversight_report(db, clock, team_id=team_id, start=start, end=end,
                                  actor=actor)
        stuck = {case.case_id for case in report.stuck_cases}
        records = [r for r in records if r.case_id in stuck]
    how = [] if criterion is None else [f"criterion: {criterion}"]
    if per_worker is not None:
        if seed is None:  # still reproducible: the seed used is kept with the audits
            seed = int(clock().timestamp())
        chooser = random.Random(seed)
        by_worker: dict[int, list[SampledRecord]] = defaultdict(list)
        for record in records:
            by_worker[record.worker_id].append(record)
        chosen: list[SampledRecord] = []
        for worker_id in sorted(by_worker):
            group = by_worker[worker_id]
            chosen += chooser.sample(group, min(per_worker, len(group)))
        records = sorted(chosen, key=lambda r: r.discussion_id)
        how.append(f"random {per_worker} per worker, seed {seed}")
    return Sample(tuple(records), "; ".join(how) + f"; {start.isoformat()} to {end.isoformat()}")
