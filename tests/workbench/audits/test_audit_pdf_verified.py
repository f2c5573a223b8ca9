"""`workbench verify` on a signed audit's PDF: intact and trusted, and the audit signed in this
database over the content the PDF claims; the audit's record is not the supervision record, so
the PDF is not judged against the session's content."""

from __future__ import annotations

from pathlib import Path

from db.engine import DbFactory
from tests.conftest import FixedClock
from tests.workbench.audits.conftest import People, audit_through_moderation, graded
from tests.workbench.oversight.builders import World
from workbench.audit import AuditTrail
from workbench.audits import sign_audit
from workbench.export.verify import verify_files
from workbench.signing.identity import IdentityStore


def test_a_signed_audit_pdf_verifies_as_the_audit_signed_here(
        db: DbFactory, now: FixedClock, identities: IdentityStore, world: World, people: People,
        tmp_path: Path) -> None:
    audit_id = audit_through_moderation(db, now, world, "di-1001", "C3", graded())
    pat = people.actor("Pat")
    signed = sign_audit(db, identities, AuditTrail(now), now, actor=pat, signer_id=pat.staff_id,
                        audit_id=audit_id)
    path = tmp_path / "audit.pdf"
    path.write_bytes(signed.pdf)
    with db() as s:
        root = identities.authority_certificate(s)
    assert root is not None
    verdict, = verify_files([path], db=db, trust_roots=[root])
    assert verdict.pdf.intact
    assert verdict.pdf.trusted
    assert verdict.record == "matches", verdict.record
    assert verdict.kept == "the kept signed copy"
    assert verdict.ok
    # The same PDF re-signed by hand with other content claimed is not this audit.
    other = tmp_path / "other.pdf"
    other.write_bytes(signed.pdf.replace(signed.content_sha256.encode(), b"0" * 64))
    verdict, = verify_files([other], db=db, trust_roots=[root])
    assert not verdict.ok
