"""Signing identities: team authority, issued, self-issued, PKCS#12, and passphrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import Engine

from db.engine import make_db_factory, transaction
from db.enums import Role
from db.models import Staff, Team
from tests.conftest import FixedClock
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.authority import create_authority
from workbench.signing.certificates import issued_by, new_key, verify_bytes
from workbench.signing.identity import (
    IdentityStore,
    PassphraseRequired,
    SigningError,
    WrongPassphrase,
)


def _staff(engine: Engine) -> int:
    with transaction(make_db_factory(engine)) as s:
        team = Team(name="Northgate", name_key="northgate")
        person = Staff(name="Ann Μανάγερ", name_key="ann", role=Role.TEAM_MANAGER, team=team)
        s.add_all([team, person])
        s.flush()
        return person.id


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


def test_authority_issues_a_person_identity_unlocked_from_the_keyring(
    sqlite_engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    db = make_db_factory(sqlite_engine)
    staff_id = _staff(sqlite_engine)
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock, AuditTrail(clock))
    with transaction(db) as s:
        authority = create_authority(s, store, actor=None, name="Team authority")
        issued = store.issue(s, s.get_one(Staff, staff_id), actor_id=None)
    with db() as s:
        person = s.get_one(Staff, staff_id)
        assert person.certificate_fingerprint == issued.fingerprint
        assert len(issued.fingerprint) == 95
        assert issued.fingerprint.count(":") == 31
        loaded = store.load(person)
    assert issued_by(loaded.certificate, authority)
    assert loaded.common_name == "Ann Μανάγερ"
    assert verify_bytes(loaded.certificate, b"note", loaded.sign(b"note"))
    # The key on disk is encrypted: no readable private key in the file.
    key_files = list((tmp_path / "keys").rglob("*.key.pem"))
    assert key_files
    assert all(b"ENCRYPTED PRIVATE KEY" in p.read_bytes() for p in key_files)
    with transaction(db) as s, pytest.raises(SigningError, match="already has a signing authority"):
        create_authority(s, store, actor=None, name="Second")


def test_without_a_secure_keyring_a_passphrase_is_required(
    sqlite_engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    db = make_db_factory(sqlite_engine)
    staff_id = _staff(sqlite_engine)
    store = IdentityStore(tmp_path / "keys", SecretStore(FailKeyring()), clock)
    with transaction(db) as s, pytest.raises(PassphraseRequired, match="no secure keyring"):
        store.self_issue(s, s.get_one(Staff, staff_id), actor_id=None)
    assert _files(tmp_path / "keys") == set()
    with transaction(db) as s, pytest.raises(SigningError, match="too short"):
        store.self_issue(s, s.get_one(Staff, staff_id), actor_id=None, passphrase="short")
    with transaction(db) as s:
        store.self_issue(s, s.get_one(Staff, staff_id), actor_id=None, passphrase="a long passphrase")
    with db() as s:
        person = s.get_one(Staff, staff_id)
        with pytest.raises(PassphraseRequired, match="type its passphrase"):
            store.load(person)
        with pytest.raises(WrongPassphrase, match=r"wrong\. Nothing was changed"):
            store.load(person, passphrase="a wrong passphrase")
        unlocked = store.load(person, passphrase="a long passphrase")
        assert unlocked.fingerprint == person.certificate_fingerprint


def test_wrong_authority_passphrase_leaves_the_person_as_they_were(
    sqlite_engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    db = make_db_factory(sqlite_engine)
    staff_id = _staff(sqlite_engine)
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    with transaction(db) as s:
        create_authority(s, store, actor=None, name="Team authority", passphrase="authority secret")
        first = store.self_issue(s, s.get_one(Staff, staff_id), actor_id=None)
    files_before = _files(tmp_path / "keys")
    with transaction(db) as s, pytest.raises(WrongPassphrase, match="signing authority is wrong"):
        store.issue(s, s.get_one(Staff, staff_id), actor_id=None, authority_passphrase="guess")
    assert _files(tmp_path / "keys") == files_before
    with db() as s:
        assert s.get_one(Staff, staff_id).certificate_fingerprint == first.fingerprint


def test_pkcs12_import(sqlite_engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    from workbench.signing.certificates import make_certificate

    db = make_db_factory(sqlite_engine)
    staff_id = _staff(sqlite_engine)
    key = new_key()
    certificate = make_certificate(key, common_name="Ann from HR", organisation="Council",
                                   now=clock(), years=1)
    data = pkcs12.serialize_key_and_certificates(b"ann", key, certificate, None,
                                                 BestAvailableEncryption(b"p12 password"))
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    with transaction(db) as s, pytest.raises(WrongPassphrase, match="PKCS#12 file is wrong"):
        store.import_pkcs12(s, s.get_one(Staff, staff_id), data, "nope", actor_id=None)
    with transaction(db) as s, pytest.raises(SigningError, match="not a PKCS#12"):
        store.import_pkcs12(s, s.get_one(Staff, staff_id), b"not a p12 file", "x", actor_id=None)
    with db() as s:
        assert s.get_one(Staff, staff_id).certificate_fingerprint is None
    with transaction(db) as s:
        imported = store.import_pkcs12(s, s.get_one(Staff, staff_id), data, "p12 password", actor_id=None)
    with db() as s:
        assert store.load(s.get_one(Staff, staff_id)).certificate == imported.certificate == certificate
