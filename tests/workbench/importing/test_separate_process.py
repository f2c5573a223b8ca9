"""A large file is read in a process of its own (so the app's UI thread never waits on it):
the import it makes is the same import, progress still comes, cancel still stops it, and a bad
file is still refused in the user's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.annex_a import write_annex_a
from tests.workbench.importing.conftest import CASELOAD_HEADER, Importer, caseload_row, write_csv
from workbench.importing import MAX_FILE_BYTES, ImportFailed
from workbench.importing import worker as elsewhere
from workbench.importing.prepare import Tracker, prepare

State = Callable[[], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture
def every_file_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(elsewhere, "SEPARATE_PROCESS_FROM_BYTES", 0)


@pytest.fixture
def spy_on_the_process(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read in a separate process (the real function, wrapped)."""
    seen: list[Path] = []
    real = elsewhere.prepare_elsewhere

    def spy(path: Path, **kwargs: Any) -> Any:
        seen.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(elsewhere, "prepare_elsewhere", spy)
    return seen


@pytest.mark.usefixtures("every_file_is_large")
def test_an_annex_a_read_in_a_process_imports_exactly_as_on_this_thread(
        tmp_path: Path, run_import: Importer, snapshot: State, spy_on_the_process: list[Path]) -> None:
    workbook = write_annex_a(tmp_path / "annex-a.xlsx", rows=300, seed=5).path
    progress: list[tuple[int, int]] = []
    elsewhere_report = run_import(workbook, separate_process=True,
                                  progress=lambda done, total: progress.append((done, total)))
    assert spy_on_the_process == [workbook]
    assert elsewhere_report.added > 0
    after_elsewhere = snapshot()
    # The same file again, read here: nothing left to change, and the same file was seen.
    here_report = run_import(workbook)
    assert here_report.unchanged == elsewhere_report.added + elsewhere_report.updated
    assert here_report.rows_read == elsewhere_report.rows_read
    assert here_report.sha256 == elsewhere_report.sha256
    assert here_report.warnings == elsewhere_report.warnings
    assert len(snapshot()["case_allocation"]) == len(after_elsewhere["case_allocation"])
    # Progress came through from the reading process, rising to the end.
    assert progress[-1][0] == progress[-1][1]
    assert [done for done, _total in progress] == sorted(done for done, _total in progress)
    assert len(progress) > 5


def test_the_process_reads_the_file_exactly_as_this_thread_does(tmp_path: Path) -> None:
    workbook = write_annex_a(tmp_path / "annex-a.xlsx", rows=200, seed=8).path
    today = dt.date(2026, 11, 30)
    here = prepare(workbook, worker=None, team=None, tracker=Tracker(None, None),
                    max_bytes=MAX_FILE_BYTES, today=today)
    here.combined.draft_all()  # as the process does before it sends the cases
    there = elsewhere.prepare_elsewhere(workbook, worker=None, team=None, max_bytes=MAX_FILE_BYTES,
                                        today=today, progress=lambda done, total: None,
                                        is_cancelled=lambda: False)
    assert len(there.combined.cases) > 100
    assert there.combined.cases == here.combined.cases
    assert there.combined.children == here.combined.children
    assert there.combined.refs == here.combined.refs
    assert there.parsed.rejected == here.parsed.rejected
    assert there.parsed.unallocated == here.parsed.unallocated
    assert there.parsed.rows_read == here.parsed.rows_read
    assert there.warnings == here.warnings
    assert there.protected == here.protected
    assert there.source.sha256 == here.source.sha256


@pytest.mark.usefixtures("every_file_is_large")
def test_cancelling_ends_the_reading_process_and_changes_nothing(
        tmp_path: Path, run_import: Importer, snapshot: State) -> None:
    path = write_csv(tmp_path / "caseload.csv",
                     [CASELOAD_HEADER] + [caseload_row(f"N{n}") for n in range(3000)])
    before = snapshot()
    calls: list[tuple[int, int]] = []
    with pytest.raises(ImportFailed, match="cancelled") as failed:
        run_import(path, separate_process=True, progress=lambda done, total: calls.append((done, total)),
                   is_cancelled=lambda: len(calls) >= 1)
    assert failed.value.code == "cancelled"
    assert "nothing was changed" in str(failed.value)
    assert snapshot() == before


@pytest.mark.usefixtures("every_file_is_large")
def test_a_bad_file_is_refused_in_the_users_words(tmp_path: Path, run_import: Importer,
                                                  snapshot: State) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"%PDF-1.4 not a caseload")
    before = snapshot()
    with pytest.raises(ImportFailed, match="PDF document") as failed:
        run_import(path, separate_process=True)
    assert failed.value.code == "not_a_spreadsheet"
    assert snapshot() == before


def test_a_small_file_is_read_on_the_callers_thread(tmp_path: Path, run_import: Importer,
                                                    spy_on_the_process: list[Path]) -> None:
    path = write_csv(tmp_path / "caseload.csv", [CASELOAD_HEADER, caseload_row("C1")])
    assert run_import(path, separate_process=True).added == 1
    assert spy_on_the_process == []


def test_the_reading_process_starts_without_the_database_layer() -> None:
    # What the spawned reader imports before it reads a cell: SQLAlchemy and the models took it
    # 0.6-1 s, paid by the app's preview and again by its import.
    import subprocess
    import sys

    probe = ("import sys; import workbench.importing.worker, workbench.importing.prepare; "
             "print(sorted(m for m in ('sqlalchemy', 'db.models', 'workbench.importing.service') "
             "if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[3])
    assert found.stdout.strip() == "[]"
