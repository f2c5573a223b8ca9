"""What an import would do, shown before it is done: the closures above all, by whose caseload.

Also the checks that only warn: dates in the future are reported, not refused, since an
export may be ahead of the clock, or simply wrong, and the person importing can tell which.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CaseAllocation, Child, Staff, Team
from workbench.importing.reconcile import Plan
from workbench.importing.report import indented, problem_line, section
from workbench.importing.rows import RowProblem, UnallocatedRow
from workbench.messages import Joined, Message, translatable, translatable_plural

CHUNK = 5000


@dataclass(frozen=True)
class PlannedClosure:
    """One open case the import would close."""

    case_id: int
    child_ref: str
    child_name: str | None
    worker: str
    team: str
    end_date: dt.date
    ended_in_file: bool  # the file says it ended (else the file no longer lists it)
    other: bool  # not the chosen worker's case (every case, when no worker was chosen)

    @property
    def child(self) -> str:
        return f"{self.child_ref} ({self.child_name})" if self.child_name else self.child_ref


@dataclass
class ImportPreview:
    """What importing a file would do; nothing has been written."""

    file_name: str
    sha256: str
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    closures: list[PlannedClosure] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    unallocated: list[UnallocatedRow] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    worker_filter: str | None = None
    team_filter: str | None = None
    complete: bool = True
    chosen_worker: str | None = None

    @property
    def closures_of_others(self) -> list[PlannedClosure]:
        return [c for c in self.closures if c.other]

    @property
    def needs_confirmation(self) -> bool:
        """Closing anyone's cases but the chosen worker's needs an explicit yes."""
        return bool(self.closures_of_others)

    def closures_by_worker(self) -> list[tuple[str, int]]:
        """(worker (team), cases closed), most first."""
        counts = Counter(f"{c.worker} ({c.team})" for c in self.closures)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def format_text(self, *, limit: int = 30) -> str:
        """The preview as lines of plain text (English, and Messages the dialog translates)."""
        lines: list[str] = [
            translatable("workbench.importing", "Preview of %1: nothing has been changed yet.")
            .arg(self.file_name),
            translatable("workbench.importing", "Cases: %1 to add, %2 to update, %3 unchanged, %4 to close")
            .arg(self.added, self.updated, self.unchanged, len(self.closures))]
        if self.closures:
            by_worker = Joined(", ", [translatable("workbench.importing", "%1 %2").arg(name, n)
                                      for name, n in self.closures_by_worker()])
            lines.append(translatable("workbench.importing", "Would close, by caseload: %1").arg(by_worker))
            lines += indented([_closure_line(closure) for closure in self.closures], limit)
        if self.rejected:
            lines.append(translatable("workbench.importing", "Rejected rows: %1").arg(len(self.rejected)))
        lines += section(translatable_plural("workbench.importing", "Warnings (%n):", None,
                                             len(self.warnings)),
                         [problem_line(p) for p in self.warnings], limit)
        return Joined("\n", lines)


def _closure_line(closure: PlannedClosure) -> Message:
    return (translatable("workbench.importing", "%1: %2 (%3), ended in the file") if closure.ended_in_file
            else translatable("workbench.importing", "%1: %2 (%3), not in the file")).arg(
        closure.child, closure.worker, closure.team)


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def describe_closures(session: Session, plan: Plan) -> list[PlannedClosure]:
    """The plan's closures with the child, worker and team named (a query per 5,000)."""
    by_id = {closing.before[0]: closing for closing in plan.closes}
    found: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(sorted(by_id)):
        query = (select(CaseAllocation.id, Child.la_child_id, Child.name, Staff.name, Team.name)
                 .join(Child, CaseAllocation.child_id == Child.id)
                 .join(Staff, CaseAllocation.worker_id == Staff.id)
                 .join(Team, CaseAllocation.team_id == Team.id)
                 .where(CaseAllocation.id.in_(chunk)))
        for row in session.execute(query):
            found[row[0]] = tuple(row[1:])
    closures = []
    for case_id, closing in by_id.items():
        child_ref, child_name, worker, team = found[case_id]
        closures.append(PlannedClosure(
            case_id=case_id, child_ref=child_ref, child_name=child_name, worker=worker, team=team,
            end_date=closing.end_date, ended_in_file=closing.ended_in_file,
            other=closing.worker_id not in plan.chosen_workers))
    closures.sort(key=lambda c: (c.worker, c.team, c.child_ref))
    return closures
