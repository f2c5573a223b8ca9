"""The guided flow as plain data: each child's steps in the set's own words, Next and Back
across the whole session, where a missing item is added, a remembered place that survives."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.supervision.views import discussion, reflection
from ui.supervision.flow import (
    ACTIONS,
    AGENDA,
    DECISIONS,
    DISCUSSION,
    GOALS,
    READY,
    REFLECTION,
    REVIEW,
    SCALE,
    WORKER,
    WORRIES,
    Place,
    discussion_steps,
    neighbour,
    place_for_missing,
    resolve,
    session_places,
)
from ui.supervision.place import PlaceMemory
from workbench.supervision.question_sets import load_question_set


def test_a_child_is_walked_in_the_mapping_order_gathering_before_judging() -> None:
    default = load_question_set("default")
    steps = discussion_steps(default, discussion(1, with_reflection=reflection(), to_review=1))
    assert [s.key for s in steps] == [
        REVIEW, REFLECTION, "section:worried", WORRIES, "section:working_well", GOALS,
        "section:needs_to_happen", "section:child_voice", SCALE, DECISIONS, ACTIONS]
    titles = {s.key: s.title for s in steps}
    assert titles[REVIEW] == "Last time's actions reviewed"
    assert titles[WORRIES] == "Danger statements"
    assert titles[GOALS] == "Safety goals"
    assert titles[SCALE] == "The safety scale"
    # The scale's follow-ups are asked with the scale; the impact statement with the decisions.
    by_key = {s.key: s for s in steps}
    # (The network scores as a voice on the scale itself since v2, not as a question.)
    assert [q.id for q in by_key[SCALE].questions] == ["one_step_higher"]
    assert [q.id for q in by_key[DECISIONS].questions] == ["impact_statement"]
    assert "harm" in [q.id for q in by_key["section:worried"].questions]


def test_an_older_set_is_walked_in_the_same_order() -> None:
    v1 = load_question_set("default", 1)  # its sections do not name their part: placed by column and id
    steps = discussion_steps(v1, discussion(1))
    assert [s.key for s in steps] == [
        "section:worried", WORRIES, "section:working_well", GOALS, "section:needs_to_happen",
        "section:child_voice", SCALE, DECISIONS, ACTIONS]


def test_no_reflection_step_without_a_reflection_and_early_help_uses_its_own_words() -> None:
    early_help = load_question_set("early-help")
    steps = discussion_steps(early_help, discussion(1, with_reflection=reflection(what_happened="",
                                                                                  flagged=False)))
    assert steps[0].key == "section:worried"  # an empty reflection is not a step, nor an empty review
    titles = {s.key: s.title for s in steps}
    assert titles[WORRIES] == "Worry statements"
    assert titles[GOALS] == "Wellbeing goals"
    assert titles[SCALE] == "The wellbeing scale"
    assert titles[DECISIONS] == "What we agreed and the difference it made"


def test_next_and_back_walk_the_whole_session_in_agenda_order() -> None:
    default = load_question_set("default")
    places = session_places(default, [discussion(7), discussion(3, with_reflection=reflection())])
    assert places[0] == Place(AGENDA)
    assert places[1] == Place(DISCUSSION, 7, "section:worried")
    assert places[-2:] == [Place(WORKER), Place(READY)]
    last_of_first = Place(DISCUSSION, 7, ACTIONS)
    assert neighbour(places, last_of_first, +1) == Place(DISCUSSION, 3, REFLECTION)
    assert neighbour(places, Place(DISCUSSION, 3, REFLECTION), -1) == last_of_first
    assert neighbour(places, Place(AGENDA), -1) is None
    assert neighbour(places, Place(READY), +1) is None
    assert neighbour(places, Place(DISCUSSION, 99, WORRIES), +1) is None  # a dropped child


def test_a_remembered_place_that_no_longer_exists_falls_back_sensibly() -> None:
    default = load_question_set("default")
    places = session_places(default, [discussion(7)])
    assert resolve(places, Place(DISCUSSION, 7, SCALE)) == Place(DISCUSSION, 7, SCALE)
    # The reflection step went away: the same child's first step.
    assert resolve(places, Place(DISCUSSION, 7, REFLECTION)) == Place(DISCUSSION, 7, "section:worried")
    # The child was dropped: the agenda.
    assert resolve(places, Place(DISCUSSION, 8, SCALE)) == Place(AGENDA)
    assert resolve(places, None) == Place(AGENDA)
    assert resolve(places, Place(WORKER)) == Place(WORKER)


def test_each_missing_item_leads_to_the_step_that_adds_it() -> None:
    default = load_question_set("default")
    assert place_for_missing(default, "answer", 5, "harm") == Place(DISCUSSION, 5, "section:worried")
    assert place_for_missing(default, "answer", 5, "one_step_higher") == Place(DISCUSSION, 5, SCALE)
    assert place_for_missing(default, "answer", 5, "impact_statement") == Place(DISCUSSION, 5, DECISIONS)
    assert place_for_missing(default, "score", 5, None) == Place(DISCUSSION, 5, SCALE)
    assert place_for_missing(default, "prompt", 5, None) == Place(DISCUSSION, 5, SCALE)
    assert place_for_missing(default, "worry", 5, None) == Place(DISCUSSION, 5, WORRIES)
    assert place_for_missing(default, "goal", 5, None) == Place(DISCUSSION, 5, GOALS)
    assert place_for_missing(default, "review", 5, None) == Place(DISCUSSION, 5, REVIEW)
    assert place_for_missing(default, "action", 5, None) == Place(DISCUSSION, 5, ACTIONS)
    assert place_for_missing(default, "answer", None, "workload") == Place(WORKER)
    assert place_for_missing(default, "session_detail", None, None) == Place(AGENDA)


def test_the_place_is_remembered_per_session_and_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    memory = PlaceMemory(tmp_path)
    assert memory.recall(1) is None
    memory.remember(1, Place(DISCUSSION, 7, SCALE))
    memory.remember(2, Place(WORKER))
    again = PlaceMemory(tmp_path)
    assert again.recall(1) == Place(DISCUSSION, 7, SCALE)
    assert again.recall(2) == Place(WORKER)
    assert "note" not in memory.path.read_text()  # ids only
    memory.path.write_text("{not json", encoding="utf-8")
    assert memory.recall(1) is None
    memory.path.write_text(json.dumps({"1": {"page": "elsewhere"}}), encoding="utf-8")
    assert memory.recall(1) is None
    memory.remember(3, Place(AGENDA))  # writing over a damaged file works
    assert memory.recall(3) == Place(AGENDA)
