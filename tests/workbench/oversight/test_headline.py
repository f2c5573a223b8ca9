"""The headline the database counts (``workbench.oversight.headline``) against the same rules
worked row by row, on SQLite and PostgreSQL: on the hand-built world, on edge cases worked by
hand (boundary days, workers with no sessions, children never discussed or never scored,
discarded and future sessions), and on a seeded random world where the two must agree."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import CaseKind, RaterRole, Role, SessionKind, SessionStatus
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    QuestionSetVersion,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
)
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, NOW, START, World, build_world
from workbench.caseload_scores import caseload_glance, supervision_due
from workbench.oversight import OversightReader, oversight_report
from workbench.oversight.compute import SUPERVISION_KINDS, report_cutoff
from workbench.oversight.report import FIGURES, OversightReport, Rediscussion

# -- the rules worked row by row (as the oversight computed them before it counted in SQL) ---


def rediscussion_by_rows(db: DbFactory, start: dt.date, end: dt.date,
                         cutoff: dt.datetime) -> Rediscussion:
    with db() as s:
        rows = s.execute(
            select(CaseDiscussion.case_id, SupervisionSession.meeting_at,
                   Staff.newly_qualified_until)
            .join(SupervisionSession, SupervisionSession.id == CaseDiscussion.session_id)
            .join(Staff, Staff.id == SupervisionSession.supervisee_id)
            .where(SupervisionSession.status != SessionStatus.DISCARDED,
                   SupervisionSession.meeting_at <= cutoff)
            .order_by(CaseDiscussion.case_id, SupervisionSession.meeting_at,
                      CaseDiscussion.id)).all()
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


def meetings_by_rows(db: DbFactory, start: dt.date, end: dt.date,
                     cutoff: dt.datetime) -> dict[int, tuple[dt.date | None, int]]:
    days: dict[int, list[dt.date]] = defaultdict(list)
    with db() as s:
        for worker, at in s.execute(
                select(SupervisionSession.supervisee_id, SupervisionSession.meeting_at)
                .where(SupervisionSession.kind.in_(SUPERVISION_KINDS),
                       SupervisionSession.status != SessionStatus.DISCARDED,
                       SupervisionSession.meeting_at <= cutoff)):
            days[worker].append(at.date())
    return {worker: (max(held), sum(start <= d <= end for d in held)) for worker, held in days.items()}


def case_counts_by_rows(db: DbFactory, cutoff: dt.datetime) -> dict[int, tuple[int, int]]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in caseload_glance(db, lambda: cutoff):
        counts[row.worker_id][0] += 1
        counts[row.worker_id][1] += row.overdue
    return {worker: (n, late) for worker, (n, late) in counts.items()}


def assert_headline_agrees(db: DbFactory, clock: FixedClock, start: dt.date,
                           end: dt.date) -> tuple[OversightReport, OversightReader]:
    """The headline as counted equals the rows as read and the rules as worked by rows (the
    headline, and the reader with every figure read)."""
    reader = OversightReader(db, clock, team_id=None, start=start, end=end)
    head = reader.report
    assert head.pending == frozenset(FIGURES) - {"workers"}
    cutoff = report_cutoff(clock(), head.as_of)
    assert head.rediscussion == rediscussion_by_rows(db, start, end, cutoff)
    meetings = meetings_by_rows(db, start, end, cutoff)
    by_rows = case_counts_by_rows(db, cutoff)
    for w in head.workers:
        assert (w.last_session, w.held) == meetings.get(w.worker_id, (None, 0)), w.worker_name
        assert (w.open_cases, w.children_overdue) == by_rows.get(w.worker_id, (0, 0)), w.worker_name
    assert head.open_cases == sum(n for n, _late in by_rows.values())
    counted = head.counts()
    direct_total = head.direct_work.total
    full = reader.read_all()
    assert full.pending == frozenset()
    assert {k: v for k, v in full.counts().items() if k in counted} == counted
    assert full.direct_work.total == direct_total
    assert full.workers == head.workers
    assert full.rediscussion == head.rediscussion
    return head, reader


# -- the hand-built world -------------------------------------------------------------------

@pytest.fixture
def world(db: DbFactory) -> World:
    return build_world(db)


def test_the_headline_agrees_with_the_figures_on_the_hand_built_world(
        db: DbFactory, world: World) -> None:
    head, _reader = assert_headline_agrees(db, FixedClock(NOW), START, END)
    # As worked in builders: Bo 2 open (2 late), Cy 2 (1), Di 1 (0), Eve 1 (C6 from 06-01: late).
    assert [(w.worker_name, w.open_cases, w.children_overdue) for w in head.workers] == [
        ("Bo", 2, 2), ("Cy", 2, 1), ("Di", 1, 0), ("Eve", 1, 1)]
    assert head.counts()["children_overdue"] == 4
    assert (head.rediscussion.within, head.rediscussion.total) == (2, 5)
    assert "stuck_cases" not in head.counts()  # not known until the patterns are read


def test_a_figure_is_read_once_and_only_when_asked(db: DbFactory,
                                                   world: World) -> None:
    reader = OversightReader(db, FixedClock(NOW), team_id=world.teams["Northgate"],
                             start=START, end=END)
    notes = reader.read("notes")
    assert notes.pending == frozenset(FIGURES) - {"workers", "notes"}
    assert len(notes.pending_notes) == notes.counts()["pending_notes"] == 3
    assert notes.stuck_cases == ()
    assert "stuck_cases" not in notes.counts()
    again = reader.read("notes", "patterns")
    assert again.pending_notes is notes.pending_notes  # not read twice
    assert [c.child_label for c in again.stuck_cases] == ["C1", "C2"]
    with pytest.raises(ValueError, match="no oversight figure called averages"):
        reader.read("averages")
    assert reader.read_all() == oversight_report(
        db, FixedClock(NOW), team_id=world.teams["Northgate"], start=START, end=END)


# -- edge cases, worked by hand -------------------------------------------------------------

TODAY = dt.date(2026, 11, 30)
EDGE_NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), dt.UTC)


def edge_world(db: DbFactory) -> dict[str, int]:
    """Workers: Mo (monthly) and Nq (newly qualified to 2027), Idle (no sessions, no cases).
    Mo's cases, each with the day it was last discussed (or its start when never):
      on-the-day   discussed 11-02 23:59: due 11-30 (today): in time
      day-late     discussed 11-01 00:00: due 11-29: late
      fresh-start  never discussed, started 11-02: due 11-30: in time
      old-start    never discussed, started 11-01: late
      no-start     never discussed, no start date: late at once
      unscored     discussed 11-20 (no score given): in time
      long-ago     discussed 2025-01-01 only: late
      discarded    discussed 11-25 in a discarded session only, started 2026-01-01: late
      future       discussed 12-05 only (after today), started 2026-11-15: in time
    Nq's cases: nq-14 discussed 11-16 (due 11-30, in time); nq-15 discussed 11-15 (late).
    Closed: a closed case of Mo's, discussed long ago (counts nowhere)."""
    ids: dict[str, int] = {}
    with transaction(db) as s:
        team = Team(name="Edge", name_key="edge")
        s.add(team)
        s.flush()
        boss = Staff(name="Boss", name_key="boss", role=Role.TEAM_MANAGER, team=team)
        mo = Staff(name="Mo", name_key="mo", role=Role.WORKER, team=team)
        nq = Staff(name="Nq", name_key="nq", role=Role.WORKER, team=team,
                   asye_start=dt.date(2026, 10, 1), newly_qualified_until=dt.date(2027, 9, 30))
        idle = Staff(name="Idle", name_key="idle", role=Role.WORKER, team=team)
        qs = QuestionSetVersion(set_key="default", version=1, title="t", sha256="b" * 64,
                                content={"questions": []})
        s.add_all([boss, mo, nq, idle, qs])
        s.flush()
        ids.update(Mo=mo.id, Nq=nq.id, Idle=idle.id)

        def case(label: str, worker: Staff, start: dt.date | None,
                 end: dt.date | None = None) -> CaseAllocation:
            child = Child(la_child_id=label)
            allocation = CaseAllocation(child=child, worker=worker, team=team,
                                        kind=CaseKind.CHILD_IN_NEED, start_date=start, end_date=end)
            s.add_all([child, allocation])
            s.flush()
            ids[label] = allocation.id
            return allocation

        def meet(worker: Staff, when: dt.datetime, cases: list[CaseAllocation], *,
                 status: SessionStatus = SessionStatus.DRAFT, score: int | None = 5) -> None:
            sess = SupervisionSession(supervisor_id=boss.id, supervisee_id=worker.id,
                                      meeting_at=when, kind=SessionKind.CASE_ONE_TO_ONE,
                                      status=status, question_set_version_id=qs.id)
            s.add(sess)
            s.flush()
            for allocation in cases:
                discussion = CaseDiscussion(session_id=sess.id, child_id=allocation.child_id,
                                            case_id=allocation.id, agenda_position=0)
                s.add(discussion)
                s.flush()
                if score is not None:
                    s.add(ScalingScore(discussion_id=discussion.id, case_id=allocation.id,
                                       meeting_at=when, worry_id=None,
                                       rater_role=RaterRole.WORKER, score=score))

        early = dt.date(2026, 1, 1)
        on_the_day, day_late = case("on-the-day", mo, early), case("day-late", mo, early)
        case("fresh-start", mo, dt.date(2026, 11, 2))
        case("old-start", mo, dt.date(2026, 11, 1))
        case("no-start", mo, None)
        unscored, long_ago = case("unscored", mo, early), case("long-ago", mo, early)
        discarded, future = case("discarded", mo, early), case("future", mo, dt.date(2026, 11, 15))
        closed = case("closed", mo, early, end=dt.date(2026, 6, 1))
        nq14, nq15 = case("nq-14", nq, early), case("nq-15", nq, early)
        meet(mo, at(dt.date(2025, 1, 1)), [long_ago, closed, on_the_day, day_late])
        meet(mo, at(dt.date(2026, 11, 1), 0, 0), [day_late])
        meet(mo, at(dt.date(2026, 11, 2), 23, 59), [on_the_day])
        meet(mo, at(dt.date(2026, 11, 20)), [unscored], score=None)
        meet(mo, at(dt.date(2026, 11, 25)), [discarded], status=SessionStatus.DISCARDED)
        meet(mo, at(dt.date(2026, 12, 5)), [future])
        meet(nq, at(dt.date(2026, 11, 15)), [nq15])
        meet(nq, at(dt.date(2026, 11, 16)), [nq14])
    return ids


