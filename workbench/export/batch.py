"""A batch of records' signed PDFs, for export or print: read from the store, or (for records
signed before PDFs were kept at sign-off) made once with the signers' keys and kept.

Reading stored PDFs needs no key and is quick, so it runs in the calling thread. Making them
(reportlab and pyHanko are pure Python and hold the GIL) runs on a process pool, each worker
given the unlocked keys in memory. ``cancel()`` is polled between records.
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import DocumentKind, SignatureKind
from db.models import (
    CaseDiscussion,
    Child,
    DisagreementResponse,
    Signature,
    Staff,
    SupervisionSession,
)
from workbench.access import Actor, require_session_access
from workbench.clock import Clock
from workbench.errors import PassphraseRequired, WrongPassphrase
from workbench.export import pool_worker
from workbench.export.making import ReplayPlan, replay
from workbench.export.record import load_note_record
from workbench.export.stored import DocumentRef, MadeDocument, newest_documents, read_pdfs, store
from workbench.history import ScaleHistory
from workbench.messages import message_in
from workbench.signing.identity import IdentityStore, SigningError, SigningIdentity

NOTE, EXTRACT = DocumentKind.NOTE.value, DocumentKind.EXTRACT.value


class ExportError(Exception):
    """The export cannot start (no records, no key for any of them); nothing was written.

    ``needs_passphrase``: a signer's key would open with the right passphrase (none was given
    and no secure keyring holds it, or the one given is wrong), so the caller may ask for it."""

    def __init__(self, message: str, *, needs_passphrase: bool = False) -> None:
        super().__init__(message)
        self.needs_passphrase = needs_passphrase


@dataclass(frozen=True)
class RecordDocuments:
    """One record's documents, ready to write or print, or why there are none."""

    session_id: int
    files: tuple[tuple[str, bytes], ...] = ()  # (file name, PDF)
    made: bool = False  # made now (and kept), not read from the store
    error: str = ""
    needs_passphrase: bool = False  # the error is a signer's key wanting its passphrase


@dataclass(frozen=True)
class _Facts:
    meeting_at: dt.datetime
    supervisee: str
    children: dict[int, str]  # child id -> the local authority's child id


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text).strip("-")[:40] or "record"


def file_name(session_id: int, facts: _Facts, kind: str, child_id: int | None,
              addendum_id: int | None) -> str:
    """The output file name of one document: dated, with the session, worker or child in it."""
    stem = f"{facts.meeting_at:%Y-%m-%d}_session-{session_id}"
    who = _slug(facts.children.get(child_id, str(child_id))) if child_id is not None else ""
    if addendum_id is not None:
        return f"{stem}_{who + '_' if who else ''}addendum-{addendum_id}.pdf"
    if kind == NOTE:
        return f"{stem}_{_slug(facts.supervisee)}_supervision-file.pdf"
    return f"{stem}_{who}_child-file.pdf"


def _facts(db: DbFactory, session_ids: Sequence[int]) -> dict[int, _Facts]:
    from db.models import CaseDiscussion

    out: dict[int, _Facts] = {}
    with db() as s:
        for start in range(0, len(session_ids), 500):
            chunk = session_ids[start:start + 500]
            for sid, meeting_at, name in s.execute(
                select(SupervisionSession.id, SupervisionSession.meeting_at, Staff.name)
                .join(Staff, Staff.id == SupervisionSession.supervisee_id)
                .where(SupervisionSession.id.in_(chunk))):
                out[sid] = _Facts(meeting_at, name, {})
            for sid, child_id, la_id in s.execute(
                select(CaseDiscussion.session_id, Child.id, Child.la_child_id)
                .join(Child, Child.id == CaseDiscussion.child_id)
                .where(CaseDiscussion.session_id.in_(chunk))):
                out[sid].children[child_id] = la_id
    return out


