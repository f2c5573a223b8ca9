"""Finding signed records by the child's name as it is spelled, or by their id."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from db.engine import DbFactory, transaction
from db.models import Child
from tests.conftest import FixedClock
from tests.workbench.signing.builders import make_session, make_team
from tests.workbench.signing.conftest import give_identities
from workbench.audit import AuditTrail
from workbench.export.finding import RecordFilter, find_signed_records
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_a_child_is_found_by_name_without_case_or_accents(
        db: DbFactory, identities: IdentityStore, clock: FixedClock) -> None:
    team = make_team(db, children=1)
    with transaction(db) as s:
        s.execute(update(Child).where(Child.id == team.child_ids[0]).values(name="Zoë Łucja Brown"))
    give_identities(db, identities, team.manager_id, team.worker_id)
    service = SignOffService(db, identities, AuditTrail(clock), clock, documents=False)
    signed = make_session(db, team)
    service.sign(signed, signer_id=team.manager_id)

    def found(child: str) -> list[int]:
        rows = find_signed_records(db, RecordFilter(*NOVEMBER, child=child))
        return [r.session_id for r in rows]

    assert found("zoe") == [signed]
    assert found("LUCJA brown") == [signed]
    assert found("C0001") == [signed]
    assert found("zara") == []
    [row] = find_signed_records(db, RecordFilter(*NOVEMBER))
    assert row.child_names == ("Zoë Łucja Brown",)
