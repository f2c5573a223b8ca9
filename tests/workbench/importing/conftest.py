"""Fixtures for the importer's tests: a ready-made import call and a database fingerprint."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy import select

from db.engine import DbFactory
from db.models import Base
from tests.conftest import FixedClock
from workbench.audit import AuditTrail
from workbench.importing import ImportReport, import_caseload


class Importer(Protocol):
    def __call__(self, path: Path, **options: Any) -> ImportReport: ...


@pytest.fixture
def run_import(db: DbFactory, clock: FixedClock) -> Importer:
    """``run_import(path, worker=..., team=..., complete=...)`` with the test's clock. Closures
    are confirmed unless a test says ``confirm_closures=False`` (test_undo.py does)."""

    def run(path: Path, **options: Any) -> ImportReport:
        options.setdefault("confirm_closures", True)
        return import_caseload(db, path, audit=AuditTrail(clock), clock=clock, **options)

    return run


def database_state(db: DbFactory) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: equal states mean nothing changed."""
    state = {}
    with db() as session:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            state[table.name] = [tuple(row) for row in rows]
    return state


@pytest.fixture
def snapshot(db: DbFactory) -> Callable[[], dict[str, list[tuple[Any, ...]]]]:
    return lambda: database_state(db)


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook with the given sheets, written as Excel would store the values given."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


CASELOAD_HEADER = ["Child ID", "Child name", "DOB", "Gender", "Allocated Worker", "Allocated Team",
                   "Case type", "Start date", "Last visit", "Seen alone", "Last review"]


def caseload_row(child_id: str, worker: str = "Ann Smith", team: str = "Northgate",
                 kind: str = "CIN", **overrides: str) -> list[str]:
    """One row of a generic caseload export under CASELOAD_HEADER."""
    values = {"Child ID": child_id, "Child name": "", "DOB": "04/03/2015", "Gender": "Female",
              "Allocated Worker": worker, "Allocated Team": team, "Case type": kind,
              "Start date": "01/02/2026", "Last visit": "20/11/2026", "Seen alone": "Yes",
              "Last review": "01/10/2026", **overrides}
    return [values[column] for column in CASELOAD_HEADER]
