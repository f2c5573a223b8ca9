"""The PDFs print the scale's wording each child was scored on and every voice by its label."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import CaseKind, RaterRole
from db.models import CaseAllocation, CaseDiscussion, QuestionSetVersion, ScalingScore
from tests.conftest import FixedClock
from tests.workbench.signing.builders import MEETING, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from tests.workbench.signing.test_export import _export, _text
from workbench.audit import AuditTrail
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService
from workbench.supervision.question_sets import load_question_set

from .test_export import db  # noqa: F401 - the fixture


def test_the_pdf_prints_each_childs_wording_and_every_voice_by_its_label(
    db: DbFactory, identities: IdentityStore, clock: FixedClock, tmp_path: Path,  # noqa: F811
) -> None:
    team = make_team(db)
    v2 = load_question_set("default")
    with transaction(db) as s:
        stored = s.get_one(QuestionSetVersion, team.question_set_id)
        stored.version, stored.content, stored.sha256 = v2.version, dict(v2.content), v2.sha256
        looked_after, in_need = (s.get_one(CaseAllocation, c) for c in team.case_ids)
        looked_after.kind = CaseKind.LOOKED_AFTER
        in_need.kind = CaseKind.CHILD_IN_NEED
    session_id = make_session(db, team)
    with transaction(db) as s:
        first, second = s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)
                                  .order_by(CaseDiscussion.agenda_position)).all()
        first.scale_variant, second.scale_variant = "looked_after", "child_in_need"
        first.answers = {**first.answers, "network_scale": 6}  # an answer the set has no question for
        for discussion, case_id in ((first, team.case_ids[0]), (second, team.case_ids[1])):
            s.add_all([
                ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=MEETING,
                             rater_role=RaterRole.NETWORK, rater_name="Nan (Pat Smith)", score=6,
                             reason="Sees them every day"),
                ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=MEETING,
                             rater_role=RaterRole.PROFESSIONAL, rater_name="Ms Shah",
                             rater_agency="Virtual School", score=7, reason="Attendance 98%"),
                ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=MEETING,
                             rater_role=RaterRole.PARENT, rater_name="Mum", score=2,
                             reason="I want him home"),
            ])
    give_identities(db, identities, team.manager_id, team.worker_id)
    service = SignOffService(db, identities, AuditTrail(clock), clock, documents=True)
    service.sign(session_id, signer_id=team.manager_id)
    service.countersign(session_id, signer_id=team.worker_id)
    written = _export(db, identities, clock, [session_id], tmp_path / "out")
    if (shots := __import__("os").environ.get("WORKBENCH_SCREENSHOTS")):
        for path in written:
            __import__("shutil").copy(path, shots)
    extracts = sorted(p for p in written if p.name.endswith("child-file.pdf"))
    texts = {path: " ".join(_text(path).split()) for path in extracts}
    lac = next(t for t in texts.values() if "C0001" in t)
    cin = next(t for t in texts.values() if "C0002" in t)
    assert "the child is settled, safe and belongs in a home that will last" in lac
    assert "The placement is breaking down" in lac
    assert "can't live at home" not in lac
    assert "The family no longer needs our help" in cin
    assert "The child needs a child protection plan" in cin
    for text in (lac, cin):
        assert "Safety network: Nan (Pat Smith)" in text
        assert "Other professional: Ms Shah" in text
        assert "(Virtual School)" in text  # the agency may wrap onto the rater column's next line
        assert "Parent or carer: Mum" in text
        assert "Sees them every day" in text
        assert "network_scale" not in text
    assert "Network scale 6" in lac  # a readable name, never the raw id
    note = next(p for p in written if p.name.endswith("supervision-file.pdf"))
    note_text = " ".join(_text(note).split())
    assert "network_scale" not in note_text
    assert "Looked after (Signs of Success)" in note_text
