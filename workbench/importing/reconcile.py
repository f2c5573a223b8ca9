"""Reconciling the file's cases with the database, in bulk, inside the caller's transaction.

Existing teams, staff, children and cases are read into dictionaries with a handful of
queries; new rows go in with one multi-row INSERT per table and changed rows with one
executemany UPDATE, so the cost grows with the file, not with round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, ImportBatch, ImportChange, ImportRejectedRow, Staff, Team
from workbench.importing.bulk import Writer, insert_rows, roomy_cache
from workbench.importing.cases import CaseDraft
from workbench.importing.report import CreatedStaff
from workbench.importing.rows import RowProblem, Selection

CHUNK = 5000
CHILDREN: Table = Child.__table__  # type: ignore[assignment]
CASES: Table = CaseAllocation.__table__  # type: ignore[assignment]
REJECTED_ROWS: Table = ImportRejectedRow.__table__  # type: ignore[assignment]
CHILD_COLUMNS = ("name", "date_of_birth", "gender", "ethnicity", "disability")
CASE_COLUMNS = ("team_id", "kind", "start_date", "last_visit_date", "seen_alone",
                "last_review_date", "key_dates", "details")
CASE_INSERT_COLUMNS = ("child_id", "worker_id", "end_date", *CASE_COLUMNS, "last_import_batch_id",
                       "added_by_batch_id", "created_at", "updated_at")
CHANGES: Table = ImportChange.__table__  # type: ignore[assignment]
# An import_change row: batch, case, change, then the case as _case_columns() read it.
CHANGE_COLUMNS = ("batch_id", "case_id", "change", "end_date", *CASE_COLUMNS, "last_import_batch_id",
                  "updated_at")
T = TypeVar("T")


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class Outcome:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    already_ended: int = 0
    kinds: dict[CaseKind, int] = field(default_factory=dict)
    teams_created: list[str] = field(default_factory=list)
    workers_created: list[CreatedStaff] = field(default_factory=list)


@dataclass
class BatchInfo:
    file_name: str
    sha256: str
    actor_id: int | None
    imported_at: dt.datetime
    selection_worker: str | None
    selection_team: str | None
    rows_read: int
    unallocated: int
    rejected: list[RowProblem]


@dataclass
class Closing:
    """An open case the import would close: as it is (``_case_columns()``), and how."""

    before: tuple[Any, ...]
    child_id: int
    worker_id: int
    end_date: dt.date
    ended_in_file: bool = False  # the file says it ended; else the file no longer lists it


@dataclass
class Plan:
    """What an import would do, worked out from the file and the database without writing."""

    drafts: list[CaseDraft]
    children: dict[str, dict[str, Any]]
    teams: dict[str, int]
    staff: dict[tuple[int | None, str], int]
    existing_children: dict[str, tuple[Any, ...]]
    #: On a team server: children on record whom the importer may not see (another team's).
    #: Their cases here are added, their facts left as they are (only their id is known).
    hidden_children: set[str] = field(default_factory=set)
    new: list[CaseDraft] = field(default_factory=list)
    updates: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = field(default_factory=list)  # (before, values)
    closes: list[Closing] = field(default_factory=list)
    unchanged: int = 0
    already_ended: int = 0
    kinds: dict[CaseKind, int] = field(default_factory=dict)
    new_children: list[tuple[Any, ...]] = field(default_factory=list)
    changed_children: dict[str, dict[str, Any]] = field(default_factory=dict)
    chosen_workers: set[int] = field(default_factory=set)  # staff ids of the selected worker

    def closing_others(self) -> list[Closing]:
        """Closures of cases that are not the chosen worker's (all of them without a worker)."""
        return [c for c in self.closes if c.worker_id not in self.chosen_workers]