def _plans(db: DbFactory, session_ids: Sequence[int],
           stored: dict[int, list[DocumentRef]]) -> dict[int, ReplayPlan]:
    """What each record still lacks: its note and extracts, and addenda without their PDF."""
    from db.models import Addendum

    plans: dict[int, ReplayPlan] = {}
    with db() as s:
        addenda: dict[int, set[int]] = {}
        for start in range(0, len(session_ids), 500):
            for sid, addendum_id in s.execute(select(Addendum.session_id, Addendum.id).where(
                    Addendum.session_id.in_(session_ids[start:start + 500]))):
                addenda.setdefault(sid, set()).add(addendum_id)
        histories: dict[int, ScaleHistory] = {}
        for sid in session_ids:
            refs = stored.get(sid, [])
            main = not any(r.kind is DocumentKind.NOTE and not r.is_addendum for r in refs)
            missing = addenda.get(sid, set()) - {r.addendum_id for r in refs if r.is_addendum}
            if not main and not missing:
                continue
            hashes = {row[0]: row[1] for row in s.execute(
                select(Signature.addendum_id, Signature.content_sha256).where(
                    Signature.session_id == sid, Signature.addendum_id.in_(sorted(missing))))}
            original = s.execute(select(Signature.content_sha256).where(
                Signature.session_id == sid, Signature.kind == SignatureKind.APPROVAL)).scalar() or ""
            plans[sid] = ReplayPlan(load_note_record(s, sid, histories), main,
                                    tuple(sorted((a, hashes[a]) for a in missing if a in hashes)), original)
    return plans


def _unlock(db: DbFactory, identities: IdentityStore | None, staff_ids: set[int],
            passphrases: dict[int, str] | None,
            default_passphrase: str | None = None,
            ) -> tuple[dict[int, SigningIdentity], dict[int, str], set[int]]:
    """The keys that open here, a message for each person whose key does not, and who of
    them a passphrase would open it for."""
    keys: dict[int, SigningIdentity] = {}
    problems: dict[int, str] = {}
    want_passphrase: set[int] = set()
    with db() as s:
        for staff_id in sorted(staff_ids):
            staff = s.get_one(Staff, staff_id)
            if identities is None:
                problems[staff_id] = f"{staff.name}: no signing keys are available here"
                continue
            try:
                keys[staff_id] = identities.load(
                    staff, passphrase=(passphrases or {}).get(staff_id, default_passphrase))
            except (SigningError, PassphraseRequired, WrongPassphrase) as error:
                problems[staff_id] = f"{staff.name}: {error}"
                if isinstance(error, PassphraseRequired | WrongPassphrase):
                    want_passphrase.add(staff_id)
    return keys, problems, want_passphrase


