"""The organisation's signing authority: made or imported by an admin, trusted by every verifier.

A signature is "trusted" when the signer's certificate was issued by an authority the verifier
trusts. The authority's public certificate is kept in the database (``signing_authority``, rows
never change or go), so every computer using the database trusts the same root; its private key
stays encrypted in the keys folder of the computer where it was made or imported, opened from the
keyring or by its passphrase.

- An admin creates the authority (:func:`create_authority`) or imports the council's own CA from
  a PKCS#12 file (:func:`import_authority`).
- Each person gets an identity issued by it (:meth:`IdentityStore.issue`): an admin issues them,
  or, where the authority's key opens from this computer's keyring, the person's own first
  signature does (:func:`upgrade_identity`). A self-issued identity is only the fallback where no
  authority can issue one, and verifies as "not trusted".
- Its certificate is exported as PEM (:func:`authority_pem`) for anyone verifying elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import SigningAuthority, Staff
from workbench.access import Actor, require_admin
from workbench.messages import translatable
from workbench.signing.certificates import (
    certificate_pem,
    fingerprint,
    load_certificates_pem,
    make_certificate,
    new_key,
)
from workbench.signing.identity import IdentityStore, NoAuthority, SigningError, read_pkcs12

CREATED = "created"
IMPORTED = "imported"


class IdentityKind(StrEnum):
    """What a person's current signing identity is worth to a verifier."""

    NONE = "no signing identity yet"
    TRUSTED = "issued by the organisation's signing authority (trusted)"
    SELF_ISSUED = "self-issued (not trusted)"


@dataclass(frozen=True)
class AuthorityInfo:
    """The organisation's current signing authority, as a screen or the CLI shows it."""

    fingerprint: str
    name: str
    source: str
    created_at: dt.datetime
    valid_until: dt.datetime
    key_here: bool  # this keys folder holds its key (identities can be issued here)
    unlocks_from_keyring: bool  # ...and it opens without a passphrase

    def describe(self) -> str:
        how = "imported from the council's CA" if self.source == IMPORTED else "created here"
        where = ("its key is on this computer" + (", opened from the keyring"
                                                  if self.unlocks_from_keyring else
                                                  ", protected by its passphrase")
                 if self.key_here else "its key is NOT on this computer")
        return (f"{self.name} ({how} {self.created_at:%Y-%m-%d}, valid until "
                f"{self.valid_until:%Y-%m-%d}; {where})\nfingerprint (SHA-256) "
                f"{self.fingerprint[:47]}\n{self.fingerprint[48:]}")


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def current_authority(s: Session, store: IdentityStore) -> AuthorityInfo | None:
    row = s.scalars(select(SigningAuthority).order_by(SigningAuthority.id.desc()).limit(1)).first()
    if row is None:
        return None
    certificate = load_certificates_pem(row.certificate_pem)[0]
    return AuthorityInfo(
        fingerprint=row.fingerprint, name=row.name, source=row.source, created_at=row.created_at,
        valid_until=certificate.not_valid_after_utc, key_here=store.authority_key_here(certificate),
        unlocks_from_keyring=store.authority_unlocks_from_keyring(certificate))


def trusted_certificates(s: Session) -> list[x509.Certificate]:
    """Every authority this database has trusted (old ones too, so old signatures stay trusted)."""
    return [load_certificates_pem(pem)[0]
            for pem in s.scalars(select(SigningAuthority.certificate_pem).order_by(SigningAuthority.id))]


def authority_pem(s: Session) -> str:
    """The current authority's certificate as PEM, for `workbench verify --trust` elsewhere."""
    row = s.scalars(select(SigningAuthority).order_by(SigningAuthority.id.desc()).limit(1)).first()
    if row is None:
        raise NoAuthority(translatable("workbench.signing", "This organisation has no signing authority yet: "
                                                            "an admin creates one with `workbench authority "
                                                            "create` (or imports one) first."))
    return row.certificate_pem


