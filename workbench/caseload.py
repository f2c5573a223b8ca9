"""Reading caseloads: teams, workers and the open cases allocated to them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from db.base import UTCDateTime
from db.engine import DbFactory
from db.enums import CaseKind, Role, SessionStatus
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
            "child_name": self.child_name,
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


def _listed() -> ColumnElement[bool]:
    has_open_cases = exists().where(CaseAllocation.worker_id == Staff.id,
                                    CaseAllocation.end_date.is_(None))
    return or_(Staff.active, has_open_cases)


def list_staff(db: DbFactory, *, role: Role | None = None,
               team_id: int | None = None, actor: Actor | None = None) -> list[StaffRow]:
    """Active staff, and inactive ones who still have open cases (met by an import and not yet
    enrolled, or leavers whose cases are not yet moved: their caseloads can still be seen);
    an ``actor`` sees only those they may (None: everyone, for the system)."""
    with db() as s:
        query = select(Staff, Team.name).outerjoin(Team, Staff.team_id == Team.id).where(_listed())
        query = scope_staff(query, actor)
        if role is not None:
            query = query.where(Staff.role == role)
        if team_id is not None:
            query = query.where(Staff.team_id == team_id)
        query = query.order_by(Team.name, Staff.name)
        return [StaffRow(st.id, st.name, st.role, st.team_id, team_name)
                for st, team_name in s.execute(query)]


def list_teams(db: DbFactory) -> list[tuple[int, str]]:
    with db() as s:
        return [(t.id, t.name) for t in s.scalars(select(Team).order_by(Team.name))]


def find_workers(session: Session, name: str, team: str | None = None) -> list[Staff]:
    """Every listed staff member (see list_staff) whose folded name (and team, if given) matches."""
    query = select(Staff).where(Staff.name_key == fold_name(name), _listed())
    if team:
        query = query.join(Team, Staff.team_id == Team.id).where(Team.name_key == fold_name(team))
    return list(session.scalars(query.order_by(Staff.id)))


def open_cases(db: DbFactory, *, worker_id: int | None = None,
               team_id: int | None = None, actor: Actor | None = None) -> list[CaseRow]:
    """Open cases (no end date), with when each child was last discussed in supervision.

    With an ``actor``, only the cases they may see; asking for another team's or another
    worker's caseload raises AccessDenied. None means the system (everything).
    """
    def selected(query: Select[Any]) -> Select[Any]:
        query = query.where(CaseAllocation.end_date.is_(None))
        if worker_id is not None:
            query = query.where(CaseAllocation.worker_id == worker_id)
        if team_id is not None:
            query = query.where(CaseAllocation.team_id == team_id)
        return scope_cases(query, actor)

    with db() as s:
        connection = s.connection()
        as_text = connection.dialect.name == "sqlite"
        query = _open_cases_query(selected, as_text)
        if worker_id is not None:
            require_worker_access(s, actor, worker_id)
        if team_id is not None:
            require_team_access(actor, team_id)
        # Core rows (no ORM loading): the columns come back as plain values.
        rows = connection.execute(query).all()
    return _case_rows(rows, as_text)


def _open_cases_query(selected: Callable[[Select[Any]], Select[Any]], as_text: bool) -> Select[Any]:
    """The cases ``selected`` keeps, child id order. ``as_text`` (SQLite, where dates, timestamps
    and JSON are text) selects those columns untyped so that :func:`_case_rows` converts them
    in bulk instead of SQLAlchemy's per-value processors."""

    def raw(column: Any) -> Any:
        return type_coerce(column, String) if as_text else column

    # When each child was last discussed, aggregated over the selected cases only (a worker's
    # caseload never aggregates everyone's), through the (case_id, session_id) index.
    last_supervised = (
        select(
            CaseDiscussion.case_id,
            # type_coerce keeps the column's type, so the max comes back as a datetime.
            type_coerce(func.max(SupervisionSession.meeting_at),
                        String if as_text else UTCDateTime).label("last"),
        )
        .join(SupervisionSession, CaseDiscussion.session_id == SupervisionSession.id)
        .where(CaseDiscussion.case_id.in_(selected(select(CaseAllocation.id))),
               SupervisionSession.status != SessionStatus.DISCARDED)
        .group_by(CaseDiscussion.case_id)
        .subquery()
    )
    return selected(
        select(
            CaseAllocation.id, Child.id, Child.la_child_id, Child.name, CaseAllocation.kind,
            raw(CaseAllocation.start_date), raw(CaseAllocation.last_visit_date),
            CaseAllocation.seen_alone, raw(CaseAllocation.last_review_date),
            raw(CaseAllocation.key_dates), Team.name, Staff.id, Staff.name, last_supervised.c.last,
        )
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Team, CaseAllocation.team_id == Team.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .outerjoin(last_supervised, last_supervised.c.case_id == CaseAllocation.id)
        .order_by(Child.la_child_id)
    )


def _case_rows(rows: Sequence[Any], as_text: bool) -> list[CaseRow]:
    if not as_text:
        return [CaseRow(*row) for row in rows]
    # SQLite's text: ISO dates and timestamps (naive UTC) and JSON, each column converted
    # in one pass; the values are exactly what the typed columns would have given.
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [()] * 14
    (case_ids, child_ids, la_ids, names, kinds, starts, visits, alone, reviews, key_dates,
     teams, worker_ids, workers, supervised) = columns
    day = dt.date.fromisoformat
    moment = dt.datetime.fromisoformat
    decoded = json.loads("[" + ",".join("null" if k is None else k for k in key_dates) + "]")
    return [CaseRow(*values) for values in zip(
        case_ids, child_ids, la_ids, names, kinds,
        [day(v) if v else None for v in starts], [day(v) if v else None for v in visits],
        alone, [day(v) if v else None for v in reviews], decoded, teams, worker_ids, workers,
        # "+00:00" makes fromisoformat return the UTC-aware value (datetime.UTC itself),
        # far cheaper than .replace(tzinfo=...) on each.
        [moment(v + "+00:00") if v else None for v in supervised], strict=True)]
