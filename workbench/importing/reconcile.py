"""Reconciling the file's cases with the database, in bulk, inside the caller's transaction.

Existing teams, staff, children and cases are read into dictionaries with a handful of
queries; new rows go in with one multi-row INSERT per table and changed rows with one
executemany UPDATE, so the cost grows with the file, not with round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, ImportBatch, ImportRejectedRow, Staff, Team
from workbench.importing.bulk import insert_rows
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
                       "created_at", "updated_at")
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


class Reconciler:
    """One import's writes. ``check`` is called between steps (it raises to cancel)."""

    def __init__(self, session: Session, *, today: dt.date, now: dt.datetime,
                 check: Callable[[], None]) -> None:
        self.session = session
        self.today = today
        self.now = now
        self.check = check
        self.outcome = Outcome()

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
            return found
        for chunk in _chunks(refs):
            for row in self.session.execute(select(*columns).where(Child.la_child_id.in_(chunk))):
                found[row[0]] = tuple(row[1:])
        return found

    def _cases(self, child_ids: Sequence[int]) -> dict[tuple[int, int], tuple[Any, ...]]:
        columns = (CaseAllocation.child_id, CaseAllocation.worker_id, CaseAllocation.id,
                   CaseAllocation.end_date, *(getattr(CaseAllocation, c) for c in CASE_COLUMNS))
        found: dict[tuple[int, int], tuple[Any, ...]] = {}
        for chunk in _chunks(child_ids):
            for row in self.session.execute(select(*columns).where(CaseAllocation.child_id.in_(chunk))):
                found[(row[0], row[1])] = tuple(row[2:])
        return found

    # -- the import --------------------------------------------------------------------------
    def run(self, drafts: list[CaseDraft], children: dict[str, dict[str, Any]],
            selection: Selection, *, complete: bool, protected_refs: set[str],
            batch_info: BatchInfo) -> tuple[int, Outcome]:
        session, outcome = self.session, self.outcome
        teams = self._teams()
        staff = self._staff()
        # Children with rejected rows are looked up too: their cases must not be closed.
        existing_children = self._children(sorted(set(children) | protected_refs))
        self.check()
        existing_cases = self._cases([row[0] for row in existing_children.values()])
        self.check()

        batch = ImportBatch(
            file_name=batch_info.file_name[:500], sha256=batch_info.sha256,
            imported_by_id=batch_info.actor_id, imported_at=batch_info.imported_at,
            worker_filter=batch_info.selection_worker, team_filter=batch_info.selection_team,
            rows_read=batch_info.rows_read, unallocated=batch_info.unallocated,
            rejected=len(batch_info.rejected),
        )
        session.add(batch)
        session.flush()

        self._create_teams(drafts, teams)
        self._create_staff(drafts, teams, staff)
        child_ids, changed_children = self._write_children(children, existing_children)
        self.check()

        touched: set[int] = set()
        inserts: list[tuple[Any, ...]] = []
        updates: list[dict[str, Any]] = []
        closes: list[dict[str, Any]] = []
        stamp = {"last_import_batch_id": batch.id, "updated_at": self.now}
        kinds = outcome.kinds
        for draft in drafts:
            child_id = child_ids[draft.child_ref]
            team_id = teams[draft.team_key]
            worker_id = staff[(team_id, draft.worker_key)]
            existing = existing_cases.get((child_id, worker_id))
            if existing is not None:
                touched.add(existing[0])
            if draft.ended:
                if existing is not None and existing[1] is None:
                    closes.append({"id": existing[0], "end_date": draft.end_date or self.today, **stamp})
                else:
                    outcome.already_ended += 1
                continue
            kinds[draft.kind] = kinds.get(draft.kind, 0) + 1
            values = (team_id, draft.kind, draft.start_date, draft.last_visit_date, draft.seen_alone,
                      draft.last_review_date, draft.key_dates, draft.details)  # as CASE_COLUMNS
            if existing is None:
                inserts.append((child_id, worker_id, None, *values, batch.id, self.now, self.now))
            elif existing[1] is not None or draft.child_ref in changed_children or values != existing[2:]:
                updates.append({"id": existing[0], "end_date": None, **stamp,
                                **dict(zip(CASE_COLUMNS, values, strict=True))})
            else:
                outcome.unchanged += 1
        if complete:
            protected = {existing_children[r][0] for r in protected_refs if r in existing_children}
            closes += [{**close, **stamp} for close in
                       self._absent(selection, drafts, teams, staff, touched, protected)]
        self.check()

        insert_rows(session, CASES, CASE_INSERT_COLUMNS, inserts)
        if updates:
            session.execute(update(CaseAllocation), updates)
        if closes:
            session.execute(update(CaseAllocation), closes)
        insert_rows(session, REJECTED_ROWS, ("batch_id", "sheet", "row_number", "child_ref", "reason"), [
            (batch.id, (p.sheet or "")[:100] or None, p.row, (p.child_ref or "")[:100] or None, p.reason)
            for p in batch_info.rejected
        ])
        outcome.added, outcome.updated, outcome.closed = len(inserts), len(updates), len(closes)
        batch.added, batch.updated = outcome.added, outcome.updated
        batch.unchanged, batch.closed = outcome.unchanged, outcome.closed
        session.flush()
        return batch.id, outcome

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

    def _write_children(self, children: dict[str, dict[str, Any]],
                        existing: dict[str, tuple[Any, ...]]) -> tuple[dict[str, int], set[str]]:
        """Insert new children, update changed ones (a blank in the file never blanks a fact):
        their ids by child ref, and the refs of the children that changed."""
        ids = {ref: row[0] for ref, row in existing.items()}
        first_new = (self.session.scalar(select(func.max(Child.id))) or 0) + 1
        new_rows: list[tuple[Any, ...]] = []
        changed = []
        changed_refs: set[str] = set()
        for ref, fields in children.items():
            row = existing.get(ref)
            if row is None:
                new_rows.append((ref, self.now, *map(fields.get, CHILD_COLUMNS)))
                continue
            old = dict(zip(CHILD_COLUMNS, row[1:], strict=True))
            merged = {c: fields.get(c, old[c]) for c in CHILD_COLUMNS}
            if merged != old:
                changed.append({"id": row[0], **merged})
                changed_refs.add(ref)
        if new_rows:
            # A plain executemany, then one read-back: RETURNING with row order kept costs
            # a statement per row on SQLite.
            insert_rows(self.session, CHILDREN, ("la_child_id", "created_at", *CHILD_COLUMNS), new_rows)
            ids.update(self._new_ids(first_new, [row[0] for row in new_rows]))
        if changed:
            self.session.execute(update(Child), changed)
        return ids, changed_refs

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
                protected_children: set[int]) -> list[dict[str, Any]]:
        """Open cases in the selection that the file no longer lists: closed today."""
        query = select(CaseAllocation.id, CaseAllocation.child_id).where(
            CaseAllocation.end_date.is_(None))
        if selection.worker_key is not None:
            worker_ids = [sid for (team_id, key), sid in staff.items() if key == selection.worker_key
                          and (selection.team_key is None or team_id == teams.get(selection.team_key))]
            query = query.where(CaseAllocation.worker_id.in_(worker_ids))
        elif selection.team_key is not None:
            query = query.where(CaseAllocation.team_id == teams.get(selection.team_key, -1))
        else:
            query = query.where(CaseAllocation.team_id.in_(sorted({teams[d.team_key] for d in drafts})))
        return [
            {"id": case_id, "end_date": self.today}
            for case_id, child_id in self.session.execute(query)
            if case_id not in touched and child_id not in protected_children
        ]
