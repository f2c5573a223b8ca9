"""Charts in the window: a small scored caseload, and a task runner that notes which thread
each piece of work ran on."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

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
from ui.services import AppServices
from ui.tasks import Task, TaskRunner, Work
from workbench.access import Actor


class ThreadNotingRunner(TaskRunner):
    """A TaskRunner that records, per task name, whether its work ran on the UI thread."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_ui_thread: dict[str, list[bool]] = defaultdict(list)

    def run(self, work: Work[Any], **kwargs: Any) -> Task[Any]:
        name = kwargs.get("name", "")

        def noted(progress: Any, is_cancelled: Any) -> Any:
            self.on_ui_thread[name].append(threading.current_thread() is threading.main_thread())
            return work(progress, is_cancelled)

        return super().run(noted, **kwargs)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[ThreadNotingRunner]:
    """Replaces tests/ui's runner: the ``services`` fixture runs everything through this one."""
    runner = ThreadNotingRunner(max_threads=2)
    yield runner
    runner.shutdown()
    runner.deleteLater()


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=14, tzinfo=dt.UTC)


# The clock says 26 Nov 2026: a case last discussed before 29 Oct is overdue (28 days).
# Bo's cases, by (child id, name, [(meeting day, score)]); scores on the case as a whole unless
# a worry is named in WORRIES.
BO_CASES = {
    "C-1": ("Amy", [("2026-10-01", 7), ("2026-11-10", 6)]),  # falling by 1, at 6
    "C-2": ("Ben", [("2026-10-01", 4), ("2026-11-10", 2)]),  # falling by 2, at 2
    "C-3": ("Cat", [("2026-09-20", 3), ("2026-10-20", 5)]),  # rising, overdue
    "C-4": ("Dan", []),  # never scored, never discussed: overdue
    "C-5": ("Eve", [("2026-11-10", 2)]),  # a first score of 2
}
CY_CASES = {"C-6": ("Fay", [("2026-10-01", 8), ("2026-11-10", 8)])}
DI_CASES = {"C-7": ("Gus", [("2026-11-01", 1)])}
# Ben's scores are on a worry whose wording has markup characters in it.
BEN_WORRY = "Ben's dad drinks <heavily> & shouts at him when his mum is out at work"
#: The glance order of North's cases: lowest first, at equal scores the steeper fall first.
NORTH_ORDER = ["Ben", "Eve", "Cat", "Amy", "Fay", "Dan"]
BO_ORDER = ["Ben", "Eve", "Cat", "Amy", "Dan"]


@dataclass
class Scored:
    """Two teams, their people and cases; ids by name."""

    teams: dict[str, int] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)

    def actor(self, name: str, role: Role, team: str | None) -> Actor:
        return Actor(staff_id=self.staff[name], role=role,
                     team_id=self.teams[team] if team else None, name=name)


def _add_cases(s: Any, scored: Scored, cases: dict[str, tuple[str, list[tuple[str, int]]]],
               worker: Staff, manager: Staff, version: QuestionSetVersion) -> None:
    for la_id, (name, scores) in cases.items():
        case = CaseAllocation(child=Child(la_child_id=la_id, name=name), worker_id=worker.id,
                              team_id=worker.team_id, kind=CaseKind.CHILD_IN_NEED,
                              start_date=dt.date(2026, 1, 5), key_dates={}, details={})
        s.add(case)
        s.flush()
        scored.cases[name] = case.id
        worry_id = None
        if name == "Ben":
            worry = Worry(case_id=case.id, danger_statement=BEN_WORRY, safety_goal="Ben is safe")
            s.add(worry)
            s.flush()
            worry_id = worry.id
        for day, score in scores:
            session = SupervisionSession(supervisor_id=manager.id, supervisee_id=worker.id,
                                         meeting_at=at(day), kind=SessionKind.CASE_ONE_TO_ONE,
                                         question_set_version_id=version.id)
            s.add(session)
            s.flush()
            discussion = CaseDiscussion(session_id=session.id, child_id=case.child_id,
                                        case_id=case.id)
            s.add(discussion)
            s.flush()
            s.add(ScalingScore(discussion_id=discussion.id, case_id=case.id, meeting_at=at(day),
                               worry_id=worry_id, rater_role=RaterRole.WORKER, score=score,
                               reason="because"))


@pytest.fixture
def scored(db: DbFactory) -> Scored:
    """North (manager Ann; workers Bo and Cy), South (manager Sue; worker Di), lead Pat."""
    result = Scored()
    with transaction(db) as s:
        version = QuestionSetVersion(set_key="default", version=1, title="t", sha256="0" * 64,
                                     content={})
        s.add(version)
        people: dict[str, Staff] = {}
        for team_name, manager, workers in (("North", "Ann Manager", ["Bo Worker", "Cy Worker"]),
                                            ("South", "Sue Manager", ["Di Worker"])):
            team = Team(name=team_name, name_key=team_name.lower())
            s.add(team)
            people[manager] = Staff(name=manager, name_key=manager.lower(), role=Role.TEAM_MANAGER,
                                    team=team)
            for worker in workers:
                people[worker] = Staff(name=worker, name_key=worker.lower(), role=Role.WORKER,
                                       team=team)
        people["Pat Lead"] = Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD)
        people["Ida Admin"] = Staff(name="Ida Admin", name_key="ida admin", role=Role.ADMIN)
        s.add_all(people.values())
        s.flush()
        result.staff = {name: staff.id for name, staff in people.items()}
        result.teams = {"North": people["Ann Manager"].team_id or 0,
                        "South": people["Sue Manager"].team_id or 0}
        _add_cases(s, result, BO_CASES, people["Bo Worker"], people["Ann Manager"], version)
        _add_cases(s, result, CY_CASES, people["Cy Worker"], people["Ann Manager"], version)
        _add_cases(s, result, DI_CASES, people["Di Worker"], people["Sue Manager"], version)
    return result


def signed_in(services: AppServices, scored: Scored, name: str) -> AppServices:
    roles = {"Ann Manager": (Role.TEAM_MANAGER, "North"), "Sue Manager": (Role.TEAM_MANAGER, "South"),
             "Bo Worker": (Role.WORKER, "North"), "Cy Worker": (Role.WORKER, "North"),
             "Di Worker": (Role.WORKER, "South"), "Pat Lead": (Role.PRACTICE_LEAD, None),
             "Ida Admin": (Role.ADMIN, None)}
    role, team = roles[name]
    return services.signed_in(scored.actor(name, role, team))
