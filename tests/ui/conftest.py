"""Fixtures for the UI floor: services over a small database, a task runner per test."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from db.engine import DbFactory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from tests.conftest import FixedClock
from ui.i18n import install_translator
from ui.services import AppServices
from ui.tasks import TaskRunner
from workbench.audit import AuditTrail
from workbench.database import Database
from workbench.names import fold_name
from workbench.secrets import SecretStore


@pytest.fixture(scope="session", autouse=True)
def en_gb(qapp: QApplication) -> Iterator[None]:
    """The UI speaks as the app does: from the compiled en_GB catalogue (its plural forms)."""
    translator = install_translator(qapp)
    assert translator is not None, "the en_GB catalogue could not be compiled or loaded"
    yield
    qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def collected_on_the_ui_thread() -> Iterator[None]:
    """The cyclic garbage collector runs here, on the UI thread, after each test, and never
    during one. Left to run by itself, it once ran on a task runner's thread (the stack:
    "Garbage-collecting" inside a query), found a window of an earlier test in a reference
    cycle and deleted it there: the test process died of a segmentation fault. Qt objects
    may be deleted only on their own thread."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        # What survives is not walked again: walking everything after every test took tests/ui
        # from 108 s to 197 s on two workers.
        gc.freeze()
        if was_enabled:
            gc.enable()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_threads=2)
    yield runner
    runner.shutdown()
    runner.deleteLater()


@pytest.fixture
def services(engine: Engine, db: DbFactory, runner: TaskRunner,
             clock: FixedClock, tmp_path: Path) -> Iterator[AppServices]:
    """AppServices on the parametrized test database (SQLite and PostgreSQL)."""
    yield AppServices(database=Database(engine=engine, db=db), runner=runner,
                      audit=AuditTrail(clock), secrets=SecretStore(), data_dir=tmp_path,
                      clock=clock)
    runner.shutdown()  # no worker may outlive the engine


# A small caseload: two teams, three workers, six open cases and one closed one.
TEAMS = {"North Team": ["Alex Worker", "Priya Patel"], "South Team": ["Jo Bloggs"]}
CASES = [
    # (child id, name, kind, worker, start)
    ("C-1001", "Ada Smith", CaseKind.CHILD_IN_NEED, "Alex Worker", dt.date(2026, 2, 3)),
    ("C-1002", None, CaseKind.CHILD_PROTECTION_PLAN, "Alex Worker", dt.date(2025, 11, 20)),
    ("C-1003", "Ben Jones", CaseKind.LOOKED_AFTER, "Alex Worker", dt.date(2024, 6, 1)),
    ("C-2001", "Cara Brown", CaseKind.CHILD_IN_NEED, "Priya Patel", dt.date(2026, 8, 14)),
    ("C-2002", "Dev Shah", CaseKind.CHILD_PROTECTION_PLAN, "Priya Patel", dt.date(2026, 5, 2)),
    ("C-3001", "Eve Green", CaseKind.CHILD_IN_NEED, "Jo Bloggs", dt.date(2026, 1, 9)),
]
CLOSED = ("C-9999", "Finn Closed", CaseKind.CHILD_IN_NEED, "Alex Worker", dt.date(2023, 1, 1))


@pytest.fixture
def caseload(db: DbFactory) -> dict[str, int]:
    """Fills the test database; returns staff ids by name."""
    staff_ids: dict[str, int] = {}
    with transaction(db) as session:
        workers: dict[str, Staff] = {}
        for team_name, names in TEAMS.items():
            team = Team(name=team_name, name_key=fold_name(team_name))
            session.add(team)
            for name in names:
                workers[name] = Staff(name=name, name_key=fold_name(name), role=Role.WORKER,
                                      team=team)
            session.add(Staff(name=f"{team_name} Manager", name_key=fold_name(f"{team_name} Manager"),
                              role=Role.TEAM_MANAGER, team=team))
        session.add_all(workers.values())
        session.flush()
        for child_id, name, kind, worker_name, start in [*CASES, CLOSED]:
            child = Child(la_child_id=child_id, name=name)
            worker = workers[worker_name]
            session.add(CaseAllocation(
                child=child, worker_id=worker.id, team_id=worker.team_id, kind=kind,
                start_date=start, end_date=dt.date(2024, 1, 1) if child_id == CLOSED[0] else None,
                last_visit_date=start + dt.timedelta(days=30), key_dates={}, details={}))
        staff_ids = {name: w.id for name, w in workers.items()}
    return staff_ids
