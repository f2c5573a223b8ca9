"""Reconciling the file's cases with the database, in bulk, inside the caller's transaction.

Existing teams, staff, children and cases are read into dictionaries with a handful of
queries; new rows go in with multi-row INSERTs, a slice of cases at a time, and changed rows
with one executemany UPDATE, so the cost grows with the file, not with round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Table, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, ImportBatch, ImportChange, ImportRejectedRow, Staff, Team
from workbench.importing.bulk import Writer, insert_rows, roomy_cache
from workbench.importing.cases import CaseDraft, Combined, Slice
from workbench.importing.report import CreatedStaff
from workbench.importing.rows import RowProblem, Selection

CHUNK = 5000
#: Cases drafted, planned and handed to the writing thread at a time, on SQLite (see Reconciler).
SLICE = 2048
CHILDREN: Table = Child.__table__  # type: ignore[assignment]
CASES: Table = CaseAllocation.__table__  # type: ignore[assignment]
REJECTED_ROWS: Table = ImportRejectedRow.__table__  # type: ignore[assignment]
CHILD_COLUMNS = ("name", "date_of_birth", "gender", "ethnicity", "disability")
CASE_COLUMNS = ("team_id", "kind", "start_date", "last_visit_date", "seen_alone",
                "last_review_date", "key_dates", "details")
CASE_INSERT_COLUMNS = ("child_id", "worker_id", *CASE_COLUMNS)  # and the same batch and time in each
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
    """What an import would do, worked out from the file and the database: a slice of cases
    at a time (see Reconciler), and then the closures."""

    teams: dict[str, int]
    staff: dict[tuple[int | None, str], int]
    existing_children: dict[str, tuple[Any, ...]]
    existing_cases: dict[tuple[int, int], tuple[Any, ...]]  # (child, worker) -> _case_columns()
    #: On a team server: children on record whom the importer may not see (another team's).
    #: Their cases here are added, their facts left as they are (only their id is known).
    hidden_children: set[str] = field(default_factory=set)
    added: int = 0
    updates: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = field(default_factory=list)  # (before, values)
    closes: list[Closing] = field(default_factory=list)
    unchanged: int = 0
    already_ended: int = 0
    kinds: dict[CaseKind, int] = field(default_factory=dict)
    changed_children: dict[str, dict[str, Any]] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)  # ids of the cases the file lists
    team_keys: set[str] = field(default_factory=set)  # the teams of the file's cases
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
    """One import's plan and writes. ``check`` is called between steps (it raises to cancel).

    The cases come a slice of children at a time (Combined.slices). On SQLite each slice's
    rows are handed to a writing thread while the next slice is drafted and planned, so the
    database writes alongside the work that makes the rows (see bulk.Writer); elsewhere the
    cases come as one slice."""

    def __init__(self, session: Session, *, today: dt.date, now: dt.datetime,
                 check: Callable[[], None]) -> None:
        self.session = session
        self.today = today
        self.now = now
        self.check = check
        self.outcome = Outcome()
        self._next_child_id = 0  # on SQLite: the id the next new child is given
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
    def plan(self, combined: Combined, selection: Selection, *, complete: bool,
             protected_refs: set[str]) -> Plan:
        """What importing ``combined`` would do; nothing is written. Takes its cases."""
        plan = self._begin(combined.refs, protected_refs)
        for piece in combined.slices(None):
            new, _new_children = self._plan_slice(plan, piece)
            plan.added += len(new)
        self._finish(plan, selection, complete=complete, protected_refs=protected_refs)
        return plan

    def _begin(self, refs: list[str], protected_refs: set[str]) -> Plan:
        """What is on record: teams, staff, the file's children and their cases."""
        teams = self._teams()
        staff = self._staff()
        # Children with rejected rows are looked up too: their cases must not be closed.
        existing_children = self._children(sorted(set(refs) | protected_refs) if protected_refs else refs)
        self.check()
        existing_cases = self._cases([row[0] for row in existing_children.values()])
        self.check()
        return Plan(teams=teams, staff=staff, existing_children=existing_children,
                    existing_cases=existing_cases, hidden_children=set(self._hidden))

    def _plan_slice(self, plan: Plan, piece: Slice) -> tuple[list[CaseDraft], list[tuple[Any, ...]]]:
        """Each case of ``piece`` planned: the new ones, and the rows of the new children."""
        new_children, changed = self._child_changes(plan, piece.children)
        teams, staff, existing_children, existing_cases = (plan.teams, plan.staff, plan.existing_children,
                                                           plan.existing_cases)
        touched, kinds, team_keys = plan.touched, plan.kinds, plan.team_keys
        width = len(CASE_COLUMNS)
        new: list[CaseDraft] = []
        for draft in piece.cases:
            team_keys.add(draft.team_key)
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
                new.append(draft)
                continue
            values = (team_id, draft.kind, draft.start_date, draft.last_visit_date, draft.seen_alone,
                      draft.last_review_date, draft.key_dates, draft.details)  # as CASE_COLUMNS
            if existing[1] is not None or draft.child_ref in changed or values != existing[2:2 + width]:
                plan.updates.append((existing, values))
            else:
                plan.unchanged += 1
        return new, new_children

    def _finish(self, plan: Plan, selection: Selection, *, complete: bool, protected_refs: set[str],
                batch_id: int | None = None) -> None:
        """The closures of cases the file no longer lists, once every case is planned."""
        if complete:
            existing = plan.existing_children
            protected = {existing[r][0] for r in protected_refs if r in existing}
            plan.closes += self._absent(selection, plan, protected, batch_id)
        plan.chosen_workers = _chosen_workers(selection, plan.teams, plan.staff)
        self.check()

    # -- the import --------------------------------------------------------------------------
    def run(self, combined: Combined, selection: Selection, *, complete: bool,
            protected_refs: set[str], batch_info: BatchInfo,
            allow_closing_others: bool = True) -> tuple[int, Outcome]:
        """Import ``combined`` (taking its cases) into the caller's transaction. Closing other
        people's cases unconfirmed raises ClosuresNeedConfirmation once everything is planned,
        after the new rows are written: the caller's transaction then undoes them."""
        with roomy_cache(self.session):
            return self._run(combined, selection, complete=complete, protected_refs=protected_refs,
                             batch_info=batch_info, allow_closing_others=allow_closing_others)

    def _run(self, combined: Combined, selection: Selection, *, complete: bool,
             protected_refs: set[str], batch_info: BatchInfo,
             allow_closing_others: bool) -> tuple[int, Outcome]:
        session, outcome = self.session, self.outcome
        plan = self._begin(combined.refs, protected_refs)
        batch = ImportBatch(
            file_name=batch_info.file_name[:500], sha256=batch_info.sha256,
            imported_by_id=batch_info.actor_id, imported_at=batch_info.imported_at,
            worker_filter=batch_info.selection_worker, team_filter=batch_info.selection_team,
            rows_read=batch_info.rows_read, unallocated=batch_info.unallocated,
            rejected=len(batch_info.rejected),
        )
        session.add(batch)
        session.flush()
        batch_id = batch.id  # read before the writer may be using the connection
        on_sqlite = session.get_bind().dialect.name == "sqlite"
        if on_sqlite:
            # The import holds SQLite's one write lock (its batch is written), so nobody else
            # can number a child before this commits: new children's ids are given, not read back.
            self._next_child_id = (session.scalar(select(func.max(Child.id))) or 0) + 1
        with Writer(session) as writer:
            for piece in combined.slices(SLICE if on_sqlite else None):
                new, new_children = self._plan_slice(plan, piece)
                plan.added += len(new)
                self._create_teams(piece.cases, plan.teams, writer)
                self._create_staff(piece.cases, plan.teams, plan.staff, writer)
                child_ids = self._write_children(plan, piece, new_children, writer)
                self._write_new_cases(plan, new, child_ids, batch_id, writer)
            self.check()
        self._finish(plan, selection, complete=complete, protected_refs=protected_refs, batch_id=batch_id)
        if plan.closing_others() and not allow_closing_others:
            raise ClosuresNeedConfirmation(plan)
        self._write_changes(plan, batch_id, batch_info.rejected)
        outcome.added, outcome.updated, outcome.closed = plan.added, len(plan.updates), len(plan.closes)
        outcome.unchanged, outcome.already_ended = plan.unchanged, plan.already_ended
        outcome.kinds = plan.kinds
        outcome.teams_created.sort()
        outcome.workers_created.sort(key=lambda s: (s.team, s.name))
        batch.added, batch.updated = outcome.added, outcome.updated
        batch.unchanged, batch.closed = outcome.unchanged, outcome.closed
        session.flush()
        return batch.id, outcome

    def _write_new_cases(self, plan: Plan, new: list[CaseDraft], child_ids: dict[str, int],
                         batch_id: int, writer: Writer) -> None:
        """Insert a slice's new cases (on SQLite, by ``writer`` while the next slice is made)."""
        teams, staff, now = plan.teams, plan.staff, self.now
        # In the children's order (a stable sort: a child's cases keep the file's order), so each
        # index on the child's id is appended to rather than written all over (see _write_children).
        new.sort(key=lambda draft: child_ids[draft.child_ref])
        # Made as they are written (a generator), so the database writes each part while the
        # next is made.
        insert_rows(self.session, CASES, CASE_INSERT_COLUMNS, (
            (child_ids[draft.child_ref], staff[(teams[draft.team_key], draft.worker_key)],
             teams[draft.team_key], draft.kind, draft.start_date, draft.last_visit_date,
             draft.seen_alone, draft.last_review_date, draft.key_dates, draft.details)
            for draft in new), writer=writer, same={  # as CASE_INSERT_COLUMNS
                "end_date": None, "last_import_batch_id": batch_id, "added_by_batch_id": batch_id,
                "created_at": now, "updated_at": now})

    def _write_changes(self, plan: Plan, batch_id: int, rejected: list[RowProblem]) -> None:
        """Changed children and cases, closures, what undo needs, and the rejected rows."""
        session = self.session
        if plan.changed_children:
            session.execute(update(Child), list(plan.changed_children.values()))
        stamp = {"last_import_batch_id": batch_id, "updated_at": self.now}
        updates = [{"id": existing[0], "end_date": None, **stamp,
                    **dict(zip(CASE_COLUMNS, values, strict=True))} for existing, values in plan.updates]
        closes = [{"id": c.before[0], "end_date": c.end_date, **stamp} for c in plan.closes]
        # What was there before, for undo: one executemany, only for cases that change.
        befores = [(batch_id, existing[0], "updated", *existing[1:]) for existing, _values in plan.updates]
        befores += [(batch_id, c.before[0], "closed", *c.before[1:]) for c in plan.closes]
        self.check()
        if updates:
            session.execute(update(CaseAllocation), updates)
        if closes:
            session.execute(update(CaseAllocation), closes)
        insert_rows(session, CHANGES, CHANGE_COLUMNS, befores)
        insert_rows(session, REJECTED_ROWS, ("batch_id", "sheet", "row_number", "child_ref", "reason"), [
            (batch_id, (p.sheet or "")[:100] or None, p.row, (p.child_ref or "")[:100] or None, p.reason)
            for p in rejected
        ])

    def _create_teams(self, drafts: Iterable[CaseDraft], teams: dict[str, int], writer: Writer) -> None:
        new: dict[str, str] = {}
        for draft in drafts:
            if draft.team_key not in teams:
                new.setdefault(draft.team_key, draft.team)
        if not new:
            return
        writer.wait()  # the session's connection is the writer's until then
        rows = [{"name": name, "name_key": key, "created_at": self.now} for key, name in new.items()]
        result = self.session.execute(
            insert(Team).returning(Team.name_key, Team.id, sort_by_parameter_order=True), rows)
        teams.update({str(key): int(team_id) for key, team_id in result})
        self.outcome.teams_created += new.values()

    def _create_staff(self, drafts: Iterable[CaseDraft], teams: dict[str, int],
                      staff: dict[tuple[int | None, str], int], writer: Writer) -> None:
        new: dict[tuple[int, str], tuple[str, str]] = {}
        for draft in drafts:
            key = (teams[draft.team_key], draft.worker_key)
            if key not in staff:
                new.setdefault(key, (draft.worker, draft.team))
        if not new:
            return
        writer.wait()
        # Inactive until an admin adds and enrols them (workbench.staff_admin): nobody can
        # sign in as a person just because a spreadsheet named them.
        rows = [{"name": name, "name_key": worker_key, "role": Role.WORKER, "team_id": team_id,
                 "active": False, "created_at": self.now}
                for (team_id, worker_key), (name, _team) in new.items()]
        result = self.session.execute(
            insert(Staff).returning(Staff.team_id, Staff.name_key, Staff.id,
                                    sort_by_parameter_order=True), rows)
        staff.update({(team_id, key): staff_id for team_id, key, staff_id in result})
        self.outcome.workers_created += (CreatedStaff(name, team) for name, team in new.values())

    def _child_changes(self, plan: Plan, children: dict[str, dict[str, Any]]
                       ) -> tuple[list[tuple[Any, ...]], set[str]]:
        """The rows of the new children among ``children`` (in their order); the changed ones
        into the plan (a blank in the file never blanks a fact), and their refs."""
        existing, hidden = plan.existing_children, plan.hidden_children
        new: list[tuple[Any, ...]] = []
        changed: set[str] = set()
        for ref, fields in children.items():
            if ref in hidden:
                continue  # another team's child: their facts are that team's to keep
            row = existing.get(ref)
            if row is None:
                new.append((ref, *map(fields.get, CHILD_COLUMNS)))
                continue
            old = dict(zip(CHILD_COLUMNS, row[1:], strict=True))
            merged = {c: fields.get(c, old[c]) for c in CHILD_COLUMNS}
            if merged != old:
                plan.changed_children[ref] = {"id": row[0], **merged}
                changed.add(ref)
        return new, changed

    def _write_children(self, plan: Plan, piece: Slice, new_children: list[tuple[Any, ...]],
                        writer: Writer) -> dict[str, int]:
        """Insert the new children: the id of each child of ``piece``. On SQLite the rows may
        still be being written by ``writer`` on return."""
        existing = plan.existing_children
        ids = {ref: existing[ref][0] for ref in piece.children if ref in existing}
        if not new_children:
            return ids
        # In the order of their refs, so that the unique index on the ref is written a run of
        # pages at a time rather than all over.
        new_children.sort(key=itemgetter(0))
        refs = [row[0] for row in new_children]
        columns = ("la_child_id", *CHILD_COLUMNS)
        created = {"created_at": self.now}
        if self.session.get_bind().dialect.name == "sqlite":
            numbered = range(self._next_child_id, self._next_child_id + len(refs))
            self._next_child_id += len(refs)
            insert_rows(self.session, CHILDREN, ("id", *columns),
                        [(child_id, *row) for child_id, row in zip(numbered, new_children, strict=True)],
                        writer=writer, same=created)
            ids.update(zip(refs, numbered, strict=True))
            return ids
        on_server = self._team_server()
        first_new = 0 if on_server else (self.session.scalar(select(func.max(Child.id))) or 0) + 1
        # A plain executemany, then one read-back: RETURNING costs a round trip per row.
        insert_rows(self.session, CHILDREN, columns, new_children, same=created)
        # On a team server no allocation makes the new children visible yet.
        ids.update(self._ids_on_server(refs) if on_server else self._new_ids(first_new, refs))
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

    def _absent(self, selection: Selection, plan: Plan, protected_children: set[int],
                batch_id: int | None) -> list[Closing]:
        """Open cases in the selection that the file no longer lists: closed today. Cases this
        import added (``batch_id``'s, already written) are listed, so never among them."""
        teams, staff = plan.teams, plan.staff
        query = select(CaseAllocation.child_id, CaseAllocation.worker_id,
                       *_case_columns()).where(CaseAllocation.end_date.is_(None))
        if batch_id is not None:
            query = query.where(or_(CaseAllocation.added_by_batch_id.is_(None),
                                    CaseAllocation.added_by_batch_id != batch_id))
        if selection.worker_key is not None:
            worker_ids = [sid for (team_id, key), sid in staff.items() if key == selection.worker_key
                          and (selection.team_key is None or team_id == teams.get(selection.team_key))]
            query = query.where(CaseAllocation.worker_id.in_(worker_ids))
        elif selection.team_key is not None:
            query = query.where(CaseAllocation.team_id == teams.get(selection.team_key, -1))
        else:
            team_ids = {teams.get(key) for key in plan.team_keys}
            query = query.where(CaseAllocation.team_id.in_(sorted(t for t in team_ids if t is not None)))
        touched = plan.touched
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
