from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from db.engine import DbFactory
from db.enums import Grade, Role
from tests.conftest import FixedClock
from tests.workbench.audits.builders import build_audit_world
from tests.workbench.oversight import conftest as oversight_fixtures
from tests.workbench.oversight.builders import World
from tests.workbench.signing.conftest import give_identities
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.audits import (
    complete_audit,
    draw_sample,
    latest_form,
    moderate_audit,
    open_audits,
    save_grades,
)
from workbench.audits.sampling import SampledRecord
from workbench.signing.identity import IdentityStore

START_ALL = dt.date(2026, 1, 1)
END_ALL = dt.date(2026, 11, 30)


# The oversight tests' clock and signing identities, as they are.
now = oversight_fixtures.now
identities = oversight_fixtures.identities


@pytest.fixture
def world(db: DbFactory, identities: IdentityStore) -> World:
    made = build_audit_world(db)
    give_identities(db, identities, made.staff["Pat"])
    return made


@dataclass
class People:
    world: World

    def actor(self, name: str) -> Actor:
        roles = {"Pat": Role.PRACTICE_LEAD, "Quinn": Role.PRACTICE_LEAD, "Ann": Role.TEAM_MANAGER,
                 "Sue": Role.TEAM_MANAGER, "Ada": Role.ADMIN}
        teams = {"Ann": "Northgate", "Bo": "Northgate", "Cy": "Northgate", "Di": "Northgate",
                 "Sue": "Southgate", "Eve": "Southgate"}
        team = self.world.teams[teams[name]] if name in teams else None
        return Actor(self.world.staff[name], roles.get(name, Role.WORKER), team, name)


@pytest.fixture
def people(world: World) -> People:
    return People(world)


def record_of(db: DbFactory, now: FixedClock, world: World, key: str,
              child: str) -> SampledRecord:
    """The sampled record of ``child`` in session ``key`` (from the full list of candidates)."""
    lead = People(world).actor("Pat")
    sample = draw_sample(db, now, actor=lead, team_id=None, start=START_ALL, end=END_ALL,
                         per_worker=100, seed=1)
    wanted = world.discussions[(key, child)]
    return next(r for r in sample.records if r.discussion_id == wanted)


def graded(**below: Grade) -> dict[str, tuple[Grade, str]]:
    """Every item of the default form good (with evidence), except those named."""
    return {item.key: (below.get(item.key, Grade.GOOD), f"Evidence for {item.key}")
            for item in latest_form().items}


def audit_through_moderation(db: DbFactory, now: FixedClock, world: World, key: str,
                             child: str, grades: Mapping[str, tuple[Grade, str]],
                             changes: Mapping[str, tuple[Grade, str]] | None = None) -> int:
    """An audit by Pat of one record, completed and moderated by Quinn (``changes``: theirs)."""
    p = People(world)
    trail = AuditTrail(now)
    record = record_of(db, now, world, key, child)
    (audit_id,) = open_audits(db, now, trail, actor=p.actor("Pat"), auditor_id=world.staff["Pat"],
                              records=[record], sampled_how="by hand")
    save_grades(db, now, trail, actor=p.actor("Pat"), audit_id=audit_id, grades=grades)
    complete_audit(db, now, trail, actor=p.actor("Pat"), audit_id=audit_id)
    moderate_audit(db, now, trail, actor=p.actor("Quinn"), moderator_id=world.staff["Quinn"],
                   audit_id=audit_id, changes=changes)
    return audit_id

