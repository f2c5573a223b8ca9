"""The recording checklist (recording_checklist.py) on every PDF the demo exports.

The demo is built and signed once for the module, and every past session's record read as the
PDFs read it (``NoteRecord``). Every PDF of every record is checked (the supervision-file copy
and one extract per child: about 900), but not every one is laid out. Profiled here: laying out
a PDF costs about 50 ms of CPU and pdftotext reads two files for it (the page and the worker's
signature box), so all 900 would take over a minute on top of building and signing the demo;
the checklist is about what a record says, not where it lands on the page. So for every record
each PDF's story (the very flowables the PDF builder lays out, made by the same functions from
the same ``NoteRecord``, with the worker's signature box) is read as text, its paragraphs' markup
kept unparsed (``Words``), about 4 ms a PDF; and a sample is made into real PDFs and read back
with pdftotext: the oldest session (facts months old, as at its meeting), the newest, and the
newest with a disagreement (the worker's words on one child's file, withheld from the others).
The sample proves the story stands for the PDF: the checklist passes on the PDF text too, and
every word of the story is printed in the PDF. The module costs about 28 s of CPU in one
process (the earlier check of the last eight weeks' PDFs, all laid out, cost 34 s).
The scale charts are left out of both: they are images with no text for pdftotext to read
(tests/workbench/signing counts them in the signed PDFs).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from keyring.backends.fail import Keyring as FailKeyring

from db.engine import make_db_factory, make_engine
from db.migrate import upgrade_to_head
from tests.workbench.demo import recording_checklist as checklist
from workbench.audit import AuditTrail
from workbench.demo import build_demo
from workbench.export.layout import day
from workbench.export.record import ChildPart, NoteRecord
from workbench.secrets import SecretStore
from workbench.signing.demo import sign_demo_sessions

TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class Exported:
    documents: tuple[checklist.Document, ...]  # every PDF of every record, read from its story
    printed: tuple[checklist.Document, ...]  # the sample, read from real PDFs by pdftotext
    stories: dict[str, str]  # the sample's story text by document name
    records: tuple[NoteRecord, ...]
    sessions: int
    children: int  # in the whole demo
    caseload: dict[int, list[Version]]  # each child's case as the weekly imports had it


@dataclass(frozen=True)
class Version:
    """One version of a child's case in the caseload: from the import that wrote it to the one
    that replaced it (None: still in force), with its status, its start and its coded fact."""

    since: dt.datetime
    until: dt.datetime | None
    kind: str
    start: dt.date | None
    coded: str | None  # the legal status, or the plan's category of abuse

    def in_force(self, at: dt.datetime) -> bool:
        return self.since <= at and (self.until is None or at < self.until)


def _caseload(s: Any) -> dict[int, list[Version]]:
    """Each child's versions, read straight from the import tables (not through case_facts): a
    version is in force from its import to the import that kept it as the one it replaced."""
    from sqlalchemy import select

    from db.models import CaseAllocation, ImportBatch, ImportChange

    imported = {row[0]: row[1] for row in s.execute(select(ImportBatch.id, ImportBatch.imported_at))}

    def coded(details: dict[str, Any]) -> str | None:
        return details.get("legal_status") or details.get("category_latest")

    versions: dict[int, list[Version]] = {}
    children = {}
    for case in s.scalars(select(CaseAllocation)):
        children[case.id] = case.child_id
        versions.setdefault(case.child_id, []).append(Version(
            imported[case.last_import_batch_id], None, case.kind.label, case.start_date, coded(case.details)))
    for change in s.scalars(select(ImportChange)):
        versions[children[change.case_id]].append(Version(
            imported[change.last_import_batch_id], imported[change.batch_id], change.kind.label,
            change.start_date, coded(change.details)))
    return versions


def _no_chart(history: object, width: float, title: str | None = None) -> object:
    from reportlab.platypus import Spacer

    return Spacer(width, 1)


class Words:
    """Stands in for reportlab's Paragraph while a story is read as text: it keeps the markup the
    builder gave it (typed text escaped, the builder's own tags) instead of parsing it for layout,
    which is most of a story's cost."""

    def __init__(self, text: str, style: object = None, *_args: object, **_kwargs: object) -> None:
        self.markup = text

    @property
    def text(self) -> str:
        """The words as printed: a line break as a space, the tags gone, entities read."""
        return html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", self.markup)))


def story_text(flowable: Any) -> str:
    """The words a story of flowables puts on the page, in reading order (a table row by row):
    what pdftotext reads of the laid-out PDF, less the page's header and footer."""
    from reportlab.platypus import Paragraph, Table

    if isinstance(flowable, Words):
        return flowable.text
    if isinstance(flowable, Paragraph):  # its fragments, a line break as a space
        return "".join(" " if getattr(f, "lineBreak", False) else f.text for f in flowable.frags)
    if isinstance(flowable, Table):
        return " ".join(story_text(cell) for row in flowable._cellvalues for cell in row)
    if isinstance(flowable, list | tuple):
        return " ".join(story_text(item) for item in flowable)
    if isinstance(flowable, str):
        return flowable
    inner = getattr(flowable, "_content", None)  # KeepTogether, KeepInFrame
    return "" if inner is None else story_text(inner)


def _documents(record: NoteRecord) -> Iterator[tuple[str, str, ChildPart | None]]:
    yield f"session-{record.session_id}_supervision-file", "note", None
    for part in record.children:
        yield f"session-{record.session_id}_{part.la_child_id}", "extract", part


def _sample(records: Iterable[NoteRecord]) -> set[int]:
    """The sessions made into real PDFs: the oldest (its facts months old), the newest, and the
    newest in which the worker recorded a disagreement (their words on one child's file only)."""
    ordered = sorted(records, key=lambda r: r.meeting_at)
    disagreed = [r for r in ordered if any(s.kind == "disagreement" for s in r.signatures)]
    return {ordered[0].session_id, ordered[-1].session_id, *(r.session_id for r in disagreed[-1:])}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    from reportlab import platypus

    from workbench.export import documents as pdfs
    from workbench.export.making import worker_signature, worker_text
    from workbench.export.record import load_note_record
    from workbench.export.worker_box import worker_stamp_flow, worker_stamp_pdf
    from workbench.history import ScaleHistory

    folder = tmp_path_factory.mktemp("checklist")
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade_to_head(engine)
    db = make_db_factory(engine)
    summary = build_demo(db, today=TODAY)
    clock = lambda: dt.datetime.combine(TODAY, dt.time(7), dt.UTC)  # noqa: E731
    sign_demo_sessions(db, keys_dir=folder / "keys", clock=clock, audit=AuditTrail(clock),
                       secrets=SecretStore(FailKeyring()))
    histories: dict[int, ScaleHistory] = {}
    with db() as s:
        records = tuple(load_note_record(s, session_id, histories, tz=dt.UTC)
                        for session_id in summary.past_session_ids)
        caseload = _caseload(s)
    engine.dispose()
    sampled = _sample(records)
    out = folder / "pdf"
    out.mkdir()
    documents: list[checklist.Document] = []
    stories: dict[str, str] = {}
    made: list[tuple[str, str, NoteRecord, ChildPart | None]] = []
    build, paragraph = pdfs.build_pdf, platypus.Paragraph
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdfs, "chart_flowable", _no_chart)
        for record in records:
            signature = worker_signature(record)
            assert signature is not None, f"session {record.session_id} has no worker's response"
            for name, kind, part in _documents(record):
                stamp = worker_text(record, signature, kind, None if part is None else part.child_id)
                # The story the PDF builder would lay out, taken from it instead of laid out.
                patch.setattr(pdfs, "build_pdf", lambda story, *_a, **_k: story_text(story).encode())
                patch.setattr(platypus, "Paragraph", Words)
                story = (pdfs.note_pdf(record) if part is None else pdfs.extract_pdf(record, part)).decode()
                text = checklist.words(story + " " + story_text(worker_stamp_flow(stamp)))
                patch.setattr(platypus, "Paragraph", paragraph)
                documents.append(checklist.Document(f"{name}.pdf", kind, text, record, part))
                if record.session_id not in sampled:
                    continue
                stories[name] = text
                patch.setattr(pdfs, "build_pdf", build)
                pdf = pdfs.note_pdf(record) if part is None else pdfs.extract_pdf(record, part)
                (out / f"{name}.pdf").write_bytes(pdf)
                (out / f"{name}.worker.pdf").write_bytes(worker_stamp_pdf(stamp))
                made.append((name, kind, record, part))
    subprocess.run(["sh", "-c", "ls *.pdf | xargs -P 2 -n 1 pdftotext -enc UTF-8"], cwd=out, check=True)

    def text(name: str) -> str:
        return checklist.words((out / f"{name}.txt").read_text(encoding="utf-8")
                               + " " + (out / f"{name}.worker.txt").read_text(encoding="utf-8"))

    printed = tuple(checklist.Document(f"{name}.pdf", kind, text(name), record, part)
                    for name, kind, record, part in made)
    return Exported(tuple(documents), printed, stories, records, len(summary.past_session_ids),
                    summary.children, caseload)


