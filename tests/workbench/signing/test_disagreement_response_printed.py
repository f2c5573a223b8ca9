"""A practice lead's signed answer to a disagreement is printed with the record (both databases):
its own PAdES-signed PDF, exported with the supervision-file copy and with the extract of the
child the disagreement concerns, never with another child's; `verify` accepts it as the kept
copy, and the Records finder shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import CaseDiscussion, Staff
from tests.conftest import FixedClock
from tests.support.pdf import pdf_text
from tests.workbench.signing.builders import make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.export.finding import RecordFilter, find_signed_records
from workbench.export.service import export_records
from workbench.export.verify import verify_files
from workbench.oversight import respond_to_disagreement
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

WORDS = "The score for Child 2 (C0002) is too low: Nan is there every evening."
ANSWER = "Pat Lead read both views: Nan's evenings go into the plan; the score is reviewed in May."


def test_the_answer_goes_with_the_note_and_only_that_childs_extract(
        db: DbFactory, identities: IdentityStore, signoff: SignOffService,
        clock: FixedClock, tmp_path: Path) -> None:
    team = make_team(db, children=3)
    with transaction(db) as s:
        lead = Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD)
        s.add(lead)
        s.flush()
        lead_id = lead.id
    give_identities(db, identities, team.manager_id, team.worker_id, lead_id)
    session_id = make_session(db, team)
    two = team.child_ids[1]
    with db() as s:
        discussion = s.scalar(select(CaseDiscussion.id).where(
            CaseDiscussion.session_id == session_id, CaseDiscussion.child_id == two))
    signoff.sign(session_id, signer_id=team.manager_id)
    signature_id = signoff.record_disagreement(session_id, signer_id=team.worker_id,
                                               statement=WORDS, discussion_id=discussion)
    respond_to_disagreement(db, identities, AuditTrail(clock), clock,
                            actor=Actor(lead_id, Role.PRACTICE_LEAD, None, "Pat Lead"),
                            responder_id=lead_id, signature_id=signature_id, text=ANSWER)

    out = tmp_path / "out"
    result = export_records(db, identities, AuditTrail(clock), session_ids=[session_id],
                            out_dir=out, actor_id=None, mode="inline")
    assert not result.failed
    responses = sorted(p.name for p in result.written if "_response-" in p.name)
    assert [name.split("_")[2] for name in responses] == ["Bo-Worker", "C0002"]
    for name in responses:
        text = pdf_text((out / name).read_bytes(), tmp_path)
        assert WORDS in text
        assert ANSWER in text
        assert "Bo Worker recorded this disagreement about Child 2 (C0002)" in text
    for child in ("C0001", "C0003"):  # nothing about the disagreement in their files
        assert not [p for p in result.written if child in p.name and "_response-" in p.name]
    with db() as s:
        authority = identities.authority_certificate(s)
    assert authority is not None
    verdicts = verify_files([out / name for name in responses], db=db,
                            trust_roots=[authority], identities=identities, audit=AuditTrail(clock))
    assert all(v.ok and v.matches_record and v.kept == "the kept signed copy" for v in verdicts), [
        (v.path.name, v.record, v.kept) for v in verdicts]

    (row,) = find_signed_records(db, RecordFilter(dt.date(2026, 1, 1),
                                                               dt.date(2026, 12, 31)))
    assert row.disagreement == WORDS
    assert row.response.startswith("Pat Lead, ")
    assert row.response.endswith(ANSWER)
