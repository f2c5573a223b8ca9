"""Exporting and printing signed records: the newest stored version of each record's signed PDFs,
written atomically (a temporary name, then a rename), with progress and a cooperative cancel.

A record's PDFs are made and signed once, at sign-off (:mod:`workbench.export.at_signoff`), so
exporting needs no signing key. Records signed before that have their PDFs made once by their
first export (with the signers' keys) and kept (:mod:`workbench.export.batch`).

The work functions see only plain values, so the UI's background runner can call them as they
are; progress is ``progress(done, total)`` and ``cancel()`` is polled between records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.models import CaseDiscussion, SupervisionSession
from workbench.access import Actor, scope_sessions
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.export.batch import EXTRACT, NOTE, ExportError, RecordDocuments, gather
from workbench.export.finding import RecordFilter, RecordRow, find_signed_records
from workbench.export.record import SIGNED_STATUSES, load_note_record
from workbench.files import write_atomically, write_new
from workbench.history import ScaleHistory
from workbench.messages import translatable
from workbench.signing.identity import IdentityStore, SigningIdentity

__all__ = ["EXTRACT", "NOTE", "ExportError", "ExportResult", "RecordFilter", "RecordRow",
           "export_case_history", "export_records", "find_signed_records", "printable_documents",
           "record_printed", "write_atomically"]

log = logging.getLogger(__name__)


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False
    failed: list[tuple[int, str]] = field(default_factory=list)
    made: int = 0  # records whose PDFs were made (and kept) by this export
    needs_passphrase: bool = False  # some failed because a signer's key wants its passphrase


def export_records(
    db: DbFactory, identities: IdentityStore | None, audit: AuditTrail, *,
    session_ids: Sequence[int], out_dir: Path, actor_id: int | None, actor: Actor | None = None,
    kinds: Sequence[str] = (NOTE, EXTRACT), progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None, workers: int | None = None,
    passphrases: dict[int, str] | None = None, default_passphrase: str | None = None,
    mode: str = "process", clock: Clock | None = None,
) -> ExportResult:
    """Write each record's signed PDFs of ``kinds`` ("note", "extract") into ``out_dir``.

    No key is needed for records whose PDFs are kept; ``identities`` (and ``passphrases`` by
    staff id, else ``default_passphrase``, else the keyring) are only used for records signed
    before that, whose PDFs this export makes once, in parallel
    (``mode`` "process") or here ("inline"). ``actor`` limits what may be exported to what they
    may see; ``actor_id`` is who the audit trail names.
    """
    if not session_ids:
        raise ExportError(translatable("workbench.export", "No signed records match: widen the dates or "
                                                           "clear a filter."))
    if actor is not None and actor_id is None:
        actor_id = actor.staff_id
    documents = gather(db, identities, session_ids=session_ids, kinds=kinds,
                       clock=clock or audit.clock, actor=actor, passphrases=passphrases,
                       default_passphrase=default_passphrase, workers=workers, mode=mode, cancel=cancel)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    done: list[tuple[RecordDocuments, list[str]]] = []
    try:
        for record in documents:
            if record.error:
                result.failed.append((record.session_id, record.error))
                result.needs_passphrase |= record.needs_passphrase
            else:
                names = []
                for name, data in record.files:
                    # Never over another file: one with the same name gets " (2)" added.
                    written = write_new(out_dir / name, data)
                    result.written.append(written)
                    names.append(written.name)
                done.append((record, names))
                result.made += record.made
            if progress:
                progress(len(done) + len(result.failed), len(session_ids))
        result.cancelled = len(done) + len(result.failed) < len(session_ids)
    finally:
        if done:
            with transaction(db) as s:
                for record, names in done:
                    audit.record(s, actor_id=actor_id, action="record_exported",
                                 entity_type="supervision_session", entity_id=record.session_id,
                                 details={"files": names, "made_now": record.made})
        log.info("export: %d records written (%d files), %d failed%s", len(done), len(result.written),
                 len(result.failed), ", cancelled" if result.cancelled else "")
    return result


def printable_documents(
    db: DbFactory, identities: IdentityStore | None, *, session_ids: Sequence[int],
    clock: Clock, actor: Actor | None = None, kinds: Sequence[str] = (NOTE,),
    cancel: Callable[[], bool] | None = None, default_passphrase: str | None = None,
) -> list[RecordDocuments]:
    """The signed PDFs to print, in the order of ``session_ids`` (the UI prints; it then calls
    :func:`record_printed`). Records whose PDFs cannot be had come back with ``error``."""
    found = {r.session_id: r for r in gather(db, identities, session_ids=session_ids, kinds=kinds,
                                             clock=clock, actor=actor, mode="inline", cancel=cancel,
                                             default_passphrase=default_passphrase)}
    return [found[sid] for sid in session_ids if sid in found]


def record_printed(db: DbFactory, audit: AuditTrail, *, session_ids: Sequence[int],
                   actor_id: int | None, details: dict[str, object] | None = None) -> None:
    """The audit events for records sent to a printer (the UI prints; this records it)."""
    with transaction(db) as s:
        for session_id in session_ids:
            audit.record(s, actor_id=actor_id, action="record_printed",
                         entity_type="supervision_session", entity_id=session_id, details=details)


def export_case_history(db: DbFactory, audit: AuditTrail, *, child_id: int, out_path: Path,
                        actor_id: int | None, signer: SigningIdentity | None = None,
                        actor: Actor | None = None) -> Path:
    """Every signed discussion of one child (that ``actor`` may see) with the full scale chart.

    The history is a compilation of signed records, so it is signed (when ``signer`` is given)
    by the person who made it, not by the records' signers; each record keeps its own PDF.
    """
    from workbench.export.documents import history_pdf
    from workbench.export.pades import sign_pdf
    from workbench.history import read_scale_history

    if actor is not None and actor_id is None:
        actor_id = actor.staff_id
    with db() as s:
        session_ids = list(s.scalars(scope_sessions(
            select(SupervisionSession.id)
            .join(CaseDiscussion, CaseDiscussion.session_id == SupervisionSession.id)
            .where(CaseDiscussion.child_id == child_id, SupervisionSession.status.in_(SIGNED_STATUSES))
            .order_by(SupervisionSession.meeting_at, SupervisionSession.id), actor)))
        if not session_ids:
            raise ExportError(translatable(
                    "workbench.export", "This child has no signed supervision records that you can see."))
        records = [load_note_record(s, sid) for sid in session_ids]
        signed_discussions = {p.discussion_id for r in records for p in r.children if p.child_id == child_id}
        case_ids = {p.history.case_id for r in records for p in r.children if p.child_id == child_id}
        points = tuple(sorted(
            (pt for case_id in case_ids for pt in read_scale_history(s, case_id).points
             if pt.discussion_id in signed_discussions),
            key=lambda pt: (pt.meeting_at, pt.score_id)))
    history = ScaleHistory(case_id=min(case_ids), points=points)
    pdf = history_pdf(records, child_id, history)
    if signer is not None:
        pdf = sign_pdf(pdf, signer, field_name="Signature1",
                       reason="Case history compiled from signed records")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out_path, pdf)
    with transaction(db) as s:
        audit.record(s, actor_id=actor_id, action="case_history_exported", entity_type="child",
                     entity_id=child_id, details={"sessions": session_ids, "signed": signer is not None})
    return out_path