def _refuse_second(s: Session, replace: bool) -> None:
    existing = s.scalars(select(SigningAuthority.name).order_by(SigningAuthority.id.desc())).first()
    if existing is not None and not replace:
        raise SigningError(
            translatable("workbench.signing", "This organisation already has a signing authority (%1). "
                                              "Replace it only if it is lost or compromised (--replace): "
                                              "signatures made under it stay trusted, and everyone needs a "
                                              "new identity from the new one.").arg(existing)
        )


def _register(s: Session, store: IdentityStore, certificate: x509.Certificate, *, source: str,
              actor: Actor | None) -> None:
    colon = fingerprint(certificate)
    if s.scalars(select(SigningAuthority.id).where(SigningAuthority.fingerprint == colon)).first():
        raise SigningError(translatable("workbench.signing", "That signing authority is already this "
                                                             "organisation's; nothing changed."))
    s.add(SigningAuthority(fingerprint=colon, name=_common_name(certificate)[:200],
                           certificate_pem=certificate_pem(certificate), source=source,
                           created_by_id=actor.staff_id if actor else None, created_at=store.clock()))
    s.flush()
    store.audit.record(s, actor_id=actor.staff_id if actor else None,
                       action=f"signing_authority_{source}", entity_type="signing_authority",
                       entity_id=colon, details={"name": _common_name(certificate)})


def create_authority(s: Session, store: IdentityStore, *, actor: Actor | None, name: str,
                     organisation: str | None = None, passphrase: str | None = None,
                     years: int = 10, replace: bool = False) -> x509.Certificate:
    """Make the organisation's signing authority (an admin does this, once).

    Its key is protected by ``passphrase``, or by a random secret in the keyring when none is
    given and the keyring is secure (else :class:`PassphraseRequired`).
    """
    require_admin(actor)
    if not name.strip():
        raise SigningError(translatable("workbench.signing", "Give the signing authority a name, e.g. "
                                                             "'Northgate Council children's services signing "
                                                             "authority'."))
    _refuse_second(s, replace)
    key = new_key()
    certificate = make_certificate(key, common_name=name.strip(), organisation=organisation,
                                   now=store.clock(), years=years, authority=True)
    store.keep_authority(certificate, key, passphrase=passphrase)
    _register(s, store, certificate, source=CREATED, actor=actor)
    return certificate


def _is_authority(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not constraints.ca:
        return False
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.key_cert_sign)


def import_authority(s: Session, store: IdentityStore, data: bytes, password: str, *,
                     actor: Actor | None, passphrase: str | None = None,
                     replace: bool = False) -> x509.Certificate:
    """Make the council's own CA (a PKCS#12 file with its key) this organisation's authority."""
    require_admin(actor)
    _refuse_second(s, replace)
    found = read_pkcs12(data, password)
    certificate = found.certificate
    if not _is_authority(certificate):
        raise SigningError(
            translatable("workbench.signing", "The PKCS#12 file holds a person's certificate, not a signing "
                                              "authority (CA) that may issue certificates. Ask the council's "
                                              "PKI team for the CA's file, or create an authority here with "
                                              "`workbench authority create`.")
        )
    if certificate.not_valid_after_utc <= store.clock():
        raise SigningError(
            translatable("workbench.signing", "The authority's certificate expired on %1: ask the council's "
                                              "PKI team for a current one.")
            .arg(format(certificate.not_valid_after_utc, "%Y-%m-%d"))
        )
    store.keep_authority(certificate, found.private_key, found.chain, passphrase=passphrase)
    _register(s, store, certificate, source=IMPORTED, actor=actor)
    return certificate


def identity_kind(s: Session, store: IdentityStore, staff: Staff) -> IdentityKind:
    if not staff.certificate_fingerprint or not store.has_identity(staff):
        return IdentityKind.NONE
    return IdentityKind.TRUSTED if store.is_trusted_identity(s, staff) else IdentityKind.SELF_ISSUED


