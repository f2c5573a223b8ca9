"""Exported PDFs: the signed PDFs kept since sign-off, written with no key at all; accepted by
poppler's pdfsig, checked by `workbench verify`, broken by one flipped byte, showing the typed
text exactly; records signed before PDFs were kept get theirs made once, then kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, make_db_factory
from db.models import AuditEvent, SignedDocument
from tests.conftest import FixedClock
from tests.workbench.signing.builders import TRICKY_ANSWER, Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.export.finding import RecordFilter, find_signed_records
from workbench.export.service import ExportError, export_case_history, export_records
from workbench.export.verify import verify_files
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

DISAGREEMENT = "I don't agree: <i>risk</i> is \"higher\" & rising — Ζ Ж ł 中文"
ADDENDUM = "Addendum: the date was <wrong> & fixed"


@pytest.fixture
def db(sqlite_engine: object) -> DbFactory:
    return make_db_factory(sqlite_engine)  # type: ignore[arg-type]


def _sign_two(db: DbFactory, identities: IdentityStore, clock: FixedClock, *,
              documents: bool) -> tuple[Team1, list[int]]:
    """Two signed sessions: one countersigned, one with a disagreement and an addendum."""
    team = make_team(db)
    give_identities(db, identities, team.manager_id, team.worker_id)
    service = SignOffService(db, identities, AuditTrail(clock), clock, documents=documents)
    first = make_session(db, team)
    service.sign(first, signer_id=team.manager_id)
    service.countersign(first, signer_id=team.worker_id)
    second = make_session(db, team, meeting_at=clock() - dt.timedelta(days=1))
    service.sign(second, signer_id=team.manager_id)
    service.record_disagreement(second, signer_id=team.worker_id, statement=DISAGREEMENT)
    service.add_addendum(second, author_id=team.manager_id, text=ADDENDUM)
    return team, [first, second]


@pytest.fixture
def signed(db: DbFactory, identities: IdentityStore, clock: FixedClock) -> tuple[Team1, list[int]]:
    """Signed the way the app signs: each step keeps the record's signed PDFs."""
    return _sign_two(db, identities, clock, documents=True)


@pytest.fixture
def no_keys(tmp_path: Path, clock: FixedClock) -> IdentityStore:
    """A practice lead's computer: an identity store with an empty keys folder."""
    (tmp_path / "lead-keys").mkdir()
    return IdentityStore(tmp_path / "lead-keys", SecretStore(), clock)


def _export(db: DbFactory, identities: IdentityStore | None, clock: FixedClock, ids: list[int],
            out: Path, **kwargs: object) -> list[Path]:
    result = export_records(db, identities, AuditTrail(clock), session_ids=ids, out_dir=out,
                            actor_id=None, mode="inline", **kwargs)  # type: ignore[arg-type]
    assert not result.failed
    return result.written


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _document_count(db: DbFactory) -> int:
    with db() as s:
        return int(s.scalar(select(func.count(SignedDocument.id))) or 0)


