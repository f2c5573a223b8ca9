"""What reading a sheet's rows gives: records (one list entry for one child and worker),
rejected rows, unallocated rows, warnings; and whose rows to read (the selection)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import START_FIELDS, end_fields
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


MAX_NAME_LENGTH = 200
MAX_DETAIL_LENGTH = 200
_ENDED_STATUSES = ("closed", "ceased", "ended")


class Layout:
    """Where a sheet's fields sit in each of its rows' converted values, and a record's facts
    read from them. A record keeps its row's values rather than dictionaries made of them:
    an import of 50,000 rows made and freed them by the hundred thousand, to read each once.

    ``dates`` and ``details`` are (position, field) in the order of the fields' names, as a
    case keeps them; ``child`` is (position, child field, longest length or 0 for whole);
    ``names`` the positions of the child's name, first and last names (or None)."""

    __slots__ = ("_ends", "_starts", "child", "dates", "details", "names", "reviews", "seen_alone",
                 "status", "visits")

    def __init__(self, *, dates: list[tuple[int, str]], details: list[tuple[int, str]],
                 child: list[tuple[int, str, int]], names: tuple[int | None, int | None, int | None],
                 visits: list[int], reviews: list[int], seen_alone: int | None) -> None:
        self.dates = dates
        self.details = details
        self.child = child
        self.names = names if any(index is not None for index in names) else None
        self.visits = visits
        self.reviews = reviews
        self.seen_alone = seen_alone
        self.status = next((index for index, key in details if key == "case_status"), None)
        where = {key: index for index, key in dates}
        # By kind (a generic export's rows each say their own): the positions of the dates
        # that end an episode, and of those that start one, in order of preference.
        self._ends = {kind: [where[key] for key in end_fields(kind) if key in where] for kind in CaseKind}
        self._starts = {kind: [where[key] for key in START_FIELDS[kind] if key in where] for kind in CaseKind}

    def key_dates(self, values: tuple[Any, ...]) -> dict[str, dt.date]:
        dates: dict[str, dt.date] = {}
        for index, key in self.dates:
            value = values[index]
            if value is not None:
                dates[key] = value
        return dates

    def details_of(self, values: tuple[Any, ...]) -> dict[str, str]:
        details: dict[str, str] = {}
        for index, key in self.details:
            value = values[index]
            if value is not None:
                details[key] = value[:MAX_DETAIL_LENGTH]
        return details

    def child_into(self, values: tuple[Any, ...], facts: dict[str, Any]) -> dict[str, Any]:
        """The child's facts in this row added to ``facts`` where it has none yet."""
        for index, target, limit in self.child:
            value = values[index]
            if value is not None and target not in facts:
                facts[target] = value[:limit] if limit else value  # a date of birth is kept whole
        if self.names is not None and "name" not in facts:
            name = self._name(self.names, values)
            if name:
                facts["name"] = name
        return facts

    @staticmethod
    def _name(names: tuple[int | None, int | None, int | None], values: tuple[Any, ...]) -> str | None:
        whole, first, last = (None if index is None else values[index] for index in names)
        name = whole or " ".join(part for part in (first, last) if part)
        return name[:MAX_NAME_LENGTH] if name else None

    def end(self, values: tuple[Any, ...], kind: CaseKind) -> dt.date | None:
        return _first(values, self._ends[kind])

    def start(self, values: tuple[Any, ...], kind: CaseKind) -> dt.date | None:
        return _first(values, self._starts[kind])

    def ended(self, values: tuple[Any, ...], end: dt.date | None) -> bool:
        """Whether the episode has ended: an end date (``end``), or a status that says so."""
        if end is not None:
            return True
        status = None if self.status is None else values[self.status]
        return status is not None and status[:MAX_DETAIL_LENGTH].casefold().startswith(_ENDED_STATUSES)

    @staticmethod
    def latest(values: tuple[Any, ...], positions: list[int]) -> dt.date | None:
        latest = None
        for index in positions:
            date = values[index]
            if date is not None and (latest is None or date > latest):
                latest = date
        return latest


def _first(values: tuple[Any, ...], positions: list[int]) -> dt.date | None:
    """The first date at ``positions`` that is not None."""
    for index in positions:
        value = values[index]
        if value is not None:
            return value  # type: ignore[no-any-return]
    return None


@dataclass(slots=True)
class Record:
    """One list's entry for one child and worker: the row's converted values, read through
    the sheet's layout."""

    sheet: str | None
    row: int
    child_ref: str
    worker: str
    worker_key: str
    team: str
    team_key: str
    kind: CaseKind
    values: tuple[Any, ...]
    layout: Layout

    @property
    def child(self) -> dict[str, Any]:
        return self.layout.child_into(self.values, {})

    @property
    def dates(self) -> dict[str, dt.date]:  # in the order of their names
        return self.layout.key_dates(self.values)

    @property
    def details(self) -> dict[str, str]:  # in the order of their names
        return self.layout.details_of(self.values)

    @property
    def seen_alone(self) -> bool | None:
        index = self.layout.seen_alone
        return None if index is None else self.values[index]

    @property
    def end(self) -> dt.date | None:
        return self.layout.end(self.values, self.kind)

    @property
    def ended(self) -> bool:
        return self.layout.ended(self.values, self.end)

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

