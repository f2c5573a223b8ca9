"""On a shared server, the manager's open session follows the worker: a reflection the worker
begins on another computer appears as the child's first step, and what they change in it
shows (PostgreSQL LISTEN/NOTIFY through ui.changes; the embedded file has no one else)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from db.engine import make_db_factory, make_engine
from tests.conftest import FixedClock
from tests.ui.supervision.conftest import North, open_in, started_session
from ui.changes import ChangeWatcher
from ui.services import AppServices
from ui.supervision.discussion_page import ReflectionStep
from ui.supervision.flow import DISCUSSION, REFLECTION, Place
from ui.supervision.screen import SupervisionScreen
from workbench.audit import AuditTrail
from workbench.changes import NoChanges, listen_for_changes
from workbench.supervision.context import SupervisionContext
from workbench.supervision.reflections import save_reflection


@pytest.fixture
def workers_computer(db_url: str, clock: FixedClock, north: North) -> Iterator[SupervisionContext]:
    engine = make_engine(db_url)
    yield SupervisionContext(make_db_factory(engine), AuditTrail(clock), clock, north.alex.id)
    engine.dispose()


def test_a_workers_new_reflection_appears_in_the_managers_open_session(
        qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
        workers_computer: SupervisionContext, db_url: str) -> None:
    source = listen_for_changes(services.database.engine)
    if db_url.startswith("sqlite"):
        assert isinstance(source, NoChanges)  # one person on the file: nothing to follow
        return
    watcher = ChangeWatcher(source, interval_ms=50)
    watcher.changed.connect(screen.others_changed)
    try:
        session_id = started_session(services, north, days_ago=0, children=("C-1001",))
        editor = open_in(qtbot, screen, session_id, north)
        discussion_id = editor.state.discussions[0].id
        editor.go(Place(DISCUSSION, discussion_id), focus=True)
        assert REFLECTION not in [s.key for s in editor.discussion_page.steps]

        save_reflection(workers_computer, north.case_ids["C-1001"], what_happened="Ada said she was scared")
        qtbot.waitUntil(lambda: REFLECTION in [s.key for s in editor.discussion_page.steps], timeout=15_000)
        editor.go(Place(DISCUSSION, discussion_id, REFLECTION))
        step = editor.discussion_page.step_widget(REFLECTION)
        assert isinstance(step, ReflectionStep)
        assert step.fields["what_happened"].text() == "Ada said she was scared"  # type: ignore[attr-defined]

        save_reflection(workers_computer, north.case_ids["C-1001"],
                        what_happened="Ada said she was scared of the dog",
                        expected={"what_happened": "Ada said she was scared"})
        label = step.fields["what_happened"]
        qtbot.waitUntil(lambda: label.text() == "Ada said she was scared of the dog",  # type: ignore[attr-defined]
                        timeout=15_000)
    finally:
        watcher.stop()
