"""Scale prompts and blind scaling (no database)."""

from __future__ import annotations

from db.enums import RaterRole
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.scale_rules import PromptKind, ScoreEntry, scale_prompts, visible_scores

SPEC = load_question_set("default").scale
W, S = RaterRole.WORKER, RaterRole.SUPERVISOR


def kinds(scores: list[ScoreEntry], *, blind: bool = False,
          **notes: str) -> list[tuple[PromptKind, int | None]]:
    return [(p.kind, p.worry_id) for p in scale_prompts(scores, SPEC, blind=blind, **notes)]


def test_a_score_of_two_or_below_asks_for_the_escalation_decision() -> None:
    assert kinds([ScoreEntry(1, W, 2), ScoreEntry(1, S, 3)]) == [(PromptKind.ESCALATION, 1)]
    assert kinds([ScoreEntry(1, W, 3), ScoreEntry(1, S, 3)]) == []
    prompt = scale_prompts([ScoreEntry(None, S, 0)], SPEC, blind=False)[0]
    assert prompt.worry_id is None
    assert "A score of 0" in prompt.message
    assert not prompt.answered


def test_scores_three_apart_ask_for_the_difference_to_be_discussed() -> None:
    assert kinds([ScoreEntry(1, W, 7), ScoreEntry(1, S, 4)]) == [(PromptKind.DIFFERENCE, 1)]
    assert kinds([ScoreEntry(1, W, 7), ScoreEntry(1, S, 5)]) == []
    # only worker against manager counts; a parent's view may differ
    assert kinds([ScoreEntry(1, W, 7), ScoreEntry(1, RaterRole.PARENT, 3)]) == []
    prompt = scale_prompts([ScoreEntry(1, W, 9), ScoreEntry(1, S, 4)], SPEC, blind=False)[0]
    assert "5 apart" in prompt.message


def test_prompts_are_answered_once_the_decision_or_note_is_recorded() -> None:
    scores = [ScoreEntry(1, W, 1), ScoreEntry(1, S, 5)]
    before = scale_prompts(scores, SPEC, blind=False)
    after = scale_prompts(scores, SPEC, blind=False, escalation_decision="Strategy meeting today",
                          score_difference_note="Agreed to review")
    assert [p.answered for p in before] == [False, False]
    assert [p.answered for p in after] == [True, True]
    assert [p.answered for p in scale_prompts(scores, SPEC, blind=False, escalation_decision="   ")] == [
        False, False]


def test_blind_scaling_hides_each_score_until_both_are_in() -> None:
    one_in = [ScoreEntry(1, W, 3, "worker reason"), ScoreEntry(2, W, 6), ScoreEntry(2, S, 5)]
    shared = visible_scores(one_in, blind=True)
    assert [(v.worry_id, v.rater, v.hidden, v.score, v.reason) for v in shared] == [
        (1, W, True, None, None), (2, W, False, 6, ""), (2, S, False, 5, "")]
    as_worker = visible_scores(one_in, blind=True, viewer=W)
    assert as_worker[0].score == 3
    assert as_worker[0].reason == "worker reason"
    as_manager = visible_scores(one_in, blind=True, viewer=S)
    assert as_manager[0].hidden
    assert as_manager[0].score is None
    assert [v.hidden for v in visible_scores(one_in, blind=False)] == [False, False, False]


def test_blind_scaling_holds_back_prompts_that_would_give_a_score_away() -> None:
    assert kinds([ScoreEntry(1, W, 1)], blind=True) == []
    assert kinds([ScoreEntry(1, W, 1)], blind=False) == [(PromptKind.ESCALATION, 1)]
    assert kinds([ScoreEntry(1, W, 1), ScoreEntry(1, S, 6)], blind=True) == [
        (PromptKind.ESCALATION, 1), (PromptKind.DIFFERENCE, 1)]
