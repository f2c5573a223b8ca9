"""Fixtures for the records-protection tests: cheap scrypt, encrypted files, two teams."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from db.engine import DbFactory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Reflection, Staff, Team
from workbench.keys import ScryptCost

# What must never be readable in the file: a child's id and the words of a note.
CHILD_ID = "LA-CHILD-Q7Z3K9"
NOTE_WORDS = "marmalade trampoline under the stairs"


@pytest.fixture
def cheap_cost() -> ScryptCost:
    """scrypt at a tiny cost: the tests check behaviour, not the work factor."""
    return ScryptCost(n=2**10, r=8, p=1)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workbench.db"


def add_child_with_note(db: DbFactory, *, child_id: str = CHILD_ID,
                        note: str = NOTE_WORDS) -> int:
    """A team, a worker, a child allocated to them and a reflection holding ``note``."""
    with transaction(db) as s:
        team = Team(name=f"Team {child_id}", name_key=f"team {child_id.lower()}")
        worker = Staff(name=f"Worker {child_id}", name_key=f"worker {child_id.lower()}",
                       role=Role.WORKER, team=team)
        child = Child(la_child_id=child_id)
        case = CaseAllocation(child=child, worker=worker, team=team, kind=CaseKind.CHILD_IN_NEED)
        s.add_all([team, worker, child, case])
        s.flush()
        s.add(Reflection(case_id=case.id, worker_id=worker.id, what_happened=note))
        s.flush()
        return case.id


def file_bytes(path: Path) -> bytes:
    """The database file and every sidecar SQLite may have left beside it."""
    found = b""
    for candidate in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]:
        if candidate.exists():
            found += candidate.read_bytes()
    return found


def assert_nothing_readable(path: Path) -> None:
    content = file_bytes(path)
    assert content, f"{path} holds nothing at all"
    # Only words of five letters or more: any three given bytes turn up by chance in a few
    # hundred kilobytes of ciphertext ("the" did, once), five practically never.
    for secret in (CHILD_ID, *(word for word in NOTE_WORDS.split() if len(word) >= 5)):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in content, f"{secret!r} readable in {path.name}"


@dataclass
class TwoTeams:
    """North (manager Nia, workers Wes and Wyn) and South (manager Sam, worker Sol)."""

    north: int
    south: int
    nia: int
    wes: int
    wyn: int
    sam: int
    sol: int
    lead: int
    admin: int
    wes_case: int
    wyn_case: int
    sol_case: int


def make_two_teams(db: DbFactory) -> TwoTeams:
    with transaction(db) as s:
        north = Team(name="North", name_key="north")
        south = Team(name="South", name_key="south")

        def person(name: str, role: Role, team: Team | None) -> Staff:
            staff = Staff(name=name, name_key=name.lower(), role=role, team=team)
            s.add(staff)
            return staff

        nia = person("Nia", Role.TEAM_MANAGER, north)
        wes = person("Wes", Role.WORKER, north)
        wyn = person("Wyn", Role.WORKER, north)
        sam = person("Sam", Role.TEAM_MANAGER, south)
        sol = person("Sol", Role.WORKER, south)
        lead = person("Lee", Role.PRACTICE_LEAD, None)
        admin = person("Ada", Role.ADMIN, None)

        def case(child_id: str, worker: Staff, team: Team) -> CaseAllocation:
            allocation = CaseAllocation(child=Child(la_child_id=child_id), worker=worker, team=team,
                                        kind=CaseKind.CHILD_IN_NEED)
            s.add(allocation)
            return allocation

        cases = [case("N-1", wes, north), case("N-2", wyn, north), case("S-1", sol, south)]
        s.add_all([north, south])
        s.flush()
        return TwoTeams(north.id, south.id, nia.id, wes.id, wyn.id, sam.id, sol.id, lead.id,
                        admin.id, cases[0].id, cases[1].id, cases[2].id)


@pytest.fixture
def teams(db: DbFactory) -> TwoTeams:
    return make_two_teams(db)
