"""Sign-off: the supervisor signs, the worker countersigns or records disagreement, addenda correct.

Each step runs in one transaction: unlock the signer's key (a wrong or missing passphrase
stops here, before anything is written), compute the canonical content hash, sign it, store the
:class:`~db.models.Signature`, move the status, append the audit event. Once a session is
signed the database itself (migration 0003) refuses changes to its content.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import SessionStatus, SignatureKind
from db.models import Addendum, CaseDiscussion, Child, Signature, Staff, SupervisionSession
from workbench.access import AccessDenied, Actor
from workbench.audit import AuditTrail, logged_in_as
from workbench.clock import Clock
from workbench.messages import Message, translatable
from workbench.signing.certificates import fingerprint, load_certificates_pem, verify_bytes
from workbench.signing.content import (
    addendum_content,
    canonical_bytes,
    session_content,
    session_content_sha256,
    sha256_hex,
    signature_payload,
)
from workbench.signing.identity import IdentityStore, SigningError, SigningIdentity
from workbench.signing.plan import SignPlan, Step
from workbench.supervision.case_record import snapshot_case_records

SUPERVISOR = "supervisor"
WORKER = "worker"
#: Long enough for a page of the worker's own words; the PDFs show them whole (shrunk to fit the
#: worker's box when long). More goes in an addendum.
MAX_STATEMENT_LENGTH = 4_000

log = logging.getLogger(__name__)


class SignOffError(SigningError):
    """The step is not allowed now (wrong status, wrong person, empty text); nothing changed."""


class NoteChanged(SignOffError):
    """The record is no longer the one the signer was shown (its SHA-256 differs): nothing was
    signed. The signer opens the dialog again to read it as it is now."""

    def __init__(self, seen: str, now: str, *, signed: bool) -> None:
        if signed:
            message = translatable("workbench.signing", "The signed note is not the one you were shown (its "
                                                        "SHA-256 was %1…, it is now %2…), so nothing was "
                                                        "signed. Close this and open it again; if it happens "
                                                        "again, tell your administrator.")
        else:
            message = translatable("workbench.signing", "The note changed after you opened this (the SHA-256 "
                                                        "you were shown was %1…, the note's is now %2…), so "
                                                        "nothing was signed. Close this, open it again to "
                                                        "read the note as it is now, then sign.")
        super().__init__(message.arg(seen[:12], now[:12]))
        self.seen = seen
        self.now = now


def _same_as_seen(seen: str | None, now: str, *, signed: bool) -> None:
    if seen is not None and seen != now:
        raise NoteChanged(seen, now, signed=signed)


@dataclass(frozen=True)
class SignatureCheck:
    signature_id: int
    kind: SignatureKind
    signer_id: int
    signer_role: str
    signed_at: dt.datetime
    certificate_fingerprint: str
    content_matches: bool  # the record's content now hashes to what was signed
    signature_valid: bool  # the ECDSA signature verifies with the signer's certificate

    @property
    def ok(self) -> bool:
        return self.content_matches and self.signature_valid


@dataclass(frozen=True)
class RecordCheck:
    session_id: int
    content_sha256: str  # the session's content hash now
    signatures: tuple[SignatureCheck, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(c.ok for c in self.signatures)


def _load_for_update(s: Session, session_id: int) -> SupervisionSession:
    found = s.scalars(
        select(SupervisionSession).where(SupervisionSession.id == session_id).with_for_update()
    ).first()
    if found is None:
        raise SignOffError(translatable("workbench.signing", "Supervision session %1 does not exist.")
                           .arg(session_id))
    return found


class SignOffService:
    """Sign-off steps. With ``documents`` (the default) each step also makes the record's signed
    PDFs and keeps them in the same transaction (:mod:`workbench.export.at_signoff`), so an
    export later needs no key. The demo's bulk signing turns it off: its first export makes them.
    """

    def __init__(self, db: DbFactory, identities: IdentityStore, audit: AuditTrail,
                 clock: Clock, *, documents: bool = True, tz: dt.tzinfo | None = None,
                 actor: Actor | None = None) -> None:
        self.db = db
        self.tz = tz  # the zone the PDFs print times in; None: the computer's local zone
        self.identities = identities
        self.audit = audit
        self.clock = clock
        self.documents = documents
        # The signed-in person (None: the system, e.g. the demo builder): one signs only as oneself.
        self.actor = actor

    def _ready_to_sign_as(self, signer_id: int, what: str) -> None:
        """Refuse a signature in someone else's name; then, where this computer's keyring opens
        the organisation's signing authority, give a signer without a trusted identity one."""
        with self.db() as s:
            # Who is acting: the person signed in to the app, and on a team server the person
            # whose own login this is (the server acts in their name, whatever is claimed).
            acting = {self.actor.staff_id if self.actor is not None else None, logged_in_as(s)}
            someone_else = next((i for i in acting if i is not None and i != signer_id), None)
            if someone_else is not None:
                def name(staff_id: int) -> str:
                    staff = s.get(Staff, staff_id)
                    return staff.name if staff is not None else f"staff member {staff_id}"

                raise AccessDenied(
                    translatable("workbench.signing", "You are signed in as %1, so you cannot %2 as %3: a "
                                                      "signature is made only by the person it names. %4 "
                                                      "signs in and signs it.")
                    .arg(name(someone_else), what, name(signer_id), name(signer_id)))
        from workbench.signing.authority import upgrade_identity

        with transaction(self.db) as s:
            signer = s.get(Staff, signer_id)
            if signer is not None:
                upgrade_identity(s, self.identities, signer, actor=self.actor)

    def _sign(self, s: Session, *, sess: SupervisionSession, signer: Staff, role: str,
              kind: SignatureKind, content_sha256: str, identity: SigningIdentity,
              statement: str = "", addendum_id: int | None = None,
              discussion_id: int | None = None) -> Signature:
        signed_at = self.clock()
        payload = signature_payload(
            session_id=sess.id, kind=kind.value, signer_id=signer.id, signer_role=role,
            signed_at=signed_at, statement=statement, content_sha256=content_sha256,
            addendum_id=addendum_id, discussion_id=discussion_id,
        )
        signature = Signature(
            session_id=sess.id, addendum_id=addendum_id, discussion_id=discussion_id,
            signer_id=signer.id, signer_role=role,
            kind=kind, statement=statement, signed_at=signed_at, content_sha256=content_sha256,
            signature=identity.sign(payload), certificate_fingerprint=identity.fingerprint,
        )
        s.add(signature)
        s.flush()
        # Ids and kinds only: what was signed stays in the database.
        log.info("session %d: %s signature %d by staff %d", sess.id, kind.value, signature.id, signer.id)
        return signature

    def prepare(self, session_id: int) -> None:
        """Draw the session's charts and load the PDF libraries ahead of :meth:`sign` (call it
        off the UI thread when the sign dialog opens, while the supervisor types their
        passphrase): signing then only lays out and signs. Harmless for any other session."""
        if self.documents:
            from workbench.export.at_signoff import warm_up

            warm_up(self.db, session_id)

    def sign(self, session_id: int, *, signer_id: int, passphrase: str | None = None,
             plan: SignPlan | None = None) -> int:
        """The supervisor approves a session that is ready to sign; returns the signature id.

        With ``plan`` (:func:`workbench.signing.desk.prepare_plan`, what the signer was shown),
        the note is signed only if it still has the plan's SHA-256 (else :class:`NoteChanged`,
        nothing written)."""
        if plan is not None and (plan.step is not Step.SIGN or plan.session_id != session_id
                                 or plan.signer_id != signer_id):
            raise ValueError("the plan is for another step, session or signer")
        self._ready_to_sign_as(signer_id, "sign this note")
        # Charts drawn before the write lock is taken (at once if the plan's were drawn already).
        if plan is None:
            self.prepare(session_id)
        elif plan.charts is not None:
            from workbench.export.at_signoff import draw_charts

            draw_charts(plan.charts)
        with transaction(self.db) as s:
            sess = _load_for_update(s, session_id)
            if sess.status is not SessionStatus.READY_TO_SIGN:
                raise SignOffError(_status_message(sess.status, _SIGNED_BY_SUPERVISOR))
            if signer_id != sess.supervisor_id:
                raise SignOffError(translatable(
                        "workbench.signing", "Only the supervisor who held this session can sign it."))
            signer = s.get_one(Staff, signer_id)
            identity = self.identities.load(signer, passphrase=passphrase)
            snapshot_case_records(s, sess.id)  # the case as it stands now, kept in the record
            covered = session_content(s, sess.id)
            content = sha256_hex(canonical_bytes(covered))
            _same_as_seen(plan.content_sha256 if plan is not None else None, content, signed=False)
            signature = self._sign(s, sess=sess, signer=signer, role=SUPERVISOR,
                                   kind=SignatureKind.APPROVAL, content_sha256=content,
                                   identity=identity)
            sess.status = SessionStatus.SIGNED_BY_SUPERVISOR
            self.audit.record(s, actor_id=signer_id, action="session_signed",
                              entity_type="supervision_session", entity_id=sess.id,
                              details={"signature_id": signature.id, "content_sha256": content})
            if self.documents:
                from workbench.export.at_signoff import after_approval

                # What the signer was shown (the same bytes as ``covered``: checked above).
                after_approval(s, sess.id, identity, self.clock,
                               plan.covered() if plan is not None else covered, tz=self.tz)
            return signature.id

    def countersign(self, session_id: int, *, signer_id: int, passphrase: str | None = None,
                    seen_sha256: str | None = None) -> int:
        """The worker agrees with the signed note (the one whose SHA-256 they saw, if given)."""
        return self._worker_step(session_id, signer_id=signer_id, passphrase=passphrase,
                                 statement="", kind=SignatureKind.COUNTERSIGNATURE,
                                 seen_sha256=seen_sha256)

    def record_disagreement(self, session_id: int, *, signer_id: int, statement: str,
                            discussion_id: int | None = None, passphrase: str | None = None,
                            seen_sha256: str | None = None) -> int:
        """The worker records, in their own words, where they disagree; this is signed too.

        ``discussion_id`` is the child (case discussion of this session) it concerns, or None
        for the session as a whole. Only that child's extract shows it (a disagreement about
        the whole session may name any child, so it stays in the supervision-file copy)."""
        if not statement.strip():
            raise SignOffError(translatable(
                    "workbench.signing", "Write what you disagree with before signing the disagreement."))
        if len(statement) > MAX_STATEMENT_LENGTH:
            raise SignOffError(
                translatable("workbench.signing", "The disagreement is longer than %1 characters: shorten "
                                                  "it, and add the rest as an addendum once it is signed.")
                .arg(MAX_STATEMENT_LENGTH)
            )
        return self._worker_step(session_id, signer_id=signer_id, passphrase=passphrase,
                                 statement=statement, kind=SignatureKind.DISAGREEMENT,
                                 discussion_id=discussion_id, seen_sha256=seen_sha256)

    def _worker_step(self, session_id: int, *, signer_id: int, passphrase: str | None,
                     statement: str, kind: SignatureKind, discussion_id: int | None = None,
                     seen_sha256: str | None = None) -> int:
        self._ready_to_sign_as(signer_id, "countersign this note"
                               if kind is SignatureKind.COUNTERSIGNATURE else "record a disagreement")
        with transaction(self.db) as s:
            sess = _load_for_update(s, session_id)
            if sess.status is not SessionStatus.SIGNED_BY_SUPERVISOR:
                raise SignOffError(_status_message(sess.status, _COUNTERSIGNED))
            if signer_id != sess.supervisee_id:
                raise SignOffError(translatable(
                        "workbench.signing", "Only the worker who was supervised can countersign this note."))
            _check_concerns(s, sess, discussion_id)
            signer = s.get_one(Staff, signer_id)
            identity = self.identities.load(signer, passphrase=passphrase)
            content = session_content_sha256(s, sess.id)
            _same_as_seen(seen_sha256, content, signed=True)
            signature = self._sign(s, sess=sess, signer=signer, role=WORKER, kind=kind,
                                   content_sha256=content, identity=identity,
                                   statement=statement, discussion_id=discussion_id)
            agreed = kind is SignatureKind.COUNTERSIGNATURE
            sess.status = SessionStatus.COUNTERSIGNED if agreed else SessionStatus.DISAGREEMENT_RECORDED
            self.audit.record(s, actor_id=signer_id,
                              action="session_countersigned" if agreed else "disagreement_recorded",
                              entity_type="supervision_session", entity_id=sess.id,
                              details={"signature_id": signature.id, "content_sha256": content})
            if self.documents:
                from workbench.export.at_signoff import after_worker

                after_worker(s, sess.id, identity, self.clock, tz=self.tz)
            return signature.id

    def add_addendum(self, session_id: int, *, author_id: int, text: str,
                     discussion_id: int | None = None, passphrase: str | None = None,
                     seen_sha256: str | None = None) -> int:
        """A signed correction that refers to the signed original; returns the addendum id.

        The supervisor or the worker of the session may add one; ``discussion_id`` is the child
        (case discussion of this session) it concerns, or None for the session as a whole, which
        goes with the supervision-file copy and into no child's file."""
        if not text.strip():
            raise SignOffError(translatable(
                    "workbench.signing", "Write the correction before signing the addendum."))
        self._ready_to_sign_as(author_id, "sign an addendum")
        with transaction(self.db) as s:
            sess = _load_for_update(s, session_id)
            if not sess.status.is_signed:
                raise SignOffError(
                    translatable("workbench.signing", "This session is not signed yet: change the note "
                                                      "itself instead of adding an addendum.")
                )
            if author_id not in (sess.supervisor_id, sess.supervisee_id):
                raise SignOffError(translatable(
                        "workbench.signing", "Only the supervisor or the worker of a session can add an "
                                             "addendum."))
            _check_concerns(s, sess, discussion_id)
            author = s.get_one(Staff, author_id)
            role = SUPERVISOR if author_id == sess.supervisor_id else WORKER
            identity = self.identities.load(author, passphrase=passphrase)  # before any write
            original = session_content_sha256(s, sess.id)
            _same_as_seen(seen_sha256, original, signed=True)
            addendum = Addendum(session_id=sess.id, discussion_id=discussion_id,
                                author_id=author_id, text=text, created_at=self.clock())
            s.add(addendum)
            s.flush()
            content = sha256_hex(canonical_bytes(addendum_content(addendum, original)))
            signature = self._sign(s, sess=sess, signer=author, role=role,
                                   kind=SignatureKind.ADDENDUM, content_sha256=content,
                                   identity=identity, addendum_id=addendum.id)
            event = self.audit.record(s, actor_id=author_id, action="addendum_signed",
                                      entity_type="supervision_session", entity_id=sess.id,
                                      details={"addendum_id": addendum.id, "signature_id": signature.id,
                                               "refers_to_content_sha256": original})
            if self.documents:
                from workbench.export.at_signoff import after_addendum

                after_addendum(s, sess.id, addendum.id, identity, self.clock, content_sha256=content,
                               original_sha256=original, chain_head=event.mac, tz=self.tz)
            return addendum.id

    def check_record(self, session_id: int, *, actor_id: int | None) -> RecordCheck:
        """Recompute the content hash and verify every signature of a session (audited)."""
        with transaction(self.db) as s:
            result = check_record(s, session_id, self.identities)
            self.audit.record(s, actor_id=actor_id, action="record_verified",
                              entity_type="supervision_session", entity_id=session_id,
                              details={"ok": result.ok})
            return result


