"""Fixtures for the supervision screens: the small caseload of tests/ui, its team manager, and
the screens shown as top-level windows so that keyboard shortcuts work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import Role
from db.models import CaseAllocation, Child, Staff
from tests.ui.supervision.driving import wait_idle
from ui.services import AppServices
from ui.supervision.editor import SessionEditor
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen
from workbench.caseload import StaffRow
from workbench.supervision.context import SupervisionContext


@dataclass(frozen=True)
class North:
    """Alex Worker's caseload in North Team, and the team's manager."""

    alex: StaffRow
    manager_id: int
    case_ids: dict[str, int]  # by the child's id: C-1001, C-1002, C-1003


@pytest.fixture
def north(db: DbFactory, caseload: dict[str, int]) -> North:
    return north_team(db, caseload)


def north_team(db: DbFactory, caseload: dict[str, int]) -> North:
    """Alex's caseload and North Team's manager, in the ``caseload`` fixture's database."""
    with db() as s:
        manager = s.scalars(select(Staff).where(Staff.name == "North Team Manager",
                                                Staff.role == Role.TEAM_MANAGER)).one()
        alex = s.get_one(Staff, caseload["Alex Worker"])
        cases = dict(s.execute(
            select(Child.la_child_id, CaseAllocation.id).join(Child, Child.id == CaseAllocation.child_id)
            .where(CaseAllocation.worker_id == alex.id, CaseAllocation.end_date.is_(None))).all())
        return North(StaffRow(alex.id, alex.name, alex.role, alex.team_id, "North Team"), manager.id, cases)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def screen(qtbot: QtBot, services: AppServices, north: North) -> Iterator[SupervisionScreen]:
    """The Supervision tab on its own, the caseload's current worker being Alex."""
    widget = SupervisionScreen(services)
    widget.use_current_worker(lambda: north.alex)
    show(qtbot, widget)
    qtbot.waitUntil(lambda: widget.draft_label.text() != "" or widget.editor is not None)
    yield widget
    wait_idle(qtbot, widget)


@pytest.fixture
def reflections(qtbot: QtBot, services: AppServices, north: North) -> Iterator[ReflectionScreen]:
    widget = ReflectionScreen(services)
    show(qtbot, widget)
    qtbot.waitUntil(lambda: widget.worker_combo.count() > 0)
    yield widget
    qtbot.waitUntil(lambda: widget.all_saved, timeout=10_000)


def context_for(services: AppServices, north: North) -> SupervisionContext:
    return SupervisionContext(services.db, services.audit, services.clock, north.manager_id)


def started_session(services: AppServices, north: North, *, days_ago: int = 1, blind: bool = False,
                    children: tuple[str, ...] = ("C-1001", "C-1002"), question_set: str = "default",
                    version: int | None = None) -> int:
    """A draft session with Alex about ``children``, started through the services."""
    import datetime as dt

    from workbench.supervision.agenda import propose_agenda
    from workbench.supervision.question_sets import load_question_set
    from workbench.supervision.sessions import start_session

    ctx = context_for(services, north)
    wanted = [north.case_ids[child] for child in children]
    agenda = sorted((p for p in propose_agenda(ctx, north.alex.id) if p.case_id in wanted),
                    key=lambda p: wanted.index(p.case_id))
    started = start_session(ctx, supervisee_id=north.alex.id,
                            meeting_at=services.clock() - dt.timedelta(days=days_ago), duration_minutes=60,
                            present=["North Team Manager", "Alex Worker"], blind_scaling=blind,
                            question_set=load_question_set(question_set, version), agenda=agenda)
    return started.session_id


def open_in(qtbot: QtBot, screen: SupervisionScreen, session_id: int, north: North) -> SessionEditor:
    screen.open_session(session_id, north.manager_id)
    qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.state.session_id == session_id,
                    timeout=10_000)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    editor = screen.editor
    assert editor is not None
    return editor
