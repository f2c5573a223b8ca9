"""`workbench verify` checks what was really signed: a revision appended after signing that paints
over a page, or rewrites the record facts, fails the file (poppler's pdfsig agrees: "Not total
document signed"); the facts reported are the signed ones; a file that is not one of the signed
PDFs the database keeps is reported; a countersigned note still verifies."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from db.engine import DbFactory
from db.enums import DocumentKind
from db.models import Staff
from tests.workbench.signing.builders import Team1, make_session
from workbench.cli import main
from workbench.export.pades import check_pdf, read_facts, sign_into_field
from workbench.export.stored import newest_documents, read_pdf
from workbench.export.verify import verify_files
from workbench.export.worker_box import WORKER_FIELD
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


def _note(db: DbFactory, session_id: int) -> bytes:
    """The newest signed note the database keeps for the session."""
    with db() as s:
        refs = newest_documents(s, [session_id])[session_id]
        note = next(r for r in refs if r.kind is DocumentKind.NOTE and not r.is_addendum)
        return read_pdf(s, note.id)


def _signed(db: DbFactory, team: Team1, signoff: SignOffService, *, countersign: bool) -> int:
    session_id = make_session(db, team)
    signoff.sign(session_id, signer_id=team.manager_id)
    if countersign:
        signoff.countersign(session_id, signer_id=team.worker_id)
    return session_id


def _append_revision(pdf: bytes, change: object) -> bytes:
    """``pdf`` with one more incremental update, made by ``change(writer)``; no signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)  # type: ignore[operator]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _paint_over_page_one(pdf: bytes) -> bytes:
    """A white rectangle over the whole of page 1, appended after the signatures."""
    from pyhanko.pdf_utils import generic

    def paint(writer: object) -> None:
        stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 0 0 2000 2000 re f Q")
        writer.add_stream_to_page(0, writer.add_object(stream))  # type: ignore[attr-defined]

    return _append_revision(pdf, paint)


def _rewrite_keywords(pdf: bytes, keywords: str) -> bytes:
    """The document info's Keywords (the record facts) replaced in an unsigned revision."""
    from pyhanko.pdf_utils import generic

    def rewrite(writer: object) -> None:
        info_ref = writer.trailer.raw_get("/Info")  # type: ignore[attr-defined]
        info = info_ref.get_object()
        info["/Keywords"] = generic.TextStringObject(keywords)
        writer.update_container(info)  # type: ignore[attr-defined]

    return _append_revision(pdf, rewrite)


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


def _verify(db_url: str, identities: IdentityStore, *paths: Path) -> int:
    return main(["--database", db_url, "verify", "--keys", str(identities.keys_dir), *map(str, paths)])


@pytest.mark.parametrize("countersign", [True, False], ids=["countersigned", "supervisor-only"])
def test_a_page_painted_over_after_signing_fails_verify_and_pdfsig_sees_it(
    db: DbFactory, db_url: str, team: Team1, signoff: SignOffService,
    identities: IdentityStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], countersign: bool,
) -> None:
    session_id = _signed(db, team, signoff, countersign=countersign)
    painted = tmp_path / "painted.pdf"
    painted.write_bytes(_paint_over_page_one(_note(db, session_id)))

    assert "Not total document signed" in _pdfsig(painted)
    assert _verify(db_url, identities, painted) == 1
    captured = capsys.readouterr()
    assert f"{painted}: FAILED" in captured.out
    assert "CHANGED AFTER SIGNING" in captured.out
    assert "changes the document itself (page content or structure)" in captured.out
    assert "kept copy: differs" in captured.out
    assert f"workbench verify: {painted} FAILED: " in captured.err
    assert "Traceback" not in captured.err

    # Without a database, on the signatures alone, it fails too.
    with db() as s:
        root = identities.authority_certificate(s)
    assert root is not None
    verdict, = verify_files([painted], db=None, trust_roots=[root])
    assert not verdict.ok
    assert not verdict.pdf.intact
    assert any("signed by no one" in p for p in verdict.problems)


def test_a_countersigned_note_verifies_as_the_kept_copy(
    db: DbFactory, db_url: str, team: Team1, signoff: SignOffService,
    identities: IdentityStore, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    session_id = _signed(db, team, signoff, countersign=True)
    note = tmp_path / "note.pdf"
    note.write_bytes(_note(db, session_id))

    assert _verify(db_url, identities, note) == 0
    captured = capsys.readouterr()
    assert f"{note}: OK" in captured.out
    assert "record: matches" in captured.out
    assert "kept copy: the kept signed copy" in captured.out
    assert "problem:" not in captured.out
    assert captured.err == ""
    check = check_pdf(note.read_bytes())
    supervisor, worker = check.signatures
    assert (supervisor.coverage, supervisor.modification_level, supervisor.docmdp_ok) == (
        "ENTIRE_REVISION", "FORM_FILLING", True)
    assert worker.coverage == "ENTIRE_FILE"
    assert "Signature is Valid." in _pdfsig(note)


def test_a_signed_file_other_than_the_kept_copies_is_reported(
    db: DbFactory, db_url: str, team: Team1, signoff: SignOffService,
    identities: IdentityStore, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Another countersignature by the worker's own key over the kept supervisor-signed note: every
    signature is intact and trusted, the record matches, but the database keeps other bytes."""
    session_id = _signed(db, team, signoff, countersign=False)
    supervisor_signed = _note(db, session_id)
    signoff.countersign(session_id, signer_id=team.worker_id)
    with db() as s:
        worker = identities.load(s.get_one(Staff, team.worker_id))
    stamp = io.BytesIO()
    page = canvas.Canvas(stamp, pagesize=(200, 60))
    page.drawString(10, 20, "Countersigned")
    page.save()
    other = tmp_path / "other.pdf"
    other.write_bytes(sign_into_field(supervisor_signed, worker, field_name=WORKER_FIELD,
                                      reason="Countersigned", appearance=stamp.getvalue()))
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(_note(db, session_id))

    assert check_pdf(other.read_bytes()).trusted is False  # not trusted without the authority given
    assert _verify(db_url, identities, kept, other) == 1
    out = capsys.readouterr().out
    assert f"{kept}: OK" in out
    assert f"{other}: FAILED" in out
    other_report = out[out.index(f"{other}: FAILED"):]
    assert "record: matches" in other_report
    assert "kept copy: differs: this file is not any signed PDF the database keeps" in other_report


def test_the_facts_reported_are_the_signed_ones_not_a_later_revisions(
    db: DbFactory, db_url: str, team: Team1, signoff: SignOffService,
    identities: IdentityStore, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    first = _signed(db, team, signoff, countersign=True)
    second = _signed(db, team, signoff, countersign=True)
    original = _note(db, first)
    signed_facts = check_pdf(original).facts
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(_rewrite_keywords(
        original, f"psw-kind=note; psw-session={second}; psw-content-sha256={'0' * 64}"))
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert read_facts(PdfFileReader(io.BytesIO(forged.read_bytes()), strict=False))["session"] == str(second)

    check = check_pdf(forged.read_bytes())
    assert check.facts == signed_facts
    assert check.facts["session"] == str(first)
    changed = "the record facts in the PDF's metadata were changed after the first signature"
    assert changed in check.unsigned_changes
    assert "Not total document signed" in _pdfsig(forged)
    assert _verify(db_url, identities, forged) == 1
    out = capsys.readouterr().out
    assert "record: matches" in out  # the signed facts name the first session, whose record it is
    assert "record facts in the PDF's metadata were changed" in out
