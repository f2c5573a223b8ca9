"""The Supervision tab's list of unfinished sessions: open one, discard one after asking, and
the start dialog asking before a second draft with the same worker on the same day."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from db.enums import SessionStatus
from db.models import SupervisionSession
from tests.ui.supervision.conftest import North, started_session
from ui.services import AppServices
from ui.supervision.drafts_model import CHILDREN, MEETING, STEPS, WORKER
from ui.supervision.screen import SupervisionScreen


def _status(db: DbFactory, session_id: int) -> SessionStatus:
    with db() as s:
        return s.get_one(SupervisionSession, session_id).status


def _listed(screen: SupervisionScreen) -> list[int]:
    model = screen.drafts_model
    return [d.session_id for d in (model.draft(row) for row in range(model.rowCount())) if d is not None]


def test_the_drafts_are_listed_with_their_progress_and_one_is_discarded_after_asking(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, qtmodeltester: ModelTester,
) -> None:
    older = started_session(services, north, days_ago=3, children=("C-1001",))
    newer = started_session(services, north, days_ago=1)
    screen.refresh()
    qtbot.waitUntil(lambda: _listed(screen) == [newer, older])
    qtmodeltester.check(screen.drafts_model)
    model = screen.drafts_model
    assert model.index(0, WORKER).data() == "Alex Worker"
    assert model.index(0, CHILDREN).data() == "0/2"
    assert model.index(0, STEPS).data().endswith("/11")
    assert model.index(1, MEETING).data() != ""
    assert screen.drafts_view.isVisible()

    screen.select_draft(older)
    assert screen.discard_button.isEnabled()
    box = screen.ask_discard()
    assert box is not None
    assert "Alex Worker" in box.text()
    assert "not deleted" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # changed their mind
    assert _status(db, older) is SessionStatus.DRAFT

    box = screen.ask_discard()
    assert box is not None
    discard = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole)
    discard.click()
    qtbot.waitUntil(lambda: _listed(screen) == [newer], timeout=10_000)
    assert _status(db, older) is SessionStatus.DISCARDED
    assert "discarded" in screen.notice.text()

    screen.select_draft(newer)
    screen.open_selected()
    qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.state.session_id == newer,
                    timeout=10_000)


def test_a_second_draft_with_the_same_worker_on_the_same_day_asks_first(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    existing = started_session(services, north, days_ago=0, children=("C-1001",))
    dialog = screen.open_start_dialog()
    qtbot.waitUntil(lambda: dialog.choices_loaded and dialog.start_button.isEnabled())
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.existing_box.isVisible() and not dialog.is_running, timeout=10_000)
    assert "You already have a draft with Alex Worker" in dialog.existing_label.text()
    assert screen.editor is None  # nothing started yet

    dialog.another_button.click()  # a second meeting the same day is allowed, when asked for
    qtbot.waitUntil(lambda: screen.editor is not None, timeout=10_000)
    assert screen.editor is not None
    second = screen.editor.state.session_id
    assert second != existing
    screen.close_editor()

    dialog = screen.open_start_dialog()
    qtbot.waitUntil(lambda: dialog.choices_loaded and dialog.start_button.isEnabled())
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.existing_box.isVisible() and not dialog.is_running, timeout=10_000)
    dialog.open_existing_button.click()  # the most recent one is offered and opened
    qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.state.session_id == second,
                    timeout=10_000)
    with db() as s:
        assert s.query(SupervisionSession).count() == 2
