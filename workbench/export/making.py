"""Making a record's signed PDFs, step by step, as sign-off happens:

* the supervisor signs: the supervision-file copy and one extract per child are rendered and
  PAdES-signed with the supervisor's key, each with an empty field for the worker;
* the worker countersigns or disagrees: their signature fills that field in each stored PDF
  (an incremental update over the stored bytes; nothing is rendered again);
* an addendum is signed: its own PDF, referring to the original by its content hash.

:func:`replay` makes the same documents later, for records signed before the PDFs were kept
(the export's fallback, with every signer's key at hand). Everything here works on plain values
and runs in any process; :mod:`workbench.export.stored` keeps the results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from db.enums import DocumentKind, DocumentStage
from workbench.export.documents import addendum_pdf, extract_pdf, note_pdf
from workbench.export.pades import sign_into_field, sign_pdf
from workbench.export.record import NoteRecord, SignatureLine
from workbench.export.stored import MadeDocument
from workbench.export.worker_box import WORKER_FIELD, BoxPlace, WorkerSignatureText, worker_stamp_pdf
from workbench.messages import translatable
from workbench.signing.identity import SigningIdentity

SUPERVISOR_FIELD = "SupervisorSignature"
REASONS = {"approval": "Approved by the supervisor", "countersignature": "Countersigned by the worker",
           "disagreement": "Worker recorded disagreement, in their own words (shown in the PDF)",
           "disagreement_elsewhere": "Worker recorded disagreement about another part of the session "
                                     "(kept with the supervision file copy)",
           "addendum": "Signed addendum: a correction that refers to the original record"}
WORKER_STAGES = {"countersignature": DocumentStage.COUNTERSIGNED,
                 "disagreement": DocumentStage.DISAGREEMENT}


class DocumentsError(Exception):
    """The signed PDFs cannot be made here (a signer's key is missing); the message says whose."""


def as_signed_by_supervisor(record: NoteRecord) -> NoteRecord:
    """The record as the supervisor signed it: their approval, no worker step, no addenda."""
    return dataclasses.replace(
        record, addenda=(),
        signatures=tuple(s for s in record.signatures if s.kind == "approval" and s.addendum_id is None))


def supervisor_documents(record: NoteRecord, identity: SigningIdentity, *,
                         extracts: bool = True) -> list[MadeDocument]:
    """The copy for the supervision file and (with ``extracts``) each child's extract, signed
    by the supervisor."""
    record = as_signed_by_supervisor(record)
    made = []
    rendered: list[tuple[str, int | None, bytes, BoxPlace]] = []
    places: list[BoxPlace] = []
    rendered.append((DocumentKind.NOTE.value, None, note_pdf(record, places), places[-1]))
    for part in record.children if extracts else ():
        places = []
        pdf = extract_pdf(record, part, places)
        rendered.append((DocumentKind.EXTRACT.value, part.child_id, pdf, places[-1]))
    for kind, child_id, pdf, place in rendered:
        signed = sign_pdf(pdf, identity, field_name=SUPERVISOR_FIELD, reason=REASONS["approval"],
                          empty_field=(WORKER_FIELD, place))
        made.append(MadeDocument(kind, child_id, DocumentStage.SUPERVISOR.value, signed))
    return made


def worker_signature(record: NoteRecord) -> SignatureLine | None:
    """The worker's countersignature or disagreement, if they have signed."""
    return next((s for s in record.signatures if s.kind in WORKER_STAGES and s.addendum_id is None), None)


def worker_text(record: NoteRecord, signature: SignatureLine, kind: str,
                child_id: int | None) -> WorkerSignatureText:
    """What the worker's signature shows in one document: the supervision-file copy (``kind``
    "note") shows a disagreement whole, saying which child it concerns or that it concerns the
    session; a child's extract shows it only if it concerns that child (a disagreement about
    another child, or about the session, which may name any child, never reaches this child's file)."""
    text = WorkerSignatureText(kind=signature.kind, name=signature.name, role=signature.role,
                               signed_at=signature.signed_at, fingerprint=signature.fingerprint,
                               tz=record.tz)
    if signature.kind != "disagreement":
        return text
    about = record.part_for(signature.discussion_id)
    if kind == DocumentKind.NOTE.value:
        label = f"about {about.label}" if about else "about the session as a whole"
        return dataclasses.replace(text, statement=signature.statement, about=label)
    if about is not None and about.child_id == child_id:
        return dataclasses.replace(text, statement=signature.statement, about="about this child")
    return dataclasses.replace(text, withheld=True)


def worker_documents(current: Sequence[MadeDocument], signature: SignatureLine,
                     identity: SigningIdentity, record: NoteRecord) -> list[MadeDocument]:
    """Each of ``current`` (the stored note and extracts) with the worker's signature added,
    each showing what concerns it (:func:`worker_text`)."""
    stage = WORKER_STAGES[signature.kind].value
    appearances: dict[WorkerSignatureText, bytes] = {}
    made = []
    for doc in current:
        text = worker_text(record, signature, doc.kind, doc.child_id)
        if text not in appearances:
            appearances[text] = worker_stamp_pdf(text)
        reason = REASONS["disagreement_elsewhere" if text.withheld else signature.kind]
        made.append(dataclasses.replace(doc, stage=stage, pdf=sign_into_field(
            doc.pdf, identity, field_name=WORKER_FIELD, reason=reason, appearance=appearances[text])))
    return made


def addendum_document(record: NoteRecord, addendum_id: int, identity: SigningIdentity, *,
                      content_sha256: str, original_sha256: str,
                      chain_head: str | None = None) -> MadeDocument:
    addendum = next(a for a in record.addenda if a.id == addendum_id)
    part = next((p for p in record.children if p.discussion_id == addendum.discussion_id), None)
    pdf = addendum_pdf(record, addendum_id, content_sha256=content_sha256,
                       original_sha256=original_sha256, chain_head=chain_head)
    signed = sign_pdf(pdf, identity, field_name="AddendumSignature", reason=REASONS["addendum"])
    kind = DocumentKind.EXTRACT if part is not None else DocumentKind.NOTE
    return MadeDocument(kind.value, part.child_id if part else None, DocumentStage.ADDENDUM.value,
                        signed, addendum_id)


@dataclasses.dataclass(frozen=True)
class ReplayPlan:
    """What an export must still make for one record, and the content hashes addenda need."""

    record: NoteRecord
    main: bool  # the note and extracts are not stored yet
    addenda: tuple[tuple[int, str], ...]  # (addendum id, its content SHA-256) not stored yet
    original_sha256: str = ""

    def signers(self) -> set[int]:
        """Whose keys making these documents needs."""
        needed: set[int] = set()
        if self.main:
            needed.add(self.record.supervisor_id)
            if worker_signature(self.record) is not None:
                needed.add(self.record.supervisee_id)
        authors = {a.id: a for a in self.record.addenda}
        signer_of = {s.addendum_id: s for s in self.record.signatures if s.addendum_id}
        for addendum_id, _ in self.addenda:
            line = signer_of.get(addendum_id)
            if line is not None and addendum_id in authors:
                needed.add(self.record.supervisor_id if line.role == "supervisor"
                           else self.record.supervisee_id)
        return needed


def replay(plan: ReplayPlan, keys: Mapping[int, SigningIdentity]) -> list[MadeDocument]:
    """Make what ``plan`` lacks as sign-off would have made it; only the final version of each
    document is returned (the supervisor's alone, or with the worker's signature added)."""
    record = plan.record
    try:
        made: list[MadeDocument] = []
        if plan.main:
            made = supervisor_documents(record, keys[record.supervisor_id])
            worker = worker_signature(record)
            if worker is not None:
                made = worker_documents(made, worker, keys[record.supervisee_id], record)
        for addendum_id, content_sha256 in plan.addenda:
            line = next(s for s in record.signatures if s.addendum_id == addendum_id)
            author = record.supervisor_id if line.role == "supervisor" else record.supervisee_id
            made.append(addendum_document(record, addendum_id, keys[author], content_sha256=content_sha256,
                                          original_sha256=plan.original_sha256))
    except KeyError as missing:
        raise DocumentsError(translatable("workbench.export", "The signing key of %1 is not unlocked here.")
                             .arg(record.people.get(missing.args[0], 'a signer'))) from missing
    return made
