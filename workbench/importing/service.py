"""The caseload import service, used by the command line and the import dialog."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import OperationalError

from db.engine import SessionFactory, transaction
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.importing.cases import combine
from workbench.importing.errors import ImportFailed
from workbench.importing.reading import MAX_FILE_BYTES, open_source
from workbench.importing.reconcile import BatchInfo, Reconciler
from workbench.importing.report import ImportReport
from workbench.importing.rows import Selection
from workbench.importing.sheets import Parsed, read_sheets

ProgressCallback = Callable[[int, int], None]
MAX_CONFLICTS_SHOWN = 5


class _Tracker:
    """Progress in rows: reading the rows is the first half of the work, writing the second."""

    def __init__(self, progress: ProgressCallback | None,
                 is_cancelled: Callable[[], bool] | None) -> None:
        self._progress = progress
        self._is_cancelled = is_cancelled
        self.done = 0
        self.total = 0

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ImportFailed("The import was cancelled; nothing was changed.", code="cancelled")

    def set_total(self, rows: int) -> None:
        self.total = 2 * max(rows, 1)
        self._report()

    def advance(self, amount: int) -> None:
        self.done = min(self.done + amount, self.total - 1)
        self._report()
        self.check()

    def step(self) -> None:
        """One of the five steps of writing: together they are the second half of the work."""
        self.advance(self.total // 10)

    def finish(self) -> None:
        self.done = self.total
        self._report()

    def _report(self) -> None:
        if self._progress is not None:
            self._progress(self.done, self.total)


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


def _check_selection(parsed: Parsed, selection: Selection, worker: str | None,
                     team: str | None, file_name: str) -> None:
    if selection.worker_key is None and selection.team_key is None:
        return
    matched = len(parsed.records) + len(parsed.rejected)
    if selection.worker_key is None:
        matched += len(parsed.unallocated)
    if matched:
        return
    wanted = " in ".join(f"'{name}'" for name in (worker, team) if name)
    seen = sorted(parsed.other_workers if selection.worker_key else parsed.other_teams)
    hint = f" The file has rows for: {', '.join(seen[:10])}." if seen else ""
    raise ImportFailed(
        f"Nothing in {file_name} is allocated to {wanted}.{hint} Check the spelling of the "
        "selection; nothing was changed.", code="no_match")


def import_caseload(
    sessions: SessionFactory,
    path: Path,
    *,
    worker: str | None = None,
    team: str | None = None,
    complete: bool = True,
    actor_id: int | None = None,
    audit: AuditTrail,
    clock: Clock,
    progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> ImportReport:
    """Import a caseload export (CSV, Excel, or the Ofsted Annex A workbook).

    Rows are selected by allocated worker and/or team (names compared folded). New cases
    are added, changed ones updated; with ``complete`` (the file lists every case of the
    selection; without a selection, of every team in the file) open cases the file no
    longer lists are closed, never deleted. Everything happens in one transaction with the
    import batch and its audit event: on :class:`ImportFailed` or any other exception the
    database is exactly as it was.
    """
    with _collector_paused():
        return _import(sessions, Path(path), worker=worker, team=team, complete=complete,
                       actor_id=actor_id, audit=audit, clock=clock,
                       tracker=_Tracker(progress, is_cancelled), max_bytes=max_bytes)


def _import(sessions: SessionFactory, path: Path, *, worker: str | None, team: str | None,
            complete: bool, actor_id: int | None, audit: AuditTrail, clock: Clock,
            tracker: _Tracker, max_bytes: int) -> ImportReport:
    selection = Selection.of(worker, team)
    tracker.check()
    source = open_source(path, max_bytes=max_bytes)
    tracker.check()
    parsed = read_sheets(source, selection, on_total=tracker.set_total, tick=tracker.advance)
    _check_selection(parsed, selection, worker, team, source.file_name)
    combined = combine(parsed.records)
    if combined.conflicts:
        conflicts = combined.conflicts
        shown = "; ".join(c.describe() for c in conflicts[:MAX_CONFLICTS_SHOWN])
        more = (f" and {len(conflicts) - MAX_CONFLICTS_SHOWN} more"
                if len(conflicts) > MAX_CONFLICTS_SHOWN else "")
        raise ImportFailed(
            f"{source.file_name} lists the same child more than once in one list, with different "
            f"details: {shown}{more}. Which row is right cannot be known: correct the export so "
            "each child appears once per list, then import again. Nothing was changed.",
            code="conflicting_duplicates")
    tracker.step()
    now = clock()
    batch_info = BatchInfo(
        file_name=source.file_name, sha256=source.sha256, actor_id=actor_id, imported_at=now,
        selection_worker=" ".join(worker.split())[:200] if selection.worker_key and worker else None,
        selection_team=selection.team_name[:200] if selection.team_name else None,
        rows_read=parsed.rows_read,
        unallocated=len(parsed.unallocated), rejected=parsed.rejected,
    )
    protected = {p.child_ref for p in parsed.rejected if p.child_ref}
    try:
        with transaction(sessions) as session:
            reconciler = Reconciler(session, today=now.date(), now=now, check=tracker.step)
            batch_id, outcome = reconciler.run(
                combined.cases, combined.children, selection, complete=complete,
                protected_refs=protected, batch_info=batch_info)
            audit.record(session, actor_id=actor_id, action="import", entity_type="import_batch",
                         entity_id=batch_id, details={
                             "file_name": source.file_name, "sha256": source.sha256,
                             "worker": batch_info.selection_worker, "team": batch_info.selection_team,
                             "complete": complete, "rows_read": parsed.rows_read,
                             "added": outcome.added, "updated": outcome.updated,
                             "unchanged": outcome.unchanged, "closed": outcome.closed,
                             "rejected": len(parsed.rejected), "unallocated": len(parsed.unallocated),
                         })
            tracker.check()
    except OperationalError as error:
        raise ImportFailed(
            f"The database could not be written ({error.orig}); nothing was changed. Check that "
            "the database is reachable and not in use, then import again.", code="database") from error
    tracker.finish()
    return ImportReport(
        batch_id=batch_id, file_name=source.file_name, sha256=source.sha256,
        rows_read=parsed.rows_read, added=outcome.added, updated=outcome.updated,
        unchanged=outcome.unchanged, closed=outcome.closed, rejected=parsed.rejected,
        unallocated=parsed.unallocated, warnings=parsed.warnings + combined.warnings,
        kinds=outcome.kinds, outside_selection=parsed.outside_selection,
        workers_created=outcome.workers_created, teams_created=outcome.teams_created,
        worker_filter=batch_info.selection_worker, team_filter=batch_info.selection_team,
        complete=complete, already_ended=outcome.already_ended,
    )
