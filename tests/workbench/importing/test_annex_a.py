"""The Ofsted Annex A workbook: Lists 3-9, one case per child however many lists name it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.engine import DbFactory
from db.enums import CaseKind
from db.models import CaseAllocation, Child, Staff
from tests.support.annex_a import write_annex_a
from tests.workbench.importing.conftest import Importer, write_xlsx
from workbench.names import fold_name

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Allocated Team", "Allocated Worker"]


def _cases(db: DbFactory, worker: str | None = None) -> dict[str, CaseAllocation]:
    with db() as session:
        query = select(CaseAllocation).join(Child).join(Staff, CaseAllocation.worker_id == Staff.id)
        if worker:
            query = query.where(Staff.name_key == fold_name(worker))
        found = session.scalars(query).all()
        for case in found:
            _ = case.child.la_child_id, case.worker.name, case.team.name
        return {case.child.la_child_id: case for case in found}


def test_a_child_in_several_lists_is_one_case_of_the_most_specific_kind(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    team, worker = "Northgate", "Ann Smith"
    path = write_xlsx(tmp_path / "annex_a.xlsx", {
        "List 1": [["Child Unique ID", "Gender"], ["K1", "Female"]],
        "List 3": [[*COMMON, "Date of Referral"],
                   ["K1", "Female", "WBRI", "01/01/2015", team, worker, "02/01/2026"],
                   ["K2", "Male", "WBRI", "01/01/2016", team, worker, "03/01/2026"]],
        "List 5": [[*COMMON, "Section 47 start date", "Date of ICPC"],
                   ["K1", "Female", "WBRI", "01/01/2015", team, worker, "05/01/2026", "20/01/2026"]],
        "List 6": [[*COMMON, "CIN Start Date", "Date Child Was Last Seen", "Case Status"],
                   ["K1", "Female", "WBRI", "01/01/2015", team, worker, "10/01/2026", "01/11/2026", "Open"],
                   ["K2", "Male", "WBRI", "01/01/2016", team, worker, "04/01/2026", "10/11/2026", "Open"],
                   ["K3", "Male", "WBRI", "01/01/2017", team, worker, "01/03/2025", "01/11/2026", "Open"]],
        "List 7": [[*COMMON, "Child Protection Plan Start Date", "Initial Category of Abuse",
                    "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
                    "Date of Latest Review Conference", "Date Child Protection Plan Ceased"],
                   ["K1", "Female", "WBRI", "01/01/2015", team, worker, "20/01/2026", "b) Neglect",
                    "18/11/2026", "a) Yes", "15/07/2026", None],
                   ["K3", "Male", "WBRI", "01/01/2017", team, worker, "01/04/2025", "Emotional abuse",
                    "01/10/2026", "No", "01/09/2025", "30/09/2026"]],
        "List 8": [[*COMMON, "Date Started to be Looked After", "Child's Legal Status",
                    "Date of Last Social Work Visit", "Date of Last Review"],
                   ["K4", "Female", "WBRI", "01/01/2012", team, worker, "01/05/2024", "C2) Full care order",
                    "12/11/2026", "01/08/2026"]],
    })
    report = run_import(path)

    assert report.rows_read == 9  # Lists 3, 5, 6, 7 and 8; List 1 is contacts, not allocations
    assert report.added == 4
    cases = _cases(db)
    assert {ref: case.kind for ref, case in cases.items()} == {
        "K1": CaseKind.CHILD_PROTECTION_PLAN, "K2": CaseKind.CHILD_IN_NEED,
        "K3": CaseKind.CHILD_IN_NEED,  # the plan ceased: still a child in need
        "K4": CaseKind.LOOKED_AFTER}
    first = cases["K1"]
    assert first.key_dates == {
        "cin_start": "2026-01-10", "cp_start": "2026-01-20", "icpc_date": "2026-01-20",
        "last_review_conference": "2026-07-15", "last_seen": "2026-11-01",
        "last_statutory_visit": "2026-11-18", "referral_date": "2026-01-02", "s47_start": "2026-01-05"}
    assert first.start_date == dt.date(2026, 1, 20)  # when the plan started
    assert first.last_visit_date == dt.date(2026, 11, 18)  # the latest of the visits and sightings
    assert first.seen_alone is True
    assert first.last_review_date == dt.date(2026, 7, 15)
    assert first.details == {"case_status": "Open", "category_initial": "Neglect"}
    assert cases["K3"].key_dates["cp_ended"] == "2026-09-30"
    assert cases["K3"].start_date == dt.date(2025, 3, 1)
    assert cases["K4"].details == {"legal_status": "Full care order"}
    assert cases["K4"].last_review_date == dt.date(2026, 8, 1)
    with db() as session:
        assert session.scalars(select(Child.la_child_id).order_by(Child.la_child_id)).all() == [
            "K1", "K2", "K3", "K4"]


def test_an_untidy_annex_a_workbook_it_has_never_seen(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    """Built by hand, cell by cell, with the mess of a real export; not by the test generator."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)

    def sheet(name: str, rows: list[list[Any]], *, title: str | None = None) -> None:
        ws = workbook.create_sheet(name)
        start = 1
        if title:
            ws.cell(1, 1, title)
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
            start = 3
        for r, row in enumerate(rows, start=start):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c, value)
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                if isinstance(value, str) and value.startswith("=VLOOKUP"):
                    cell.data_type = "s"  # a formula pasted as text: no value to read

    sheet("List 1", [["Child Unique ID", "Date of Contact"], ["Z9", dt.date(2026, 10, 1)]])
    sheet("List 2", [["Child Unique ID", "Early help start"], ["Z8", dt.date(2026, 9, 1)]])
    # List 3: shouted headers with stray spaces, ids as numbers, an error value as the worker.
    sheet("List 3 ", [
        ["CHILD  unique-ID", "GENDER", "DATE OF BIRTH", "DATE OF REFERRAL", "ALLOCATED TEAM ",
         "allocated worker "],
        [1001, "b) Female", 42370, "12/10/2026", "Northgate Family Support", "Ann\u00a0Smith"],
        [1002, "a) Male", "2016-05-01", dt.date(2026, 10, 14), "northgate family support", "#N/A"],
        [1003, "Male", dt.date(2019, 2, 3), 46300, "Northgate Family Support", "=VLOOKUP(A4,W!A:B,2,0)"],
    ])
    # List 6 under a merged title row, with "Allocated\nTeam" wrapped in its cell.
    sheet("list6 - CIN", [
        ["Child's unique ID", "Gender", "Date of birth (dd/mm/yyyy)", "CIN start date", "Case status",
         "Date of closure", "Allocated\nTeam", "Allocated  Worker", "Age"],
        ["1001", "Female", "01/01/2016", "15/10/2026", "a) Open", None, "Northgate Family Support",
         "ANN SMITH", "=DATEDIF(C4,TODAY(),\"y\")"],
        ["1004", "Female", dt.date(2012, 7, 7), 45000, "Open", None, "Northgate Family Support",
         " Ann Smith ", 14],
        ["1005", "Male", dt.date(2013, 8, 8), "01/02/2024", "Closed", "30/06/2026",
         "Northgate Family Support", "Ann Smith", 13],
        ["1006", "Female", dt.date(2014, 9, 9), "01/01/2026", "Open", None, "Riverside", "Bo Jones", 12],
        ["1007", "Male", dt.date(2015, 1, 1), "03/03/2026", "Open", None, "Northgate Family Support",
         "", 11],
        [None, None, None, None, None, None, None, None, None],
        ["Total rows: 5", None, None, None, None, None, None, None, None],
    ], title="List 6: Children in need (as at 26/11/2026)")
    sheet("LIST 7", [
        ["Child Unique ID", "Gender", "Date of Birth", "CP Plan Start Date",
         "Initial category of abuse", "Date of the last statutory visit", "Was the child seen alone?",
         "Allocated Team", "Allocated Worker"],
        ["1004", "F", dt.date(2012, 7, 7), "2026-03-01", "c) Neglect", 46340, "Yes",
         "Northgate Family Support", "Ann Smith"],
    ])
    sheet("List 8 (CLA)", [
        ["Child Unique ID", "Gender", "Date of Birth", "Date started to be looked after",
         "Child's legal status", "Date of last social work visit", "Allocated Team", "Allocated Worker"],
        ["1008", "Male", dt.date(2010, 4, 4), dt.date(2023, 5, 5), "C2", "21/11/2026",
         "Northgate Family Support", "ann smith"],
        ["1009", "Male", dt.date(2011, 4, 4), dt.date(2024, 5, 5), "V2", "21/11/2026",
         "Northgate Family Support", "#N/A "],
    ])
    sheet("List 10", [["Child Unique ID", "Date of adoption order"], ["Z7", dt.date(2026, 1, 1)]])
    path = tmp_path / "Annex A 2026.xlsx"
    workbook.save(path)

    report = run_import(path, worker="Ann Smith")

    cases = _cases(db)
    assert {ref: case.kind for ref, case in cases.items()} == {
        "1001": CaseKind.CHILD_IN_NEED, "1004": CaseKind.CHILD_PROTECTION_PLAN,
        "1008": CaseKind.LOOKED_AFTER}
    assert {case.worker.name for case in cases.values()} == {"Ann Smith"}
    assert {case.team.name for case in cases.values()} == {"Northgate Family Support"}
    assert sorted((row.sheet, row.child_ref) for row in report.unallocated) == [
        ("List 3 ", "1002"), ("List 8 (CLA)", "1009"), ("list6 - CIN", "1007")]
    rejected = {(p.sheet, p.row, p.child_ref): p.reason for p in report.rejected}
    assert set(rejected) == {("List 3 ", 4, "1003"), ("list6 - CIN", 10, "Total rows: 5")}
    assert "formula" in rejected[("List 3 ", 4, "1003")]
    assert "a note" in rejected[("list6 - CIN", 10, "Total rows: 5")]
    assert report.already_ended == 1  # 1005's CIN case closed in June: not opened here
    assert report.outside_selection == 1  # Bo Jones's child
    first = cases["1001"]
    assert first.child.gender == "Female"
    assert first.child.date_of_birth == dt.date(2016, 1, 1)  # serial 42370
    assert first.key_dates == {"cin_start": "2026-10-15", "referral_date": "2026-10-12"}
    assert cases["1004"].key_dates["cin_start"] == "2023-03-15"  # serial 45000
    assert cases["1004"].last_visit_date == dt.date(2026, 11, 14)  # serial 46340
    assert cases["1004"].details["category_initial"] == "Neglect"
    assert cases["1008"].details["legal_status"] == "C2"
    assert "Unallocated rows (3)" in report.format_text()
    with db() as session:
        assert session.scalars(select(Staff.name)).all() == ["Ann Smith"]


