"""Signing an audit: the auditor signs the canonical audit (the form, the record it audits,
every grade with its evidence, the moderation, the responses) with their own signing identity,
and a PAdES-signed PDF of the same content is kept with it. The database then refuses any change
to the audit (migration 0017)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import AuditStatus
from db.models import PracticeAudit, Signature, Staff
from workbench.access import AccessDenied, Actor, require_auditor
from workbench.audit import AuditTrail
from workbench.audits.service import ENTITY, AuditError, AuditView, _audit, _view
from workbench.clock import Clock
from workbench.messages import translatable
from workbench.signing.content import canonical_bytes, iso, sha256_hex
from workbench.signing.identity import IdentityStore

AUDIT_FORMAT = "psw-practice-audit/1"
PDF_FIELD = "AuditorSignature"


@dataclass(frozen=True)
class SignedAudit:
    audit_id: int
    content_sha256: str
    pdf: bytes


def audit_content(view: AuditView, record_sha256: str | None) -> dict[str, Any]:
    """What an audit's signature covers."""
    return {
        "format": AUDIT_FORMAT,
        "audit_id": view.audit_id,
        "form": {"key": view.form.key, "version": view.form.version, "sha256": view.form.sha256()},
        "record": {"session_id": view.session_id, "discussion_id": view.discussion_id,
                   "approval_content_sha256": record_sha256,
                   "meeting_at": iso(view.meeting_at)},
        "worker_id": view.worker_id, "manager_id": view.manager_id,
        "auditor_id": view.auditor_id, "moderator_id": view.moderator_id,
        "sampled_how": view.sampled_how,
        "grades": [{"item": g.item_key, "grade": g.grade.value if g.grade else None,
                    "evidence": g.evidence,
                    "moderated_grade": g.moderated_grade.value if g.moderated_grade else None,
                    "moderation_reason": g.moderation_reason} for g in view.grades],
        "moderation_note": view.moderation_note,
        "responses": [{"author_id": r.author_id, "role": r.author_role, "text": r.text,
                       "responded_at": iso(r.responded_at)} for r in view.responses],
        "completed_at": iso(view.completed_at), "moderated_at": iso(view.moderated_at),
        "signed_at": iso(view.signed_at),
    }


def sign_audit(db: DbFactory, identities: IdentityStore, trail: AuditTrail,
               clock: Clock, *, actor: Actor | None, signer_id: int, audit_id: int,
               passphrase: str | None = None) -> SignedAudit:
    """The auditor signs a moderated audit. AccessDenied for anyone but its auditor; AuditError
    before moderation or once signed; the signing identity's own errors before any write."""
    from dataclasses import replace

    from workbench.audits.pdf import audit_pdf
    from workbench.export.pades import sign_pdf

    require_auditor(actor)
    if actor is not None and actor.staff_id != signer_id:
        raise AccessDenied(translatable("workbench.audits", "You are signed in as %1: an audit is signed "
                                                            "only by the person it names.").arg(actor.label))
    with transaction(db) as s:
        audit = _audit(s, audit_id)
        if signer_id != audit.auditor_id:
            raise AccessDenied(translatable(
                    "workbench.audits", "An audit is signed by the auditor who graded it. Ask them to sign."))
        if audit.status is AuditStatus.SIGNED:
            raise AuditError(translatable("workbench.audits", "This audit is already signed; it can no "
                                                              "longer change."))
        if audit.status is not AuditStatus.MODERATED:
            raise AuditError(translatable("workbench.audits", "An audit is signed once a second auditor has "
                                                              "moderated it."))
        identity = identities.load(s.get_one(Staff, signer_id), passphrase=passphrase)
        record_sha = s.scalar(select(Signature.content_sha256).where(
            Signature.session_id == audit.session_id, Signature.kind == "approval",
            Signature.addendum_id.is_(None)).order_by(Signature.id).limit(1))
        now = clock()
        view = replace(_view(s, audit), signed_at=now)
        content = canonical_bytes(audit_content(view, record_sha))
        digest = sha256_hex(content)
        view = replace(view, content_sha256=digest, certificate_fingerprint=identity.fingerprint,
                       status=AuditStatus.SIGNED)
        pdf = sign_pdf(audit_pdf(view), identity, field_name=PDF_FIELD,
                       reason="Practice quality audit signed by the auditor")
        audit.signed_at, audit.content_sha256 = now, digest
        audit.signature = identity.sign(content)
        audit.certificate_fingerprint = identity.fingerprint
        audit.signed_pdf = pdf
        audit.status = AuditStatus.SIGNED
        s.flush()
        trail.record(s, actor_id=signer_id, action="audit_signed", entity_type=ENTITY,
                     entity_id=audit_id, details={"content_sha256": digest})
    return SignedAudit(audit_id, digest, pdf)


def signed_audit_pdf(db: DbFactory, *, actor: Actor | None, audit_id: int) -> bytes:
    """The kept signed PDF of a signed audit (whoever may read the audit)."""
    from workbench.audits.service import audit_view

    audit_view(db, actor=actor, audit_id=audit_id)  # checks who may read it
    with db() as s:
        pdf = s.scalar(select(PracticeAudit.signed_pdf).where(PracticeAudit.id == audit_id))
    if pdf is None:
        raise AuditError(translatable("workbench.audits", "This audit is not signed yet: its PDF is made "
                                                          "when the auditor signs."))
    return pdf
