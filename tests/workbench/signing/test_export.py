"""Exported PDFs: signed (PAdES) by the record's signers, accepted by poppler's pdfsig, checked by
`workbench verify`, broken by one flipped byte, and showing the typed text exactly."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import SessionFactory, make_session_factory
from db.models import AuditEvent
from tests.conftest import FixedClock
from tests.workbench.signing.builders import TRICKY_ANSWER, Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.audit import AuditTrail
from workbench.cli import main
from workbench.export.service import ExportError, export_case_history, export_records
from workbench.export.verify import verify_files
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

DISAGREEMENT = "I don't agree: <i>risk</i> is \"higher\" & rising — Ζ Ж ł 中文"


@pytest.fixture
def factory(sqlite_engine: object) -> SessionFactory:
    return make_session_factory(sqlite_engine)  # type: ignore[arg-type]


@pytest.fixture
def signed(factory: SessionFactory, identities: IdentityStore, clock: FixedClock) -> tuple[Team1, list[int]]:
    """Two signed sessions: one countersigned, one with a disagreement and an addendum."""
    team = make_team(factory)
    give_identities(factory, identities, team.manager_id, team.worker_id)
    service = SignOffService(factory, identities, AuditTrail(clock), clock)
    first = make_session(factory, team)
    service.sign(first, signer_id=team.manager_id)
    service.countersign(first, signer_id=team.worker_id)
    second = make_session(factory, team, meeting_at=clock() - dt.timedelta(days=1))
    service.sign(second, signer_id=team.manager_id)
    service.record_disagreement(second, signer_id=team.worker_id, statement=DISAGREEMENT)
    service.add_addendum(second, author_id=team.manager_id, text="Addendum: the date was <wrong> & fixed")
    return team, [first, second]


def _export(factory: SessionFactory, identities: IdentityStore, clock: FixedClock, ids: list[int],
            out: Path, **kwargs: object) -> list[Path]:
    result = export_records(factory, identities, AuditTrail(clock), session_ids=ids, out_dir=out,
                            actor_id=None, mode="inline", **kwargs)  # type: ignore[arg-type]
    return result.written


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_exported_pdfs_are_signed_by_both_signers_and_verify(
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    written = _export(factory, identities, clock, ids, tmp_path / "out")
    assert len(written) == 6  # per session: the supervision copy and one extract per child
    assert not list((tmp_path / "out").glob(".*.part"))
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    report = _pdfsig(note)
    assert report.count("Signature is Valid.") == 2
    assert "Ann Manager" in report
    assert "Bo Worker" in report
    assert "Digest Mismatch" not in report

    authority = identities.authority_certificate()
    assert authority is not None
    verdicts = verify_files(written, sessions=factory, trust_roots=[authority], identities=identities,
                            audit=AuditTrail(clock))
    assert all(v.ok and v.matches_record and v.pdf.trusted for v in verdicts)
    with factory() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert actions.count("record_exported") == 2
    assert actions.count("pdf_verified") == 6


def test_one_flipped_byte_breaks_the_pdf_for_verify_and_pdfsig(
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path, sqlite_engine: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, ids = signed
    note = _export(factory, identities, clock, ids[:1], tmp_path / "out", kinds=("note",))[0]
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
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    written = _export(factory, identities, clock, ids[1:], tmp_path / "out")
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    text = _text(note)
    assert TRICKY_ANSWER in text  # <b>&amp; … & Greek, Cyrillic, Polish as typed, not as markup
    assert DISAGREEMENT in text
    assert "Addendum: the date was <wrong> & fixed" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Page 1 of " in text
    extract = next(p for p in written if p.name.endswith("child-file.pdf"))
    extract_text = _text(extract)
    assert "SUPERVISION RECORD" in extract_text
    assert "Approved by Ann Manager" in extract_text
    assert "What are we worried about?" in extract_text  # the wording of the set's version


def test_export_refuses_when_a_signers_key_is_not_here(
    factory: SessionFactory, clock: FixedClock, signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    elsewhere = IdentityStore(tmp_path / "other-keys", SecretStore(), clock)
    with pytest.raises(ExportError, match="Ann Manager"):
        _export(factory, elsewhere, clock, ids, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_parallel_export_reports_progress_and_stops_when_cancelled(
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    _, ids = signed
    seen: list[tuple[int, int]] = []
    result = export_records(factory, identities, AuditTrail(clock), session_ids=ids,
                            out_dir=tmp_path / "all", actor_id=None, kinds=("note",), workers=2,
                            progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert len(result.written) == 2
    stopped = export_records(factory, identities, AuditTrail(clock), session_ids=ids,
                             out_dir=tmp_path / "cancelled", actor_id=None, kinds=("note",),
                             mode="inline", cancel=lambda: True)
    assert stopped.cancelled
    assert stopped.written == []


def test_case_history_has_every_signed_discussion_of_the_child(
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    team, _ = signed
    path = export_case_history(factory, AuditTrail(clock), child_id=team.child_ids[0],
                               out_path=tmp_path / "history.pdf", actor_id=None)
    text = _text(path)
    assert "Case supervision history" in text
    assert "2 signed discussions" in text
    assert text.count(TRICKY_ANSWER) == 2


def test_drawn_charts_are_kept_on_disk_for_later_exports(
    factory: SessionFactory, identities: IdentityStore, clock: FixedClock,
    signed: tuple[Team1, list[int]], tmp_path: Path,
) -> None:
    from workbench.export import charts

    _, ids = signed
    charts._cache.clear()  # charts drawn by earlier tests in this process
    first = _export(factory, identities, clock, ids[:1], tmp_path / "first", kinds=("note",),
                    chart_cache=tmp_path / "charts")
    kept = sorted((tmp_path / "charts").glob("*.png"))
    assert len(kept) == 2  # one chart per child discussed
    charts._cache.clear()
    stamps = [p.stat().st_mtime_ns for p in kept]
    second = _export(factory, identities, clock, ids[:1], tmp_path / "second", kinds=("note",),
                     chart_cache=tmp_path / "charts")
    assert [p.stat().st_mtime_ns for p in kept] == stamps  # read back, not drawn again
    assert _text(first[0]) == _text(second[0])
    charts.use_disk_cache(None)
