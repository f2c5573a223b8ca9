"""The first run on an empty database: the setup dialog names the organisation, creates the
first admin and signs them in; bad input is said in the dialog and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Organisation, Staff
from tests.ui.security.conftest import Starter, active_dialog, type_into
from ui.dialogs.setup_dialog import SetupDialog
from ui.main_window import MainWindow
from ui.screens import SCREENS
from ui.services import AppServices

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def test_an_empty_database_opens_on_setup_and_the_admin_lands_on_the_admin_tab(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str
) -> None:
    screens = tuple(s for s in SCREENS if s.key in ("caseload", "admin"))
    startup = start(db_url, screens=screens)
    dialog = active_dialog(qtbot, SetupDialog)
    assert isinstance(dialog, SetupDialog)
    assert "nobody can sign in yet" in dialog.intro_label.text()
    type_into(qtbot, dialog.organisation_edit, "Northshire Children's Services")
    type_into(qtbot, dialog.name_edit, "Ada Admin")
    type_into(qtbot, dialog.passphrase_edit, "ada keeps the keys")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "setup-dialog.png"))
    type_into(qtbot, dialog.again_edit, "ada keeps the key", enter=True)
    assert "not the same" in dialog.error_label.text()
    dialog.passphrase_edit.clear()
    type_into(qtbot, dialog.passphrase_edit, "short")
    type_into(qtbot, dialog.again_edit, "short", enter=True)
    qtbot.waitUntil(lambda: "at least 8 characters" in dialog.error_label.text()
                    and not dialog.is_running)
    assert startup.database is not None
    with startup.database.db() as s:  # refused: nothing was made
        assert s.scalar(select(func.count()).select_from(Staff)) == 0
    dialog.passphrase_edit.clear()
    type_into(qtbot, dialog.passphrase_edit, "ada keeps the keys")
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        type_into(qtbot, dialog.again_edit, "ada keeps the keys", enter=True)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert services.actor.name == "Ada Admin"
    assert "admin" in window.screens
    assert startup.session is not None
    assert startup.session.who_label.text() == "Signed in: Ada Admin (admin)"
    with services.db() as s:
        assert s.scalar(select(Organisation.name)) == "Northshire Children's Services"
