"""What the sign-off screens read and do, as plain functions the task runner calls (no Qt).

Reading the list of sessions that wait for someone's signature shows no child's record (names,
dates and counts only); opening a signed note does, and is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.enums import DocumentKind, SessionStatus
from db.models import CaseDiscussion, Staff, SupervisionSession

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.signing.identity import IdentityStore
    from workbench.signing.signoff import SignOffService


class Step(StrEnum):
    SIGN = "sign"
    COUNTERSIGN = "countersign"
    DISAGREE = "disagree"
    ADDENDUM = "addendum"


@dataclass(frozen=True)
class SignFacts:
    """What the sign dialog shows about what is being signed, and whether the signer can sign."""

    session_id: int
    status: SessionStatus
    supervisor_name: str
    worker_name: str
    meeting_at: dt.datetime
    children: int
    content_sha256: str
    signer_name: str
    has_identity: bool
    has_authority: bool
    keyring_secure: bool
    #: The children discussed, as (case discussion id, label) in agenda order: what a
    #: disagreement or addendum may concern (or None: the session as a whole).
    discussions: tuple[tuple[int, str], ...] = ()
    identity_trusted: bool = False  # issued by the organisation's signing authority
    authority_can_issue: bool = False  # this computer's keyring opens the authority's key


@dataclass(frozen=True)
class SignOutcome:
    """The dialog's result: which step, on which session, and the signature (or addendum) id."""

    step: Step
    session_id: int
    made_id: int


@dataclass(frozen=True)
class WaitingRow:
    """A session in the Sign-off list, with what the signed-in person may do to it."""

    session_id: int
    meeting_at: dt.datetime
    supervisor_name: str
    worker_name: str
    children: int
    status: SessionStatus
    steps: tuple[Step, ...]


def identity_store(services: AppServices) -> IdentityStore:
    from ui.records.common import identity_store as store

    return store(services)


def signoff_service(services: AppServices) -> SignOffService:
    from workbench.signing.signoff import SignOffService

    return SignOffService(services.sessions, identity_store(services), services.audit,
                          services.clock, actor=services.actor)


def _children(s: Session, session_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(CaseDiscussion)
                        .where(CaseDiscussion.session_id == session_id)) or 0)


def read_facts(services: AppServices, session_id: int, signer_id: int) -> SignFacts:
    from workbench.signing.authority import IdentityKind, can_issue_here, identity_kind
    from workbench.signing.content import session_content_sha256
    from workbench.signing.signoff import concern_choices

    identities = identity_store(services)
    with services.sessions() as s:
        sess = s.get_one(SupervisionSession, session_id)
        signer = s.get_one(Staff, signer_id)
        return SignFacts(
            session_id=session_id, status=sess.status, supervisor_name=sess.supervisor.name,
            worker_name=sess.supervisee.name, meeting_at=sess.meeting_at,
            children=_children(s, session_id), content_sha256=session_content_sha256(s, session_id),
            signer_name=signer.name, has_identity=identities.has_identity(signer),
            has_authority=identities.has_authority(s), keyring_secure=services.secrets.is_secure(),
            discussions=concern_choices(s, session_id),
            identity_trusted=identity_kind(s, identities, signer) is IdentityKind.TRUSTED,
            authority_can_issue=can_issue_here(s, identities))


def create_identity(services: AppServices, staff_id: int, passphrase: str | None) -> str:
    """A new identity for ``staff_id``: issued by the organisation's signing authority where it
    can issue here, else self-issued (not trusted); returns its fingerprint."""
    from db.engine import transaction
    from workbench.signing.authority import make_own_identity

    identities = identity_store(services)
    with transaction(services.sessions) as s:
        staff = s.get_one(Staff, staff_id)
        make_own_identity(s, identities, staff, actor=services.actor, passphrase=passphrase)
        return str(staff.certificate_fingerprint)


