"""Issue 10, "done means": a real team starts from an empty database, on SQLite and PostgreSQL.

The setup dialog makes the organisation and its first admin; the admin adds a team manager and a
worker on the Admin tab, gives each an enrolment code and creates the signing authority; the
manager enrols at the sign-in dialog with their code, imports the worker's caseload through the
import dialog (preview, then import), holds a supervision session and signs it; the worker enrols
and countersigns; the signed note is exported and ``workbench verify`` calls it trusted (and
poppler's pdfsig calls both signatures valid) with nothing but the database to trust.

The supervision session itself is filled through the core services the Supervision tab calls
(its screens have their own keyboard tests in tests/ui/supervision), with the manager's own
context. The manager signs and the worker countersigns on their Sign-off tab; the export goes
through its core service with the signed-in actor.

With WORKBENCH_SCREENSHOTS set to a folder, the dialogs are saved there as PNGs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import RaterRole, Role, SessionStatus, SignatureKind
from db.models import CaseAllocation, Child, Organisation, Signature, Staff, SupervisionSession
from tests.conftest import FixedClock
from tests.ui.security import conftest as security
from tests.ui.security.conftest import Starter, active_dialog, type_into
from tests.workbench.importing.conftest import CASELOAD_HEADER, caseload_row, write_csv
from ui.admin.authority_dialog import AuthorityDialog
from ui.admin.code_dialog import CodeDialog
from ui.admin.person_dialog import PersonDialog
from ui.admin.screen import AdminScreen
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.setup_dialog import SetupDialog
from ui.dialogs.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.screens import SCREENS
from ui.security.session import SignedInWindow
from ui.services import AppServices
from ui.signing.screen import SignOffScreen
from ui.signing.sign_dialog import SignDialog
from ui.startup import Startup
from workbench.access import Actor
from workbench.cli import main
from workbench.export.service import export_records
from workbench.signing.desk import Step
from workbench.supervision.context import SupervisionContext

# Each wait ends when its signal comes; the patience is for key derivations on a loaded machine.
PATIENCE_MS = 90_000

ORGANISATION = "Northshire Children's Services"
ADMIN, MANAGER, WORKER, TEAM = "Ada Admin", "Mo Manager", "Wren Worker", "North Team"
PASSPHRASES = {ADMIN: "ada keeps the keys", MANAGER: "mo minds the team", WORKER: "wren writes it up"}
# The shown main window and the start-up of tests/ui/security, as fixtures here too.
settings, start, window = security.settings, security.start, security.window

CHILDREN = [("C-5001", "Ava Stone"), ("C-5002", "Ben Stone")]


def shots() -> Path | None:
    folder = os.environ.get("WORKBENCH_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_shot(widget: QWidget, name: str, over: QWidget | None = None) -> None:
    """``widget`` as a PNG (with ``over``, a dialog, drawn in its middle as a person sees it)."""
    folder = shots()
    if folder is None:
        return
    picture: QPixmap = widget.grab()
    if over is not None:
        top = over.grab()
        painter = QPainter(picture)
        painter.drawPixmap(QPoint(max(0, (picture.width() - top.width()) // 2),
                                  max(0, (picture.height() - top.height()) // 2)), top)
        painter.end()
    assert picture.save(str(folder / name))


# -- the steps ---------------------------------------------------------------------------------
def set_up(qtbot: QtBot, startup: Startup) -> AppServices:
    """Step 1: the setup dialog names the organisation and creates the first admin."""
    dialog = active_dialog(qtbot, SetupDialog)
    assert isinstance(dialog, SetupDialog)
    type_into(qtbot, dialog.organisation_edit, ORGANISATION)
    type_into(qtbot, dialog.name_edit, ADMIN)
    type_into(qtbot, dialog.passphrase_edit, PASSPHRASES[ADMIN])
    type_into(qtbot, dialog.again_edit, PASSPHRASES[ADMIN])
    save_shot(dialog, "setup.png")
    with qtbot.waitSignal(startup.ready, timeout=PATIENCE_MS) as ready:
        qtbot.keyClick(dialog.again_edit, Qt.Key.Key_Return)
    services: AppServices = ready.args[0]
    assert services.actor is not None
    assert (services.actor.name, services.actor.role) == (ADMIN, Role.ADMIN)
    return services


def admin_screen(window: MainWindow) -> AdminScreen:
    screen = window.screens["admin"]
    assert isinstance(screen, AdminScreen)
    window.tabs.setCurrentWidget(screen)
    return screen


def add_person(qtbot: QtBot, screen: AdminScreen, name: str, role: Role, *, new_team: bool,
               supervisor: str | None = None) -> int:
    """Step 2: Add person… on the Admin tab; returns the new person's staff id."""
    dialog = screen.add_person()
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.name_edit, name)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
    if new_team:  # the team box is editable: a new name makes a new team
        line = dialog.team_combo.lineEdit()
        line.selectAll()
        type_into(qtbot, line, TEAM)
    else:
        dialog.team_combo.setCurrentIndex(dialog.team_combo.findData(TEAM))
    if supervisor is not None:
        index = dialog.supervisor_combo.findText(f"{supervisor} ({TEAM})")
        assert index > 0, "the manager is offered as the worker's supervisor"
        dialog.supervisor_combo.setCurrentIndex(index)
    with qtbot.waitSignal(dialog.saved, timeout=PATIENCE_MS) as saved:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    staff_id: int = saved.args[0]
    qtbot.waitUntil(lambda: any(screen.model.record(r).staff_id == staff_id
                                for r in range(screen.model.rowCount())))
    return staff_id


