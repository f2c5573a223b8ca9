"""What each role may see and do, checked in the services (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role, SessionKind
from db.models import QuestionSetVersion, Staff, SupervisionSession
from tests.workbench.security.conftest import TwoTeams
from workbench.access import (
    AccessDenied,
    Actor,
    actor_for,
    require_case_access,
    require_content_writer,
    require_session_access,
    scope_sessions,
)
from workbench.caseload import list_staff, open_cases


def _actor(db: DbFactory, staff_id: int) -> Actor:
    with db() as s:
        return actor_for(s, staff_id)


def _children(rows: list) -> list[str]:
    return sorted(r.la_child_id for r in rows)


def _sessions(db: DbFactory, teams: TwoTeams) -> dict[str, int]:
    """One supervision session per team: Nia supervises Wes, Sam supervises Sol."""
    with transaction(db) as s:
        qs = QuestionSetVersion(set_key="default", version=1, title="t", sha256="0" * 64, content={})
        meeting = dt.datetime(2026, 11, 20, 14, tzinfo=dt.UTC)
        north = SupervisionSession(supervisor_id=teams.nia, supervisee_id=teams.wes, meeting_at=meeting,
                                   kind=SessionKind.CASE_ONE_TO_ONE, question_set=qs)
        south = SupervisionSession(supervisor_id=teams.sam, supervisee_id=teams.sol, meeting_at=meeting,
                                   kind=SessionKind.CASE_ONE_TO_ONE, question_set=qs)
        s.add_all([north, south])
        s.flush()
        return {"north": north.id, "south": south.id}


def _visible_sessions(db: DbFactory, actor: Actor) -> list[int]:
    with db() as s:
        return sorted(s.scalars(scope_sessions(select(SupervisionSession.id), actor)))


def test_a_worker_sees_only_their_own_caseload(db: DbFactory, teams: TwoTeams) -> None:
    wes = _actor(db, teams.wes)
    assert _children(open_cases(db, actor=wes)) == ["N-1"]
    assert _children(open_cases(db, worker_id=teams.wes, actor=wes)) == ["N-1"]
    with pytest.raises(AccessDenied, match="own caseload"):
        open_cases(db, worker_id=teams.wyn, actor=wes)
    with pytest.raises(AccessDenied, match="own caseload"):
        open_cases(db, team_id=teams.north, actor=wes)
    with db() as s:
        require_case_access(s, wes, teams.wes_case, write=True)
        with pytest.raises(AccessDenied, match="not on a caseload you can see"):
            require_case_access(s, wes, teams.wyn_case)


def test_a_manager_sees_their_team_and_not_another(db: DbFactory, teams: TwoTeams) -> None:
    nia = _actor(db, teams.nia)
    assert _children(open_cases(db, actor=nia)) == ["N-1", "N-2"]
    assert _children(open_cases(db, worker_id=teams.wyn, actor=nia)) == ["N-2"]
    with pytest.raises(AccessDenied, match="your own team"):
        open_cases(db, worker_id=teams.sol, actor=nia)
    with pytest.raises(AccessDenied, match="your own team"):
        open_cases(db, team_id=teams.south, actor=nia)
    assert sorted(r.name for r in list_staff(db, actor=nia)) == ["Nia", "Wes", "Wyn"]


def test_a_practice_lead_sees_every_team_but_changes_nothing(
    db: DbFactory, teams: TwoTeams
) -> None:
    lead = _actor(db, teams.lead)
    assert _children(open_cases(db, actor=lead)) == ["N-1", "N-2", "S-1"]
    assert _children(open_cases(db, team_id=teams.south, actor=lead)) == ["S-1"]
    with pytest.raises(AccessDenied, match="read, print and export"):
        require_content_writer(lead)
    with db() as s, pytest.raises(AccessDenied, match="read, print and export"):
        require_case_access(s, lead, teams.sol_case, write=True)


def test_an_admin_manages_people_but_cannot_open_childrens_records(
    db: DbFactory, teams: TwoTeams
) -> None:
    admin = _actor(db, teams.admin)
    with pytest.raises(AccessDenied, match="Admins manage identities"):
        open_cases(db, actor=admin)
    assert len(list_staff(db, actor=admin)) == 7
    assert len(list_staff(db, role=Role.WORKER, actor=admin)) == 3


def test_no_actor_means_the_system_and_sees_everything(
    db: DbFactory, teams: TwoTeams
) -> None:
    assert _children(open_cases(db)) == ["N-1", "N-2", "S-1"]
    assert len(list_staff(db)) == 7


def test_a_worker_cannot_open_another_teams_session(db: DbFactory, teams: TwoTeams) -> None:
    ids = _sessions(db, teams)
    wes, wyn = _actor(db, teams.wes), _actor(db, teams.wyn)
    assert _visible_sessions(db, wes) == [ids["north"]]
    assert _visible_sessions(db, wyn) == []
    with db() as s:
        require_session_access(s, wes, ids["north"], write=True)
        with pytest.raises(AccessDenied, match="another worker or team"):
            require_session_access(s, wes, ids["south"])
        with pytest.raises(AccessDenied, match="another worker or team"):
            require_session_access(s, wyn, ids["north"])


def test_managers_see_their_teams_sessions_and_leads_see_all_read_only(
    db: DbFactory, teams: TwoTeams
) -> None:
    ids = _sessions(db, teams)
    nia, lead = _actor(db, teams.nia), _actor(db, teams.lead)
    assert _visible_sessions(db, nia) == [ids["north"]]
    assert _visible_sessions(db, lead) == sorted(ids.values())
    with db() as s:
        with pytest.raises(AccessDenied):
            require_session_access(s, nia, ids["south"])
        require_session_access(s, lead, ids["south"])
        with pytest.raises(AccessDenied, match="read, print and export"):
            require_session_access(s, lead, ids["south"], write=True)


def test_an_inactive_person_is_nobody(db: DbFactory, teams: TwoTeams) -> None:
    with transaction(db) as s:
        s.get_one(Staff, teams.wyn).active = False
    with db() as s, pytest.raises(AccessDenied, match="not an active member"):
        actor_for(s, teams.wyn)
