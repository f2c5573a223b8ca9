"""The import history, and undoing an import: what it closed reopened, what it changed put
back as it was, what it added removed if nothing has happened to it since.

An import keeps, in ``import_change``, each case it updated or closed as it was before; the
cases it added carry its id in ``added_by_batch_id``. Undoing is refused when a later import
changed the same cases (undo that one first, newest first), and an import is undone once.
Everything happens in one transaction with its audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, aliased

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    ImportBatch,
    ImportChange,
    Reflection,
    ScalingScore,
    Staff,
    Team,
    Worry,
)
from workbench.access import AccessDenied, Actor, actor_id, require_importer
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.importing.errors import ImportFailed
from workbench.importing.reconcile import CASE_COLUMNS
from workbench.messages import Joined, translatable

CHUNK = 5000
RESTORED = ("end_date", *CASE_COLUMNS, "last_import_batch_id", "updated_at")
# Records that make an added case more than an import's: it is kept when undoing.
SUPERVISION_RECORDS = (CaseDiscussion, Action, Reflection, Worry, ScalingScore)


@dataclass(frozen=True)
class ImportSummary:
    """One import in the history."""

    batch_id: int
    file_name: str
    imported_at: dt.datetime
    imported_by: str | None
    worker_filter: str | None
    team_filter: str | None
    added: int
    updated: int
    closed: int
    undone_at: dt.datetime | None
    undone_by: str | None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


@dataclass
class UndoReport:
    batch_id: int
    file_name: str
    reopened: int = 0  # cases the import closed, open again
    restored: int = 0  # cases the import changed, as they were
    removed: int = 0  # cases the import added, removed
    closed: int = 0  # cases the import added that later history refers to: closed, not removed
    kept: list[str] = field(default_factory=list)  # child ids of added cases with supervision records

    def format_text(self) -> str:
        """What was undone, in English (Messages the dialog shows translated)."""
        counts = (translatable("workbench.importing", "%1 reopened, %2 restored, %3 removed, %4 closed")
                  if self.closed
                  else translatable("workbench.importing", "%1 reopened, %2 restored, %3 removed"))
        done = counts.arg(self.reopened, self.restored, self.removed, self.closed)
        lines: list[str] = [translatable("workbench.importing", "Import %1 (%2) undone: %3")
                            .arg(self.batch_id, self.file_name, done)]
        if self.kept:
            lines.append(translatable("workbench.importing", "Kept open, with supervision records since the "
                                                             "import: %1").arg(Joined(", ", self.kept)))
        return Joined("\n", lines)


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def list_imports(db: DbFactory, *, actor: Actor | None, limit: int = 200) -> list[ImportSummary]:
    """The newest imports first: every import for an admin (or the system), a manager's own
    and their team's. Workers and practice leads are refused, as for importing."""
    require_importer(actor, actor.team_id if actor is not None else None)
    importer, undoer = aliased(Staff), aliased(Staff)
    query = (select(ImportBatch, importer.name, undoer.name)
             .outerjoin(importer, ImportBatch.imported_by_id == importer.id)
             .outerjoin(undoer, ImportBatch.undone_by_id == undoer.id)
             .order_by(ImportBatch.id.desc()).limit(limit))
    with db() as session:
        if actor is not None and actor.role is Role.TEAM_MANAGER:
            # Their team's imports: made by someone of their team (only its managers import
            # into it) or into it by name (an admin's).
            team_name = session.scalar(select(Team.name).where(Team.id == actor.team_id))
            query = query.where(or_(ImportBatch.imported_by_id == actor.staff_id,
                                    importer.team_id == actor.team_id,
                                    ImportBatch.team_filter == team_name))
        return [ImportSummary(
            batch_id=batch.id, file_name=batch.file_name, imported_at=batch.imported_at,
            imported_by=by, worker_filter=batch.worker_filter, team_filter=batch.team_filter,
            added=batch.added, updated=batch.updated, closed=batch.closed,
            undone_at=batch.undone_at, undone_by=undone_by,
        ) for batch, by, undone_by in session.execute(query)]


def undo_import(db: DbFactory, batch_id: int, *, actor: Actor | None,
                audit: AuditTrail, clock: Clock) -> UndoReport:
    """Undo import ``batch_id``; :class:`ImportFailed` (nothing changed) when it cannot be."""
    if actor is not None:
        require_importer(actor, actor.team_id if actor.role is Role.TEAM_MANAGER else None)
    now = clock()
    with transaction(db) as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise ImportFailed(translatable(
                    "workbench.importing", "There is no import %1; nothing was changed. Choose an import "
                                           "from the history.").arg(batch_id), code="unknown_import")
        if batch.undone_at is not None:
            by = session.scalar(select(Staff.name).where(Staff.id == batch.undone_by_id))
            raise ImportFailed(
                (translatable("workbench.importing", "Import %1 (%2) was already undone on %3 by %4; an "
                                                     "import is undone only once. Nothing was changed. To "
                                                     "bring its cases back, import the file again.")
                 if by else
                 translatable("workbench.importing", "Import %1 (%2) was already undone on %3; an import is "
                                                     "undone only once. Nothing was changed. To bring its "
                                                     "cases back, import the file again."))
                .arg(batch_id, batch.file_name, format(batch.undone_at, "%d/%m/%Y at %H:%M"),
                     by),
                code="already_undone")
        changes = list(session.scalars(select(ImportChange).where(ImportChange.batch_id == batch_id)
                                       .order_by(ImportChange.id)))
        added = _current(session, select(CaseAllocation.id).where(
            CaseAllocation.added_by_batch_id == batch_id))
        current = _current(session, [change.case_id for change in changes])
        _check_team(actor, {change.team_id for change in changes}
                    | {row[2] for row in current.values()} | {row[2] for row in added.values()})
        _refuse_later_changes(session, batch, {**current, **added})

        report = UndoReport(batch_id=batch_id, file_name=batch.file_name)
        restores = []
        for change in changes:
            restores.append({"id": change.case_id, **{name: getattr(change, name) for name in RESTORED}})
            if change.change == "closed":
                report.reopened += 1
            else:
                report.restored += 1
        if restores:
            session.execute(update(CaseAllocation), restores)
        _undo_additions(session, sorted(added), report, today=now.date())
        batch.undone_at = now
        batch.undone_by_id = actor_id(actor)
        audit.record(session, actor_id=actor_id(actor), action="undo_import",
                     entity_type="import_batch", entity_id=batch_id, details={
                         "file_name": batch.file_name, "reopened": report.reopened,
                         "restored": report.restored, "removed": report.removed,
                         "closed": report.closed, "kept": len(report.kept)})
        session.flush()
        return report


