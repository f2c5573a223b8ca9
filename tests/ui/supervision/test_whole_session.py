"""A whole supervision session through the real widgets, from the keyboard: start it, edit the
agenda, discuss three children in the mapping order (what we are worried about, a danger
statement in its parts, what's working well, its safety goal in its parts with what is still
to write shown, what needs to happen, the child's voice, then the scores with their prompts,
decisions, actions), the worker's part, and ready to sign; then the database holds what was typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import RaterRole, SessionStatus
from db.models import Action, CaseDiscussion, Child, Decision, ScalingScore, SupervisionSession, Worry
from tests.conftest import FixedClock
from tests.ui.supervision.conftest import North
from tests.ui.supervision.driving import (
    ALT,
    CTRL,
    SHIFT,
    back_to_the_window,
    editor_of,
    focus_name,
    focused,
    next_step,
    press,
    replace_text,
    tab_to,
    type_text,
    wait_for_focus,
    wait_idle,
)
from ui.supervision.agenda_model import CHILD
from ui.supervision.flow import (
    ACTIONS,
    AGENDA,
    DECISIONS,
    DISCUSSION,
    GOALS,
    READY,
    SCALE,
    WORKER,
    WORRIES,
    Place,
)
from ui.supervision.screen import SupervisionScreen
from ui.supervision.start_dialog import StartSessionDialog

# What is said about each child, by the child's id: (what the adults do, worker score, manager score).
CHILDREN = {
    "C-1001": ("Mum's partner shouts and the children hide", 6, 7),
    "C-1002": ("Dad drinks and the children are left alone at night", 2, 6),
    "C-1003": ("The young person goes missing from care", 5, 5),
}
WHO, IMPACT, FUTURE = "School and the social worker", "The children are frightened", "They could be hurt"
CARERS, CHILD_FEELS, HOW_LONG = "A safe adult is home every night", "The children feel safe", "Six months"


def start_from_the_keyboard(qtbot: QtBot, screen: SupervisionScreen) -> StartSessionDialog:
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)  # "Start supervision…"
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.choices_loaded)
    dialog = screen.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.worker_combo.currentText() == "Alex Worker (North Team)"  # the caseload's worker
    assert dialog.present.text() == "North Team Manager, Alex Worker"
    tab_to(qtbot, "Meeting date and time")
    press(qtbot, Qt.Key.Key_Up)  # tomorrow: a meeting that has not happened yet
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.is_running)
    assert "is in the future" in dialog.error.text()
    assert "Enter the date and time the meeting actually happened" in dialog.error.text()
    assert screen.editor is None
    focused().setFocus()
    tab_to(qtbot, "Meeting date and time")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # yesterday
    tab_to(qtbot, "Duration in minutes")
    replace_text(qtbot, "75")
    press(qtbot, Qt.Key.Key_Return)
    return dialog


def edit_the_agenda(qtbot: QtBot, screen: SupervisionScreen) -> list[str]:
    editor = editor_of(screen)
    page = editor.agenda_page
    model = page.model
    children = [row.la_child_id for row in model.rows]
    assert sorted(children) == sorted(CHILDREN)
    assert all("Not yet discussed in supervision" in model.index(r, 2).data() for r in range(3))
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Down, ALT)  # the first child moves down one
    assert [row.la_child_id for row in model.rows] == [children[1], children[0], children[2]]
    press(qtbot, Qt.Key.Key_Up, ALT)
    press(qtbot, Qt.Key.Key_Down, ALT)
    order = [children[1], children[0], children[2]]
    assert [row.la_child_id for row in model.rows] == order
    press(qtbot, Qt.Key.Key_Delete)  # drop the selected child (the one just moved)...
    assert [row.la_child_id for row in model.rows] == [order[0], order[2]]
    qtbot.waitUntil(lambda: page.add_combo.count() == 1)
    press(qtbot, Qt.Key.Key_A, ALT)  # ...and add them back from the caseload, at the end
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    final = [order[0], order[2], order[1]]
    assert [row.la_child_id for row in model.rows] == final
    assert model.index(2, CHILD).data().endswith(f"({order[1]})") or model.index(2, CHILD).data() == order[1]
    return final


def discuss_child(qtbot: QtBot, screen: SupervisionScreen, child: str, number: int) -> None:
    editor = editor_of(screen)
    what, worker_score, manager_score = CHILDREN[child]
    assert editor.place.page == DISCUSSION
    # Gather and analyse first: the first column, then the danger statements.
    assert editor.place.step == "section:worried"
    assert editor.discussion_page.step_label.text() == "Step 1 of 9: What are we worried about?"
    wait_for_focus(qtbot, "Harm: what has happened to the child that worries us?")
    type_text(qtbot, f"Harm to {child}: bruising seen at school")

    next_step(qtbot)
    assert editor.place.step == WORRIES
    assert editor.discussion_page.step_label.text() == "Step 2 of 9: Danger statements"
    press(qtbot, Qt.Key.Key_A, ALT)  # "Add danger statement"
    wait_for_focus(qtbot, "Who is worried (Danger statement 1)")
    row = editor.discussion_page.step_widget(WORRIES).rows  # type: ignore[attr-defined]
    statement_row = next(iter(row.values()))
    assert "who is worried" in statement_row.gaps.label.text()  # what is still to write, shown
    type_text(qtbot, WHO)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "What the adults do or fail to do (Danger statement 1)"
    type_text(qtbot, what)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "The impact on the child (Danger statement 1)"
    type_text(qtbot, IMPACT)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "What may happen if nothing changes (Danger statement 1)"
    type_text(qtbot, FUTURE)
    # Saved and read back: nothing required is left to write (the family's view is optional).
    qtbot.waitUntil(lambda: statement_row.gaps.isHidden(), timeout=10_000)

    next_step(qtbot)
    wait_for_focus(qtbot, "Existing strengths: what is going well for this child and family?")
    type_text(qtbot, "Nan helps\nSchool is supportive")
    tab_to(qtbot, "Existing safety: when has the child been kept safe, even when the worry was present?")
    type_text(qtbot, "Mum called the police")

    next_step(qtbot)
    assert editor.place.step == GOALS
    wait_for_focus(qtbot, "What the carers will be doing (Safety goal 1)")
    goal_row = next(iter(editor.discussion_page.step_widget(GOALS).rows.values()))  # type: ignore[attr-defined]
    assert what in goal_row.about.text()  # the statement this goal answers
    assert "for how long" in goal_row.gaps.label.text()
    type_text(qtbot, CARERS)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "What the child will experience (Safety goal 1)"
    type_text(qtbot, CHILD_FEELS)
    qtbot.waitUntil(lambda: goal_row.gaps.label.text() == "Still to write: for how long", timeout=10_000)
    tab_to(qtbot, "For how long (Safety goal 1)")
    type_text(qtbot, HOW_LONG)
    qtbot.waitUntil(lambda: goal_row.gaps.isHidden(), timeout=10_000)

    next_step(qtbot)
    wait_for_focus(qtbot, "Next steps: what needs to happen next towards the safety goals?")
    type_text(qtbot, "Safety plan meeting")
    next_step(qtbot)
    wait_for_focus(qtbot, "What does the child say, and what do we know of their experience?")
    type_text(qtbot, f"{child} says: I like my nan's house")

    # Then the judgement: the scale, after everything it rests on.
    next_step(qtbot)
    assert editor.place.step == SCALE
    wait_for_focus(qtbot, "Worker's score on scale 1")
    assert editor.discussion_page.chart_panel.isVisible()  # the history stays in view
    replace_text(qtbot, str(worker_score))
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "The plan is holding")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Manager's score on scale 1"
    replace_text(qtbot, str(manager_score))
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Agree with the worker")
    scale = editor.discussion_page.step_widget(SCALE)
    if worker_score <= 2:
        # A score of 2 asks for the escalation decision; 2 and 6 ask for the difference.
        qtbot.waitUntil(lambda: scale.escalation.isVisible() and scale.difference.isVisible(),
                        timeout=10_000)
        messages = [n.text() for n in scale.prompt_notices]
        assert any("at or below the escalation point" in m for m in messages)
        assert any("4 apart" in m for m in messages)
        tab_to(qtbot, "Escalation decision")
        type_text(qtbot, "Strategy discussion today")
        tab_to(qtbot, "What was agreed about the difference in scores")
        type_text(qtbot, "The manager has seen the new plan")
    tab_to(qtbot, "What would one step higher on the scale look like?")
    type_text(qtbot, "Dad goes to the alcohol service")

    next_step(qtbot)
    assert editor.place.step == DECISIONS
    wait_for_focus(qtbot, "Add decision")
    press(qtbot, Qt.Key.Key_D, ALT)
    wait_for_focus(qtbot, "Decision 1")
    type_text(qtbot, "Stay on the plan")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Why (decision 1)"
    type_text(qtbot, "It is working")
    tab_to(qtbot, "Impact: because we have done …, the result has been …")
    type_text(qtbot, "Because we met nan, the result is a plan")
    next_step(qtbot)
    wait_for_focus(qtbot, "Add action")
    press(qtbot, Qt.Key.Key_A, ALT)
    wait_for_focus(qtbot, "What will happen (action 1)")
    type_text(qtbot, f"Visit {child} weekly")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Who (action 1)"
    type_text(qtbot, "Alex Worker")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "By when (action 1)"
    press(qtbot, Qt.Key.Key_Up)  # from "Not set" to today...
    assert editor.discussion_page.step_widget(ACTIONS).rows_box.itemAt(0).widget().when.date_value() \
        == dt.date(2026, 11, 26)
    press(qtbot, Qt.Key.Key_Tab)  # a date's Tab goes to its next part, the month...
    assert focus_name() == "By when (action 1)"
    press(qtbot, Qt.Key.Key_Up)  # ...a month on
    next_step(qtbot)


def test_a_whole_session_from_the_keyboard_ends_ready_to_sign_with_everything_typed(
    qtbot: QtBot, screen: SupervisionScreen, north: North, db: DbFactory,
    clock: FixedClock,
) -> None:
    start_from_the_keyboard(qtbot, screen)
    qtbot.waitUntil(lambda: screen.editor is not None, timeout=10_000)
    back_to_the_window(qtbot, screen)
    editor = editor_of(screen)
    assert editor.place == Place(AGENDA)
    order = edit_the_agenda(qtbot, screen)
    press(qtbot, Qt.Key.Key_D, ALT)  # "Discuss"
    for number, child in enumerate(order, start=1):
        qtbot.waitUntil(lambda: editor.place.page == DISCUSSION)
        assert editor.page_title.text() == f"Child {number} of 3"
        discuss_child(qtbot, screen, child, number)
    assert editor.place == Place(WORKER)
    wait_for_focus(qtbot, "Workload: how manageable is your caseload at the moment?")
    type_text(qtbot, "Heavy this month, 18 children")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Wellbeing: how are you, and what support would help?"
    type_text(qtbot, "Tired but supported")
    next_step(qtbot)
    assert editor.place == Place(READY)
    ready = editor.ready_page
    qtbot.waitUntil(lambda: ready.checked, timeout=10_000)
    missing = [ready.model.index(r, 0).data() for r in range(ready.model.rowCount())]
    assert missing == []
    press(qtbot, Qt.Key.Key_M, ALT)  # "Mark ready to sign"
    qtbot.waitUntil(lambda: not editor.state.editable, timeout=10_000)
    assert ready.ready_notice.isVisible()
    assert "ready to sign" in editor.title.text()
    wait_idle(qtbot, screen)

    with db() as s:
        session = s.scalars(select(SupervisionSession)).one()
        assert session.status is SessionStatus.READY_TO_SIGN
        assert session.supervisor_id == north.manager_id
        assert session.supervisee_id == north.alex.id
        assert session.meeting_at == clock() - dt.timedelta(days=1)
        assert session.duration_minutes == 75
        assert session.present == ["North Team Manager", "Alex Worker"]
        assert session.workload == "Heavy this month, 18 children"
        assert session.wellbeing == "Tired but supported"
        discussions = {child: d for d, child in s.execute(
            select(CaseDiscussion, Child.la_child_id).join(Child, Child.id == CaseDiscussion.child_id))}
        assert [discussions[c].agenda_position for c in order] == [0, 1, 2]
        for child, (what, worker_score, manager_score) in CHILDREN.items():
            d = discussions[child]
            assert d.answers["harm"] == f"Harm to {child}: bruising seen at school"
            assert d.answers["existing_strengths"] == ["Nan helps", "School is supportive"]
            assert d.answers["one_step_higher"] == "Dad goes to the alcohol service"
            assert d.child_voice == f"{child} says: I like my nan's house"
            assert d.impact_statement == "Because we met nan, the result is a plan"
            worry = s.scalars(select(Worry).where(Worry.case_id == d.case_id)).one()
            assert worry.parts == {"who_is_worried": WHO, "what_adults_do": what, "impact_on_child": IMPACT,
                                   "if_nothing_changes": FUTURE, "carers_will": CARERS,
                                   "child_will_experience": CHILD_FEELS, "time_frame": HOW_LONG}
            composed = f"{WHO}: {what}. {IMPACT}. If nothing changes, they could be hurt."
            assert worry.danger_statement == composed
            assert worry.safety_goal == f"{CARERS}. {CHILD_FEELS}. For how long: {HOW_LONG}."
            scores = {row.rater_role: (row.score, row.reason) for row in
                      s.scalars(select(ScalingScore).where(ScalingScore.discussion_id == d.id))}
            assert scores == {RaterRole.WORKER: (worker_score, "The plan is holding"),
                              RaterRole.SUPERVISOR: (manager_score, "Agree with the worker")}
            decision = s.scalars(select(Decision).where(Decision.discussion_id == d.id)).one()
            assert (decision.text, decision.rationale) == ("Stay on the plan", "It is working")
            action = s.scalars(select(Action).where(Action.discussion_id == d.id)).one()
            assert (action.description, action.owner_name) == (f"Visit {child} weekly", "Alex Worker")
            assert action.due_date == dt.date(2026, 12, 26)
        assert discussions["C-1002"].escalation_decision == "Strategy discussion today"
        assert discussions["C-1002"].score_difference_note == "The manager has seen the new plan"
        assert discussions["C-1001"].escalation_decision == ""