def gather(db: DbFactory, identities: IdentityStore | None, *, session_ids: Sequence[int],
           kinds: Sequence[str], clock: Clock, actor: Actor | None = None,
           passphrases: dict[int, str] | None = None, default_passphrase: str | None = None,
           workers: int | None = None, mode: str = "process",
           cancel: Callable[[], bool] | None = None) -> Iterator[RecordDocuments]:
    """Each record's documents of ``kinds`` (the newest stored version), in any order.

    Plans at once (access, what is stored, which keys are needed) and raises
    :class:`ExportError` when no record can be had (every one needs a key that does not open
    here); otherwise such records come back with ``error``. The returned iterator does the work.
    """
    with db() as s:
        for sid in session_ids:
            require_session_access(s, actor, sid)
        stored = newest_documents(s, list(session_ids))
    facts = _facts(db, session_ids)
    plans = _plans(db, session_ids, stored)
    keys, problems, want_passphrase = _unlock(
        db, identities, {i for p in plans.values() for i in p.signers()}, passphrases,
        default_passphrase)
    blocked = {sid: "; ".join(problems[i] for i in sorted(p.signers()) if i in problems)
               for sid, p in plans.items() if p.signers() & problems.keys()}
    if blocked and len(blocked) == len(session_ids):
        raise ExportError(
            "These records were signed before their PDFs were kept at sign-off, so their PDFs are "
            "made once, now, with the keys of the people who signed them; these keys cannot be "
            "opened on this computer:\n" + "\n".join(sorted(set(problems.values()))),
            needs_passphrase=bool(want_passphrase))

    def documents(sid: int, made: Sequence[MadeDocument]) -> RecordDocuments:
        refs = [r for r in stored.get(sid, []) if r.kind.value in kinds]
        pdfs: dict[int, bytes] = {}
        if refs:
            with db() as s:
                pdfs = read_pdfs(s, [r.id for r in refs])
        chosen = [(r.kind.value, r.child_id, r.addendum_id, pdfs[r.id]) for r in refs]
        chosen += [(m.kind, m.child_id, m.addendum_id, m.pdf) for m in made if m.kind in kinds]
        files = [(file_name(sid, facts[sid], k, c, a), pdf) for k, c, a, pdf in chosen]
        return RecordDocuments(sid, tuple(files + responses(sid)), made=bool(made))

    def responses(sid: int) -> list[tuple[str, bytes]]:
        """The signed responses to the record's disagreements: each with the supervision-file
        copy, and with the extract of the child it concerns (none for the session as a whole)."""
        found = []
        with db() as s:
            rows = s.execute(
                select(DisagreementResponse.signature_id, CaseDiscussion.child_id,
                       DisagreementResponse.pdf)
                .join(Signature, Signature.id == DisagreementResponse.signature_id)
                .outerjoin(CaseDiscussion, CaseDiscussion.id == Signature.discussion_id)
                .where(DisagreementResponse.session_id == sid,
                       DisagreementResponse.pdf.is_not(None))
                .order_by(DisagreementResponse.id)).all()
        stem = f"{facts[sid].meeting_at:%Y-%m-%d}_session-{sid}"
        for signature_id, child_id, pdf in rows:
            if pdf is None:
                continue
            if NOTE in kinds:
                found.append((f"{stem}_{_slug(facts[sid].supervisee)}_response-{signature_id}.pdf",
                              pdf))
            if EXTRACT in kinds and child_id is not None:
                who = _slug(facts[sid].children.get(child_id, str(child_id)))
                found.append((f"{stem}_{who}_response-{signature_id}.pdf", pdf))
        return found

    def keep(sid: int, made: list[MadeDocument]) -> RecordDocuments:
        with transaction(db) as s:
            store(s, sid, made, clock)
        return documents(sid, made)

    asking = {sid for sid, p in plans.items() if p.signers() & want_passphrase}
    return _produce(session_ids, plans, blocked, asking, keys, documents, keep, workers, mode,
                    cancel)


def _produce(session_ids: Sequence[int], plans: dict[int, ReplayPlan],
             blocked: dict[int, str], asking: set[int], keys: dict[int, SigningIdentity],
             documents: Callable[[int, Sequence[MadeDocument]], RecordDocuments],
             keep: Callable[[int, list[MadeDocument]], RecordDocuments], workers: int | None,
             mode: str, cancel: Callable[[], bool] | None) -> Iterator[RecordDocuments]:
    for sid, message in blocked.items():
        yield RecordDocuments(sid, error=f"Its PDFs were not made at sign-off and cannot be made here: "
                                         f"{message}. Export it once on a computer that holds these keys.",
                              needs_passphrase=sid in asking)
    to_make = [plans[sid] for sid in session_ids if sid in plans and sid not in blocked]
    pool = None
    pending: dict[futures.Future[list[MadeDocument]], int] = {}
    if mode == "process" and len(to_make) > 1:
        count = max(1, min(workers or os.cpu_count() or 1, len(to_make)))
        transport = {k: v.to_transport() for k, v in keys.items()}
        pool = futures.ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=pool_worker.init, initargs=(transport,))
        pending = {pool.submit(pool_worker.replay_job, plan): plan.record.session_id
                   for plan in to_make}
    try:
        for sid in session_ids:  # the stored ones first, while the pool works
            if sid in plans:
                continue
            if cancel and cancel():
                return
            yield documents(sid, [])
        if pool is None:
            for plan in to_make:
                if cancel and cancel():
                    return
                try:
                    made = replay(plan, keys)
                except Exception as error:
                    yield RecordDocuments(plan.record.session_id, error=message_in(error))
                    continue
                yield keep(plan.record.session_id, made)
        for future in futures.as_completed(pending):
            if cancel and cancel():
                return
            sid = pending[future]
            try:
                made = future.result()
            except Exception as error:
                yield RecordDocuments(sid, error=message_in(error))
                continue
            yield keep(sid, made)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
