"""Rows of one sheet turned into records: one list entry for one child and worker.

A row that cannot be used is *rejected* (no child id, a formula where the worker should be,
no team, an unknown case kind); a row with no allocated worker is *unallocated*; an
optional cell that cannot be read is left empty and reported as a *warning*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import START_FIELDS, end_fields
from workbench.importing.errors import CellProblem
from workbench.importing.headers import FIELD_BY_KEY, HeaderRow, Shape
from workbench.importing.values import (
    DateReader,
    case_kind,
    clean_text,
    coded_text,
    gender,
    is_missing,
    optional_text,
    worker_name,
    yes_no,
)
from workbench.names import fold_name

CHILD_FIELDS = {"dob": "date_of_birth", "gender": "gender", "ethnicity": "ethnicity",
                "disability": "disability"}
NAME_FIELDS = ("child_name", "first_name", "last_name")
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 200
MAX_DETAIL_LENGTH = 200


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
        place = f"{self.sheet} row {self.row}" if self.sheet else f"row {self.row}"
        return f"{place}, child {self.child_ref}" if self.child_ref else place


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
    dates: dict[str, dt.date]
    seen_alone: bool | None
    details: dict[str, str]
    ended: bool
    end: dt.date | None

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


def _converter(shape: Shape, dates: DateReader) -> Callable[[Any], Any]:
    converters: dict[Shape, Callable[[Any], Any]] = {
        Shape.DATE: dates,
        Shape.GENDER: gender,
        Shape.YES_NO: yes_no,
        Shape.KIND: case_kind,
        Shape.NAME: optional_text,
    }
    return converters.get(shape, coded_text)


def _cell(row: Sequence[Any], column: int | None) -> Any:
    if column is None or column >= len(row):
        return None
    return row[column]


def is_blank_row(row: Sequence[Any]) -> bool:
    for cell in row:
        if cell is not None and cell != "" and not (isinstance(cell, str) and cell.isspace()):
            return False
    return True


def _filled_cells(row: Sequence[Any]) -> int:
    return sum(1 for cell in row if cell is not None and cell != "" and not (
        isinstance(cell, str) and cell.isspace()))


_MISS: Any = object()


def _attempt(convert: Callable[[Any], Any], raw: Any) -> Any:
    try:
        return convert(raw)
    except CellProblem as problem:
        return problem


def _memo(cache: dict[Any, Any], convert: Callable[[Any], Any], raw: Any) -> Any:
    """``convert(raw)`` or the CellProblem it raised, remembered for text and dates: exports
    repeat the same teams, codes and dates thousands of times. (Numbers are not remembered:
    ``True == 1`` would mix a Yes with a code.)"""
    if raw.__class__ is str or raw.__class__ is dt.date:
        value = cache.get(raw, _MISS)
        if value is _MISS:
            value = cache[raw] = _attempt(convert, raw)
        return value
    return _attempt(convert, raw)


def _person(raw: Any) -> tuple[str | None, str | None]:
    name = worker_name(raw)
    return (name, fold_name(name)) if name else (None, None)


def _team(raw: Any) -> tuple[str | None, str | None]:
    name = optional_text(raw)
    return (name, fold_name(name)) if name else (None, None)


def _child_ref(raw: Any) -> str | None:
    text = clean_text(raw)
    return None if text is None or is_missing(text) else text


# Where a converted value goes in a record.
_CHILD, _DATE, _DETAIL, _NAME, _SEEN_ALONE = range(5)
_ENDED_STATUSES = ("closed", "ceased", "ended")


class SheetReader:
    """Reads the data rows under one header row. ``list_kind`` is the Annex A list's kind,
    or None for a generic export whose kind column says it row by row."""

    def __init__(self, sheet: str | None, header: HeaderRow, *, list_kind: CaseKind | None,
                 selection: Selection, dates: DateReader, first_row_number: int) -> None:
        self.sheet = sheet
        self.header = header
        self.list_kind = list_kind
        self.selection = selection
        self.first_row_number = first_row_number
        self.result = SheetResult()
        columns = header.columns
        self._id = columns.get("child_id")
        self._worker = columns.get("worker")
        self._team = columns.get("team")
        self._kind = columns.get("kind")
        self._caches: dict[str, dict[Any, Any]] = {key: {} for key in ("id", "worker", "team", "kind")}
        self._plan: list[tuple[int, dict[Any, Any], Callable[[Any], Any], int, str, str]] = []
        for key, column in columns.items():
            if key in ("child_id", "worker", "team", "kind"):
                continue
            spec = FIELD_BY_KEY[key]
            if key in CHILD_FIELDS:
                target, name = _CHILD, CHILD_FIELDS[key]
            elif key in NAME_FIELDS:
                target, name = _NAME, key
            elif key == "seen_alone":
                target, name = _SEEN_ALONE, key
            elif spec.shape is Shape.DATE:
                target, name = _DATE, key
            else:
                target, name = _DETAIL, key
            self._plan.append((column, {}, _converter(spec.shape, dates), target, name, spec.label))
        self._end_fields = end_fields(list_kind) if list_kind is not None else None

    def read(self, rows: Sequence[Sequence[Any]], start: int,
             tick: Callable[[int], None] | None = None) -> SheetResult:
        """Read ``rows[start:]``; ``tick(n)`` is called every 1,000 rows."""
        for index in range(start, len(rows)):
            row = rows[index]
            if (index - start) % 1000 == 999 and tick is not None:
                tick(1000)
            if is_blank_row(row):
                continue
            self.result.rows_read += 1
            self._read_row(row, self.first_row_number + index)
        return self.result

    def _problem(self, row_number: int, child_ref: str | None, reason: str) -> RowProblem:
        return RowProblem(self.sheet, row_number, child_ref, reason)

    def _reject(self, number: int, child_ref: str | None, reason: str) -> None:
        self.result.rejected.append(RowProblem(self.sheet, number, child_ref, reason))

    def _read_row(self, row: Sequence[Any], number: int) -> None:
        result, selection, caches = self.result, self.selection, self._caches
        child_ref = _memo(caches["id"], _child_ref, _cell(row, self._id))
        if isinstance(child_ref, CellProblem):
            return self._reject(number, None, f"Child Unique ID {child_ref}")
        person = _memo(caches["worker"], _person, _cell(row, self._worker))
        if self._team is not None:
            unit = _memo(caches["team"], _team, _cell(row, self._team))
        else:  # a file without a team column belongs to the team chosen for the import
            unit = (selection.team_name, selection.team_key)
        if isinstance(person, CellProblem) or isinstance(unit, CellProblem):
            return self._reject(number, child_ref, f"Allocated Worker or Team {person or unit}")
        worker, worker_key = person
        team, team_key = unit
        if selection.team_key is not None and team_key is not None and team_key != selection.team_key:
            result.outside_selection += 1
            if len(result.other_teams) < 50:
                result.other_teams.add(team)
            return None
        if selection.worker_key is not None and worker_key is not None and worker_key != selection.worker_key:
            result.outside_selection += 1
            if len(result.other_workers) < 50:
                result.other_workers.add(worker)
            return None
        if child_ref is None:
            return self._reject(number, None, "no Child Unique ID")
        if worker is None:
            if team is None and _filled_cells(row) == 1:  # "Total: 53", "Source: Mosaic" ...
                return self._reject(number, child_ref, "a note, not a child's row (one cell filled)")
            result.unallocated.append(UnallocatedRow(self.sheet, number, child_ref, team))
            return None
        if len(child_ref) > MAX_ID_LENGTH:
            return self._reject(number, child_ref[:MAX_ID_LENGTH],
                                f"the child id is longer than {MAX_ID_LENGTH} characters")
        if team is None:
            return self._reject(number, child_ref,
                                "Allocated Team is blank (choose a team for the import, or fill it in)")
        if len(worker) > MAX_NAME_LENGTH or len(team) > MAX_NAME_LENGTH:
            return self._reject(number, child_ref,
                                f"the worker or team name is longer than {MAX_NAME_LENGTH} characters")
        kind = self.list_kind
        if kind is None:
            kind = _memo(caches["kind"], case_kind, _cell(row, self._kind))
            if isinstance(kind, CellProblem):
                return self._reject(number, child_ref, f"Case type {kind}")
            if kind is None:
                return self._reject(number, child_ref, "Case type is blank")
        result.records.append(self._record(row, number, child_ref, worker, worker_key, team,
                                           team_key, kind))
        return None

    def _record(self, row: Sequence[Any], number: int, child_ref: str, worker: str,
                worker_key: str, team: str, team_key: str, kind: CaseKind) -> Record:
        child: dict[str, Any] = {}
        dates: dict[str, dt.date] = {}
        details: dict[str, str] = {}
        names: dict[str, str] = {}
        seen_alone = None
        width = len(row)
        for column, cache, convert, target, key, label in self._plan:
            raw = row[column] if column < width else None
            if raw is None or raw == "":
                continue
            if raw.__class__ is str or raw.__class__ is dt.date:
                value = cache.get(raw, _MISS)
                if value is _MISS:
                    value = cache[raw] = _attempt(convert, raw)
            else:
                value = _attempt(convert, raw)
            if value is None:
                continue
            if value.__class__ is CellProblem:
                self.result.warnings.append(RowProblem(
                    self.sheet, number, child_ref, f"{label} {value}; left empty"))
            elif target == _DATE:
                dates[key] = value
            elif target == _DETAIL:
                details[key] = value[:MAX_DETAIL_LENGTH]
            elif target == _CHILD:
                child[key] = value if key == "date_of_birth" else value[:100]
            elif target == _NAME:
                names[key] = value
            else:
                seen_alone = value
        if names:
            name = names.get("child_name") or " ".join(
                part for part in (names.get("first_name"), names.get("last_name")) if part)
            if name:
                child["name"] = name[:MAX_NAME_LENGTH]
        end = None
        for key in self._end_fields or end_fields(kind):
            if key in dates:
                end = dates[key]
                break
        ended = end is not None or (
            "case_status" in details and details["case_status"].casefold().startswith(_ENDED_STATUSES))
        return Record(self.sheet, number, child_ref, worker, worker_key, team, team_key, kind,
                      child, dates, seen_alone, details, ended, end)


def start_date(kind: CaseKind, dates: dict[str, dt.date]) -> dt.date | None:
    for key in START_FIELDS[kind]:
        if key in dates:
            return dates[key]
    return None
