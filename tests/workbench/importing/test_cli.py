"""`workbench import` and `workbench caseload` as a person at a terminal uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workbench.importing.conftest import CASELOAD_HEADER, caseload_row, write_csv, write_xlsx
from workbench.cli import main


def _caseload_file(tmp_path: Path, *rows: list[str], name: str = "caseload.csv") -> str:
    return str(write_csv(tmp_path / name, [CASELOAD_HEADER, *rows]))


def test_import_prints_the_report_and_caseload_lists_the_cases(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _caseload_file(tmp_path, caseload_row("C2", kind="CP"), caseload_row("C1"),
                          caseload_row("C3", worker="Bo Jones"), caseload_row("C4", worker="#N/A"))
    assert main(["--database", db_url, "import", path]) == 0
    out = capsys.readouterr().out
    assert "Imported caseload.csv" in out
    assert "Rows read: 4" in out
    assert "Cases: 3 added, 0 updated, 0 unchanged, 0 closed" in out
    assert "Unallocated rows (1)" in out
    assert "row 5, child C4" in out

    assert main(["--database", db_url, "caseload", "--worker", "ANN\u00a0smith", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    objects = [json.loads(line) for line in lines]
    assert [(o["child_id"], o["kind"], o["start_date"], o["team"]) for o in objects] == [
        ("C1", "child_in_need", "2026-02-01", "Northgate"),
        ("C2", "child_protection_plan", "2026-02-01", "Northgate")]
    assert objects[0]["key_dates"]["last_visit"] == "2026-11-20"
    assert [o["child_name"] for o in objects] == [None, None]  # this export has no names
    assert objects[0]["key_dates"]["last_review"] == "2026-10-01"
    assert objects[0]["key_dates"]["start_date"] == "2026-02-01"  # the import's own key dates

    assert main(["--database", db_url, "caseload", "--worker", "Bo Jones"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Bo Jones (Northgate): 1 open cases"
    assert "C3" in out
    assert "Child in need" in out


def test_caseload_json_carries_the_childs_name_and_workers_are_found_as_spelled(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _caseload_file(tmp_path, caseload_row("C1", worker="Zoë Łucja", **{"Child name": "Łucja Nowak"}))
    assert main(["--database", db_url, "import", path]) == 0
    capsys.readouterr()
    assert main(["--database", db_url, "caseload", "--worker", "zoe lucja", "--json"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["child_name"] == "Łucja Nowak"
    assert json.loads(line)["worker"] == "Zoë Łucja"


def test_import_selects_a_worker_and_team(tmp_path: Path, db_url: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = _caseload_file(tmp_path, caseload_row("C1"), caseload_row("C2", worker="Bo Jones"),
                          caseload_row("C3", team="Riverside"))
    assert main(["--database", db_url, "import", path, "--worker", "ann smith",
                 "--team", "NORTHGATE"]) == 0
    out = capsys.readouterr().out
    assert "Selection: worker ann smith, team NORTHGATE" in out
    assert "Cases: 1 added" in out
    assert main(["--database", db_url, "caseload", "--worker", "Ann Smith", "--json"]) == 0
    assert [json.loads(line)["child_id"] for line in capsys.readouterr().out.splitlines()] == ["C1"]


def test_a_partial_import_leaves_absent_cases_open(tmp_path: Path, db_url: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    first = _caseload_file(tmp_path, caseload_row("C1"), caseload_row("C2"), name="first.csv")
    second = _caseload_file(tmp_path, caseload_row("C2"), caseload_row("C3"), name="second.csv")
    assert main(["--database", db_url, "import", first]) == 0
    assert main(["--database", db_url, "import", second, "--partial"]) == 0
    assert "1 added, 0 updated, 1 unchanged, 0 closed" in capsys.readouterr().out
    assert main(["--database", db_url, "caseload", "--worker", "Ann Smith", "--json"]) == 0
    ids = [json.loads(line)["child_id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["C1", "C2", "C3"]

    # Complete, with no worker chosen: closing C1 is refused until confirmed, and previewed.
    assert main(["--database", db_url, "import", second]) == 1
    assert ("would close open cases of people other than the chosen worker (1 in all;"
            in capsys.readouterr().err)
    assert main(["--database", db_url, "import", second, "--preview"]) == 0
    assert "C1: Ann Smith (Northgate), not in the file" in capsys.readouterr().out
    assert main(["--database", db_url, "import", second, "--confirm-closures"]) == 0
    assert "0 added, 0 updated, 2 unchanged, 1 closed" in capsys.readouterr().out
    assert main(["--database", db_url, "caseload", "--worker", "Ann Smith", "--json"]) == 0
    assert [json.loads(line)["child_id"] for line in capsys.readouterr().out.splitlines()] == ["C2", "C3"]


def test_a_failed_import_is_one_line_and_exit_status_1(tmp_path: Path, db_url: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", {"Caseload": [CASELOAD_HEADER, caseload_row("C1")]})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:700])
    assert main(["--database", db_url, "import", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("workbench import: broken.xlsx: the workbook is damaged")
    assert "Traceback" not in captured.err


def test_caseload_of_an_unknown_worker(tmp_path: Path, db_url: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database", db_url, "import", _caseload_file(tmp_path, caseload_row("C1"))]) == 0
    capsys.readouterr()
    assert main(["--database", db_url, "caseload", "--worker", "Nobody Here"]) == 1
    assert "no worker named 'Nobody Here'" in capsys.readouterr().err


def test_caseload_asks_for_a_team_when_two_workers_share_a_name(
        tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _caseload_file(tmp_path, caseload_row("C1"), caseload_row("C2", team="Riverside"))
    assert main(["--database", db_url, "import", path]) == 0
    capsys.readouterr()
    assert main(["--database", db_url, "caseload", "--worker", "Ann Smith"]) == 1
    assert "2 workers are named 'Ann Smith' (teams: Northgate, Riverside)" in capsys.readouterr().err
    assert main(["--database", db_url, "caseload", "--worker", "Ann Smith", "--team", "riverside",
                 "--json"]) == 0
    assert [json.loads(line)["child_id"] for line in capsys.readouterr().out.splitlines()] == ["C2"]


@pytest.mark.parametrize("command", ["import", "caseload"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "--worker" in out
    assert ("--partial" in out) if command == "import" else ("--json" in out)


def test_caseload_json_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`workbench caseload --json | head` must not print a traceback when the reader has gone.

    The reader here is `true`, which exits at once: by the time the workbench writes, the pipe
    is closed, so every run meets the broken pipe."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    env = os.environ | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
                        "WORKBENCH_AUDIT_KEY": "ab" * 32}
    subprocess.run([sys.executable, "-m", "workbench", "--database", url, "demo", "--no-pdfs"], check=True,
                   capture_output=True, env=env)
    run = subprocess.run(
        f"{sys.executable} -m workbench --database {url} caseload --worker 'Demo Worker Ash' "
        "--json | true", shell=True, capture_output=True, text=True, env=env, check=True)
    assert "Traceback" not in run.stderr
    assert "BrokenPipeError" not in run.stderr
