"""The mapping order is defined once, and every set (old or new) is placed in it; worries in
parts compose one plain sentence and say which required parts are still empty; a set that
gets its parts or its sections' places wrong is refused with a message naming file and problem."""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.ui.supervision.views import discussion
from workbench.supervision.completeness import missing_items, structure_notes
from workbench.supervision.errors import QuestionSetError
from workbench.supervision.mapping import MAPPING_ORDER, Part, discussion_plan
from workbench.supervision.question_sets import load_question_set, parse_question_set, question_set_directory
from workbench.supervision.views import WorryView
from workbench.supervision.worry_parts import compose_goal, compose_statement, worry_gaps


def test_gather_and_analyse_before_judging() -> None:
    order = list(MAPPING_ORDER)
    assert order[0] is Part.REVIEW  # last time's actions first
    columns = [Part.WORRIED, Part.DANGER_STATEMENTS, Part.WORKING_WELL, Part.SAFETY_GOALS,
               Part.NEEDS_TO_HAPPEN, Part.SAFETY_PLAN]
    assert [p for p in order if p in columns] == columns
    # The child's voice (and direct work) before the scale; the scale before decisions and actions.
    assert order.index(Part.CHILD_VOICE) < order.index(Part.SCALE) < order.index(Part.DECISIONS) \
        < order.index(Part.ACTIONS)
    assert max(order.index(p) for p in columns) < order.index(Part.SCALE)


@pytest.mark.parametrize(("key", "version"), [("default", 1), ("default", 2), ("default", 3),
                                              ("early-help", 1), ("early-help", 2), ("early-help", 3)])
def test_every_shipped_set_is_placed_in_the_same_order(key: str, version: int) -> None:
    qs = load_question_set(key, version)
    plan = {item.part: item for item in discussion_plan(qs)}
    assert [item.part for item in discussion_plan(qs)] == list(MAPPING_ORDER)
    assert plan[Part.WORRIED].sections == ("worried",)
    assert plan[Part.WORKING_WELL].sections == ("working_well",)
    assert plan[Part.NEEDS_TO_HAPPEN].sections == ("needs_to_happen",)
    assert plan[Part.CHILD_VOICE].sections == ("child_voice",)
    assert plan[Part.SCALE].sections == ("scale",)
    assert plan[Part.DECISIONS].sections == ("outcome",)  # the impact statement goes with the decisions
    assert plan[Part.SAFETY_PLAN].sections == ()  # a place kept for safety planning
    assert qs.worries.structured is (version >= 3)


def test_early_help_plans_in_its_own_words() -> None:
    titles = {item.part: item.title for item in discussion_plan(load_question_set("early-help"))}
    assert titles[Part.DANGER_STATEMENTS] == "Worry statements"
    assert titles[Part.SAFETY_GOALS] == "Wellbeing goals"


PARTS = {"who_is_worried": "The school", "what_adults_do": "Dad leaves the children alone at night",
         "impact_on_child": "They are frightened", "if_nothing_changes": "The children could be hurt",
         "carers_will": "Dad arranges a sober adult", "child_will_experience": "The children feel safe",
         "time_frame": "Three months"}


def test_parts_compose_one_plain_sentence() -> None:
    assert compose_statement(PARTS) == ("The school: Dad leaves the children alone at night. They are "
                                        "frightened. If nothing changes, the children could be hurt.")
    assert compose_goal(PARTS) == ("Dad arranges a sober adult. The children feel safe. "
                                   "For how long: Three months.")
    assert compose_statement({"if_nothing_changes": "If it goes on, Sam may be hurt"}) == \
        "If it goes on, Sam may be hurt."


