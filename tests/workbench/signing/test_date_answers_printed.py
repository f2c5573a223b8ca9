"""A date question's answer is printed as the app prints dates ("3 November 2026"), never as it
is stored ("2026-11-03"): in the signed PDFs and in the record's text the Audits screen shows
beside the form (both databases)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.models import CaseDiscussion
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import Team1, make_session
from tests.workbench.signing.test_case_record_pdf import _extracts
from tests.workbench.signing.test_facts_at_meeting import _with_default_set
from workbench.export.record import load_note_record
from workbench.export.stored import newest_documents, read_pdfs
from workbench.signing.signoff import SignOffService

QUESTION = "When will this child be discussed again?"


def test_a_date_answer_is_printed_as_a_date(db: DbFactory, team: Team1,
                                            signoff: SignOffService, tmp_path: Path) -> None:
    team = _with_default_set(db, team)
    session_id = make_session(db, team)
    with transaction(db) as s:
        for discussion in s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)):
            discussion.answers = {**discussion.answers, "next_review": "2026-12-03"}
    signoff.sign(session_id, signer_id=team.manager_id)

    with db() as s:
        record = load_note_record(s, session_id, tz=dt.UTC)
        note = next(r for r in newest_documents(s, [session_id])[session_id] if r.child_id is None)
        note_pdf = read_pdfs(s, [note.id])[note.id]
    answers = [qa.answer for part in record.children for qa in part.answers if qa.question == QUESTION]
    assert answers == ["3 December 2026", "3 December 2026"]  # what the Audits screen reads too
    extract = pdf_text(_extracts(db, session_id)[team.child_ids[0]], tmp_path)
    whole = pdf_text(note_pdf, tmp_path)
    for text in (extract, whole):
        assert f"{QUESTION} 3 December 2026" in text
        assert "2026-12-03" not in text
