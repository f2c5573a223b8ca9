"""The recording checklist (recording_checklist.py) on every PDF the demo exports.

The demo is built and signed once for the module; the PDFs of its records of the last eight
weeks (the supervision-file copy and one extract per child: every child of the demo is discussed
in them, and the test shows they hold every shape of story the demo tells) are rendered
in-process, unsigned, with the worker's signature
appearance beside them: the words are those of the signed PDFs, which add only the signatures'
cryptography and draw the worker's words in their box. The scale charts are left out of this
render: they are images with no text for pdftotext to read (tests/workbench/signing counts them in
the signed PDFs), and drawing hundreds of them would cost a minute. pdftotext then reads them all
in one batch.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select

from db.engine import make_engine, make_session_factory
from db.migrate import upgrade_to_head
from db.models import SupervisionSession
from tests.workbench.demo import recording_checklist as checklist
from workbench.audit import AuditTrail
from workbench.demo import build_demo
from workbench.export.layout import day
from workbench.secrets import SecretStore
from workbench.signing.demo import sign_demo_sessions

TODAY = dt.date(2026, 11, 26)
CHECKED_WEEKS = 8  # every open child is discussed every four weeks (two for the newly qualified)


@dataclass(frozen=True)
class Exported:
    documents: tuple[checklist.Document, ...]
    sessions: int
    children: int  # in the whole demo


def _no_chart(history: object, width: float, title: str | None = None) -> object:
    from reportlab.platypus import Spacer

    return Spacer(width, 1)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    from workbench.export import documents as pdfs
    from workbench.export.making import worker_signature, worker_text
    from workbench.export.record import ChildPart, NoteRecord, load_note_record
    from workbench.export.worker_box import worker_stamp_pdf
    from workbench.history import ScaleHistory

    folder = tmp_path_factory.mktemp("checklist")
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade_to_head(engine)
    factory = make_session_factory(engine)
    summary = build_demo(factory, today=TODAY)
    clock = lambda: dt.datetime.combine(TODAY, dt.time(7), dt.UTC)  # noqa: E731
    sign_demo_sessions(factory, keys_dir=folder / "keys", clock=clock, audit=AuditTrail(clock),
                       secrets=SecretStore(FailKeyring()))
    out = folder / "pdf"
    out.mkdir()
    made: list[tuple[str, str, NoteRecord, ChildPart | None]] = []
    with pytest.MonkeyPatch.context() as patch, factory() as s:
        patch.setattr(pdfs, "chart_flowable", _no_chart)
        histories: dict[int, ScaleHistory] = {}
        since = dt.datetime.combine(TODAY - dt.timedelta(weeks=CHECKED_WEEKS), dt.time(), dt.UTC)
        recent = s.scalars(select(SupervisionSession.id).where(
            SupervisionSession.id.in_(summary.past_session_ids), SupervisionSession.meeting_at >= since)
            .order_by(SupervisionSession.meeting_at)).all()
        for session_id in recent:
            record = load_note_record(s, session_id, histories, tz=dt.UTC)
            signature = worker_signature(record)
            assert signature is not None, f"session {session_id} has no worker's response"
            documents: list[tuple[str, ChildPart | None]] = [("note", None)]
            documents += [("extract", p) for p in record.children]
            for kind, part in documents:
                name = f"session-{session_id}_{'supervision-file' if part is None else part.la_child_id}"
                pdf = pdfs.note_pdf(record) if part is None else pdfs.extract_pdf(record, part)
                (out / f"{name}.pdf").write_bytes(pdf)
                stamp = worker_text(record, signature, kind, None if part is None else part.child_id)
                (out / f"{name}.worker.pdf").write_bytes(worker_stamp_pdf(stamp))
                made.append((name, kind, record, part))
    engine.dispose()
    subprocess.run(["sh", "-c", 'for f in *.pdf; do pdftotext -enc UTF-8 "$f"; done'], cwd=out, check=True)

    def text(name: str) -> str:
        return checklist.words((out / f"{name}.txt").read_text(encoding="utf-8")
                               + " " + (out / f"{name}.worker.txt").read_text(encoding="utf-8"))

    return Exported(tuple(checklist.Document(f"{name}.pdf", kind, text(name), record, part)
                          for name, kind, record, part in made), len(recent), summary.children)


def test_every_demo_pdf_passes_the_recording_checklist(exported: Exported) -> None:
    documents = exported.documents
    notes = [d for d in documents if d.kind == "note"]
    assert len(notes) == exported.sessions
    assert len(documents) == exported.sessions + sum(len(d.record.children) for d in notes)
    failures = [f"{doc.name}: {item}" for doc in documents for item in checklist.missing(doc)]
    assert not failures, f"{len(failures)} checklist items missing, e.g.:\n" + "\n".join(failures[:40])


def test_the_checklist_fails_a_pdf_that_lacks_an_item(exported: Exported) -> None:
    """Each check can fail: a record's text without its harm, voice or decisions is caught."""
    extract = next(d for d in exported.documents if d.kind == "extract" and d.child is not None
                   and d.child.decisions)
    part = extract.child
    assert part is not None
    cut = extract.text
    for text in (checklist.words(part.impact_statement), checklist.words(part.decisions[0]["rationale"]),
                 "Statutory facts", "For how long:"):
        cut = cut.replace(text, "")
    found = checklist.missing(checklist.Document(extract.name, "extract", cut, extract.record, part))
    assert f"{part.la_child_id}: the impact statement" in found
    assert any("with its rationale" in item for item in found)
    assert any("statutory facts" in item for item in found)
    assert any("its time frame" in item for item in found)
    workload = next(qa.answer for qa in extract.record.worker_part if qa.answer.strip())
    leaked = checklist.Document(extract.name, "extract", extract.text + " Workload " + workload,
                                extract.record, part)
    assert any("personal part" in item for item in checklist.missing(leaked))
    wrong = {**part.decisions[0], "text": "Continue with the child protection plan."}
    import dataclasses

    looked_after = dataclasses.replace(part, case_kind="Looked after", decisions=(wrong,))
    assert any("fits 'Looked after'" in item for item in checklist.missing(
        checklist.Document(extract.name, "extract", extract.text, extract.record, looked_after)))
    # A visit made after the meeting printed in its record (today's facts, not the meeting's).
    record = part.case_record or {}
    later = (extract.record.meeting_at.date() + dt.timedelta(days=9)).isoformat()
    facts = {**record.get("statutory", {}), "last_visit_date": later}
    printed = extract.text + f" Last visit {day(later)}"
    visited_later = dataclasses.replace(part, case_record={**record, "statutory": facts})
    assert any("not later ones (Last visit" in item for item in checklist.missing(
        checklist.Document(extract.name, "extract", printed, extract.record, visited_later)))


