"""Practice quality audits: a practice lead grades one child's signed supervision record
against a versioned audit form, a second auditor moderates, the worker and manager respond,
and the audit is signed. Once signed nothing about it changes (migration 0017's triggers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, str_enum, utcnow
from db.enums import AuditStatus, Grade


class AuditFormVersion(Base):
    """A snapshot of the audit form an audit used, so an old form's wording survives."""

    __tablename__ = "audit_form_version"
    __table_args__ = (UniqueConstraint("form_key", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)


class PracticeAudit(Base):
    """One audit of one child's record (a case discussion in a signed session)."""

    __tablename__ = "practice_audit"
    __table_args__ = (
        UniqueConstraint("discussion_id", "form_version_id"),
        CheckConstraint("status <> 'signed' OR (signature IS NOT NULL AND content_sha256 IS NOT NULL)",
                        name="signed_has_signature"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("audit_form_version.id"))
    discussion_id: Mapped[int] = mapped_column(ForeignKey("case_discussion.id"), index=True)
    # Denormalised from the record (as it was when sampled) so row-level security and the
    # themes by team read one row.
    session_id: Mapped[int] = mapped_column(ForeignKey("supervision_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_allocation.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    meeting_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    auditor_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sampled_how: Mapped[str] = mapped_column(String(200))
    status: Mapped[AuditStatus] = mapped_column(str_enum(AuditStatus, "audit_status"),
                                                default=AuditStatus.SAMPLED)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    moderated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    moderation_note: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # What the auditor signed: the canonical audit's SHA-256, the ECDSA signature over it, the
    # certificate's fingerprint, and the PAdES-signed PDF made from the same content.
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    certificate_fingerprint: Mapped[str | None] = mapped_column(String(95))
    signed_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)


class AuditGrade(Base):
    """One item of the form: the auditor's grade and evidence; the moderator's grade and reason
    where they changed it."""

    __tablename__ = "audit_grade"
    __table_args__ = (UniqueConstraint("audit_id", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("practice_audit.id"))
    item_key: Mapped[str] = mapped_column(String(64))
    grade: Mapped[Grade] = mapped_column(str_enum(Grade, "audit_grade_value"))
    evidence: Mapped[str] = mapped_column(Text)
    moderated_grade: Mapped[Grade | None] = mapped_column(str_enum(Grade, "audit_moderated_grade"))
    moderation_reason: Mapped[str] = mapped_column(Text, default="")

    @property
    def final(self) -> Grade:
        return self.moderated_grade or self.grade


class AuditResponse(Base):
    """The worker's or the manager's response to a moderated audit, in their own words."""

    __tablename__ = "audit_response"
    __table_args__ = (UniqueConstraint("audit_id", "author_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("practice_audit.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    author_role: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    responded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