def test_export_needs_no_key_and_writes_the_stored_pdfs(
    db: DbFactory, no_keys: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path, sqlite_engine: object,
) -> None:
    _, ids = signed
    kept = _document_count(db)
    written = _export(db, no_keys, clock, ids, tmp_path / "out")
    # per session: the supervision copy and one extract per child; the second has an addendum
    assert len(written) == 7
    assert not list((tmp_path / "out").glob(".*.part"))
    with db() as s:
        newest = {d.sha256 for d in s.scalars(select(SignedDocument).where(
            SignedDocument.stage.in_(["countersigned", "disagreement", "addendum"])))}
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in written} == newest
    assert _document_count(db) == kept  # nothing made: the stored bytes were written
    url = str(sqlite_engine.url)  # type: ignore[attr-defined]
    assert main(["--database", url, "export", "--keys", str(no_keys.keys_dir),
                 "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(tmp_path / "cli")]) == 0
    assert sorted(p.name for p in (tmp_path / "cli").iterdir()) == sorted(p.name for p in written)


def test_exported_pdfs_are_signed_by_both_signers_and_verify(
    db: DbFactory, identities: IdentityStore, no_keys: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    written = _export(db, no_keys, clock, ids, tmp_path / "out")
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    report = _pdfsig(note)
    assert report.count("Signature is Valid.") == 2
    assert "Ann Manager" in report
    assert "Bo Worker" in report
    assert "Digest Mismatch" not in report

    with db() as s:
        authority = identities.authority_certificate(s)
    assert authority is not None
    verdicts = verify_files(written, db=db, trust_roots=[authority], identities=identities,
                            audit=AuditTrail(clock))
    assert all(v.ok and v.matches_record and v.pdf.trusted for v in verdicts), [
        (v.path.name, v.record) for v in verdicts]
    with db() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert actions.count("record_exported") == 2
    assert actions.count("pdf_verified") == 7


def test_one_flipped_byte_breaks_the_pdf_for_verify_and_pdfsig(
    db: DbFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path, sqlite_engine: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, ids = signed
    note = _export(db, identities, clock, ids[:1], tmp_path / "out", kinds=("note",))[0]
    url = str(sqlite_engine.url)  # type: ignore[attr-defined]
    keys = str(identities.keys_dir)
    assert main(["--database", url, "verify", "--keys", keys, str(note)]) == 0
    assert "record: matches" in capsys.readouterr().out

    data = bytearray(note.read_bytes())
    data[len(data) // 3] ^= 0x01
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    assert main(["--database", url, "verify", "--keys", keys, str(note), str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}: FAILED" in out
    assert "BROKEN (changed after signing)" in out
    assert f"{note}: OK" in out
    assert "Digest Mismatch" in _pdfsig(broken)


def test_pdf_text_is_the_record_as_typed(
    db: DbFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    written = _export(db, identities, clock, ids[1:], tmp_path / "out")
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    text = _text(note)
    assert TRICKY_ANSWER in text  # <b>&amp; … & Greek, Cyrillic, Polish as typed, not as markup
    assert DISAGREEMENT in text  # the worker's words, in their signature's box
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 1 of " in text
    extract = next(p for p in written if p.name.endswith("child-file.pdf"))
    extract_text = _text(extract)
    assert "SUPERVISION RECORD" in extract_text
    assert "Approved by Ann Manager" in extract_text
    assert "What are we worried about?" in extract_text  # the wording of the set's version
    assert DISAGREEMENT not in extract_text  # about the session as a whole: not on a child's file
    assert "recorded a disagreement about another part of this supervision session" in " ".join(
        extract_text.split())
    addendum = next(p for p in written if "_addendum-" in p.name)
    addendum_text = _text(addendum)
    assert ADDENDUM in addendum_text
    assert "Addendum to a signed supervision record" in addendum_text


def test_a_record_signed_before_pdfs_were_kept_gets_them_made_once_in_parallel(
    db: DbFactory, identities: IdentityStore, no_keys: IdentityStore, clock: FixedClock,
    tmp_path: Path,
) -> None:
    # Signed like the demo's bulk signing: no PDFs kept yet.
    _, ids = _sign_two(db, identities, clock, documents=False)
    assert _document_count(db) == 0
    period = RecordFilter(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [r.stored for r in find_signed_records(db, period)] == [False, False]
    with pytest.raises(ExportError, match="Ann Manager") as refused:  # the lead's computer cannot
        _export(db, no_keys, clock, ids, tmp_path / "refused")
    assert not refused.value.needs_passphrase  # the keys are not here: no passphrase would help
    assert not (tmp_path / "refused").exists() or not any((tmp_path / "refused").iterdir())

    seen: list[tuple[int, int]] = []
    first = export_records(db, identities, AuditTrail(clock), session_ids=ids, out_dir=tmp_path / "a",
                           actor_id=None, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert first.made == 2
    assert not first.failed
    assert seen == [(1, 2), (2, 2)]
    kept = _document_count(db)
    assert kept == 7  # the final version of 2 notes and 4 extracts, and the addendum
    assert [r.stored for r in find_signed_records(db, period)] == [True, True]

    again = _export(db, no_keys, clock, ids, tmp_path / "b")  # now with no key at all
    assert _document_count(db) == kept  # made once
    assert sorted(p.read_bytes() for p in again) == sorted(p.read_bytes() for p in first.written)
    with db() as s:
        authority = identities.authority_certificate(s)
    assert authority is not None
    verdicts = verify_files(again, db=db, trust_roots=[authority], identities=identities)
    assert all(v.ok and v.matches_record for v in verdicts)
    note = next(p for p in again
                if p.name.startswith("2026-11-25") and p.name.endswith("supervision-file.pdf"))
    assert _pdfsig(note).count("Signature is Valid.") == 2
    assert DISAGREEMENT in _text(note)


def test_batch_export_reports_progress_and_stops_when_cancelled(
    db: DbFactory, no_keys: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    seen: list[tuple[int, int]] = []
    result = export_records(db, no_keys, AuditTrail(clock), session_ids=ids, out_dir=tmp_path / "all",
                            actor_id=None, kinds=("note",), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]
    assert len(result.written) == 3  # two notes and the addendum to the whole record
    asked: list[int] = []

    def cancel_after_first() -> bool:
        asked.append(1)
        return len(asked) > 1

    stopped = export_records(db, no_keys, AuditTrail(clock), session_ids=ids,
                             out_dir=tmp_path / "cancelled", actor_id=None, kinds=("note",),
                             cancel=cancel_after_first)
    assert stopped.cancelled
    assert [p.name for p in stopped.written] == [result.written[0].name]
    with db() as s:
        exported = list(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "record_exported")))
    assert exported == [str(ids[0]), str(ids[1]), str(ids[0])]  # only what was written is audited


def test_case_history_has_every_signed_discussion_of_the_child(
    db: DbFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    team, _ = signed
    path = export_case_history(db, AuditTrail(clock), child_id=team.child_ids[0],
                               out_path=tmp_path / "history.pdf", actor_id=None)
    text = _text(path)
    assert "Case supervision history" in text
    assert "2 signed discussions" in text
    assert text.count(TRICKY_ANSWER) == 2


def test_a_chart_is_drawn_once_for_the_copy_and_the_extract_and_never_written_to_disk(
    db: DbFactory, identities: IdentityStore, clock: FixedClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbench.export import charts

    drawn: list[int] = []
    draw = charts._draw

    def counting(*args: object) -> object:
        drawn.append(1)
        return draw(*args)  # type: ignore[arg-type]

    charts.clear_cache()  # charts drawn by earlier tests in this process
    monkeypatch.setattr(charts, "_draw", counting)
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))
    team = make_team(db)
    give_identities(db, identities, team.manager_id)
    session_id = make_session(db, team)
    service = SignOffService(db, identities, AuditTrail(clock), clock)
    service.prepare(session_id)  # as the sign dialog does while the passphrase is typed
    assert len(drawn) == 2  # one chart per child
    service.sign(session_id, signer_id=team.manager_id)
    assert len(drawn) == 2  # shown in the copy and in that child's extract, drawn before signing
    new_files = set(tmp_path.rglob("*")) - before
    assert not [p for p in new_files if p.suffix.lower() in {".png", ".svg"}]
