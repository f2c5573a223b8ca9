"""Build signed-off-able supervision sessions straight from the models (no supervision services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.engine import DbFactory, transaction
from db.enums import ActionStatus, CaseKind, RaterRole, Role, SessionKind, SessionStatus
from db.models import (
    Action,
    CaseAllocation,
    CaseDiscussion,
    Child,
    Decision,
    QuestionSetVersion,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
    Worry,
    WorryRevision,
)

MEETING = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
#: Typed answers with markup characters and several scripts: must come out of a PDF as typed.
TRICKY_ANSWER = "Mum said <b>&amp; \"no\" </b> & left; Ζωή — Жизнь — Łódź żółć"
QUESTIONS = {
    "questions": [
        {"id": "worried", "text": "What are we worried about?"},
        {"id": "working_well", "text": "What's working well?"},
        {"id": "next_steps", "text": "What needs to happen?"},
    ]
}


@dataclass(frozen=True)
class Team1:
    team_id: int
    manager_id: int
    worker_id: int
    question_set_id: int
    case_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


def make_team(db: DbFactory, *, children: int = 2, name: str = "Northgate") -> Team1:
    with transaction(db) as s:
        team = Team(name=name, name_key=name.lower())
        manager = Staff(name="Ann Manager", name_key="ann manager", role=Role.TEAM_MANAGER, team=team)
        worker = Staff(name="Bo Worker", name_key="bo worker", role=Role.WORKER, team=team)
        qs = QuestionSetVersion(set_key="default", version=1, title="Case supervision",
                                sha256="a" * 64, content=QUESTIONS)
        s.add_all([team, manager, worker, qs])
        cases = []
        for number in range(children):
            child = Child(la_child_id=f"C{number + 1:04d}", name=f"Child {number + 1}")
            case = CaseAllocation(child=child, worker=worker, team=team, kind=CaseKind.CHILD_IN_NEED)
            s.add_all([child, case])
            cases.append(case)
        s.flush()
        return Team1(team.id, manager.id, worker.id, qs.id, tuple(c.id for c in cases),
                     tuple(c.child_id for c in cases))


def make_session(db: DbFactory, team: Team1, *, meeting_at: dt.datetime = MEETING,
                 status: SessionStatus = SessionStatus.READY_TO_SIGN,
                 answer: str = TRICKY_ANSWER) -> int:
    """A session discussing every case of ``team`` with answers, decisions, worries, scores, actions."""
    with transaction(db) as s:
        sess = SupervisionSession(
            supervisor_id=team.manager_id, supervisee_id=team.worker_id, meeting_at=meeting_at,
            duration_minutes=60, kind=SessionKind.CASE_ONE_TO_ONE, status=status,
            question_set_version_id=team.question_set_id,
            present=["Ann Manager", "Bo Worker"], workload="Heavy; 18 cases",
        )
        s.add(sess)
        s.flush()
        for position, (case_id, child_id) in enumerate(zip(team.case_ids, team.child_ids, strict=True)):
            discussion = CaseDiscussion(
                session_id=sess.id, child_id=child_id, case_id=case_id, agenda_position=position,
                answers={"worried": answer, "working_well": "Grandmother visits daily",
                         "next_steps": "Safety plan with the network"},
                child_voice="I like it when Nan comes", impact_statement="Because we did X, Y.",
            )
            s.add(discussion)
            s.flush()
            worry = Worry(case_id=case_id, danger_statement="Social care is worried that ...",
                          safety_goal="Mum will ...", opened_in_id=discussion.id)
            s.add(worry)
            s.flush()
            s.add(WorryRevision(worry_id=worry.id, discussion_id=discussion.id,
                                danger_statement=worry.danger_statement,
                                safety_goal=worry.safety_goal))
            s.add_all([
                Decision(discussion_id=discussion.id, position=0, text="Hold a network meeting",
                         rationale="The plan needs more people"),
                ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=meeting_at,
                             worry_id=worry.id, rater_role=RaterRole.WORKER, score=4, reason="r1"),
                ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=meeting_at,
                             worry_id=worry.id, rater_role=RaterRole.SUPERVISOR, score=3, reason="r2"),
                Action(case_id=case_id, discussion_id=discussion.id, description="Book the meeting",
                       owner_staff_id=team.worker_id, owner_name="Bo Worker",
                       due_date=meeting_at.date() + dt.timedelta(days=14), status=ActionStatus.OPEN),
            ])
        return sess.id