def concern_choices(s: Session, session_id: int) -> tuple[tuple[int, str], ...]:
    """What a disagreement or addendum may concern besides the session as a whole: each child
    discussed, as (case discussion id, "Name (id)"), in agenda order."""
    rows = s.execute(select(CaseDiscussion.id, Child.la_child_id, Child.name)
                     .join(Child, Child.id == CaseDiscussion.child_id)
                     .where(CaseDiscussion.session_id == session_id)
                     .order_by(CaseDiscussion.agenda_position, CaseDiscussion.id)).all()
    return tuple((row[0], f"{row[2]} ({row[1]})" if row[2] else row[1]) for row in rows)


def _check_concerns(s: Session, sess: SupervisionSession, discussion_id: int | None) -> None:
    """A disagreement or addendum about one child must name a child discussed in this session."""
    if discussion_id is None:
        return
    discussion = s.get(CaseDiscussion, discussion_id)
    if discussion is None or discussion.session_id != sess.id:
        raise SignOffError(translatable("workbench.signing", "That child was not discussed in this session: "
                                                             "choose one of its children, or the session as "
                                                             "a whole."))


_SIGNED_BY_SUPERVISOR = translatable("workbench.signing", "signed by the supervisor")
_COUNTERSIGNED = translatable("workbench.signing", "countersigned")
_STATUS_WORDS = {
    SessionStatus.DRAFT: translatable("workbench.signing", "a draft"),
    SessionStatus.READY_TO_SIGN: translatable("workbench.signing", "ready to sign"),
    SessionStatus.SIGNED_BY_SUPERVISOR: translatable("workbench.signing", "signed by supervisor"),
    SessionStatus.COUNTERSIGNED: _COUNTERSIGNED,
    SessionStatus.DISAGREEMENT_RECORDED: translatable("workbench.signing", "disagreement recorded"),
    SessionStatus.DISCARDED: translatable("workbench.signing", "discarded"),
}


