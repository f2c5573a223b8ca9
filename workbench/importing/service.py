"""The caseload import service, used by the command line and the import dialog."""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Team
from workbench.access import Actor, require_importer
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.importing.errors import ImportFailed
from workbench.importing.prepare import Prepared, ProgressCallback, Tracker, prepare
from workbench.importing.preview import ImportPreview, describe_closures
from workbench.importing.reading import MAX_FILE_BYTES
from workbench.importing.reconcile import BatchInfo, ClosuresNeedConfirmation, Plan, Reconciler
from workbench.importing.report import ImportReport
from workbench.messages import translatable
from workbench.names import fold_name


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The import builds a few hundred thousand small objects and no reference cycles; the
    cyclic collector would walk them all again and again, doubling the time it takes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _authorise(db: DbFactory, actor: Actor | None, team: str | None) -> str | None:
    """Refuse an import ``actor`` may not make; the team to import into (a manager's own team
    when they named none, so a whole-authority file brings in their team's rows only)."""
    if actor is None:
        return team
    if actor.role is Role.TEAM_MANAGER:
        with db() as session:
            own = session.get(Team, actor.team_id) if actor.team_id is not None else None
            if not (team or "").strip():
                require_importer(actor, own.id if own else None)
                return own.name if own else team
            wanted = session.scalar(select(Team.id).where(Team.name_key == fold_name(team or "")))
        require_importer(actor, wanted)
        return team
    require_importer(actor, None)
    return team


def _actor_id(actor: Actor | None, actor_id: int | None) -> int | None:
    return actor.staff_id if actor is not None else actor_id


def plan_import(
    db: DbFactory,
    path: Path,
    *,
    worker: str | None = None,
    team: str | None = None,
    complete: bool = True,
    actor: Actor | None = None,
    clock: Clock,
    progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    separate_process: bool = False,
) -> ImportPreview:
    """What importing ``path`` would do, worked out without writing anything: how many cases
    would be added, updated and closed, and each closure (child, worker, team), so that the
    person can see it before anything changes. Refuses as :func:`import_caseload` does."""
    team = _authorise(db, actor, team)
    tracker = Tracker(progress, is_cancelled)
    with _collector_paused():
        prepared = _prepare_somewhere(Path(path), worker=worker, team=team, tracker=tracker,
                                      max_bytes=max_bytes, today=clock().date(),
                                      separate_process=separate_process)
        now = clock()
        with db() as session:  # read only: closed without a commit
            reconciler = Reconciler(session, today=now.date(), now=now, check=tracker.check)
            plan = reconciler.plan(prepared.combined, prepared.selection, complete=complete,
                                   protected_refs=prepared.protected)
            closures = describe_closures(session, plan)
    tracker.finish()
    preview = ImportPreview(
        file_name=prepared.source.file_name, sha256=prepared.source.sha256,
        rows_read=prepared.parsed.rows_read, added=plan.added, updated=len(plan.updates),
        unchanged=plan.unchanged, closures=closures, rejected=prepared.parsed.rejected,
        unallocated=prepared.parsed.unallocated, warnings=prepared.warnings,
        worker_filter=prepared.selection_worker, team_filter=prepared.selection.team_name,
        complete=complete, chosen_worker=prepared.selection_worker,
    )
    return preview


def import_caseload(
    db: DbFactory,
    path: Path,
    *,
    worker: str | None = None,
    team: str | None = None,
    complete: bool = True,
    actor_id: int | None = None,
    actor: Actor | None = None,
    confirm_closures: bool = False,
    expected_sha256: str | None = None,
    audit: AuditTrail,
    clock: Clock,
    progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    separate_process: bool = False,
) -> ImportReport:
    """Import a caseload export (CSV, Excel, or the Ofsted Annex A workbook).

    Rows are selected by allocated worker and/or team (names compared folded). New cases
    are added, changed ones updated; with ``complete`` (the file lists every case of the
    selection; without a selection, of every team in the file) open cases the file no
    longer lists are closed, never deleted. Closing a case of anyone but the chosen worker
    (of anyone at all, without a chosen worker) is refused unless ``confirm_closures``: see
    :func:`plan_import` for what would close. ``actor`` must be a team manager importing into
    their own team, or an admin (None: the system). ``expected_sha256`` (the preview's) makes
    the import refuse a file that changed since the preview. Everything happens in one
    transaction with the import batch, the before-values undo needs and the audit event: on
    :class:`ImportFailed` or any other exception the database is exactly as it was.
    ``separate_process`` reads a large file in a process of its own (the app does this, so
    that its UI thread never waits on the reading: see :mod:`workbench.importing.worker`).
    """
    team = _authorise(db, actor, team)
    with _collector_paused():
        return _import(db, Path(path), worker=worker, team=team, complete=complete,
                       actor_id=_actor_id(actor, actor_id), audit=audit, clock=clock,
                       tracker=Tracker(progress, is_cancelled), max_bytes=max_bytes,
                       confirm_closures=confirm_closures, expected_sha256=expected_sha256,
                       separate_process=separate_process)


