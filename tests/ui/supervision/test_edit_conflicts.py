"""Someone else changes a reflection while the worker types it (their other computer): the
worker's next save is refused, both texts are shown side by side, nothing typed is lost, and
the worker's choice (a merge, or their text) is what is kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory, make_db_factory, make_engine
from db.models import Action, CaseDiscussion, Reflection, Worry
from tests.conftest import FixedClock
from tests.ui.supervision.conftest import North, open_in, started_session
from tests.ui.supervision.driving import ALT, type_text, wait_for_focus
from ui.services import AppServices
from ui.supervision.conflict_dialog import ConflictDialog
from ui.supervision.flow import ACTIONS, DISCUSSION, WORRIES, Place
from ui.supervision.reflection_model import CHILD_ID
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen
from workbench.audit import AuditTrail
from workbench.supervision.context import SupervisionContext
from workbench.supervision.reflections import save_reflection


@pytest.fixture
def other_computer(db_url: str, clock: FixedClock, north: North) -> Iterator[SupervisionContext]:
    engine = make_engine(db_url)
    yield SupervisionContext(make_db_factory(engine), AuditTrail(clock), clock, north.alex.id)
    engine.dispose()


def _open_child(qtbot: QtBot, reflections: ReflectionScreen, child: str) -> QPlainTextEdit:
    qtbot.waitUntil(lambda: reflections.model.rowCount() == 3)
    row = next(r for r in range(3) if reflections.model.index(r, CHILD_ID).data() == child)
    table = reflections.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(reflections.model.index(row, CHILD_ID)).center())
    qtbot.waitUntil(lambda: reflections.form is not None)
    qtbot.keyClick(table, Qt.Key.Key_P, ALT)  # "What ha&ppened?"
    wait_for_focus(qtbot, "What happened")
    assert reflections.form is not None
    return reflections.form.what_happened


def _dialog(qtbot: QtBot) -> ConflictDialog:
    found: list[ConflictDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, ConflictDialog) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def _stored(db: DbFactory) -> str:
    with db() as s:
        return s.scalars(select(Reflection.what_happened)).one()


def test_both_texts_are_shown_and_the_merge_is_kept(
        qtbot: QtBot, reflections: ReflectionScreen, north: North, db: DbFactory,
        other_computer: SupervisionContext, tmp_path: Path) -> None:
    box = _open_child(qtbot, reflections, "C-1002")
    type_text(qtbot, "Visited twice")
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    assert _stored(db) == "Visited twice"

    save_reflection(other_computer, north.case_ids["C-1002"], what_happened="Visited twice; the nurse came",
                    expected={"what_happened": "Visited twice"})
    type_text(qtbot, " and Dad was sober")
    dialog = _dialog(qtbot)
    if os.environ.get("WORKBENCH_SCREENSHOTS"):
        dialog.grab().save(str(tmp_path / "conflict.png"))
    assert "changed by someone else" in dialog.intro.text()
    assert dialog.theirs.toPlainText() == "Visited twice; the nurse came"
    assert dialog.yours.toPlainText() == "Visited twice and Dad was sober"
    assert box.toPlainText() == "Visited twice and Dad was sober"  # still on screen
    assert _stored(db) == "Visited twice; the nurse came"  # nothing overwritten
    assert not reflections.all_saved  # the worker's text waits for a choice

    dialog.reject()  # Escape does not make the choice for them
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.add_theirs, Qt.MouseButton.LeftButton)
    assert dialog.yours.toPlainText() == "Visited twice and Dad was sober\nVisited twice; the nurse came"
    dialog.yours.setPlainText("Visited twice and Dad was sober; the nurse came")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    assert box.toPlainText() == "Visited twice and Dad was sober; the nurse came"
    assert _stored(db) == "Visited twice and Dad was sober; the nurse came"

    # Typing on saves as before, from the merged text.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    type_text(qtbot, ".")
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    assert _stored(db) == "Visited twice and Dad was sober; the nurse came."


def test_choosing_their_text_puts_it_on_screen(
        qtbot: QtBot, reflections: ReflectionScreen, north: North, db: DbFactory,
        other_computer: SupervisionContext) -> None:
    box = _open_child(qtbot, reflections, "C-1001")
    type_text(qtbot, "Quiet week")
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    save_reflection(other_computer, north.case_ids["C-1001"], what_happened="Quiet week at school",
                    expected={"what_happened": "Quiet week"})
    type_text(qtbot, "!")
    dialog = _dialog(qtbot)
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    assert box.toPlainText() == "Quiet week at school"
    assert _stored(db) == "Quiet week at school"


@pytest.mark.parametrize("what", ["danger statement", "action"])
def test_in_a_session_a_change_made_meanwhile_is_not_overwritten(
        qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
        db: DbFactory, clock: FixedClock, db_url: str, what: str) -> None:
    """The manager's other window (or a colleague) changes a part of a danger statement, or
    what an action says, while the manager types it here."""
    from workbench.supervision.actions import add_action, update_action
    from workbench.supervision.worries import add_worry, reword_worry

    session_id = started_session(services, north, children=("C-1001",))
    engine = make_engine(db_url)
    other = SupervisionContext(make_db_factory(engine), AuditTrail(clock), clock, north.manager_id)
    with db() as s:
        discussion_id = s.scalars(select(CaseDiscussion.id)
                                  .where(CaseDiscussion.session_id == session_id)).one()
    if what == "action":
        item_id = add_action(other, discussion_id, "Visit")
    else:
        item_id = add_worry(other, discussion_id).worry_id
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, discussion_id, ACTIONS if what == "action" else WORRIES), focus=True)
    step = editor.discussion_page.step_widget(ACTIONS if what == "action" else WORRIES)
    row = step.rows[item_id]  # type: ignore[attr-defined]
    if what == "action":
        box, part = row.what, None
    else:
        part, box = next(iter(row.parts.items()))
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, " Nan" if what == "action" else "Nan")
    qtbot.waitUntil(lambda: editor.state.autosave.all_saved, timeout=10_000)
    mine = box.text() if what == "action" else box.toPlainText()

    if what == "action":
        update_action(other, item_id, description="Visit with the nurse", expected={"description": mine})
    else:
        assert part is not None
        reword_worry(other, discussion_id, item_id, parts={part: "The school"}, expected={part: mine})
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, " at home")
    dialog = _dialog(qtbot)
    assert "changed by someone else" in dialog.intro.text()
    theirs = "Visit with the nurse" if what == "action" else "The school"
    assert dialog.theirs.toPlainText() == theirs
    assert dialog.yours.toPlainText() == f"{mine} at home"
    with db() as s:  # nothing overwritten
        if what == "action":
            assert s.get_one(Action, item_id).description == theirs
        else:
            assert part is not None
            assert (s.get_one(Worry, item_id).parts or {})[part] == theirs
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.state.autosave.all_saved, timeout=10_000)
    with db() as s:  # the manager chose their own text, knowingly
        if what == "action":
            assert s.get_one(Action, item_id).description == f"{mine} at home"
        else:
            assert part is not None
            assert (s.get_one(Worry, item_id).parts or {})[part] == f"{mine} at home"
    engine.dispose()