def test_a_generated_annex_a_imports_every_workers_cases(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    generated = write_annex_a(tmp_path / "annex_a.xlsx", rows=400, seed=11)
    report = run_import(generated.path)
    assert report.rows_read == generated.rows
    assert report.unallocated_count == generated.unallocated_rows
    assert not report.rejected
    for worker, _team in generated.workers:
        found = {ref: case.kind for ref, case in _cases(db, worker).items()}
        assert found == generated.cases_of(worker), worker


def test_one_workers_cases_from_a_generated_annex_a(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    generated = write_annex_a(tmp_path / "annex_a.xlsx", rows=300, seed=5)
    worker = generated.workers[2][0]
    report = run_import(generated.path, worker=worker.upper().replace(" ", "\u00a0"))
    assert report.added == len(generated.cases_of(worker))
    assert {ref: case.kind for ref, case in _cases(db).items()} == generated.cases_of(worker)
    assert report.unallocated_count == generated.unallocated_rows


def test_an_ended_episode_beside_the_current_one_is_not_a_conflict(
        tmp_path: Path, run_import: Importer, db: DbFactory) -> None:
    header = [*COMMON, "CIN Start Date", "Date of Closure"]
    path = write_xlsx(tmp_path / "annex_a.xlsx", {"List 6": [
        header,
        ["K1", "Male", "WBRI", "01/01/2015", "North", "Ann", "01/02/2024", "30/06/2025"],
        ["K1", "Male", "WBRI", "01/01/2015", "North", "Ann", "01/09/2026", None],
        ["K2", "Male", "WBRI", "01/01/2016", "North", "Ann", "01/02/2024", "30/06/2025"],
        ["K2", "Male", "WBRI", "01/01/2016", "North", "Ann", "01/02/2024", "30/06/2025"],
    ]})
    report = run_import(path)
    assert report.added == 1  # K2's only episode has ended: not opened
    assert report.already_ended == 1
    assert [(w.row, w.child_ref) for w in report.warnings] == [(5, "K2")]  # the repeat
    case = _cases(db)["K1"]
    assert case.kind is CaseKind.CHILD_IN_NEED
    assert case.start_date == dt.date(2026, 9, 1)
    assert case.end_date is None
