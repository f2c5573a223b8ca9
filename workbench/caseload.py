"""Reading caseloads: teams, workers and the open cases allocated to them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from db.base import UTCDateTime
from db.engine import SessionFactory
from db.enums import CaseKind, Role
from db.models import CaseAllocation, CaseDiscussion, Child, Staff, SupervisionSession, Team
from workbench.access import (
    Actor,
    require_team_access,
    require_worker_access,
    scope_cases,
    scope_staff,
)
from workbench.names import fold_name


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: Role
    team_id: int | None
    team_name: str | None


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    child_id: int
    la_child_id: str
    child_name: str | None
    kind: CaseKind
    start_date: dt.date | None
    last_visit_date: dt.date | None
    seen_alone: bool | None
    last_review_date: dt.date | None
    key_dates: dict[str, Any]
    team_name: str
    worker_id: int
    worker_name: str
    last_supervised: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "child_id": self.la_child_id,
            "kind": self.kind.value,
            "start_date": _iso(self.start_date),
            "key_dates": {
                "last_visit": _iso(self.last_visit_date),
                "last_review": _iso(self.last_review_date),
                **self.key_dates,
            },
            "seen_alone": self.seen_alone,
            "team": self.team_name,
            "worker": self.worker_name,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def list_staff(sessions: SessionFactory, *, role: Role | None = None,
               team_id: int | None = None, actor: Actor | None = None) -> list[StaffRow]:
    """Active staff; an ``actor`` sees only those they may (None: everyone, for the system)."""
    with sessions() as s:
        query = select(Staff, Team.name).outerjoin(Team, Staff.team_id == Team.id).where(Staff.active)
        query = scope_staff(query, actor)
        if role is not None:
            query = query.where(Staff.role == role)
        if team_id is not None:
            query = query.where(Staff.team_id == team_id)
        query = query.order_by(Team.name, Staff.name)
        return [StaffRow(st.id, st.name, st.role, st.team_id, team_name)
                for st, team_name in s.execute(query)]


def list_teams(sessions: SessionFactory) -> list[tuple[int, str]]:
    with sessions() as s:
        return [(t.id, t.name) for t in s.scalars(select(Team).order_by(Team.name))]


def find_workers(session: Session, name: str, team: str | None = None) -> list[Staff]:
    """Every active staff member whose folded name (and team, if given) matches."""
    query = select(Staff).where(Staff.name_key == fold_name(name), Staff.active)
    if team:
        query = query.join(Team, Staff.team_id == Team.id).where(Team.name_key == fold_name(team))
    return list(session.scalars(query.order_by(Staff.id)))


def find_worker(session: Session, name: str, team: str | None = None) -> Staff | None:
    """The active staff member whose folded name (and team, if given) matches, if just one does."""
    found = find_workers(session, name, team)
    return found[0] if len(found) == 1 else None


def open_cases(sessions: SessionFactory, *, worker_id: int | None = None,
               team_id: int | None = None, actor: Actor | None = None) -> list[CaseRow]:
    """Open cases (no end date), with when each child was last discussed in supervision.

    With an ``actor``, only the cases they may see; asking for another team's or another
    worker's caseload raises AccessDenied. None means the system (everything).
    """
    last_supervised = (
        select(
            CaseDiscussion.case_id,
            # type_coerce keeps the column's type, so SQLite's text comes back as a datetime.
            type_coerce(func.max(SupervisionSession.meeting_at), UTCDateTime).label("last"),
        )
        .join(SupervisionSession, CaseDiscussion.session_id == SupervisionSession.id)
        .group_by(CaseDiscussion.case_id)
        .subquery()
    )
    query = (
        select(
            CaseAllocation.id, Child.id, Child.la_child_id, Child.name, CaseAllocation.kind,
            CaseAllocation.start_date, CaseAllocation.last_visit_date, CaseAllocation.seen_alone,
            CaseAllocation.last_review_date, CaseAllocation.key_dates, Team.name,
            Staff.id, Staff.name, last_supervised.c.last,
        )
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Team, CaseAllocation.team_id == Team.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .outerjoin(last_supervised, last_supervised.c.case_id == CaseAllocation.id)
        .where(CaseAllocation.end_date.is_(None))
        .order_by(Child.la_child_id)
    )
    if worker_id is not None:
        query = query.where(CaseAllocation.worker_id == worker_id)
    if team_id is not None:
        query = query.where(CaseAllocation.team_id == team_id)
    query = scope_cases(query, actor)
    with sessions() as s:
        if worker_id is not None:
            require_worker_access(s, actor, worker_id)
        if team_id is not None:
            require_team_access(actor, team_id)
        return [CaseRow(*row) for row in s.execute(query)]
