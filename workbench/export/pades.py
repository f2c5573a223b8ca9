"""PAdES signatures on the exported PDFs with pyHanko, and checking them.

The supervisor signs first, over a PDF that carries an empty signature field for the worker;
the worker's countersignature (or disagreement) fills that field as an incremental update, so
both show in any PDF reader and the first stays valid over the revision it signed.
pyHanko is imported inside the functions (0.4 s, paid on first use).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import logging
import re
import threading
import weakref
from collections.abc import Iterator, Sequence
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


# The signer made from each unlocked identity, kept only while the identity itself is alive (a
# weak key): making one re-encodes and re-parses the key and every certificate, which cost as
# much as the signature itself.
_signers: weakref.WeakKeyDictionary[SigningIdentity, Any] = weakref.WeakKeyDictionary()
_signers_lock = threading.Lock()


def _signer(identity: SigningIdentity) -> Any:
    with _signers_lock:
        found = _signers.get(identity)
    if found is None:
        found = _make_signer(identity)
        with _signers_lock:
            _signers[identity] = found
    return found


def _make_signer(identity: SigningIdentity) -> Any:
    from asn1crypto import keys
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = keys.PrivateKeyInfo.load(identity.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    chain = [_asn1_certificate(c) for c in identity.chain]
    return _signer_class()(
        signing_cert=_asn1_certificate(identity.certificate), signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


@functools.cache
def _signer_class() -> type:
    from asn1crypto import tsp
    from pyhanko.sign import signers
    from pyhanko.sign.attributes import SigningCertificateV2Provider
    from pyhanko.sign.general import as_signing_certificate_v2

    class KnownCertificate(SigningCertificateV2Provider):
        """The signing-certificate-v2 attribute, the same in every signature by one signer,
        encoded once: pyHanko rebuilt (and re-encoded) it for each PDF, half of a signature's cost."""

        def __init__(self, certificate: Any) -> None:
            super().__init__(certificate)
            self._der = as_signing_certificate_v2(certificate).dump()

        async def build_attr_value(self, dry_run: bool = False) -> Any:
            return tsp.SigningCertificateV2.load(self._der)  # a fresh value, parsed only if read

    class Signer(signers.SimpleSigner):
        """pyHanko's signer, with what depends only on the signer's certificate made once."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._known_certificate = KnownCertificate(self.signing_cert)

        def _signed_attr_providers(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            for provider in super()._signed_attr_providers(*args, **kwargs):
                if (type(provider) is SigningCertificateV2Provider
                        and provider.signing_cert is self.signing_cert):
                    yield self._known_certificate
                else:
                    yield provider

    return Signer


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
    intact: bool  # the bytes it signed are unchanged
    valid: bool  # the cryptographic signature over them verifies
    trusted: bool
    covers_whole_file: bool
    fingerprint: str
    #: pyHanko's figures: the coverage (ENTIRE_FILE, ENTIRE_REVISION, ...), the modification
    #: level of the revisions after this signature's (NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS,
    #: OTHER), whether those fit the document's modification policy, and its overall judgement.
    coverage: str = ""
    modification_level: str | None = None
    docmdp_ok: bool | None = None
    bottom_line: bool = False
    signed_revision: int = -1
    #: Why the revisions after this signature are not acceptable ("" when they are, or there are none).
    changed_after: str = ""


@dataclass(frozen=True)
class PdfCheck:
    signatures: tuple[PdfSignatureStatus, ...]
    facts: dict[str, str]  # psw-* keywords, as the first signature signed them
    error: str = ""
    #: What in the file no signature covers or allows (an unsigned last revision, changed facts).
    unsigned_changes: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        """Every signature is intact and valid, and the file is what they signed: each covers the
        whole file, or the later revisions only fill signature fields that later signatures sign."""
        return not self.error and not self.unsigned_changes and bool(self.signatures) and all(
            s.intact and s.valid and not s.changed_after for s in self.signatures)

    @property
    def trusted(self) -> bool:
        return self.intact and all(s.trusted for s in self.signatures)


def read_facts(reader: Any) -> dict[str, str]:
    """The psw-* keywords of ``reader``'s document info (a reader, or one of its historical
    revisions: anything with a ``trailer_view``)."""
    try:
        info = reader.trailer_view.raw_get("/Info")
        if hasattr(info, "reference"):
            # Through the revision's own resolver: the trailer's references resolve to the
            # newest version of an object, which a later revision may have replaced.
            info = reader.get_object(info.reference)
        keywords = str(info["/Keywords"]) if "/Keywords" in info else ""
    except Exception:
        return {}
    return {m.group(1): m.group(2).strip() for m in KEYWORD.finditer(keywords)}


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs each certificate it cannot trust as a warning with a traceback; the verdict
    already says "not trusted", so those records would only put tracebacks on the screen."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _field_names(reader: Any, revision: int) -> set[str]:
    """The names of the form fields in ``revision`` of the document."""
    try:
        root = reader.get_historical_resolver(revision).root
        form = root.get("/AcroForm")
        if form is None:
            return set()
        fields = form.get_object()["/Fields"].get_object()
        return {str(field.get_object()["/T"]) for field in fields}
    except Exception:
        return set()


def _changed_after(status: Any, later_fields: set[str], fields_then: set[str]) -> str:
    """Why the revisions after a signature are not acceptable, or "".

    Acceptable: none (the signature covers the whole file), or only filling signature fields that
    already existed, empty, when it signed, each signed by a later signature in this file (the
    worker's countersignature fills the box the supervisor's revision left for it).
    """
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    coverage = status.coverage
    if coverage is SignatureCoverageLevel.ENTIRE_FILE:
        return ""
    if coverage is not SignatureCoverageLevel.ENTIRE_REVISION:
        return "the signature does not cover the whole revision it belongs to"
    level = status.modification_level
    if level is None or level > ModificationLevel.FORM_FILLING or not status.docmdp_ok:
        return ("a later revision changes the document itself (page content or structure), "
                "not only a signature field")
    changed = set(getattr(status.diff_result, "changed_form_fields", ()) or ())
    unexplained = changed - (later_fields & fields_then)
    if unexplained:
        return (f"a later revision fills or adds form fields no later signature signs: "
                f"{', '.join(sorted(unexplained))}")
    return ""


def _signature_status(signature: Any, status: Any) -> PdfSignatureStatus:
    cert = status.signing_cert
    return PdfSignatureStatus(
        field=signature.field_name, signer=cert.subject.human_friendly,
        signing_time=status.signer_reported_dt, intact=bool(status.intact),
        valid=bool(status.valid), trusted=bool(status.trusted),
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
        fingerprint=cert.sha256.hex(":").upper() if hasattr(cert.sha256, "hex") else "",
        coverage=status.coverage.name if status.coverage is not None else "",
        modification_level=status.modification_level.name if status.modification_level else None,
        docmdp_ok=status.docmdp_ok, bottom_line=bool(status.bottom_line),
        signed_revision=signature.signed_revision,
    )


def check_pdf(data: bytes, trust_roots: Sequence[x509.Certificate] = ()) -> PdfCheck:
    """Every signature in ``data``: intact, valid, trusted against ``trust_roots``, coverage, and
    whether the revisions after it are acceptable (see :func:`_changed_after`).

    The facts are read from the revision the first signature signed, never from a later
    unsigned one; a later revision that changes them is reported in ``unsigned_changes``.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    with _quiet_pyhanko():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            embedded = sorted(reader.embedded_signatures, key=lambda e: e.signed_revision)
        except (PdfError, ValueError, KeyError, OSError) as error:
            return PdfCheck((), {}, f"the file is not a readable PDF ({error})")
        if not embedded:
            return PdfCheck((), read_facts(reader), "the PDF carries no digital signature")
        statuses = _validate_all(reader, embedded, trust_roots)
    facts, unsigned_changes = _signed_facts(reader, statuses)
    return PdfCheck(tuple(statuses), facts, unsigned_changes=unsigned_changes)


