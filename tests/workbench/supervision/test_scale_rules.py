"""Scale prompts and blind scaling (no database)."""

from __future__ import annotations

from db.enums import RaterRole
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.scale_rules import PromptKind, ScoreEntry, scale_prompts, visible_scores

SPEC = load_question_set("default").scale
V1 = load_question_set("default", 1).scale
P, C, N, PRO = RaterRole.PARENT, RaterRole.CHILD, RaterRole.NETWORK, RaterRole.PROFESSIONAL
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
    # the worker-manager difference is theirs alone; a parent's view is weighed against all
    # the professionals' instead (see below), and version 1 of the set did not compare it
    assert [p.kind for p in scale_prompts([ScoreEntry(1, W, 7), ScoreEntry(1, RaterRole.PARENT, 3)],
                                          V1, blind=False)] == []
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


def test_family_and_professionals_far_apart_ask_for_the_difference_to_be_talked_about() -> None:
    assert SPEC.family_difference_to_discuss == 3
    # the parent at 3, the professionals at 6 and 7: the widest gap is 4
    prompts = scale_prompts([ScoreEntry(1, W, 6), ScoreEntry(1, S, 7), ScoreEntry(1, P, 3)], SPEC,
                            blind=False)
    assert [p.kind for p in prompts] == [PromptKind.FAMILY_DIFFERENCE]
    assert "family's and the professionals' scores are up to 4 apart" in prompts[0].message
    assert not prompts[0].answered
    # the child and the network are family; another agency is a professional
    assert kinds([ScoreEntry(1, C, 8), ScoreEntry(1, PRO, 5)]) == [(PromptKind.FAMILY_DIFFERENCE, 1)]
    assert kinds([ScoreEntry(1, N, 6), ScoreEntry(1, PRO, 4)]) == []
    # only one side scored: nothing to compare
    assert kinds([ScoreEntry(1, P, 1 + 8), ScoreEntry(1, C, 2 + 7)]) == []
    answered = scale_prompts([ScoreEntry(None, W, 8), ScoreEntry(None, P, 4)], SPEC, blind=False,
                             score_difference_note="Mum sees the drinking as over; we have not seen it yet")
    assert [(p.kind, p.worry_id, p.answered) for p in answered] == [
        (PromptKind.FAMILY_DIFFERENCE, None, True)]


def test_blind_scaling_hides_every_voice_until_worker_and_manager_have_scored() -> None:
    scores = [ScoreEntry(1, P, 2, "Dad is drinking again"), ScoreEntry(1, C, 3), ScoreEntry(1, PRO, 6),
              ScoreEntry(1, W, 7)]
    for viewer in (None, W, S):
        shown = visible_scores(scores, blind=True, viewer=viewer)
        assert [v.hidden for v in shown][:3] == [True, True, True]
        assert all(v.score is None and v.reason is None for v in shown[:3])
    # the prompts (escalation on the parent's 2, the family gap) wait too
    assert kinds(scores, blind=True) == []
    revealed = [*scores, ScoreEntry(1, S, 6)]
    assert not any(v.hidden for v in visible_scores(revealed, blind=True))
    assert kinds(revealed, blind=True) == [(PromptKind.ESCALATION, 1), (PromptKind.FAMILY_DIFFERENCE, 1)]
