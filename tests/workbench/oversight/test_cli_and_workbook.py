"""`workbench oversight`: JSON with the hand-worked numbers, an .xlsx workbook read back with
python-calamine holding the same numbers, refusals as one line and no traceback.

The period (2026-09-01..2026-11-30) has ended, so the command's real clock reads it as of its
last day, as the core tests do with their fixed clock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import update

from db.engine import DbFactory, transaction
from db.models import Staff
from tests.conftest import FixedClock
from tests.support.cli import CliRun, cli_runner
from tests.workbench.oversight.builders import END, NOW, START, World, build_world, held_with_v4
from workbench.keys import Passphrase, ScryptCost
from workbench.oversight import oversight_report
from workbench.oversight.workbook import sheets, write_workbook
from workbench.signin import hash_passphrase

PERIOD = ["--from", START.isoformat(), "--to", END.isoformat()]


@pytest.fixture
def world(db: DbFactory) -> World:
    return build_world(db)


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    monkeypatch.setenv("WORKBENCH_AUDIT_KEY", "ab" * 32)
    return cli_runner(db_url, monkeypatch, capsys)


def test_json_holds_the_worked_numbers(cli, world: World) -> None:  # type: ignore[no-untyped-def]
    status, out, err = cli("oversight", "--team", " northgate ", *PERIOD, "--json")
    assert status == 0, err
    report = json.loads(out)
    assert report["scope"] == "Northgate"
    assert report["counts"] | {} == {
        "workers": 3, "workers_overdue": 2, "workers_upcoming": 1, "open_cases": 5,
        "children_overdue": 3, "rediscussed_within_interval": 2, "rediscussed_total": 5,
        "pending_notes": 3, "open_disagreements": 1, "overdue_actions": 1, "stuck_cases": 2,
        "divergences": 2, "children_with_direct_work": 4, "signed_records": 4}
    bo = report["workers"][0]
    assert (bo["worker_name"], bo["next_due"], bo["days_overdue"], bo["shortfall"]) == (
        "Bo", "2026-11-10", 20, 1)
    # Direct work since 08-31 (builders): Bo 1 of 2, Cy 2 of 2, Di 1 of 1, the team 4 of 5.
    direct = report["direct_work"]
    assert direct["since"] == "2026-08-31"
    assert [(r["worker_name"], r["open_children"], r["with_direct_work"], r["share"])
            for r in direct["rows"]] == [("Bo", 2, 1, 0.5), ("Cy", 2, 2, 1.0), ("Di", 1, 1, 1.0),
                                         ("Northgate total", 5, 4, 0.8)]
    assert direct["rows"][-1]["by_tool"] == {"three_houses": 2, "wizards_and_fairies": 1,
                                             "safety_house": 1, "words_and_pictures": 1}
    # The plain world's question set cannot be read (its digest does not match): the 4 signed
    # records are counted apart (test_completeness works with a readable one).
    assert report["completeness"] | {"rows": [], "items": []} == {
        "records": 0, "discussions": 0, "unreadable": 4, "items": [], "rows": [],
        "unanswered": []}


def test_json_and_the_workbook_hold_the_completeness_of_optional_items(
        cli, db: DbFactory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Held with the default set v4 (the numbers worked out in test_completeness): Bo answered
    2 of 22 optional items, Cy 1 of 8, Di 0 of 8; the team 3 of 38."""
    build_world(db, before_signing=held_with_v4)
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD, "--json")
    assert status == 0, err
    found = json.loads(out)["completeness"]
    assert (found["records"], found["discussions"], found["unreadable"]) == (4, 5, 0)
    rows = [(r["worker_name"], r["records"], r["answered"], r["asked"]) for r in found["rows"]]
    assert rows == [("Bo", 2, 2, 22), ("Cy", 1, 1, 8), ("Di", 1, 0, 8),
                    ("Northgate total", 4, 3, 38)]
    assert len(found["unanswered"]) == 35
    di = [(u["meeting_date"], u["child_label"]) for u in found["unanswered"]
          if u["worker_name"] == "Di"]
    assert di == [("2026-10-01", None)] * 2 + [("2026-10-01", "C3")] * 6

    path = tmp_path / "oversight.xlsx"
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD, "--xlsx", str(path))
    assert status == 0, err
    book = CalamineWorkbook.from_path(str(path))
    by_worker = book.get_sheet_by_name("Completeness by worker").to_python()
    assert by_worker[0] == ["Worker", "Team", "Signed records", "Children discussed",
                            "Items answered", "Of", "Unanswered", "Share (%)"]
    assert by_worker[1:] == [["Bo", "Northgate", 2, 3, 2, 22, 20, 9.1],
                             ["Cy", "Northgate", 1, 1, 1, 8, 7, 12.5],
                             ["Di", "Northgate", 1, 1, 0, 8, 8, 0],
                             ["Northgate total", "Northgate", 4, 5, 3, 38, 35, 7.9]]
    items = book.get_sheet_by_name("Completeness").to_python()
    assert items[0] == ["Optional item", "For", "Answered", "Of", "Share (%)"]
    assert sorted((row[1], row[2], row[3]) for row in items[1:]) == sorted(
        [("each child", 1, 5), ("each child", 1, 5)] + [("each child", 0, 5)] * 4
        + [("each session", 1, 4), ("each session", 0, 4)])
    left = book.get_sheet_by_name("Items unanswered").to_python()
    assert left[0] == ["Worker", "Meeting", "Session", "Child", "Optional item", "For"]
    assert len(left) == 1 + 35
    assert [row[3] for row in left[1:] if row[0] == "Di"] == ["(the session as a whole)"] * 2 + ["C3"] * 6
    assert {row[1] for row in left[1:]} == {dt.date(2026, 9, 15), dt.date(2026, 10, 1),
                                            dt.date(2026, 10, 10), dt.date(2026, 10, 30)}
    summary = dict(book.get_sheet_by_name("Summary").to_python()[1:])
    assert summary["Signed records"] == 4
    formatted = load_workbook(path)
    for title, table in (("Completeness", "Completeness"),
                         ("Completeness by worker", "CompletenessByWorker"),
                         ("Items unanswered", "ItemsUnanswered")):
        assert list(formatted[title].tables) == [table]
        assert formatted[title].freeze_panes == "A2"
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD)
    assert status == 0, err
    assert "optional items answered in 4 signed records: 3 of 38 (8%)" in out