def _status_message(status: SessionStatus, wanted: Message) -> Message:
    if status is SessionStatus.DRAFT:
        return translatable("workbench.signing", "This session is still a draft and cannot be %1: complete "
                                                 "it and mark it ready to sign first.").arg(wanted)
    if status is SessionStatus.READY_TO_SIGN:
        return translatable("workbench.signing", "This session cannot be %1 yet: the supervisor signs it "
                                                 "first.").arg(wanted)
    return translatable("workbench.signing", "This session cannot be %1: it is already %2.").arg(
        wanted, _STATUS_WORDS.get(status, status.value.replace("_", " ")))


def certificate_for(s: Session, identities: IdentityStore | None, signer_id: int,
                    colon_fingerprint: str) -> x509.Certificate | None:
    """The certificate a signature was made with: the signer's current one or an older one."""
    signer = s.get(Staff, signer_id)
    if signer is not None and signer.certificate_pem:
        current = load_certificates_pem(signer.certificate_pem)[0]
        if fingerprint(current) == colon_fingerprint:
            return current
    return identities.certificate(colon_fingerprint) if identities else None


def check_record(s: Session, session_id: int, identities: IdentityStore | None) -> RecordCheck:
    """The same check as :meth:`SignOffService.check_record`, inside a caller's transaction."""
    now = session_content_sha256(s, session_id)
    checks = []
    signatures = s.scalars(
        select(Signature).where(Signature.session_id == session_id).order_by(Signature.id)
    ).all()
    for sig in signatures:
        if sig.addendum_id is not None:
            addendum = s.get_one(Addendum, sig.addendum_id)
            original = _approval_hash(signatures)
            expected = sha256_hex(canonical_bytes(addendum_content(addendum, original)))
        else:
            expected = now
        certificate = certificate_for(s, identities, sig.signer_id, sig.certificate_fingerprint)
        payload = signature_payload(
            session_id=sig.session_id, kind=sig.kind.value, signer_id=sig.signer_id,
            signer_role=sig.signer_role, signed_at=sig.signed_at, statement=sig.statement,
            content_sha256=sig.content_sha256, addendum_id=sig.addendum_id,
            discussion_id=sig.discussion_id,
        )
        valid = certificate is not None and verify_bytes(certificate, payload, sig.signature)
        checks.append(SignatureCheck(
            signature_id=sig.id, kind=sig.kind, signer_id=sig.signer_id,
            signer_role=sig.signer_role, signed_at=sig.signed_at,
            certificate_fingerprint=sig.certificate_fingerprint,
            content_matches=expected == sig.content_sha256, signature_valid=valid,
        ))
    return RecordCheck(session_id=session_id, content_sha256=now, signatures=tuple(checks))


def _approval_hash(signatures: Sequence[Signature]) -> str:
    for sig in signatures:
        if sig.kind is SignatureKind.APPROVAL:
            return str(sig.content_sha256)
    return ""
