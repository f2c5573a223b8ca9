"""What sign-off calls, inside its own transaction, to make and keep a record's signed PDFs.

:class:`~workbench.signing.signoff.SignOffService` imports this module when it first signs
(reportlab, matplotlib and pyHanko are paid then, not at start-up). Each function runs in the
caller's transaction, after the Signature row, the status and the audit event are flushed, so
the PDFs carry the signature and the audit chain head of the signing itself; if making them
fails, the whole step rolls back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from db.engine import SessionFactory
from workbench.clock import Clock
from workbench.export.making import supervisor_documents, worker_documents, worker_signature
from workbench.export.record import load_note_record
from workbench.export.stored import MadeDocument, newest_documents, read_pdfs, store
from workbench.signing.identity import SigningIdentity


def warm_up(sessions: SessionFactory, session_id: int) -> None:
    """Draw the session's charts and load the PDF libraries before the signing transaction, so
    the transaction (which holds the write lock) only lays out and signs. Each chart is the
    case's history up to this meeting, as :func:`load_note_record` reads it: the same data, so
    the same cached drawing."""
    from sqlalchemy import select

    from db.enums import SessionStatus
    from db.models import CaseDiscussion, SupervisionSession
    from workbench.export.charts import chart_image
    from workbench.export.layout import content_width
    from workbench.history import ScaleHistory, read_scale_history

    with sessions() as s:
        found = s.get(SupervisionSession, session_id)
        if found is None or found.status is not SessionStatus.READY_TO_SIGN:
            return  # sign-off itself says what is wrong
        case_ids = s.scalars(select(CaseDiscussion.case_id).where(CaseDiscussion.session_id == session_id))
        histories = [read_scale_history(s, case_id) for case_id in case_ids]
        meeting_at = found.meeting_at
    for history in histories:
        upto = ScaleHistory(case_id=history.case_id,
                            points=tuple(p for p in history.points if p.meeting_at <= meeting_at))
        if not upto.is_empty:
            chart_image(upto, content_width())
    import pyhanko.sign  # noqa: F401


def after_approval(s: Session, session_id: int, identity: SigningIdentity, clock: Clock,
                   content: dict[str, Any] | None = None, *, tz: dt.tzinfo | None = None) -> int:
    """The supervisor has signed: render and sign the note and extracts, keep them (times
    printed in ``tz``, None: the computer's local zone)."""
    record = load_note_record(s, session_id, content=content, tz=tz)
    return len(store(s, session_id, supervisor_documents(record, identity), clock))


def after_worker(s: Session, session_id: int, identity: SigningIdentity, clock: Clock, *,
                 tz: dt.tzinfo | None = None) -> int:
    """The worker has signed: add their signature to the kept note and extracts, each showing
    only what concerns it (a disagreement about one child reaches that child's extract alone).

    A record signed before PDFs were kept has none: its first export makes them (once).
    """
    refs = [r for r in newest_documents(s, [session_id]).get(session_id, []) if not r.is_addendum]
    if not refs:
        return 0
    record = load_note_record(s, session_id, tz=tz)
    signature = worker_signature(record)
    if signature is None:  # pragma: no cover - the caller has just added it
        raise ValueError("The worker's signature is not in the record.")
    pdfs = read_pdfs(s, [r.id for r in refs])
    current = [MadeDocument(r.kind.value, r.child_id, r.stage.value, pdfs[r.id]) for r in refs]
    return len(store(s, session_id, worker_documents(current, signature, identity, record), clock))


def after_addendum(s: Session, session_id: int, addendum_id: int, identity: SigningIdentity,
                   clock: Clock, *, content_sha256: str, original_sha256: str,
                   chain_head: str | None, tz: dt.tzinfo | None = None) -> int:
    """A signed addendum: its own signed PDF, referring to the original by its content hash.
    One about a child is that child's (an extract); one about the session goes with the note."""
    from workbench.export.making import addendum_document

    record = load_note_record(s, session_id, tz=tz)
    made = addendum_document(record, addendum_id, identity, content_sha256=content_sha256,
                             original_sha256=original_sha256, chain_head=chain_head)
    return len(store(s, session_id, [made], clock))
