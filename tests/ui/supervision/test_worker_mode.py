"""Worker mode: a worker prepares a reflection on a child in the Reflections tab, saved as it is
typed; when the manager starts supervision the child is on the agenda because they were
flagged, and the reflection is the first thing the manager sees for that child."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.models import CaseDiscussion, Reflection
from tests.ui.supervision.conftest import North
from tests.ui.supervision.driving import (
    ALT,
    CTRL,
    SHIFT,
    editor_of,
    focus_name,
    press,
    replace_text,
    type_text,
    wait_for_focus,
)
from ui.supervision.discussion_page import ReflectionStep
from ui.supervision.flow import DISCUSSION, REFLECTION, SCALE, Place
from ui.supervision.reflection_model import CHILD_ID, STATUS
from ui.supervision.reflection_screen import ReflectionScreen
from ui.supervision.screen import SupervisionScreen


def prepare_reflection(qtbot: QtBot, reflections: ReflectionScreen, child: str) -> None:
    qtbot.waitUntil(lambda: reflections.model.rowCount() == 3)
    assert reflections.worker_combo.currentText() == "Alex Worker (North Team)"
    row = next(r for r in range(3) if reflections.model.index(r, CHILD_ID).data() == child)
    assert reflections.model.index(row, STATUS).data() == "Not started"
    table = reflections.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(reflections.model.index(row, CHILD_ID)).center())
    qtbot.waitUntil(lambda: reflections.form is not None)
    qtbot.keyClick(table, Qt.Key.Key_P, ALT)  # "What ha&ppened?"
    wait_for_focus(qtbot, "What happened")
    type_text(qtbot, "Visited twice; Dad was sober both times")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "How and why"
    type_text(qtbot, "He started at the alcohol service")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Your scale score"
    replace_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Your reason for the score"
    type_text(qtbot, "Too early to trust it")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "What you want from supervision"
    type_text(qtbot, "A view on the plan")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Flag for discussion"
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: reflections.all_saved, timeout=10_000)
    qtbot.waitUntil(lambda: reflections.model.index(row, STATUS).data() == "Prepared, flagged for discussion")
    assert reflections.save_status.text() == "All changes saved"


def test_a_reflection_prepared_in_worker_mode_opens_that_childs_discussion(
    qtbot: QtBot, reflections: ReflectionScreen, screen: SupervisionScreen, north: North,
    db: DbFactory,
) -> None:
    reflections.activateWindow()
    qtbot.waitUntil(reflections.isActiveWindow)
    prepare_reflection(qtbot, reflections, "C-1002")
    with db() as s:
        saved = s.scalars(select(Reflection)).one()
        assert saved.worker_id == north.alex.id
        assert saved.case_id == north.case_ids["C-1002"]
        assert saved.what_happened == "Visited twice; Dad was sober both times"
        assert (saved.worker_score, saved.score_reason) == (3, "Too early to trust it")
        assert saved.flag_for_discussion
        assert saved.discussion_id is None  # waiting for the next session

    # The manager starts supervision with Alex.
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen.start_button, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.choices_loaded)
    dialog = screen.dialog
    assert dialog is not None
    qtbot.keyClick(dialog.worker_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.editor is not None, timeout=10_000)
    editor = editor_of(screen)
    agenda = editor.agenda_page.model
    first = agenda.rows[0]
    assert first.la_child_id == "C-1002"  # flagged by the worker: the most pressing reason here
    assert "Flagged by the worker for discussion" in first.reasons
    assert first.reflection == "Prepared, flagged for discussion"

    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(editor.agenda_page.table, Qt.Key.Key_D, ALT)  # "Discuss"
    qtbot.waitUntil(lambda: editor.place.step == REFLECTION)
    assert editor.discussion_page.step_label.text() == "Step 1 of 10: The worker's reflection"
    step = editor.discussion_page.step_widget(REFLECTION)
    assert isinstance(step, ReflectionStep)
    shown = {key: label.text() for key, label in step.fields.items()}  # type: ignore[attr-defined]
    assert shown == {"what_happened": "Visited twice; Dad was sober both times",
                     "how_and_why": "He started at the alcohol service",
                     "score": "3: Too early to trust it", "wants": "A view on the plan"}
    wait_for_focus(qtbot, "What happened: Visited twice; Dad was sober both times")
    editor.go(Place(DISCUSSION, editor.place.discussion_id, SCALE), focus=True)  # after the mapping
    assert editor.place.step == SCALE
    note = editor.discussion_page.step_widget(SCALE).reflection_note  # type: ignore[attr-defined]
    assert note.text() == "In their reflection the worker scored 3: Too early to trust it"
    with db() as s:
        linked = s.scalars(select(Reflection)).one()
        discussion = s.get_one(CaseDiscussion, linked.discussion_id)
        assert discussion.case_id == north.case_ids["C-1002"]
