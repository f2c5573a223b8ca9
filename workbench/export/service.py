"""Finding signed records and exporting them as signed PDFs: in parallel, with progress and a
cooperative cancel, each file written atomically (a temporary name, then a rename).

The work function sees only plain values, so the UI's background runner can call
:func:`export_records` as it is; progress is ``progress(done, total)`` and ``cancel()`` is
polled between files.
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.engine import SessionFactory, transaction
from db.models import CaseDiscussion, Child, Staff, SupervisionSession, Team
from workbench.audit import AuditTrail
from workbench.export.documents import EXTRACT, NOTE, extract_pdf, note_pdf
from workbench.export.pades import sign_pdf
from workbench.export.record import SIGNED_STATUSES, NoteRecord, load_note_record
from workbench.history import ScaleHistory
from workbench.names import fold_name
from workbench.signing.identity import IdentityStore, SigningError, SigningIdentity

Transport = tuple[bytes, bytes]
REASONS = {"approval": "Approved by the supervisor", "countersignature": "Countersigned by the worker",
           "disagreement": "Worker recorded disagreement (see the note)"}


class ExportError(Exception):
    """The export cannot start (no records, a signer's key missing); nothing was written."""


@dataclass(frozen=True)
class RecordFilter:
    date_from: dt.date
    date_to: dt.date  # inclusive
    team: str | None = None
    worker: str | None = None
    child: str | None = None  # the local authority's child id


@dataclass(frozen=True)
class RecordRow:
    session_id: int
    meeting_at: dt.datetime
    team: str
    supervisor: str
    worker: str
    status: str
    children: tuple[str, ...]


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False
    failed: list[tuple[int, str]] = field(default_factory=list)


def find_signed_records(sessions: SessionFactory, wanted: RecordFilter) -> list[RecordRow]:
    """Signed sessions in the period, narrowed by team, worker and child; oldest first."""
    start = dt.datetime.combine(wanted.date_from, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(wanted.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    worker = Staff.__table__.alias("worker")
    supervisor = Staff.__table__.alias("supervisor")
    query = (
        select(SupervisionSession.id, SupervisionSession.meeting_at, Team.name, supervisor.c.name,
               worker.c.name, SupervisionSession.status)
        .join(worker, worker.c.id == SupervisionSession.supervisee_id)
        .join(supervisor, supervisor.c.id == SupervisionSession.supervisor_id)
        .outerjoin(Team, Team.id == worker.c.team_id)
        .where(SupervisionSession.status.in_(SIGNED_STATUSES),
               SupervisionSession.meeting_at >= start, SupervisionSession.meeting_at < end)
        .order_by(SupervisionSession.meeting_at, SupervisionSession.id)
    )
    if wanted.team:
        query = query.where(Team.name_key == fold_name(wanted.team))
    if wanted.worker:
        query = query.where(worker.c.name_key == fold_name(wanted.worker))
    if wanted.child:
        query = query.where(SupervisionSession.id.in_(
            select(CaseDiscussion.session_id).join(Child, Child.id == CaseDiscussion.child_id)
            .where(Child.la_child_id == wanted.child.strip())))
    with sessions() as s:
        rows = s.execute(query).all()
        children: dict[int, list[str]] = {}
        for session_id, la_id in s.execute(
            select(CaseDiscussion.session_id, Child.la_child_id)
            .join(Child, Child.id == CaseDiscussion.child_id)
            .where(CaseDiscussion.session_id.in_([r[0] for r in rows]))
            .order_by(CaseDiscussion.agenda_position)
        ):
            children.setdefault(session_id, []).append(la_id)
    return [RecordRow(r[0], r[1], r[2] or "", r[3], r[4], r[5].value, tuple(children.get(r[0], ())))
            for r in rows]


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text).strip("-")[:40] or "record"


def file_names(record: NoteRecord) -> dict[str, str]:
    """Output file names by part ("note" or the child's discussion id as text)."""
    stem = f"{record.meeting_at:%Y-%m-%d}_session-{record.session_id}"
    names = {NOTE: f"{stem}_{_slug(record.supervisee)}_supervision-file.pdf"}
    for part in record.children:
        names[str(part.discussion_id)] = f"{stem}_{_slug(part.la_child_id)}_child-file.pdf"
    return names


def signed_documents(record: NoteRecord, kinds: Sequence[str],
                     keys: dict[int, SigningIdentity] | None) -> list[tuple[str, bytes]]:
    """(file name, PDF bytes) of each wanted document of ``record``, signed by its signers."""
    names = file_names(record)
    documents: list[tuple[str, bytes]] = []
    if NOTE in kinds:
        documents.append((names[NOTE], note_pdf(record)))
    if EXTRACT in kinds:
        documents += [(names[str(p.discussion_id)], extract_pdf(record, p)) for p in record.children]
    if keys is None:
        return documents
    steps = [(sig.kind, record.supervisor_id if sig.role == "supervisor" else record.supervisee_id)
             for sig in record.signatures if sig.addendum_id is None]
    signed = []
    for name, pdf in documents:
        for number, (kind, staff_id) in enumerate(steps, start=1):
            pdf = sign_pdf(pdf, keys[staff_id], field_name=f"Signature{number}",
                           reason=REASONS.get(kind, kind))
        signed.append((name, pdf))
    return signed


_worker_keys: dict[int, SigningIdentity] | None = None


def _init_worker(transport: dict[int, Transport] | None, chart_cache: Path | None = None) -> None:
    global _worker_keys
    from workbench.export.charts import use_disk_cache

    use_disk_cache(chart_cache)
    _worker_keys = None if transport is None else {
        k: SigningIdentity.from_transport(v) for k, v in transport.items()}
    # Pay the imports once per worker, before the first job.
    import reportlab.platypus  # noqa: F401

    if transport is not None:
        import pyhanko.sign  # noqa: F401


def _job(record: NoteRecord, kinds: tuple[str, ...]) -> list[tuple[str, bytes]]:
    return signed_documents(record, kinds, _worker_keys)


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def unlock_signers(sessions: SessionFactory, identities: IdentityStore, staff_ids: set[int],
                   passphrases: dict[int, str] | None = None) -> dict[int, SigningIdentity]:
    """Every signer's identity, or an ExportError naming whose key cannot be opened here."""
    keys: dict[int, SigningIdentity] = {}
    problems = []
    with sessions() as s:
        for staff_id in sorted(staff_ids):
            staff = s.get_one(Staff, staff_id)
            try:
                keys[staff_id] = identities.load(staff, passphrase=(passphrases or {}).get(staff_id))
            except SigningError as error:
                problems.append(f"{staff.name}: {error}")
    if problems:
        raise ExportError("The PDFs are signed by the people who signed each record, and these "
                          "signing keys cannot be opened on this computer:\n" + "\n".join(problems))
    return keys


def export_records(
    sessions: SessionFactory, identities: IdentityStore | None, audit: AuditTrail, *,
    session_ids: Sequence[int], out_dir: Path, actor_id: int | None,
    kinds: Sequence[str] = (NOTE, EXTRACT), progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None, workers: int | None = None,
    passphrases: dict[int, str] | None = None, mode: str = "process",
    chart_cache: Path | None = None,
) -> ExportResult:
    """Export signed sessions as PDFs into ``out_dir``; signed (PAdES) unless ``identities`` is None.

    ``mode`` is "process" (parallel, the default: reportlab and pyHanko are pure Python and
    hold the GIL, so threads do not run them in parallel) or "inline". ``chart_cache`` is a
    folder where drawn charts are kept for later exports (see ``charts.use_disk_cache``).
    """
    if not session_ids:
        raise ExportError("No signed records match: widen the dates or clear a filter.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with sessions() as s:
        histories: dict[int, ScaleHistory] = {}
        records = [load_note_record(s, sid, histories) for sid in session_ids]
    keys = None
    if identities is not None:
        keys = unlock_signers(sessions, identities, {i for r in records for i in r.signers}, passphrases)
    transport = None if keys is None else {k: v.to_transport() for k, v in keys.items()}
    result = ExportResult()
    total = len(records)
    done_ids: list[tuple[int, list[str]]] = []

    def finished(record: NoteRecord, documents: list[tuple[str, bytes]]) -> None:
        names = []
        for name, data in documents:
            write_atomically(out_dir / name, data)
            result.written.append(out_dir / name)
            names.append(name)
        done_ids.append((record.session_id, names))
        if progress:
            progress(len(done_ids), total)

    try:
        if mode == "inline" or total == 1:
            _init_worker(transport, chart_cache)
            for record in records:
                if cancel and cancel():
                    result.cancelled = True
                    break
                finished(record, _job(record, tuple(kinds)))
        else:
            count = max(1, min(workers or os.cpu_count() or 1, total))
            context = multiprocessing.get_context("spawn")  # safe beside Qt threads
            with futures.ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker,
                                             initargs=(transport, chart_cache)) as pool:
                pending = {pool.submit(_job, r, tuple(kinds)): r for r in records}
                for future in futures.as_completed(pending):
                    if cancel and cancel():
                        result.cancelled = True
                        pool.shutdown(wait=True, cancel_futures=True)
                        break
                    record = pending[future]
                    try:
                        finished(record, future.result())
                    except Exception as error:
                        result.failed.append((record.session_id, str(error)))
    finally:
        if done_ids:
            with transaction(sessions) as s:
                for session_id, names in done_ids:
                    audit.record(s, actor_id=actor_id, action="record_exported",
                                 entity_type="supervision_session", entity_id=session_id,
                                 details={"files": names, "signed": keys is not None})
    return result


def record_printed(sessions: SessionFactory, audit: AuditTrail, *, session_ids: Sequence[int],
                   actor_id: int | None) -> None:
    """The audit events for records sent to a printer (the UI prints; this records it)."""
    with transaction(sessions) as s:
        for session_id in session_ids:
            audit.record(s, actor_id=actor_id, action="record_printed",
                         entity_type="supervision_session", entity_id=session_id)


def export_case_history(sessions: SessionFactory, audit: AuditTrail, *, child_id: int, out_path: Path,
                        actor_id: int | None, signer: SigningIdentity | None = None) -> Path:
    """Every signed discussion of one child with the full scale chart, as one PDF.

    The history is a compilation of signed records, so it is signed (when ``signer`` is given)
    by the person who made it, not by the records' signers; each record keeps its own PDF.
    """
    from workbench.export.documents import history_pdf
    from workbench.history import read_scale_history

    with sessions() as s:
        session_ids = list(s.scalars(
            select(SupervisionSession.id)
            .join(CaseDiscussion, CaseDiscussion.session_id == SupervisionSession.id)
            .where(CaseDiscussion.child_id == child_id, SupervisionSession.status.in_(SIGNED_STATUSES))
            .order_by(SupervisionSession.meeting_at, SupervisionSession.id)))
        if not session_ids:
            raise ExportError("This child has no signed supervision records yet.")
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
    with transaction(sessions) as s:
        audit.record(s, actor_id=actor_id, action="case_history_exported", entity_type="child",
                     entity_id=child_id, details={"sessions": session_ids, "signed": signer is not None})
    return out_path