def test_every_demo_pdf_passes_the_recording_checklist(exported: Exported) -> None:
    documents = exported.documents
    notes = [d for d in documents if d.kind == "note"]
    assert len(notes) == exported.sessions == len(exported.records)
    assert len(documents) == exported.sessions + sum(len(d.record.children) for d in notes)
    failures = [f"{doc.name}: {item}" for doc in documents for item in checklist.missing(doc)]
    assert not failures, f"{len(failures)} checklist items missing, e.g.:\n" + "\n".join(failures[:40])


def test_the_sampled_pdfs_print_what_their_story_says_and_pass_too(exported: Exported) -> None:
    """The story checked above stands for the PDF: every word of it is in the PDF's text, and
    the checklist finds the same (nothing missing) in the laid-out PDF."""
    printed = exported.printed
    assert {d.kind for d in printed} == {"note", "extract"}
    assert len({d.record.session_id for d in printed}) >= 2  # the newest may be the one disagreed
    assert any("recorded this disagreement" in d.text for d in printed)
    assert any("recorded a disagreement about another part" in d.text for d in printed)
    oldest = min(d.record.meeting_at for d in exported.documents)
    assert any(d.record.meeting_at == oldest for d in printed)
    failures = [f"{doc.name}: {item}" for doc in printed for item in checklist.missing(doc)]
    assert not failures, f"{len(failures)} checklist items missing, e.g.:\n" + "\n".join(failures[:40])
    for doc in printed:
        in_pdf = Counter(doc.text.split())
        # A word wider than its table cell (a certificate's SHA-256) is broken across lines.
        story = Counter(w for w in exported.stories[doc.name.removesuffix(".pdf")].split() if len(w) < 40)
        assert not story - in_pdf, f"{doc.name}: not printed: {sorted(story - in_pdf)[:10]}"


