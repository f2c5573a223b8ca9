"""Sign-off keeps the record's signed PDFs (both databases): made and PAdES-signed by the
supervisor when they sign, the worker's signature appended over the same first revision, an
addendum as its own signed PDF; a failed step keeps nothing."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import DocumentKind, DocumentStage
from db.models import Signature, SignedDocument
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import TRICKY_ANSWER, Team1, make_session
from workbench.audit import AuditTrail
from workbench.export.pades import check_pdf
from workbench.signing.identity import IdentityStore, WrongPassphrase
from workbench.signing.signoff import MAX_STATEMENT_LENGTH, SignOffError, SignOffService


def _documents(db: DbFactory, session_id: int) -> list[SignedDocument]:
    with db() as s:
        return list(s.scalars(select(SignedDocument).where(SignedDocument.session_id == session_id)
                              .order_by(SignedDocument.id)))


def _pdfsig(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


def _validate(pdf: bytes, identities: IdentityStore) -> list[object]:
    """pyHanko's full validation of every signature (intact, trusted, what changed after)."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    from workbench.signing.certificates import load_certificates_pem

    authority = next(iter(identities.keys_dir.glob("authority/*.cert.pem")), None)
    assert authority is not None
    root = asn1_x509.Certificate.load(
        load_certificates_pem(authority.read_bytes())[0].public_bytes(serialization.Encoding.DER))
    reader = PdfFileReader(io.BytesIO(pdf))
    return [validate_pdf_signature(sig, ValidationContext(trust_roots=[root]),
                                   key_usage_settings=KeyUsageConstraints(key_usage=set()))
            for sig in reader.embedded_signatures]


