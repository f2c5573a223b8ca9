"""The session editor's rules through its widgets: a late record says so, blind scaling hides
scores until both are in, undo and redo reach the database, a restart reopens the draft where
it was left, "ready to sign" says what is missing and goes there, dropping a child who has
notes asks first, and early help's own words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import ActionStatus, RaterRole, SessionStatus
from db.models import Action, CaseDiscussion, ScalingScore, SupervisionSession
from tests.conftest import FixedClock
from tests.ui.supervision.conftest import North, context_for, open_in, show, started_session
from tests.ui.supervision.driving import (
    ALT,
    CTRL,
    SHIFT,
    focus_name,
    next_step,
    press,
    replace_text,
    tab_to,
    type_text,
    wait_for_focus,
)
from ui.services import AppServices
from ui.supervision.discussion_page import visible_history
from ui.supervision.flow import ACTIONS, AGENDA, DISCUSSION, GOALS, READY, REVIEW, SCALE, WORRIES, Place
from ui.supervision.screen import SupervisionScreen
from workbench.supervision.loading import load_discussion

HARM = "Harm: what has happened to the child that worries us?"


def add_worry(services: AppServices, north: North, discussion_id: int, statement: str = "Dad drinks") -> int:
    from workbench.supervision.worries import add_worry as add

    return add(context_for(services, north), discussion_id, statement, "A sober adult at home").worry_id


def discussion_ids(db: DbFactory, session_id: int) -> list[int]:
    with db() as s:
        return list(s.scalars(select(CaseDiscussion.id).where(CaseDiscussion.session_id == session_id)
                              .order_by(CaseDiscussion.agenda_position)))


def test_a_record_started_more_than_a_week_after_the_meeting_says_so(
    qtbot: QtBot, screen: SupervisionScreen, clock: FixedClock,
) -> None:
    qtbot.keyClick(screen.start_button, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.choices_loaded)
    dialog = screen.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    tab_to(qtbot, "Meeting date and time")
    press(qtbot, Qt.Key.Key_PageDown)  # ten days back
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.editor is not None, timeout=10_000)
    notice = screen.editor.agenda_page.late_notice  # type: ignore[union-attr]
    assert notice.isVisible()
    assert notice.text() == ("Recorded late: this note was started on 26/11/2026, 10 days after the "
                             "meeting on 16/11/2026.")


def test_blind_scaling_hides_each_score_until_both_have_scored(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, blind=True, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    add_worry(services, north, first)
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, SCALE), focus=True)
    step = editor.discussion_page.step_widget(SCALE)
    assert step.blind_note.isVisible()  # type: ignore[attr-defined]
    row = next(iter(step.rows.values()))  # type: ignore[attr-defined]
    worker_box, manager_box = row.boxes[RaterRole.WORKER], row.boxes[RaterRole.SUPERVISOR]
    wait_for_focus(qtbot, "Worker's score on scale 1")
    replace_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Nothing has changed")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the reason saves it
    qtbot.waitUntil(lambda: editor.all_saved and len(editor.state.discussion(first).scores) == 1,
                    timeout=10_000)
    inner = worker_box.findChild(QLineEdit)
    assert inner.echoMode() is QLineEdit.EchoMode.Password  # the manager cannot see it yet
    assert row.reasons[RaterRole.WORKER].echoMode() is QLineEdit.EchoMode.Password
    # No prompt either: an escalation prompt would give the hidden score away.
    assert not [n for n in step.prompt_notices if n.isVisible()]  # type: ignore[attr-defined]
    # Nor the chart: this discussion's hidden score is left out of the history drawn.
    assert visible_history(editor.state.discussion(first), blind=True).points == ()
    assert focus_name() == "Manager's score on scale 1"
    replace_text(qtbot, "6")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "School says better")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: inner.echoMode() is QLineEdit.EchoMode.Normal, timeout=10_000)
    assert manager_box.findChild(QLineEdit).echoMode() is QLineEdit.EchoMode.Normal
    assert worker_box.score() == 2
    messages = [n.text() for n in step.prompt_notices]  # type: ignore[attr-defined]
    assert any("at or below the escalation point (2)" in m for m in messages)
    assert any("4 apart" in m for m in messages)
    assert len(visible_history(editor.state.discussion(first), blind=True).points) == 2


def test_undo_and_redo_in_a_box_are_saved_too(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, "section:worried"), focus=True)
    wait_for_focus(qtbot, HARM)
    type_text(qtbot, "Bruise on the arm")
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    press(qtbot, Qt.Key.Key_Z, CTRL)  # undo the typing
    press(qtbot, Qt.Key.Key_Tab)  # leave the box: saved now
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)

    def harm() -> object:
        with db() as s:
            return s.get_one(CaseDiscussion, first).answers.get("harm")

    assert harm() is None  # an empty answer is no answer
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focus_name() == HARM
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)  # redo
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    assert harm() == "Bruise on the arm"


def test_the_draft_reopens_where_it_was_left(
    qtbot: QtBot, services: AppServices, north: North, db: DbFactory,
) -> None:
    session_id = started_session(services, north)
    second = discussion_ids(db, session_id)[1]
    first_screen = SupervisionScreen(services)
    show(qtbot, first_screen)
    qtbot.waitUntil(lambda: first_screen.editor is not None, timeout=10_000)  # the draft opens by itself
    editor = first_screen.editor
    assert editor is not None
    assert editor.place == Place(AGENDA)
    editor.go(Place(DISCUSSION, second, "section:working_well"), focus=True)
    type_text(qtbot, "Grandad visits daily")
    first_screen.close()  # closing writes what was typed at once
    assert editor.all_saved

    again = SupervisionScreen(services)
    show(qtbot, again)
    qtbot.waitUntil(lambda: again.editor is not None, timeout=10_000)
    reopened = again.editor
    assert reopened is not None
    assert reopened.place == Place(DISCUSSION, second, "section:working_well")
    box = reopened.discussion_page.step_widget("section:working_well").form.inputs[  # type: ignore[attr-defined]
        "existing_strengths"]
    assert box.toPlainText() == "Grandad visits daily"
    assert again.draft_label.text().startswith("In draft: supervision with Alex Worker")


def test_signing_out_writes_what_was_typed_at_once(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, "section:worried"), focus=True)
    wait_for_focus(qtbot, HARM)
    type_text(qtbot, "Typed just before signing out")
    screen.finish()  # what the main window calls before it takes the screens away
    with db() as s:
        assert s.get_one(CaseDiscussion, first).answers["harm"] == "Typed just before signing out"


def test_ready_to_sign_lists_what_is_missing_and_goes_there(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(READY), focus=True)
    ready = editor.ready_page
    qtbot.waitUntil(lambda: ready.checked, timeout=10_000)
    missing = [ready.model.index(r, 0).data() for r in range(ready.model.rowCount())]
    assert missing[0] == ("The worker's part: answer 'Workload: how manageable is your caseload at "
                          "the moment?'")  # the session first, then child by child
    assert f"Ada Smith: answer '{HARM}'" in missing
    assert any(m.startswith("Ada Smith: add at least 1 danger statement") for m in missing)
    press(qtbot, Qt.Key.Key_M, ALT)  # "Mark ready to sign" is refused, the list stays
    qtbot.waitUntil(lambda: ready.summary.text().startswith(f"{len(missing)} thing"), timeout=10_000)
    with db() as s:
        assert s.get_one(SupervisionSession, session_id).status is SessionStatus.DRAFT
    ready.list.setFocus()
    row = missing.index(f"Ada Smith: answer '{HARM}'")
    ready.list.setCurrentIndex(ready.model.index(row, 0))
    press(qtbot, Qt.Key.Key_Return)
    assert editor.place == Place(DISCUSSION, first, "section:worried")
    wait_for_focus(qtbot, HARM)


def test_dropping_a_child_with_notes_asks_first(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north)
    first = discussion_ids(db, session_id)[0]
    add_worry(services, north, first)
    editor = open_in(qtbot, screen, session_id, north)
    table = editor.agenda_page.table
    table.setFocus()
    table.selectRow(0)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "What was recorded for them in this session will be removed" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # no: nothing changes
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert editor.agenda_page.model.rowCount() == 2
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    table.setFocus()
    table.selectRow(0)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: editor.all_saved and editor.agenda_page.model.rowCount() == 1, timeout=10_000)
    remaining = discussion_ids(db, session_id)
    assert len(remaining) == 1
    assert first not in remaining


def test_worries_are_closed_with_a_reason_and_more_than_three_open_ones_nudge(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    for number in range(3):
        add_worry(services, north, first, f"Worry {number}")
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, WORRIES), focus=True)
    step = editor.discussion_page.step_widget(WORRIES)
    assert not step.nudge.isVisible()  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_A, ALT)  # a fourth
    wait_for_focus(qtbot, "Who is worried (Danger statement 4)")
    qtbot.waitUntil(lambda: step.nudge.isVisible())  # type: ignore[attr-defined]
    assert step.nudge.text() == ("There are 4 open danger statements. Councils advise no more than three: "  # type: ignore[attr-defined]
                                 "can any be combined or closed?")
    type_text(qtbot, "The school")
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    assert [w.parts for w in load_discussion(context_for(services, north), first).worries][-1] \
        == {"who_is_worried": "The school"}


def test_last_sessions_actions_are_reviewed_done_carried_or_dropped_with_a_reason(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, clock: FixedClock,
) -> None:
    from workbench.supervision.actions import add_action

    ctx = context_for(services, north)
    earlier = started_session(services, north, days_ago=30, children=("C-1001",))
    earlier_discussion = discussion_ids(db, earlier)[0]
    dropped = add_action(ctx, earlier_discussion, "Chase the GP", owner_name="Alex Worker",
                         due_date=clock().date() - dt.timedelta(days=10))
    carried = add_action(ctx, earlier_discussion, "Book the family meeting", owner_name="Alex Worker",
                         due_date=clock().date() + dt.timedelta(days=3))
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    # Last time's actions are the first step of the child's discussion.
    assert editor.places()[1] == Place(DISCUSSION, first, REVIEW)
    editor.go(Place(DISCUSSION, first, REVIEW), focus=True)
    step = editor.discussion_page.step_widget(REVIEW)
    reviews = step.reviews  # type: ignore[attr-defined]
    assert set(reviews) == {dropped, carried}
    wait_for_focus(qtbot, "Outcome of earlier action 1")
    summary = reviews[dropped].outcome.accessibleDescription()
    assert summary == "Chase the GP — Alex Worker, by 16 Nov 2026 (overdue)"
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)  # Not reviewed yet -> Done -> Carried -> Dropped
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Why earlier action 1 was dropped"
    type_text(qtbot, "The GP replied")
    tab_to(qtbot, "Outcome of earlier action 2")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # carried forward: a copy joins this session's actions
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    editor.go(Place(DISCUSSION, first, ACTIONS), focus=True)  # the actions agreed, at the end
    agreed = editor.discussion_page.step_widget(ACTIONS)
    qtbot.waitUntil(lambda: len(agreed.rows) == 1, timeout=10_000)  # type: ignore[attr-defined]
    with db() as s:
        chase = s.get_one(Action, dropped)
        assert (chase.status, chase.status_reason, chase.reviewed_in_id) == (
            ActionStatus.DROPPED, "The GP replied", first)
        assert s.get_one(Action, carried).status is ActionStatus.CARRIED
        copy = s.scalars(select(Action).where(Action.carried_from_id == carried)).one()
        assert (copy.discussion_id, copy.description, copy.status) == (first, "Book the family meeting",
                                                                      ActionStatus.OPEN)


def test_early_help_sessions_use_their_own_words(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",), question_set="early-help")
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, WORRIES), focus=True)
    assert editor.set_label.text() == "Early help supervision: worries, wellbeing goals and the scale (v4)"
    assert editor.discussion_page.step_label.text().endswith("Worry statements")
    wait_for_focus(qtbot, "Add worry statement")
    press(qtbot, Qt.Key.Key_A, ALT)
    wait_for_focus(qtbot, "Who is worried (Worry statement 1)")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "What is happening at home (Worry statement 1)"
    next_step(qtbot)
    assert editor.discussion_page.step_label.text().endswith("What's working well?")
    next_step(qtbot)
    assert editor.discussion_page.step_label.text().endswith("Wellbeing goals")
    wait_for_focus(qtbot, "What the family will be doing (Wellbeing goal 1)")
    with db() as s:
        assert s.scalars(select(ScalingScore)).all() == []


def test_a_session_held_with_an_older_set_keeps_free_text_worries_in_the_new_order(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    session_id = started_session(services, north, children=("C-1001",), question_set="early-help", version=2)
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    assert [p.step for p in editor.places()[1:4]] == ["section:worried", WORRIES, "section:working_well"]
    editor.go(Place(DISCUSSION, first, WORRIES), focus=True)
    assert editor.set_label.text() == "Early help supervision: worries, wellbeing goals and the scale (v2)"
    press(qtbot, Qt.Key.Key_A, ALT)
    wait_for_focus(qtbot, "Worry statement 1")  # one box, as the set was written
    type_text(qtbot, "Mum is low and the children miss school")
    next_step(qtbot)
    next_step(qtbot)
    assert editor.place.step == GOALS
    wait_for_focus(qtbot, "Wellbeing goal 1")
    type_text(qtbot, "The children are in school every day for a term")
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    worry = load_discussion(context_for(services, north), first).worries[0]
    assert (worry.danger_statement, worry.safety_goal, dict(worry.parts)) == (
        "Mum is low and the children miss school", "The children are in school every day for a term", {})


def test_a_worry_carried_forward_is_reworded_or_closed_with_a_reason(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory,
) -> None:
    from db.models import Worry, WorryRevision

    earlier = started_session(services, north, days_ago=30, children=("C-1001",))
    kept = add_worry(services, north, discussion_ids(db, earlier)[0], "Dad drinks")
    closed = add_worry(services, north, discussion_ids(db, earlier)[0], "No heating")
    session_id = started_session(services, north, children=("C-1001",))
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, WORRIES), focus=True)
    step = editor.discussion_page.step_widget(WORRIES)
    rows = step.rows  # type: ignore[attr-defined]
    assert rows[kept].heading.text() == "Danger statement 1 (carried forward)"
    # Written as one sentence before: shown while it is written again in its parts.
    assert rows[kept].earlier.text().endswith(": Dad drinks")
    wait_for_focus(qtbot, "Who is worried (Danger statement 1)")
    type_text(qtbot, "The school")  # rewording it, in parts
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Dad drinks at weekends")
    tab_to(qtbot, "Close danger statement 2")
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == "Why danger statement 2 is closed"
    type_text(qtbot, "The boiler was fixed")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    qtbot.waitUntil(lambda: rows[kept].heading.text() == "Danger statement 1 (carried forward, reworded)",
                    timeout=10_000)
    with db() as s:
        assert s.get_one(Worry, kept).danger_statement == "The school: Dad drinks at weekends."
        revision = s.scalars(select(WorryRevision).where(WorryRevision.discussion_id == first)).one()
        assert revision.worry_id == kept  # the earlier wording stays with the earlier session
        assert revision.parts == {"who_is_worried": "The school", "what_adults_do": "Dad drinks at weekends"}
        before = s.scalars(select(WorryRevision).where(WorryRevision.worry_id == kept)
                           .order_by(WorryRevision.id)).first()
        assert before is not None
        assert (before.danger_statement, before.parts) == ("Dad drinks", None)
        gone = s.get_one(Worry, closed)
        assert (gone.closed_in_id, gone.closed_reason) == (first, "The boiler was fixed")
    # Only the open worry is scaled.
    editor.go(Place(DISCUSSION, first, SCALE))
    scale = editor.discussion_page.step_widget(SCALE)
    assert list(scale.rows) == [kept]  # type: ignore[attr-defined]


def test_each_kind_of_question_has_its_own_input_and_is_saved(
    qtbot: QtBot, screen: SupervisionScreen, services: AppServices, north: North,
    db: DbFactory, clock: FixedClock,
) -> None:
    # Version 1 of the set has a question of every kind (v2 asks the network on the scale itself).
    session_id = started_session(services, north, children=("C-1001",), version=1)
    first = discussion_ids(db, session_id)[0]
    editor = open_in(qtbot, screen, session_id, north)
    editor.go(Place(DISCUSSION, first, "section:needs_to_happen"), focus=True)
    tab_to(qtbot, "When will this child be discussed again?")  # a date, "Not set" at first
    press(qtbot, Qt.Key.Key_Up)  # today
    editor.go(Place(DISCUSSION, first, SCALE), focus=True)
    tab_to(qtbot, "Where would the family's network rate the situation?", most=20)  # a 0-10 scale
    replace_text(qtbot, "4")
    editor.go(Place(DISCUSSION, first, "section:child_voice"), focus=True)
    tab_to(qtbot, "Does the child have a Words and Pictures explanation of what is happening?", most=20)
    press(qtbot, Qt.Key.Key_Down)  # Not answered -> Yes
    editor.go(Place(DISCUSSION, first, "section:worried"), focus=True)
    tab_to(qtbot, "Complicating factors: what makes the situation harder to understand or to change?")
    type_text(qtbot, "Dad's new job\n\n  Grandma's illness  ")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.all_saved, timeout=10_000)
    with db() as s:
        answers = s.get_one(CaseDiscussion, first).answers
    assert answers == {"next_review": clock().date().isoformat(), "network_scale": 4,
                       "words_and_pictures": True,
                       "complicating_factors": ["Dad's new job", "Grandma's illness"]}