def test_the_checked_records_hold_every_shape_of_the_demo_s_stories(exported: Exported) -> None:
    """Every child of the demo; every status at every age; every voice on the scale; low scores
    escalated, differences talked through, a first discussion and a reviewed one, a worker's
    disagreement, direct work and a safety plan."""
    parts = [d.child for d in exported.documents if d.child is not None]
    assert len({p.child_id for p in parts}) == exported.children
    assert {p.case_kind for p in parts} == set(checklist.WORDING_FOR_STATUS)
    assert {str(sc["rater_role"]) for p in parts for sc in p.scores} == {
        "worker", "supervisor", "parent", "child", "network", "professional"}
    assert any(p.escalation_decision for p in parts)
    assert any(p.score_difference_note for p in parts)
    assert any(not p.actions_reviewed for p in parts)
    assert any(p.actions_reviewed for p in parts)
    assert any(len(p.worries) > 1 for p in parts)
    assert any("recorded this disagreement" in d.text for d in exported.documents)
    assert any((p.case_record or {}).get("direct_work") for p in parts)
    assert any(((p.case_record or {}).get("safety_plan") or {}).get("rules") for p in parts)


def test_the_checklist_s_counts(exported: Exported) -> None:
    """What it covers: every PDF, each with the meeting's items and each child's."""
    items = [checklist.items_checked(doc) for doc in exported.documents]
    extracts = [doc for doc in exported.documents if doc.kind == "extract"]
    assert {checklist.items_checked(doc) for doc in extracts} == {
        len(checklist.MEETING_CHECKS) + checklist.ITEMS_PER_CHILD}
    assert len(exported.documents) > 150
    assert sum(items) > 10 * len(exported.documents)
