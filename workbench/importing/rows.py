"""What reading a sheet's rows gives: records (one list entry for one child and worker),
rejected rows, unallocated rows, warnings; and whose rows to read (the selection)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import START_FIELDS
from workbench.messages import translatable
from workbench.names import fold_name


@dataclass(frozen=True)
class Selection:
    """Whose rows to import: folded worker and team names, or None for everyone."""

    worker_key: str | None = None
    team_key: str | None = None
    team_name: str | None = None  # used for rows of a file that has no team column

    @classmethod
    def of(cls, worker: str | None, team: str | None) -> Selection:
        worker = (worker or "").strip() or None
        team = (team or "").strip() or None
        return cls(
            worker_key=fold_name(worker) if worker else None,
            team_key=fold_name(team) if team else None,
            team_name=" ".join(team.split()) if team else None,
        )


@dataclass(frozen=True)
class RowProblem:
    sheet: str | None
    row: int | None
    child_ref: str | None
    reason: str

    def where(self) -> str:
        if self.row is None:  # about a child or case, not one row
            return (translatable("workbench.importing", "child %1").arg(self.child_ref) if self.child_ref
                    else self.sheet or translatable("workbench.importing", "the file"))
        place = (translatable("workbench.importing", "%1 row %2").arg(self.sheet, self.row) if self.sheet
                 else translatable("workbench.importing", "row %1").arg(self.row))
        if self.child_ref:
            return translatable("workbench.importing", "%1, child %2").arg(place, self.child_ref)
        return place


@dataclass(frozen=True)
class UnallocatedRow:
    sheet: str | None
    row: int
    child_ref: str | None
    team: str | None


@dataclass(slots=True)
class Record:
    sheet: str | None
    row: int
    child_ref: str
    worker: str
    worker_key: str
    team: str
    team_key: str
    kind: CaseKind
    child: dict[str, Any]
    dates: dict[str, dt.date]  # in the order of their names (SheetReader keeps it)
    seen_alone: bool | None
    details: dict[str, str]  # in the order of their names
    ended: bool
    end: dt.date | None
    visit: dt.date | None  # the latest of the dates in VISIT_FIELDS
    review: dt.date | None  # the latest of the dates in REVIEW_FIELDS

    def signature(self) -> tuple[Any, ...]:
        """Everything but the row's position: two rows with equal signatures are one row twice."""
        return (self.team_key, self.worker_key, self.kind, sorted(self.child.items()),
                sorted(self.dates.items()), self.seen_alone, sorted(self.details.items()),
                self.ended, self.end)


@dataclass
class SheetResult:
    records: list[Record] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    unallocated: list[UnallocatedRow] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    outside_selection: int = 0
    # Names seen on rows outside the selection, to help when a selection matches nothing.
    other_workers: set[str] = field(default_factory=set)
    other_teams: set[str] = field(default_factory=set)


def is_blank_row(row: Sequence[Any]) -> bool:
    for cell in row:
        if cell is not None and cell != "" and not (isinstance(cell, str) and cell.isspace()):
            return False
    return True


def filled_cells(row: Sequence[Any]) -> int:
    return sum(1 for cell in row if cell is not None and cell != "" and not (
        isinstance(cell, str) and cell.isspace()))


def start_date(kind: CaseKind, dates: dict[str, dt.date]) -> dt.date | None:
    for key in START_FIELDS[kind]:
        if key in dates:
            return dates[key]
    return None