def _validate_all(reader: Any, embedded: list[Any],
                  trust_roots: Sequence[x509.Certificate]) -> list[PdfSignatureStatus]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    roots = [_asn1_certificate(c) for c in trust_roots]
    statuses = []
    for position, signature in enumerate(embedded):
        later_fields = {str(e.field_name) for e in embedded[position + 1:]}
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(
                signature, context, key_usage_settings=KeyUsageConstraints(key_usage=set()))
            fields_then = _field_names(reader, signature.signed_revision)
            checked = _signature_status(signature, status)
            statuses.append(dataclasses.replace(
                checked, changed_after=_changed_after(status, later_fields, fields_then)))
        except Exception as error:
            statuses.append(PdfSignatureStatus(
                field=getattr(signature, "field_name", "?"), signer=f"unreadable ({error})",
                signing_time=None, intact=False, valid=False, trusted=False,
                covers_whole_file=False, fingerprint="",
                changed_after="the signature could not be checked"))
    return statuses


def _signed_facts(reader: Any, statuses: list[PdfSignatureStatus]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The facts as the first signature signed them, and what the file changed after signing."""
    problems = []
    last_revision = reader.total_revisions - 1
    if not any(s.covers_whole_file for s in statuses):
        problems.append(f"the file was changed after its last signature: revision {last_revision + 1} "
                        f"of {last_revision + 1} is signed by no one (not the whole document is signed)")
    first = statuses[0].signed_revision
    if first < 0:
        return {}, tuple(problems)
    facts = read_facts(reader.get_historical_resolver(first))
    later = {s.signed_revision for s in statuses[1:] if s.signed_revision >= 0} | {last_revision}
    if any(read_facts(reader.get_historical_resolver(r)) != facts for r in sorted(later) if r > first):
        problems.append("the record facts in the PDF's metadata were changed after the first signature")
    return facts, tuple(problems)
