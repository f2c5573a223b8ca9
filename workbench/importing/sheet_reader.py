"""Reading the data rows under a header row into records, rejections and unallocated rows.

A row that cannot be used is *rejected* (no child id, a formula where the worker should be,
no team, an unknown case kind); a row with no allocated worker is *unallocated*; an optional
cell that cannot be read is left empty and reported as a *warning*.

Cells are converted a column at a time, each distinct value once: exports repeat the same
teams, workers, codes and dates thousands of times, and a column of 50,000 cells then costs
a dictionary lookup per cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat, zip_longest
from operator import itemgetter
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import REVIEW_FIELDS, VISIT_FIELDS
from workbench.importing.errors import CellProblem
from workbench.importing.headers import FIELD_BY_KEY, HeaderRow, Shape
from workbench.importing.rows import (
    MAX_NAME_LENGTH,
    Layout,
    Record,
    RowProblem,
    Selection,
    SheetResult,
    UnallocatedRow,
    filled_cells,
    is_blank_row,
)
from workbench.importing.values import (
    MISSING_MARKERS,
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
from workbench.messages import message_in, translatable
from workbench.names import fold_name

CHILD_FIELDS = {"dob": "date_of_birth", "gender": "gender", "ethnicity": "ethnicity",
                "disability": "disability"}
NAME_FIELDS = ("child_name", "first_name", "last_name")
CORE_FIELDS = frozenset({"child_id", "worker", "team", "kind"})
MAX_ID_LENGTH = 100
MAX_TEXT_LENGTH = {"date_of_birth": 0, "gender": 50, "ethnicity": 100, "disability": 100}
# What a field's value is for in a record.
_DATE, _DETAIL, _CHILD, _NAME, _SEEN_ALONE = range(5)
# Cell types that never compare equal to a number, so can always be remembered.
_SAFE_KEYS = frozenset({str, dt.date, dt.datetime})


class _Memo(dict[Any, Any]):
    """``convert(raw)`` for each distinct raw value, or the CellProblem it raised."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert
        self.failed = False

    def __missing__(self, raw: Any) -> Any:
        try:
            value = self.convert(raw)
        except CellProblem as problem:
            self.failed = True
            value = problem
        # True == 1 == 1.0 and False == 0: a Yes must never answer for a 1, so these are
        # converted every time rather than remembered.
        if raw.__class__ in _SAFE_KEYS or not (raw == 0 or raw == 1):
            self[raw] = value
        return value

    def attempt(self, raw: Any) -> Any:
        try:
            return self.convert(raw)
        except CellProblem as problem:
            self.failed = True
            return problem

    def column(self, cells: Sequence[Any]) -> list[Any]:
        return list(map(self.__getitem__, cells))


def _child_ref(raw: Any) -> str | None:
    text = clean_text(raw)
    return None if text is None or is_missing(text) else text


def _child_refs(cells: Iterable[Any]) -> list[str | None]:
    """``_child_ref`` of each cell; text that is already clean (nearly every id) is checked
    here rather than in two calls per cell."""
    refs: list[str | None] = []
    append = refs.append
    for raw in cells:
        if raw.__class__ is str:
            text = raw.strip()
            if (text and text[0] != "=" and "  " not in text and "\xa0" not in text and "\t" not in text
                    and "\n" not in text and text.casefold() not in MISSING_MARKERS):
                append(text)
                continue
        append(_child_ref(raw))
    return refs


def _person(raw: Any) -> tuple[str | None, str | None]:
    name = worker_name(raw)
    return (name, fold_name(name)) if name else (None, None)


def _unit(raw: Any) -> tuple[str | None, str | None]:
    name = optional_text(raw)
    return (name, fold_name(name)) if name else (None, None)


def _converter(shape: Shape, dates: DateReader) -> Callable[[Any], Any]:
    converters: dict[Shape, Callable[[Any], Any]] = {
        Shape.DATE: dates, Shape.GENDER: gender, Shape.YES_NO: yes_no, Shape.KIND: case_kind,
        Shape.NAME: optional_text,
    }
    return converters.get(shape, coded_text)


