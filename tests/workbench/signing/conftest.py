"""Fixtures for sign-off: a keys folder, a team signing authority, identities for a team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db.engine import DbFactory, transaction
from db.models import Staff
from tests.conftest import FixedClock
from tests.workbench.signing.builders import Team1, make_team
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.authority import create_authority
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


@pytest.fixture
def identities(tmp_path: Path, clock: FixedClock) -> IdentityStore:
    return IdentityStore(tmp_path / "keys", SecretStore(), clock, AuditTrail(clock))


def give_identities(db: DbFactory, identities: IdentityStore, *staff_ids: int) -> None:
    with transaction(db) as s:
        if not identities.has_authority(s):
            create_authority(s, identities, actor=None, name="Northgate signing authority",
                             organisation="Test Council")
        for staff_id in staff_ids:
            identities.issue(s, s.get_one(Staff, staff_id), actor_id=None)


@pytest.fixture
def team(db: DbFactory, identities: IdentityStore) -> Team1:
    made = make_team(db)
    give_identities(db, identities, made.manager_id, made.worker_id)
    return made


@pytest.fixture
def signoff(db: DbFactory, identities: IdentityStore,
            clock: FixedClock) -> SignOffService:
    # PDFs print times in UTC here, whatever the machine's zone (test_clock_shown tests others).
    return SignOffService(db, identities, AuditTrail(clock), clock, tz=dt.UTC)
