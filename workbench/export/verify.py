"""Checking exported PDFs: their PAdES signatures, and whether they match the record in the database.

A PDF carries its session id and the SHA-256 of the record content it shows in its metadata
(``psw-session``, ``psw-content-sha256``, covered by the signatures). It matches the database
when that session is signed there, its content hashes to the same value now, and its record
signatures (ECDSA, see :mod:`workbench.signing.signoff`) verify. A signed addendum's PDF carries
its own content hash (``psw-addendum``, ``psw-content-sha256``) and the original's
(``psw-original-sha256``): it matches when both agree with the database. A signed audit's PDF
(``psw-kind=audit``, ``psw-audit``) matches when that audit is signed over the content it claims.

The facts are read from the revision the signatures cover (see :func:`check_pdf`): a later
unsigned revision can neither change what is reported nor pass. Where the database keeps the
record's signed PDFs (``signed_document``), the file must be byte for byte one of them. A signed
oversight report (``psw-kind=oversight``) names no session: it matches when the audit trail records
its signing with the content hash it claims (``workbench.oversight.signed_report``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.enums import AuditStatus
from db.models import (
    DisagreementResponse,
    PracticeAudit,
    Signature,
    SignedDocument,
    SupervisionSession,
)
from workbench.audit import AuditTrail
from workbench.export.pades import PdfCheck, check_pdf
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import RecordCheck, check_record


@dataclass(frozen=True)
class FileVerdict:
    path: Path
    pdf: PdfCheck
    record: str  # "matches", "differs: ...", "not checked: ..."
    require_trust: bool = True
    #: Against the signed PDFs the database keeps for the record: "the kept signed copy",
    #: "differs: ...", "not checked: ...".
    kept: str = "not checked: no database"

    @property
    def matches_record(self) -> bool:
        return self.record == "matches"

    @property
    def ok(self) -> bool:
        trusted = self.pdf.trusted or not self.require_trust
        return (self.pdf.intact and trusted and not self.kept.startswith("differs")
                and (self.matches_record or self.record.startswith("not checked")))

    @property
    def problems(self) -> list[str]:
        """Why the file fails, in words for the person checking it (empty when it passes)."""
        found = [self.pdf.error] if self.pdf.error else []
        for sig in self.pdf.signatures:
            if not (sig.intact and sig.valid):
                found.append(f"the signature by {sig.signer} is broken: what it signed was changed")
            elif sig.changed_after:
                found.append(f"after {sig.signer} signed, {sig.changed_after}")
            if self.require_trust and not sig.trusted:
                found.append(f"{sig.signer} is not certified by a trusted signing authority")
        found += self.pdf.unsigned_changes
        found += [verdict.removeprefix("differs: ") for verdict in (self.record, self.kept)
                  if verdict.startswith("differs")]
        return found


def _kept_verdict(s: Session, session_id: int, file_sha256: str) -> str:
    """Whether the file is one of the signed PDFs the database keeps for the session."""
    kept = set(s.scalars(select(SignedDocument.sha256).where(SignedDocument.session_id == session_id)))
    kept |= {hashlib.sha256(pdf).hexdigest() for pdf in s.scalars(select(DisagreementResponse.pdf).where(
        DisagreementResponse.session_id == session_id, DisagreementResponse.pdf.is_not(None))) if pdf}
    if not kept:
        return "not checked: the database keeps no signed PDF of this record"
    if file_sha256 in kept:
        return "the kept signed copy"
    return ("differs: this file is not any signed PDF the database keeps for this record "
            f"(its SHA-256 is {file_sha256}); export the record again for the kept copy")


def _record_verdict(db: DbFactory, identities: IdentityStore | None, check: PdfCheck,
                    file_sha256: str) -> tuple[str, str]:
    """(the record verdict, the kept-copy verdict) for a file whose signatures were checked."""
    if check.facts.get("kind") == "oversight":  # a signed oversight report: no session
        from workbench.oversight.signed_report import verify_verdict

        with db() as s:
            return verify_verdict(s, check.facts, file_sha256)
    session_text = check.facts.get("session", "")
    claimed = check.facts.get("content-sha256", "")
    if check.facts.get("kind") == "audit":  # an audit of a record, not the record itself
        with db() as s:
            return _audit_verdict(s, check.facts, claimed, file_sha256)
    if not session_text.isdigit() or not claimed:
        return "not checked: the PDF names no supervision record", "not checked: no record named"
    with db() as s:
        sess = s.get(SupervisionSession, int(session_text))
        if sess is None:
            return f"differs: session {session_text} is not in this database", "not checked: no record"
        kept = _kept_verdict(s, sess.id, file_sha256)
        if not sess.status.is_signed:
            return f"differs: session {session_text} is not signed in this database", kept
        record = check_record(s, sess.id, identities)
        if check.facts.get("kind") == "addendum":
            return _addendum_verdict(s, record, check.facts, claimed), kept
        if check.facts.get("kind") == "response":
            return _response_verdict(s, record, check.facts, claimed), kept
    if record.content_sha256 != claimed:
        return "differs: the record in the database has other content than this PDF", kept
    if not record.ok:
        return "differs: a record signature in the database does not verify", kept
    return "matches", kept


def _audit_verdict(s: Session, facts: dict[str, str], claimed: str,
                   file_sha256: str) -> tuple[str, str]:
    """A signed audit's PDF matches when that audit is signed in the database over the content
    the PDF claims; it is the kept copy when it is byte for byte the signed PDF kept with it."""
    text = facts.get("audit", "")
    audit = s.get(PracticeAudit, int(text)) if text.isdigit() else None
    if audit is None:
        return f"differs: audit {text} is not in this database", "not checked: no audit"
    kept = ("not checked: the database keeps no signed PDF of this audit" if audit.signed_pdf is None
            else "the kept signed copy" if hashlib.sha256(audit.signed_pdf).hexdigest() == file_sha256
            else "differs: this file is not the signed PDF the database keeps for this audit "
                 f"(its SHA-256 is {file_sha256})")
    if audit.status is not AuditStatus.SIGNED or audit.content_sha256 != claimed:
        return "differs: the audit in the database is not signed over this PDF's content", kept
    return "matches", kept


def _addendum_verdict(s: Session, record: RecordCheck, facts: dict[str, str], claimed: str) -> str:
    """An addendum PDF matches when its addendum is signed in the database over the content the
    PDF claims, and the original it refers to is unchanged."""
    addendum_text = facts.get("addendum", "")
    signature = s.scalars(select(Signature).where(
        Signature.session_id == record.session_id,
        Signature.addendum_id == (int(addendum_text) if addendum_text.isdigit() else -1))).first()
    if signature is None:
        return f"differs: addendum {addendum_text} is not in this database"
    if signature.content_sha256 != claimed:
        return "differs: the addendum in the database has other content than this PDF"
    if facts.get("original-sha256") != record.content_sha256:
        return "differs: the record it refers to has other content in the database"
    if not record.ok:
        return "differs: a record signature in the database does not verify"
    return "matches"


def _response_verdict(s: Session, record: RecordCheck, facts: dict[str, str], claimed: str) -> str:
    """A response PDF matches when the database holds that signed response, over the content the
    PDF claims, to a disagreement on this record."""
    text = facts.get("disagreement", "")
    stored = s.scalars(select(DisagreementResponse).where(
        DisagreementResponse.session_id == record.session_id,
        DisagreementResponse.signature_id == (int(text) if text.isdigit() else -1))).first()
    if stored is None:
        return f"differs: no response to disagreement {text} is in this database"
    if stored.content_sha256 != claimed:
        return "differs: the response in the database has other content than this PDF"
    if not record.ok:
        return "differs: a record signature in the database does not verify"
    return "matches"


def verify_files(paths: Sequence[Path], *, db: DbFactory | None,
                 trust_roots: Sequence[x509.Certificate] = (), identities: IdentityStore | None = None,
                 audit: AuditTrail | None = None, actor_id: int | None = None,
                 require_trust: bool = True) -> list[FileVerdict]:
    """A verdict per file; with a database, whether each matches its record (audited)."""
    verdicts = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            verdicts.append(FileVerdict(Path(path), PdfCheck((), {}, f"cannot read the file ({error})"),
                                        "not checked: unreadable", require_trust))
            continue
        check = check_pdf(data, trust_roots)
        kept = "not checked: no database"
        if db is None:
            record = "not checked: no database"
        elif check.error:
            record = kept = "not checked: " + check.error
        else:
            record, kept = _record_verdict(db, identities, check, hashlib.sha256(data).hexdigest())
        verdicts.append(FileVerdict(Path(path), check, record, require_trust, kept))
    if db is not None and audit is not None:
        with transaction(db) as s:
            for verdict in verdicts:
                session_id = verdict.pdf.facts.get("session")
                audit.record(s, actor_id=actor_id, action="pdf_verified",
                             entity_type="supervision_session" if session_id else "file",
                             entity_id=session_id or verdict.path.name,
                             details={"intact": verdict.pdf.intact, "trusted": verdict.pdf.trusted,
                                      "record": verdict.record.split(":")[0],
                                      "kept": verdict.kept.split(":")[0]})
    return verdicts