def test_signing_keeps_the_note_and_one_extract_per_child_signed_by_the_supervisor(
    db: DbFactory, team: Team1, signoff: SignOffService, identities: IdentityStore,
    tmp_path: Path,
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    documents = _documents(db, session_id)
    assert [(d.kind, d.child_id, d.stage) for d in documents] == [
        (DocumentKind.NOTE, None, DocumentStage.SUPERVISOR),
        *[(DocumentKind.EXTRACT, child, DocumentStage.SUPERVISOR) for child in team.child_ids]]
    with db() as s:
        approval = s.scalars(select(Signature).where(Signature.session_id == session_id)).one()
    for document in documents:
        statuses = _validate(document.pdf, identities)
        assert len(statuses) == 1
        status = statuses[0]
        assert status.bottom_line  # type: ignore[attr-defined]  # intact, valid, trusted, no change
        assert status.signing_cert.subject.native["common_name"] == "Ann Manager"  # type: ignore[attr-defined]
        report = _pdfsig(document.pdf, tmp_path)
        assert "Signature is Valid." in report
        assert "The signature form field is not signed." in report  # the worker's, empty for now
        assert check_pdf(document.pdf).facts["content-sha256"] == approval.content_sha256
    assert TRICKY_ANSWER in pdf_text(documents[0].pdf, tmp_path, words_only=False)


def test_every_kept_pdf_draws_its_scale_charts_where_a_reader_finds_them(
    db: DbFactory, team: Team1, signoff: SignOffService, tmp_path: Path,
) -> None:
    """Each child's chart is in the note and in that child's extract as an image its page
    lists, and poppler draws every page without a complaint (a chart image kept for reuse
    was once referenced but missing from its page: the record printed without its charts)."""
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    for number, document in enumerate(_documents(db, session_id)):
        path = tmp_path / f"kept-{number}.pdf"
        path.write_bytes(document.pdf)
        drawn = subprocess.run(["pdftoppm", "-r", "10", "-png", str(path), str(tmp_path / f"page-{number}")],
                               capture_output=True, text=True, check=True)
        assert drawn.stderr == "", drawn.stderr
        listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        charts = len(team.child_ids) if document.kind is DocumentKind.NOTE else 1
        assert len([line for line in listed if line.split()[2] == "image"]) == charts, listed


def test_countersigning_adds_the_workers_signature_over_the_same_first_revision(
    db: DbFactory, team: Team1, signoff: SignOffService, identities: IdentityStore,
    clock: FixedClock, tmp_path: Path,
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    clock.advance(days=1)
    signoff.countersign(session_id, signer_id=team.worker_id)
    documents = _documents(db, session_id)
    first = [d for d in documents if d.stage is DocumentStage.SUPERVISOR]
    second = [d for d in documents if d.stage is DocumentStage.COUNTERSIGNED]
    assert len(first) == len(second) == 1 + len(team.child_ids)  # the first versions are kept too
    for before, after in zip(first, second, strict=True):
        assert (after.kind, after.child_id) == (before.kind, before.child_id)
        assert after.pdf.startswith(before.pdf)  # an incremental update: revision 1 untouched
        supervisor, worker = _validate(after.pdf, identities)
        assert supervisor.signing_cert.subject.native["common_name"] == "Ann Manager"  # type: ignore[attr-defined]
        assert supervisor.coverage.name == "ENTIRE_REVISION"  # type: ignore[attr-defined]
        assert supervisor.modification_level.name == "FORM_FILLING"  # type: ignore[attr-defined]
        assert supervisor.bottom_line  # type: ignore[attr-defined]
        assert worker.signing_cert.subject.native["common_name"] == "Bo Worker"  # type: ignore[attr-defined]
        assert worker.coverage.name == "ENTIRE_FILE"  # type: ignore[attr-defined]
        assert worker.bottom_line  # type: ignore[attr-defined]
        assert _pdfsig(after.pdf, tmp_path).count("Signature is Valid.") == 2
    text = pdf_text(second[0].pdf, tmp_path)
    assert "Bo Worker agrees that this is a true record of the supervision." in text
    assert "27 November 2026, 10:00 UTC" in text  # the worker's own signing time


def test_a_session_wide_disagreement_is_in_the_note_and_in_no_childs_extract(
    db: DbFactory, team: Team1, signoff: SignOffService, tmp_path: Path,
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    words = "I do not agree the risk is <lower> & I said so — Ζωή, 中文"
    signoff.record_disagreement(session_id, signer_id=team.worker_id, statement=words)
    newest = [d for d in _documents(db, session_id) if d.stage is DocumentStage.DISAGREEMENT]
    assert len(newest) == 1 + len(team.child_ids)  # every kept PDF carries the worker's signature
    for document in newest:
        text = pdf_text(document.pdf, tmp_path)
        if document.kind is DocumentKind.NOTE:
            assert words in pdf_text(document.pdf, tmp_path, words_only=False)
            assert "recorded this disagreement about the session as a whole" in text
        else:  # about the whole session, which may name any child: not on a child's file
            assert "I do not agree" not in text
            assert "recorded a disagreement about another part of this supervision session" in text
        assert check_pdf(document.pdf).intact


def test_the_longest_disagreement_fits_its_box_and_a_longer_one_is_refused(
    db: DbFactory, team: Team1, signoff: SignOffService, tmp_path: Path,
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    with pytest.raises(SignOffError, match="add the rest as an addendum"):
        signoff.record_disagreement(session_id, signer_id=team.worker_id,
                                    statement="x" * (MAX_STATEMENT_LENGTH + 1))
    words = ("The scores do not match what I saw on my visits. " * 100)[:MAX_STATEMENT_LENGTH - 3] + "END"
    signoff.record_disagreement(session_id, signer_id=team.worker_id, statement=words)
    note = next(d for d in _documents(db, session_id) if d.stage is DocumentStage.DISAGREEMENT)
    text = pdf_text(note.pdf, tmp_path)
    assert text.count("The scores do not match what I saw on my visits.") == words.count(
        "The scores do not match what I saw on my visits.")
    assert "END" in text  # all of it, to the last word


def test_an_addendum_is_its_own_signed_pdf_and_the_original_stays(
    db: DbFactory, team: Team1, signoff: SignOffService, identities: IdentityStore,
    tmp_path: Path,
) -> None:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    signoff.countersign(session_id, signer_id=team.worker_id)
    before = {d.id: d.sha256 for d in _documents(db, session_id)}
    signoff.add_addendum(session_id, author_id=team.worker_id, text="The visit was on <Monday> & not Sunday")
    documents = _documents(db, session_id)
    assert {d.id: d.sha256 for d in documents if d.id in before} == before
    addendum = documents[-1]
    assert addendum.stage is DocumentStage.ADDENDUM
    assert addendum.addendum_id is not None
    (status,) = _validate(addendum.pdf, identities)
    assert status.bottom_line  # type: ignore[attr-defined]
    assert status.signing_cert.subject.native["common_name"] == "Bo Worker"  # type: ignore[attr-defined]
    text = pdf_text(addendum.pdf, tmp_path, words_only=False)
    assert "The visit was on <Monday> & not Sunday" in text
    with db() as s:
        approval = s.scalars(select(Signature).where(Signature.session_id == session_id)).first()
    assert approval is not None
    assert check_pdf(addendum.pdf).facts["original-sha256"] == approval.content_sha256


def test_a_wrong_passphrase_keeps_no_pdf_and_no_signature(
    db: DbFactory, team: Team1, signoff: SignOffService,
) -> None:
    session_id = make_session(db, team)
    with pytest.raises(WrongPassphrase, match="Nothing was changed"):
        signoff.sign(session_id, signer_id=team.manager_id, passphrase="not the passphrase")
    assert _documents(db, session_id) == []
    with db() as s:
        assert s.scalars(select(Signature)).first() is None


def test_a_record_signed_without_pdfs_gets_none_from_the_worker_step(
    db: DbFactory, team: Team1, identities: IdentityStore, clock: FixedClock,
) -> None:
    bulk = SignOffService(db, identities, AuditTrail(clock), clock, documents=False)
    session_id = make_session(db, team)
    bulk.sign(session_id, signer_id=team.manager_id)
    SignOffService(db, identities, AuditTrail(clock), clock).countersign(
        session_id, signer_id=team.worker_id)
    assert _documents(db, session_id) == []  # the first export makes them, whole
