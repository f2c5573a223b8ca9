"""`workbench backup` keeps the keys folder beside the database; `workbench restore` brings both back."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import transaction
from db.models import Child, Staff
from tests.workbench.security.conftest import CHILD_ID, add_child_with_note
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.database import open_database
from workbench.encryption import Unlocker
from workbench.secrets import SecretStore
from workbench.signing.authority import create_authority
from workbench.signing.identity import IdentityStore


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(folder))
    monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    return folder


def _fill(data_dir: Path, clock: object) -> set[str]:
    """The app's own encrypted database with a child, an authority and an issued identity;
    returns the keys folder's files."""
    database = open_database(f"sqlite:///{data_dir / 'workbench.db'}",
                             unlock=Unlocker.from_environment(SecretStore()))
    try:
        add_child_with_note(database.db)
        store = IdentityStore(data_dir / "keys", SecretStore(), clock,  # type: ignore[arg-type]
                              database.audit_trail(clock))  # type: ignore[arg-type]
        with transaction(database.db) as s:
            create_authority(s, store, actor=None, name="Northgate authority")
            store.issue(s, s.scalars(select(Staff)).first())  # type: ignore[arg-type]
    finally:
        database.close()
    return {str(p.relative_to(data_dir / "keys")) for p in (data_dir / "keys").rglob("*.pem")}


def test_backup_keeps_the_keys_and_restore_brings_back_database_and_keys(
    data_dir: Path, tmp_path: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    keys_files = _fill(data_dir, clock)
    assert len(keys_files) == 4  # the authority's key and certificate, the person's key and certificate
    dest = tmp_path / "usb" / "backup.db"
    assert main(["backup", str(dest)]) == 0
    assert "(4 certificate and key files) is in" in capsys.readouterr().out
    with tarfile.open(dest.with_name("backup.db.keys.tar")) as tar:
        assert set(tar.getnames()) == keys_files

    # A restore never overwrites the live database unasked.
    live = data_dir / "workbench.db"
    before = live.read_bytes()
    assert main(["restore", str(dest)]) == 1
    assert "already at" in capsys.readouterr().err
    assert live.read_bytes() == before

    # The computer is lost: only the backup (and this keyring) remain.
    for path in sorted(data_dir.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert main(["restore", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "encrypted, with its key file" in out
    assert "4 files restored" in out
    assert {str(p.relative_to(data_dir / "keys")) for p in (data_dir / "keys").rglob("*.pem")} == keys_files

    database = open_database(f"sqlite:///{live}", unlock=Unlocker.from_environment(SecretStore()))
    try:
        with database.db() as s:
            assert s.scalars(select(Child.la_child_id)).all() == [CHILD_ID]
            person = s.scalars(select(Staff)).first()
            assert person is not None
            store = IdentityStore(data_dir / "keys", SecretStore(), clock,  # type: ignore[arg-type]
                                  AuditTrail(clock))  # type: ignore[arg-type]
            assert store.load(person).fingerprint == person.certificate_fingerprint  # can sign again
    finally:
        database.close()
    assert main(["audit", "verify"]) == 0


def test_restore_with_force_keeps_the_replaced_database_aside(
    data_dir: Path, tmp_path: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir, clock)
    dest = tmp_path / "backup.db"
    assert main(["backup", str(dest)]) == 0
    live = data_dir / "workbench.db"
    replaced = live.read_bytes()
    assert main(["restore", "--force", str(dest)]) == 0
    out = capsys.readouterr().out
    aside = sorted(data_dir.glob("workbench.db.before-restore-*"))
    assert len(aside) >= 2  # the database and its key file (and any -wal), kept
    assert any(p.name.endswith(".key") for p in aside)
    assert any(p.read_bytes() == replaced for p in aside)
    assert "kept as" in out
    assert "0 files restored, 4 already there" in out
    assert main(["audit", "verify"]) == 0


def test_a_damaged_backup_or_keys_archive_changes_nothing(
    data_dir: Path, tmp_path: Path, clock: object, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir, clock)
    dest = tmp_path / "backup.db"
    assert main(["backup", str(dest)]) == 0
    capsys.readouterr()
    target = tmp_path / "restored.db"
    key_file = dest.with_name("backup.db.key")
    key_file.rename(tmp_path / "elsewhere.key")
    assert main(["--database", f"sqlite:///{target}", "restore", str(dest)]) == 1
    assert "its key file (backup.db.key) is not beside it" in capsys.readouterr().err
    (tmp_path / "elsewhere.key").rename(key_file)

    archive = dest.with_name("backup.db.keys.tar")
    with tarfile.open(archive, "w") as tar:
        tar.add(dest, arcname="../../escape.pem")
    keys = tmp_path / "fresh-keys"
    assert main(["--database", f"sqlite:///{target}", "restore", "--keys", str(keys), str(dest)]) == 1
    assert "not a key or certificate file" in capsys.readouterr().err
    assert not target.exists()
    assert not keys.exists()
    assert not (tmp_path.parent / "escape.pem").exists()

    missing = f"sqlite:///{tmp_path / 'missing.db'}"
    assert main(["--database", missing, "restore", str(tmp_path / "no.db")]) == 1
    assert "There is no backup at" in capsys.readouterr().err
