"""The Audits screen driven as its users drive it, from sampling to signature: Pat (a practice
lead) samples and grades beside the record, Quinn (another lead) moderates, Bo (the worker)
responds, Pat signs; the themes are charted and exported. Who gets the tab, too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from db.engine import DbFactory
from db.enums import AuditStatus, Grade, Role
from tests.conftest import FixedClock
from tests.workbench.audits.builders import build_audit_world
from tests.workbench.oversight.builders import END, NOW, START, World
from tests.workbench.signing.conftest import give_identities
from ui.audits.screen import AuditsScreen
from ui.screens import SCREENS
from ui.services import AppServices
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore

WAIT = 60_000
ROLES = {"Pat": Role.PRACTICE_LEAD, "Quinn": Role.PRACTICE_LEAD, "Bo": Role.WORKER,
         "Ann": Role.TEAM_MANAGER, "Ada": Role.ADMIN}


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def world(db: DbFactory) -> World:
    return build_audit_world(db)


def screen_for(qtbot: QtBot, services: AppServices, world: World, name: str) -> AuditsScreen:
    team = world.teams["Northgate"] if name in ("Bo", "Ann") else None
    actor = Actor(world.staff[name], ROLES[name], team, name)
    screen = AuditsScreen(services.signed_in(actor))
    qtbot.addWidget(screen)
    screen.resize(1500, 860)
    screen.from_edit.setDate(QDate(START.year, START.month, START.day))
    screen.to_edit.setDate(QDate(END.year, END.month, END.day))
    with qtbot.waitSignal(screen.audits_shown, timeout=WAIT):
        screen.show()
    return screen


def choose_first_audit(qtbot: QtBot, screen: AuditsScreen) -> None:
    qtbot.waitUntil(lambda: screen.panel.view is not None or screen.audit_model.rowCount() > 0,
                    timeout=WAIT)
    if screen.panel.view is None:
        with qtbot.waitSignal(screen.audit_shown, timeout=WAIT):
            screen.select_audit(screen.audit_model.rows[0].audit_id)


def step(qtbot: QtBot, screen: AuditsScreen, button: object, after: AuditStatus,
         responses: int = 0) -> Any:
    """Press a step's button; the screen re-reads the audit and shows it in its new state (an
    earlier read still arriving is passed over)."""
    with qtbot.waitSignal(screen.audit_shown, timeout=WAIT, check_params_cb=lambda view: (
            view.status is after and len(view.responses) >= responses)) as shown:
        button.click()  # type: ignore[attr-defined]
    return shown.args[0]


def test_an_audit_from_sampling_to_signature(qtbot: QtBot, services: AppServices, world: World,
                                             db: DbFactory, clock: FixedClock,
                                             tmp_path: Path) -> None:
    give_identities(db,
                    IdentityStore(services.data_dir / "keys", SecretStore(), clock, AuditTrail(clock)),
                    world.staff["Pat"])
    pat = screen_for(qtbot, services, world, "Pat")
    assert pat.audit_model.rowCount() == 0
    pat.per_worker.setValue(0)  # all that meet the criterion
    pat.criterion.setCurrentIndex(pat.criterion.findData("no_direct_work"))
    with qtbot.waitSignal(pat.sample_shown, timeout=WAIT) as sampled:
        pat.sample_button.click()
    assert [r.child_label for r in sampled.args[0].records] == ["C1"]
    with qtbot.waitSignal(pat.audit_shown, timeout=WAIT) as opened:
        pat.open_button.click()
    view = opened.args[0]
    assert (view.child_label, view.worker_name, view.status) == ("C1", "Bo", AuditStatus.SAMPLED)
    assert "Supervision of Bo by Ann" in pat.record_text.toPlainText()
    rows = pat.panel.rows
    for row in rows:
        row.grade.setCurrentIndex(row.grade.findData(Grade.GOOD))
        row.evidence.setPlainText(f"Seen in the record: {row.key}")
    rows[0].grade.setCurrentIndex(rows[0].grade.findData(Grade.REQUIRES_IMPROVEMENT))
    rows[1].evidence.setPlainText("")
    pat.panel.complete_button.click()  # the evidence for the child's voice is missing
    qtbot.waitUntil(pat.panel.problem.isVisible, timeout=WAIT)
    assert "Give the evidence for 'The child's voice is present'" in pat.panel.problem.text()
    rows[1].evidence.setPlainText("The child's words from the Three Houses")
    view = step(qtbot, pat, pat.panel.complete_button, AuditStatus.COMPLETED)
    assert view.status is AuditStatus.COMPLETED
    assert not pat.panel.moderate_button.isEnabled()  # not by the auditor

    quinn = screen_for(qtbot, services, world, "Quinn")
    choose_first_audit(qtbot, quinn)
    assert quinn.panel.moderate_button.isEnabled()
    voice = quinn.panel.rows[1]
    voice.moderation.setCurrentIndex(voice.moderation.findData(Grade.REQUIRES_IMPROVEMENT))
    voice.reason.setText("The words are there but did not shape the plan")
    view = step(qtbot, quinn, quinn.panel.moderate_button, AuditStatus.MODERATED)
    assert view.status is AuditStatus.MODERATED
    assert view.grades[1].final is Grade.REQUIRES_IMPROVEMENT

    bo = screen_for(qtbot, services, world, "Bo")
    assert bo.tabs.count() == 1  # no themes for a worker
    choose_first_audit(qtbot, bo)
    bo.panel.response_edit.setPlainText("I will ask how the child's words change the plan.")
    view = step(qtbot, bo, bo.panel.respond_button, AuditStatus.MODERATED, 1)
    assert [r.author_name for r in view.responses] == ["Bo"]
    assert not bo.panel.respond_button.isEnabled()  # once each

    with qtbot.waitSignal(pat.audit_shown, timeout=WAIT,
                          check_params_cb=lambda v: v.status is AuditStatus.MODERATED):
        pat.reload()  # the audit Pat had open is read again
    assert pat.panel.sign_button.isEnabled()
    pat.grab().save(str(tmp_path / "audit-form.png"))
    view = step(qtbot, pat, pat.panel.sign_button, AuditStatus.SIGNED)
    assert view.status is AuditStatus.SIGNED
    assert "can no longer change" in pat.status_label.text()
    assert not any(b.isEnabled() for b in (pat.panel.sign_button, pat.panel.save_button))

    pat.tabs.setCurrentIndex(1)
    assert pat.themes is not None
    assert pat.themes.audits == 1
    assert "Danger statements are clear, 1 of 1" in pat.theme_summary.text()
    pat.grab().save(str(tmp_path / "audit-themes.png"))
    out = tmp_path / "themes.xlsx"
    pat.export_themes(out)
    qtbot.waitUntil(lambda: "Themes written" in pat.status_label.text(), timeout=WAIT)
    items = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Items").to_python()
    assert items[1][:3] == ["Danger statements are clear", 1, 1]
    assert items[2][:3] == ["The child's voice is present", 1, 1]


def test_who_gets_the_tab_and_what_a_manager_may_do(qtbot: QtBot, services: AppServices,
                                                    world: World) -> None:
    spec = next(s for s in SCREENS if s.key == "audits")
    assert [spec.shown(Actor(world.staff[n], ROLES[n], None, n)) for n in ROLES] == [
        True, True, True, True, False]
    ann = screen_for(qtbot, services, world, "Ann")
    assert ann.tabs.count() == 2  # audits and themes, without sampling
    assert not ann.sample_button.isVisible()
    assert ann.team_combo.count() == 1  # her own team
