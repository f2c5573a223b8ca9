"""What sign-off calls, inside its own transaction, to make and keep a record's signed PDFs.

:class:`~workbench.signing.signoff.SignOffService` imports this module when it first signs
(reportlab, matplotlib and pyHanko are paid then, not at start-up). Each function runs in the
caller's transaction, after the Signature row, the status and the audit event are flushed, so
the PDFs carry the signature and the audit chain head of the signing itself; if making them
fails, the whole step rolls back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from db.engine import DbFactory
from workbench.clock import Clock
from workbench.export.making import supervisor_documents, worker_documents, worker_signature
from workbench.export.record import load_note_record
from workbench.export.stored import MadeDocument, newest_documents, read_pdfs, store
from workbench.signing.identity import SigningIdentity

if TYPE_CHECKING:
    from workbench.history import ScaleHistory


@dataclass(frozen=True)
class ChartInputs:
    """What the note's charts are drawn from: each case's scale history up to the meeting."""

    histories: tuple[ScaleHistory, ...]


def read_chart_inputs(s: Session, session_id: int) -> ChartInputs | None:
    """The scale histories the note's charts show, as :func:`load_note_record` reads them (the
    same data, so the same cached drawing); None unless the session is ready to sign."""
    from sqlalchemy import select

    from db.enums import SessionStatus
    from db.models import CaseDiscussion, SupervisionSession
    from workbench.history import ScaleHistory, read_scale_history

    found = s.get(SupervisionSession, session_id)
    if found is None or found.status is not SessionStatus.READY_TO_SIGN:
        return None  # sign-off itself says what is wrong
    case_ids = s.scalars(select(CaseDiscussion.case_id).where(CaseDiscussion.session_id == session_id))
    meeting_at = found.meeting_at
    return ChartInputs(tuple(
        ScaleHistory(case_id=history.case_id,
                     points=tuple(p for p in history.points if p.meeting_at <= meeting_at))
        for history in (read_scale_history(s, case_id) for case_id in case_ids)))


def draw_charts(inputs: ChartInputs) -> None:
    """Draw (and cache) the charts and load the PDF libraries, outside any transaction."""
    from workbench.export.charts import chart_image
    from workbench.export.layout import content_width

    for history in inputs.histories:
        if not history.is_empty:
            chart_image(history, content_width())
    import pyhanko.sign  # noqa: F401


def warm_up(db: DbFactory, session_id: int) -> None:
    """Draw the session's charts and load the PDF libraries before the signing transaction, so
    the transaction (which holds the write lock) only lays out and signs."""
    with db() as s:
        inputs = read_chart_inputs(s, session_id)
    if inputs is not None:
        draw_charts(inputs)


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