def test_edge_cases_count_as_worked_by_hand(db: DbFactory) -> None:
    ids = edge_world(db)
    clock = FixedClock(EDGE_NOW)
    head, reader = assert_headline_agrees(db, clock, dt.date(2026, 11, 1), TODAY)
    rows = {w.worker_name: w for w in head.workers}
    # Mo: 9 open cases; late: day-late, old-start, no-start, long-ago, discarded.
    assert (rows["Mo"].open_cases, rows["Mo"].children_overdue) == (9, 5)
    assert (rows["Nq"].open_cases, rows["Nq"].children_overdue) == (2, 1)
    idle = rows["Idle"]
    assert (idle.open_cases, idle.children_overdue, idle.held, idle.last_session) == (0, 0, 0, None)
    assert idle.overdue
    assert idle.next_due is None  # never supervised
    # Mo met 11-01 00:00 and 11-02 23:59 and 11-20 in the period (the 12-05 one is after
    # today, the 11-25 one discarded); last on 11-20.
    assert (rows["Mo"].held, rows["Mo"].last_session) == (3, dt.date(2026, 11, 20))
    late = {c.child_label for c in reader.read("children").children_overdue}
    assert late == {"day-late", "old-start", "no-start", "long-ago", "discarded", "nq-15"}
    assert ids["closed"] not in {c.case_id for c in reader.report.children_overdue}
    # Re-discussed in the period: day-late 11-01 after 2025-01-01 (late), on-the-day 11-02
    # after 2025-01-01 (late): 0 of 2.
    assert head.rediscussion == Rediscussion(within=0, total=2)