def can_issue_here(s: Session, store: IdentityStore) -> bool:
    """Whether an identity can be issued on this computer with no passphrase typed."""
    authority = store.authority_certificate(s)
    return authority is not None and store.authority_unlocks_from_keyring(authority)


def upgrade_identity(s: Session, store: IdentityStore, staff: Staff, *,
                     actor: Actor | None) -> bool:
    """Before someone signs: if they have no trusted identity and this computer's keyring opens
    the organisation's authority, issue them one (kept in the keyring). Returns whether it did.

    A self-issued key they protected with a passphrase of their own is left alone (an admin
    re-keys them). Where the authority cannot issue here, nothing changes: they sign with the identity they
    have (a self-issued one verifies as "not trusted") until an admin issues them one.
    """
    kind = identity_kind(s, store, staff)
    if kind is IdentityKind.TRUSTED or not can_issue_here(s, store):
        return False
    if kind is IdentityKind.SELF_ISSUED and not store.identity_unlocks_from_keyring(staff):
        return False  # they chose a passphrase of their own: an admin re-keys them, not a side effect
    store.issue(s, staff, actor=actor)
    return True


def make_own_identity(s: Session, store: IdentityStore, staff: Staff, *, actor: Actor | None,
                      passphrase: str | None = None,
                      authority_passphrase: str | None = None) -> IdentityKind:
    """A new identity for ``staff``: from the organisation's authority where it can issue here
    (keyring, or ``authority_passphrase``), else self-issued as a clearly labelled fallback."""
    authority = store.authority_certificate(s)
    if authority is not None and store.authority_key_here(authority) and (
            authority_passphrase is not None or store.authority_unlocks_from_keyring(authority)):
        store.issue(s, staff, actor=actor, authority_passphrase=authority_passphrase,
                    passphrase=passphrase)
        return IdentityKind.TRUSTED
    store.self_issue(s, staff, actor=actor, passphrase=passphrase)
    return IdentityKind.SELF_ISSUED


@dataclass(frozen=True)
class PersonIdentity:
    staff_id: int
    name: str
    role: str
    kind: IdentityKind


class AuthorityService:
    """What an admin screen does with the authority, each step in its own transaction; every
    step checks that ``actor`` is an admin (None: the system)."""

    def __init__(self, db: DbFactory, store: IdentityStore, actor: Actor | None) -> None:
        self.db = db
        self.store = store
        self.actor = actor

    def overview(self) -> tuple[AuthorityInfo | None, list[PersonIdentity]]:
        require_admin(self.actor)
        with self.db() as s:
            people = s.scalars(select(Staff).where(Staff.active.is_(True), Staff.role != Role.ADMIN)
                               .order_by(Staff.name, Staff.id)).all()  # admins sign no records
            return current_authority(s, self.store), [
                PersonIdentity(p.id, p.name, p.role.value, identity_kind(s, self.store, p))
                for p in people]

    def create(self, name: str, *, organisation: str | None = None,
               passphrase: str | None = None) -> str:
        with transaction(self.db) as s:
            return fingerprint(create_authority(s, self.store, actor=self.actor, name=name,
                                                organisation=organisation, passphrase=passphrase))

    def import_pkcs12(self, data: bytes, password: str, *, passphrase: str | None = None) -> str:
        with transaction(self.db) as s:
            return fingerprint(import_authority(s, self.store, data, password, actor=self.actor,
                                                passphrase=passphrase))

    def issue(self, staff_id: int, *, authority_passphrase: str | None = None,
              passphrase: str | None = None) -> str:
        require_admin(self.actor)
        with transaction(self.db) as s:
            return self.store.issue(s, s.get_one(Staff, staff_id), actor=self.actor,
                                    authority_passphrase=authority_passphrase,
                                    passphrase=passphrase).fingerprint

    def certificate_pem(self) -> str:
        with self.db() as s:
            return authority_pem(s)
