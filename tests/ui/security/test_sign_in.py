"""Signing in from the keyboard, and what each role then sees; signing out and switching user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.models import AuditEvent
from tests.conftest import FixedClock
from tests.ui.security.conftest import LEAD, Starter, active_dialog, passphrase_of, type_into
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.models.caseload_model import CHILD_ID
from ui.screens.caseload_screen import CaseloadScreen
from ui.security.session import SignedInWindow, SignInRequest
from ui.services import AppServices
from ui.startup import Startup
from ui.supervision.people import context
from workbench.access import AccessDenied
from workbench.keys import Passphrase
from workbench.supervision.sessions import start_session


def combo_items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def caseload_of(window: MainWindow) -> CaseloadScreen:
    screen = window.screens["caseload"]
    assert isinstance(screen, CaseloadScreen)
    return screen


def shown_ids(screen: CaseloadScreen) -> list[str]:
    return sorted(screen.proxy.index(row, CHILD_ID).data() for row in range(screen.proxy.rowCount()))


def choose(qtbot: QtBot, dialog: SignInDialog, first_letters: str) -> None:
    """Alt+W to the list of people, then type the start of a name (the list's type-ahead)."""
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.people_view
    qtbot.keyClicks(dialog.people_view, first_letters)


def sign_in_with_the_dialog(qtbot: QtBot, startup: Startup, first_letters: str, name: str) -> AppServices:
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    choose(qtbot, dialog, first_letters)
    assert dialog.person is not None
    assert dialog.person.name == name
    qtbot.keyClick(dialog.people_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.passphrase_edit
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        qtbot.keyClicks(dialog.passphrase_edit, passphrase_of(name))
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    services: AppServices = ready.args[0]
    return services


def test_a_worker_signs_in_from_the_keyboard_and_sees_only_their_own_caseload(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int]
) -> None:
    startup = start(db_url)
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    listed = [dialog.model.item(row).text() for row in range(dialog.model.rowCount())]
    assert listed == ["Alex Worker — worker, North Team", "North Team Manager — team manager, North Team",
                      "Priya Patel — worker, North Team", "Jo Bloggs — worker, South Team",
                      "South Team Manager — team manager, South Team", "Pat Lead — practice lead"]
    assert dialog.people_view.accessibleName() == "Who are you"
    assert dialog.passphrase_edit.accessibleName() == "Your passphrase"
    assert window.screens == {}  # nothing of the records before someone signs in

    choose(qtbot, dialog, "Al")
    qtbot.keyClick(dialog.people_view, Qt.Key.Key_Tab)
    type_into(qtbot, dialog.passphrase_edit, "priya patel signs in", enter=True)  # someone else's
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.is_running)
    assert dialog.error_label.text().startswith("Wrong passphrase — try again. That is not Alex Worker's")
    assert dialog.passphrase_edit.text() == ""
    assert window.screens == {}

    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        type_into(qtbot, dialog.passphrase_edit, passphrase_of("Alex Worker"), enter=True)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert services.actor.staff_id == people["Alex Worker"]
    screen = caseload_of(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003"]
    assert combo_items(screen.team_combo) == ["All teams", "North Team"]
    assert screen.worker_combo.currentText() == "Alex Worker"
    assert startup.session is not None
    assert startup.session.who_label.text() == "Signed in: Alex Worker (worker, North Team)"
    assert not window.import_action.isEnabled()  # caseloads are loaded by managers
    with services.db() as s:
        events = [(e.action, e.actor_id) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert events[:2] == [("sign_in.failed", people["Alex Worker"]), ("sign_in", people["Alex Worker"])]


def test_a_practice_lead_sees_every_team_and_cannot_change_records(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int],
    clock: FixedClock,
) -> None:
    startup = start(db_url)
    services = sign_in_with_the_dialog(qtbot, startup, "Pat", LEAD)
    screen = caseload_of(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 6)
    assert screen.team_combo.currentText() == "All teams"
    assert combo_items(screen.team_combo) == ["All teams", "North Team", "South Team"]
    assert shown_ids(screen) == ["C-1001", "C-1002", "C-1003", "C-2001", "C-2002", "C-3001"]
    assert not window.import_action.isEnabled()
    # The services the window works with refuse a change from a practice lead, whatever the UI shows.
    assert services.actor is not None
    with pytest.raises(AccessDenied, match="read, print and export"):
        start_session(context(services, services.actor.staff_id), supervisee_id=people["Alex Worker"],
                      meeting_at=clock() - dt.timedelta(hours=1))


def test_a_manager_sees_their_team_and_may_import(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int]
) -> None:
    startup = start(db_url, sign_in=SignInRequest("south team manager",
                                                  Passphrase(passphrase_of("South Team Manager"))))
    with qtbot.waitSignal(startup.ready, timeout=15_000):
        pass
    screen = caseload_of(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert combo_items(screen.team_combo) == ["All teams", "South Team"]
    assert shown_ids(screen) == ["C-3001"]
    assert window.import_action.isEnabled()


def test_a_wrong_passphrase_on_the_command_line_opens_the_dialog_saying_so(
    qtbot: QtBot, start: Starter, db_url: str, people: dict[str, int]
) -> None:
    start(db_url, sign_in=SignInRequest("Jo Bloggs", Passphrase("not jo's passphrase")))
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    assert dialog.person is not None
    assert dialog.person.name == "Jo Bloggs"
    assert "not Jo Bloggs's passphrase" in dialog.error_label.text()


def test_sign_out_closes_the_records_and_switch_user_lets_someone_else_in(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int]
) -> None:
    startup = start(db_url, sign_in=SignInRequest("Alex Worker", Passphrase(passphrase_of("Alex Worker"))))
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        pass
    services: AppServices = ready.args[0]
    session = startup.session
    assert session is not None
    file_menu = [a.text() for a in window.file_menu.actions() if a.text() and a.isVisible()]
    assert file_menu == ["&Import caseload…", "&Lock", "S&witch user…", "Sign &out", "&Quit"]
    assert session.lock_action.shortcut().toString() == "Ctrl+L"

    session.sign_out_action.trigger()
    assert window.screens == {}
    assert window.stack.currentWidget() is window.startup_label
    assert "Signed out" in window.startup_label.text()
    assert session.who_label.text() == "Signed out"
    assert not session.sign_out_action.isEnabled()
    qtbot.waitUntil(lambda: _actions(services)[-1] == ("sign_out", people["Alex Worker"]))

    session.switch_action.trigger()
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    choose(qtbot, dialog, "Jo")
    qtbot.keyClick(dialog.people_view, Qt.Key.Key_Tab)
    with qtbot.waitSignal(session.signed_in, timeout=15_000):
        type_into(qtbot, dialog.passphrase_edit, passphrase_of("Jo Bloggs"), enter=True)
    screen = caseload_of(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert shown_ids(screen) == ["C-3001"]
    assert session.who_label.text() == "Signed in: Jo Bloggs (worker, South Team)"


def _actions(services: AppServices) -> list[tuple[str, int | None]]:
    with services.db() as s:
        return [(e.action, e.actor_id) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_someone_with_no_passphrase_yet_enrols_with_their_code_in_the_dialog(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int],
    db: DbFactory, clock: FixedClock
) -> None:
    # An admin issued Jo a code (Jo's old passphrase stops working).
    from workbench.audit import AuditTrail
    from workbench.enrolment import issue_enrolment_code

    issued = issue_enrolment_code(db, AuditTrail(clock), actor=None,
                                  staff_id=people["Jo Bloggs"])
    startup = start(db_url)
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    choose(qtbot, dialog, "Jo")
    assert dialog.first_time_label.isVisible()
    assert "enrolment code" in dialog.first_time_label.text()
    assert not dialog.passphrase_edit.isVisible()
    assert dialog.new_edit.accessibleName() == "Choose your passphrase"
    qtbot.keyClick(dialog.people_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.code_edit
    # A wrong code is refused and said; nothing is set.
    type_into(qtbot, dialog.code_edit, "AAAA-BBBB-CCCC-DDDD")
    type_into(qtbot, dialog.new_edit, "jo's kettle is on")
    type_into(qtbot, dialog.again_edit, "jo's kettle is on", enter=True)
    qtbot.waitUntil(lambda: "not the enrolment code" in dialog.error_label.text()
                    and not dialog.is_running)
    dialog.code_edit.clear()
    type_into(qtbot, dialog.code_edit, issued.code.lower())
    dialog.again_edit.clear()
    type_into(qtbot, dialog.again_edit, "jo's kettle is off", enter=True)
    assert "not the same" in dialog.error_label.text()
    dialog.grab().save(str(Path(__file__).resolve().parents[3] / "docs" / "screenshots"
                           / "sign-in-enrolment.png"))
    with qtbot.waitSignal(startup.ready, timeout=15_000) as ready:
        type_into(qtbot, dialog.again_edit, "jo's kettle is on", enter=True)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert services.actor.staff_id == people["Jo Bloggs"]
    assert _actions(services)[-2:] == [("staff.enrolled", people["Jo Bloggs"]),
                                       ("sign_in", people["Jo Bloggs"])]


def test_closing_the_first_sign_in_ends_start_up(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int]
) -> None:
    startup = start(db_url)
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    with qtbot.waitSignal(startup.cancelled):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.screens == {}


def test_signing_out_closes_a_dialog_left_open_over_the_records(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int]
) -> None:
    name = "North Team Manager"
    startup = start(db_url, sign_in=SignInRequest(name, Passphrase(passphrase_of(name))))
    with qtbot.waitSignal(startup.ready, timeout=15_000):
        pass
    assert startup.session is not None
    dialog = window.open_import_dialog()
    assert dialog is not None
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.destroyed):
        startup.session.sign_out_action.trigger()
    assert window.screens == {}


def test_on_the_demo_the_dialog_opens_on_the_first_manager_with_nothing_typed(
    qtbot: QtBot, window: MainWindow, services: AppServices, people: dict[str, int]
) -> None:
    session = SignedInWindow(window, services, idle_minutes=15, demo=True)
    session.begin()
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    assert dialog.person is not None
    assert dialog.person.name == "North Team Manager"
    assert dialog.passphrase_edit.text() == ""
    assert QApplication.focusWidget() is dialog.passphrase_edit  # one passphrase and Enter away