@pytest.mark.parametrize("start", [dt.date(2026, 11, 1), dt.date(2026, 11, 2), dt.date(2026, 11, 3),
                                   dt.date(2026, 11, 20), dt.date(2026, 11, 21)])
def test_period_boundaries_agree(db: DbFactory, start: dt.date) -> None:
    edge_world(db)
    for end in (start, dt.date(2026, 11, 20), TODAY, dt.date(2026, 12, 31)):
        if end >= start:
            assert_headline_agrees(db, FixedClock(EDGE_NOW), start, end)


def test_rediscussion_at_the_edge_of_the_interval(db: DbFactory) -> None:
    """Discussions on the period's first day, 28 and 29 days after the one before (the
    database ranks only from 28 days before the period: the 29-day one is found as "discussed
    earlier", and is late); a newly qualified worker's 14 and 15 days; two at the same time."""
    with transaction(db) as s:
        team = Team(name="T", name_key="t")
        qs = QuestionSetVersion(set_key="default", version=1, title="t", sha256="c" * 64,
                                content={"questions": []})
        s.add_all([team, qs])
        s.flush()
        boss = Staff(name="Boss", name_key="boss", role=Role.TEAM_MANAGER, team=team)
        mo = Staff(name="Mo", name_key="mo", role=Role.WORKER, team=team)
        nq = Staff(name="Nq", name_key="nq", role=Role.WORKER, team=team,
                   newly_qualified_until=dt.date(2026, 11, 1))
        s.add_all([boss, mo, nq])
        s.flush()
        cases = {}
        for label, worker in (("d28", mo), ("d29", mo), ("n14", nq), ("n15", nq), ("tie", mo),
                              ("nq-ended", nq)):
            child = Child(la_child_id=label)
            allocation = CaseAllocation(child=child, worker=worker, team=team,
                                        kind=CaseKind.CHILD_IN_NEED, start_date=dt.date(2026, 1, 1))
            s.add_all([child, allocation])
            s.flush()
            cases[label] = allocation

        def meet(worker: Staff, when: dt.datetime, *labels: str) -> None:
            sess = SupervisionSession(supervisor_id=boss.id, supervisee_id=worker.id,
                                      meeting_at=when, kind=SessionKind.CASE_ONE_TO_ONE,
                                      status=SessionStatus.DRAFT, question_set_version_id=qs.id)
            s.add(sess)
            s.flush()
            for label in labels:
                s.add(CaseDiscussion(session_id=sess.id, child_id=cases[label].child_id,
                                     case_id=cases[label].id, agenda_position=0))
            s.flush()

        first = dt.date(2026, 10, 1)
        meet(mo, at(first - dt.timedelta(days=28), 23, 59), "d28")
        meet(mo, at(first - dt.timedelta(days=29), 0, 0), "d29")
        meet(mo, at(first, 0, 0), "d28", "d29")
        meet(nq, at(dt.date(2026, 10, 1)), "n14", "n15")
        meet(nq, at(dt.date(2026, 10, 15)), "n14")
        meet(nq, at(dt.date(2026, 10, 16)), "n15")
        meet(mo, at(dt.date(2026, 10, 5)), "tie")
        meet(mo, at(dt.date(2026, 10, 5)), "tie")
        meet(nq, at(dt.date(2026, 10, 20)), "nq-ended")
        meet(nq, at(dt.date(2026, 11, 10)), "nq-ended")  # 21 days: no longer newly qualified
    clock = FixedClock(EDGE_NOW)
    head, _reader = assert_headline_agrees(db, clock, first, TODAY)
    # Re-discussed: d28 (28 days: in time), d29 (29: late), n14 (14: in time), n15 (15: late),
    # the tie's second (0 days: in time), nq-ended's second (21 days, no longer newly
    # qualified: in time); the others' first discussions are their first ever: 4 of 6.
    assert head.rediscussion == Rediscussion(within=4, total=6)