def test_the_workbook_holds_the_same_numbers_as_the_report(
        cli, world: World, db: DbFactory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "oversight.xlsx"
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD, "--xlsx", str(path))
    assert status == 0, err
    assert "Wrote" in out
    report = oversight_report(db, FixedClock(NOW), team_id=world.teams["Northgate"],
                              start=START, end=END)
    book = CalamineWorkbook.from_path(str(path))
    expected = sheets(report)
    assert book.sheet_names == [sheet.title for sheet in expected]
    workers = book.get_sheet_by_name("Workers").to_python()
    assert workers[0][:3] == ["Worker", "Team", "ASYE start"]
    by_name = {row[0]: row for row in workers[1:]}
    assert by_name["Bo"][4:9] == [2, 3, 1, dt.date(2026, 10, 10), dt.date(2026, 11, 10)]
    assert by_name["Cy"][2] == dt.date(2026, 10, 26)  # a real date, not text
    assert by_name["Cy"][10] == 3
    children = book.get_sheet_by_name("Children overdue").to_python()
    assert [(row[0], row[4]) for row in children[1:]] == [("C1", 23), ("C2", 23), ("C5", 15)]
    summary = dict(book.get_sheet_by_name("Summary").to_python()[1:])
    for name, value in report.counts().items():
        assert summary[name.replace("_", " ").capitalize()] == value
    assert [row[1] for row in book.get_sheet_by_name("Scores").to_python()[1:]] == list(
        report.distribution)
    direct = book.get_sheet_by_name("Direct work").to_python()
    assert direct[0] == ["Worker", "Team", "Open children", "With direct work since 2026-08-31",
                         "Share (%)", "Three Houses", "Wizards and Fairies", "Safety House",
                         "Words and Pictures"]
    assert direct[1:] == [["Bo", "Northgate", 2, 1, 50, 1, 1, 0, 0],
                          ["Cy", "Northgate", 2, 2, 100, 1, 0, 1, 0],
                          ["Di", "Northgate", 1, 1, 100, 0, 0, 0, 1],
                          ["Northgate total", "Northgate", 5, 4, 80, 2, 1, 1, 1]]
    assert summary["Direct work since"] == dt.date(2026, 8, 31)
    # Each figure is a formatted Excel table under a frozen header.
    formatted = load_workbook(path)
    for sheet in expected:
        ws = formatted[sheet.title]
        assert list(ws.tables) == [sheet.table]
        assert ws.freeze_panes == "A2"


