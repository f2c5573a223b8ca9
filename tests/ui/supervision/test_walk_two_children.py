"""A looked-after child and a child in need walked with Next through the mapping order (actions
reviewed, worries, what's working well, goals, what needs to happen, the child's voice, then the
scale, decisions and actions), each scored on their own wording by several voices, the
looked-after child's Three Houses recorded with a drawing on the way."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import DirectWorkTool, RaterRole
from db.models import DirectWork, DirectWorkDrawing
from tests.ui.supervision.conftest import North, open_in, started_session
from tests.ui.supervision.test_scale_voices import add_voice, scale_step, texts
from tests.ui.supervision.test_session_features import discussion_ids
from tests.workbench.supervision.test_safety_and_direct_work_db import png_bytes
from ui.services import AppServices
from ui.supervision.editor import SessionEditor
from ui.supervision.flow import ACTIONS, DECISIONS, DISCUSSION, GOALS, SCALE, WORRIES, Place
from ui.supervision.screen import SupervisionScreen

VOICE = "section:child_voice"


def walk(qtbot: QtBot, editor: SessionEditor, discussion_id: int) -> list[str]:
    """The steps Next walks through for one child, from their first."""
    first = next(p for p in editor.places() if p.discussion_id == discussion_id)
    editor.go(first, focus=True)
    steps = []
    while editor.place.discussion_id == discussion_id:
        here = editor.place
        steps.append(str(here.step))
        editor.next_button.click()
        qtbot.waitUntil(lambda here=here: editor.place != here, timeout=10_000)  # type: ignore[misc]
    return steps


def test_a_looked_after_child_and_a_child_in_need_in_the_mapping_order_with_voices_and_a_drawing(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, tmp_path: Path,
) -> None:
    session_id = started_session(services, north, children=("C-1003", "C-1001"))
    looked_after, in_need = discussion_ids(db, session_id)
    editor = open_in(qtbot, screen, session_id, north)

    for discussion_id in (looked_after, in_need):
        steps = walk(qtbot, editor, discussion_id)
        order = [WORRIES, "section:working_well", GOALS, "section:needs_to_happen", VOICE, SCALE, DECISIONS,
                 ACTIONS]
        assert [s for s in steps if s in order] == order, steps
        assert steps[-1] == ACTIONS

    # The looked-after child's Three Houses, with their drawing, from the child's voice step.
    editor.go(Place(DISCUSSION, looked_after, VOICE), focus=True)
    page = editor.discussion_page
    panel = page.case_panel
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    page.case_button.click()
    qtbot.waitUntil(panel.isVisible)
    work = panel.direct_work
    work.tool.setCurrentIndex(work.tool.findData(DirectWorkTool.THREE_HOUSES))
    drawing = tmp_path / "my-houses.png"
    drawing.write_bytes(png_bytes(500, 350, "orange"))
    work.add_drawing_files([str(drawing)])
    for box, words in zip(work.part_boxes, ("Moving again", "My carer's dog", "Staying here"), strict=False):
        box.setPlainText(words)
    work.save_button.click()
    qtbot.waitUntil(lambda: work.model.rowCount() == 1, timeout=10_000)

    # Several voices on each child's own wording.
    step = scale_step(qtbot, editor, looked_after)
    assert "the child is settled, safe and belongs in a home that will last" in texts(step)
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    row.boxes[RaterRole.WORKER].setValue(6)
    row.reasons[RaterRole.WORKER].setText("Settled since contact was agreed")
    add_voice(qtbot, editor, row.voices, "The child", "Ben", 7, "I like it here")
    add_voice(qtbot, editor, row.voices, "Parent or carer", "Foster carer Grace", 7, "He is settling")
    step = scale_step(qtbot, editor, in_need)
    assert "the family no longer needs our help" in texts(step)
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    add_voice(qtbot, editor, row.voices, "Parent or carer", "Mum", 6, "We are getting there")
    add_voice(qtbot, editor, row.voices, "Other professional", "Ms Shah", 5, "Attendance is up",
              agency="Oakfield Primary School")
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)

    roles = {d: {s.rater for s in editor.state.discussion(d).scores} for d in (looked_after, in_need)}
    assert roles[looked_after] >= {RaterRole.WORKER, RaterRole.CHILD, RaterRole.PARENT}
    assert roles[in_need] >= {RaterRole.PARENT, RaterRole.PROFESSIONAL}
    with db() as s:
        entry = s.scalars(select(DirectWork)).one()
        drawings = s.scalars(select(DirectWorkDrawing)).all()
    assert entry.tool is DirectWorkTool.THREE_HOUSES
    assert entry.words["worries"] == "Moving again"
    assert [d.file_name for d in drawings] == ["my-houses.png"]
