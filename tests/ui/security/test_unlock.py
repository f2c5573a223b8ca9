"""Unlocking the app's own encrypted file where no secure keyring holds its key: the passphrase
dialog, a wrong passphrase (said plainly, nothing changed), and the first run that creates it."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import transaction
from db.enums import CaseKind, Role
from db.models import AuditEvent, CaseAllocation, Child, Staff, Team
from tests.ui.security.conftest import CHEAP, Starter, active_dialog, passphrase_of, type_into
from ui.dialogs.passphrase_dialog import DatabasePassphraseDialog
from ui.dialogs.setup_dialog import SetupDialog
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.database import open_database
from workbench.encryption import Unlocker, file_kind
from workbench.errors import WrongPassphrase
from workbench.keys import KeyFile, Passphrase, key_file_path
from workbench.names import fold_name
from workbench.signin import hash_passphrase

DATABASE_PASSPHRASE = "the team's database passphrase"
NO_KEYRING = "No secure keyring on this computer: the passphrase will be asked each time."


@pytest.fixture
def no_secure_keyring() -> None:
    keyring.set_keyring(FailKeyring())  # the autouse memory keyring is put back afterwards


def _own_file_with_a_manager(start: Starter) -> str:
    """The app's own file, encrypted under DATABASE_PASSPHRASE, with Nia and one child."""
    path = start.folder / "workbench.db"
    url = f"sqlite:///{path}"
    database = open_database(url, unlock=Unlocker.with_passphrase(DATABASE_PASSPHRASE, cost=CHEAP))
    try:
        with transaction(database.db) as s:
            team = Team(name="North Team", name_key=fold_name("North Team"))
            nia = Staff(name="Nia Manager", name_key=fold_name("Nia Manager"), role=Role.TEAM_MANAGER,
                        team=team, passphrase_hash=hash_passphrase(
                            Passphrase(passphrase_of("Nia Manager")), CHEAP))
            wes = Staff(name="Wes Worker", name_key=fold_name("Wes Worker"), role=Role.WORKER,
                        team=team)
            s.add_all([team, nia, wes])
            s.flush()
            s.add(CaseAllocation(child=Child(la_child_id="N-1"), worker_id=wes.id, team_id=team.id,
                                 kind=CaseKind.CHILD_IN_NEED, key_dates={}, details={}))
    finally:
        database.close()
    return url


def test_the_passphrase_unlocks_the_database_and_a_wrong_one_changes_nothing(
    qtbot: QtBot, start: Starter, window: MainWindow, no_secure_keyring: None
) -> None:
    url = _own_file_with_a_manager(start)
    path = start.folder / "workbench.db"
    before = (path.read_bytes(), key_file_path(path).read_bytes())

    startup = start(url)
    dialog = active_dialog(qtbot, DatabasePassphraseDialog)
    assert isinstance(dialog, DatabasePassphraseDialog)
    assert NO_KEYRING in dialog.intro.text()
    assert dialog.passphrase_edit.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.passphrase_edit.accessibleName() == "Database passphrase"
    assert not dialog.confirm_edit.isVisible()
    assert window.screens == {}

    type_into(qtbot, dialog.passphrase_edit, "not the passphrase", enter=True)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and dialog.ok_button.isEnabled())
    assert dialog.error_label.text().startswith("Wrong passphrase — try again.")
    assert dialog.passphrase_edit.text() == ""  # cleared for another try
    assert dialog.isVisible()
    assert (path.read_bytes(), key_file_path(path).read_bytes()) == before  # nothing changed
    assert window.screens == {}

    type_into(qtbot, dialog.passphrase_edit, DATABASE_PASSPHRASE, enter=True)
    sign_in = active_dialog(qtbot, SignInDialog)
    assert isinstance(sign_in, SignInDialog)
    assert startup.passphrase_dialog is None  # closed (and deleted) once the database opened
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        type_into(qtbot, sign_in.passphrase_edit, passphrase_of("Nia Manager"), enter=True)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert services.actor.name == "Nia Manager"
    assert services.database.encrypted
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    # The app's own file is backed up on schedule once someone has signed in: encrypted too.
    backups = start.folder / "backups"
    qtbot.waitUntil(lambda: any(backups.glob("workbench-*.db")), timeout=15_000)
    copy = next(backups.glob("workbench-*.db"))
    assert file_kind(copy) == "encrypted"
    # A name long enough that ciphertext never holds it by chance: random bytes hold the three
    # bytes of the child's ref "N-1" once in about 16 MB, and this test failed once on that.
    assert b"Nia Manager" not in copy.read_bytes()
    with services.db() as s:
        assert "database.backup" in list(s.scalars(select(AuditEvent.action)))


