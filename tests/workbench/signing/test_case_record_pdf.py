"""A child's signed extract carries the statutory facts, the safety network and plan, and the
latest direct work with the child's words and drawing, as they stood when it was signed, and
nothing of another child's (both databases; judged by pdftotext and pdfimages)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import CaseKind, DirectWorkTool, DocumentKind, SafetyPlanStatus
from db.models import Action, ActionLink, CaseAllocation, CaseDiscussion, NetworkMember
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import Team1, make_session
from tests.workbench.supervision.test_safety_and_direct_work_db import png_bytes
from workbench.audit import AuditTrail
from workbench.export.stored import newest_documents, read_pdfs
from workbench.signing.content import session_content_sha256
from workbench.signing.signoff import SignOffService
from workbench.supervision.context import SupervisionContext
from workbench.supervision.direct_work import add_direct_work
from workbench.supervision.safety_plan import (
    add_network_member,
    record_network_meeting,
    remove_network_member,
    save_safety_plan,
)

WORRY_WORDS = "When Dad shouts at night"
OTHER_CHILDS_WORDS = "Child two likes the swings"


def _images(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "img.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _extracts(db: DbFactory, session_id: int) -> dict[int, bytes]:
    with db() as s:
        refs = [r for r in newest_documents(s, [session_id])[session_id] if r.kind is DocumentKind.EXTRACT]
        pdfs = read_pdfs(s, [r.id for r in refs])
        return {r.child_id: pdfs[r.id] for r in refs if r.child_id is not None}


def test_the_extract_prints_safety_direct_work_and_statutory_facts_as_signed(
        db: DbFactory, team: Team1, signoff: SignOffService, clock: FixedClock,
        tmp_path: Path) -> None:
    one, two = team.case_ids
    with transaction(db) as s:
        case = s.get_one(CaseAllocation, one)
        case.kind = CaseKind.CHILD_PROTECTION_PLAN
        case.start_date = dt.date(2026, 6, 3)
        case.last_visit_date = dt.date(2026, 11, 12)
        case.seen_alone = True
        case.last_review_date = dt.date(2026, 9, 1)
        case.key_dates = {"next_review": "2026-12-09"}
        case.details = {"category_latest": "Neglect"}
    ctx = SupervisionContext(db, AuditTrail(clock), clock, team.manager_id)
    add_network_member(ctx, one, name="Nan (Mary Jones)", relationship="grandmother",
                       role="Jay stays with her when Mum has been drinking", since=dt.date(2026, 9, 1))
    leaver = add_network_member(ctx, one, name="Uncle Dave", relationship="uncle", role="School run")
    remove_network_member(ctx, leaver, reason="Moved away")
    record_network_meeting(ctx, one, held_on=dt.date(2026, 11, 10), attendees=["Mum", "Nan (Mary Jones)"])
    save_safety_plan(ctx, one, status=SafetyPlanStatus.AGREED,
                     rules=["If Mum has a drink she rings Nan and Jay goes to Nan's"],
                     review_date=dt.date(2027, 1, 15))
    add_direct_work(ctx, one, done_on=dt.date(2026, 11, 12), tool=DirectWorkTool.THREE_HOUSES,
                    done_by="Bo Worker", words={"worries": WORRY_WORDS, "good_things": "My cat Biscuit",
                                                "dreams": "A big garden"},
                    drawings=[("houses.png", png_bytes(800, 500, "orange"))])
    add_direct_work(ctx, two, done_on=dt.date(2026, 11, 12), tool=DirectWorkTool.WIZARDS_AND_FAIRIES,
                    done_by="Bo Worker", words={"fairy": OTHER_CHILDS_WORDS},
                    drawings=[("swings.png", png_bytes(300, 300, "green"))])
    session_id = make_session(db, team)
    with transaction(db) as s:  # the session's action for child 1 is about Nan
        nan = s.scalars(select(NetworkMember.id).where(NetworkMember.name == "Nan (Mary Jones)")).one()
        action = s.scalars(select(Action.id).where(Action.case_id == one)).one()
        s.add(ActionLink(action_id=action, about_safety_plan=False, network_member_id=nan))
    signoff.sign(session_id, signer_id=team.manager_id)
    signed_hash = None
    with db() as s:
        signed_hash = session_content_sha256(s, session_id)

    # After signing the plan is reviewed and Nan leaves: the signed record does not change.
    save_safety_plan(ctx, one, status=SafetyPlanStatus.REVIEWED, rules=["A new rule written later"],
                     review_date=None)
    extracts = _extracts(db, session_id)
    text = pdf_text(extracts[team.child_ids[0]], tmp_path)
    for expected in ("Child protection plan", "Neglect", "3 June 2026", "12 November 2026 · seen alone: yes",
                     "1 September 2026", "9 December 2026",
                     "Nan (Mary Jones)", "grandmother", "Jay stays with her when Mum has been drinking",
                     "10 November 2026: Mum, Nan (Mary Jones)", "Agreed · review by 15 January 2027",
                     "If Mum has a drink she rings Nan and Jay goes to Nan's",
                     "Three Houses · by Bo Worker", f"House of worries: “{WORRY_WORDS}”",
                     "House of good things: “My cat Biscuit”", "The child's drawing (houses.png",
                     "“Book the meeting” is about Nan (Mary Jones)."):
        assert expected in text, expected
    for absent in ("Uncle Dave", "A new rule written later", OTHER_CHILDS_WORDS, "swings.png", "C0002"):
        assert absent not in text, absent
    images = _images(extracts[team.child_ids[0]], tmp_path)
    sizes = [(row[3], row[4]) for row in images if row[2] == "image"]
    assert ("800", "500") in sizes  # the drawing, beside the scale chart
    assert ("300", "300") not in sizes  # not the other child's

    other = pdf_text(extracts[team.child_ids[1]], tmp_path)
    assert OTHER_CHILDS_WORDS in other
    assert WORRY_WORDS not in other
    assert "Nan (Mary Jones)" not in other
    assert "No safety network recorded" in other
    with db() as s:
        assert session_content_sha256(s, session_id) == signed_hash  # the signature still covers it
        record = s.scalar(select(CaseDiscussion.case_record).where(
            CaseDiscussion.session_id == session_id, CaseDiscussion.case_id == one))
    assert record is not None
    assert record["safety_plan"]["status"] == "agreed"


def test_a_draft_session_is_not_snapshotted(db: DbFactory, team: Team1) -> None:
    session_id = make_session(db, team)
    with db() as s:
        assert s.scalars(select(CaseDiscussion.case_record)
                         .where(CaseDiscussion.session_id == session_id)).all() == [None, None]
