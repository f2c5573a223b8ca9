"""The demo's past sessions come out signed by demo identities."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import Engine, select

from db.engine import make_db_factory
from db.enums import SessionStatus
from db.models import Staff, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.signing.builders import make_session, make_team
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.demo import DEMO_PASSPHRASE, sign_demo_sessions
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import check_record


def test_demo_sessions_are_signed_with_the_documented_passphrase_without_a_keyring(
    sqlite_engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    db = make_db_factory(sqlite_engine)
    team = make_team(db, children=1)
    past = [make_session(db, team, meeting_at=clock() - dt.timedelta(days=28 * i)) for i in range(1, 9)]
    future = make_session(db, team, meeting_at=clock() + dt.timedelta(days=2))
    secrets = SecretStore(FailKeyring())

    outcome = sign_demo_sessions(db, keys_dir=tmp_path / "keys", clock=clock,
                                 audit=AuditTrail(clock), secrets=secrets)

    assert (outcome.identities, outcome.signed, outcome.disagreements) == (2, 8, 1)
    identities = IdentityStore(tmp_path / "keys", secrets, clock)
    with db() as s:
        rows = s.execute(select(SupervisionSession.id, SupervisionSession.status))
        statuses = {row[0]: row[1] for row in rows}
        assert statuses[future] is SessionStatus.READY_TO_SIGN
        assert {statuses[i] for i in past} == {SessionStatus.COUNTERSIGNED,
                                               SessionStatus.DISAGREEMENT_RECORDED}
        assert all(check_record(s, i, identities).ok for i in past)
        manager = s.get_one(Staff, team.manager_id)
        unlocked = identities.load(manager, passphrase=DEMO_PASSPHRASE)
        assert unlocked.fingerprint == manager.certificate_fingerprint