def test_a_builder_that_drops_a_part_fails_the_checklist(exported: Exported) -> None:
    """Checking the story catches a defect in the PDF builder itself: an extract made without
    its statutory facts, or without its decisions, fails."""
    from reportlab import platypus

    from workbench.export import documents as pdfs

    record = next(r for r in exported.records if any(p.decisions for p in r.children))
    part = next(p for p in record.children if p.decisions)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdfs, "chart_flowable", _no_chart)
        patch.setattr(pdfs, "build_pdf", lambda story, *_a, **_k: story_text(story).encode())
        patch.setattr(platypus, "Paragraph", Words)
        patch.setattr(pdfs, "statutory_flowables", lambda record, st: [])
        patch.setattr(pdfs, "_decisions", lambda *args, **kwargs: None)
        text = checklist.words(pdfs.extract_pdf(record, part).decode())
    found = checklist.missing(checklist.Document("broken.pdf", "extract", text, record, part))
    assert any("statutory facts" in item for item in found)
    assert any("with its rationale" in item for item in found)


def test_the_checklist_fails_a_pdf_that_lacks_an_item(exported: Exported) -> None:
    """Each check can fail: a record's text without its harm, voice or decisions is caught."""
    extract = next(d for d in exported.printed if d.kind == "extract" and d.child is not None
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
    """What it covers: every PDF of every record, each with the meeting's items and each child's."""
    items = [checklist.items_checked(doc) for doc in exported.documents]
    extracts = [doc for doc in exported.documents if doc.kind == "extract"]
    assert {checklist.items_checked(doc) for doc in extracts} == {
        len(checklist.MEETING_CHECKS) + checklist.ITEMS_PER_CHILD}
    assert len(exported.documents) > 800
    assert sum(items) > 10 * len(exported.documents)


def test_every_extract_prints_the_legal_status_in_force_at_its_meeting(exported: Exported) -> None:
    """Per child, every extract prints the legal status and its start as the caseload's imports
    had them on the meeting's day (read from the import tables, not through the code that kept
    them), and the children whose status changed over the months print the old status before the
    change and the new one after it, their scale history marking where the wording changed."""
    from workbench.charts.scale_history import wording_runs

    extracts = [d for d in exported.documents if d.child is not None]
    statuses: dict[int, list[tuple[dt.datetime, str]]] = {}
    for doc in extracts:
        part = doc.child
        assert part is not None
        at = doc.record.meeting_at
        version = next(v for v in exported.caseload[part.child_id] if v.in_force(at))
        assert part.case_kind == version.kind, (doc.name, part.case_kind, version)
        assert version.start is not None, (doc.name, version)
        assert version.start <= at.date(), (doc.name, version)
        printed = version.kind
        detail = checklist.STATUS_DETAIL.get(version.kind)
        if detail is not None:
            assert version.coded, (doc.name, version)  # a looked-after child's order, a plan's category
            printed += f"; {detail[1]}: {version.coded}"
        assert checklist.has(doc, f"Case / legal status {printed}"), (doc.name, printed)
        assert checklist.has(doc, f"Since {day(version.start.isoformat())}"), (doc.name, version.start)
        statuses.setdefault(part.child_id, []).append((at, version.kind))
    # Every looked-after child with a legal status, more than one kind of order among them.
    orders = {v.coded for versions in exported.caseload.values() for v in versions
              if v.kind == "Looked after"}
    assert {"C1 Interim care order", "C2 Full care order"} <= orders
    changed = {child: [kind for _at, kind in sorted(seen)] for child, seen in statuses.items()
               if len({kind for _at, kind in seen}) > 1}
    journeys = {tuple(dict.fromkeys(kinds)) for kinds in changed.values()}
    assert journeys == {("Child in need", "Child protection plan"), ("Child protection plan", "Looked after")}
    for child, kinds in changed.items():
        old, new = kinds[0], kinds[-1]
        assert kinds == [old] * kinds.count(old) + [new] * kinds.count(new)  # one change, never back
        latest = max((d for d in extracts if d.child is not None and d.child.child_id == child),
                     key=lambda d: d.record.meeting_at)
        assert latest.child is not None
        runs = wording_runs(latest.child.history)
        labels = [label for _start, (_variant, label) in runs]
        assert len(runs) == 2, labels  # the chart marks the change of wording between them
        assert checklist.WORDING_FOR_STATUS[old] in labels[0], labels
        assert checklist.WORDING_FOR_STATUS[new] in labels[1], labels


def test_the_checklist_fails_an_extract_without_the_legal_status_or_its_start(exported: Exported) -> None:
    """A looked-after child's extract that prints the kind but not the order, or no start."""
    extract = next(d for d in exported.documents
                   if d.child is not None and d.child.case_kind == "Looked after")
    part = extract.child
    assert part is not None
    facts = (part.case_record or {})["statutory"]
    without_order = extract.text.replace(f"; legal status: {facts['legal_status']}", "")
    found = checklist.missing(
        checklist.Document(extract.name, "extract", without_order, extract.record, part))
    assert any("legal status (Looked after; legal status:" in item for item in found)
    no_start = dataclasses.replace(part, case_record={**(part.case_record or {}),
                                                      "statutory": {**facts, "start_date": None}})
    found = checklist.missing(
        checklist.Document(extract.name, "extract", extract.text, extract.record, no_start))
    assert any("the legal status and its start" in item for item in found)
