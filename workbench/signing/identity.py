"""Signing identities on disk: encrypted private keys in a keys folder, passphrases in the keyring.

Layout of the keys folder (its path is passed in; the app uses ``<data dir>/keys``)::

    authority/<fingerprint>.key.pem     an organisation signing authority's key (encrypted PKCS#8)
    authority/<fingerprint>.cert.pem    its certificate (then its issuers, for an imported CA)
    authority/team-authority.cert.pem   (older keys folders) the demo's first authority
    identities/<fingerprint>.key.pem    a person's key (encrypted PKCS#8)
    identities/<fingerprint>.cert.pem   their certificate, then its issuers

Which authority is the organisation's is kept in the database (the ``signing_authority``
table, see :mod:`workbench.signing.authority`), so a demo authority in the same keys folder
never issues a real person's identity. Files are named by certificate fingerprint and never
overwritten, so a re-issued identity
leaves the old certificate beside it (old signatures still verify) and a failed step leaves
the person's current identity (Staff.certificate_fingerprint) as it was.

Each key's passphrase is a random secret kept in the OS keyring through
:class:`~workbench.secrets.SecretStore`. Where the keyring is not secure (the fail, null or
plaintext backends) nothing is stored there: the caller must pass the person's own passphrase,
and gets :class:`PassphraseRequired` until it does.
"""

from __future__ import annotations

import secrets as token_source
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Role
from db.models import SigningAuthority, Staff
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.errors import PassphraseRequired as PassphraseRequired
from workbench.errors import WrongPassphrase as WrongPassphrase
from workbench.files import write_atomically
from workbench.messages import translatable
from workbench.secrets import NoSecureKeyring, SecretStore
from workbench.signing.certificates import (
    Issuer,
    PrivateKey,
    certificate_pem,
    fingerprint,
    issued_by,
    load_certificates_pem,
    make_certificate,
    new_key,
    plain_fingerprint,
    sign_bytes,
)

MIN_PASSPHRASE_LENGTH = 8
AUTHORITY_SECRET_PREFIX = "signing-authority:"


# A missing or wrong passphrase is workbench.errors' PassphraseRequired / WrongPassphrase, one
# class each whatever it opens (a key, a database, a sign-in); re-exported above for key loaders.


class SigningError(Exception):
    """A problem with a signing identity the user can fix; the message says how."""


class NoAuthority(SigningError):
    """The organisation has no signing authority yet (an admin makes one)."""


class AuthorityKeyMissing(SigningError):
    """The authority's key is not in this keys folder (it lives on the admin's computer)."""


