"""The supervision services enforce who may load a session, whatever the UI shows."""

from __future__ import annotations

import datetime as dt

import pytest

from db.engine import DbFactory
from tests.conftest import FixedClock
from tests.workbench.security.conftest import TwoTeams
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.supervision.context import SupervisionContext
from workbench.supervision.loading import load_session
from workbench.supervision.sessions import start_session


def test_a_worker_cannot_load_another_teams_session_through_the_services(
    db: DbFactory, teams: TwoTeams, clock: FixedClock
) -> None:
    ctx = SupervisionContext(db, AuditTrail(clock, key=b"k" * 32), clock, teams.nia)
    meeting = clock() - dt.timedelta(days=1)
    north = start_session(ctx, supervisee_id=teams.wes, meeting_at=meeting).session_id
    south = start_session(ctx.acting_as(teams.sam), supervisee_id=teams.sol, meeting_at=meeting).session_id

    assert load_session(ctx.acting_as(teams.wes), north).supervisee_id == teams.wes
    for outsider in (teams.wes, teams.wyn, teams.nia):
        with pytest.raises(AccessDenied, match="another worker or team"):
            load_session(ctx.acting_as(outsider), south)
    with pytest.raises(AccessDenied, match="Admins manage identities"):
        load_session(ctx.acting_as(teams.admin), north)
    assert load_session(ctx.acting_as(teams.lead), south).supervisee_id == teams.sol
    assert load_session(ctx.acting_as(teams.sam), south).supervisee_id == teams.sol
