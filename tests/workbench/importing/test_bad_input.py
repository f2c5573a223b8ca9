"""Bad input gets a message naming the problem, and the database stays exactly as it was."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import DbFactory
from db.models import Child, ImportBatch
from tests.conftest import FixedClock
from tests.workbench.importing.conftest import (
    CASELOAD_HEADER,
    Importer,
    caseload_row,
    write_csv,
    write_xlsx,
)
from workbench.audit import AuditTrail
from workbench.importing import ImportFailed, import_caseload, reading

State = Callable[[], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture
def populated(tmp_path: Path, run_import: Importer) -> None:
    """A database that already holds a caseload, so that a half-import would show."""
    rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C2", kind="CP"),
            caseload_row("C3", worker="Bo Jones")]
    run_import(write_csv(tmp_path / "first.csv", rows))


def _fails(run_import: Importer, snapshot: State, path: Path, code: str, *words: str,
           **options: Any) -> str:
    before = snapshot()
    with pytest.raises(ImportFailed) as caught:
        run_import(path, **options)
    assert caught.value.code == code
    message = str(caught.value)
    for word in words:
        assert word.casefold() in message.casefold(), message
    assert snapshot() == before
    return message


@pytest.mark.usefixtures("populated")
class TestEachBadInputLeavesTheDatabaseAlone:
    def test_an_image_named_csv(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = tmp_path / "caseload.csv"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        _fails(run_import, snapshot, path, "not_a_spreadsheet", "not a spreadsheet", "PNG")

    def test_a_pdf(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = tmp_path / "caseload.pdf"
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
        _fails(run_import, snapshot, path, "not_a_spreadsheet", "PDF", "not a spreadsheet")

    def test_binary_noise(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = tmp_path / "caseload.dat"
        path.write_bytes(bytes(range(256)) * 16)
        _fails(run_import, snapshot, path, "not_a_spreadsheet", "not a spreadsheet")

    def test_an_empty_file(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = tmp_path / "caseload.csv"
        path.write_bytes(b"")
        _fails(run_import, snapshot, path, "empty", "empty")

    def test_headers_and_no_rows(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = write_csv(tmp_path / "caseload.csv", [CASELOAD_HEADER, [], ["", "", ""]])
        _fails(run_import, snapshot, path, "empty", "no rows")

    def test_a_workbook_of_empty_sheets(self, tmp_path: Path, run_import: Importer,
                                        snapshot: State) -> None:
        path = write_xlsx(tmp_path / "caseload.xlsx", {"Sheet1": [], "Sheet2": [[None, ""]]})
        _fails(run_import, snapshot, path, "empty", "no rows")

    def test_an_annex_a_with_empty_lists(self, tmp_path: Path, run_import: Importer,
                                         snapshot: State) -> None:
        sheets: dict[str, list[list[Any]]] = {f"List {n}": [] for n in range(1, 12)}
        sheets["List 6"] = [["Child Unique ID", "Allocated Team", "Allocated Worker"]]
        path = write_xlsx(tmp_path / "annex_a.xlsx", sheets)
        _fails(run_import, snapshot, path, "empty", "no rows")

    def test_required_columns_missing_are_named(self, tmp_path: Path, run_import: Importer,
                                                snapshot: State) -> None:
        path = write_csv(tmp_path / "caseload.csv",
                         [["Child ID", "DOB", "Case type"], ["C9", "01/01/2020", "CIN"]])
        message = _fails(run_import, snapshot, path, "missing_columns", "Allocated Worker",
                         "Allocated Team")
        assert "Child Unique ID" not in message  # it is there, under another name

    def test_no_child_id_column(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = write_csv(tmp_path / "caseload.csv",
                         [["Name", "Allocated Worker", "Allocated Team"], ["Zoë", "Ann Smith", "North"]])
        _fails(run_import, snapshot, path, "missing_columns", "Child Unique ID", "Case type")

    def test_prose_is_not_a_caseload(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = tmp_path / "notes.txt"
        path.write_text("Dear team,\nplease find the caseload attached.\n", encoding="utf-8")
        _fails(run_import, snapshot, path, "missing_columns", "missing required columns")

    def test_an_annex_a_list_without_its_allocation_columns(self, tmp_path: Path, run_import: Importer,
                                                            snapshot: State) -> None:
        path = write_xlsx(tmp_path / "annex_a.xlsx", {
            "List 1": [["Child Unique ID"], ["A1"]],
            "List 6": [["Child Unique ID", "Allocated Worker", "CIN Start Date"],
                       ["C1", "Ann", "01/01/2026"]],
        })
        _fails(run_import, snapshot, path, "missing_columns", "List 6", "Allocated Team")

    def test_a_later_list_without_its_allocation_columns(self, tmp_path: Path, run_import: Importer,
                                                         snapshot: State) -> None:
        # The good lists before it are read first: the refusal still writes nothing.
        path = write_xlsx(tmp_path / "annex_a.xlsx", {
            "List 3": [["Child Unique ID", "Allocated Worker", "Allocated Team"], ["R1", "Ann", "North"]],
            "List 6": [["Child Unique ID", "Allocated Worker", "Allocated Team"], ["C1", "Ann", "North"]],
            "List 8": [["Child Unique ID", "Allocated Worker"], ["L1", "Ann"]],
        })
        _fails(run_import, snapshot, path, "missing_columns", "List 8", "Allocated Team")

    def test_conflicting_duplicates(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        rows = [CASELOAD_HEADER, caseload_row("C1"), caseload_row("C7"),
                caseload_row("C7", DOB="05/05/2016"), caseload_row("C4")]
        path = write_csv(tmp_path / "caseload.csv", rows)
        _fails(run_import, snapshot, path, "conflicting_duplicates", "rows 3 and 4", "child C7",
               "Ann Smith")

    def test_a_truncated_xlsx(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        good = write_xlsx(tmp_path / "good.xlsx", {"Caseload": [CASELOAD_HEADER, caseload_row("C1")]})
        path = tmp_path / "caseload.xlsx"
        path.write_bytes(good.read_bytes()[:900])
        _fails(run_import, snapshot, path, "corrupt", "damaged")

    def test_an_xlsx_with_a_mangled_sheet(self, tmp_path: Path, run_import: Importer,
                                          snapshot: State) -> None:
        good = write_xlsx(tmp_path / "good.xlsx", {"Caseload": [CASELOAD_HEADER, caseload_row("C1")]})
        buffer = io.BytesIO()
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(buffer, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename.startswith("xl/worksheets/"):
                    data = data[: len(data) // 2]  # cut the sheet's XML in half
                target.writestr(item, data)
        path = tmp_path / "caseload.xlsx"
        path.write_bytes(buffer.getvalue())
        _fails(run_import, snapshot, path, "corrupt", "damaged")

    def test_a_word_document_named_xlsx(self, tmp_path: Path, run_import: Importer,
                                        snapshot: State) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        path = tmp_path / "caseload.xlsx"
        path.write_bytes(buffer.getvalue())
        _fails(run_import, snapshot, path, "corrupt", "damaged")

    def test_text_pretending_to_be_xlsx(self, tmp_path: Path, run_import: Importer,
                                        snapshot: State) -> None:
        path = tmp_path / "caseload.xlsx"
        path.write_bytes(b"\x00\x01\x02 not a workbook")
        _fails(run_import, snapshot, path, "corrupt", "not really an Excel workbook")

    def test_a_200_mb_file_is_refused_before_reading(self, tmp_path: Path, run_import: Importer,
                                                     snapshot: State) -> None:
        path = tmp_path / "huge.csv"
        with path.open("wb") as handle:  # sparse: 200 MB long, nothing written to disk
            handle.truncate(200 * 1024 * 1024)
        _fails(run_import, snapshot, path, "too_large", "200 MB", "100 MB")

    def test_the_size_limit_can_be_set(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        path = write_csv(tmp_path / "caseload.csv", [CASELOAD_HEADER, caseload_row("C1")])
        _fails(run_import, snapshot, path, "too_large", "more than", max_bytes=100)

    def test_a_zip_bomb_is_refused(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b" " * 2_000_000)
        path = tmp_path / "bomb.xlsx"
        path.write_bytes(buffer.getvalue())
        assert path.stat().st_size < 20_000
        _fails(run_import, snapshot, path, "too_large", "unpacks", max_bytes=100_000)

    def test_a_small_file_that_unpacks_a_hundredfold_is_refused_whatever_the_limit(
            self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"<c><v>1</v></c>" * 400_000)
        path = tmp_path / "bomb.xlsx"
        path.write_bytes(buffer.getvalue())
        # 6 MB unpacked is well inside the size limit, but no caseload compresses this well.
        _fails(run_import, snapshot, path, "too_large", "unpacks to 6 MB")

    def test_too_many_rows_are_refused_before_they_are_read(
            self, tmp_path: Path, run_import: Importer, snapshot: State,
            monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(reading, "MAX_ROWS", 50)
        csv_path = write_csv(tmp_path / "caseload.csv",
                             [CASELOAD_HEADER, *(caseload_row(f"C{n}") for n in range(60))])
        _fails(run_import, snapshot, csv_path, "too_large", "more than 50 rows")
        workbook = write_xlsx(tmp_path / "caseload.xlsx",
                              {"Caseload": [CASELOAD_HEADER, *(caseload_row(f"C{n}") for n in range(60))]})
        _fails(run_import, snapshot, workbook, "too_large", "more than 50 rows")

    def test_too_many_cells_are_refused_before_they_are_read(
            self, tmp_path: Path, run_import: Importer, snapshot: State,
            monkeypatch: pytest.MonkeyPatch) -> None:
        # Few rows, very wide: the cell limit stops what the row limit lets through.
        monkeypatch.setattr(reading, "MAX_CELLS", 200)
        wide = [[*CASELOAD_HEADER, *(f"Extra {n}" for n in range(40))],
                *([*caseload_row(f"C{n}"), *("x" * 40)] for n in range(8))]
        workbook = write_xlsx(tmp_path / "caseload.xlsx", {"Caseload": wide})
        _fails(run_import, snapshot, workbook, "too_large", "200 cells")

    def test_a_missing_file(self, tmp_path: Path, run_import: Importer, snapshot: State) -> None:
        _fails(run_import, snapshot, tmp_path / "nowhere.csv", "unreadable", "could not be opened")

    def test_a_selection_that_matches_nobody(self, tmp_path: Path, run_import: Importer,
                                             snapshot: State) -> None:
        path = write_csv(tmp_path / "caseload.csv", [CASELOAD_HEADER, caseload_row("C1")])
        _fails(run_import, snapshot, path, "no_match", "Ann Smyth", "Ann Smith", worker="Ann Smyth")

    def test_cancelling_changes_nothing(self, tmp_path: Path, run_import: Importer,
                                        snapshot: State) -> None:
        rows = [CASELOAD_HEADER] + [caseload_row(f"N{n}") for n in range(3000)]
        path = write_csv(tmp_path / "caseload.csv", rows)
        calls: list[tuple[int, int]] = []
        _fails(run_import, snapshot, path, "cancelled", "cancelled", "nothing was changed",
               progress=lambda done, total: calls.append((done, total)),
               is_cancelled=lambda: len(calls) >= 3)
        assert len(calls) == 3


@pytest.mark.usefixtures("populated")
def test_cancelling_while_writing_rolls_back(tmp_path: Path, run_import: Importer, snapshot: State) -> None:
    rows = [CASELOAD_HEADER] + [caseload_row(f"N{n}") for n in range(10)]
    path = write_csv(tmp_path / "caseload.csv", rows)
    calls: list[tuple[int, int]] = []
    before = snapshot()

    def cancelled() -> bool:  # the sixth report comes after the new children were written
        return len(calls) >= 6

    with pytest.raises(ImportFailed, match="cancelled"):
        run_import(path, progress=lambda done, total: calls.append((done, total)), is_cancelled=cancelled)
    assert len(calls) == 6
    assert snapshot() == before


@pytest.mark.usefixtures("populated")
def test_any_error_inside_the_transaction_rolls_everything_back(
        tmp_path: Path, db: DbFactory, clock: FixedClock, snapshot: State) -> None:
    class BrokenAudit(AuditTrail):
        def record(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("audit store unavailable")

    rows = [CASELOAD_HEADER, caseload_row("N1"), caseload_row("N2", worker="New Worker")]
    before = snapshot()
    with pytest.raises(RuntimeError, match="audit store"):
        import_caseload(db, write_csv(tmp_path / "c.csv", rows), audit=BrokenAudit(clock),
                        clock=clock, confirm_closures=True)
    assert snapshot() == before


@pytest.mark.usefixtures("populated")
def test_a_csv_cell_too_big_to_be_a_value(tmp_path: Path, run_import: Importer, snapshot: State) -> None:
    rows = [CASELOAD_HEADER, caseload_row("C1", **{"Child name": "x" * 200_000})]
    _fails(run_import, snapshot, write_csv(tmp_path / "caseload.csv", rows), "not_a_spreadsheet",
           "could not be read", "field larger")


def test_huge_and_markup_text_is_kept_as_text_within_limits(tmp_path: Path, run_import: Importer,
                                                           db: DbFactory) -> None:
    long_name = "Zoë " + "x" * 30_000
    rows = [CASELOAD_HEADER,
            caseload_row("C1", **{"Child name": "<script>alert('x')</script> & <b>Ann</b>"}),
            caseload_row("C2", **{"Child name": long_name}),
            caseload_row("C3", worker="W" * 5000),
            caseload_row("C" * 500)]
    report = run_import(write_xlsx(tmp_path / "caseload.xlsx", {"Caseload": rows}), worker=None,
                        team="Northgate" + " " * 300)
    assert report.added == 2
    assert sorted(p.reason for p in report.rejected) == [
        "the child id is longer than 100 characters",
        "the worker or team name is longer than 200 characters"]
    with db() as session:
        names = dict(session.execute(select(Child.la_child_id, Child.name)).all())
    assert names["C1"] == "<script>alert('x')</script> & <b>Ann</b>"
    assert names["C2"] == long_name[:200]

    # A selection as long as the rejected name: the batch records it, shortened.
    only = run_import(write_xlsx(tmp_path / "again.xlsx", {"Caseload": rows}), worker="W" * 5000)
    assert [p.child_ref for p in only.rejected] == ["C3"]
    with db() as session:
        batch = session.get(ImportBatch, only.batch_id)
        assert batch is not None
        assert batch.worker_filter == "W" * 200
