"""Which sheets of a file hold the caseload, where their headers are, and their rows read.

An Annex A workbook is read from its Lists 3-9 (each list sets the kind of its rows); any
other workbook or CSV file is a generic caseload export whose rows say their own kind.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from db.enums import CaseKind
from workbench.importing.annex_a import allocation_sheets, is_annex_a
from workbench.importing.errors import ImportFailed
from workbench.importing.headers import HeaderRow, find_header_row, labels
from workbench.importing.reading import SheetData, Source
from workbench.importing.rows import Record, RowProblem, Selection, UnallocatedRow, is_blank_row
from workbench.importing.sheet_reader import SheetReader
from workbench.importing.values import DateReader
from workbench.messages import translatable


@dataclass
class Parsed:
    record_count: int = 0  # how many rows became records (each handed to ``on_records``)
    rejected: list[RowProblem] = field(default_factory=list)
    unallocated: list[UnallocatedRow] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    outside_selection: int = 0
    other_workers: set[str] = field(default_factory=set)
    other_teams: set[str] = field(default_factory=set)


@dataclass
class _Plan:
    sheet: SheetData
    header: HeaderRow
    kind: CaseKind | None


def _has_data(sheet: SheetData) -> bool:
    return any(not is_blank_row(row) for row in sheet.rows)


def _required(kind: CaseKind | None, selection: Selection) -> tuple[str, ...]:
    keys = ["child_id", "worker"]
    if selection.team_name is None:
        keys.append("team")
    if kind is None:
        keys.append("kind")
    return tuple(keys)


def _missing_columns(source: Source, sheet: SheetData, header: HeaderRow | None,
                     required: tuple[str, ...]) -> ImportFailed:
    found = header.columns if header else {}
    missing = [key for key in required if key not in found]
    where = (translatable("workbench.importing", "sheet '%1' of %2").arg(sheet.name, source.file_name)
             if sheet.name else source.file_name)
    hint = (translatable("workbench.importing", " (or choose the team for the import)") if "team" in missing
            else "")
    return ImportFailed(
        translatable("workbench.importing", "%1 is missing required columns: %2%3. Export the caseload again "
                                            "with these columns (headers may differ in case and spacing), "
                                            "then import again.").arg(where, labels(missing), hint),
        code="missing_columns",
    )


def _plans(source: Source, selection: Selection) -> Generator[_Plan, None, None]:
    """The sheets to read, each with its header row, as they are read: an Annex A workbook's
    lists one at a time (a list missing a column is refused when it is reached, before a row
    of the import is written); any other file's sheets all first, to choose among them."""
    names = source.sheet_names
    if is_annex_a(names):
        lists = allocation_sheets(names)
        if not lists:
            raise ImportFailed(
                translatable("workbench.importing", "%1 looks like an Annex A workbook but has none of Lists "
                                                    "3-9, which carry the allocated workers. Export the full "
                                                    "Annex A, then import again.").arg(source.file_name),
                code="missing_columns")
        kinds = dict(lists)
        for sheet in source.sheets([name for name, _kind in lists]):
            if not _has_data(sheet):
                continue
            kind = kinds[sheet.name or ""]
            header = find_header_row(sheet.rows)
            required = _required(kind, selection)
            if header is None or any(key not in header.columns for key in required):
                raise _missing_columns(source, sheet, header, required)
            yield _Plan(sheet, header, kind)
        return
    sheets = [sheet for sheet in source.sheets(names) if _has_data(sheet)]
    found: list[tuple[SheetData, HeaderRow | None]] = [(s, find_header_row(s.rows)) for s in sheets]
    usable = [(s, h) for s, h in found if h is not None and "child_id" in h.columns]
    if sheets and not usable:
        best = max(found, key=lambda pair: len(pair[1].columns) if pair[1] else 0)
        raise _missing_columns(source, best[0], best[1], _required(None, selection))
    for sheet, header in usable:
        assert header is not None
        required = _required(None, selection)
        if any(key not in header.columns for key in required):
            raise _missing_columns(source, sheet, header, required)
    for sheet, header in usable:
        assert header is not None
        yield _Plan(sheet, header, None)


class _Progress:
    """Rows read, reported once the total is known: a workbook's lists are read while the
    next is still being unpacked, so the total is known only when the last list is."""

    def __init__(self, on_total: Callable[[int], None], tick: Callable[[int], None]) -> None:
        self._on_total = on_total
        self._tick = tick
        self.total = 0
        self._pending: int | None = 0

    def add_rows(self, rows: int) -> None:
        self.total += rows

    def tick(self, rows: int) -> None:
        if self._pending is None:
            self._tick(rows)
        else:
            self._pending += rows

    def all_counted(self) -> None:
        pending, self._pending = self._pending, None
        self._on_total(self.total)
        if pending:
            self._tick(pending)


def read_sheets(source: Source, selection: Selection, *,
                on_total: Callable[[int], None], tick: Callable[[int], None],
                on_records: Callable[[list[Record]], None]) -> Parsed:
    """Every caseload row of the file, read into records, rejections and unallocated rows.
    ``on_records`` is given each sheet's records as soon as they are read (while the next
    sheets are still being unpacked); the result counts them."""
    parsed = Parsed()
    progress = _Progress(on_total, tick)
    dates = DateReader()
    memos: dict[Any, Any] = {}  # the converted values of every sheet's columns, shared
    plans = 0
    with closing(_plans(source, selection)) as planned:  # stops the reading ahead on a refusal
        for plan in planned:
            plans += 1
            progress.add_rows(len(plan.sheet.rows) - plan.header.index - 1)
            reader = SheetReader(plan.sheet.name, plan.header, list_kind=plan.kind, selection=selection,
                                 dates=dates, first_row_number=plan.sheet.first_row_number, memos=memos)
            result = reader.read(plan.sheet.rows, plan.header.index + 1, progress.tick)
            on_records(result.records)
            parsed.record_count += len(result.records)
            parsed.rejected += result.rejected
            parsed.unallocated += result.unallocated
            parsed.warnings += result.warnings
            parsed.rows_read += result.rows_read
            parsed.outside_selection += result.outside_selection
            parsed.other_workers |= result.other_workers
            parsed.other_teams |= result.other_teams
    if not plans:
        raise ImportFailed(
            translatable("workbench.importing", "%1 has no rows to import: it is empty or holds only "
                                                "headers. Export the caseload again and import that file.")
            .arg(source.file_name), code="empty")
    progress.all_counted()
    if parsed.rows_read == 0:
        raise ImportFailed(
            translatable("workbench.importing", "%1 has no rows to import: it holds only headers. Export the "
                                                "caseload again and import that file.")
            .arg(source.file_name), code="empty")
    return parsed
