"""Keys and X.509 certificates made with ``cryptography``: pure functions, no files, no database.

Every key is EC P-256 (pyHanko signs with it in milliseconds; RSA is ten times slower).
A fingerprint is the SHA-256 of the certificate's DER, as colon-separated upper-case hex
(``AB:CD:...``, 95 characters): the form Staff.certificate_fingerprint and
Signature.certificate_fingerprint hold, and the form the PDFs print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

#: Signature payloads are signed with SHA-256 whatever the key.
_HASH = hashes.SHA256


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER as ``AB:CD:...`` (95 characters)."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


def plain_fingerprint(colon_fingerprint: str) -> str:
    """``AB:CD:...`` -> ``abcd...``: the form used in file and keyring names."""
    return colon_fingerprint.replace(":", "").lower()


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, organisation: str | None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "unnamed")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    return x509.Name(attributes)


@dataclass(frozen=True)
class Issuer:
    """Who signs a new certificate: a team signing authority, or (None) the key itself."""

    certificate: x509.Certificate
    key: PrivateKey
    chain: tuple[x509.Certificate, ...] = ()  # the authority's own issuers (an imported CA)


def make_certificate(
    key: PrivateKey,
    *,
    common_name: str,
    organisation: str | None,
    now: dt.datetime,
    years: int,
    issuer: Issuer | None = None,
    authority: bool = False,
) -> x509.Certificate:
    """A certificate for ``key``: a signing authority's (``authority``), or a person's.

    Validity starts a day before ``now`` so that a clock a little behind still accepts it.
    """
    subject = _name(common_name, organisation)
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if authority:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        usage = x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False,
        )
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        usage = x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False,
        )
    builder = builder.add_extension(usage, critical=True)
    signing_key = issuer.key if issuer else key
    return builder.sign(signing_key, _HASH())


def certificate_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_certificates_pem(data: bytes | str) -> list[x509.Certificate]:
    raw = data.encode("ascii") if isinstance(data, str) else data
    return x509.load_pem_x509_certificates(raw)


def sign_bytes(key: PrivateKey, payload: bytes) -> bytes:
    """A DER ECDSA (or RSA PKCS#1 v1.5, for imported RSA keys) signature over ``payload``."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(payload, ec.ECDSA(_HASH()))
    return key.sign(payload, padding.PKCS1v15(), _HASH())


def verify_bytes(certificate: x509.Certificate, payload: bytes, signature: bytes) -> bool:
    """Whether ``signature`` over ``payload`` was made by the key of ``certificate``."""
    public = certificate.public_key()
    try:
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, payload, ec.ECDSA(_HASH()))
        elif isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, payload, padding.PKCS1v15(), _HASH())
        else:
            return False
    except InvalidSignature:
        return False
    return True


def issued_by(certificate: x509.Certificate, authority: x509.Certificate) -> bool:
    """Whether ``authority``'s key signed ``certificate`` (one step of a chain)."""
    try:
        certificate.verify_directly_issued_by(authority)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
