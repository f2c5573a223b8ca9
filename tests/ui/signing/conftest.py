"""A team with identities, a session ready to sign, and the screen as one person sees it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from tests.conftest import FixedClock
from tests.ui.records.conftest import as_actor
from tests.workbench.signing.builders import Team1, make_session, make_team
from tests.workbench.signing.conftest import give_identities
from ui.services import AppServices
from ui.signing.screen import SignOffScreen
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


@pytest.fixture
def identities(tmp_path: Path, clock: FixedClock) -> IdentityStore:
    """The same keys folder as the ``services`` fixture's data folder."""
    return IdentityStore(tmp_path / "keys", SecretStore(), clock, AuditTrail(clock))


@pytest.fixture
def team(db: DbFactory, identities: IdentityStore) -> Team1:
    made = make_team(db)
    give_identities(db, identities, made.manager_id, made.worker_id)
    return made


@pytest.fixture
def ready_session(db: DbFactory, team: Team1) -> int:
    return make_session(db, team)


@pytest.fixture
def signoff(db: DbFactory, identities: IdentityStore,
            clock: FixedClock) -> SignOffService:
    return SignOffService(db, identities, AuditTrail(clock), clock)


def screen_for(qtbot: QtBot, services: AppServices, staff_id: int,
               secrets: SecretStore | None = None) -> SignOffScreen:
    """The Sign-off tab for ``staff_id``, shown, with its list read."""
    signed_in = as_actor(services, staff_id)
    if secrets is not None:
        signed_in = replace(signed_in, secrets=secrets)
    screen = SignOffScreen(signed_in)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    return screen
