"""The oversight's hand-built world (tests/workbench/oversight/builders.py) with what audits
need besides: a second practice lead (Quinn, who moderates) and a signed Southgate record
(Eve's C6, supervised by Sue on 2026-11-15), so the themes have two teams.

Signed records met in 2026-09-01..2026-11-30, by worker:
  Bo  bo-0915 C1, bo-1010 C1, bo-1010 C2     Di  di-1001 C3
  Cy  cy-1030 C4                             Eve eve-1115 C6
(bo-0820 is before the period; di-1105 is only ready to sign.)
"""

from __future__ import annotations

from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import RaterRole, Role, SessionKind, SessionStatus, SignatureKind
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    QuestionSetVersion,
    ScalingScore,
    Signature,
    Staff,
    SupervisionSession,
)
from tests.workbench.oversight.builders import World, build_world, day


def build_audit_world(db: DbFactory) -> World:
    w = build_world(db)
    with transaction(db) as s:
        quinn = Staff(name="Quinn", name_key="quinn", role=Role.PRACTICE_LEAD)
        s.add(quinn)
        s.flush()
        w.staff["Quinn"] = quinn.id
        case = s.get_one(CaseAllocation, w.cases["C6"])
        qs = s.scalars(select(QuestionSetVersion)).first()
        assert qs is not None
        sess = SupervisionSession(supervisor_id=w.staff["Sue"], supervisee_id=w.staff["Eve"],
                                  meeting_at=day(11, 15), kind=SessionKind.CASE_ONE_TO_ONE,
                                  status=SessionStatus.DRAFT, question_set_version_id=qs.id)
        s.add(sess)
        s.flush()
        discussion = CaseDiscussion(session_id=sess.id, child_id=case.child_id, case_id=case.id,
                                    agenda_position=0)
        s.add(discussion)
        s.flush()
        s.add(ScalingScore(discussion_id=discussion.id, case_id=case.id, meeting_at=day(11, 15),
                           worry_id=None, rater_role=RaterRole.WORKER, score=6))
        s.add(Signature(session_id=sess.id, signer_id=w.staff["Sue"], kind=SignatureKind.APPROVAL,
                        signer_role="x", statement="", signed_at=day(11, 16),
                        content_sha256="e" * 64, signature=b"sig", certificate_fingerprint="f"))
        s.flush()
        sess.status = SessionStatus.SIGNED_BY_SUPERVISOR
        s.flush()
        w.sessions["eve-1115"] = sess.id
        w.discussions[("eve-1115", "C6")] = discussion.id
    return w
