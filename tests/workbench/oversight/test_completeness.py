"""The completeness of the optional items as an oversight figure, on the hand-built world held
with the default question set v4 (``builders.held_with_v4``), on SQLite and PostgreSQL.

Worked out by hand: v4 leaves 8 questions optional, 6 asked for each child discussed
(complicating factors, when the child is next discussed, the three houses, Words and Pictures)
and 2 once a session (learning and development, appreciative inquiry). The signed records met
in the period: Bo 09-15 (C1) and 10-10 (C1, C2), Di 10-01 (C3), Cy 10-30 (C4). So Bo was asked
6 x 3 + 2 x 2 = 22 items and answered 2 (C1's complicating factors and his learning and
development, both on 10-10); Cy 8, answered 1 (when C4 is next discussed); Di 8, answered 0
(complicating factors left blank). The team: 38 asked, 3 answered."""

from __future__ import annotations

import pytest

from db.engine import DbFactory
from db.enums import Role
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, START, World, build_world, held_with_v4
from workbench.access import AccessDenied, Actor
from workbench.oversight import OversightReader, oversight_report
from workbench.oversight.completeness import Completeness

COMPLICATING = "Complicating factors: what makes the situation harder to understand or to change?"


@pytest.fixture
def world(db: DbFactory) -> World:
    return build_world(db, before_signing=held_with_v4)


def actor(world: World, name: str, role: Role, team: str | None) -> Actor:
    return Actor(world.staff[name], role, world.teams[team] if team else None, name)


def ann(world: World) -> Actor:
    return actor(world, "Ann", Role.TEAM_MANAGER, "Northgate")


def northgate(db: DbFactory, now: FixedClock, world: World) -> Completeness:
    return oversight_report(db, now, team_id=world.teams["Northgate"], start=START, end=END,
                            actor=ann(world)).completeness


def test_each_worker_and_the_team_answered_so_many_optional_items(
        db: DbFactory, now: FixedClock, world: World) -> None:
    found = northgate(db, now, world)
    assert (found.records, found.discussions, found.unreadable) == (4, 5, 0)
    # (worker, records, children discussed, answered, asked)
    assert [(r.worker_name, r.records, r.discussions, r.answered, r.asked) for r in found.rows] == [
        ("Bo", 2, 3, 2, 22), ("Cy", 1, 1, 1, 8), ("Di", 1, 1, 0, 8),
        ("Northgate total", 4, 5, 3, 38)]
    assert found.total.share == pytest.approx(3 / 38)
    # The items add up to the same: 6 child items x 5 children + 2 session items x 4 records.
    assert sum(i.asked for i in found.items) == 38
    assert sum(i.answered for i in found.items) == 3


def test_the_headline_counts_the_signed_records_before_the_figure_is_read(
        db: DbFactory, now: FixedClock, world: World) -> None:
    reader = OversightReader(db, now, team_id=world.teams["Northgate"], start=START, end=END,
                             actor=ann(world))
    assert "completeness" in reader.report.pending
    assert reader.report.counts()["signed_records"] == 4
    report = reader.read("completeness")
    assert "completeness" not in report.pending
    assert report.counts()["signed_records"] == 4
    assert report.completeness == northgate(db, now, world)  # read once, in one place


def test_the_drill_down_names_each_record_and_child_that_left_an_item_unanswered(
        db: DbFactory, now: FixedClock, world: World) -> None:
    found = northgate(db, now, world)
    assert len(found.unanswered) == 38 - 3
    di = found.unanswered_by(world.staff["Di"])
    # Di's one record (10-01): the session as a whole first, then C3, every item unanswered.
    assert [(u.session_id, u.child_label) for u in di] == (
        [(world.sessions["di-1001"], None)] * 2 + [(world.sessions["di-1001"], "C3")] * 6)
    assert [u.wording.split(":")[0] for u in di[:2]] == ["Learning and development",
                                                        "Appreciative inquiry"]
    assert COMPLICATING in {u.wording for u in di}
    assert {u.case_id for u in di[2:]} == {world.cases["C3"]}
    bo = found.unanswered_by(world.staff["Bo"])
    assert len(bo) == 20
    # 10-10: C1's complicating factors and the learning and development were answered.
    answered = [u for u in bo if u.session_id == world.sessions["bo-1010"]
                and ((u.wording == COMPLICATING and u.child_label == "C1")
                     or u.wording.startswith("Learning and development"))]
    assert answered == []
    assert [u.child_label for u in bo if u.wording == COMPLICATING] == ["C1", "C2"]
    # From the item: which records left the complicating factors unanswered, in meeting order.
    left = found.unanswered_by(wording=COMPLICATING, level="child")
    assert [(u.worker_name, u.meeting_date.isoformat(), u.child_label) for u in left] == [
        ("Bo", "2026-09-15", "C1"), ("Di", "2026-10-01", "C3"), ("Bo", "2026-10-10", "C2"),
        ("Cy", "2026-10-30", "C4")]


def test_every_team_lists_a_worker_with_no_signed_record_and_each_teams_total(
        db: DbFactory, now: FixedClock, world: World) -> None:
    report = oversight_report(db, now, team_id=None, start=START, end=END,
                              actor=actor(world, "Pat", Role.PRACTICE_LEAD, None))
    rows = [(r.worker_name, r.records, r.answered, r.asked, r.share)
            for r in report.completeness.rows]
    assert rows == [("Bo", 2, 2, 22, 2 / 22), ("Cy", 1, 1, 8, 1 / 8), ("Di", 1, 0, 8, 0.0),
                    ("Eve", 0, 0, 0, None), ("Northgate total", 4, 3, 38, 3 / 38),
                    ("Southgate total", 0, 0, 0, None), ("All teams", 4, 3, 38, 3 / 38)]
    south = oversight_report(db, now, team_id=world.teams["Southgate"], start=START, end=END,
                             actor=actor(world, "Sue", Role.TEAM_MANAGER, "Southgate"))
    assert (south.completeness.records, south.completeness.unanswered) == (0, ())
    assert [r.worker_name for r in south.completeness.rows] == ["Eve", "Southgate total"]


def test_whoever_may_not_see_the_oversight_gets_no_completeness(
        db: DbFactory, now: FixedClock, world: World) -> None:
    for who, team in ((actor(world, "Bo", Role.WORKER, "Northgate"), "Northgate"),
                      (actor(world, "Sue", Role.TEAM_MANAGER, "Southgate"), "Northgate"),
                      (actor(world, "Ada", Role.ADMIN, None), "Northgate"),
                      (actor(world, "Ann", Role.TEAM_MANAGER, "Northgate"), None)):
        with pytest.raises(AccessDenied):
            OversightReader(db, now, team_id=world.teams[team] if team else None, start=START,
                            end=END, actor=who).read("completeness")


def test_a_record_whose_question_set_cannot_be_read_is_counted_apart(
        db: DbFactory, now: FixedClock) -> None:
    # The plain world's stored set does not match its recorded SHA-256: nothing can be judged.
    plain = build_world(db)
    report = oversight_report(db, now, team_id=plain.teams["Northgate"], start=START, end=END)
    found = report.completeness
    assert (found.records, found.unreadable, found.items, found.unanswered) == (0, 4, (), ())
    assert report.counts()["signed_records"] == 4