def _prepare_somewhere(path: Path, *, worker: str | None, team: str | None, tracker: Tracker,
                      max_bytes: int, today: dt.date, separate_process: bool) -> Prepared:
    """:func:`_prepare` here, or in a process of its own for a large file."""
    from workbench.importing import worker as elsewhere

    if not separate_process or not elsewhere.worth_a_process(path):
        return prepare(path, worker=worker, team=team, tracker=tracker, max_bytes=max_bytes,
                       today=today)
    tracker.check()
    return elsewhere.prepare_elsewhere(path, worker=worker, team=team, max_bytes=max_bytes,
                                       today=today, progress=tracker.sync,
                                       is_cancelled=lambda: _is_cancelled(tracker))


def _is_cancelled(tracker: Tracker) -> bool:
    try:
        tracker.check()
    except ImportFailed:
        return True
    return False


def _import(db: DbFactory, path: Path, *, worker: str | None, team: str | None,
            complete: bool, actor_id: int | None, audit: AuditTrail, clock: Clock,
            tracker: Tracker, max_bytes: int, confirm_closures: bool,
            expected_sha256: str | None, separate_process: bool) -> ImportReport:
    now = clock()
    prepared = _prepare_somewhere(path, worker=worker, team=team, tracker=tracker,
                                  max_bytes=max_bytes, today=now.date(),
                                  separate_process=separate_process)
    source, selection, parsed = prepared.source, prepared.selection, prepared.parsed
    if expected_sha256 is not None and source.sha256 != expected_sha256:
        raise ImportFailed(
            translatable("workbench.importing", "%1 has changed since it was previewed; nothing was changed. "
                                                "Preview it again, then import.")
            .arg(source.file_name), code="changed_since_preview")
    batch_info = BatchInfo(
        file_name=source.file_name, sha256=source.sha256, actor_id=actor_id, imported_at=now,
        selection_worker=prepared.selection_worker,
        selection_team=selection.team_name[:200] if selection.team_name else None,
        rows_read=parsed.rows_read,
        unallocated=len(parsed.unallocated), rejected=parsed.rejected,
    )
    try:
        with transaction(db) as session:
            reconciler = Reconciler(session, today=now.date(), now=now, check=tracker.step)
            try:
                batch_id, outcome = reconciler.run(
                    prepared.combined, selection, complete=complete, protected_refs=prepared.protected,
                    batch_info=batch_info, allow_closing_others=confirm_closures)
            except ClosuresNeedConfirmation as unconfirmed:
                raise _unconfirmed(session, unconfirmed.plan, source.file_name) from None
            audit.record(session, actor_id=actor_id, action="import", entity_type="import_batch",
                         entity_id=batch_id, details={
                             "file_name": source.file_name, "sha256": source.sha256,
                             "worker": batch_info.selection_worker, "team": batch_info.selection_team,
                             "complete": complete, "rows_read": parsed.rows_read,
                             "added": outcome.added, "updated": outcome.updated,
                             "unchanged": outcome.unchanged, "closed": outcome.closed,
                             "closures_confirmed": confirm_closures,
                             "rejected": len(parsed.rejected), "unallocated": len(parsed.unallocated),
                         })
            tracker.check()
    except OperationalError as error:
        raise ImportFailed(
            translatable("workbench.importing", "The database could not be written (%1); nothing was "
                                                "changed. Check that the database is reachable and not in "
                                                "use, then import again.")
            .arg(error.orig), code="database") from error
    tracker.finish()
    report = ImportReport(
        batch_id=batch_id, file_name=source.file_name, sha256=source.sha256,
        rows_read=parsed.rows_read, added=outcome.added, updated=outcome.updated,
        unchanged=outcome.unchanged, closed=outcome.closed, rejected=parsed.rejected,
        unallocated=parsed.unallocated, warnings=prepared.warnings,
        kinds=outcome.kinds, outside_selection=parsed.outside_selection,
        workers_created=outcome.workers_created, teams_created=outcome.teams_created,
        worker_filter=batch_info.selection_worker, team_filter=batch_info.selection_team,
        complete=complete, already_ended=outcome.already_ended,
    )
    return report


def _unconfirmed(session: Session, plan: Plan, file_name: str) -> ImportFailed:
    others = [c for c in describe_closures(session, plan) if c.other]
    by_worker = Counter(f"{c.worker} ({c.team})" for c in others)
    named = ", ".join(f"{name}: {n}" for name, n in sorted(by_worker.items())[:8])
    if len(by_worker) > 8:
        named = translatable("workbench.importing", "%1 and %2 more").arg(named, len(by_worker) - 8)
    return ImportFailed(
        translatable("workbench.importing", "Importing %1 would close open cases of people other than the "
                                            "chosen worker (%2 in all; %3). Nothing was changed. Look at the "
                                            "preview and confirm these closures (on the command line: "
                                            "--confirm-closures), or choose the worker, or import it as a "
                                            "partial export, which closes nothing.")
        .arg(file_name, len(others), named), code="closures_unconfirmed")
