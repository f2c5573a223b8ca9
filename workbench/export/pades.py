"""PAdES signatures on the exported PDFs with pyHanko, and checking them.

The supervisor signs first, over a PDF that carries an empty signature field for the worker;
the worker's countersignature (or disagreement) fills that field as an incremental update, so
both show in any PDF reader and the first stays valid over the revision it signed.
pyHanko is imported inside the functions (0.4 s, paid on first use).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from workbench.export.worker_box import BoxPlace
from workbench.signing.identity import SigningIdentity

#: Room for the CMS signature (a P-256 signature with a two-certificate chain is ~2 KB).
BYTES_RESERVED = 8192
KEYWORD = re.compile(r"psw-([a-z0-9-]+)=([^;]*)")


def _asn1_certificate(certificate: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _signer(identity: SigningIdentity) -> Any:
    from asn1crypto import keys
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = keys.PrivateKeyInfo.load(identity.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    chain = [_asn1_certificate(c) for c in identity.chain]
    return signers.SimpleSigner(
        signing_cert=_asn1_certificate(identity.certificate), signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def sign_pdf(pdf: bytes, identity: SigningIdentity, *, field_name: str, reason: str,
             location: str | None = None, empty_field: tuple[str, BoxPlace] | None = None) -> bytes:
    """``pdf`` with one more PAdES signature by ``identity`` (an incremental update).

    ``empty_field`` (name, place) adds an empty signature field in the same revision, covered by
    this signature, for a later signer to fill (the worker's box, see ``worker_box``).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if empty_field is not None:
        name, place = empty_field
        fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=place.page, box=place.box))
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location, name=identity.common_name,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
    )
    out = signers.sign_pdf(writer, metadata, signer=_signer(identity), bytes_reserved=BYTES_RESERVED)
    return bytes(out.getbuffer())


def _page_content(page_pdf: bytes) -> Any:
    """pyHanko content that draws the first page of ``page_pdf`` (kept in memory, not a file)."""
    import binascii
    import uuid

    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class PageContent(PdfContent):
        def render(self) -> bytes:
            xobject = self._ensure_writer.import_page_as_xobject(
                PdfFileReader(io.BytesIO(page_pdf), strict=False), page_ix=0)
            name = "/Page" + binascii.hexlify(uuid.uuid4().bytes).decode("ascii")
            self.resources.xobject[name] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name.encode("ascii") + b" Do"

    return PageContent()


def sign_into_field(pdf: bytes, identity: SigningIdentity, *, field_name: str, reason: str,
                    appearance: bytes) -> bytes:
    """``pdf`` with ``identity``'s PAdES signature in the existing empty field ``field_name``,
    shown as the first page of ``appearance`` (an incremental update: earlier revisions and
    their signatures stay exactly as they were)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import AxisAlignment, SimpleBoxLayoutRule
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, name=identity.common_name,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
    )
    # The appearance is drawn at the box's own size: no margin, no scaling.
    layout = SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN)
    style = StaticStampStyle(background=_page_content(appearance), border_width=0,
                             background_layout=layout)
    signer = signers.PdfSigner(metadata, signer=_signer(identity), stamp_style=style)
    out = signer.sign_pdf(writer, existing_fields_only=True, bytes_reserved=BYTES_RESERVED)
    return bytes(out.getbuffer())


@dataclass(frozen=True)
class PdfSignatureStatus:
    field: str
    signer: str
    signing_time: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    fingerprint: str


@dataclass(frozen=True)
class PdfCheck:
    signatures: tuple[PdfSignatureStatus, ...]
    facts: dict[str, str]  # psw-* keywords from the PDF's metadata
    error: str = ""

    @property
    def intact(self) -> bool:
        return not self.error and bool(self.signatures) and all(
            s.intact and s.valid for s in self.signatures)

    @property
    def trusted(self) -> bool:
        return self.intact and all(s.trusted for s in self.signatures)


def read_facts(reader: Any) -> dict[str, str]:
    try:
        info = reader.trailer_view["/Info"]
        keywords = str(info["/Keywords"]) if "/Keywords" in info else ""
    except Exception:
        return {}
    return {m.group(1): m.group(2).strip() for m in KEYWORD.finditer(keywords)}


def check_pdf(data: bytes, trust_roots: Sequence[x509.Certificate] = ()) -> PdfCheck:
    """Every signature in ``data``: intact, valid, trusted against ``trust_roots``, coverage."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, OSError) as error:
        return PdfCheck((), {}, f"the file is not a readable PDF ({error})")
    facts = read_facts(reader)
    if not embedded:
        return PdfCheck((), facts, "the PDF carries no digital signature")
    roots = [_asn1_certificate(c) for c in trust_roots]
    statuses = []
    for signature in embedded:
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(
                signature, context, key_usage_settings=KeyUsageConstraints(key_usage=set()))
            cert = status.signing_cert
            statuses.append(PdfSignatureStatus(
                field=signature.field_name, signer=cert.subject.human_friendly,
                signing_time=status.signer_reported_dt, intact=bool(status.intact),
                valid=bool(status.valid), trusted=bool(status.trusted),
                covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
                fingerprint=cert.sha256.hex(":").upper() if hasattr(cert.sha256, "hex") else "",
            ))
        except Exception as error:
            statuses.append(PdfSignatureStatus(
                field=getattr(signature, "field_name", "?"), signer=f"unreadable ({error})",
                signing_time=None, intact=False, valid=False, trusted=False,
                covers_whole_file=False, fingerprint=""))
    return PdfCheck(tuple(statuses), facts)