def run_step(services: AppServices, step: Step, session_id: int, signer_id: int, *,
             passphrase: str | None, text: str = "", discussion_id: int | None = None) -> int:
    """One sign-off step; ``discussion_id`` is the child a disagreement or addendum concerns
    (None: the session as a whole)."""
    service = signoff_service(services)
    if step is Step.SIGN:
        return service.sign(session_id, signer_id=signer_id, passphrase=passphrase)
    if step is Step.COUNTERSIGN:
        return service.countersign(session_id, signer_id=signer_id, passphrase=passphrase)
    if step is Step.DISAGREE:
        return service.record_disagreement(session_id, signer_id=signer_id, statement=text,
                                           discussion_id=discussion_id, passphrase=passphrase)
    return service.add_addendum(session_id, author_id=signer_id, text=text,
                                discussion_id=discussion_id, passphrase=passphrase)


def waiting_for(services: AppServices) -> list[WaitingRow]:
    """Sessions the signed-in person signs or countersigns, and their signed ones (addenda: the
    supervisor's, and the worker's once they have countersigned or disagreed)."""
    me = services.actor_id
    if me is None:
        return []
    signed = [SessionStatus.SIGNED_BY_SUPERVISOR, SessionStatus.COUNTERSIGNED,
              SessionStatus.DISAGREEMENT_RECORDED]
    with services.sessions() as s:
        found = s.scalars(
            select(SupervisionSession)
            .where(or_(SupervisionSession.supervisor_id == me,
                       (SupervisionSession.supervisee_id == me) & SupervisionSession.status.in_(signed)))
            .where(SupervisionSession.status.in_([SessionStatus.READY_TO_SIGN, *signed]))
            .order_by(SupervisionSession.meeting_at.desc(), SupervisionSession.id.desc())
        ).all()
        rows = []
        for sess in found:
            if sess.supervisee_id == me and sess.status is SessionStatus.SIGNED_BY_SUPERVISOR:
                steps: tuple[Step, ...] = (Step.COUNTERSIGN, Step.DISAGREE)
            elif sess.status is SessionStatus.READY_TO_SIGN:
                steps = (Step.SIGN,)
            else:
                steps = (Step.ADDENDUM,)
            rows.append(WaitingRow(sess.id, sess.meeting_at, sess.supervisor.name,
                                   sess.supervisee.name, _children(s, sess.id), sess.status, steps))
        return rows


def note_pdf(services: AppServices, session_id: int, passphrase: str | None = None) -> bytes:
    """The kept signed note (supervision file copy) of a session, newest version (audited).

    A session signed before PDFs were kept has its PDFs made now, once, with the signers' keys
    (``passphrase`` where no keyring holds it), and kept; without a passphrase that opens them
    this raises :class:`~ui.records.common.PassphraseNeeded` and nothing is made or kept."""
    from db.engine import transaction
    from ui.records.common import kept_documents
    from workbench.export.stored import has_main_documents, newest_documents, read_pdf

    me = services.actor_id
    with services.sessions() as s:
        sess = s.get_one(SupervisionSession, session_id)
        if me not in (sess.supervisor_id, sess.supervisee_id):
            raise PermissionError("Only the supervisor and the worker of a session can open its note "
                                  "here; practice leads use the Records tab.")
        kept = has_main_documents(newest_documents(s, [session_id]).get(session_id, []))
    if not kept:
        for record in kept_documents(services, [session_id], passphrase=passphrase):
            if record.error:
                raise LookupError(record.error)
    with transaction(services.sessions) as s:
        refs = newest_documents(s, [session_id]).get(session_id, [])
        notes = [r for r in refs if r.kind is DocumentKind.NOTE and not r.is_addendum]
        if not notes:
            raise LookupError("This note has no signed PDF kept yet: export it from the Records "
                              "tab to make it.")
        services.audit.record(s, actor_id=me, action="record_viewed",
                              entity_type="supervision_session", entity_id=session_id,
                              details={"document_id": notes[-1].id})
        return read_pdf(s, notes[-1].id)