@dataclass(frozen=True)
class SigningIdentity:
    """An unlocked identity: certificate, private key and the certificates that issued it."""

    certificate: x509.Certificate
    private_key: PrivateKey
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def common_name(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""

    def sign(self, payload: bytes) -> bytes:
        return sign_bytes(self.private_key, payload)

    def to_transport(self) -> tuple[bytes, bytes]:
        """(unencrypted PKCS#8 DER key, PEM certificates) to hand to a worker process in memory."""
        key = self.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        pems = "".join(certificate_pem(c) for c in (self.certificate, *self.chain))
        return key, pems.encode("ascii")

    @classmethod
    def from_transport(cls, data: tuple[bytes, bytes]) -> SigningIdentity:
        key = serialization.load_der_private_key(data[0], password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise SigningError(translatable(
                    "workbench.signing", "Only EC and RSA signing keys are supported."))
        certificates = load_certificates_pem(data[1])
        return cls(certificates[0], key, tuple(certificates[1:]))


def _encrypted_pem(key: PrivateKey, passphrase: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise SigningError(
            translatable("workbench.signing", "The passphrase is too short: use at least %1 characters.")
            .arg(MIN_PASSPHRASE_LENGTH)
        )


class IdentityStore:
    """Creates, imports and unlocks signing identities kept in ``keys_dir``."""

    def __init__(self, keys_dir: Path, secrets: SecretStore, clock: Clock,
                 audit: AuditTrail | None = None) -> None:
        self.keys_dir = Path(keys_dir)
        self.secrets = secrets
        self.clock = clock
        self.audit = audit or AuditTrail(clock)

    # --- paths -------------------------------------------------------------------------
    def authority_paths(self, colon_fingerprint: str) -> tuple[Path, Path]:
        """(key file, certificate file) of the signing authority with this fingerprint."""
        stem = self.keys_dir / "authority" / plain_fingerprint(colon_fingerprint)
        return stem.with_suffix(".key.pem"), stem.with_suffix(".cert.pem")

    @property
    def legacy_authority_certificate_path(self) -> Path:
        """Where keys folders made before authorities were kept in the database hold theirs."""
        return self.keys_dir / "authority" / "team-authority.cert.pem"

    def _identity_paths(self, colon_fingerprint: str) -> tuple[Path, Path]:
        stem = self.keys_dir / "identities" / plain_fingerprint(colon_fingerprint)
        return stem.with_suffix(".key.pem"), stem.with_suffix(".cert.pem")

    # --- passphrases -------------------------------------------------------------------
    def _passphrase_for_new_key(self, passphrase: str | None) -> tuple[str, bool]:
        """(passphrase, whether to keep it in the keyring)."""
        if passphrase is not None:
            _check_new_passphrase(passphrase)
            return passphrase, False
        if not self.secrets.is_secure():
            raise PassphraseRequired(
                translatable("workbench.signing", "There is no secure keyring on this computer (found %1), "
                                                  "so the key cannot be protected automatically. Type a "
                                                  "passphrase of at least %2 characters to protect it, and "
                                                  "keep it safe.")
                .arg(self.secrets.describe(), MIN_PASSPHRASE_LENGTH)
            )
        return token_source.token_urlsafe(32), True

    def _passphrase_to_open(self, secret_name: str, passphrase: str | None, what: str) -> str:
        if passphrase is not None:
            return passphrase
        try:
            stored = self.secrets.get(secret_name)
        except NoSecureKeyring as error:
            raise PassphraseRequired(
                translatable("workbench.signing", "There is no secure keyring on this computer to unlock %1: "
                                                  "type its passphrase. (%2)").arg(what, error)
            ) from error
        if stored is None:
            raise PassphraseRequired(
                translatable("workbench.signing", "The passphrase of %1 is not in this computer's keyring: "
                                                  "type it.").arg(what)
            )
        return stored

    @staticmethod
    def _open_key(path: Path, passphrase: str, what: str) -> PrivateKey:
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise SigningError(
                translatable("workbench.signing", "The key file of %1 is missing (%2). Restore the keys "
                                                  "folder from a backup, or issue a new identity.")
                .arg(what, path)
            ) from error
        try:
            key = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8"))
        except (ValueError, TypeError) as error:
            raise WrongPassphrase(
                translatable("workbench.signing", "The passphrase for %1 is wrong. Nothing was changed; try "
                                                  "again.").arg(what)
            ) from error
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise SigningError(translatable(
                    "workbench.signing", "The key of %1 is of an unsupported kind.").arg(what))
        return key

    # --- organisation signing authorities ---------------------------------------------
    def authority_certificate(self, session: Session) -> x509.Certificate | None:
        """The organisation's current signing authority (the newest in the database)."""
        row = session.scalars(select(SigningAuthority).order_by(SigningAuthority.id.desc())
                              .limit(1)).first()
        return load_certificates_pem(row.certificate_pem)[0] if row is not None else None

    def has_authority(self, session: Session) -> bool:
        return self.authority_certificate(session) is not None

    def legacy_authority_certificate(self) -> x509.Certificate | None:
        """The authority certificate of a keys folder made before the database kept them."""
        path = self.legacy_authority_certificate_path
        return load_certificates_pem(path.read_bytes())[0] if path.exists() else None

    def keep_authority(self, certificate: x509.Certificate, key: PrivateKey,
                       chain: tuple[x509.Certificate, ...] = (), *,
                       passphrase: str | None = None) -> None:
        """Write an authority's key (encrypted: by ``passphrase``, else a keyring secret)."""
        secret, keep = self._passphrase_for_new_key(passphrase)
        colon = fingerprint(certificate)
        key_path, cert_path = self.authority_paths(colon)
        if keep:
            self.secrets.set(AUTHORITY_SECRET_PREFIX + plain_fingerprint(colon), secret)
        write_atomically(key_path, _encrypted_pem(key, secret))
        pems = "".join(certificate_pem(c) for c in (certificate, *chain))
        write_atomically(cert_path, pems.encode("ascii"))

    def authority_key_here(self, certificate: x509.Certificate) -> bool:
        """Whether this keys folder holds the authority's (encrypted) key."""
        return self.authority_paths(fingerprint(certificate))[0].exists()

    def authority_unlocks_from_keyring(self, certificate: x509.Certificate) -> bool:
        """Whether the authority's key opens here with no passphrase typed."""
        if not self.authority_key_here(certificate) or not self.secrets.is_secure():
            return False
        try:
            name = AUTHORITY_SECRET_PREFIX + plain_fingerprint(fingerprint(certificate))
            return self.secrets.get(name) is not None
        except NoSecureKeyring:
            return False

    def unlock_authority(self, certificate: x509.Certificate, passphrase: str | None) -> Issuer:
        """The authority's key, opened from the keyring or by ``passphrase``."""
        colon = fingerprint(certificate)
        key_path, cert_path = self.authority_paths(colon)
        what = "the organisation's signing authority"
        if not key_path.exists():
            raise AuthorityKeyMissing(
                translatable("workbench.signing", "The signing authority's key is not on this computer. "
                                                  "Issue identities where the authority was created or "
                                                  "imported (the admin's computer), or restore its keys "
                                                  "folder from a backup.")
            )
        secret = self._passphrase_to_open(AUTHORITY_SECRET_PREFIX + plain_fingerprint(colon),
                                          passphrase, what)
        key = self._open_key(key_path, secret, what)
        chain = tuple(load_certificates_pem(cert_path.read_bytes())[1:])
        return Issuer(certificate, key, chain)

    # --- people ------------------------------------------------------------------------
    def issue(self, session: Session, staff: Staff, *, actor_id: int | None = None,
              actor: Actor | None = None, authority_passphrase: str | None = None,
              passphrase: str | None = None, years: int = 3) -> SigningIdentity:
        """A new key and a certificate from the organisation's signing authority for ``staff``.

        ``actor`` (the signed-in person) must be ``staff`` or an admin; the authority's key opens
        from the keyring, or with ``authority_passphrase``.
        """
        require_identity_maker(actor, staff)
        authority = self.authority_certificate(session)
        if authority is None:
            raise NoAuthority(
                translatable("workbench.signing", "This organisation has no signing authority yet: an admin "
                                                  "creates one (workbench authority create, or Admin > "
                                                  "Signing authority) or imports the council's own "
                                                  "(workbench authority import FILE.p12).")
            )
        issuer = self.unlock_authority(authority, authority_passphrase)
        key = new_key()
        certificate = make_certificate(
            key, common_name=staff.name, organisation=_team_name(staff), now=self.clock(),
            years=years, issuer=issuer,
        )
        identity = SigningIdentity(certificate, key, (issuer.certificate, *issuer.chain))
        return self._keep(session, staff, identity, actor_id=_who(actor, actor_id),
                          passphrase=passphrase, how="issued by the organisation's signing authority")

    def self_issue(self, session: Session, staff: Staff, *, actor_id: int | None = None,
                   actor: Actor | None = None, passphrase: str | None = None,
                   years: int = 3) -> SigningIdentity:
        """A new key with a self-signed certificate (intact when verified, but NOT trusted): the
        fallback where no organisation signing authority can issue one."""
        require_identity_maker(actor, staff)
        key = new_key()
        certificate = make_certificate(
            key, common_name=staff.name, organisation=_team_name(staff), now=self.clock(),
            years=years,
        )
        return self._keep(session, staff, SigningIdentity(certificate, key),
                          actor_id=_who(actor, actor_id), passphrase=passphrase,
                          how="self-issued (not trusted)")

    def import_pkcs12(self, session: Session, staff: Staff, data: bytes, password: str, *,
                      actor_id: int | None = None, actor: Actor | None = None,
                      passphrase: str | None = None) -> SigningIdentity:
        """An identity from an organisation's PKCS#12 (.p12/.pfx) file."""
        require_identity_maker(actor, staff)
        identity = read_pkcs12(data, password)
        return self._keep(session, staff, identity, actor_id=_who(actor, actor_id),
                          passphrase=passphrase, how="imported from a PKCS#12 file")

    def is_trusted_identity(self, session: Session, staff: Staff) -> bool:
        """Whether ``staff``'s current certificate was issued by an organisation authority."""
        if not staff.certificate_pem:
            return False
        certificate = load_certificates_pem(staff.certificate_pem)[0]
        roots = session.scalars(select(SigningAuthority.certificate_pem)).all()
        return any(issued_by(certificate, load_certificates_pem(pem)[0]) for pem in roots)

    def _keep(self, session: Session, staff: Staff, identity: SigningIdentity, *,
              actor_id: int | None, passphrase: str | None, how: str) -> SigningIdentity:
        colon = identity.fingerprint
        secret_name = f"signing-key:{plain_fingerprint(colon)}"
        secret, keep = self._passphrase_for_new_key(passphrase)
        key_path, cert_path = self._identity_paths(colon)
        if keep:
            self.secrets.set(secret_name, secret)
        write_atomically(key_path, _encrypted_pem(identity.private_key, secret))
        pems = "".join(certificate_pem(c) for c in (identity.certificate, *identity.chain))
        write_atomically(cert_path, pems.encode("ascii"))
        staff.certificate_pem = certificate_pem(identity.certificate)
        staff.certificate_fingerprint = colon
        self.audit.record(session, actor_id=actor_id, action="signing_identity_set",
                          entity_type="staff", entity_id=staff.id,
                          details={"fingerprint": colon, "how": how})
        return identity

    def has_identity(self, staff: Staff) -> bool:
        if not staff.certificate_fingerprint:
            return False
        key_path, cert_path = self._identity_paths(staff.certificate_fingerprint)
        return key_path.exists() and cert_path.exists()

    def identity_unlocks_from_keyring(self, staff: Staff) -> bool:
        """Whether ``staff``'s current key opens from this computer's keyring (no passphrase)."""
        if not staff.certificate_fingerprint or not self.secrets.is_secure():
            return False
        name = f"signing-key:{plain_fingerprint(staff.certificate_fingerprint)}"
        try:
            return self.secrets.get(name) is not None
        except NoSecureKeyring:
            return False

    def load(self, staff: Staff, *, passphrase: str | None = None) -> SigningIdentity:
        """Unlock ``staff``'s current identity (passphrase from the keyring unless given)."""
        if not staff.certificate_fingerprint:
            raise SigningError(
                translatable("workbench.signing", "%1 has no signing identity yet. Ask an admin to issue one "
                                                  "(workbench authority issue --for \"%2\"), then sign "
                                                  "again.").arg(staff.name, staff.name)
            )
        colon = staff.certificate_fingerprint
        key_path, cert_path = self._identity_paths(colon)
        what = f"the signing key of {staff.name}"
        secret = self._passphrase_to_open(f"signing-key:{plain_fingerprint(colon)}", passphrase, what)
        key = self._open_key(key_path, secret, what)
        certificates = load_certificates_pem(cert_path.read_bytes())
        return SigningIdentity(certificates[0], key, tuple(certificates[1:]))

    def certificate(self, colon_fingerprint: str) -> x509.Certificate | None:
        """Any certificate this folder has held, current or re-issued since (for old signatures)."""
        _, cert_path = self._identity_paths(colon_fingerprint)
        if not cert_path.exists():
            return None
        return load_certificates_pem(cert_path.read_bytes())[0]


def read_pkcs12(data: bytes, password: str) -> SigningIdentity:
    """The key and certificates of a PKCS#12 (.p12/.pfx) file; nothing is kept."""
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError as error:
        message = str(error).lower()
        if "password" in message or "mac" in message or "decrypt" in message:
            raise WrongPassphrase(
                translatable("workbench.signing", "The password of the PKCS#12 file is wrong. Nothing was "
                                                  "changed; try again.")
            ) from error
        raise SigningError(
            translatable("workbench.signing", "This file is not a PKCS#12 (.p12/.pfx) file. Ask for the file "
                                              "again.")
        ) from error
    if key is None or certificate is None:
        raise SigningError(translatable("workbench.signing", "The PKCS#12 file holds no private key with its "
                                                             "certificate."))
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SigningError(translatable("workbench.signing", "The PKCS#12 key must be an EC or RSA key."))
    return SigningIdentity(certificate, key, tuple(extra or ()))


def require_identity_maker(actor: Actor | None, staff: Staff) -> None:
    """Only the person themselves (or an admin re-keying them) makes their signing identity."""
    if actor is None or actor.staff_id == staff.id or actor.role is Role.ADMIN:
        return
    raise AccessDenied(
        translatable("workbench.signing", "You are signed in as %1: only %2 can make their own signing "
                                          "identity, or an admin can issue one for them.")
        .arg(actor.label, staff.name)
    )


def _who(actor: Actor | None, actor_id: int | None) -> int | None:
    return actor.staff_id if actor is not None else actor_id


def _team_name(staff: Staff) -> str | None:
    return staff.team.name if staff.team is not None else None