class SheetReader:
    """Reads the data rows under one header row. ``list_kind`` is the Annex A list's kind,
    or None for a generic export whose kind column says it row by row."""

    def __init__(self, sheet: str | None, header: HeaderRow, *, list_kind: CaseKind | None,
                 selection: Selection, dates: DateReader, first_row_number: int,
                 memos: dict[Callable[[Any], Any], _Memo] | None = None) -> None:
        self.sheet = sheet
        self.header = header
        self.list_kind = list_kind
        self.selection = selection
        self.dates = dates
        self.first_row_number = first_row_number
        # One memo per converter, shared by the columns (and, given ``memos``, the sheets) it
        # converts: the same dates and codes recur in every list, and each is converted once.
        self.memos = {} if memos is None else memos
        self.result = SheetResult()
        self._fields = [key for key in header.columns if key not in CORE_FIELDS]
        purposes = [self._purpose(key) for key in self._fields]
        # Where each purpose's values sit in a row's converted values, in column order; a
        # record's dates and details in the order of their names, as a case keeps them.
        slots = list(enumerate(zip(self._fields, purposes, strict=True)))
        date_slots = sorted(((index, key) for index, (key, purpose) in slots if purpose == _DATE),
                            key=itemgetter(1))
        position = {key: index for index, (key, _purpose) in slots}
        self.layout = Layout(
            dates=date_slots,
            details=sorted(((index, key) for index, (key, purpose) in slots if purpose == _DETAIL),
                           key=itemgetter(1)),
            child=[(index, CHILD_FIELDS[key], 0 if key == "dob" else MAX_TEXT_LENGTH[CHILD_FIELDS[key]])
                   for index, (key, purpose) in slots if purpose == _CHILD],
            names=(position.get("child_name"), position.get("first_name"), position.get("last_name")),
            visits=[index for index, key in date_slots if key in VISIT_FIELDS],
            reviews=[index for index, key in date_slots if key in REVIEW_FIELDS],
            seen_alone=next((index for index, (_key, purpose) in slots if purpose == _SEEN_ALONE), None))

    @staticmethod
    def _purpose(key: str) -> int:
        if key in CHILD_FIELDS:
            return _CHILD
        if key in NAME_FIELDS:
            return _NAME
        if key == "seen_alone":
            return _SEEN_ALONE
        return _DATE if FIELD_BY_KEY[key].shape is Shape.DATE else _DETAIL

    def read(self, rows: Sequence[Sequence[Any]], start: int,
             tick: Callable[[int], None] | None = None) -> SheetResult:
        """Read ``rows[start:]``; ``tick(n)`` reports progress in rows."""
        data = rows[start:]
        columns = list(zip_longest(*data))  # ragged CSV rows are padded with None
        empty = [None] * len(data)

        def column(key: str) -> Sequence[Any]:
            position = self.header.columns.get(key)
            return columns[position] if position is not None and position < len(columns) else empty

        try:  # child ids are nearly all different: remembering them would only cost
            ids: list[Any] = _child_refs(column("child_id"))
        except CellProblem:
            ids = _Memo(_child_ref).column(column("child_id"))
        people = _Memo(_person).column(column("worker"))
        if "team" in self.header.columns:
            units: Iterable[Any] = _Memo(_unit).column(column("team"))
        else:  # a file without a team column belongs to the team chosen for the import
            units = repeat((self.selection.team_name, self.selection.team_key))
        kinds: Iterable[Any] = (_Memo(case_kind).column(column("kind")) if self.list_kind is None
                                else repeat(self.list_kind))
        converted = []
        problems: dict[int, list[str]] = {}
        for key in self._fields:
            convert = _converter(FIELD_BY_KEY[key].shape, self.dates)
            memo = self.memos.get(convert)
            if memo is None:
                memo = self.memos[convert] = _Memo(convert)
            values = memo.column(column(key))
            if memo.failed:  # here or in an earlier column: only this column's are set aside
                self._set_aside_problems(values, FIELD_BY_KEY[key].label, problems)
            converted.append(values)
        if tick is not None:
            tick(len(data) // 2)
        value_rows: Iterable[tuple[Any, ...]] = zip(*converted, strict=True) if converted else repeat(())
        first = self.first_row_number + start
        cells = zip(data, ids, people, units, kinds, value_rows, strict=False)  # repeat() is endless
        # The common row (an id, a worker and team in the selection, a known kind, no cell
        # set aside) goes straight to its record; every other row takes _read_row's checks.
        want_team, want_worker = self.selection.team_key, self.selection.worker_key
        records, record = self.result.records, self._record
        read = 0
        for index, (row, ref, person, unit, kind, values) in enumerate(cells):
            if (ref.__class__ is str and person.__class__ is tuple and unit.__class__ is tuple
                    and kind.__class__ is CaseKind and index not in problems):
                worker, worker_key = person
                team, team_key = unit
                if (worker is not None and team is not None and len(ref) <= MAX_ID_LENGTH
                        and len(worker) <= MAX_NAME_LENGTH and len(team) <= MAX_NAME_LENGTH
                        and (want_team is None or team_key == want_team)
                        and (want_worker is None or worker_key == want_worker)):
                    read += 1
                    records.append(record(first + index, ref, worker, worker_key, team, team_key,
                                          kind, values))
                    continue
            if ref is None and person == (None, None) and is_blank_row(row):
                continue
            read += 1
            self._read_row(row, first + index, ref, person, unit, kind, values, problems.get(index, ()))
        self.result.rows_read += read
        if tick is not None:
            tick(len(data) - len(data) // 2)
        return self.result

    @staticmethod
    def _set_aside_problems(values: list[Any], label: str, problems: dict[int, list[str]]) -> None:
        for index, value in enumerate(values):
            if value.__class__ is CellProblem:
                problems.setdefault(index, []).append(
                    translatable("workbench.importing", "%1 %2; left empty").arg(label, message_in(value)))
                values[index] = None

    def _reject(self, number: int, child_ref: str | None, reason: str) -> None:
        self.result.rejected.append(RowProblem(self.sheet, number, child_ref, reason))

    def _read_row(self, row: Sequence[Any], number: int, ref: Any, person: Any, unit: Any,
                  kind: Any, values: tuple[Any, ...], problems: Iterable[str]) -> None:
        result, selection = self.result, self.selection
        if isinstance(ref, CellProblem):
            return self._reject(number, None, translatable("workbench.importing", "Child Unique ID %1")
                                .arg(message_in(ref)))
        if isinstance(person, CellProblem) or isinstance(unit, CellProblem):
            problem = person if isinstance(person, CellProblem) else unit
            return self._reject(number, ref, translatable(
                "workbench.importing", "Allocated Worker or Team %1").arg(message_in(problem)))
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
        if ref is None:
            return self._reject(number, None, translatable("workbench.importing", "no Child Unique ID"))
        if worker is None:
            if team is None and filled_cells(row) == 1:  # "Total: 53", "Source: Mosaic" ...
                return self._reject(number, ref, translatable(
                    "workbench.importing", "a note, not a child's row (one cell filled)"))
            result.unallocated.append(UnallocatedRow(self.sheet, number, ref, team))
            return None
        if len(ref) > MAX_ID_LENGTH:
            return self._reject(number, ref[:MAX_ID_LENGTH],
                                translatable("workbench.importing", "the child id is longer than %1 "
                                                                    "characters").arg(MAX_ID_LENGTH))
        if team is None:
            return self._reject(number, ref,
                                translatable("workbench.importing", "Allocated Team is blank (choose a "
                                                                    "team for the import, or fill it in)"))
        if len(worker) > MAX_NAME_LENGTH or len(team) > MAX_NAME_LENGTH:
            return self._reject(number, ref,
                                translatable("workbench.importing", "the worker or team name is longer "
                                                                    "than %1 characters")
                                .arg(MAX_NAME_LENGTH))
        if isinstance(kind, CellProblem):
            return self._reject(number, ref, translatable("workbench.importing", "Case type %1")
                                .arg(message_in(kind)))
        if kind is None:
            return self._reject(number, ref, translatable("workbench.importing", "Case type is blank"))
        for message in problems:
            result.warnings.append(RowProblem(self.sheet, number, ref, message))
        result.records.append(self._record(number, ref, worker, worker_key, team, team_key, kind, values))
        return None

    def _record(self, number: int, ref: str, worker: str, worker_key: str, team: str,
                team_key: str, kind: CaseKind, values: tuple[Any, ...]) -> Record:
        return Record(self.sheet, number, ref, worker, worker_key, team, team_key, kind, values, self.layout)
