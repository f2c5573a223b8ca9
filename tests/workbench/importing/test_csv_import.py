"""A generic caseload export (CSV or Excel) imported as a manager would use it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import CaseKind, Role
from db.models import AuditEvent, CaseAllocation, Child, ImportBatch, ImportRejectedRow, Staff, Team
from tests.support.annex_a import write_caseload_csv
from tests.workbench.importing.conftest import (
    CASELOAD_HEADER,
    Importer,
    caseload_row,
    write_csv,
    write_xlsx,
)
from workbench.caseload import open_cases
from workbench.names import fold_name


def _cases(db: DbFactory) -> dict[str, CaseAllocation]:
    with db() as session:
        rows = session.scalars(select(CaseAllocation).join(Child)).all()
        for case in rows:
            _ = case.child.la_child_id, case.worker.name, case.team.name
        return {case.child.la_child_id: case for case in rows}


def test_a_caseload_csv_becomes_cases(tmp_path: Path, run_import: Importer,
                                      db: DbFactory) -> None:
    rows = [CASELOAD_HEADER,
            caseload_row("C1", **{"Child name": "Zoë Smith"}),
            caseload_row("C2", kind="Child Protection Plan", **{"Seen alone": "No"}),
            caseload_row("C3", worker="Bo Jones", kind="LAC", team="Riverside")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows), actor_id=None)

    assert (report.rows_read, report.added, report.updated, report.closed) == (3, 3, 0, 0)
    assert report.kinds == {CaseKind.CHILD_IN_NEED: 1, CaseKind.CHILD_PROTECTION_PLAN: 1,
                            CaseKind.LOOKED_AFTER: 1}
    cases = _cases(db)
    first = cases["C1"]
    assert first.kind is CaseKind.CHILD_IN_NEED
    assert first.child.name == "Zoë Smith"
    assert first.child.date_of_birth == dt.date(2015, 3, 4)
    assert first.child.gender == "Female"
    assert first.start_date == dt.date(2026, 2, 1)
    assert first.last_visit_date == dt.date(2026, 11, 20)
    assert first.seen_alone is True
    assert first.last_review_date == dt.date(2026, 10, 1)
    assert first.key_dates == {"last_review": "2026-10-01", "last_visit": "2026-11-20",
                               "start_date": "2026-02-01"}
    assert first.worker.name == "Ann Smith"
    assert first.team.name == "Northgate"
    assert cases["C2"].seen_alone is False
    assert cases["C3"].team.name == "Riverside"
    assert first.last_import_batch_id == report.batch_id

    with db() as session:
        workers = session.scalars(select(Staff).order_by(Staff.name)).all()
        assert [(w.name, w.name_key, w.role) for w in workers] == [
            ("Ann Smith", "ann smith", Role.WORKER), ("Bo Jones", "bo jones", Role.WORKER)]
        assert sorted(session.scalars(select(Team.name_key))) == ["northgate", "riverside"]
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert (batch.file_name, batch.rows_read, batch.added, batch.closed) == ("caseload.csv", 3, 3, 0)
        assert batch.sha256 == report.sha256
        assert len(batch.sha256) == 64
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.entity_type, event.entity_id) == ("import", "import_batch",
                                                                      str(report.batch_id))
        assert event.details["added"] == 3
        assert "Zoë" not in str(event.details)  # no child's details in the audit trail


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings_excel_writes(tmp_path: Path, encoding: str, run_import: Importer,
                                db: DbFactory) -> None:
    header = [*CASELOAD_HEADER, "Notes"]
    rows = [header,
            [*caseload_row("C1", worker="Siân O'Neill", **{"Child name": "Zoë Brontë"}), "Fees £120"],
            [*caseload_row("C2", worker="Siân O'Neill", team="Café Team"), "naïve"]]
    delimiter = "\t" if encoding == "utf-16" else ","  # Excel's "Unicode text" is tab separated
    path = write_csv(tmp_path / "caseload.csv", rows, encoding=encoding, delimiter=delimiter)
    report = run_import(path)
    assert report.added == 2
    cases = _cases(db)
    assert cases["C1"].child.name == "Zoë Brontë"
    assert cases["C1"].worker.name == "Siân O'Neill"
    assert cases["C2"].team.name == "Café Team"


def test_semicolon_separated_csv(tmp_path: Path, run_import: Importer) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C2")]
    assert run_import(write_csv(tmp_path / "caseload.csv", rows, delimiter=";")).added == 2


def test_generated_cp1252_export(tmp_path: Path, run_import: Importer,
                                 db: DbFactory) -> None:
    generated = write_caseload_csv(tmp_path / "export.csv", rows=60, seed=3, encoding="cp1252")
    report = run_import(generated.path)
    assert report.added == len(generated.cases)
    assert report.unallocated_count == generated.unallocated_rows
    found = {ref: case.kind for ref, case in _cases(db).items()}
    assert found == {case.child_id: case.kind for case in generated.cases}


def test_dates_in_every_form_in_a_workbook(tmp_path: Path, run_import: Importer,
                                           db: DbFactory) -> None:
    header = ["Child ID", "Allocated Worker", "Allocated Team", "Case type", "DOB", "Last visit"]
    expected = dt.date(2026, 11, 20)
    forms = [dt.date(2026, 11, 20), dt.datetime(2026, 11, 20, 9, 30), "20/11/2026", "2026-11-20",
             46346, 46346.0, "46346", "20-Nov-2026", "20/11/26"]
    rows = [header] + [[f"C{n}", "Ann Smith", "North", "CIN", "01/06/2019", form]
                       for n, form in enumerate(forms)]
    report = run_import(write_xlsx(tmp_path / "caseload.xlsx", {"Caseload": rows}))
    assert report.added == len(forms)
    assert not report.warnings
    assert {case.last_visit_date for case in _cases(db).values()} == {expected}


def test_unallocated_rows_are_reported_not_imported(tmp_path: Path, run_import: Importer,
                                                    db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C2", worker="#N/A"),
            caseload_row("C3", worker=""), caseload_row("C4", worker=" Unallocated "),
            caseload_row("C5", worker="#N/A", team="Riverside")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows))
    assert report.added == 1
    assert [(row.row, row.child_ref, row.team) for row in report.unallocated] == [
        (3, "C2", "Northgate"), (4, "C3", "Northgate"), (5, "C4", "Northgate"), (6, "C5", "Riverside")]
    text = report.format_text()
    assert "Unallocated rows (4)" in text
    assert "row 3, child C2 (team Northgate)" in text
    with db() as session:
        assert session.scalars(select(Staff.name)).all() == ["Ann Smith"]
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert batch.unallocated == 4


def test_selecting_a_worker_folds_case_spacing_and_nbsp(tmp_path: Path, run_import: Importer,
                                                        db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1", worker="Ann\u00a0Smith"),
            caseload_row("C2", worker="  ANN SMITH "), caseload_row("C3", worker="ann  smith"),
            caseload_row("C4", worker="Bo Jones"), caseload_row("C5", worker="Ann Smithers")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows), worker="ann\u00a0 SMITH")
    assert report.added == 3
    assert report.outside_selection == 2
    assert set(_cases(db)) == {"C1", "C2", "C3"}
    with db() as session:
        assert session.scalars(select(Staff.name)).all() == ["Ann Smith"]  # the tidiest spelling


def test_selecting_a_team(tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1", team="Northgate\u00a0Team"),
            caseload_row("C2", worker="Bo Jones", team="NORTHGATE TEAM "),
            caseload_row("C3", team="Riverside")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows), team="northgate team")
    assert report.added == 2
    assert set(_cases(db)) == {"C1", "C2"}


def test_selecting_worker_and_team(tmp_path: Path, run_import: Importer,
                                   db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C2", team="Riverside"),
            caseload_row("C3", worker="Bo Jones")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows), worker="Ann Smith", team="Riverside")
    assert report.added == 1
    assert set(_cases(db)) == {"C2"}


def test_a_file_without_a_team_column_takes_the_chosen_team(tmp_path: Path, run_import: Importer,
                                                            db: DbFactory) -> None:
    rows = [["Child ID", "Worker", "Case type"], ["C1", "Ann Smith", "CIN"], ["C2", "Ann Smith", "CP"]]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows), team="Northgate")
    assert report.added == 2
    assert {case.team.name for case in _cases(db).values()} == {"Northgate"}


def test_rows_that_cannot_be_used_are_rejected_with_reasons(tmp_path: Path, run_import: Importer,
                                                            db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row(""),
            caseload_row("C3", worker="=VLOOKUP(A4,Staff!A:B,2,FALSE)"),
            caseload_row("C4", kind="Fostering panel"), caseload_row("C5", team=""),
            caseload_row("C6", kind="")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows))
    assert report.added == 1
    reasons = {(p.row, p.child_ref): p.reason for p in report.rejected}
    assert set(reasons) == {(3, None), (4, "C3"), (5, "C4"), (6, "C5"), (7, "C6")}
    assert "no Child Unique ID" in reasons[(3, None)]
    assert "formula" in reasons[(4, "C3")]
    assert "Fostering panel" in reasons[(5, "C4")]
    assert "Allocated Team is blank" in reasons[(6, "C5")]
    assert "Case type is blank" in reasons[(7, "C6")]
    with db() as session:
        stored = session.scalars(select(ImportRejectedRow).order_by(ImportRejectedRow.row_number)).all()
        assert [(r.batch_id, r.sheet, r.row_number, r.child_ref) for r in stored] == [
            (report.batch_id, None, 3, None), (report.batch_id, None, 4, "C3"),
            (report.batch_id, None, 5, "C4"), (report.batch_id, None, 6, "C5"),
            (report.batch_id, None, 7, "C6")]
    assert "Rejected rows (5)" in report.format_text()


def test_unreadable_optional_cells_are_left_empty_and_reported(tmp_path: Path, run_import: Importer,
                                                               db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1", **{"Last visit": "31/02/2026"}),
            caseload_row("C2", **{"Last review": "=TODAY()-30", "Seen alone": "perhaps"})]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows))
    assert report.added == 2
    cases = _cases(db)
    assert cases["C1"].last_visit_date is None
    assert cases["C2"].last_review_date is None
    assert cases["C2"].seen_alone is None
    messages = [f"{w.row} {w.child_ref} {w.reason}" for w in report.warnings]
    assert any(m.startswith("2 C1 Last visit is not a real date") for m in messages), messages
    assert any(m.startswith("3 C2 Date of Last Review holds a formula") for m in messages), messages
    assert any(m.startswith("3 C2 Was the Child Seen Alone? is not Yes or No") for m in messages)


def test_an_identical_repeated_row_is_counted_once(tmp_path: Path, run_import: Importer) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C2"), caseload_row("C1")]
    report = run_import(write_csv(tmp_path / "caseload.csv", rows))
    assert report.added == 2
    assert [(w.row, w.reason) for w in report.warnings] == [(4, "repeats row 2; counted once")]


def test_one_child_with_two_workers_is_two_cases(tmp_path: Path, run_import: Importer,
                                                 db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C1", worker="Bo Jones", kind="CP")]
    assert run_import(write_csv(tmp_path / "caseload.csv", rows)).added == 2
    with db() as session:
        assert session.scalars(select(Child.la_child_id)).all() == ["C1"]


def test_the_imported_caseload_is_what_the_caseload_query_shows(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C2", kind="CP"), caseload_row("C1"),
            caseload_row("C3", worker="Bo Jones")]
    run_import(write_csv(tmp_path / "caseload.csv", rows))
    with db() as session:
        ann = session.scalars(select(Staff).where(Staff.name_key == fold_name("Ann Smith"))).one()
    shown = open_cases(db, worker_id=ann.id)
    assert [(c.la_child_id, c.kind) for c in shown] == [("C1", CaseKind.CHILD_IN_NEED),
                                                        ("C2", CaseKind.CHILD_PROTECTION_PLAN)]


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".XLSX"])
def test_workbooks_whatever_their_extension(tmp_path: Path, suffix: str, run_import: Importer) -> None:
    path = write_xlsx(tmp_path / f"caseload{suffix}", {"Notes": [["Exported by Mosaic"]],
                                                       "Caseload": [CASELOAD_HEADER, caseload_row("C1")]})
    report = run_import(path)
    assert report.added == 1
    assert report.rows_read == 1  # the Notes sheet has no caseload columns and is passed over
