"""Signed PDFs kept in the database (``signed_document``): made once at sign-off, appended to by
each later step, never changed (migration 0003 refuses updates and deletes).

A record's current documents are the newest row of each (kind, child) among the note and the
extracts, and every addendum's row. Reading them needs no signing key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import DocumentKind, DocumentStage
from db.models import SignedDocument
from workbench.clock import Clock


@dataclass(frozen=True)
class MadeDocument:
    """A freshly signed PDF, not yet stored (plain values: it crosses process boundaries)."""

    kind: str  # DocumentKind value
    child_id: int | None
    stage: str  # DocumentStage value
    pdf: bytes
    addendum_id: int | None = None


@dataclass(frozen=True)
class DocumentRef:
    """A stored PDF without its bytes."""

    id: int
    session_id: int
    kind: DocumentKind
    child_id: int | None
    stage: DocumentStage
    addendum_id: int | None
    sha256: str
    size: int = 0

    @property
    def is_addendum(self) -> bool:
        return self.stage is DocumentStage.ADDENDUM


def store(s: Session, session_id: int, made: Iterable[MadeDocument], clock: Clock) -> list[int]:
    """Append ``made`` to the session's stored documents (in the caller's transaction)."""
    rows = [SignedDocument(session_id=session_id, kind=DocumentKind(m.kind), child_id=m.child_id,
                           stage=DocumentStage(m.stage), addendum_id=m.addendum_id, pdf=m.pdf,
                           sha256=hashlib.sha256(m.pdf).hexdigest(), created_at=clock())
            for m in made]
    s.add_all(rows)
    s.flush()
    return [row.id for row in rows]


def newest_documents(s: Session, session_ids: Sequence[int]) -> dict[int, list[DocumentRef]]:
    """Each session's current documents: the newest version of its note and of each extract,
    then its addenda; sessions with none stored are absent."""
    found: dict[int, dict[tuple[str, int | None, int | None], DocumentRef]] = {}
    for start in range(0, len(session_ids), 500):
        rows = s.execute(
            select(SignedDocument.id, SignedDocument.session_id, SignedDocument.kind,
                   SignedDocument.child_id, SignedDocument.stage, SignedDocument.addendum_id,
                   SignedDocument.sha256)
            .where(SignedDocument.session_id.in_(session_ids[start:start + 500]))
            .order_by(SignedDocument.id)
        ).all()
        for row in rows:
            ref = DocumentRef(*row)
            key = (ref.kind.value, ref.child_id, ref.addendum_id)
            found.setdefault(ref.session_id, {})[key] = ref  # a later id replaces an earlier one
    return {session_id: sorted(docs.values(), key=_order) for session_id, docs in found.items()}


def _order(ref: DocumentRef) -> tuple[int, int, int, int]:
    return (ref.addendum_id or 0, 0 if ref.kind is DocumentKind.NOTE else 1, ref.child_id or 0, ref.id)


def has_main_documents(refs: Sequence[DocumentRef]) -> bool:
    """Whether the note (and so the extracts made with it) is stored: the record was signed
    with stored PDFs, or an export has made them since."""
    return any(r.kind is DocumentKind.NOTE and not r.is_addendum for r in refs)


def read_pdf(s: Session, document_id: int) -> bytes:
    pdf = s.execute(select(SignedDocument.pdf).where(SignedDocument.id == document_id)).scalar_one()
    return bytes(pdf)


def read_pdfs(s: Session, document_ids: Sequence[int]) -> dict[int, bytes]:
    rows = s.execute(select(SignedDocument.id, SignedDocument.pdf)
                     .where(SignedDocument.id.in_(document_ids))).all()
    return {row[0]: bytes(row[1]) for row in rows}
