"""Each oversight figure on the hand-built world of ``builders`` (answers worked out there and
here by hand, not copied from output), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import DirectWorkTool, Role
from db.models import AuditEvent, Team
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, START, World, build_world
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.oversight import PeriodError, oversight_report, worker_children
from workbench.oversight.compute import direct_work_since
from workbench.oversight.report import (
    BETWEEN_FAMILY_PROFESSIONALS,
    BETWEEN_WORKER_MANAGER,
    DIRECT_WORK_TOOLS,
    STATE_AWAITING_COUNTERSIGNATURE,
    STATE_AWAITING_SIGNATURE,
    STATE_DRAFT,
    STUCK_FLAT,
    STUCK_LOW,
    DirectWorkRow,
    OversightReport,
)


@pytest.fixture
def world(db: DbFactory) -> World:
    return build_world(db)


def actor(world: World, name: str, role: Role, team: str | None) -> Actor:
    return Actor(world.staff[name], role, world.teams[team] if team else None, name)


def northgate(db: DbFactory, now: FixedClock, world: World) -> OversightReport:
    return oversight_report(db, now, team_id=world.teams["Northgate"], start=START,
                            end=END, actor=actor(world, "Ann", Role.TEAM_MANAGER, "Northgate"))


def test_each_worker_against_the_policy(db: DbFactory, now: FixedClock,
                                        world: World) -> None:
    report = northgate(db, now, world)
    rows = {w.worker_name: w for w in report.workers}
    assert list(rows) == ["Bo", "Cy", "Di"]  # Eve is in another team
    bo, cy, di = rows["Bo"], rows["Cy"], rows["Di"]
    # Bo, monthly: met 09-15 and 10-10 in the period; due a month after 10-10.
    assert (bo.frequency, bo.held, bo.expected, bo.shortfall) == ("monthly", 2, 3, 1)
    assert (bo.last_session, bo.next_due) == (dt.date(2026, 10, 10), dt.date(2026, 11, 10))
    assert (bo.overdue, bo.days_overdue, bo.upcoming) == (True, 20, False)
    # Cy, ASYE from 10-26: weekly to 12-07. The reflective 11-20 counts, the discarded 11-29
    # does not. Expected: 09-01, 10-01, 11-01 (monthly before the ASYE), then weekly 11-08,
    # 11-15, 11-22, 11-29.
    assert (cy.frequency, cy.held, cy.expected) == ("weekly", 2, 7)
    assert (cy.last_session, cy.next_due, cy.days_overdue) == (dt.date(2026, 11, 20),
                                                               dt.date(2026, 11, 27), 3)
    # Di: last 11-05, due 12-05, five days away: upcoming, not overdue.
    assert (di.held, di.next_due, di.overdue, di.upcoming) == (2, dt.date(2026, 12, 5), False, True)
    assert [(w.open_cases, w.children_overdue) for w in (bo, cy, di)] == [(2, 2), (2, 1), (1, 0)]
    assert report.counts()["workers_overdue"] == 2
    assert report.counts()["workers_upcoming"] == 1


def test_children_not_discussed_within_their_interval(db: DbFactory,
                                                      now: FixedClock, world: World) -> None:
    report = northgate(db, now, world)
    # C1, C2: last discussed 10-10, due 28 days on (11-07), 23 days late on 11-30. C5: never
    # discussed (its discarded draft does not count), Cy newly qualified: due 14 days after its
    # start 11-01. C4 (discussed 11-20, due 12-04) and C3 (11-05, due 12-03) are in time.
    assert [(c.child_label, c.due, c.days_overdue) for c in report.children_overdue] == [
        ("C1", dt.date(2026, 11, 7), 23), ("C2", dt.date(2026, 11, 7), 23),
        ("C5", dt.date(2026, 11, 15), 15)]
    assert report.children_overdue[2].last_discussed is None
    # Re-discussed in the period: C1 09-15 (26 days) and 10-10 (25) in time; C2 10-10 (51),
    # C3 11-05 (35) and C4 11-20 (21 > 14 for a newly qualified worker) late.
    assert (report.rediscussion.within, report.rediscussion.total) == (2, 5)


def test_notes_pending_and_their_age(db: DbFactory, now: FixedClock,
                                     world: World) -> None:
    report = northgate(db, now, world)
    assert [(n.session_id, n.state, n.waiting_since, n.age_days) for n in report.pending_notes] == [
        (world.sessions["bo-1010"], STATE_AWAITING_COUNTERSIGNATURE, dt.date(2026, 10, 12), 49),
        (world.sessions["di-1105"], STATE_AWAITING_SIGNATURE, dt.date(2026, 11, 5), 25),
        (world.sessions["cy-1120"], STATE_DRAFT, dt.date(2026, 11, 20), 10),
    ]


def test_open_disagreements_leave_out_the_answered(db: DbFactory,
                                                   now: FixedClock, world: World) -> None:
    report = northgate(db, now, world)
    assert [(d.signature_id, d.child_label, d.recorded_on, d.age_days)
            for d in report.open_disagreements] == [
        (world.signatures["cy-1030-disagreement"], "C4", dt.date(2026, 11, 2), 28)]


def test_overdue_actions(db: DbFactory, now: FixedClock, world: World) -> None:
    report = northgate(db, now, world)
    # C2's is done, C3's is due 12-10, C5's belongs to a discarded draft.
    assert [(a.child_label, a.due_date, a.days_overdue) for a in report.overdue_actions] == [
        ("C1", dt.date(2026, 11, 1), 29)]


def test_stuck_cases_and_lasting_divergence(db: DbFactory, now: FixedClock,
                                            world: World) -> None:
    report = northgate(db, now, world)
    assert [(c.child_label, c.reason, c.scores) for c in report.stuck_cases] == [
        ("C1", STUCK_FLAT, (4.0, 4.0, 4.0)), ("C2", STUCK_LOW, (3.0, 2.0))]
    # C3: family 9 v professionals 5, then 8 v 4.5; C4: worker 7 v manager 3, then 6 v 3.
    assert [(d.child_label, d.between, d.sessions) for d in report.divergences] == [
        ("C3", BETWEEN_FAMILY_PROFESSIONALS, ((dt.date(2026, 10, 1), 9.0, 5.0),
                                              (dt.date(2026, 11, 5), 8.0, 4.5))),
        ("C4", BETWEEN_WORKER_MANAGER, ((dt.date(2026, 10, 30), 7.0, 3.0),
                                        (dt.date(2026, 11, 20), 6.0, 3.0))),
    ]


def test_scores_as_spread_and_movement_never_averaged(db: DbFactory,
                                                      now: FixedClock, world: World) -> None:
    report = northgate(db, now, world)
    # Latest: C1 4, C2 2, C3 (8+8+4+5)/4 = 6.25 -> 6, C4 4.5 -> 5; C5 unscored.
    assert report.distribution == (0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0)
    m = report.movements
    assert (m.rising, m.steady, m.falling, m.one_score, m.unscored) == (0, 1, 3, 0, 1)


def test_a_practice_lead_sees_every_team(db: DbFactory, now: FixedClock,
                                         world: World) -> None:
    report = oversight_report(db, now, team_id=None, start=START, end=END,
                              actor=actor(world, "Pat", Role.PRACTICE_LEAD, None))
    assert report.scope == "All teams"
    eve = next(w for w in report.workers if w.worker_name == "Eve")
    assert (eve.team_name, eve.held, eve.next_due, eve.overdue) == ("Southgate", 0, None, True)
    # C6: started 06-01, never discussed: due 06-29, 154 days before 11-30.
    assert report.children_overdue[0].child_label == "C6"
    assert report.children_overdue[0].days_overdue == 154
    assert report.open_cases == 6


def test_a_past_period_is_read_as_of_its_last_day(db: DbFactory,
                                                  now: FixedClock, world: World) -> None:
    report = oversight_report(db, now, team_id=world.teams["Northgate"],
                              start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 30))
    bo = next(w for w in report.workers if w.worker_name == "Bo")
    # On 09-30 Bo's last session was 09-15: due 10-15, neither overdue nor within 14 days.
    assert (bo.held, bo.expected, bo.next_due, bo.overdue, bo.upcoming) == (
        1, 1, dt.date(2026, 10, 15), False, False)
    # Nothing was pending a countersignature yet on 09-30 except what met by then.
    assert {n.session_id for n in report.pending_notes} == set()
    assert report.open_disagreements == ()


@pytest.mark.parametrize(("who", "role", "team", "asked", "says"), [
    ("Bo", Role.WORKER, "Northgate", "Northgate", "team managers and practice leads"),
    ("Ann", Role.TEAM_MANAGER, "Northgate", "Southgate", "own team only"),
    ("Ann", Role.TEAM_MANAGER, "Northgate", None, "own team only"),
    ("Ada", Role.ADMIN, None, "Northgate", "Admins"),
])
def test_refused_outside_ones_remit(db: DbFactory, now: FixedClock, world: World,
                                    who: str, role: Role, team: str | None, asked: str | None,
                                    says: str) -> None:
    team_id = world.teams[asked] if asked else None
    with pytest.raises(AccessDenied, match=says):
        oversight_report(db, now, team_id=team_id, start=START, end=END,
                         actor=actor(world, who, role, team))
    with pytest.raises(AccessDenied):
        worker_children(db, now, worker_id=world.staff["Eve"], as_of=END,
                        actor=actor(world, who, role, team))


def test_a_period_backwards_is_refused(db: DbFactory, now: FixedClock,
                                       world: World) -> None:
    with pytest.raises(PeriodError, match="before it starts"):
        oversight_report(db, now, team_id=None, start=END, end=START)


def test_the_view_is_audited_and_the_drill_down_lists_the_workers_children(
        db: DbFactory, now: FixedClock, world: World) -> None:
    ann = actor(world, "Ann", Role.TEAM_MANAGER, "Northgate")
    oversight_report(db, now, team_id=world.teams["Northgate"], start=START, end=END,
                     actor=ann, audit=AuditTrail(now))
    with db() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "view_oversight")).all()
    assert [(e.actor_id, e.entity_id) for e in events] == [
        (world.staff["Ann"], str(world.teams["Northgate"]))]
    children = worker_children(db, now, worker_id=world.staff["Cy"], as_of=END,
                               actor=ann)
    # C5 overdue first, then C4 (due 12-04).
    assert [(c.child_label, c.overdue) for c in children] == [("C5", True), ("C4", False)]


def coverage(row: DirectWorkRow) -> tuple[str, int, int, tuple[int, ...]]:
    """(who, open children, with direct work, children per tool: Three Houses, Wizards and
    Fairies, Safety House, Words and Pictures)."""
    assert DIRECT_WORK_TOOLS == (DirectWorkTool.THREE_HOUSES, DirectWorkTool.WIZARDS_AND_FAIRIES,
                                 DirectWorkTool.SAFETY_HOUSE, DirectWorkTool.WORDS_AND_PICTURES)
    return row.worker_name, row.open_children, row.with_direct_work, row.by_tool


def test_direct_work_coverage_by_worker_and_tool(db: DbFactory, now: FixedClock,
                                                 world: World) -> None:
    report = northgate(db, now, world)
    work = report.direct_work
    assert work.since == dt.date(2026, 8, 31)  # three months back from 11-30, that day excluded
    # Bo: C1 (Three Houses twice, counted once; Wizards and Fairies); C2's Safety House on 08-30
    # is a day early. Cy: C4's child had Safety House with Bo before the move; C5 Three Houses.
    # Di: C3's Words and Pictures on 08-31, the window's first day. Eve (Southgate) is not here.
    assert [coverage(r) for r in work.rows] == [
        ("Bo", 2, 1, (1, 1, 0, 0)),
        ("Cy", 2, 2, (1, 0, 1, 0)),
        ("Di", 1, 1, (0, 0, 0, 1)),
        ("Northgate total", 5, 4, (2, 1, 1, 1)),
    ]
    assert (work.total.share, work.workers[0].share) == (4 / 5, 1 / 2)
    assert work.total.tool_count(DirectWorkTool.THREE_HOUSES) == 2
    assert report.counts()["children_with_direct_work"] == 4


def test_direct_work_coverage_for_every_team_and_an_earlier_end(
        db: DbFactory, now: FixedClock, world: World) -> None:
    pat = actor(world, "Pat", Role.PRACTICE_LEAD, None)
    every = oversight_report(db, now, team_id=None, start=START, end=END, actor=pat)
    assert [coverage(r) for r in every.direct_work.totals] == [
        ("Northgate total", 5, 4, (2, 1, 1, 1)),
        ("Southgate total", 1, 1, (1, 0, 0, 0)),
        ("All teams", 6, 5, (3, 1, 1, 1)),
    ]
    assert coverage(every.direct_work.workers[-1]) == ("Eve", 1, 1, (1, 0, 0, 0))
    # As of 11-11 the window runs from 08-12: C2's Safety House (08-30) now counts, C1's
    # Wizards and Fairies (11-12) not yet.
    earlier = oversight_report(db, now, team_id=world.teams["Northgate"],
                               start=START, end=dt.date(2026, 11, 11), actor=pat)
    assert earlier.direct_work.since == dt.date(2026, 8, 12)
    assert [coverage(r) for r in earlier.direct_work.rows] == [
        ("Bo", 2, 2, (1, 0, 1, 0)),
        ("Cy", 2, 2, (1, 0, 1, 0)),
        ("Di", 1, 1, (0, 0, 0, 1)),
        ("Northgate total", 5, 5, (2, 0, 2, 1)),
    ]


@pytest.mark.parametrize(("as_of", "since"), [
    (dt.date(2026, 11, 30), dt.date(2026, 8, 31)),
    (dt.date(2026, 5, 31), dt.date(2026, 3, 1)),  # 31 Feb does not exist: from 28 Feb's morrow
    (dt.date(2027, 1, 15), dt.date(2026, 10, 16)),  # across the year's end
])
def test_the_direct_work_window_is_three_calendar_months(as_of: dt.date, since: dt.date) -> None:
    assert direct_work_since(as_of) == since


def test_direct_work_keeps_to_the_managers_team_and_an_empty_team_totals_nothing(
        db: DbFactory, now: FixedClock, world: World) -> None:
    sue = actor(world, "Sue", Role.TEAM_MANAGER, "Southgate")
    south = oversight_report(db, now, team_id=world.teams["Southgate"], start=START,
                             end=END, actor=sue)
    assert [coverage(r) for r in south.direct_work.rows] == [
        ("Eve", 1, 1, (1, 0, 0, 0)), ("Southgate total", 1, 1, (1, 0, 0, 0))]
    with transaction(db) as s:
        east = Team(name="Eastgate", name_key="eastgate")
        s.add(east)
        s.flush()
        east_id = east.id
    empty = oversight_report(db, now, team_id=east_id, start=START, end=END,
                             actor=actor(world, "Pat", Role.PRACTICE_LEAD, None))
    assert [coverage(r) for r in empty.direct_work.rows] == [("Eastgate total", 0, 0, (0, 0, 0, 0))]
    assert empty.direct_work.total.share is None
