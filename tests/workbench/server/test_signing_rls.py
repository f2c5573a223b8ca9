"""Signing on a team server as each person's own login: the manager signs, the worker
countersigns, and both PDFs are kept; nobody else can sign in their name."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from db.engine import make_db_factory
from db.enums import SessionStatus
from db.models import SignedDocument, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.server.conftest import TeamServer
from tests.workbench.signing.builders import make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.server import add_login
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffError, SignOffService


def test_the_manager_signs_and_the_worker_countersigns_as_their_own_logins(
        team_server: TeamServer, tmp_path: Path, clock: FixedClock) -> None:
    admin = make_db_factory(team_server.admin())
    team = make_team(admin, name="Eastside")
    identities = IdentityStore(tmp_path / "keys", SecretStore(), clock, AuditTrail(clock))
    give_identities(admin, identities, team.manager_id, team.worker_id)
    session_id = make_session(admin, team)
    suffix = os.getpid()
    for key, staff_id in (("east_manager", team.manager_id), ("east_worker", team.worker_id)):
        team_server.logins[key] = f"{key}_{suffix}_{session_id}"
        add_login(team_server.admin_url, staff_id=staff_id, login=team_server.logins[key])

    def service(person: str) -> SignOffService:
        return SignOffService(make_db_factory(team_server.engine_for(person)), identities,
                              AuditTrail(clock), clock, tz=dt.UTC)

    # The worker's login cannot sign in the manager's name, nor another team's manager sign.
    for person, signer in (("east_worker", team.manager_id), ("south_manager", team.manager_id)):
        with pytest.raises(AccessDenied, match="cannot sign this note as Ann Manager"):
            service(person).sign(session_id, signer_id=signer)
    with pytest.raises(SignOffError, match="does not exist"):  # another team's: not there for them
        service("south_manager").sign(session_id, signer_id=team_server.ids["south_manager"])
    with admin() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.READY_TO_SIGN
    service("east_manager").sign(session_id, signer_id=team.manager_id)
    with pytest.raises(AccessDenied, match="cannot countersign"):
        service("east_manager").countersign(session_id, signer_id=team.worker_id)
    service("east_worker").countersign(session_id, signer_id=team.worker_id)
    with admin() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.COUNTERSIGNED
        kinds = sorted(str(d.kind) for d in s.query(SignedDocument).filter_by(session_id=session_id))
    # The note as the manager signed it and as countersigned, and each child's extract twice.
    assert kinds == ["extract"] * 4 + ["note"] * 2
