"""What the sign-off screens read and do: the list of sessions waiting for someone, what the
sign dialog shows about one session, a new signing identity, and the sign-off steps.

The UI calls these on its task runner and shows the values they return; the queries, the
permission checks and the audit events are here, beside the service that signs. Reading the
list shows no child's record (names, dates and counts only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import SessionStatus
from db.models import CaseDiscussion, Staff, SupervisionSession
from workbench.signing.content import canonical_bytes, session_content, sha256_hex
from workbench.signing.plan import SignFacts, SignPlan, Step
from workbench.signing.signoff import SignOffService, concern_choices

__all__ = ["SignFacts", "SignPlan", "Step", "WaitingRow", "create_identity", "draw_plan_charts",
           "prepare_plan", "read_facts", "run_step", "waiting_for"]


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


_SIGNED = (SessionStatus.SIGNED_BY_SUPERVISOR, SessionStatus.COUNTERSIGNED,
           SessionStatus.DISAGREEMENT_RECORDED)


def _children(s: Session, session_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(CaseDiscussion)
                        .where(CaseDiscussion.session_id == session_id)) or 0)


def _facts(s: Session, service: SignOffService, session_id: int, signer_id: int,
           content_sha256: str) -> SignFacts:
    from workbench.signing.authority import IdentityKind, can_issue_here, identity_kind

    identities = service.identities
    sess = s.get_one(SupervisionSession, session_id)
    signer = s.get_one(Staff, signer_id)
    return SignFacts(
        session_id=session_id, status=sess.status, supervisor_name=sess.supervisor.name,
        worker_name=sess.supervisee.name, meeting_at=sess.meeting_at,
        children=_children(s, session_id), content_sha256=content_sha256,
        signer_name=signer.name, has_identity=identities.has_identity(signer),
        has_authority=identities.has_authority(s), keyring_secure=identities.secrets.is_secure(),
        discussions=concern_choices(s, session_id),
        identity_trusted=identity_kind(s, identities, signer) is IdentityKind.TRUSTED,
        authority_can_issue=can_issue_here(s, identities), kind=sess.kind)


def read_facts(service: SignOffService, session_id: int, signer_id: int) -> SignFacts:
    """What the sign dialog shows before ``signer_id`` signs ``session_id``."""
    with service.db() as s:
        content = sha256_hex(canonical_bytes(session_content(s, session_id)))
        return _facts(s, service, session_id, signer_id, content)


def prepare_plan(service: SignOffService, step: Step, session_id: int, signer_id: int) -> SignPlan:
    """Read the session once for ``step``: what the dialog shows and what will be signed (see
    :mod:`workbench.signing.plan`), and for the supervisor's signature what its charts are drawn
    from (:func:`draw_plan_charts`). Runs off the UI thread."""
    charts = None
    with service.db() as s:
        content = canonical_bytes(session_content(s, session_id))
        facts = _facts(s, service, session_id, signer_id, sha256_hex(content))
        if step is Step.SIGN and service.documents and facts.status is SessionStatus.READY_TO_SIGN:
            from workbench.export.at_signoff import read_chart_inputs

            charts = read_chart_inputs(s, session_id)
    return SignPlan(step=step, signer_id=signer_id, facts=facts, content=content, charts=charts)


def draw_plan_charts(plan: SignPlan) -> None:
    """Draw the plan's charts and load the PDF libraries (no database), so that signing only
    lays out and signs: run it off the UI thread while the signer types their passphrase."""
    if plan.charts is not None:
        from workbench.export.at_signoff import draw_charts

        draw_charts(plan.charts)


def create_identity(service: SignOffService, staff_id: int, passphrase: str | None) -> str:
    """A new identity for ``staff_id``: issued by the organisation's signing authority where it
    can issue here, else self-issued (not trusted); returns its fingerprint."""
    from workbench.signing.authority import make_own_identity

    with transaction(service.db) as s:
        staff = s.get_one(Staff, staff_id)
        make_own_identity(s, service.identities, staff, actor=service.actor, passphrase=passphrase)
        return str(staff.certificate_fingerprint)


def run_step(service: SignOffService, plan: SignPlan, *, passphrase: str | None, text: str = "",
             discussion_id: int | None = None) -> int:
    """The plan's step; returns the signature's (or addendum's) id. Refused with
    :class:`~workbench.signing.signoff.NoteChanged` (nothing written) if the record is no longer
    the one the plan read. ``discussion_id`` is the child a disagreement or addendum concerns
    (None: the session as a whole)."""
    session_id, signer_id, step = plan.session_id, plan.signer_id, plan.step
    if step is Step.SIGN:
        return service.sign(session_id, signer_id=signer_id, passphrase=passphrase, plan=plan)
    if step is Step.COUNTERSIGN:
        return service.countersign(session_id, signer_id=signer_id, passphrase=passphrase,
                                   seen_sha256=plan.content_sha256)
    if step is Step.DISAGREE:
        return service.record_disagreement(session_id, signer_id=signer_id, statement=text,
                                           discussion_id=discussion_id, passphrase=passphrase,
                                           seen_sha256=plan.content_sha256)
    return service.add_addendum(session_id, author_id=signer_id, text=text,
                                discussion_id=discussion_id, passphrase=passphrase,
                                seen_sha256=plan.content_sha256)


def waiting_for(db: DbFactory, me: int | None) -> list[WaitingRow]:
    """Sessions ``me`` signs or countersigns, and their signed ones (addenda: the supervisor's,
    and the worker's once they have countersigned or disagreed). Nobody signed in: none."""
    if me is None:
        return []
    with db() as s:
        found = s.scalars(
            select(SupervisionSession)
            .where(or_(SupervisionSession.supervisor_id == me,
                       (SupervisionSession.supervisee_id == me) & SupervisionSession.status.in_(_SIGNED)))
            .where(SupervisionSession.status.in_([SessionStatus.READY_TO_SIGN, *_SIGNED]))
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
