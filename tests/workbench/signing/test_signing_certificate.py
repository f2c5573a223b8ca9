"""Each PAdES signature names its own signer's certificate (the signed signing-certificate-v2
attribute that PAdES requires: the certificate's SHA-256, its issuer and serial number), the same
in every PDF one person signs, and another person's signature names theirs. The attribute is
encoded once per signer (workbench.export.pades): this holds that it stays each signer's own."""

from __future__ import annotations

import hashlib
import io

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfgen import canvas

from db.engine import DbFactory
from db.models import Staff
from tests.workbench.signing.builders import Team1
from workbench.export.pades import check_pdf, sign_pdf
from workbench.signing.identity import IdentityStore, SigningIdentity


def _blank_pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def _named_certificate(pdf: bytes) -> tuple[bytes, str, int]:
    """(certificate SHA-256, issuer, serial number) as the signature's signed attribute names them."""
    (signature,) = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    attributes = {a["type"].native: a["values"][0] for a in signature.signer_info["signed_attrs"]}
    (named,) = attributes["signing_certificate_v2"]["certs"]
    (issuer,) = named["issuer_serial"]["issuer"]
    return (named["cert_hash"].native, issuer.chosen.human_friendly,
            named["issuer_serial"]["serial_number"].native)


def _own_certificate(identity: SigningIdentity) -> tuple[bytes, str, int]:
    der = identity.certificate.public_bytes(serialization.Encoding.DER)
    certificate = asn1_x509.Certificate.load(der)
    return hashlib.sha256(der).digest(), certificate.issuer.human_friendly, certificate.serial_number


def test_every_signature_names_its_own_signers_certificate(
    db: DbFactory, identities: IdentityStore, team: Team1,
) -> None:
    with db() as s:
        manager = identities.load(s.get_one(Staff, team.manager_id))
        worker = identities.load(s.get_one(Staff, team.worker_id))
    signed = [(who, sign_pdf(_blank_pdf(f"record {n}"), who, field_name="Signature", reason="test"))
              for n, who in enumerate((manager, manager, worker, manager))]
    for who, pdf in signed:
        assert _named_certificate(pdf) == _own_certificate(who)
        checked = check_pdf(pdf, [who.chain[-1]] if who.chain else [])
        assert checked.intact, checked
    assert _own_certificate(manager) != _own_certificate(worker)
