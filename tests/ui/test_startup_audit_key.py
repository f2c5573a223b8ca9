"""The app never records unsealed audit events: on a database whose chain key is not derived
from its own key (a team server), it honours WORKBENCH_AUDIT_KEY, else the keyring, else it
refuses to open with a message saying what to set."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select

from db.models import AuditEvent
from ui.startup import build_services, open_for_app
from ui.tasks import TaskRunner
from workbench.audit import AuditKeyMissing, verify_chain
from workbench.secrets import SecretStore

TEAM_KEY = "ab" * 32


def test_without_a_keyring_or_a_team_key_the_app_does_not_open(db_url: str) -> None:
    keyring.set_keyring(FailKeyring())
    with pytest.raises(AuditKeyMissing, match="WORKBENCH_AUDIT_KEY"):
        open_for_app(db_url, demo=False, secrets=SecretStore(), environ={})


def test_a_malformed_team_key_is_refused_with_what_it_must_be(db_url: str) -> None:
    keyring.set_keyring(FailKeyring())
    with pytest.raises(AuditKeyMissing, match="64 hex digits"):
        open_for_app(db_url, demo=False, secrets=SecretStore(), environ={"WORKBENCH_AUDIT_KEY": "xyz"})


def test_the_team_key_seals_what_the_app_records(db_url: str, qtbot: object, clock: object) -> None:
    keyring.set_keyring(FailKeyring())
    opened = open_for_app(db_url, demo=False, secrets=SecretStore(),
                          environ={"WORKBENCH_AUDIT_KEY": TEAM_KEY})
    runner = TaskRunner()
    try:
        services = build_services(opened.database, runner, clock, opened.audit_key,  # type: ignore[arg-type]
                                  anchor=opened.anchor)
        assert services.audit.sealed
        with opened.database.db.begin() as s:
            services.audit.record(s, actor_id=None, action="view", entity_type="case", entity_id=1)
        with opened.database.db() as s:
            assert s.scalar(select(AuditEvent.mac)) is not None
            assert verify_chain(s, bytes.fromhex(TEAM_KEY)).ok
    finally:
        runner.shutdown()
        opened.database.close()
