"""Signatures and signed addenda: what makes a record final."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import DocumentKind, DocumentStage, SignatureKind


class Addendum(Base):
    """A signed correction to a signed session; the original never changes."""

    __tablename__ = "addendum"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    discussion_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Signature(Base):
    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    addendum_id: Mapped[int | None] = mapped_column(ForeignKey("addendum.id"))
    # The child (case discussion) a disagreement concerns; NULL: the session as a whole.
    discussion_id: Mapped[int | None] = mapped_column(ForeignKey("case_discussion.id"))
    signer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    signer_role: Mapped[str] = mapped_column(String(32))
    kind: Mapped[SignatureKind] = mapped_column(str_enum(SignatureKind, "signature_kind"))
    statement: Mapped[str] = mapped_column(Text, default="")  # e.g. the worker's disagreement
    signed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_fingerprint: Mapped[str] = mapped_column(String(95))


class SignedDocument(Base):
    """A signed PDF made at sign-off and kept: a signed record never changes, so neither do its
    PDFs. Each step (supervisor, worker, addendum) appends a row; nothing is ever updated or
    deleted (migration 0003). An export writes the newest version of each document."""

    __tablename__ = "signed_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))  # extracts only
    stage: Mapped[DocumentStage] = mapped_column(str_enum(DocumentStage, "document_stage"))
    addendum_id: Mapped[int | None] = mapped_column(ForeignKey("addendum.id"))  # addenda only
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class DisagreementResponse(Base):
    """A practice lead's (or head of service's) signed answer to a worker's recorded
    disagreement: the disagreement then counts as resolved. Append-only (migration 0014):
    an answer, once signed, is never changed or removed; a further word is a new record."""

    __tablename__ = "disagreement_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The worker's disagreement signature it answers; one answer each.
    signature_id: Mapped[int] = mapped_column(ForeignKey("signature.id"), unique=True)
    # Denormalised from the signature so the server's row-level security reads one column.
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    responder_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    responder_role: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    responded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What was signed: the SHA-256 of the canonical response (it names the disagreement's own
    # hash), the ECDSA signature over it and the responder's certificate fingerprint.
    content_sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_fingerprint: Mapped[str] = mapped_column(String(95))
    # The response as a PDF, PAdES-signed by the responder when they answered, kept with the
    # record: exported and printed with the supervision-file copy, and with the extract of the
    # child the disagreement concerns (none for one about the whole session). NULL for answers
    # recorded before responses were printed.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
