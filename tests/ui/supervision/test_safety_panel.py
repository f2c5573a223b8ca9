"""The safety panel in a session: the manager adds a network member, the safety plan and a
Three Houses entry with the child's drawing for a looked-after child; a file that is not an
image is refused in the panel and nothing is stored; the warning for no recent direct work
shows above the steps and goes once there is some."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import DirectWorkTool, SafetyPlanStatus
from db.models import ActionLink, CaseDiscussion, DirectWork, DirectWorkDrawing, NetworkMember, SafetyPlan
from tests.ui.supervision.conftest import North, open_in, started_session
from tests.workbench.supervision.test_safety_and_direct_work_db import png_bytes
from ui.services import AppServices
from ui.supervision.flow import ACTIONS, DISCUSSION, WORRIES, Place
from ui.supervision.screen import SupervisionScreen


def _count(db: DbFactory, model: type) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_network_plan_and_three_houses_with_a_drawing_for_a_looked_after_child(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, tmp_path: Path,
) -> None:
    session_id = started_session(services, north, children=("C-1003",))
    with db() as s:
        discussion_id = s.scalar(select(CaseDiscussion.id).where(CaseDiscussion.session_id == session_id))
    assert discussion_id is not None
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, discussion_id, WORRIES), focus=True)
    page = editor.discussion_page
    panel = page.case_panel
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    # Ben has no direct work recorded: the warning is above the steps, whichever step is shown.
    qtbot.waitUntil(lambda: page.direct_work_notice.isVisible())
    assert "No direct work with this child is recorded" in page.direct_work_notice.text()
    assert "every 12 weeks" in page.direct_work_notice.text()

    page.case_button.click()
    qtbot.waitUntil(panel.isVisible)
    panel.member_name.setText("Grace Okafor")
    panel.member_relationship.setText("foster carer")
    panel.member_role.setText("Ben lives with her; she rings the worker if he goes missing")
    panel.add_member_button.click()
    qtbot.waitUntil(lambda: panel.network_model.rowCount() == 1, timeout=10_000)
    assert panel.network_model.item(0, 0).text() == "Grace Okafor"

    panel.plan_status.setCurrentIndex(panel.plan_status.findData(SafetyPlanStatus.AGREED))
    panel.plan_rules.setPlainText("Ben tells Grace where he is going\nIf Ben is late, Grace rings Dad first")
    panel.has_review.setChecked(True)
    panel.review_date.setDate(QDate(2027, 2, 1))
    panel.save_plan_button.click()
    qtbot.waitUntil(lambda: _count(db, SafetyPlan) == 1, timeout=10_000)

    work = panel.direct_work
    # A file that is not an image: refused with a message, nothing stored.
    bad = tmp_path / "notes.txt"
    bad.write_text("not a drawing")
    work.tool.setCurrentIndex(work.tool.findData(DirectWorkTool.THREE_HOUSES))
    work.part_boxes[0].setPlainText("When I can't see my brother")
    work.add_drawing_files([str(bad)])
    work.save_button.click()
    qtbot.waitUntil(lambda: panel.notice.isVisible(), timeout=10_000)
    assert "notes.txt is not a PNG, JPEG or PDF file" in panel.notice.text()
    assert _count(db, DirectWork) == 0
    assert work.part_boxes[0].toPlainText() == "When I can't see my brother"  # still on the screen

    drawing = tmp_path / "three-houses.png"
    drawing.write_bytes(png_bytes(600, 400, "skyblue"))
    work.clear_drawings_button.click()
    work.add_drawing_files([str(drawing)])
    assert work.drawings_label.text() == "three-houses.png"
    work.part_boxes[1].setPlainText("Grace's dog Pepper, football on Saturdays")
    work.part_boxes[2].setPlainText("To live with my brother again")
    work.save_button.click()
    qtbot.waitUntil(lambda: work.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: work.preview.pixmap() is not None and not work.preview.pixmap().isNull())
    assert "House of worries: “When I can't see my brother”" in work.model.item(0, 4).text()
    assert not panel.notice.isVisible()
    qtbot.waitUntil(lambda: not page.direct_work_notice.isVisible())
    assert "latest direct work" in page.facts_label.text()
    if os.environ.get("WORKBENCH_SAVE_SHOTS"):  # to look at it: WORKBENCH_SAVE_SHOTS=DIR
        screen.grab().save(str(Path(os.environ["WORKBENCH_SAVE_SHOTS"]) / "safety-panel.png"))
        panel.ensureWidgetVisible(work.table)
        screen.grab().save(str(Path(os.environ["WORKBENCH_SAVE_SHOTS"]) / "direct-work-panel.png"))

    with db() as s:
        member = s.scalars(select(NetworkMember)).one()
        plan = s.scalars(select(SafetyPlan)).one()
        entry = s.scalars(select(DirectWork)).one()
        drawings = s.scalars(select(DirectWorkDrawing)).all()
    assert (member.name, member.relationship_to_child) == ("Grace Okafor", "foster carer")
    assert plan.status is SafetyPlanStatus.AGREED
    assert plan.rules == ["Ben tells Grace where he is going", "If Ben is late, Grace rings Dad first"]
    assert plan.review_date is not None
    assert plan.review_date.isoformat() == "2027-02-01"
    assert entry.tool is DirectWorkTool.THREE_HOUSES
    assert entry.words == {"worries": "When I can't see my brother",
                           "good_things": "Grace's dog Pepper, football on Saturdays",
                           "dreams": "To live with my brother again"}
    assert [d.file_name for d in drawings] == ["three-houses.png"]

    # Moving to a step shows the step again.
    editor.go(Place(DISCUSSION, discussion_id, WORRIES), focus=True)
    assert not panel.isVisible()
    assert not page.case_button.isChecked()

    # A next step can be about a network member.
    editor.go(Place(DISCUSSION, discussion_id, ACTIONS), focus=True)
    step = page.step_widget(ACTIONS)
    step.add()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(step.rows) == 1, timeout=10_000)  # type: ignore[attr-defined]
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: row.about.count() == 3)
    assert row.about.itemText(2) == "Network: Grace Okafor (foster carer)"
    row.about.setCurrentIndex(2)
    row.about.activated.emit(2)
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    with db() as s:
        link = s.scalars(select(ActionLink)).one()
    assert link.network_member_id == member.id


def test_a_plan_saved_by_someone_else_meanwhile_is_not_overwritten(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    from workbench.supervision.safety_plan import save_safety_plan

    session_id = started_session(services, north, children=("C-1003",))
    with db() as s:
        discussion = s.scalars(select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)).one()
        discussion_id, case_id = discussion.id, discussion.case_id
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, discussion_id, WORRIES), focus=True)
    panel = editor.discussion_page.case_panel
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    editor.discussion_page.case_button.click()
    # The worker saves a plan at their own desk while the manager has the panel open.
    save_safety_plan(panel.state.ctx, case_id, status=SafetyPlanStatus.BEING_BUILT,
                     rules=["Grace keeps the spare key"], review_date=None)
    mine = "Ben tells Grace where he is going"
    panel.plan_rules.setPlainText(mine)
    panel.save_plan_button.click()
    qtbot.waitUntil(lambda: "The plan saved meanwhile" in panel.notice.text(), timeout=10_000)
    assert "changed by someone else" in panel.notice.text()
    assert "Grace keeps the spare key" in panel.notice.text()
    assert panel.plan_rules.toPlainText() == mine  # the manager's text is still there
    with db() as s:
        assert s.scalars(select(SafetyPlan.rules)).one() == ["Grace keeps the spare key"]
    # Saving again, having seen theirs, keeps the manager's plan.
    panel.save_plan_button.click()
    qtbot.waitUntil(lambda: _stored_rules(db) == [mine], timeout=10_000)
    qtbot.waitUntil(lambda: not panel.notice.isVisible(), timeout=10_000)


def _stored_rules(db: DbFactory) -> list[str]:
    with db() as s:
        return list(s.scalars(select(SafetyPlan.rules)).one())