def _current(session: Session, which: Any) -> dict[int, tuple[Any, ...]]:
    """Case id -> (last import, updated at, team) of the cases ``which`` names: a list of
    ids, or a SELECT of ids."""
    columns = (CaseAllocation.id, CaseAllocation.last_import_batch_id, CaseAllocation.updated_at,
               CaseAllocation.team_id)
    if not isinstance(which, list):
        return {row[0]: tuple(row[1:]) for row in session.execute(
            select(*columns).where(CaseAllocation.id.in_(which)))}
    found: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(sorted(set(which))):
        for row in session.execute(select(*columns).where(CaseAllocation.id.in_(chunk))):
            found[row[0]] = tuple(row[1:])
    return found


def _check_team(actor: Actor | None, team_ids: set[int]) -> None:
    if actor is None or actor.role is not Role.TEAM_MANAGER:
        return
    for team_id in team_ids:
        if team_id != actor.team_id:
            raise AccessDenied(translatable(
                    "workbench.importing", "This import changed cases of another team, so only an admin (or "
                                           "that team's manager) can undo it. Nothing was changed."))


def _refuse_later_changes(session: Session, batch: ImportBatch,
                          cases: dict[int, tuple[Any, ...]]) -> None:
    later = sorted({last for last, _at, _team in cases.values() if last != batch.id and last is not None})
    touched = [case_id for case_id, (last, at, _team) in cases.items()
               if last == batch.id and at != batch.imported_at]
    if later:
        rows = session.execute(select(ImportBatch.id, ImportBatch.file_name)
                               .where(ImportBatch.id.in_(later)).order_by(ImportBatch.id.desc()))
        named = Joined(", ", [translatable("workbench.importing", "import %1 (%2)").arg(bid, name)
                              for bid, name in rows])
        count = sum(1 for last, _at, _team in cases.values() if last in later)
        raise ImportFailed(
            translatable("workbench.importing", "Import %1 cannot be undone yet: %2 of its cases were "
                                                "changed again by a later import (%3). Undo the later import "
                                                "first (newest first), then this one. Nothing was changed.")
            .arg(batch.id, count, named), code="changed_by_later_import")
    if touched:
        raise ImportFailed(
            translatable("workbench.importing", "Import %1 cannot be undone: %2 of its cases were changed in "
                                                "the workbench since. Nothing was changed; correct those "
                                                "cases by importing a new export.")
            .arg(batch.id, len(touched)),
            code="changed_since")


def _undo_additions(session: Session, case_ids: list[int], report: UndoReport,
                    today: dt.date) -> None:
    """Remove the cases the import added; close those later history refers to; keep those
    with supervision records (they are more than the import's now)."""
    if not case_ids:
        return
    with_records: set[int] = set()
    referred: set[int] = set()
    for chunk in _chunks(case_ids):
        for model in SUPERVISION_RECORDS:
            column = model.case_id
            with_records.update(session.scalars(select(column).where(column.in_(chunk)).distinct()))
        # Before-values kept by a later import that has itself been undone restore nothing
        # any more; those of a later import still in force keep the case (closed, not removed).
        referred.update(session.scalars(
            select(ImportChange.case_id).join(ImportBatch, ImportChange.batch_id == ImportBatch.id)
            .where(ImportChange.case_id.in_(chunk), ImportBatch.undone_at.is_(None)).distinct()))
    if with_records:
        report.kept = sorted(session.scalars(
            select(Child.la_child_id).join(CaseAllocation, CaseAllocation.child_id == Child.id)
            .where(CaseAllocation.id.in_(sorted(with_records)))))
    to_close = sorted(referred - with_records)
    to_remove = [case_id for case_id in case_ids if case_id not in with_records and case_id not in referred]
    if to_close:
        session.execute(update(CaseAllocation).where(CaseAllocation.id.in_(to_close))
                        .values(end_date=today))
        report.closed = len(to_close)
    for chunk in _chunks(to_remove):
        session.execute(delete(ImportChange).where(ImportChange.case_id.in_(chunk)))
        session.execute(delete(CaseAllocation).where(CaseAllocation.id.in_(chunk)))
    report.removed = len(to_remove)
