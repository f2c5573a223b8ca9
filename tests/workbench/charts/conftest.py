"""Small caseloads built with the models directly, for the history queries and the charts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from db.engine import DbFactory, transaction
from db.enums import CaseKind, RaterRole, Role, SessionKind
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    QuestionSetVersion,
    ScalingScore,
    Staff,
    SupervisionSession,
    Team,
    Worry,
)

_names = itertools.count(1)


def at(day: str) -> dt.datetime:
    """A meeting at 14:00 UTC on an ISO date."""
    return dt.datetime.fromisoformat(day).replace(hour=14, tzinfo=dt.UTC)


@dataclass
class Caseload:
    """A team with a manager; workers, cases, worries and sessions added as a test needs them."""

    db: DbFactory
    team_id: int
    manager_id: int
    question_set_id: int
    sessions: dict[tuple[int, dt.datetime], int] = field(default_factory=dict)

    def worker(self, name: str, *, newly_qualified_until: dt.date | None = None) -> int:
        with transaction(self.db) as s:
            staff = Staff(name=name, name_key=name.lower(), role=Role.WORKER, team_id=self.team_id,
                          newly_qualified_until=newly_qualified_until)
            s.add(staff)
            s.flush()
            return staff.id

    def case(self, worker_id: int, la_child_id: str | None = None, *, name: str | None = None,
             start: dt.date | None = dt.date(2026, 1, 5), end: dt.date | None = None,
             team_id: int | None = None) -> int:
        with transaction(self.db) as s:
            child = Child(la_child_id=la_child_id or f"C{next(_names):04d}", name=name)
            case = CaseAllocation(child=child, worker_id=worker_id, team_id=team_id or self.team_id,
                                  kind=CaseKind.CHILD_IN_NEED, start_date=start, end_date=end)
            s.add(case)
            s.flush()
            return case.id

    def worry(self, case_id: int, statement: str) -> int:
        with transaction(self.db) as s:
            worry = Worry(case_id=case_id, danger_statement=statement, safety_goal="safe")
            s.add(worry)
            s.flush()
            return worry.id

    def discuss(self, case_id: int, meeting_at: dt.datetime,
                scores: Sequence[tuple[int | None, RaterRole, int]] = (), *,
                close: Sequence[int] = ()) -> int:
        """Discuss a case at a meeting: scores as (worry id or None, rater, score)."""
        with transaction(self.db) as s:
            case = s.get_one(CaseAllocation, case_id)
            key = (case.worker_id, meeting_at)
            if key not in self.sessions:
                session = SupervisionSession(
                    supervisor_id=self.manager_id, supervisee_id=case.worker_id,
                    meeting_at=meeting_at, kind=SessionKind.CASE_ONE_TO_ONE,
                    question_set_version_id=self.question_set_id)
                s.add(session)
                s.flush()
                self.sessions[key] = session.id
            discussion = CaseDiscussion(session_id=self.sessions[key], child_id=case.child_id,
                                        case_id=case_id)
            s.add(discussion)
            s.flush()
            for worry_id, role, score in scores:
                s.add(ScalingScore(discussion_id=discussion.id, case_id=case_id, meeting_at=meeting_at,
                                   worry_id=worry_id, rater_role=role, score=score,
                                   reason=f"{role.value} says {score}"))
            for worry_id in close:
                worry = s.get_one(Worry, worry_id)
                worry.closed_in_id = discussion.id
                worry.closed_reason = "safety goal met"
            return discussion.id


@pytest.fixture
def caseload(db: DbFactory) -> Caseload:
    with transaction(db) as s:
        team = Team(name="Northgate", name_key="northgate")
        manager = Staff(name="Ann Manager", name_key="ann manager", role=Role.TEAM_MANAGER, team=team)
        qs = QuestionSetVersion(set_key="default", version=1, title="t", sha256="0" * 64, content={})
        s.add_all([team, manager, qs])
        s.flush()
        return Caseload(db, team.id, manager.id, qs.id)
