"""The 'ready to sign' check on hand-built views (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from db.enums import ActionStatus, CaseKind, RaterRole, SessionKind, SessionStatus
from workbench.history import ScaleHistory
from workbench.supervision.completeness import MissingKind, is_ready_to_sign, missing_items
from workbench.supervision.question_sets import QuestionSet, load_question_set
from workbench.supervision.scale_rules import scale_prompts
from workbench.supervision.views import (
    ActionView,
    DecisionView,
    DiscussionView,
    ScoreView,
    SessionView,
    WorryView,
)

QS = load_question_set("default")
MEETING = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.UTC)
W, S = RaterRole.WORKER, RaterRole.SUPERVISOR


def worry(worry_id: int = 1, **given: object) -> WorryView:
    base = WorryView(id=worry_id, danger_statement="Dad drinks and the children are left alone",
                     safety_goal="A sober adult is always at home", opened_here=False, reworded_here=False,
                     previous_statement=None, previous_goal=None, closed_here=False, closed_reason=None,
                     is_open=True)
    return replace(base, **given)  # type: ignore[arg-type]


def score(worry_id: int | None, rater: RaterRole, value: int = 6, reason: str = "Because") -> ScoreView:
    return ScoreView(id=0, worry_id=worry_id, rater=rater, rater_name=None, rater_staff_id=None,
                     score=value, reason=reason, recorded_at=MEETING)


def complete_discussion(qs: QuestionSet = QS, **given: object) -> DiscussionView:
    answers = {q.id: (["Statement"] if q.kind == "statements" else "Answer")
               for q in qs.case_questions if q.required and q.binds is None}
    base = DiscussionView(
        id=7, session_id=1, case_id=3, child_id=3, la_child_id="C3", child_name="Child Three",
        case_kind=CaseKind.CHILD_IN_NEED, agenda_position=0, agenda_reasons=(), answers=answers,
        child_voice="She likes school", impact_statement="Because we..., the result...",
        escalation_decision="", score_difference_note="", worries=(worry(),),
        scores=(score(1, W), score(1, S)),
        decisions=(DecisionView(1, 0, "Stay on plan", "Progress is steady"),),
        actions=(ActionView(1, 7, "Visit weekly", "Bo", None, dt.date(2026, 12, 1), ActionStatus.OPEN, "",
                            None, None),),
        actions_to_review=(), reflection=None, prompts=(), worry_warning=None, last_discussed_at=None,
        history=ScaleHistory(case_id=3),
    )
    view = replace(base, **given)  # type: ignore[arg-type]
    prompts = scale_prompts(view.scores, qs.scale, blind=False, escalation_decision=view.escalation_decision,
                            score_difference_note=view.score_difference_note)
    return replace(view, prompts=tuple(prompts))


def session(*discussions: DiscussionView, **given: object) -> SessionView:
    base = SessionView(
        id=1, status=SessionStatus.DRAFT, kind=SessionKind.CASE_ONE_TO_ONE, supervisor_id=1,
        supervisor_name="Ann", supervisee_id=2, supervisee_name="Bo", supervisee_newly_qualified=False,
        meeting_at=MEETING, duration_minutes=60, present=("Ann", "Bo"), blind_scaling=False,
        workload="Busy", wellbeing="Fine", learning_development="", appreciative_inquiry="",
        created_at=MEETING, updated_at=MEETING, late_entry=None, question_set=QS,
        discussions=discussions, today=MEETING.date(),
    )
    return replace(base, **given)  # type: ignore[arg-type]


def messages(view: SessionView) -> list[str]:
    return [item.message for item in missing_items(view)]


def test_a_complete_session_is_ready() -> None:
    assert missing_items(session(complete_discussion())) == []
    assert is_ready_to_sign(session(complete_discussion()))


def test_the_session_s_own_gaps_are_listed_first() -> None:
    view = session(duration_minutes=None, present=(), workload=" ", discussions=())
    assert messages(view) == [
        "Add at least one child to the agenda.",
        "Record who was present.",
        "Record how long the meeting lasted.",
        "The worker's part: answer 'Workload: how manageable is your caseload at the moment?'",
    ]


def test_each_required_answer_is_named_per_child() -> None:
    d = complete_discussion(answers={}, child_voice="")
    items = missing_items(session(d))
    assert {i.question_id for i in items} == {"harm", "existing_strengths", "existing_safety", "next_steps",
                                              "one_step_higher", "child_voice"}
    assert all(i.kind is MissingKind.ANSWER and i.discussion_id == 7 for i in items)
    harm = "Child Three: answer 'Harm: what has happened to the child that worries us?'"
    assert harm in messages(session(d))


def test_worries_need_their_goals_scores_and_reasons() -> None:
    d = complete_discussion(
        worries=(worry(1, safety_goal=""), worry(2, danger_statement="Mum is low"),
                 worry(3, danger_statement="Old worry", is_open=False, closed_here=True, closed_reason="")),
        scores=(score(1, W), score(1, S, reason=" "), score(2, S)),
    )
    assert messages(session(d)) == [
        "Child Three: write the safety goal for 'Dad drinks and the children are left alone'.",
        "Child Three: say why 'Old worry' was closed.",
        "Child Three: give the reason for the manager's score on 'Dad drinks and the children are left "
        "alone' (what makes it that number).",
        "Child Three: add the worker's score on the safety scale for 'Mum is low'.",
    ]


def test_a_child_with_no_open_worry_needs_one_and_a_whole_case_score() -> None:
    d = complete_discussion(worries=(), scores=())
    assert messages(session(d)) == [
        "Child Three: add at least 1 danger statement with its safety goal, or keep one open.",
        "Child Three: add the worker's score on the safety scale for the case as a whole.",
        "Child Three: add the manager's score on the safety scale for the case as a whole.",
    ]


def test_unanswered_prompts_block_and_answered_ones_do_not() -> None:
    low_and_apart = (score(1, W, 2), score(1, S, 6))
    assert [i.kind for i in missing_items(session(complete_discussion(scores=low_and_apart)))] == [
        MissingKind.PROMPT, MissingKind.PROMPT]
    settled = complete_discussion(scores=low_and_apart, escalation_decision="Strategy discussion",
                                  score_difference_note="Agreed the worker knows more")
    assert missing_items(session(settled)) == []


def test_decisions_need_a_rationale() -> None:
    assert messages(session(complete_discussion(decisions=()))) == [
        "Child Three: record at least one decision and its rationale."]
    d = complete_discussion(decisions=(DecisionView(1, 0, "Step down", ""), DecisionView(2, 1, "", ""),
                                       DecisionView(3, 2, "", "A reason")))
    assert messages(session(d)) == [
        "Child Three: give the rationale for the decision 'Step down'.",
        "Child Three: a decision has a rationale but no decision.",
    ]


def test_actions_need_what_who_and_when_and_last_time_s_need_review() -> None:
    new = ActionView(5, 7, "Book the meeting", "", None, None, ActionStatus.OPEN, "", None, None)
    old_open = ActionView(2, 4, "Refer to CAMHS", "Bo", None, dt.date(2026, 11, 1), ActionStatus.OPEN, "",
                          None, None)
    old_dropped = ActionView(3, 4, "Call school", "Bo", None, dt.date(2026, 11, 1), ActionStatus.DROPPED,
                             "", 7, None)
    old_done = ActionView(4, 4, "Visit", "Bo", None, dt.date(2026, 11, 1), ActionStatus.DONE, "", 7, None)
    d = complete_discussion(actions=(new,), actions_to_review=(old_open, old_dropped, old_done))
    items = missing_items(session(d))
    assert [(i.kind, i.action_id) for i in items] == [
        (MissingKind.ACTION, 5), (MissingKind.REVIEW, 2), (MissingKind.REVIEW, 3)]
    assert [i.message for i in items] == [
        "Child Three: say who and by when for the action 'Book the meeting'.",
        "Child Three: review the action 'Refer to CAMHS' from last time (done, carried or dropped).",
        "Child Three: say why the action 'Call school' was dropped.",
    ]


def test_the_early_help_set_speaks_its_own_words() -> None:
    early = load_question_set("early-help")
    d = complete_discussion(early, worries=(worry(safety_goal=""),))
    assert messages(session(d, question_set=early)) == [
        "Child Three: write the wellbeing goal for 'Dad drinks and the children are left alone'."]


def test_each_missing_item_is_a_message_the_screen_can_translate() -> None:
    from workbench.messages import Message

    blank = ActionView(2, 7, "", "", None, None, ActionStatus.OPEN, "", None, None)
    view = session(complete_discussion(actions=(blank,), worries=(worry(danger_statement=""),),
                                       decisions=()), duration_minutes=None)
    items = missing_items(view)
    assert items
    assert all(isinstance(item.message, Message) for item in items)
    messages = [str(item.message) for item in items]
    # The English reads as it did when the words were written into the code.
    assert "Child Three: say what will happen and who and by when for the action (untitled)." in messages
    assert "Child Three: write the danger statement (one is empty)." in messages
