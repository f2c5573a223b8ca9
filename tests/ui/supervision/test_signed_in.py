"""Who is signed in decides what the supervision screens offer: a team manager holds their own
team's supervision; a worker cannot start one, and writes reflections as themselves only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import Role
from db.models import Reflection, SupervisionSession
from tests.ui.supervision.conftest import North, show
from tests.ui.supervision.driving import CTRL, SHIFT, type_text
from ui.services import AppServices
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen
from workbench.access import Actor


def as_actor(services: AppServices, staff_id: int, role: Role, team_id: int | None, name: str) -> AppServices:
    return services.signed_in(Actor(staff_id, role, team_id, name))


@pytest.fixture
def manager(services: AppServices, north: North) -> AppServices:
    return as_actor(services, north.manager_id, Role.TEAM_MANAGER, north.alex.team_id, "North Team Manager")


def test_a_signed_in_manager_supervises_their_own_team(
    qtbot: QtBot, manager: AppServices, north: North, db: DbFactory,
) -> None:
    screen = SupervisionScreen(manager)
    screen.use_current_worker(lambda: north.alex)
    show(qtbot, screen)
    qtbot.waitUntil(lambda: screen.draft_label.text() != "")
    assert screen.start_button.isEnabled()
    qtbot.keyClick(screen.start_button, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.choices_loaded)
    dialog = screen.dialog
    assert dialog is not None
    workers = [dialog.worker_combo.itemText(i) for i in range(dialog.worker_combo.count())]
    assert workers == ["Alex Worker (North Team)", "Priya Patel (North Team)"]  # not South Team's
    assert dialog.present.text() == "North Team Manager, Alex Worker"
    qtbot.keyClick(dialog.worker_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.editor is not None, timeout=10_000)
    with db() as s:
        session = s.scalars(select(SupervisionSession)).one()
        assert (session.supervisor_id, session.supervisee_id) == (north.manager_id, north.alex.id)


def test_a_signed_in_worker_prepares_their_own_reflections_and_cannot_start_supervision(
    qtbot: QtBot, services: AppServices, north: North, db: DbFactory,
) -> None:
    alex = as_actor(services, north.alex.id, Role.WORKER, north.alex.team_id, "Alex Worker")
    supervision = SupervisionScreen(alex)
    show(qtbot, supervision)
    assert not supervision.start_button.isEnabled()
    assert "Supervision is held by a team manager" in supervision.notice.text()

    reflections = ReflectionScreen(alex)
    show(qtbot, reflections)
    qtbot.waitUntil(lambda: reflections.model.rowCount() == 3)
    assert [reflections.worker_combo.itemText(i) for i in range(reflections.worker_combo.count())] \
        == ["Alex Worker"]
    assert not reflections.worker_combo.isEnabled()  # nobody else's reflections
    reflections.table.selectRow(0)
    qtbot.waitUntil(lambda: reflections.form is not None and reflections.form.isVisible())
    assert reflections.form is not None
    reflections.form.what_happened.setFocus()
    type_text(qtbot, "Saw them at school")
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    with db() as s:
        saved = s.scalars(select(Reflection)).one()
        assert (saved.worker_id, saved.what_happened) == (north.alex.id, "Saw them at school")
