"""Importing again reconciles: added, updated, unchanged, closed (never deleted)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import CaseKind
from db.models import AuditEvent, CaseAllocation, Child, ImportBatch, Staff
from tests.conftest import FixedClock
from tests.workbench.importing.conftest import (
    CASELOAD_HEADER,
    Importer,
    caseload_row,
    write_csv,
    write_xlsx,
)

TODAY = dt.date(2026, 11, 26)


def _file(tmp_path: Path, name: str, *rows: list[str]) -> Path:
    return write_csv(tmp_path / name, [CASELOAD_HEADER, *rows])


def _state(db: DbFactory) -> dict[tuple[str, str], tuple[CaseKind, dt.date | None]]:
    """(child, worker) -> (kind, end date) of every case, open or closed."""
    with db() as session:
        rows = session.execute(
            select(Child.la_child_id, Staff.name, CaseAllocation.kind, CaseAllocation.end_date)
            .join(Child, CaseAllocation.child_id == Child.id)
            .join(Staff, CaseAllocation.worker_id == Staff.id))
        return {(ref, worker): (kind, end) for ref, worker, kind, end in rows}


def test_the_same_file_twice_changes_nothing(tmp_path: Path, run_import: Importer,
                                             db: DbFactory) -> None:
    path = _file(tmp_path, "c.csv", caseload_row("C1"), caseload_row("C2", kind="CP"))
    run_import(path)
    with db() as session:
        stamps = session.execute(select(CaseAllocation.id, CaseAllocation.updated_at)).all()
    again = run_import(path)
    assert (again.added, again.updated, again.unchanged, again.closed) == (0, 0, 2, 0)
    with db() as session:
        assert session.execute(select(CaseAllocation.id, CaseAllocation.updated_at)).all() == stamps
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 2
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 2


def test_a_new_export_adds_updates_and_closes(tmp_path: Path, run_import: Importer, clock: FixedClock,
                                              db: DbFactory) -> None:
    run_import(_file(tmp_path, "october.csv", caseload_row("C1"), caseload_row("C2"),
                     caseload_row("C3"), caseload_row("B1", worker="Bo Jones")))
    clock.advance(days=3)
    report = run_import(_file(tmp_path, "november.csv",
                              caseload_row("C1"),  # unchanged
                              caseload_row("C2", kind="CP", **{"Last visit": "25/11/2026"}),  # updated
                              caseload_row("C4"),  # new; C3 has gone; Bo's B1 has gone
                              ))
    assert (report.added, report.updated, report.unchanged, report.closed) == (1, 1, 1, 2)
    closed_on = TODAY + dt.timedelta(days=3)
    assert _state(db) == {
        ("C1", "Ann Smith"): (CaseKind.CHILD_IN_NEED, None),
        ("C2", "Ann Smith"): (CaseKind.CHILD_PROTECTION_PLAN, None),
        ("C3", "Ann Smith"): (CaseKind.CHILD_IN_NEED, closed_on),
        ("C4", "Ann Smith"): (CaseKind.CHILD_IN_NEED, None),
        ("B1", "Bo Jones"): (CaseKind.CHILD_IN_NEED, closed_on),  # same team, complete export
    }
    with db() as session:
        c2 = session.scalars(select(CaseAllocation).join(Child).where(Child.la_child_id == "C2")).one()
        assert c2.last_visit_date == dt.date(2026, 11, 25)
        assert c2.last_import_batch_id == report.batch_id
        assert session.scalar(select(func.count()).select_from(Child)) == 5  # nothing deleted


def test_a_worker_import_closes_only_that_workers_cases(tmp_path: Path, run_import: Importer,
                                                        db: DbFactory) -> None:
    run_import(_file(tmp_path, "all.csv", caseload_row("C1"), caseload_row("C2"),
                     caseload_row("B1", worker="Bo Jones")))
    report = run_import(_file(tmp_path, "ann.csv", caseload_row("C1")), worker="ann smith")
    assert (report.added, report.unchanged, report.closed) == (0, 1, 1)
    state = _state(db)
    assert state[("C2", "Ann Smith")][1] == TODAY
    assert state[("B1", "Bo Jones")][1] is None


def test_a_team_import_closes_only_that_teams_cases(tmp_path: Path, run_import: Importer,
                                                    db: DbFactory) -> None:
    run_import(_file(tmp_path, "all.csv", caseload_row("C1"), caseload_row("R1", team="Riverside"),
                     caseload_row("C2", worker="Bo Jones")))
    report = run_import(_file(tmp_path, "north.csv", caseload_row("C1")), team="Northgate")
    assert report.closed == 1
    state = _state(db)
    assert state[("C2", "Bo Jones")][1] == TODAY
    assert state[("R1", "Ann Smith")][1] is None


def test_without_a_selection_only_the_files_teams_are_reconciled(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    run_import(_file(tmp_path, "all.csv", caseload_row("C1"), caseload_row("C2"),
                     caseload_row("R1", team="Riverside")))
    report = run_import(_file(tmp_path, "north.csv", caseload_row("C1")))
    assert report.closed == 1
    state = _state(db)
    assert state[("C2", "Ann Smith")][1] == TODAY
    assert state[("R1", "Ann Smith")][1] is None


def test_a_partial_export_closes_nothing(tmp_path: Path, run_import: Importer,
                                         db: DbFactory) -> None:
    run_import(_file(tmp_path, "all.csv", caseload_row("C1"), caseload_row("C2")))
    report = run_import(_file(tmp_path, "some.csv", caseload_row("C2", kind="LAC")), complete=False)
    assert (report.updated, report.closed) == (1, 0)
    assert all(end is None for _kind, end in _state(db).values())


def test_a_reallocated_child_moves_to_the_new_worker(tmp_path: Path, run_import: Importer,
                                                     db: DbFactory) -> None:
    run_import(_file(tmp_path, "before.csv", caseload_row("C1"), caseload_row("C2")))
    report = run_import(_file(tmp_path, "after.csv", caseload_row("C1"),
                              caseload_row("C2", worker="Bo Jones")))
    assert (report.added, report.unchanged, report.closed) == (1, 1, 1)
    state = _state(db)
    assert state[("C2", "Ann Smith")][1] == TODAY
    assert state[("C2", "Bo Jones")][1] is None


def test_a_closed_case_that_comes_back_is_reopened(tmp_path: Path, run_import: Importer,
                                                   db: DbFactory) -> None:
    run_import(_file(tmp_path, "one.csv", caseload_row("C1"), caseload_row("C2")))
    run_import(_file(tmp_path, "two.csv", caseload_row("C1")))
    assert _state(db)[("C2", "Ann Smith")][1] == TODAY
    report = run_import(_file(tmp_path, "three.csv", caseload_row("C1"), caseload_row("C2")))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert _state(db)[("C2", "Ann Smith")][1] is None
    with db() as session:
        assert session.scalar(select(func.count()).select_from(CaseAllocation)) == 2


def test_children_with_rejected_rows_are_not_closed(tmp_path: Path, run_import: Importer,
                                                    db: DbFactory) -> None:
    run_import(_file(tmp_path, "one.csv", caseload_row("C1"), caseload_row("C2")))
    report = run_import(_file(tmp_path, "two.csv", caseload_row("C1"),
                              caseload_row("C2", kind="Something new")))
    assert [p.child_ref for p in report.rejected] == ["C2"]
    assert report.closed == 0
    assert _state(db)[("C2", "Ann Smith")][1] is None


def test_an_episode_the_file_shows_as_ended_closes_the_case_on_its_date(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    header = ["Child Unique ID", "Allocated Team", "Allocated Worker", "Child Protection Plan Start Date",
              "Date Child Protection Plan Ceased"]
    run_import(write_xlsx(tmp_path / "a.xlsx",
                          {"List 7": [header, ["K1", "North", "Ann", "01/01/2026", ""]]}))
    report = run_import(write_xlsx(tmp_path / "b.xlsx", {
        "List 7": [header, ["K1", "North", "Ann", "01/01/2026", "14/11/2026"]]}), complete=False)
    assert report.closed == 1
    assert _state(db)[("K1", "Ann")] == (CaseKind.CHILD_PROTECTION_PLAN, dt.date(2026, 11, 14))


def test_a_childs_details_are_updated_but_not_blanked(tmp_path: Path, run_import: Importer,
                                                      db: DbFactory) -> None:
    run_import(_file(tmp_path, "one.csv", caseload_row("C1", **{"Child name": "Zoë Smith"})))
    report = run_import(_file(tmp_path, "two.csv", caseload_row("C1", DOB="05/03/2015")))
    assert report.updated == 1
    with db() as session:
        child = session.scalars(select(Child)).one()
        assert child.name == "Zoë Smith"  # the second file has no name: kept
        assert child.date_of_birth == dt.date(2015, 3, 5)
