"""`workbench audit verify` and `workbench backup DEST`, on the app's own encrypted file."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import text

from tests.workbench.security.conftest import CHILD_ID, add_child_with_note, assert_nothing_readable
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.database import open_database
from workbench.encryption import Unlocker
from workbench.secrets import SecretStore


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(folder))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    return folder


def _fill_the_apps_own_database(data_dir: Path, clock: object) -> None:
    database = open_database(f"sqlite:///{data_dir / 'workbench.db'}",
                             unlock=Unlocker.from_environment(SecretStore()))
    try:
        add_child_with_note(database.db)
        trail = database.audit_trail(clock)
        with database.db.begin() as s:
            for number in range(3):
                trail.record(s, actor_id=None, action="view", entity_type="case", entity_id=number)
    finally:
        database.close()


def test_backup_and_verify_on_the_apps_own_encrypted_database(
    data_dir: Path, tmp_path: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill_the_apps_own_database(data_dir, clock)
    assert_nothing_readable(data_dir / "workbench.db")

    dest = tmp_path / "usb" / "workbench-backup.db"
    assert main(["backup", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "encrypted, checked" in out
    assert "workbench-backup.db.key" in out
    assert_nothing_readable(dest)

    assert main(["audit", "verify"]) == 0
    assert "intact: 4 events" in capsys.readouterr().out  # 3 views and the backup


def test_verify_reports_the_first_broken_link_with_a_failing_status(
    data_dir: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill_the_apps_own_database(data_dir, clock)
    database = open_database(f"sqlite:///{data_dir / 'workbench.db'}",
                             unlock=Unlocker.from_environment(SecretStore()))
    try:
        with database.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER audit_event_no_update"))
            connection.execute(text("UPDATE audit_event SET entity_id = '42' WHERE id = 2"))
    finally:
        database.close()
    assert main(["audit", "verify"]) == 1
    assert "broken at event 2 (number 2 in the chain)" in capsys.readouterr().out


def test_without_a_keyring_the_cli_takes_the_passphrase_from_the_environment(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keyring.set_keyring(FailKeyring())  # the autouse fixture puts the memory keyring back
    assert main(["backup", str(tmp_path / "b.db")]) == 1
    assert "WORKBENCH_PASSPHRASE" in capsys.readouterr().err
    assert not (data_dir / "workbench.db").exists()

    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "a long passphrase for the night job")
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    assert (data_dir / "workbench.db.key").exists()

    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "not the one")
    before = (data_dir / "workbench.db").read_bytes()
    assert main(["audit", "verify"]) == 1
    assert "does not unlock" in capsys.readouterr().err
    assert (data_dir / "workbench.db").read_bytes() == before


def test_a_plain_test_database_given_with_database_stays_plain(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tool.db'}"
    database = open_database(url)
    add_child_with_note(database.db)
    database.close()
    assert main(["--database", url, "audit", "verify"]) == 0
    assert CHILD_ID.encode() in (tmp_path / "tool.db").read_bytes()
    assert "intact: 0 events" in capsys.readouterr().out


def test_an_unsealed_trail_written_by_old_code_fails_verification(
    data_dir: Path, tmp_path: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tool.db'}"
    database = open_database(url)
    with database.db.begin() as s:
        AuditTrail(clock).record(s, actor_id=None, action="view", entity_type="case")
    database.close()
    assert main(["--database", url, "audit", "verify"]) == 1
    assert "not sealed" in capsys.readouterr().out


def test_the_demo_database_is_encrypted_and_opens_without_a_prompt(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keyring.set_keyring(FailKeyring())  # a computer with no keyring and no WORKBENCH_PASSPHRASE
    assert main(["--demo", "audit", "verify"]) == 0
    demo = data_dir / "demo.db"
    database = open_database(f"sqlite:///{demo}", unlock=Unlocker.for_demo(SecretStore()))
    try:
        add_child_with_note(database.db)
    finally:
        database.close()
    assert_nothing_readable(demo)
    assert main(["--demo", "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
