"""Reading caseloads: teams, workers and the open cases allocated to them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, String, exists, func, null, or_, select, type_coerce
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


class CaseRow(NamedTuple):
    """One open case as the caseload shows it.

    A named tuple rather than a frozen dataclass: a caseload makes thousands at once, and a
    tuple is built in one C call where a frozen dataclass sets each field through
    ``object.__setattr__`` (most of the time it took to turn the query's rows into cases).
    """

    case_id: int
    child_id: int
    la_child_id: str
    child_name: str | None
    kind: CaseKind
    start_date: dt.date | None
    last_visit_date: dt.date | None
    seen_alone: bool | None
    last_review_date: dt.date | None
    # The import's other key dates; None unless open_cases was asked for them
    # (``with_key_dates``): no screen shows them, and they are most of what the query reads.
    key_dates: dict[str, Any] | None
    team_name: str
    worker_id: int
    worker_name: str
    last_supervised: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        if self.key_dates is None:
            raise ValueError("the key dates were not read: open_cases(..., with_key_dates=True)")
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


def open_cases(db: DbFactory, *, worker_id: int | None = None, team_id: int | None = None,
               actor: Actor | None = None, with_key_dates: bool = False) -> list[CaseRow]:
    """Open cases (no end date), with when each child was last discussed in supervision,
    in child id order; ``with_key_dates`` also reads each case's other key dates.

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
        query = _open_cases_query(selected, as_text, with_key_dates)
        if worker_id is not None:
            require_worker_access(s, actor, worker_id)
        if team_id is not None:
            require_team_access(actor, team_id)
        # Core rows (no ORM loading): the columns come back as plain values.
        rows = connection.execute(query).all()
    return _case_rows(rows, as_text, with_key_dates)


def _open_cases_query(selected: Callable[[Select[Any]], Select[Any]], as_text: bool,
                      with_key_dates: bool) -> Select[Any]:
    """The cases ``selected`` keeps, child id order. ``as_text`` (SQLite, where dates, timestamps
    and JSON are text) selects those columns (and the kind and seen-alone flag) untyped so that
    :func:`_case_rows` converts them in bulk instead of SQLAlchemy's per-value processors."""

    def raw(column: Any) -> Any:
        return type_coerce(column, String) if as_text else column

    # When each child was last discussed, over the selected cases only (a worker's caseload
    # never aggregates everyone's), through the (case_id, session_id) index. On SQLite, one
    # look-up per case (a fifth less time than grouping and joining back); on PostgreSQL the
    # grouped subquery, which applies row-level security's policies once per table rather
    # than once per case (a manager's caseload took twice as long as without policies).
    last_type = String if as_text else UTCDateTime  # type_coerce: the max comes back typed
    discussed = (select(func.max(SupervisionSession.meeting_at))
                 .select_from(CaseDiscussion)
                 .join(SupervisionSession, CaseDiscussion.session_id == SupervisionSession.id)
                 .where(SupervisionSession.status != SessionStatus.DISCARDED))
    grouped = None
    if as_text:
        last_supervised = type_coerce(
            discussed.where(CaseDiscussion.case_id == CaseAllocation.id)
            .correlate(CaseAllocation).scalar_subquery(), last_type)
    else:
        grouped = (discussed.add_columns(CaseDiscussion.case_id)
                   .where(CaseDiscussion.case_id.in_(selected(select(CaseAllocation.id))))
                   .group_by(CaseDiscussion.case_id)
                   .subquery())
        last_supervised = type_coerce(grouped.c[0], last_type)
    key_dates = raw(CaseAllocation.key_dates) if with_key_dates else null()
    query = selected(
        select(
            CaseAllocation.id, Child.id, Child.la_child_id, Child.name, raw(CaseAllocation.kind),
            raw(CaseAllocation.start_date), raw(CaseAllocation.last_visit_date),
            raw(CaseAllocation.seen_alone), raw(CaseAllocation.last_review_date),
            key_dates, Team.name, Staff.id, Staff.name, last_supervised,
        )
        .join(Child, CaseAllocation.child_id == Child.id)
        .join(Team, CaseAllocation.team_id == Team.id)
        .join(Staff, CaseAllocation.worker_id == Staff.id)
        .order_by(Child.la_child_id)
    )
    if grouped is not None:
        query = query.outerjoin(grouped, grouped.c.case_id == CaseAllocation.id)
    return query


_new_case = partial(tuple.__new__, CaseRow)


def _case_rows(rows: Sequence[Any], as_text: bool, with_key_dates: bool) -> list[CaseRow]:
    if not as_text:
        return list(map(_new_case, rows))
    # SQLite's text: ISO dates and timestamps (naive UTC), JSON, the kind's value and 0/1 for
    # the flag, converted column by column. A caseload repeats its dates, kinds and meeting
    # times many times over: each distinct value is converted once and looked up after that
    # (by map, in C), and the rows share the converted values (immutable all of them). The
    # values are exactly what the typed columns would have given.
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [()] * 14
    (case_ids, child_ids, la_ids, names, kinds, starts, visits, alone, reviews, key_dates,
     teams, worker_ids, workers, supervised) = columns

    def converted(values: tuple[Any, ...], convert: Callable[[Any], Any]) -> Iterable[Any]:
        known = {value: None if value is None else convert(value) for value in set(values)}
        return map(known.__getitem__, values)

    day = dt.date.fromisoformat
    # "+00:00" makes fromisoformat return the UTC-aware value (datetime.UTC itself),
    # far cheaper than .replace(tzinfo=...) on each.
    def moment(text: str) -> dt.datetime:
        return dt.datetime.fromisoformat(text + "+00:00")

    decoded: Iterable[Any] = (
        json.loads("[" + ",".join("null" if k is None else k for k in key_dates) + "]")
        if with_key_dates else key_dates)
    return list(map(_new_case, zip(
        case_ids, child_ids, la_ids, names, converted(kinds, CaseKind),
        converted(starts, day), converted(visits, day), converted(alone, bool),
        converted(reviews, day), decoded, teams, worker_ids, workers,
        converted(supervised, moment), strict=True)))
