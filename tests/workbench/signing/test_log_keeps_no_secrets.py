"""The log file says what happened to which record, by id: a sign-in with a wrong passphrase,
a sign-off and an export leave lines in it, and none of the passphrases, keys, typed words or
children's names (nor a failed statement's values)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from db.engine import DbFactory, transaction
from db.models import Child, Staff
from tests.conftest import FixedClock
from tests.workbench.signing.builders import TRICKY_ANSWER, Team1, make_session, make_team
from workbench.audit import AuditTrail
from workbench.errors import WrongPassphrase
from workbench.export.service import export_records
from workbench.keys import Passphrase, ScryptCost
from workbench.logs import LogFiles, start_logging, stop_logging
from workbench.signin import set_passphrase, sign_in
from workbench.signing.authority import create_authority
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

SIGN_IN = "correct horse battery staple"
WRONG = "incorrect donkey battery clip"
KEY_PASSPHRASE = "the signing key's own passphrase"
CHILDREN = ("Zephyrine Oakhollow", "Barnaby Quillfeather")


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[LogFiles]:
    files = start_logging(tmp_path / "logs", crash_file=False)
    yield files
    stop_logging()


def test_a_sign_in_a_sign_off_and_an_export_log_no_secret(
    logs: LogFiles, db: DbFactory, identities: IdentityStore, clock: FixedClock,
    tmp_path: Path
) -> None:
    team: Team1 = make_team(db)
    audit = AuditTrail(clock)
    with transaction(db) as s:
        for child_id, name in zip(team.child_ids, CHILDREN, strict=True):
            s.get_one(Child, child_id).name = name
        create_authority(s, identities, actor=None, name="Northgate signing authority",
                         organisation="Test Council")
        identities.issue(s, s.get_one(Staff, team.manager_id), passphrase=KEY_PASSPHRASE)
        identities.issue(s, s.get_one(Staff, team.worker_id))
    set_passphrase(db, audit, actor=None, staff_id=team.manager_id,
                   passphrase=Passphrase(SIGN_IN), cost=ScryptCost(n=2**10))

    with pytest.raises(WrongPassphrase):
        sign_in(db, audit, staff_id=team.manager_id, passphrase=Passphrase(WRONG))
    sign_in(db, audit, staff_id=team.manager_id, passphrase=Passphrase(SIGN_IN))
    session_id = make_session(db, team)
    signoff = SignOffService(db, identities, audit, clock)
    with pytest.raises(WrongPassphrase):
        signoff.sign(session_id, signer_id=team.manager_id, passphrase=WRONG)
    signoff.sign(session_id, signer_id=team.manager_id, passphrase=KEY_PASSPHRASE)
    result = export_records(db, identities, audit, session_ids=[session_id],
                            out_dir=tmp_path / "out", actor_id=team.manager_id, mode="inline")
    assert result.written
    with pytest.raises(IntegrityError), transaction(db) as s:  # a bug's traceback
        s.add(Child(la_child_id="C0001", name=CHILDREN[0]))
    try:
        with transaction(db) as s:
            s.add(Child(la_child_id="C0001", name=CHILDREN[1]))
    except IntegrityError:
        logging.getLogger("workbench.test").exception("a statement failed")

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = logs.log_path.read_text(encoding="utf-8")
    assert "sign-in by staff" in text
    assert "wrong passphrase" in text
    assert f"session {session_id}: approval signature" in text
    assert "export: 1 records written" in text
    assert "IntegrityError" in text
    key_pem = next((identities.keys_dir).rglob("*.key*")).read_text(encoding="ascii")
    secrets = [SIGN_IN, WRONG, KEY_PASSPHRASE, *CHILDREN, "Grandmother visits daily",
               TRICKY_ANSWER[:20], key_pem.splitlines()[1], "PRIVATE KEY"]
    assert [secret for secret in secrets if secret in text] == []
