"""Which file is encrypted and how it unlocks (one rule for the CLI and the app), the demo that
opens encrypted with a documented passphrase, and the first sign-in of someone with no passphrase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import Role
from db.models import AuditEvent, Staff
from tests.conftest import FixedClock
from tests.workbench.security.conftest import TwoTeams, assert_nothing_readable
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail, verify_chain
from workbench.database import open_database
from workbench.database_choice import DatabaseChoice
from workbench.demo import ensure_demo_database
from workbench.encryption import DEMO_PASSPHRASE, Unlocker, file_kind
from workbench.enrolment import enrol_with_code, issue_enrolment_code
from workbench.errors import WrongPassphrase
from workbench.keys import Passphrase, ScryptCost, key_file_path
from workbench.secrets import SecretStore
from workbench.signin import WeakPassphrase, people_to_sign_in, sign_in

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(folder))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    return folder


def test_the_apps_own_file_is_encrypted_and_another_plain_file_stays_plain(
    data_dir: Path, tmp_path: Path
) -> None:
    own = DatabaseChoice.resolve(None)
    assert own.own_file
    assert not own.demo
    assert own.path == data_dir / "workbench.db"
    unlocker = own.unlocker(SecretStore(), environ={})
    assert unlocker is not None
    assert not unlocker.needs_passphrase(data_dir / "workbench.db")  # the keyring holds the key

    demo = DatabaseChoice.resolve(None, demo=True)
    assert demo.demo
    assert demo.path == data_dir / "demo.db"
    keyring.set_keyring(FailKeyring())  # no keyring here: the demo still never asks
    demo_unlocker = demo.unlocker(SecretStore(), environ={})
    assert demo_unlocker is not None
    assert not demo_unlocker.needs_passphrase(data_dir / "demo.db")
    assert own.unlocker(SecretStore(), environ={}).needs_passphrase(  # type: ignore[union-attr]
        data_dir / "workbench.db")
    assert not own.unlocker(SecretStore(), environ={"WORKBENCH_PASSPHRASE": "x" * 12}  # type: ignore[union-attr]
                            ).needs_passphrase(data_dir / "workbench.db")

    other = DatabaseChoice.resolve(f"sqlite:///{tmp_path / 'tool.db'}")
    assert not other.own_file
    assert other.unlocker(SecretStore(), environ={}) is None
    (tmp_path / "tool.db.key").write_text("{}")  # an encrypted one has its key file beside it
    assert other.unlocker(SecretStore(), environ={}) is not None
    server = DatabaseChoice.resolve("postgresql+psycopg://someone@db.example/records")
    assert server.path is None
    assert server.unlocker(SecretStore(), environ={}) is None


def test_the_demo_is_built_encrypted_and_every_demo_person_signs_in_with_the_demo_passphrase(
    data_dir: Path, clock: FixedClock
) -> None:
    keyring.set_keyring(FailKeyring())
    path = data_dir / "demo.db"
    unlock = DatabaseChoice.resolve(None, demo=True).unlocker(SecretStore(), environ={})
    summary = ensure_demo_database(f"sqlite:///{path}", TODAY, unlock=unlock)
    assert summary is not None
    assert file_kind(path) == "encrypted"
    assert key_file_path(path).exists()
    assert_nothing_readable(path)
    with pytest.raises(WrongPassphrase):
        open_database(f"sqlite:///{path}", unlock=Unlocker.with_passphrase("not the demo one"))
    database = open_database(f"sqlite:///{path}", unlock=unlock)
    try:
        people = people_to_sign_in(database.db)
        assert {p.role for p in people} == {Role.PRACTICE_LEAD, Role.TEAM_MANAGER, Role.WORKER}
        assert all(p.has_passphrase for p in people)
        audit = database.audit_trail(clock)
        manager = next(p for p in people if p.role is Role.TEAM_MANAGER)
        actor = sign_in(database.db, audit, staff_id=manager.staff_id,
                        passphrase=Passphrase(DEMO_PASSPHRASE))
        assert actor.name == manager.name
        assert actor.role is Role.TEAM_MANAGER
        with pytest.raises(WrongPassphrase, match=r"not .*'s passphrase"):
            sign_in(database.db, audit, staff_id=manager.staff_id, passphrase=Passphrase("guess"))
        with database.db() as s:
            key = audit.key
            assert key is not None
            assert verify_chain(s, key).ok  # the build's events and both sign-ins, sealed
    finally:
        database.close()
    assert ensure_demo_database(f"sqlite:///{path}", TODAY, unlock=unlock) is None  # once only


def test_someone_with_no_passphrase_chooses_one_with_an_enrolment_code_once(
    db: DbFactory, teams: TwoTeams, clock: FixedClock
) -> None:
    audit = AuditTrail(clock, key=b"k" * 32)
    cheap = ScryptCost(n=2**10)
    wes = next(p for p in people_to_sign_in(db) if p.staff_id == teams.wes)
    assert not wes.has_passphrase
    assert wes.team_name == "North"
    admin = Actor(teams.admin, Role.ADMIN, None, "Ada")
    issued = issue_enrolment_code(db, audit, actor=admin, staff_id=teams.wes)
    with pytest.raises(WeakPassphrase, match="at least 8 characters"):
        enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code,
                        passphrase=Passphrase("short"), cost=cheap)
    actor = enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code,
                            passphrase=Passphrase("kettle on the stove"), cost=cheap)
    assert actor.staff_id == teams.wes
    with pytest.raises(AccessDenied, match="used already"):
        enrol_with_code(db, audit, staff_id=teams.wes, code=issued.code,
                        passphrase=Passphrase("someone else's idea"), cost=cheap)
    assert sign_in(db, audit, staff_id=teams.wes,
                   passphrase=Passphrase("kettle on the stove")).staff_id == teams.wes
    with db() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        assert actions == ["staff.enrolment_code_issued", "staff.enrolled", "sign_in", "enrol.failed",
                           "sign_in"]
        assert s.scalar(select(func.count()).select_from(Staff)
                        .where(Staff.passphrase_hash.is_not(None))) == 1


def test_workbench_verify_seals_its_audit_events_into_the_chain(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbench.cli import main

    assert main(["audit", "verify"]) == 0  # creates the app's own encrypted file
    junk = tmp_path / "not-a-record.pdf"
    junk.write_bytes(b"%PDF-1.7 nothing signed here")
    assert main(["verify", "--allow-untrusted", str(junk)]) == 1
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0  # the pdf_verified event is sealed like the rest
    assert "intact: 1 events" in capsys.readouterr().out
