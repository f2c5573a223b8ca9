"""The part of an import that reads and writes nothing: the file read, its rows combined into
cases, and what to warn about.

Kept apart from :mod:`workbench.importing.service` (and free of SQLAlchemy and the models) so
that the process a large file is read in (:mod:`workbench.importing.worker`) imports what it
needs in about 0.1 s: importing the service first took it 0.6-1 s before it read a cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.importing.cases import Combined, Grouper
from workbench.importing.errors import ImportFailed
from workbench.importing.reading import Source, open_source
from workbench.importing.rows import RowProblem, Selection
from workbench.importing.sheets import Parsed, read_sheets
from workbench.messages import Joined, translatable

ProgressCallback = Callable[[int, int], None]
MAX_CONFLICTS_SHOWN = 5


class Tracker:
    """Progress in rows: reading the rows is the first half of the work, writing the second."""

    def __init__(self, progress: ProgressCallback | None,
                 is_cancelled: Callable[[], bool] | None) -> None:
        self._progress = progress
        self._is_cancelled = is_cancelled
        self.done = 0
        self.total = 0

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ImportFailed(translatable("workbench.importing", "The import was cancelled; nothing was "
                                                                   "changed."), code="cancelled")

    def sync(self, done: int, total: int) -> None:
        """Take over the count of a tracker in another process (see importing.worker)."""
        self.done, self.total = done, total
        self._report()
        self.check()

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


@dataclass
class Prepared:
    source: Source
    selection: Selection
    selection_worker: str | None
    parsed: Parsed
    combined: Combined
    protected: set[str]

    @property
    def warnings(self) -> list[RowProblem]:
        """Every warning, once the cases are drafted (the dates in the future are found then)."""
        return self.parsed.warnings + self.combined.warnings + self.combined.future_dates


def check_selection(parsed: Parsed, selection: Selection, worker: str | None,
                     team: str | None, file_name: str) -> None:
    if selection.worker_key is None and selection.team_key is None:
        return
    matched = parsed.record_count + len(parsed.rejected)
    if selection.worker_key is None:
        matched += len(parsed.unallocated)
    if matched:
        return
    wanted = (translatable("workbench.importing", "'%1' in '%2'").arg(worker, team) if worker and team
              else f"'{worker or team}'")
    seen = sorted(parsed.other_workers if selection.worker_key else parsed.other_teams)
    if seen:
        raise ImportFailed(
            translatable("workbench.importing", "Nothing in %1 is allocated to %2. The file has rows for: "
                                                "%3. Check the spelling of the selection; nothing was "
                                                "changed.")
            .arg(file_name, wanted, Joined(", ", seen[:10])), code="no_match")
    raise ImportFailed(
        translatable("workbench.importing", "Nothing in %1 is allocated to %2. Check the spelling of the "
                                            "selection; nothing was changed.")
        .arg(file_name, wanted), code="no_match")


def prepare(path: Path, *, worker: str | None, team: str | None, tracker: Tracker,
            max_bytes: int, today: dt.date) -> Prepared:
    """The file read and its rows grouped into cases, to be drafted as they are written (see
    Combined): the part of an import that writes nothing (here, or in a process of its own:
    see importing.worker)."""
    selection = Selection.of(worker, team)
    tracker.check()
    source = open_source(path, max_bytes=max_bytes)
    tracker.check()
    grouper = Grouper()  # each sheet's records grouped while the next sheets are unpacked
    parsed = read_sheets(source, selection, on_total=tracker.set_total, tick=tracker.advance,
                         on_records=grouper.add)
    check_selection(parsed, selection, worker, team, source.file_name)
    combined = grouper.combined(today)  # holds the records now, and frees them as they are written
    if combined.conflicts:
        conflicts = combined.conflicts
        shown = Joined("; ", [c.describe() for c in conflicts[:MAX_CONFLICTS_SHOWN]])
        more = (translatable("workbench.importing", " and %1 more").arg(len(conflicts) - MAX_CONFLICTS_SHOWN)
                if len(conflicts) > MAX_CONFLICTS_SHOWN else "")
        raise ImportFailed(
            translatable("workbench.importing", "%1 lists the same child more than once in one list, with "
                                                "different details: %2%3. Which row is right cannot be "
                                                "known: correct the export so each child appears once per "
                                                "list, then import again. Nothing was changed.")
            .arg(source.file_name, shown, more),
            code="conflicting_duplicates")
    tracker.step()
    return Prepared(
        source=source, selection=selection,
        selection_worker=" ".join(worker.split())[:200] if selection.worker_key and worker else None,
        parsed=parsed, combined=combined,
        protected={p.child_ref for p in parsed.rejected if p.child_ref},
    )

