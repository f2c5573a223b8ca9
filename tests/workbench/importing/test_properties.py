"""Random and corrupted input never crashes the importer and never half-imports: each import
either fails with ImportFailed and leaves every table as it was, or leaves a database that
agrees with its report."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.engine import DbFactory
from db.models import AuditEvent, CaseAllocation, ImportBatch, ImportRejectedRow
from tests.support.annex_a import write_annex_a
from tests.workbench.importing.conftest import (
    CASELOAD_HEADER,
    Importer,
    caseload_row,
    database_state,
    write_csv,
    write_xlsx,
)
from workbench.importing import ImportFailed, ImportReport

PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_files = itertools.count()

HEADERS = st.sampled_from([
    *CASELOAD_HEADER, "CHILD  unique-ID", "allocated worker ", "Allocated\u00a0Team", "Date of Birth",
    "Case Status", "Date of Closure", "Was the Child Seen Alone?", "CP Plan Start Date", "Notes", "",
])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=25)
CELLS = st.one_of(
    st.sampled_from(["", "#N/A", "=VLOOKUP(A2,B:C,2,0)", "N/A", "  ", "\u00a0", "b) Female", "CIN",
                     "CP", "LAC", "S47", "Yes", "No", "31/02/2026", "01/01/2026", "2026-13-01",
                     "45000", "Ann Smith", "ANN\u00a0SMITH", " ann smith ", "Bo Jones", "Northgate",
                     "Closed", "C1", "C2", "C3", "x" * 300, "Unallocated", "0"]),
    TEXT,
    st.integers(-(10**7), 10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)),
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[Any]]:
    """A header (often a real one, sometimes not) over rows of untidy and random cells."""
    if draw(st.booleans()):
        header: list[Any] = list(CASELOAD_HEADER)
    else:
        header = draw(st.lists(HEADERS, min_size=1, max_size=12))
    width = len(header)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 2), max_size=12))
    plausible = draw(st.lists(st.builds(
        lambda ref, born, kind: caseload_row(ref, kind=kind, DOB=born),
        st.sampled_from(["C1", "C2", "C3", "C4"]), st.sampled_from(["04/03/2015", "05/03/2015"]),
        st.sampled_from(["CIN", "CP"])), min_size=1, max_size=5))
    return [header, *plausible, *rows]


def _as_csv_text(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)


def _check(run_import: Importer, db: DbFactory, path: Path, **options: Any) -> None:
    before = database_state(db)
    try:
        report = run_import(path, **options)
    except ImportFailed as error:
        event(f"refused: {error.code}")
        message = str(error)
    else:
        event("imported" + (" some cases" if report.added + report.updated + report.unchanged else ""))
        _agrees_with_database(report, db, before)
        return
    assert message
    assert database_state(db) == before


def _agrees_with_database(report: ImportReport, db: DbFactory,
                          before: dict[str, list[tuple[Any, ...]]]) -> None:
    with db() as session:
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert (batch.rows_read, batch.added, batch.updated, batch.unchanged, batch.closed,
                batch.rejected, batch.unallocated) == (
            report.rows_read, report.added, report.updated, report.unchanged, report.closed,
            len(report.rejected), len(report.unallocated))
        stamped = session.scalar(select(func.count()).select_from(CaseAllocation).where(
            CaseAllocation.last_import_batch_id == report.batch_id))
        assert stamped == report.added + report.updated + report.closed
        cases = session.scalar(select(func.count()).select_from(CaseAllocation))
        assert cases == len(before["case_allocation"]) + report.added
        rejected = session.scalar(select(func.count()).select_from(ImportRejectedRow).where(
            ImportRejectedRow.batch_id == report.batch_id))
        assert rejected == len(report.rejected)
        events = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(report.batch_id),
                                                          AuditEvent.entity_type == "import_batch"))
        assert [event.action for event in events] == ["import"]
    assert report.format_text()


@pytest.mark.slow
@PROPERTY_SETTINGS
@given(table=tables(), partial=st.booleans(),
       worker=st.sampled_from([None, None, None, "ann smith", "Nobody"]))
def test_random_csv_rows(tmp_path: Path, run_import: Importer, db: DbFactory,
                         table: list[list[Any]], partial: bool, worker: str | None) -> None:
    path = tmp_path / f"random{next(_files)}.csv"
    write_csv(path, [[_as_csv_text(cell) for cell in row] for row in table])
    _check(run_import, db, path, complete=not partial, worker=worker)


@pytest.mark.slow
@PROPERTY_SETTINGS
@given(table=tables(), annex=st.booleans())
def test_random_workbook_cells(tmp_path: Path, run_import: Importer, db: DbFactory,
                               table: list[list[Any]], annex: bool) -> None:
    path = tmp_path / f"random{next(_files)}.xlsx"
    cells = [[cell if isinstance(cell, str | int | float | bool | dt.date) else str(cell) for cell in row]
             for row in table]
    write_xlsx(path, {"List 6" if annex else "Caseload": cells})
    _check(run_import, db, path)


@functools.cache
def _good_files(folder: str) -> dict[str, bytes]:
    base = Path(folder)
    annex = write_annex_a(base / "annex.xlsx", rows=40, seed=2).path
    csv_path = write_csv(base / "caseload.csv",
                         [CASELOAD_HEADER, *(caseload_row(f"C{n}") for n in range(20))], encoding="cp1252")
    return {".xlsx": annex.read_bytes(), ".csv": csv_path.read_bytes()}


@pytest.mark.slow
@PROPERTY_SETTINGS
@given(suffix=st.sampled_from([".xlsx", ".csv"]), data=st.data())
def test_corrupted_files(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, run_import: Importer,
                         db: DbFactory, suffix: str, data: st.DataObject) -> None:
    good = _good_files(str(tmp_path_factory.getbasetemp()))[suffix]
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8), label="damages")):
        position = data.draw(st.integers(0, len(damaged) - 1), label="position")
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "truncate"]), label="action")
        if action == "flip":
            damaged[position] ^= data.draw(st.integers(1, 255), label="bits")
        elif action == "cut":
            del damaged[position:position + data.draw(st.integers(1, 64), label="length")]
        elif action == "insert":
            damaged[position:position] = data.draw(st.binary(min_size=1, max_size=16), label="bytes")
        else:
            del damaged[position:]
        if not damaged:
            break
    path = tmp_path / f"damaged{next(_files)}{suffix}"
    path.write_bytes(bytes(damaged))
    _check(run_import, db, path)