def issue_code(qtbot: QtBot, screen: AdminScreen, staff_id: int, name: str, *,
               shot: str | None = None) -> str:
    """Step 2: select the person, press Enrolment code…; the code is shown once."""
    screen.select(staff_id)
    assert screen.current is not None
    assert screen.current.name == name
    assert screen.code_button.isEnabled()
    with qtbot.waitSignal(screen.code_issued, timeout=PATIENCE_MS) as shown:
        qtbot.mouseClick(screen.code_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, CodeDialog)
    qtbot.waitExposed(dialog)
    code = dialog.code_label.text()
    assert len(code) == 19
    if shot:
        save_shot(screen.window(), shot, over=dialog)
    dialog.close()
    return code


def create_authority(qtbot: QtBot, window: MainWindow) -> None:
    """Step 3: File > Signing authority…, name it, Create."""
    assert window.authority_action.isVisible()
    window.authority_action.trigger()
    dialog = active_dialog(qtbot, AuthorityDialog)
    assert isinstance(dialog, AuthorityDialog)
    qtbot.waitUntil(lambda: dialog.create_box.isVisible())
    assert "no signing authority yet" in dialog.status_label.text()
    dialog.name_edit.clear()
    type_into(qtbot, dialog.name_edit, "Northshire signing authority")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issue_box.isVisible(), timeout=PATIENCE_MS)
    assert "Northshire signing authority (created here" in dialog.status_label.text()
    dialog.close()


