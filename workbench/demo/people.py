"""The demo organisation: a practice lead, teams with a manager and four workers each, children."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from workbench.demo.rows import Rows
from workbench.demo.seed import DemoSeed, WorrySeed
from workbench.names import fold_name

CHILDREN_PER_UNIT = 120
NEWLY_QUALIFIED_CASES = 10
NEWEST_START = 35  # days before today the newest child was allocated
# Kinds in the proportions the demo shows: about 45% child in need, 30% protection, 25% looked after.
KINDS = [CaseKind.CHILD_IN_NEED] * 9 + [CaseKind.CHILD_PROTECTION_PLAN] * 6 + [CaseKind.LOOKED_AFTER] * 5
# How a case's scores move over the six months: (pattern, weight).
PATTERNS = [("improving", 4), ("stable", 4), ("falling", 2), ("low", 1)]


@dataclass
class WorryState:
    worry_id: int
    seed: WorrySeed
    statement: str
    goal: str
    parts: dict[str, str] = field(default_factory=dict)


@dataclass
class Status:
    """One legal status of a child's case, as the caseload's weekly imports carry it: its kind,
    when it started, and Annex A's coded facts (category of abuse, legal status, primary need).
    ``known_from`` is the first import that carries it (``dt.date.min`` for the status the child
    arrived with): a meeting is held under the status the caseload had that day."""

    kind: CaseKind
    start: dt.date
    known_from: dt.date = dt.date.min
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class CasePlan:
    case_id: int
    child_id: int
    label: str
    kind: CaseKind
    start_date: dt.date
    pattern: str
    base: float
    age: int  # in whole years, today
    last_discussed: dt.date | None = None
    first_discussed: dt.date | None = None
    open_worries: list[WorryState] = field(default_factory=list)
    open_actions: list[int] = field(default_factory=list)  # ids of actions still open
    statuses: list[Status] = field(default_factory=list)  # oldest first
    # A child whose status changes over the demo's months (workbench.demo.status): to what, and
    # the day from which a meeting may decide it.
    change_to: CaseKind | None = None
    change_after: dt.date | None = None
    scored_from: dt.date | None = None  # the scores' trajectory starts here (a new status: a new scale)
    opened: list[WorrySeed] = field(default_factory=list)  # every worry opened, oldest first

    def kind_on(self, day: dt.date) -> CaseKind:
        """The status the caseload had on ``day`` (the newest status it carried by then)."""
        return next(s.kind for s in reversed(self.statuses) if s.known_from <= day)


@dataclass
class WorkerPlan:
    staff_id: int
    name: str
    team_id: int
    manager_id: int
    manager_name: str
    newly_qualified: bool
    cases: list[CasePlan] = field(default_factory=list)


@dataclass
class Organisation:
    lead_id: int
    workers: list[WorkerPlan]
    manager_ids: list[int]


def _suffix(unit: int) -> str:
    return "" if unit == 0 else f" {unit + 1}"


def plan_people(rows: Rows, seed: DemoSeed, rng: random.Random, today: dt.date, scale: int,
                created_at: dt.datetime, passphrase_hash: str | None = None) -> Organisation:
    """``passphrase_hash`` is every demo person's sign-in passphrase (the same published one)."""
    lead_id = rows.add(Staff, name=seed.lead, name_key=fold_name(seed.lead), role=Role.PRACTICE_LEAD,
                       team_id=None, newly_qualified_until=None, active=True, certificate_pem=None,
                       certificate_fingerprint=None, created_at=created_at,
                       passphrase_hash=passphrase_hash)
    workers: list[WorkerPlan] = []
    manager_ids: list[int] = []
    width = max(4, len(str(CHILDREN_PER_UNIT * scale)))
    child_number = 0
    for unit in range(scale):
        unit_workers: list[WorkerPlan] = []
        for team_name, manager_name, names in zip(seed.teams, seed.managers, seed.workers, strict=True):
            name = team_name + _suffix(unit)
            team_id = rows.add(Team, name=name, name_key=fold_name(name), created_at=created_at)
            manager = manager_name + _suffix(unit)
            manager_id = rows.add(Staff, name=manager, name_key=fold_name(manager), role=Role.TEAM_MANAGER,
                                  team_id=team_id, newly_qualified_until=None, active=True,
                                  certificate_pem=None, certificate_fingerprint=None, created_at=created_at,
                                  passphrase_hash=passphrase_hash)
            manager_ids.append(manager_id)
            for worker_name in names:
                newly_qualified = worker_name == seed.newly_qualified
                full = worker_name + _suffix(unit)
                staff_id = rows.add(
                    Staff, name=full, name_key=fold_name(full), role=Role.WORKER, team_id=team_id,
                    newly_qualified_until=today + dt.timedelta(days=150) if newly_qualified else None,
                    active=True, certificate_pem=None, certificate_fingerprint=None, created_at=created_at,
                    passphrase_hash=passphrase_hash)
                unit_workers.append(WorkerPlan(staff_id, full, team_id, manager_id, manager, newly_qualified))
        regular = [w for w in unit_workers if not w.newly_qualified]
        allocation = [w for w in unit_workers if w.newly_qualified] * NEWLY_QUALIFIED_CASES
        while len(allocation) < CHILDREN_PER_UNIT:
            allocation.append(regular[len(allocation) % len(regular)])
        for worker in allocation[:CHILDREN_PER_UNIT]:
            child_number += 1
            worker.cases.append(_plan_case(rows, seed, rng, today, created_at, worker,
                                           f"DEMO-{child_number:0{width}d}"))
        workers.extend(unit_workers)
    return Organisation(lead_id, workers, manager_ids)