class ClosuresNeedConfirmation(Exception):
    """The import would close cases of people other than the chosen worker, unconfirmed."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("closures need confirmation")
        self.plan = plan


class Reconciler:
    """One import's writes. ``check`` is called between steps (it raises to cancel);
    ``meanwhile`` once the cases' rows are made, while the database may still be writing them
    (the caller frees what it no longer needs there, on SQLite alongside the writing)."""

    def __init__(self, session: Session, *, today: dt.date, now: dt.datetime,
                 check: Callable[[], None], meanwhile: Callable[[], None] | None = None) -> None:
        self.session = session
        self.today = today
        self.now = now
        self.check = check
        self.meanwhile = meanwhile
        self.outcome = Outcome()
        self._on_server: bool | None = None
        self._hidden: set[str] = set()

    def _team_server(self) -> bool:
        """Whether this is a team server (PostgreSQL with row-level security set up), where
        the rows the importer may not see are found through psw_child_ids."""
        if self._on_server is None:
            bind = self.session.get_bind()
            self._on_server = bind.dialect.name == "postgresql" and bool(self.session.scalar(
                text("SELECT to_regprocedure('public.psw_child_ids(text[])') IS NOT NULL")))
        return self._on_server

    def _ids_on_server(self, refs: Sequence[str]) -> dict[str, int]:
        """Children's ids by ref, whichever team they are in (ids only: psw_child_ids)."""
        found: dict[str, int] = {}
        for chunk in _chunks(refs):
            found.update((str(ref), int(child_id)) for ref, child_id in self.session.execute(
                text("SELECT ref, child_id FROM public.psw_child_ids(:refs)"), {"refs": list(chunk)}))
        return found

    # -- reading what is there -------------------------------------------------------------
    def _teams(self) -> dict[str, int]:
        rows = self.session.execute(select(Team.name_key, Team.id))
        return {str(key): int(team_id) for key, team_id in rows}

    def _staff(self) -> dict[tuple[int | None, str], int]:
        rows = self.session.execute(select(Staff.team_id, Staff.name_key, Staff.id))
        return {(team_id, key): staff_id for team_id, key, staff_id in rows}

    def _children(self, refs: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        columns = (Child.la_child_id, Child.id, *(getattr(Child, c) for c in CHILD_COLUMNS))
        found: dict[str, tuple[Any, ...]] = {}
        if len(refs) > CHUNK:  # one scan beats many long IN lists
            wanted = set(refs)
            for row in self.session.execute(select(*columns)):
                if row[0] in wanted:
                    found[row[0]] = tuple(row[1:])
        else:
            for chunk in _chunks(refs):
                for row in self.session.execute(select(*columns).where(Child.la_child_id.in_(chunk))):
                    found[row[0]] = tuple(row[1:])
        unseen = [ref for ref in refs if ref not in found]
        if unseen and self._team_server():
            blank = (None,) * len(CHILD_COLUMNS)
            for ref, child_id in self._ids_on_server(unseen).items():
                found[ref] = (child_id, *blank)
                self._hidden.add(ref)
        return found

    def _cases(self, child_ids: Sequence[int]) -> dict[tuple[int, int], tuple[Any, ...]]:
        columns = (CaseAllocation.child_id, CaseAllocation.worker_id, *_case_columns())
        found: dict[tuple[int, int], tuple[Any, ...]] = {}
        for chunk in _chunks(child_ids):
            for row in self.session.execute(select(*columns).where(CaseAllocation.child_id.in_(chunk))):
                found[(row[0], row[1])] = tuple(row[2:])
        return found

    # -- the plan: what the import would do, read without writing ---------------------------
    def plan(self, drafts: list[CaseDraft], children: dict[str, dict[str, Any]],
             selection: Selection, *, complete: bool, protected_refs: set[str]) -> Plan:
        teams = self._teams()
        staff = self._staff()
        # Children with rejected rows are looked up too: their cases must not be closed.
        existing_children = self._children(sorted(set(children) | protected_refs))
        self.check()
        existing_cases = self._cases([row[0] for row in existing_children.values()])
        self.check()
        plan = Plan(drafts=drafts, children=children, teams=teams, staff=staff,
                    existing_children=existing_children, hidden_children=set(self._hidden))
        changed_children = self._child_changes(plan)
        touched: set[int] = set()
        kinds = plan.kinds
        width = len(CASE_COLUMNS)
        for draft in drafts:
            child = existing_children.get(draft.child_ref)
            team_id = teams.get(draft.team_key)
            worker_id = staff.get((team_id, draft.worker_key)) if team_id is not None else None
            existing = (existing_cases.get((child[0], worker_id))
                        if child is not None and worker_id is not None else None)
            if existing is not None:
                touched.add(existing[0])
            if draft.ended:
                if existing is not None and existing[1] is None:
                    plan.closes.append(Closing(existing, child[0], worker_id,  # type: ignore[index,arg-type]
                                               draft.end_date or self.today, ended_in_file=True))
                else:
                    plan.already_ended += 1
                continue
            kinds[draft.kind] = kinds.get(draft.kind, 0) + 1
            if existing is None:
                plan.new.append(draft)
                continue
            values = (team_id, draft.kind, draft.start_date, draft.last_visit_date, draft.seen_alone,
                      draft.last_review_date, draft.key_dates, draft.details)  # as CASE_COLUMNS
            if (existing[1] is not None or draft.child_ref in changed_children
                    or values != existing[2:2 + width]):
                plan.updates.append((existing, values))
            else:
                plan.unchanged += 1
        if complete:
            protected = {existing_children[r][0] for r in protected_refs if r in existing_children}
            plan.closes += self._absent(selection, drafts, teams, staff, touched, protected)
        plan.chosen_workers = _chosen_workers(selection, teams, staff)
        self.check()
        return plan

    # -- the import --------------------------------------------------------------------------
    def run(self, drafts: list[CaseDraft], children: dict[str, dict[str, Any]],
            selection: Selection, *, complete: bool, protected_refs: set[str],
            batch_info: BatchInfo, allow_closing_others: bool = True) -> tuple[int, Outcome]:
        plan = self.plan(drafts, children, selection, complete=complete, protected_refs=protected_refs)
        others = plan.closing_others()
        if others and not allow_closing_others:
            raise ClosuresNeedConfirmation(plan)
        return self.apply(plan, batch_info)

    def apply(self, plan: Plan, batch_info: BatchInfo) -> tuple[int, Outcome]:
        with roomy_cache(self.session):
            return self._apply(plan, batch_info)

    def _apply(self, plan: Plan, batch_info: BatchInfo) -> tuple[int, Outcome]:
        session, outcome = self.session, self.outcome
        teams, staff = plan.teams, plan.staff
        batch = ImportBatch(
            file_name=batch_info.file_name[:500], sha256=batch_info.sha256,
            imported_by_id=batch_info.actor_id, imported_at=batch_info.imported_at,
            worker_filter=batch_info.selection_worker, team_filter=batch_info.selection_team,
            rows_read=batch_info.rows_read, unallocated=batch_info.unallocated,
            rejected=len(batch_info.rejected),
        )
        session.add(batch)
        session.flush()

        self._create_teams(plan.drafts, teams)
        self._create_staff(plan.drafts, teams, staff)
        # On SQLite the children's and then the cases' rows are written on a thread of their
        # own while the cases' rows are made here (Writer); the session waits for them.
        batch_id = batch.id  # read before the writer may be using the connection
        outcome.added, outcome.updated, outcome.closed = len(plan.new), len(plan.updates), len(plan.closes)
        with Writer(session) as writer:
            child_ids = self._write_children(plan, writer)
            self.check()
            self._write_cases(plan, batch_id, child_ids, batch_info.rejected, writer)
        outcome.unchanged, outcome.already_ended = plan.unchanged, plan.already_ended
        outcome.kinds = plan.kinds
        batch.added, batch.updated = outcome.added, outcome.updated
        batch.unchanged, batch.closed = outcome.unchanged, outcome.closed
        session.flush()
        return batch.id, outcome

    def _write_cases(self, plan: Plan, batch_id: int, child_ids: dict[str, int],
                     rejected: list[RowProblem], writer: Writer) -> None:
        """The new cases, changed ones, closures, what undo needs, and the rejected rows."""
        session, teams, staff = self.session, plan.teams, plan.staff
        now = self.now
        # In the children's order (a stable sort: a child's cases keep the file's order), so each
        # index on the child's id is appended to rather than written all over (see _write_children).
        new = sorted(plan.new, key=lambda draft: child_ids[draft.child_ref])
        plan.new.clear()  # the drafts were needed only for these rows: the caller may free them
        # Made as they are written (a generator), so the database writes each slice while the
        # next is made.
        inserts = ((child_ids[draft.child_ref], staff[(teams[draft.team_key], draft.worker_key)], None,
                    teams[draft.team_key], draft.kind, draft.start_date, draft.last_visit_date,
                    draft.seen_alone, draft.last_review_date, draft.key_dates, draft.details,
                    batch_id, batch_id, now, now) for draft in new)  # as CASE_INSERT_COLUMNS
        stamp = {"last_import_batch_id": batch_id, "updated_at": now}
        updates = [{"id": existing[0], "end_date": None, **stamp,
                    **dict(zip(CASE_COLUMNS, values, strict=True))} for existing, values in plan.updates]
        closes = [{"id": c.before[0], "end_date": c.end_date, **stamp} for c in plan.closes]
        # What was there before, for undo: one executemany, only for cases that change.
        befores = [(batch_id, existing[0], "updated", *existing[1:]) for existing, _values in plan.updates]
        befores += [(batch_id, c.before[0], "closed", *c.before[1:]) for c in plan.closes]
        self.check()

        insert_rows(session, CASES, CASE_INSERT_COLUMNS, inserts, writer=writer)
        del inserts, new
        if self.meanwhile is not None:
            self.meanwhile()
        writer.wait()
        if updates:
            session.execute(update(CaseAllocation), updates)
        if closes:
            session.execute(update(CaseAllocation), closes)
        insert_rows(session, CHANGES, CHANGE_COLUMNS, befores)
        insert_rows(session, REJECTED_ROWS, ("batch_id", "sheet", "row_number", "child_ref", "reason"), [
            (batch_id, (p.sheet or "")[:100] or None, p.row, (p.child_ref or "")[:100] or None, p.reason)
            for p in rejected
        ])

    def _create_teams(self, drafts: Iterable[CaseDraft], teams: dict[str, int]) -> None:
        new: dict[str, str] = {}
        for draft in drafts:
            if draft.team_key not in teams:
                new.setdefault(draft.team_key, draft.team)
        if not new:
            return
        rows = [{"name": name, "name_key": key, "created_at": self.now} for key, name in new.items()]
        result = self.session.execute(
            insert(Team).returning(Team.name_key, Team.id, sort_by_parameter_order=True), rows)
        teams.update({str(key): int(team_id) for key, team_id in result})
        self.outcome.teams_created = sorted(new.values())

    def _create_staff(self, drafts: Iterable[CaseDraft], teams: dict[str, int],
                      staff: dict[tuple[int | None, str], int]) -> None:
        new: dict[tuple[int, str], tuple[str, str]] = {}
        for draft in drafts:
            key = (teams[draft.team_key], draft.worker_key)
            if key not in staff:
                new.setdefault(key, (draft.worker, draft.team))
        if not new:
            return
        # Inactive until an admin adds and enrols them (workbench.staff_admin): nobody can
        # sign in as a person just because a spreadsheet named them.
        rows = [{"name": name, "name_key": worker_key, "role": Role.WORKER, "team_id": team_id,
                 "active": False, "created_at": self.now}
                for (team_id, worker_key), (name, _team) in new.items()]
        result = self.session.execute(
            insert(Staff).returning(Staff.team_id, Staff.name_key, Staff.id,
                                    sort_by_parameter_order=True), rows)
        staff.update({(team_id, key): staff_id for team_id, key, staff_id in result})
        self.outcome.workers_created = sorted(
            (CreatedStaff(name, team) for name, team in new.values()), key=lambda s: (s.team, s.name))

    def _child_changes(self, plan: Plan) -> set[str]:
        """New children and changed ones (a blank in the file never blanks a fact), into the
        plan; the refs of the children that changed."""
        existing = plan.existing_children
        for ref, fields in plan.children.items():
            if ref in plan.hidden_children:
                continue  # another team's child: their facts are that team's to keep
            row = existing.get(ref)
            if row is None:
                plan.new_children.append((ref, self.now, *map(fields.get, CHILD_COLUMNS)))
                continue
            old = dict(zip(CHILD_COLUMNS, row[1:], strict=True))
            merged = {c: fields.get(c, old[c]) for c in CHILD_COLUMNS}
            if merged != old:
                plan.changed_children[ref] = {"id": row[0], **merged}
        return set(plan.changed_children)

    def _write_children(self, plan: Plan, writer: Writer) -> dict[str, int]:
        """Insert the new children, update the changed ones: every child's id by child ref.
        On SQLite the new children may still be being written by ``writer`` on return."""
        ids = {ref: row[0] for ref, row in plan.existing_children.items()}
        if plan.new_children:
            # In the order of their refs: the unique index on the ref is then appended to, page
            # after page, instead of written all over (29,286 new children took half the time).
            plan.new_children.sort(key=itemgetter(0))
            refs = [row[0] for row in plan.new_children]
            columns = ("la_child_id", "created_at", *CHILD_COLUMNS)
            if self.session.get_bind().dialect.name == "sqlite":
                # The import holds SQLite's one write lock (its batch is written), so nobody
                # else can number a child before this commits: the ids are given, not read back.
                first_new = (self.session.scalar(select(func.max(Child.id))) or 0) + 1
                numbered = range(first_new, first_new + len(refs))
                insert_rows(self.session, CHILDREN, ("id", *columns),
                            [(child_id, *row) for child_id, row in zip(numbered, plan.new_children,
                                                                       strict=True)], writer=writer)
                ids.update(zip(refs, numbered, strict=True))
            else:
                on_server = self._team_server()
                first_new = 0 if on_server else (self.session.scalar(select(func.max(Child.id))) or 0) + 1
                # A plain executemany, then one read-back: RETURNING costs a round trip per row.
                insert_rows(self.session, CHILDREN, columns, plan.new_children)
                # On a team server no allocation makes the new children visible yet.
                ids.update(self._ids_on_server(refs) if on_server else self._new_ids(first_new, refs))
        if plan.changed_children:
            writer.wait()
            self.session.execute(update(Child), list(plan.changed_children.values()))
        return ids

    def _new_ids(self, first_new: int, refs: list[str]) -> dict[str, int]:
        """Ids of the children just inserted: those numbered from ``first_new`` (one query),
        and, should the database have numbered any lower, those looked up by id."""
        wanted = set(refs)
        found = {ref: child_id for child_id, ref in self.session.execute(
            select(Child.id, Child.la_child_id).where(Child.id >= first_new)) if ref in wanted}
        if len(found) < len(wanted):
            found.update((ref, row[0]) for ref, row in self._children(sorted(wanted - set(found))).items())
        return found

    def _absent(self, selection: Selection, drafts: Sequence[CaseDraft], teams: dict[str, int],
                staff: dict[tuple[int | None, str], int], touched: set[int],
                protected_children: set[int]) -> list[Closing]:
        """Open cases in the selection that the file no longer lists: closed today."""
        query = select(CaseAllocation.child_id, CaseAllocation.worker_id,
                       *_case_columns()).where(CaseAllocation.end_date.is_(None))
        if selection.worker_key is not None:
            worker_ids = [sid for (team_id, key), sid in staff.items() if key == selection.worker_key
                          and (selection.team_key is None or team_id == teams.get(selection.team_key))]
            query = query.where(CaseAllocation.worker_id.in_(worker_ids))
        elif selection.team_key is not None:
            query = query.where(CaseAllocation.team_id == teams.get(selection.team_key, -1))
        else:
            team_ids = {teams.get(d.team_key) for d in drafts}
            query = query.where(CaseAllocation.team_id.in_(sorted(t for t in team_ids if t is not None)))
        return [
            Closing(tuple(row[2:]), row[0], row[1], self.today)
            for row in self.session.execute(query)
            if row[2] not in touched and row[0] not in protected_children
        ]


def _case_columns() -> tuple[Any, ...]:
    """A case as the plan keeps it: id, end date, CASE_COLUMNS, last import, updated at."""
    return (CaseAllocation.id, CaseAllocation.end_date,
            *(getattr(CaseAllocation, c) for c in CASE_COLUMNS),
            CaseAllocation.last_import_batch_id, CaseAllocation.updated_at)


def _chosen_workers(selection: Selection, teams: dict[str, int],
                    staff: dict[tuple[int | None, str], int]) -> set[int]:
    if selection.worker_key is None:
        return set()
    team_id = teams.get(selection.team_key) if selection.team_key is not None else None
    return {sid for (tid, key), sid in staff.items()
            if key == selection.worker_key and (selection.team_key is None or tid == team_id)}
