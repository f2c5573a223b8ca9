"""Signed records for the records view: two teams, three signed sessions, kept signed PDFs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.engine import DbFactory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from tests.conftest import FixedClock
from tests.workbench.signing.builders import Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from ui.services import AppServices
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


@dataclass(frozen=True)
class Records:
    north: Team1
    south: Team1
    lead_id: int
    sessions: dict[str, int]  # "north-1", "north-2", "south-1"


def _second_team(db: DbFactory, first: Team1) -> Team1:
    """South team: its own manager, worker and child, the same question set."""
    with transaction(db) as s:
        team = Team(name="South", name_key="south")
        manager = Staff(name="Cy Manager", name_key="cy manager", role=Role.TEAM_MANAGER, team=team)
        worker = Staff(name="Di Worker", name_key="di worker", role=Role.WORKER, team=team)
        child = Child(la_child_id="S0001", name="South Child")
        case = CaseAllocation(child=child, worker=worker, team=team, kind=CaseKind.CHILD_IN_NEED)
        s.add_all([team, manager, worker, child, case])
        s.flush()
        return Team1(team.id, manager.id, worker.id, first.question_set_id, (case.id,), (child.id,))


@pytest.fixture
def records(db: DbFactory, clock: FixedClock, tmp_path: Path) -> Records:
    """Signed the way the app signs (PDFs kept), with keys in ``tmp_path/keys``: the data
    folder of the ``services`` fixture."""
    north = make_team(db, name="North")
    south = _second_team(db, north)
    identities = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    give_identities(db, identities, north.manager_id, north.worker_id, south.manager_id,
                    south.worker_id)
    service = SignOffService(db, identities, AuditTrail(clock), clock)
    sessions = {}
    for key, team, days in (("north-1", north, 40), ("north-2", north, 10), ("south-1", south, 5)):
        session_id = make_session(db, team, meeting_at=clock() - dt.timedelta(days=days))
        service.sign(session_id, signer_id=team.manager_id)
        service.countersign(session_id, signer_id=team.worker_id)
        sessions[key] = session_id
    with transaction(db) as s:
        lead = Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD)
        s.add(lead)
        s.flush()
        lead_id = lead.id
    return Records(north, south, lead_id, sessions)


def as_actor(services: AppServices, staff_id: int) -> AppServices:
    with services.db() as s:
        return services.signed_in(Actor.of(s.get_one(Staff, staff_id)))


def bulk_signed_session(db: DbFactory, clock: FixedClock, keys_dir: Path) -> tuple[Team1, int]:
    """A team's past session signed in bulk as the demo signs it, on a computer with no secure
    keyring: no PDFs kept, and every key protected by the demo passphrase."""
    from keyring.backends.fail import Keyring as FailKeyring

    from workbench.signing.demo import sign_demo_sessions

    team = make_team(db, name="Demo team")
    session_id = make_session(db, team, meeting_at=clock() - dt.timedelta(days=3))
    signed = sign_demo_sessions(db, keys_dir=keys_dir, clock=clock, audit=AuditTrail(clock),
                                secrets=SecretStore(backend=FailKeyring()))
    assert signed.signed == 1
    return team, session_id