def _plan_case(rows: Rows, seed: DemoSeed, rng: random.Random, today: dt.date, created_at: dt.datetime,
               worker: WorkerPlan, la_child_id: str) -> CasePlan:
    kind = rng.choice(KINDS)
    age_days = rng.randint(60, 17 * 365)
    # No two children on one worker's caseload share a name: the agenda tells them apart by it.
    taken = {case.label for case in worker.cases}
    first = rng.choice([name for name in seed.first_names if f"Demo Child {name}" not in taken])
    child_id = rows.add(Child, la_child_id=la_child_id, name=f"Demo Child {first}",
                        date_of_birth=today - dt.timedelta(days=age_days), gender=rng.choice(seed.genders),
                        ethnicity=rng.choice(seed.ethnicities), disability=None, created_at=created_at)
    # Allocated no earlier than the child's birth: a baby's worries start when the baby does; and
    # before each worker's newest past session (at most 34 days ago, workbench.demo.history), so
    # every child has been discussed.
    start = max(today - dt.timedelta(days=rng.randint(NEWEST_START, 720)),
                today - dt.timedelta(days=age_days))
    visit_roll = rng.random()
    last_visit = (None if visit_roll < 0.05 else
                  today - dt.timedelta(days=rng.randint(30, 60)) if visit_roll < 0.15 else
                  today - dt.timedelta(days=rng.randint(1, 25)))
    key_dates = {"start": start.isoformat()}
    if last_visit is not None:
        key_dates["last_visit"] = last_visit.isoformat()
    case_id = rows.add(
        CaseAllocation, child_id=child_id, worker_id=worker.staff_id, team_id=worker.team_id, kind=kind,
        start_date=start, end_date=None, last_visit_date=last_visit,
        seen_alone=rng.choice([True, True, False, None]),
        last_review_date=today - dt.timedelta(days=rng.randint(10, 150)), key_dates=key_dates,
        details={"source": "demo"}, last_import_batch_id=None, created_at=created_at,
        updated_at=created_at)
    pattern = rng.choices([p for p, _ in PATTERNS], weights=[w for _, w in PATTERNS])[0]
    base = {"improving": rng.uniform(3, 5), "stable": rng.uniform(4, 7), "falling": rng.uniform(6, 7.5),
            "low": rng.uniform(2.5, 3.5)}[pattern]
    return CasePlan(case_id, child_id, f"Demo Child {first}", kind, start, pattern, base, age_days // 365,
                    statuses=[Status(kind, start)])