def test_the_gaps_name_the_required_parts_still_empty_and_never_block_signing() -> None:
    qs = load_question_set("default")
    spec = qs.worries
    gaps = worry_gaps({"who_is_worried": "School"}, spec.statement_parts, spec.goal_parts)
    assert [p.id for p in gaps.statement] == ["what_adults_do", "impact_on_child", "if_nothing_changes"]
    assert [p.id for p in gaps.goal] == ["carers_will", "child_will_experience", "time_frame"]
    assert worry_gaps(PARTS, spec.statement_parts, spec.goal_parts).is_complete  # optional parts may wait

    worry = WorryView(id=1, danger_statement="School.", safety_goal="", opened_here=True, reworded_here=False,
                      previous_statement=None, previous_goal=None, closed_here=False, closed_reason=None,
                      is_open=True, parts={"who_is_worried": "School"})
    view = _session_view(qs, dataclasses.replace(discussion(1, child="C-7"), worries=(worry,)))
    notes = [n.message for n in structure_notes(view)]
    assert notes == [
        "C-7: danger statement 1 does not say yet: what the adults do or fail to do; the impact on the "
        "child; what may happen if nothing changes.",
        "C-7: the safety goal of danger statement 1 does not say yet: what the carers will be doing; "
        "what the child will experience; for how long.",
    ]
    # Signing asks only for a goal at all; the parts are advice.
    kinds = [m.kind.value for m in missing_items(view) if m.worry_id == 1]
    assert [k for k in kinds if k != "score"] == ["goal"]
    assert structure_notes(_session_view(load_question_set("default", 2), view.discussions[0])) == []


def _session_view(qs: object, d: object) -> object:
    import datetime as dt

    from db.enums import SessionKind, SessionStatus
    from workbench.supervision.views import SessionView

    at = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    return SessionView(id=1, status=SessionStatus.DRAFT, kind=SessionKind.CASE_ONE_TO_ONE, supervisor_id=1,
                       supervisor_name="M", supervisee_id=2, supervisee_name="W",
                       supervisee_newly_qualified=False, meeting_at=at, duration_minutes=60, present=("M",),
                       blind_scaling=False, workload="x", wellbeing="x", learning_development="",
                       appreciative_inquiry="", created_at=at, updated_at=at, late_entry=None,
                       question_set=qs, discussions=(d,), today=at.date())  # type: ignore[arg-type]


def _v3(edit: tuple[str, str]) -> str:
    text = (question_set_directory() / "default-v3.toml").read_text(encoding="utf-8")
    assert edit[0] in text
    return text.replace(edit[0], edit[1], 1)


@pytest.mark.parametrize(("edit", "message"), [
    (('part = "worried"', 'part = "worries"'),
     "sections 'worried', 'part': 'worries' is not a part of a case discussion"),
    (('part = "working_well"', 'part = "needs_to_happen"'),
     "column 2 is 'working_well', not 'needs_to_happen'"),
    (('part = "child_voice"', 'part = "scale"'),
     "sections 'scale' and 'child_voice' are both part 'scale'"),
    (('part = "decisions"', 'part = "child_voice"'),
     "section 'outcome' holds the impact statement, so its part must be 'decisions'"),
    (('id = "time_frame"', 'id = "how_long"'),
     "[[worries.goal_parts]] 'how_long', 'id': 'how_long' is not a part of a goal"),
    (('id = "who_is_worried"', 'id = "time_frame"'),
     "'time_frame' is not a part of a statement"),
    (('[[worries.goal_parts]]\nid = "carers_will"', '[[worries.goal_parts]]\nid = "time_frame"'),
     "'time_frame' appears twice"),
])
def test_a_set_with_its_parts_wrong_is_refused_naming_the_file_and_the_problem(
        edit: tuple[str, str], message: str) -> None:
    with pytest.raises(QuestionSetError, match=re.escape(message)) as refused:
        parse_question_set(_v3(edit), "default-v3.toml")
    assert str(refused.value).startswith("Question set default-v3.toml")


def test_a_set_with_statement_parts_needs_goal_parts_too() -> None:
    text = (question_set_directory() / "default-v3.toml").read_text(encoding="utf-8")
    start = text.index("[[worries.goal_parts]]")
    end = text.index("[scale]")
    with pytest.raises(QuestionSetError, match=r"needs both \[\[worries.statement_parts\]\] and"):
        parse_question_set(text[:start] + text[end:], "default-v3.toml")