def test_an_empty_figure_is_still_a_valid_table(db: DbFactory, world: World,
                                                tmp_path: Path) -> None:
    report = oversight_report(db, FixedClock(NOW), team_id=world.teams["Southgate"],
                              start=START, end=END)
    assert report.pending_notes == ()
    path = write_workbook(report, tmp_path / "south.xlsx")
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Notes pending").to_python()
    assert rows[0][0] == "Session"
    assert all(v == "" for row in rows[1:] for v in row)
    assert load_workbook(path)["Notes pending"].tables["NotesPending"].ref == "A1:G2"


@pytest.mark.parametrize(("args", "says"), [
    (["--team", "Nowhere", *PERIOD], "no team called 'Nowhere' (teams: Northgate, Southgate)"),
    (["--team", "Northgate", "--from", "2026-11-30", "--to", "2026-09-01"], "is before --from"),
    (["--team", "Northgate", *PERIOD, "--xlsx", "out.csv"], "must end in .xlsx"),
    (["--team", "Northgate", *PERIOD, "--policy", "missing.toml"], "No such file"),
])
def test_bad_arguments_get_one_line_and_change_nothing(cli, world: World, args: list[str],  # type: ignore[no-untyped-def]
                                                       says: str) -> None:
    status, out, err = cli("oversight", *args)
    assert status != 0
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert out == ""


def test_a_worker_is_refused_and_a_manager_kept_to_their_team(  # type: ignore[no-untyped-def]
        cli, world: World, db: DbFactory) -> None:
    with transaction(db) as s:
        for name in ("Bo", "Ann"):
            s.execute(update(Staff).where(Staff.id == world.staff[name]).values(
                passphrase_hash=hash_passphrase(Passphrase(f"{name} passphrase words"),
                                                ScryptCost(n=2**10))))
    status, out, err = cli("--as", "Bo", "oversight", "--team", "Northgate", *PERIOD, "--json",
                           passphrase="Bo passphrase words")
    assert (status, out) == (1, "")
    assert "for team managers and practice leads" in err
    status, out, err = cli("--as", "Ann", "oversight", *PERIOD, "--json",
                           passphrase="Ann passphrase words")
    assert (status, out) == (1, "")
    assert "own team only" in err
    status, out, err = cli("--as", "Ann", "oversight", "--team", "Northgate", *PERIOD,
                           passphrase="Ann passphrase words")
    assert status == 0, err
    assert "workers overdue for supervision: 2 of 3" in out
    assert "re-discussed within the interval: 2 of 5 (40%)" in out
    assert ("children with direct work since 2026-08-31: 4 of 5 open (80%); by tool: Three "
            "Houses 2, Wizards and Fairies 1, Safety House 1, Words and Pictures 1") in out
    assert "worker Bo (Northgate): direct work with 1 of 2 children since 2026-08-31" in out
    assert "worker Cy (Northgate): direct work" not in out


def test_the_policy_saved_in_preferences_is_used_and_a_bad_settings_file_only_warns(  # type: ignore[no-untyped-def]
        cli, world: World) -> None:
    from workbench.settings import Settings, config_dir

    path = config_dir() / "settings.json"
    Settings.load().set("supervision_interval", "weekly")
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD, "--json")
    assert status == 0, err
    report = json.loads(out)
    assert report["policy"] == f"settings ({path})"
    assert {w["worker_name"]: w["frequency"] for w in report["workers"]}["Bo"] == "weekly"

    path.write_bytes(b"\xff\xfe not settings")
    status, out, err = cli("oversight", "--team", "Northgate", *PERIOD, "--json")
    assert status == 0, err
    assert err.startswith(f"warning: The settings in {path} could not be used (it is not UTF-8 text).")
    assert {w["worker_name"]: w["frequency"] for w in json.loads(out)["workers"]}["Bo"] == "monthly"
