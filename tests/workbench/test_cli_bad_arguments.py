"""No tracebacks from the command line: every subcommand, given bad arguments, a bad database
address, missing or wrong files, exits non-zero with a one-line message, run as a user would run
it (a subprocess, so log records and the interpreter's own output count too)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db.engine import DbFactory, make_engine, transaction
from db.migrate import alembic_config
from db.models import Staff
from tests.conftest import FixedClock, _fresh_pg_database
from tests.support.postgres import PostgresServer
from tests.workbench.signing.builders import make_session, make_team
from workbench.audit import AuditTrail
from workbench.cli import build_parser, main
from workbench.export.stored import newest_documents, read_pdf
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

REPO = Path(__file__).resolve().parents[2]
AUDIT_KEY = "ab" * 32


@pytest.fixture
def run(tmp_path: Path) -> object:
    """``run(*args)``: `python -m workbench ARGS` in a clean home, with no keyring."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("WORKBENCH_")}
    env.update(PYTHONPATH=str(REPO), HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), WORKBENCH_AUDIT_KEY=AUDIT_KEY,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=300, check=False)

    return run


def _assert_refused(result: subprocess.CompletedProcess[str], *, lines: int = 1) -> str:
    """Non-zero, no traceback, and a message of ``lines`` lines each naming the command (argparse's
    own errors: its usage, then one line "workbench ...: error: ...")."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    found = result.stderr.strip().splitlines()
    if found and found[0].startswith("usage:"):
        assert found[-1].startswith("workbench"), found
        assert ": error: " in found[-1], found
        return found[-1]
    assert len(found) == lines, found
    assert all(line.startswith("workbench") for line in found), found
    return "\n".join(found)


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_every_subcommand_refuses_an_unknown_option_with_its_usage(run: object, tmp_path: Path) -> None:
    names = _subcommands()
    assert {"import", "caseload", "demo", "verify", "export", "audit", "backup"} <= set(names)
    for name in [*names, "no-such-command"]:
        message = _assert_refused(run(name, "--no-such-option"))  # type: ignore[operator]
        assert message.startswith("workbench")


@pytest.mark.parametrize(("url", "says"), [
    ("foo://bar", "cannot open 'foo' databases"),
    ("not a url", "is not a URL"),
    ("postgresql+psycopg2://someone@localhost/db", "cannot open 'postgresql+psycopg2' databases"),
    ("postgresql+psycopg://someone:secret@127.0.0.1:1/db", "Could not open the database"),
])
def test_a_bad_database_address_is_a_message(run: object, url: str, says: str) -> None:
    for args in (["caseload", "--worker", "x"], ["export", "--from", "2026-01-01", "--to",
                                                  "2026-02-01", "--out", "out"]):
        message = _assert_refused(run("--database", url, *args))  # type: ignore[operator]
        assert says in message
        assert "secret" not in message


PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]
#: (arguments after --database URL, what the message says: on SQLite, on PostgreSQL when other)
BAD_ARGUMENTS: list[tuple[list[str], str] | tuple[list[str], str, str]] = [
    (["import", "no-such-file.csv"], "could not be opened"),
    (["import", "a-file.txt"], "workbench import: "),
    (["caseload", "--worker", "Nobody Here"], "no worker named 'Nobody Here'"),
    (["caseload"], "--worker"),
    (["demo"], "already has staff"),
    (["demo", "--today", "yesterday"], "not a date"),
    (["demo", "--scale", "0"], "whole number"),
    (["verify", "--allow-untrusted", "no-such-file.pdf"], "cannot read the file"),
    (["verify", "--allow-untrusted", "a-file.txt"], "not a readable PDF"),
    (["verify", "--allow-untrusted", "a-folder"], "cannot read the file"),
    (["verify", "--trust", "a-file.txt", "x.pdf"], "Cannot read the certificate"),
    (["verify", "--trust", "no-such.pem", "x.pdf"], "Cannot read the certificate"),
    (["verify"], "the following arguments are required"),
    (["export", *PERIOD, "--out", "a-file.txt"], "is a file, not a folder"),
    (["export", *PERIOD, "--out", "out"], "No signed records match"),
    (["export", "--from", "2026-12-31", "--to", "2026-01-01", "--out", "out"], "swap the dates"),
    (["export", *PERIOD, "--out", "out", "--kinds", "letters"], "--kinds takes"),
    (["export", *PERIOD, "--out", "out", "--workers", "0"], "whole number"),
    (["export", "--from", "31/12/2026", "--to", "2026-12-31", "--out", "out"], "not a date"),
    (["audit"], "required"),
    (["backup", "no-such-folder/"], "does not exist", "PostgreSQL"),
    (["backup", "no-such-folder"], "does not exist", "PostgreSQL"),
    (["backup", "a-file.txt/"], "is a file, not a folder", "PostgreSQL"),
]


@pytest.mark.parametrize("case", BAD_ARGUMENTS, ids=lambda case: " ".join(case[0]))
def test_bad_arguments_to_each_subcommand_are_messages(
    run: object, db_url: str, db: DbFactory, tmp_path: Path,
    case: tuple[str, ...],
) -> None:
    args, says = case[0], case[1]
    if len(case) == 3 and not db_url.startswith("sqlite"):
        says = case[2]
    make_team(db)  # some staff: the demo refuses a database with people in it
    (tmp_path / "a-file.txt").write_text("not a PDF, not a caseload, not a certificate")
    (tmp_path / "a-folder").mkdir()
    message = _assert_refused(run("--database", db_url, *args))  # type: ignore[operator]
    assert says in message
    assert not (tmp_path / "no-such-folder").exists()
    assert not (tmp_path / "out").exists()


def test_verify_on_self_issued_signatures_reports_without_tracebacks(
    run: object, db_url: str, db: DbFactory, clock: FixedClock, tmp_path: Path,
) -> None:
    """pyHanko logs every certificate it cannot trust with a traceback: none reaches the screen."""
    identities = IdentityStore(tmp_path / "keys", SecretStore(), clock, AuditTrail(clock))
    team = make_team(db)
    with transaction(db) as s:
        for staff_id in (team.manager_id, team.worker_id):
            identities.self_issue(s, s.get_one(Staff, staff_id), actor_id=None)
    service = SignOffService(db, identities, AuditTrail(clock), clock)
    session_id = make_session(db, team)
    service.sign(session_id, signer_id=team.manager_id)
    service.countersign(session_id, signer_id=team.worker_id)
    with db() as s:
        note = next(r for r in newest_documents(s, [session_id])[session_id] if r.kind.value == "note")
        (tmp_path / "note.pdf").write_bytes(read_pdf(s, note.id))
    keys = ["--keys", str(tmp_path / "keys")]

    refused = run("--database", db_url, "verify", *keys, "note.pdf")  # type: ignore[operator]
    message = _assert_refused(refused, lines=2)
    assert "note.pdf FAILED: " in message
    assert "not certified by a trusted signing authority" in message
    assert "no signing authority certificate is known here" in message
    assert "record: matches" in refused.stdout

    allowed = run("--database", db_url, "verify", *keys, "--allow-untrusted", "note.pdf")  # type: ignore[operator]
    assert allowed.returncode == 0, allowed
    assert allowed.stderr == ""
    assert "note.pdf: OK" in allowed.stdout


def test_a_postgresql_address_with_a_socket_folder_opens(
    pg_server: PostgresServer, capsys: pytest.CaptureFixture[str],
) -> None:
    """``?host=/socket/folder`` renders as %2F...: Alembic's config must not read % as interpolation."""
    server = pg_server
    tcp = make_url(_fresh_pg_database(server))
    socket_url = tcp.set(host=None, port=None, query={"host": str(server.root / "sockets"),
                                                      "port": str(tcp.port)})
    rendered = socket_url.render_as_string(hide_password=False)
    assert "%" in rendered
    engine = make_engine(rendered)
    try:
        assert alembic_config(engine).get_main_option("sqlalchemy.url") == rendered
    finally:
        engine.dispose()
    assert main(["--database", rendered, "caseload", "--worker", "Nobody Here"]) == 1
    assert "no worker named 'Nobody Here'" in capsys.readouterr().err
