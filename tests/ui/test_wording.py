"""Messages a user sees, in the words that fit them: a practice lead is not told to prepare
reflections, the sign dialog names a menu that exists, and a SQLite file that will not open is
not blamed on a server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from db.engine import DbFactory, transaction
from db.enums import Role, SessionStatus
from db.models import Staff
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.signing.sign_dialog import SignDialog
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen
from workbench.access import Actor
from workbench.database import open_database
from workbench.errors import DatabaseUnavailable
from workbench.names import fold_name
from workbench.signing.desk import SignFacts, Step


def _person(db: DbFactory, name: str, role: Role) -> Actor:
    with transaction(db) as s:
        staff = Staff(name=name, name_key=fold_name(name), role=role, team=None)
        s.add(staff)
        s.flush()
        return Actor.of(staff)


@pytest.mark.parametrize(("role", "says"), [
    (Role.PRACTICE_LEAD, "As a practice lead you read the signed records on the Records tab, and "
                         "see on the Oversight tab whether supervision happens as often as policy says."),
    (Role.ADMIN, "As an admin you add people and give them their enrolment codes on the Admin tab."),
])
def test_someone_who_does_not_supervise_is_told_what_is_theirs_not_to_prepare_reflections(
        qtbot: QtBot, services: AppServices, db: DbFactory,
        caseload: dict[str, int], role: Role, says: str) -> None:
    actor = _person(db, "Pat Someone", role)
    window = MainWindow(services.signed_in(actor))
    qtbot.addWidget(window)
    supervision = window.screens["supervision"]
    assert isinstance(supervision, SupervisionScreen)
    assert supervision.notice.text() == "Supervision is held by team managers. " + says
    assert "reflection" not in supervision.notice.text().lower()
    reflections = window.screens["reflections"]
    assert isinstance(reflections, ReflectionScreen)
    helps = " ".join(label.text() for label in reflections.findChildren(QLabel))
    assert "Workers prepare a reflection per child here" in helps
    assert "nothing here for you to prepare" in helps
    assert "Prepare for your next supervision" not in helps


def test_a_worker_is_still_sent_to_their_reflections(
        qtbot: QtBot, services: AppServices, db: DbFactory,
        caseload: dict[str, int]) -> None:
    with db() as s:
        actor = Actor.of(s.get_one(Staff, caseload["Alex Worker"]))
    window = MainWindow(services.signed_in(actor))
    qtbot.addWidget(window)
    supervision = window.screens["supervision"]
    assert isinstance(supervision, SupervisionScreen)
    assert supervision.notice.text() == ("Supervision is held by a team manager. Prepare your "
                                         "reflections for it on the Reflections tab.")
    helps = " ".join(label.text() for label in window.screens["reflections"].findChildren(QLabel))
    assert "Prepare for your next supervision: a reflection per child." in helps


def test_the_sign_dialog_names_the_menu_where_the_authority_is_made(
        qtbot: QtBot, services: AppServices) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert "Signing &authority…" in [a.text() for a in file_menu.actions()]
    dialog = SignDialog(services, 1, Step.SIGN, window)
    facts = SignFacts(session_id=1, status=SessionStatus.READY_TO_SIGN, supervisor_name="Ann",
                      worker_name="Bo", meeting_at=dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC),
                      children=1, content_sha256="0" * 64, signer_name="Ann", has_identity=False,
                      has_authority=False, keyring_secure=True)
    text = dialog._no_identity_text(facts)
    assert "An admin creates the authority once (File > Signing authority…)" in text
    assert "Settings >" not in text
    assert "Admin > Signing" not in text
    dialog.reject()


def test_a_sqlite_file_that_will_not_open_is_not_blamed_on_a_server(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(f"sqlite:///{tmp_path}/no such folder/workbench.db")
    message = str(raised.value)
    assert message.startswith(f"Could not open the database at sqlite:///{tmp_path}/no such folder/")
    assert message.endswith("Check that the file's folder exists, that you may write to it, and "
                            "that it is on this computer's own disk (not a network share).")
    assert "server" not in message
    assert DatabaseUnavailable.default_message.startswith(
        "The database could not be opened. For the embedded file, check that its folder exists")
