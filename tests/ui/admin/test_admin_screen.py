"""The Admin tab: only admins get it; people are added, given enrolment codes, unlocked and
marked as leavers from it, and what the core refuses is said on the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role
from db.models import AuditEvent, Staff
from tests.conftest import FixedClock
from ui.admin.code_dialog import CodeDialog
from ui.admin.person_dialog import PersonDialog
from ui.admin.screen import AdminScreen
from ui.main_window import MainWindow
from ui.screens import SCREENS
from ui.services import AppServices
from workbench.access import Actor
from workbench.enrolment import enrol_with_code
from workbench.keys import Passphrase, ScryptCost
from workbench.names import fold_name
from workbench.signin import sign_in
from workbench.staff_admin import Status

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture
def admin(db: DbFactory, caseload: dict[str, int]) -> Actor:
    with transaction(db) as s:
        ada = Staff(name="Ada Admin", name_key=fold_name("Ada Admin"), role=Role.ADMIN)
        s.add(ada)
        s.flush()
        return Actor.of(ada)


@pytest.fixture
def screen(qtbot: QtBot, services: AppServices, admin: Actor) -> AdminScreen:
    widget = AdminScreen(services.signed_in(admin))
    qtbot.addWidget(widget)
    widget.resize(1000, 520)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
    return widget


def _row(screen: AdminScreen, name: str) -> int:
    return next(r for r in range(screen.model.rowCount()) if screen.model.record(r).name == name)


def _select(qtbot: QtBot, screen: AdminScreen, name: str) -> None:
    staff_id = screen.model.record(_row(screen, name)).staff_id
    screen.select(staff_id)
    assert screen.current is not None
    assert screen.current.name == name


def _status(screen: AdminScreen, name: str) -> Status:
    return screen.model.record(_row(screen, name)).status


def test_only_admins_get_the_admin_tab(qtbot: QtBot, services: AppServices, admin: Actor,
                                       caseload: dict[str, int]) -> None:
    for actor, expected in ((admin, True),
                            (Actor(caseload["Alex Worker"], Role.WORKER, None, "Alex"), False)):
        window = MainWindow()
        qtbot.addWidget(window)
        window.attach(services.signed_in(actor), tuple(s for s in SCREENS if s.key in ("caseload", "admin")))
        assert ("admin" in window.screens) is expected
        window.detach()


def test_an_admin_adds_a_person_and_issues_their_code_shown_once(
    qtbot: QtBot, screen: AdminScreen, services: AppServices, db: DbFactory,
    clock: FixedClock
) -> None:
    dialog = screen.add_person()
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    dialog.buttons.accepted.emit()  # no name: the core refuses, the dialog says so and stays
    qtbot.waitUntil(lambda: "Give the person's name" in dialog.error_label.text())
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Tam Taylor")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("North Team"))
    manager = dialog.supervisor_combo.findText("North Team Manager (North Team)")
    assert manager > 0
    dialog.supervisor_combo.setCurrentIndex(manager)
    dialog.asye_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: any(screen.model.record(r).name == "Tam Taylor"
                                for r in range(screen.model.rowCount())))
    tam = screen.model.record(_row(screen, "Tam Taylor"))
    assert (tam.team_name, tam.supervisor_name, tam.status) == ("North Team", "North Team Manager",
                                                                Status.NEEDS_CODE)
    assert tam.newly_qualified_until is not None

    _select(qtbot, screen, "Tam Taylor")
    assert screen.code_button.isEnabled()
    with qtbot.waitSignal(screen.code_issued, timeout=15_000) as shown:
        screen.code_button.click()
    code_dialog = shown.args[0]
    assert isinstance(code_dialog, CodeDialog)
    code = code_dialog.code_label.text()
    assert len(code) == 19
    qtbot.waitUntil(lambda: _status(screen, "Tam Taylor") is Status.CODE_ISSUED)
    SHOTS.mkdir(parents=True, exist_ok=True)
    code_dialog.grab().save(str(SHOTS / "admin-enrolment-code.png"))
    screen.grab().save(str(SHOTS / "admin-screen.png"))
    code_dialog.close()
    # The code works, once, for Tam.
    actor = enrol_with_code(db, services.audit, staff_id=tam.staff_id, code=code,
                            passphrase=Passphrase("tam's own words"), cost=ScryptCost(n=2**10))
    assert actor.name == "Tam Taylor"
    with db() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert {"staff.added", "staff.enrolment_code_issued", "staff.enrolled"} <= set(actions)


def test_a_leaver_is_marked_after_a_question_and_cannot_sign_in(
    qtbot: QtBot, screen: AdminScreen, services: AppServices, db: DbFactory,
    caseload: dict[str, int]
) -> None:
    _select(qtbot, screen, "Alex Worker")
    box = screen.mark_leaver()
    assert isinstance(box, QMessageBox)
    assert "records are kept" in box.text()
    with qtbot.waitSignal(screen.changed, timeout=15_000):
        box.buttons()[[b.text() for b in box.buttons()].index("Mark as leaver")].click()
    qtbot.waitUntil(lambda: _status(screen, "Alex Worker") is Status.LEFT)
    _select(qtbot, screen, "Alex Worker")
    assert not screen.code_button.isEnabled()
    assert screen.activate_button.text() == "&Bring back"
    with pytest.raises(PermissionError, match="not an active member"):
        sign_in(db, services.audit, staff_id=caseload["Alex Worker"],
                passphrase=Passphrase("anything at all"))


def test_the_admin_cannot_mark_themselves_a_leaver_and_is_told_why(
    qtbot: QtBot, screen: AdminScreen
) -> None:
    _select(qtbot, screen, "Ada Admin")
    box = screen.mark_leaver()
    assert box is not None
    box.buttons()[[b.text() for b in box.buttons()].index("Mark as leaver")].click()
    qtbot.waitUntil(lambda: "cannot make yourself a leaver" in screen.message_label.text())
    assert _status(screen, "Ada Admin") is not Status.LEFT
    assert QApplication.activeModalWidget() is None
