"""The command line acts as a named person: `workbench setup`, `--as NAME`, `workbench staff ...`;
checked by role as in the app, audited with the OS user and the computer."""

from __future__ import annotations

import getpass
import socket
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from db.engine import make_engine
from db.models import AuditEvent, Staff
from tests.support.cli import CliRun, cli_runner
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.enrolment import enrol_with_code
from workbench.keys import Passphrase

ADA, NIA = "ada keeps the keys", "nia runs north team"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(db_url, monkeypatch, capsys)


def _events(db_url: str) -> list[AuditEvent]:
    engine = make_engine(db_url)
    try:
        with sessionmaker(engine)() as s:
            return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    finally:
        engine.dispose()


def _staff_id(db_url: str, name: str) -> int:
    engine = make_engine(db_url)
    try:
        with sessionmaker(engine)() as s:
            return s.scalars(select(Staff.id).where(Staff.name == name)).one()
    finally:
        engine.dispose()


def test_a_team_is_built_from_the_command_line_by_named_people(cli, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = cli("setup", "--organisation", "Northshire", "--admin", "Ada Admin", passphrase=ADA)
    assert status == 0
    assert "Ada Admin as its first admin" in out
    status, _, err = cli("setup", "--organisation", "Again", "--admin", "Mallory", passphrase=ADA)
    assert status == 1
    assert "already set up" in err

    # Once set up, changing data needs a named person.
    status, _, err = cli("staff", "add", "Nia", "--role", "team-manager", "--team", "North")
    assert status == 1
    assert "--as" in err
    status, _, err = cli("--as", "Ada Admin", "staff", "add", "Nia", "--role", "team-manager",
                         "--team", "North", passphrase="not ada's passphrase")
    assert status == 1
    assert "not Ada Admin's passphrase" in err
    status, out, _ = cli("--as", "ada admin", "staff", "add", "Nia", "--role", "team-manager",
                         "--team", "North", passphrase=ADA)
    assert status == 0
    status, out, _ = cli("--as", "Ada Admin", "staff", "enrol-code", "Nia", passphrase=ADA)
    assert status == 0
    code = out.split("Enrolment code for Nia: ")[1].split()[0]
    assert len(code) == 19
    engine = make_engine(db_url)  # Nia enrols (at the desktop app, say)
    try:
        enrol_with_code(sessionmaker(engine), AuditTrail(), staff_id=_staff_id(db_url, "Nia"),
                        code=code, passphrase=Passphrase(NIA))
    finally:
        engine.dispose()

    # A team manager is refused what only an admin does, and nothing changes.
    for args in (("staff", "add", "Mallory", "--role", "admin"), ("staff", "list"),
                 ("staff", "enrol-code", "Ada Admin"), ("staff", "deactivate", "Ada Admin"),
                 ("staff", "unlock", "Ada Admin")):
        status, _, err = cli("--as", "Nia", *args, passphrase=NIA)
        assert status == 1, args
        assert "Only an admin" in err
    # ...and does what a manager does: import their team's caseload.
    path = tmp_path / "north.csv"
    path.write_text("Child ID,Allocated Worker,Allocated Team,Case Type\nC-1,Wes Worker,North,"
                    "Child in need\n", encoding="utf-8")
    assert cli("--as", "Nia", "import", str(path), passphrase=NIA)[0] == 0
    status, out, _ = cli("--as", "Ada Admin", "staff", "list", passphrase=ADA)
    assert status == 0
    assert "met by an import, not yet added" in next(line for line in out.splitlines()
                                                     if line.startswith("Wes Worker"))
    status, _, err = cli("--as", "Ada Admin", "staff", "edit", "Wes Worker", "--supervisor", "Ada Admin",
                         passphrase=ADA)
    assert status == 1
    assert "cannot supervise" in err
    assert cli("--as", "Ada Admin", "staff", "activate", "Wes Worker", passphrase=ADA)[0] == 0
    assert cli("--as", "Ada Admin", "staff", "edit", "Wes Worker", "--supervisor", "Nia",
               "--asye-start", "2026-09-01", passphrase=ADA)[0] == 0
    status, out, _ = cli("--as", "Ada Admin", "staff", "list", passphrase=ADA)
    wes = next(line for line in out.splitlines() if line.startswith("Wes Worker"))
    assert "supervised by Nia" in wes
    assert "ASYE to 2027-08-31" in wes

    # Every command-line event names the person, the OS user and the computer.
    events = _events(db_url)
    added = [e for e in events if e.action == "staff.added" and e.details.get("role") == "team_manager"]
    assert len(added) == 1
    assert added[0].actor_id == _staff_id(db_url, "Ada Admin")
    assert added[0].details["origin"] == {"via": "cli", "os_user": getpass.getuser(),
                                          "host": socket.gethostname()}
    imported = [e for e in events if e.actor_id == _staff_id(db_url, "Nia") and e.action.startswith("import")]
    assert imported
    ada_signs_in = [e for e in events if e.action == "sign_in" and e.actor_id == added[0].actor_id]
    assert ada_signs_in
    assert all(e.details["origin"]["via"] == "cli" for e in ada_signs_in)


def test_the_help_says_when_as_is_needed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--as NAME" in out
    assert "WORKBENCH_SIGN_IN_PASSPHRASE" in out
    assert "except on the demo database" in out