def test_a_seeded_random_world_agrees(db: DbFactory) -> None:
    rng = random.Random(16)
    with transaction(db) as s:
        teams = [Team(name=f"T{i}", name_key=f"t{i}") for i in range(2)]
        qs = QuestionSetVersion(set_key="default", version=1, title="t", sha256="d" * 64,
                                content={"questions": []})
        s.add_all([*teams, qs])
        s.flush()
        boss = Staff(name="Boss", name_key="boss", role=Role.TEAM_MANAGER, team=teams[0])
        workers = [Staff(name=f"W{i}", name_key=f"w{i}", role=Role.WORKER, team=teams[i % 2],
                         active=i != 5,
                         newly_qualified_until=(dt.date(2026, 11, rng.randint(1, 30))
                                                if i % 3 == 0 else None))
                   for i in range(7)]
        s.add_all([boss, *workers])
        s.flush()
        cases = []
        for c in range(40):
            child = Child(la_child_id=f"R{c}")
            allocation = CaseAllocation(
                child=child, worker=workers[c % 7], team=teams[(c % 7) % 2],
                kind=CaseKind.CHILD_IN_NEED,
                start_date=None if c % 11 == 0
                else dt.date(2026, 10, 1) + dt.timedelta(days=rng.randint(0, 60)),
                end_date=dt.date(2026, 11, 1) if c % 13 == 0 else None)
            s.add_all([child, allocation])
            s.flush()
            cases.append(allocation)
        for _ in range(60):
            worker = rng.choice(workers)
            when = (dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
                    + dt.timedelta(minutes=rng.randint(0, 140 * 24 * 60)))
            if rng.random() < 0.3:  # on a midnight or the minute before, to test the days
                when = when.replace(hour=0, minute=0) - dt.timedelta(minutes=rng.choice((0, 1)))
            sess = SupervisionSession(
                supervisor_id=boss.id, supervisee_id=worker.id, meeting_at=when,
                kind=rng.choice((SessionKind.CASE_ONE_TO_ONE, SessionKind.REFLECTIVE)),
                status=rng.choice((SessionStatus.DRAFT, SessionStatus.DRAFT,
                                   SessionStatus.DISCARDED)),
                question_set_version_id=qs.id)
            s.add(sess)
            s.flush()
            for allocation in rng.sample(cases, rng.randint(0, 6)):
                s.add(CaseDiscussion(session_id=sess.id, child_id=allocation.child_id,
                                     case_id=allocation.id, agenda_position=0))
            s.flush()
    for start, end in ((dt.date(2026, 9, 1), dt.date(2026, 11, 30)),
                       (dt.date(2026, 10, 15), dt.date(2026, 10, 15)),
                       (dt.date(2026, 11, 1), dt.date(2026, 12, 31))):
        assert_headline_agrees(db, FixedClock(EDGE_NOW), start, end)
