"""The oversight report, signed: a practice lead (any team, or all) or a team manager (their own
team) produces it as a PDF, PAdES-signed with their own signing identity, as every other signed
document is signed.

The report carries the SHA-256 of its content (every figure and every row, as
``OversightReport.as_json`` gives them, with who signed it and when) in its footer and its
metadata; the audit trail records the signing with that hash and the SHA-256 of the signed file,
so `workbench verify` can say that the file is the one signed here (:func:`verify_verdict`).
Nothing else is stored: the figures change as supervision happens, and the signed file is the
record of what they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import DbFactory, transaction
from db.models import AuditEvent, Staff
from workbench.access import AccessDenied, Actor, require_oversight
from workbench.audit import AuditTrail
from workbench.clock import Clock
from workbench.files import write_atomically
from workbench.messages import translatable
from workbench.oversight.policy import DEFAULT_POLICY, OversightPolicy
from workbench.oversight.report import OversightReport
from workbench.signing.content import canonical_bytes, iso, sha256_hex
from workbench.signing.identity import IdentityStore

#: /2: the completeness of the optional items is one of the report's figures (in "report"), with
#: its rows per worker and the items each record left unanswered.
REPORT_FORMAT = "psw-oversight-report/2"
AUDIT_ACTION = "oversight_report_signed"
PDF_FIELD = "OversightSignature"
ROLE_WORDS = {"practice_lead": "practice lead", "team_manager": "team manager"}


@dataclass(frozen=True)
class SignedReport:
    report: OversightReport
    content_sha256: str
    pdf: bytes
    signer_name: str
    signed_at: dt.datetime


def report_content(report: OversightReport, *, signer_id: int, signer_role: str,
                   signed_at: dt.datetime) -> dict[str, Any]:
    """What the report's content hash covers: every figure, who signed it, when."""
    return {"format": REPORT_FORMAT, "report": report.as_json(), "signer_id": signer_id,
            "signer_role": signer_role, "signed_at": iso(signed_at)}


def sign_oversight_report(db: DbFactory, identities: IdentityStore, trail: AuditTrail,
                          clock: Clock, *, actor: Actor | None, signer_id: int,
                          team_id: int | None, start: dt.date, end: dt.date,
                          policy: OversightPolicy = DEFAULT_POLICY,
                          passphrase: str | None = None) -> SignedReport:
    """The oversight of team ``team_id`` (None: every team) over ``start``..``end``, read now, as
    a PDF signed by ``signer_id``; the signing is audited with the content hash.

    AccessDenied for anyone who may not see that oversight (a worker, an admin, a manager asking
    for another team or all), or who signs in another person's name; PeriodError for a period
    that ends before it starts; the signing identity's own errors (no identity, wrong
    passphrase...) before anything is read.
    """
    from workbench.export.pades import sign_pdf
    from workbench.oversight.reader import oversight_report
    from workbench.oversight.report_pdf import ReportFacts, oversight_pdf

    require_oversight(actor, team_id)
    if actor is not None and actor.staff_id != signer_id:
        raise AccessDenied(translatable(
                "workbench.oversight", "You are signed in as %1: a report is signed only by the "
                                       "person it names.").arg(actor.label))
    with db() as s:
        signer = s.get(Staff, signer_id)
        if signer is None:
            raise AccessDenied(translatable("workbench.oversight",
                                            "Nobody with that id is enrolled here."))
        # The signer, whoever runs it, must be someone who may see this oversight.
        require_oversight(Actor.of(signer), team_id)
        identity = identities.load(signer, passphrase=passphrase)  # before any figure is read
        name, role = signer.name, signer.role.value
    reader = actor if actor is not None else Actor.of(signer)
    report = oversight_report(db, clock, team_id=team_id, start=start, end=end, actor=reader,
                              policy=policy)
    signed_at = clock()
    digest = sha256_hex(canonical_bytes(report_content(
        report, signer_id=signer_id, signer_role=role, signed_at=signed_at)))
    facts = ReportFacts(producer=name, producer_role=ROLE_WORDS.get(role, role),
                        produced_at=signed_at, content_sha256=digest,
                        fingerprint=identity.fingerprint)
    pdf = sign_pdf(oversight_pdf(report, facts), identity, field_name=PDF_FIELD,
                   reason="Oversight of supervision report, signed by its author")
    with transaction(db) as s:
        trail.record(s, actor_id=signer_id, action=AUDIT_ACTION, entity_type="team",
                     entity_id=team_id,
                     details={"content_sha256": digest,
                              "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                              "scope": report.scope, "from": start.isoformat(),
                              "to": end.isoformat(), "as_of": report.as_of.isoformat()})
    return SignedReport(report, digest, pdf, name, signed_at)


def save_signed_report(db: DbFactory, identities: IdentityStore, trail: AuditTrail, clock: Clock,
                       path: Path, *, actor: Actor | None, signer_id: int, team_id: int | None,
                       start: dt.date, end: dt.date, policy: OversightPolicy = DEFAULT_POLICY,
                       passphrase: str | None = None) -> SignedReport:
    """:func:`sign_oversight_report`, saved to ``path``: the file appears whole or not at all,
    and not at all when the signing is refused."""
    signed = sign_oversight_report(db, identities, trail, clock, actor=actor, signer_id=signer_id,
                                   team_id=team_id, start=start, end=end, policy=policy,
                                   passphrase=passphrase)
    write_atomically(Path(path), signed.pdf)
    return signed


def verify_verdict(s: Session, facts: dict[str, str], file_sha256: str) -> tuple[str, str]:
    """(the record verdict, the kept-copy verdict) of an oversight report PDF whose signatures
    were checked: it matches when the audit trail records a report signed here with the content
    hash the PDF claims, and it is that very file when the trail records its SHA-256 too."""
    claimed = facts.get("content-sha256", "")
    if not claimed:
        return "not checked: the PDF names no report content", "not checked: no report named"
    signed = [details for details in s.scalars(
        select(AuditEvent.details).where(AuditEvent.action == AUDIT_ACTION))
        if isinstance(details, dict) and details.get("content_sha256") == claimed]
    if not signed:
        return ("differs: no oversight report with this content was signed in this database",
                "not checked: no report")
    if any(details.get("pdf_sha256") == file_sha256 for details in signed):
        return "matches", "the signed report the audit trail records"
    return ("matches", "differs: this file is not the signed PDF the audit trail records for "
            f"this report (its SHA-256 is {file_sha256})")