def test_the_first_run_asks_for_a_new_passphrase_twice_and_encrypts_with_it(
    qtbot: QtBot, start: Starter, window: MainWindow, no_secure_keyring: None
) -> None:
    path = start.folder / "workbench.db"
    startup = start(f"sqlite:///{path}")
    dialog = active_dialog(qtbot, DatabasePassphraseDialog)
    assert isinstance(dialog, DatabasePassphraseDialog)
    assert NO_KEYRING in dialog.intro.text()
    assert dialog.confirm_edit.isVisible()
    assert dialog.confirm_edit.accessibleName() == "The new passphrase again"

    type_into(qtbot, dialog.passphrase_edit, "kettle on the stove")
    type_into(qtbot, dialog.confirm_edit, "kettle on the stove!", enter=True)
    assert "not the same" in dialog.error_label.text()
    assert dialog.confirm_edit.text() == ""
    dialog.passphrase_edit.clear()
    type_into(qtbot, dialog.passphrase_edit, "kettle")
    type_into(qtbot, dialog.confirm_edit, "kettle", enter=True)
    assert "at least 8 characters" in dialog.error_label.text()
    assert not path.exists()  # nothing made until a good passphrase is chosen

    dialog.passphrase_edit.clear()
    dialog.confirm_edit.clear()
    type_into(qtbot, dialog.passphrase_edit, "kettle on the stove")
    type_into(qtbot, dialog.confirm_edit, "kettle on the stove", enter=True)
    # A new database: nobody can sign in yet, so its first admin is set up.
    setup = active_dialog(qtbot, SetupDialog)
    assert isinstance(setup, SetupDialog)
    type_into(qtbot, setup.organisation_edit, "Northshire")
    type_into(qtbot, setup.name_edit, "Ada Admin")
    type_into(qtbot, setup.passphrase_edit, "ada keeps the keys")
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        type_into(qtbot, setup.again_edit, "ada keeps the keys", enter=True)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert services.actor.name == "Ada Admin"
    assert file_kind(path) == "encrypted"
    assert KeyFile.load(key_file_path(path)).methods() == {"passphrase"}
    startup.database.close()  # type: ignore[union-attr]
    with pytest.raises(WrongPassphrase):
        open_database(f"sqlite:///{path}", unlock=Unlocker.with_passphrase("kettle on the table"))
    open_database(f"sqlite:///{path}", unlock=Unlocker.with_passphrase("kettle on the stove")).close()


def test_closing_the_passphrase_dialog_ends_start_up_without_opening_anything(
    qtbot: QtBot, start: Starter, no_secure_keyring: None
) -> None:
    url = _own_file_with_a_manager(start)
    startup = start(url)
    dialog = active_dialog(qtbot, DatabasePassphraseDialog)
    assert isinstance(dialog, DatabasePassphraseDialog)
    with qtbot.waitSignal(startup.cancelled):
        dialog.quit_button.click()
    assert startup.database is None


def test_with_a_secure_keyring_the_first_run_asks_nothing_and_the_file_is_encrypted(
    qtbot: QtBot, start: Starter, window: MainWindow
) -> None:
    path = start.folder / "workbench.db"
    startup = start(f"sqlite:///{path}")
    # No database passphrase is asked: the next question is the new database's first admin.
    assert isinstance(active_dialog(qtbot, SetupDialog), SetupDialog)
    assert startup.passphrase_dialog is None
    assert file_kind(path) == "encrypted"
    assert KeyFile.load(key_file_path(path)).methods() == {"keyring"}
