"""The organisation's signing authority: made by an admin, issuing identities, trusted by verify."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError

from db.engine import DbFactory, transaction
from db.enums import Role, SessionStatus
from db.models import AuditEvent, SigningAuthority, Staff, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.signing.builders import Team1, make_session, make_team
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.export.service import export_records
from workbench.secrets import SecretStore
from workbench.signing.authority import (
    IdentityKind,
    create_authority,
    current_authority,
    identity_kind,
    import_authority,
)
from workbench.signing.certificates import issued_by, make_certificate, new_key
from workbench.signing.identity import IdentityStore, SigningError, WrongPassphrase
from workbench.signing.signoff import SignOffService


def _add(db: DbFactory, name: str, role: Role, team_id: int | None = None) -> Actor:
    with transaction(db) as s:
        person = Staff(name=name, name_key=name.lower(), role=role, team_id=team_id)
        s.add(person)
        s.flush()
        return Actor.of(person)


def _actor(db: DbFactory, staff_id: int) -> Actor:
    with db() as s:
        return Actor.of(s.get_one(Staff, staff_id))


def _signed_note(db: DbFactory, identities: IdentityStore, clock: FixedClock, team: Team1,
                 out: Path) -> Path:
    audit = AuditTrail(clock)
    session_id = make_session(db, team)
    SignOffService(db, identities, audit, clock, actor=_actor(db, team.manager_id)).sign(
        session_id, signer_id=team.manager_id)
    SignOffService(db, identities, audit, clock, actor=_actor(db, team.worker_id)).countersign(
        session_id, signer_id=team.worker_id)
    result = export_records(db, identities, audit, session_ids=[session_id], out_dir=out,
                            actor_id=None, mode="inline", kinds=("note",))
    assert not result.failed
    return result.written[0]


def _pyhanko_trusted(pdf: Path, root_pem: bytes) -> list[bool]:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    from workbench.signing.certificates import load_certificates_pem

    der = load_certificates_pem(root_pem)[0].public_bytes(serialization.Encoding.DER)
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()))
    return [validate_pdf_signature(sig, context, key_usage_settings=KeyUsageConstraints(key_usage=set()))
            .trusted for sig in reader.embedded_signatures]


def test_an_admin_makes_the_authority_issues_identities_and_verify_says_trusted(
    db_url: str, db: DbFactory, tmp_path: Path, clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    team = make_team(db)
    keys = tmp_path / "keys"
    cli = ["--database", db_url]
    assert main([*cli, "authority", "create", "--name", "Northgate Council signing authority",
                 "--keys", str(keys)]) == 0
    assert "Created the signing authority Northgate Council" in capsys.readouterr().out
    assert main([*cli, "authority", "issue", "--for", "ann  MANAGER", "--keys", str(keys)]) == 0
    assert main([*cli, "authority", "issue", "--all", "--keys", str(keys)]) == 0  # Bo Worker
    out = capsys.readouterr().out
    assert "Issued Ann Manager" in out
    assert "Issued Bo Worker" in out
    assert main([*cli, "authority", "issue", "--for", "Nobody Here", "--keys", str(keys)]) == 1
    assert "No active member of staff is called 'Nobody Here'" in capsys.readouterr().err

    identities = IdentityStore(keys, SecretStore(), clock, AuditTrail(clock))
    note = _signed_note(db, identities, clock, team, tmp_path / "out")
    assert main([*cli, "verify", "--keys", str(keys), str(note)]) == 0
    out = capsys.readouterr().out
    assert out.count(": intact, trusted") == 2
    assert "not trusted" not in out
    assert "Signature is Valid." in subprocess.run(["pdfsig", str(note)], capture_output=True,
                                                   text=True, check=False).stdout

    # Elsewhere: no database, no keys folder; the exported certificate is what is trusted.
    cert = tmp_path / "elsewhere" / "northgate-authority.pem"
    assert main([*cli, "authority", "export-cert", str(cert)]) == 0
    capsys.readouterr()
    empty = tmp_path / "empty-keys"
    assert main(["verify", "--no-database", "--keys", str(empty), str(note)]) == 1
    assert "not trusted" in capsys.readouterr().out
    assert main(["verify", "--no-database", "--keys", str(empty), "--trust", str(cert), str(note)]) == 0
    assert capsys.readouterr().out.count(": intact, trusted") == 2
    assert _pyhanko_trusted(note, cert.read_bytes()) == [True, True]

    with db() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"signing_authority_created", "signing_identity_set"} <= actions


def test_a_second_authority_is_refused_and_a_trusted_root_cannot_be_changed(
    db: DbFactory, tmp_path: Path, clock: FixedClock
) -> None:
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    with transaction(db) as s:
        first = create_authority(s, store, actor=None, name="First")
    with transaction(db) as s, pytest.raises(SigningError, match="already has a signing"):
        create_authority(s, store, actor=None, name="Second")
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"), \
            transaction(db) as s:
        s.get_one(SigningAuthority, 1).certificate_pem = "forged"
    with transaction(db) as s:
        second = create_authority(s, store, actor=None, name="Second", replace=True)
    with db() as s:
        assert store.authority_certificate(s) == second
        assert [row.name for row in s.scalars(select(SigningAuthority))] == ["First", "Second"]
    assert first != second


def test_the_demo_authority_in_the_same_keys_folder_issues_nobody_in_a_real_database(
    db: DbFactory, tmp_path: Path, clock: FixedClock
) -> None:
    team = make_team(db)
    keys = tmp_path / "keys"
    (keys / "authority").mkdir(parents=True)
    demo = make_certificate(new_key(), common_name="Demo authority", organisation=None,
                            now=clock(), years=1, authority=True)
    (keys / "authority" / "team-authority.cert.pem").write_bytes(
        demo.public_bytes(serialization.Encoding.PEM))
    store = IdentityStore(keys, SecretStore(), clock)
    with transaction(db) as s, pytest.raises(SigningError, match="no signing authority yet"):
        store.issue(s, s.get_one(Staff, team.manager_id))


def test_refusals_signing_countersigning_and_rekeying_in_someone_elses_name(
    db: DbFactory, tmp_path: Path, clock: FixedClock
) -> None:
    team = make_team(db)
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    admin = _add(db, "Ada Admin", Role.ADMIN)
    other_manager = _add(db, "Cy Manager", Role.TEAM_MANAGER, team.team_id)
    other_worker = _add(db, "Di Worker", Role.WORKER, team.team_id)
    manager = _actor(db, team.manager_id)

    with transaction(db) as s, pytest.raises(AccessDenied, match="Only an admin"):
        create_authority(s, store, actor=manager, name="Mine")
    with transaction(db) as s:
        create_authority(s, store, actor=admin, name="Northgate authority")
    with transaction(db) as s:
        worker = s.get_one(Staff, team.worker_id)
        with pytest.raises(AccessDenied, match="only Bo Worker can make their own signing identity"):
            store.issue(s, worker, actor=manager)
        with pytest.raises(AccessDenied, match="signed in as Ann Manager"):
            store.self_issue(s, worker, actor=manager)
        store.issue(s, worker, actor=admin)  # an admin re-keys anyone
        store.issue(s, s.get_one(Staff, team.manager_id), actor=manager)  # oneself
    audit = AuditTrail(clock)
    session_id = make_session(db, team)
    with pytest.raises(AccessDenied, match="signed in as Cy Manager, so you cannot sign this note as "
                                           "Ann Manager"):
        SignOffService(db, store, audit, clock, actor=other_manager).sign(
            session_id, signer_id=team.manager_id)
    SignOffService(db, store, audit, clock, actor=manager, documents=False).sign(
        session_id, signer_id=team.manager_id)
    with pytest.raises(AccessDenied, match="cannot countersign this note as Bo Worker"):
        SignOffService(db, store, audit, clock, actor=other_worker).countersign(
            session_id, signer_id=team.worker_id)
    with pytest.raises(AccessDenied, match="cannot record a disagreement as Bo Worker"):
        SignOffService(db, store, audit, clock, actor=manager).record_disagreement(
            session_id, signer_id=team.worker_id, statement="not mine to say")
    with db() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.SIGNED_BY_SUPERVISOR


def test_a_first_signature_gets_an_identity_from_the_authority_in_the_keyring(
    db: DbFactory, tmp_path: Path, clock: FixedClock
) -> None:
    team = make_team(db)
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    with transaction(db) as s:
        create_authority(s, store, actor=None, name="Northgate authority")
        # The worker made a self-issued identity before the authority existed (kept in the keyring).
        store.self_issue(s, s.get_one(Staff, team.worker_id))
        assert identity_kind(s, store, s.get_one(Staff, team.worker_id)) is IdentityKind.SELF_ISSUED
    audit = AuditTrail(clock)
    session_id = make_session(db, team)
    SignOffService(db, store, audit, clock, documents=False,
                   actor=_actor(db, team.manager_id)).sign(session_id,
                                                                       signer_id=team.manager_id)
    SignOffService(db, store, audit, clock, documents=False,
                   actor=_actor(db, team.worker_id)).countersign(session_id,
                                                                             signer_id=team.worker_id)
    with db() as s:
        for staff_id in (team.manager_id, team.worker_id):
            assert identity_kind(s, store, s.get_one(Staff, staff_id)) is IdentityKind.TRUSTED


def test_without_the_authority_key_here_a_signer_with_no_identity_is_told_to_ask_an_admin(
    db: DbFactory, tmp_path: Path, clock: FixedClock
) -> None:
    team = make_team(db)
    admins_computer = IdentityStore(tmp_path / "admin-keys", SecretStore(), clock)
    with transaction(db) as s:
        create_authority(s, admins_computer, actor=None, name="Northgate authority")
    managers_computer = IdentityStore(tmp_path / "manager-keys", SecretStore(), clock)
    session_id = make_session(db, team)
    with pytest.raises(SigningError, match="Ask an admin to issue one"):
        SignOffService(db, managers_computer, AuditTrail(clock), clock, documents=False,
                       actor=_actor(db, team.manager_id)).sign(
            session_id, signer_id=team.manager_id)
    with db() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.READY_TO_SIGN


def _ca_pkcs12(clock: FixedClock, *, authority: bool, password: bytes = b"council pki") -> bytes:
    key = new_key()
    certificate = make_certificate(key, common_name="Northgate Council Issuing CA" if authority
                                   else "A Person", organisation="Northgate Council", now=clock(),
                                   years=5, authority=authority)
    return pkcs12.serialize_key_and_certificates(b"ca", key, certificate, None,
                                                 BestAvailableEncryption(password))


def test_the_councils_own_ca_is_imported_from_pkcs12_and_issues_identities(
    db_url: str, db: DbFactory, tmp_path: Path, clock: FixedClock,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    team = make_team(db)
    store = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    admin = _add(db, "Ada Admin", Role.ADMIN)
    with transaction(db) as s:
        with pytest.raises(WrongPassphrase, match="password of the PKCS#12 file is wrong"):
            import_authority(s, store, _ca_pkcs12(clock, authority=True), "guess", actor=admin)
        with pytest.raises(SigningError, match="a person's certificate, not a signing authority"):
            import_authority(s, store, _ca_pkcs12(clock, authority=False), "council pki", actor=admin)
        assert current_authority(s, store) is None
    p12 = tmp_path / "council-ca.p12"
    p12.write_bytes(_ca_pkcs12(clock, authority=True))
    monkeypatch.setenv("WORKBENCH_P12_PASSWORD", "council pki")
    assert main(["--database", db_url, "authority", "import", str(p12), "--keys", str(store.keys_dir)]) == 0
    assert "Imported the signing authority Northgate Council Issuing CA" in capsys.readouterr().out
    with transaction(db) as s:
        info = current_authority(s, store)
        assert info is not None
        assert info.source == "imported"
        assert info.key_here
        person = s.get_one(Staff, team.worker_id)
        issued = store.issue(s, person, actor=admin)
        authority = store.authority_certificate(s)
        assert authority is not None
        assert issued_by(issued.certificate, authority)
        assert identity_kind(s, store, person) is IdentityKind.TRUSTED


def test_without_a_keyring_the_authority_key_needs_its_passphrase_to_issue(
    db_url: str, db: DbFactory, tmp_path: Path, clock: FixedClock,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring

    team = make_team(db)
    keyring.set_keyring(FailKeyring())
    keys = str(tmp_path / "keys")
    cli = ["--database", db_url, "authority"]
    monkeypatch.setenv("WORKBENCH_AUDIT_KEY", "ab" * 32)
    assert main([*cli, "create", "--name", "Northgate authority", "--keys", keys]) == 1
    assert "WORKBENCH_AUTHORITY_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("WORKBENCH_AUTHORITY_PASSPHRASE", "authority passphrase")
    assert main([*cli, "create", "--name", "Northgate authority", "--keys", keys]) == 0
    monkeypatch.setenv("WORKBENCH_AUTHORITY_PASSPHRASE", "a wrong guess")
    monkeypatch.setenv("WORKBENCH_KEY_PASSPHRASE", "bo's own passphrase")
    assert main([*cli, "issue", "--for", "Bo Worker", "--keys", keys]) == 1
    assert "signing authority is wrong" in capsys.readouterr().err
    monkeypatch.setenv("WORKBENCH_AUTHORITY_PASSPHRASE", "authority passphrase")
    assert main([*cli, "issue", "--for", "Bo Worker", "--keys", keys]) == 0
    store = IdentityStore(Path(keys), SecretStore(), clock)
    with db() as s:
        worker = s.get_one(Staff, team.worker_id)
        assert store.load(worker, passphrase="bo's own passphrase").common_name == "Bo Worker"
