"""Answering a worker's recorded disagreement: a practice lead writes a response, signs it with
their own signing identity (as every sign-off step is signed), and the audit trail records it.

The response names what it answers by the disagreement signature's id and the SHA-256 of what
that signature covered, so a response cannot be moved to another disagreement unseen. Once
stored it never changes (migration 0014); the oversight's open-disagreement list leaves the
disagreement out from then on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import SignatureKind
from db.models import (
    CaseDiscussion,
    Child,
    DisagreementResponse,
    Signature,
    Staff,
    SupervisionSession,
)
from workbench.access import Actor, require_disagreement_responder, require_session_access
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.messages import translatable
from workbench.signing.content import canonical_bytes, iso, sha256_hex
from workbench.signing.identity import IdentityStore, SigningError, SigningIdentity

RESPONSE_FORMAT = "psw-disagreement-response/1"
RESPONDER_ROLE = "practice_lead"
MAX_RESPONSE_LENGTH = 4_000


class ResponseError(SigningError):
    """The response cannot be recorded (empty, too long, not an open disagreement); nothing
    was written. The message says what to do."""


@dataclass(frozen=True)
class RecordedResponse:
    response_id: int
    signature_id: int
    session_id: int
    content_sha256: str


def response_content(response: DisagreementResponse, disagreement: Signature) -> dict[str, Any]:
    """What a response's signature covers."""
    return {
        "format": RESPONSE_FORMAT,
        "session_id": response.session_id,
        "disagreement_signature_id": disagreement.id,
        "disagreement_content_sha256": disagreement.content_sha256,
        "disagreement_statement_sha256": sha256_hex(disagreement.statement.encode("utf-8")),
        "responder_id": response.responder_id,
        "responder_role": response.responder_role,
        "text": response.text,
        "responded_at": iso(response.responded_at),
    }


def respond_to_disagreement(db: DbFactory, identities: IdentityStore,
                            audit: AuditTrail, clock: Clock, *, actor: Actor | None,
                            responder_id: int, signature_id: int, text: str,
                            passphrase: str | None = None) -> RecordedResponse:
    """Record ``responder_id``'s signed answer to disagreement signature ``signature_id``.

    AccessDenied unless ``actor`` is a practice lead answering in their own name;
    ResponseError for empty or over-long text or a disagreement already answered (or not a
    disagreement); the signing identity's own errors (wrong passphrase...) before any write.
    """
    require_disagreement_responder(actor)
    if actor is not None and actor.staff_id != responder_id:
        from workbench.access import AccessDenied

        raise AccessDenied(translatable(
                "workbench.oversight", "You are signed in as %1: a response is signed only by the person it "
                                       "names.").arg(actor.label))
    cleaned = text.strip()
    if not cleaned:
        raise ResponseError(translatable(
                "workbench.oversight", "Write the response before signing it."))
    if len(cleaned) > MAX_RESPONSE_LENGTH:
        raise ResponseError(translatable(
                "workbench.oversight", "The response is longer than %1 characters: shorten it.")
                .arg(MAX_RESPONSE_LENGTH))
    with transaction(db) as s:
        disagreement = s.get(Signature, signature_id)
        if disagreement is None or disagreement.kind is not SignatureKind.DISAGREEMENT:
            raise ResponseError(translatable(
                    "workbench.oversight", "That is not a recorded disagreement: choose one from the list of "
                                           "open disagreements."))
        require_session_access(s, actor, disagreement.session_id)
        answered = s.execute(select(DisagreementResponse.id)
                             .where(DisagreementResponse.signature_id == signature_id)).first()
        if answered is not None:
            raise ResponseError(translatable(
                    "workbench.oversight", "This disagreement has already been answered; its response is on "
                                           "the record. Refresh the list."))
        responder = s.get_one(Staff, responder_id)
        identity = identities.load(responder, passphrase=passphrase)  # before any write
        response = DisagreementResponse(
            signature_id=signature_id, session_id=disagreement.session_id,
            responder_id=responder_id, responder_role=RESPONDER_ROLE, text=cleaned,
            responded_at=clock(), content_sha256="", signature=b"",
            certificate_fingerprint=identity.fingerprint)
        content = canonical_bytes(response_content(response, disagreement))
        response.content_sha256 = sha256_hex(content)
        response.signature = identity.sign(content)
        response.pdf = _signed_pdf(s, response, disagreement, identity)
        s.add(response)
        s.flush()
        audit.record(s, actor_id=responder_id, action="disagreement_answered",
                     entity_type="supervision_session", entity_id=disagreement.session_id,
                     details={"signature_id": signature_id, "response_id": response.id,
                              "content_sha256": response.content_sha256})
        return RecordedResponse(response.id, signature_id, disagreement.session_id,
                                response.content_sha256)


def _signed_pdf(s: Session, response: DisagreementResponse, disagreement: Signature,
                identity: SigningIdentity) -> bytes:
    """The response as a PDF, PAdES-signed by the responder (workbench.oversight.response_pdf)."""
    from workbench.export.pades import sign_pdf
    from workbench.oversight.response_pdf import ResponseFacts, response_pdf

    session = s.get_one(SupervisionSession, disagreement.session_id)
    about, child_id = "", None
    if disagreement.discussion_id is not None:
        child_id, la_id, name = s.execute(
            select(Child.id, Child.la_child_id, Child.name)
            .join(CaseDiscussion, CaseDiscussion.child_id == Child.id)
            .where(CaseDiscussion.id == disagreement.discussion_id)).one()
        about = f"{name} ({la_id})" if name else la_id
    names = dict(s.execute(select(Staff.id, Staff.name).where(Staff.id.in_(
        [session.supervisor_id, session.supervisee_id, response.responder_id]))).all())
    facts = ResponseFacts(
        session_id=session.id, disagreement_id=disagreement.id, meeting_at=session.meeting_at,
        worker=names[session.supervisee_id], supervisor=names[session.supervisor_id],
        about=about, child_id=child_id, statement=disagreement.statement,
        disagreed_at=disagreement.signed_at, disagreement_sha256=disagreement.content_sha256,
        responder=names[response.responder_id], responded_at=response.responded_at,
        text=response.text, content_sha256=response.content_sha256,
        fingerprint=identity.fingerprint)
    return sign_pdf(response_pdf(facts), identity, field_name="ResponseSignature",
                    reason="Response to a recorded disagreement, signed by a practice lead")


@dataclass(frozen=True)
class ResponseOnRecord:
    responder_name: str
    responded_at: dt.datetime
    text: str
    content_sha256: str


def responses_for_session(db: DbFactory, session_id: int, *,
                          actor: Actor | None = None) -> dict[int, ResponseOnRecord]:
    """The answers to a session's disagreements, by disagreement signature id (what the
    record carries with it)."""
    with db() as s:
        require_session_access(s, actor, session_id)
        rows = s.execute(
            select(DisagreementResponse.signature_id, Staff.name, DisagreementResponse.responded_at,
                   DisagreementResponse.text, DisagreementResponse.content_sha256)
            .join(Staff, Staff.id == DisagreementResponse.responder_id)
            .join(SupervisionSession, SupervisionSession.id == DisagreementResponse.session_id)
            .where(DisagreementResponse.session_id == session_id)).all()
    return {row[0]: ResponseOnRecord(row[1], row[2], row[3], row[4]) for row in rows}
