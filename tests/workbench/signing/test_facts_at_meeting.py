"""A record prints the child's statutory facts as they were at the meeting, not as they are now.

A child in need is discussed on 15 October; on 1 November a new caseload export puts them on a
child protection plan with a later visit and review; the October note is signed after that.
Its kept extract, a fresh render of the same record (what an export makes of a record signed
before PDFs were kept) and the discussion on screen all show the status, visit and review of
15 October, and the scale wording that fits a child in need; a meeting after the import shows
the new ones. The caseload's own import history gives the version in force (both databases).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import CaseKind
from db.models import CaseAllocation, CaseDiscussion
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.importing.conftest import CASELOAD_HEADER, caseload_row, write_csv
from tests.workbench.signing.builders import Team1, make_session
from tests.workbench.signing.test_case_record_pdf import _extracts
from workbench.audit import AuditTrail
from workbench.export.documents import extract_pdf
from workbench.export.record import load_note_record
from workbench.importing import import_caseload
from workbench.importing.undo import undo_import
from workbench.signing.signoff import SignOffService
from workbench.supervision.case_facts import case_as_at
from workbench.supervision.loading import read_session
from workbench.supervision.question_set_store import snapshot_question_set
from workbench.supervision.question_sets import load_question_set

OCTOBER_MEETING = dt.datetime(2026, 10, 15, 14, 0, tzinfo=dt.UTC)
NOVEMBER_MEETING = dt.datetime(2026, 11, 10, 14, 0, tzinfo=dt.UTC)


def _import(db: DbFactory, clock: FixedClock, path: Path, *rows: list[str]) -> int:
    write_csv(path, [CASELOAD_HEADER, *rows])
    return import_caseload(db, path, audit=AuditTrail(clock), clock=clock,
                           confirm_closures=True).batch_id


def _october(child: str) -> list[str]:
    return caseload_row(child, worker="Bo Worker", kind="CIN", **{
        "Start date": "01/02/2026", "Last visit": "20/09/2026", "Last review": "01/09/2026"})


def _november(child: str) -> list[str]:
    return caseload_row(child, worker="Bo Worker", kind="CP", **{
        "Start date": "28/10/2026", "Last visit": "30/10/2026", "Last review": "28/10/2026"})


def _with_default_set(db: DbFactory, team: Team1) -> Team1:
    """The team's sessions use the shipped question set, whose scale wording fits each status."""
    with transaction(db) as s:
        version = snapshot_question_set(s, load_question_set("default"))
        return dataclasses.replace(team, question_set_id=version.id)


def _status_changes_after_the_october_meeting(db: DbFactory, team: Team1,
                                              clock: FixedClock, tmp_path: Path) -> int:
    """October's export, the October meeting, November's export (the child now on a plan)."""
    clock.now = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    _import(db, clock, tmp_path / "october.csv", _october("C0001"), _october("C0002"))
    october = make_session(db, team, meeting_at=OCTOBER_MEETING)
    clock.now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    _import(db, clock, tmp_path / "november.csv", _november("C0001"), _october("C0002"))
    clock.now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    return october


def test_a_note_signed_after_a_change_of_status_prints_the_status_at_the_meeting(
        db: DbFactory, team: Team1, signoff: SignOffService, clock: FixedClock,
        tmp_path: Path) -> None:
    team = _with_default_set(db, team)
    october = _status_changes_after_the_october_meeting(db, team, clock, tmp_path)
    signoff.sign(october, signer_id=team.manager_id)
    november = make_session(db, team, meeting_at=NOVEMBER_MEETING)
    signoff.sign(november, signer_id=team.manager_id)
    child = team.child_ids[0]
    with db() as s:
        assert s.get_one(CaseAllocation, team.case_ids[0]).kind is CaseKind.CHILD_PROTECTION_PLAN

    kept = pdf_text(_extracts(db, october)[child], tmp_path)
    with db() as s:  # the same record made again, as an export of an older record does
        record = load_note_record(s, october, tz=dt.UTC)
    part = next(p for p in record.children if p.child_id == child)
    remade = pdf_text(extract_pdf(record, part), tmp_path)
    for text in (kept, remade):
        assert "Statutory facts (from the caseload, as at the meeting)" in text
        assert "Child 1 (C0001) · Child in need" in text
        assert "Case / legal status Child in need" in text
        assert "Since 1 February 2026" in text
        assert "Last visit 20 September 2026 · seen alone: yes" in text
        assert "Last review 1 September 2026" in text
        assert "Scale wording: Child in need" in text
        for later in ("Child protection plan", "30 October 2026", "28 October 2026"):
            assert later not in text, later

    later = pdf_text(_extracts(db, november)[child], tmp_path)
    assert "Case / legal status Child protection plan" in later
    assert "Last visit 30 October 2026" in later
    assert "Scale wording: Child protection" in later

    with transaction(db) as s:  # on screen: the discussion as it was held
        shown = {d.session_id: d for sid in (october, november)
                 for d in read_session(s, sid, today=clock.today()).discussions if d.child_id == child}
    assert shown[october].case_kind is CaseKind.CHILD_IN_NEED
    assert shown[november].case_kind is CaseKind.CHILD_PROTECTION_PLAN


def test_a_draft_signed_after_the_change_keeps_the_facts_of_its_meeting(
        db: DbFactory, team: Team1, clock: FixedClock, tmp_path: Path) -> None:
    """Before signing, the screen and the content to be signed already use the meeting's facts;
    an import that was undone was never in force."""
    team = _with_default_set(db, team)
    october = _status_changes_after_the_october_meeting(db, team, clock, tmp_path)
    with transaction(db) as s:
        view = next(d for d in read_session(s, october, today=clock.today()).discussions
                    if d.child_id == team.child_ids[0])
        assert view.case_kind is CaseKind.CHILD_IN_NEED
        case = s.get_one(CaseAllocation, team.case_ids[0])
        assert case_as_at(s, case, NOVEMBER_MEETING).kind is CaseKind.CHILD_PROTECTION_PLAN
        assert case_as_at(s, case, OCTOBER_MEETING).last_visit_date == dt.date(2026, 9, 20)
        # Before the first export the workbench knew the case only as it was set up.
        assert case_as_at(s, case, dt.datetime(2026, 9, 1, tzinfo=dt.UTC)).last_visit_date is None

    clock.now = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
    wrong = _import(db, clock, tmp_path / "wrong.csv", caseload_row(
        "C0001", worker="Bo Worker", kind="LAC"), _october("C0002"))
    undo_import(db, wrong, actor=None, audit=AuditTrail(clock), clock=clock)
    with db() as s:
        case = s.get_one(CaseAllocation, team.case_ids[0])
        at = dt.datetime(2026, 11, 3, 12, 0, tzinfo=dt.UTC)  # while the wrong file was in
        assert case_as_at(s, case, at).kind is CaseKind.CHILD_PROTECTION_PLAN
        assert s.scalars(select(CaseDiscussion.case_record)
                         .where(CaseDiscussion.session_id == october)).all() == [None, None]
