"""The practice lead's Records follow the team: a record countersigned on another computer
appears without the lead doing anything (a shared PostgreSQL server; the embedded file has
nobody else, and the window listens for nothing there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.engine import make_db_factory, make_engine
from tests.conftest import FixedClock
from tests.ui.records.conftest import Records, as_actor
from tests.workbench.signing.builders import make_session
from ui.main_window import MainWindow
from ui.records.screen import RecordsScreen
from ui.services import AppServices
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore
from workbench.signing.signoff import SignOffService


def test_a_countersignature_appears_in_the_leads_records(
        qtbot: QtBot, services: AppServices, records: Records, db_url: str, clock: FixedClock,
        tmp_path: Path) -> None:
    window = MainWindow(as_actor(services, records.lead_id))
    qtbot.addWidget(window)
    screen = window.screens["records"]
    assert isinstance(screen, RecordsScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    if db_url.startswith("sqlite"):
        assert window.watcher is None
        return
    assert window.watcher is not None
    window.watcher.timer.setInterval(50)

    elsewhere = make_engine(db_url)  # the manager's and the worker's computer
    try:
        db = make_db_factory(elsewhere)
        service = SignOffService(db, IdentityStore(tmp_path / "keys", SecretStore(), clock),
                                 AuditTrail(clock), clock)
        session_id = make_session(db, records.north, meeting_at=clock() - dt.timedelta(days=2))
        service.sign(session_id, signer_id=records.north.manager_id)
        service.countersign(session_id, signer_id=records.north.worker_id)
    finally:
        elsewhere.dispose()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=20_000)
    assert session_id in {screen.model.record_at(r).session_id for r in range(4)}
    window.detach()
    assert window.watcher is None
