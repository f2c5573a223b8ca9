"""The Records screen shows a record's disagreement, in the worker's words, and the practice
lead's signed answer once it is given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import Staff
from tests.conftest import FixedClock
from tests.ui.records.conftest import as_actor
from tests.workbench.signing.builders import make_session, make_team
from tests.workbench.signing.conftest import give_identities
from ui.records.screen import RecordsScreen
from ui.services import AppServices
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.oversight import respond_to_disagreement
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


def test_the_disagreement_and_its_answer_are_shown(qtbot: QtBot, services: AppServices,
                                                   db: DbFactory,
                                                   clock: FixedClock, tmp_path: Path) -> None:
    team = make_team(db, name="North")
    with transaction(db) as s:
        lead = Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD)
        s.add(lead)
        s.flush()
        lead_id = lead.id
    identities = IdentityStore(tmp_path / "keys", SecretStore(), clock)
    give_identities(db, identities, team.manager_id, team.worker_id, lead_id)
    signoff = SignOffService(db, identities, AuditTrail(clock), clock)
    session_id = make_session(db, team, meeting_at=clock() - dt.timedelta(days=3))
    signoff.sign(session_id, signer_id=team.manager_id)
    signature_id = signoff.record_disagreement(session_id, signer_id=team.worker_id,
                                               statement="The plan leaves out Nan's evenings.")

    def opened() -> RecordsScreen:
        screen = RecordsScreen(as_actor(services, lead_id))
        qtbot.addWidget(screen)
        screen.resize(1100, 500)
        screen.show()
        qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
        screen.table.selectRow(0)
        return screen

    screen = opened()
    assert screen.disagreement_label.isVisible()
    assert "The worker disagreed: The plan leaves out Nan's evenings." in screen.disagreement_label.text()
    assert "Not answered yet" in screen.disagreement_label.text()
    respond_to_disagreement(db, identities, AuditTrail(clock), clock,
                            actor=Actor(lead_id, Role.PRACTICE_LEAD, None, "Pat Lead"),
                            responder_id=lead_id, signature_id=signature_id,
                            text="Nan's evenings go into the plan at the next review.")
    screen = opened()
    assert ("Answered (signed) by Pat Lead, " in screen.disagreement_label.text())
    assert screen.disagreement_label.text().endswith("Nan's evenings go into the plan at the next review.")
    screen.grab().save(str(tmp_path / "records-answer.png"))
    screen.table.clearSelection()
    assert not screen.disagreement_label.isVisible()