def enrol(qtbot: QtBot, session: SignedInWindow, name: str, code: str, *,
          shot: str | None = None) -> AppServices:
    """Steps 4 and 7: File > Switch user…, choose oneself, the code and a new passphrase twice."""
    session.switch_action.trigger()
    dialog = active_dialog(qtbot, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.people_view
    qtbot.keyClicks(dialog.people_view, name[:2])
    assert dialog.person is not None
    assert dialog.person.name == name
    assert dialog.first_time_label.isVisible()
    assert "enrolment code" in dialog.first_time_label.text()
    qtbot.keyClick(dialog.people_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.code_edit
    qtbot.keyClicks(dialog.code_edit, code)
    type_into(qtbot, dialog.new_edit, PASSPHRASES[name])
    type_into(qtbot, dialog.again_edit, PASSPHRASES[name])
    if shot:
        save_shot(dialog, shot)
    assert dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.isDefault()  # Return presses it
    signed_in: list[AppServices] = []
    session.signed_in.connect(signed_in.append)
    try:
        qtbot.keyClick(dialog.again_edit, Qt.Key.Key_Return)
        # Ends at once if the dialog says why it did not sign in, not at the patience's end.
        qtbot.waitUntil(lambda: bool(signed_in) or dialog.error_label.isVisible(), timeout=PATIENCE_MS)
    finally:
        session.signed_in.disconnect(signed_in.append)
    assert signed_in, f"{name} was not signed in: {dialog.error_label.text()}"
    services = signed_in[0]
    assert services.actor is not None
    assert services.actor.name == name
    assert session.who_label.text().startswith(f"Signed in: {name}")
    return services


def import_caseload(qtbot: QtBot, window: MainWindow, services: AppServices, export: Path) -> None:
    """Step 5: File > Import caseload…, the file and the worker, Preview, then Import."""
    assert window.import_action.isEnabled()
    window.import_action.trigger()
    dialog = active_dialog(qtbot, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    type_into(qtbot, dialog.file_edit, str(export))
    dialog.worker_edit.clear()
    type_into(qtbot, dialog.worker_edit, WORKER)
    with qtbot.waitSignal(dialog.previewed, timeout=PATIENCE_MS) as previewed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running)
    assert previewed.args[0].closures == []
    assert "No case would close" in dialog.status_label.text()
    with services.db() as s:  # a preview writes nothing
        assert s.scalars(select(CaseAllocation.id)).all() == []
    save_shot(dialog, "import-preview.png")
    with qtbot.waitSignal(dialog.imported, timeout=PATIENCE_MS) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].added == len(CHILDREN)
    qtbot.waitUntil(lambda: not dialog.is_running)
    dialog.close()


def hold_supervision(services: AppServices, manager: Actor, worker_id: int) -> int:
    """Step 6: the manager's session with the worker about both children, filled as the
    completeness check needs, and marked ready to sign (the core the Supervision tab calls)."""
    from workbench.supervision.actions import add_action
    from workbench.supervision.agenda import add_agenda_item
    from workbench.supervision.discussions import add_decision, save_answer
    from workbench.supervision.scores import save_score
    from workbench.supervision.sessions import mark_ready_to_sign, save_session_fields, start_session
    from workbench.supervision.worries import add_worry

    ctx = SupervisionContext(services.db, services.audit, services.clock, manager.staff_id)
    started = start_session(ctx, supervisee_id=worker_id,
                            meeting_at=services.clock() - dt.timedelta(hours=2))
    save_session_fields(ctx, started.session_id, duration_minutes=60, present=[MANAGER, WORKER],
                        workload="Manageable", wellbeing="Settling in well")
    with services.db() as s:
        cases = s.execute(select(CaseAllocation.id, Child.name).join(Child)
                          .where(CaseAllocation.worker_id == worker_id)
                          .order_by(Child.la_child_id)).all()
    assert [name for _, name in cases] == [name for _, name in CHILDREN]
    for case_id, _name in cases:
        discussion = add_agenda_item(ctx, started.session_id, case_id)
        for question, value in [("harm", "Bruise seen at school"), ("existing_strengths", ["Nan helps"]),
                                ("existing_safety", ["Mum called the police"]),
                                ("next_steps", ["Safety plan meeting"]), ("one_step_higher", "Dad in rehab"),
                                ("child_voice", "I like my nan's house"),
                                ("impact_statement", "Because we met nan, the result is a plan")]:
            save_answer(ctx, discussion, question, value)
        worry = add_worry(ctx, discussion, "Dad drinks and the children are alone",
                          "A sober adult is always home").worry_id
        save_score(ctx, discussion, worry, RaterRole.WORKER, score=6, reason="Plan holding")
        save_score(ctx, discussion, worry, RaterRole.SUPERVISOR, score=6, reason="Agree")
        add_decision(ctx, discussion, "Stay on the plan", "It is working")
        add_action(ctx, discussion, "Visit weekly", owner_name=WORKER,
                   due_date=services.clock().date() + dt.timedelta(days=14))
    mark_ready_to_sign(ctx, started.session_id)
    return started.session_id


def sign_on_screen(qtbot: QtBot, window: MainWindow, session_id: int, step: Step) -> None:
    """Steps 6 and 7: the Sign-off tab, the record selected, Sign (or Countersign); the signer
    first creates their identity, issued by the team's authority, in the same dialog."""
    screen = window.screens["signoff"]
    assert isinstance(screen, SignOffScreen)
    window.tabs.setCurrentWidget(screen)
    qtbot.waitUntil(lambda: any(row.session_id == session_id for row in screen.model.rows))
    screen.select_session(session_id)
    button = screen.sign_button if step is Step.SIGN else screen.countersign_button
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SignDialog)
    qtbot.waitUntil(lambda: dialog.facts is not None)
    if not dialog.facts.has_identity:  # the first signature: the authority issues a trusted identity
        assert "issued by your organisation's signing authority" in dialog.identity_label.text()
        assert dialog.identity_button.isVisible()
        qtbot.mouseClick(dialog.identity_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.sign_button.isEnabled, timeout=PATIENCE_MS)
    assert not dialog.identity_label.isVisible()  # trusted: nothing to warn about
    with qtbot.waitSignal(dialog.signed, timeout=PATIENCE_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


# -- the walk ----------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_a_real_team_starts_from_an_empty_database_and_its_signed_note_verifies(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, clock: FixedClock,
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    if db_url.startswith("postgresql"):  # the pictures are the same: taken once, on SQLite
        monkeypatch.delenv("WORKBENCH_SCREENSHOTS", raising=False)
    screens = tuple(s for s in SCREENS if s.key in ("caseload", "signoff", "admin"))
    startup = start(db_url, screens=screens)

    # 1. Setup.
    admin_services = set_up(qtbot, startup)
    session = startup.session
    assert session is not None
    with admin_services.db() as s:
        assert s.scalar(select(Organisation.name)) == ORGANISATION

    # 2. The admin adds the team manager and the worker and gives each a code.
    screen = admin_screen(window)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)  # only the admin so far
    manager_id = add_person(qtbot, screen, MANAGER, Role.TEAM_MANAGER, new_team=True)
    worker_id = add_person(qtbot, screen, WORKER, Role.WORKER, new_team=False, supervisor=MANAGER)
    manager_code = issue_code(qtbot, screen, manager_id, MANAGER, shot="admin.png")
    worker_code = issue_code(qtbot, screen, worker_id, WORKER)
    with admin_services.db() as s:
        worker = s.get_one(Staff, worker_id)
        assert (worker.role, worker.team.name if worker.team else None,
                worker.supervisor_id) == (Role.WORKER, TEAM, manager_id)

    # 3. The admin creates the signing authority on this computer.
    clock.advance(minutes=5)
    create_authority(qtbot, window)

    # 4. The manager enrols with their code.
    clock.advance(minutes=30)
    manager_services = enrol(qtbot, session, MANAGER, manager_code, shot="enrolment.png")
    manager = manager_services.actor
    assert manager is not None
    assert manager.role is Role.TEAM_MANAGER

    # 5. The manager imports the worker's caseload.
    export = write_csv(tmp_path / "wren.csv", [
        CASELOAD_HEADER,
        *[caseload_row(child_id, worker=WORKER, team=TEAM, **{"Child name": name})
          for child_id, name in CHILDREN]])
    import_caseload(qtbot, window, manager_services, export)

    # 6. Supervision, ready to sign, signed by the manager on the Sign-off tab (within the idle
    # lock's minutes: an hour away would lock the window first).
    clock.advance(minutes=5)
    session_id = hold_supervision(manager_services, manager, worker_id)
    sign_on_screen(qtbot, window, session_id, Step.SIGN)

    # 7. The worker enrols and countersigns on their Sign-off tab.
    clock.advance(days=1)
    worker_services = enrol(qtbot, session, WORKER, worker_code)
    sign_on_screen(qtbot, window, session_id, Step.COUNTERSIGN)
    with worker_services.db() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.COUNTERSIGNED
        signatures = s.execute(select(Signature.kind, Signature.signer_id)
                               .order_by(Signature.id)).all()
    assert signatures == [(SignatureKind.APPROVAL, manager_id),
                          (SignatureKind.COUNTERSIGNATURE, worker_id)]

    # 8. The signed note is exported and verifies as trusted from the database alone.
    result = export_records(worker_services.db, worker_services.identities,
                            worker_services.audit, session_ids=[session_id], out_dir=tmp_path / "out",
                            actor_id=worker_id, actor=worker_services.actor, kinds=("note",),
                            mode="inline", clock=clock)
    assert result.failed == []
    assert len(result.written) == 1
    note = result.written[0]
    elsewhere = tmp_path / "another computer's keys"  # no key of this computer is needed
    capsys.readouterr()
    assert main(["--database", db_url, "verify", "--keys", str(elsewhere), str(note)]) == 0
    out = capsys.readouterr().out
    assert f"{note}: OK" in out
    assert f"Common Name: {MANAGER} at " in out
    assert f"Common Name: {WORKER} at " in out
    assert "not trusted" not in out
    assert out.count("intact, trusted") == 2
    assert "record: matches" in out
    report = pdfsig(note)
    assert report.count("Signature Validation: Signature is Valid.") == 2, report
