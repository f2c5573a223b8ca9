"""Importing a caseload on a team server, logged in as the manager's own PostgreSQL role:
row-level security hides other teams' children, and the import must neither stop at that
nor add a child twice, nor show the manager anything of another team's child."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import DbFactory, make_db_factory
from db.models import CaseAllocation, Child
from tests.conftest import FixedClock
from tests.workbench.server.conftest import TeamServer
from workbench.access import actor_for
from workbench.audit import AuditTrail
from workbench.importing import ImportReport, import_caseload

HEADER = "Child ID,Child Name,Allocated Worker,Allocated Team,Case Type,Start Date\n"


def _import(server: TeamServer, person: str, tmp_path: Path, rows: str, clock: FixedClock,
            team: str) -> tuple[DbFactory, ImportReport]:
    path = tmp_path / f"{person}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    db = make_db_factory(server.engine_for(person))
    with db() as s:
        actor = actor_for(s, server.ids[person])
    report = import_caseload(db, path, team=team, actor=actor, audit=AuditTrail(clock),
                             clock=clock, complete=False)
    return db, report


def test_a_manager_imports_new_children_as_their_own_login(team_server: TeamServer, tmp_path: Path,
                                                           clock: FixedClock) -> None:
    db, report = _import(team_server, "north_manager", tmp_path, (
        "NORTH-1,,Bo Worker,Northgate,Child in need,2026-01-05\n"
        "NORTH-2,Dee North,Bo Worker,Northgate,Child protection,2026-02-01\n"
        "NORTH-3,Eli North,Cy Newcomer,Northgate,Looked after,2026-03-01\n"), clock, "Northgate")
    assert report.added == 2
    assert report.updated + report.unchanged == 1  # NORTH-1's case
    with db() as s:
        cases = s.execute(select(Child.la_child_id, Child.name).join(CaseAllocation.child)
                          .where(CaseAllocation.end_date.is_(None))).all()
    assert sorted(cases) == [("NORTH-1", None), ("NORTH-2", "Dee North"), ("NORTH-3", "Eli North")]


def test_another_teams_child_gets_a_case_here_without_being_added_twice_or_shown(
        team_server: TeamServer, tmp_path: Path, clock: FixedClock) -> None:
    # SOUTH-1 is Southbank's child (seeded with a case there); Northgate now works with them too.
    _db, report = _import(team_server, "north_manager", tmp_path,
                                "SOUTH-1,A Different Name,Bo Worker,Northgate,Child in need,2026-04-01\n",
                                clock, "Northgate")
    assert report.added == 1
    admin = make_db_factory(team_server.admin())
    with admin() as s:
        children = s.execute(select(Child.id, Child.name).where(Child.la_child_id == "SOUTH-1")).all()
        teams = sorted(s.scalars(select(CaseAllocation.team_id).join(CaseAllocation.child)
                                 .where(Child.la_child_id == "SOUTH-1")))
    assert len(children) == 1  # one child, not two
    assert children[0].name is None  # Southbank's record of the child is left as it was
    assert teams == sorted([team_server.ids["north_team"], team_server.ids["south_team"]])


def test_a_worker_cannot_import_even_by_calling_the_server_function(
        team_server: TeamServer, tmp_path: Path, clock: FixedClock) -> None:
    from sqlalchemy import text

    with team_server.connect("north_worker") as c:
        found = c.execute(text("SELECT * FROM public.psw_child_ids(ARRAY['SOUTH-1', 'NORTH-1'])")).all()
    assert found == []  # a worker learns nothing of who is on record
    with pytest.raises(Exception, match="manager"):
        _import(team_server, "north_worker", tmp_path,
                "NORTH-9,,Bo Worker,Northgate,Child in need,2026-01-05\n", clock, "Northgate")


def test_the_manager_undoes_their_own_import_on_the_server(team_server: TeamServer, tmp_path: Path,
                                                           clock: FixedClock) -> None:
    from workbench.importing import undo_import

    db, report = _import(team_server, "north_manager", tmp_path,
                               "NORTH-7,,Bo Worker,Northgate,Child in need,2026-01-05\n", clock,
                               "Northgate")
    with db() as s:
        actor = actor_for(s, team_server.ids["north_manager"])
    undone = undo_import(db, report.batch_id, actor=actor,
                         audit=AuditTrail(clock), clock=clock)
    assert undone.removed == 1
    with make_db_factory(team_server.admin())() as s:
        assert s.scalar(select(CaseAllocation.id).join(CaseAllocation.child)
                        .where(Child.la_child_id == "NORTH-7")) is None


@pytest.mark.parametrize("person", ["north_manager", "north_worker", "south_manager", "lead"])
def test_no_login_deletes_a_case_that_no_import_of_theirs_added(team_server: TeamServer,
                                                                 person: str) -> None:
    from sqlalchemy import text

    with team_server.engine_for(person).begin() as c:
        gone = c.execute(text("DELETE FROM case_allocation")).rowcount
        history = c.execute(text("DELETE FROM import_change")).rowcount
    assert (gone, history) == (0, 0)
    with make_db_factory(team_server.admin())() as s:
        assert len(s.scalars(select(CaseAllocation.id)).all()) == 2  # the seeded cases remain


def test_the_functions_the_policies_call_each_row_keep_their_plans(team_server: TeamServer) -> None:
    # As SQL functions they were planned again on every row: a manager's caseload took ten
    # times as long through their own login (bench --only server). PL/pgSQL keeps the plan.
    from sqlalchemy import text

    with team_server.admin().connect() as c:
        languages = dict(c.execute(text(
            "SELECT p.proname, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
            "WHERE p.proname LIKE 'psw\\_sees\\_%' OR p.proname LIKE 'psw\\_current\\_%' "
            "OR p.proname LIKE 'psw\\_edits\\_%'")).all())
    assert "psw_sees_session_row" in languages
    assert set(languages.values()) == {"plpgsql"}, languages
