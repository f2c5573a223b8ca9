"""One child's discussion: answers, worries, scores, decisions and actions (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import DbFactory
from db.enums import RaterRole
from db.models import CaseDiscussion, ScalingScore
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1, audit_rows
from workbench.supervision.actions import add_action, remove_action, update_action
from workbench.supervision.agenda import add_agenda_item
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import (
    add_decision,
    remove_decision,
    save_answer,
    save_discussion_fields,
    update_decision,
)
from workbench.supervision.errors import InvalidInput, NotFound
from workbench.supervision.loading import load_discussion
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.scale_rules import PromptKind
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import save_session_fields, start_session
from workbench.supervision.worries import add_worry, close_worry, remove_worry, reopen_worry

W, S = RaterRole.WORKER, RaterRole.SUPERVISOR


@pytest.fixture
def discussion_id(ctx: SupervisionContext, team: Team1, clock: FixedClock) -> int:
    # Version 1 of the default set: it still has a scale-kind question (network_scale).
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1),
                            question_set=load_question_set("default", 1))
    return add_agenda_item(ctx, started.session_id, team.case_ids[0])


def test_answers_by_kind_are_saved_idempotently(ctx: SupervisionContext, discussion_id: int,
                                                db: DbFactory) -> None:
    assert save_answer(ctx, discussion_id, "harm", "A <b>bruise</b> & a 'mark'")
    assert not save_answer(ctx, discussion_id, "harm", "A <b>bruise</b> & a 'mark'")
    assert save_answer(ctx, discussion_id, "existing_strengths", ["Nan", "School"])
    assert save_answer(ctx, discussion_id, "network_scale", 4)
    assert save_answer(ctx, discussion_id, "next_review", dt.date(2026, 12, 10))
    assert save_answer(ctx, discussion_id, "words_and_pictures", True)
    assert save_answer(ctx, discussion_id, "child_voice", "I want to stay with nan")
    assert save_answer(ctx, discussion_id, "network_scale", None)
    view = load_discussion(ctx, discussion_id)
    assert view.answers == {"harm": "A <b>bruise</b> & a 'mark'", "existing_strengths": ["Nan", "School"],
                            "next_review": "2026-12-10", "words_and_pictures": True}
    assert view.child_voice == "I want to stay with nan"
    events = [r for r in audit_rows(db) if r[0] == "discussion.answer"]
    assert [e[3]["question_id"] for e in events] == [
        "harm", "existing_strengths", "network_scale", "next_review", "words_and_pictures", "child_voice",
        "network_scale"]
    assert "bruise" not in repr(audit_rows(db))


def test_bad_answers_leave_the_record_as_it_was(ctx: SupervisionContext, discussion_id: int,
                                                db: DbFactory) -> None:
    save_answer(ctx, discussion_id, "network_scale", 5)
    with pytest.raises(InvalidInput, match="from 0 to 10"):
        save_answer(ctx, discussion_id, "network_scale", 12)
    with pytest.raises(InvalidInput, match="has no question 'nonsense'"):
        save_answer(ctx, discussion_id, "nonsense", "x")
    with pytest.raises(InvalidInput, match="once per session"):
        save_answer(ctx, discussion_id, "workload", "x")
    with pytest.raises(NotFound, match="does not exist"):
        save_answer(ctx, 999_999, "harm", "x")
    with db() as s:
        assert s.get_one(CaseDiscussion, discussion_id).answers == {"network_scale": 5}


def test_more_than_three_open_worries_bring_the_nudge(ctx: SupervisionContext, discussion_id: int) -> None:
    added = [add_worry(ctx, discussion_id, f"Worry {n}", f"Goal {n}") for n in range(1, 5)]
    assert [a.warning for a in added[:3]] == [None, None, None]
    assert added[3].open_worries == 4
    assert added[3].warning == ("There are 4 open danger statements. Councils advise no more than three: "
                                "can any be combined or closed?")
    assert load_discussion(ctx, discussion_id).worry_warning == added[3].warning
    close_worry(ctx, discussion_id, added[0].worry_id, "Combined with worry 2")
    view = load_discussion(ctx, discussion_id)
    assert view.worry_warning is None
    closed = view.worries[0]
    assert (closed.closed_here, closed.closed_reason, closed.is_open) == (
        True, "Combined with worry 2", False)
    assert reopen_worry(ctx, discussion_id, added[0].worry_id)
    remove_worry(ctx, discussion_id, added[3].worry_id)
    assert [w.danger_statement for w in load_discussion(ctx, discussion_id).open_worries] == [
        "Worry 1", "Worry 2", "Worry 3"]


def test_scores_prompts_and_blind_scaling(ctx: SupervisionContext, discussion_id: int,
                                          db: DbFactory) -> None:
    worry = add_worry(ctx, discussion_id, "Dad drinks", "Sober carer").worry_id
    saved = save_score(ctx, discussion_id, worry, W, score=2, reason="Police called twice")
    assert [p.kind for p in saved.prompts] == [PromptKind.ESCALATION]
    saved = save_score(ctx, discussion_id, worry, S, score=6)
    assert [p.kind for p in saved.prompts] == [PromptKind.ESCALATION, PromptKind.DIFFERENCE]
    assert not save_score(ctx, discussion_id, worry, S, score=6).changed
    assert save_score(ctx, discussion_id, worry, S, reason="Nan moved in").changed
    save_discussion_fields(ctx, discussion_id, escalation_decision="Strategy discussion today",
                           score_difference_note="Worker has seen more; agreed 4")
    view = load_discussion(ctx, discussion_id)
    assert all(p.answered for p in view.prompts)
    assert (view.score(worry, S).score, view.score(worry, S).reason) == (6, "Nan moved in")  # type: ignore[union-attr]
    with db() as s:
        row = s.scalars(select(ScalingScore).where(ScalingScore.rater_role == S)).one()
        assert row.case_id == view.case_id
        assert row.meeting_at == s.get_one(CaseDiscussion, discussion_id
                                                                           ).session.meeting_at
        assert row.rater_staff_id is not None

    with pytest.raises(InvalidInput, match="choose a whole number from 0 to 10"):
        save_score(ctx, discussion_id, worry, W, score=11)
    with pytest.raises(InvalidInput, match="Choose the score"):
        save_score(ctx, discussion_id, None, W, reason="no score yet")
    with pytest.raises(InvalidInput, match="needs their name"):
        save_score(ctx, discussion_id, worry, RaterRole.PARENT, score=5)
    save_score(ctx, discussion_id, worry, RaterRole.PARENT, score=8, rater_name="Mum")
    cleared = save_score(ctx, discussion_id, worry, W, score=None)
    assert cleared.changed
    assert cleared.score_id is None

    save_session_fields(ctx, view.session_id, blind_scaling=True)
    blind = load_discussion(ctx, discussion_id)
    shown = {(v.rater, v.hidden, v.score) for v in blind.visible_scores(blind=True)}
    assert shown == {(S, True, None), (RaterRole.PARENT, True, None)}
    assert blind.prompts == ()  # the worker has not scored again yet
    save_score(ctx, discussion_id, worry, W, score=5, reason="Better")
    both = load_discussion(ctx, discussion_id)
    assert {(v.rater, v.score) for v in both.visible_scores(blind=True)} == {
        (S, 6), (RaterRole.PARENT, 8), (W, 5)}


def test_a_score_on_another_child_s_worry_is_refused(ctx: SupervisionContext, team: Team1,
                                                     discussion_id: int) -> None:
    view = load_discussion(ctx, discussion_id)
    other = add_agenda_item(ctx, view.session_id, team.case_ids[1])
    worry = add_worry(ctx, other, "Other child's worry", "Goal").worry_id
    with pytest.raises(NotFound, match="does not belong to this child's case"):
        save_score(ctx, discussion_id, worry, W, score=5)


def test_decisions_and_actions(ctx: SupervisionContext, discussion_id: int, clock: FixedClock) -> None:
    first = add_decision(ctx, discussion_id, "Step up to child protection")
    second = add_decision(ctx, discussion_id, "Ask for a parenting assessment", "Mum asked for help")
    assert update_decision(ctx, first, rationale="Two incidents this month")
    assert not update_decision(ctx, first, rationale="Two incidents this month")
    remove_decision(ctx, second)
    remove_decision(ctx, second)  # idempotent
    action = add_action(ctx, discussion_id, "Convene a strategy meeting", owner_name="Ann",
                        due_date=clock.today() + dt.timedelta(days=2))
    gone = add_action(ctx, discussion_id, "Typo")
    assert update_action(ctx, action, due_date=clock.today() + dt.timedelta(days=1))
    remove_action(ctx, gone)
    view = load_discussion(ctx, discussion_id)
    assert [(d.text, d.rationale) for d in view.decisions] == [
        ("Step up to child protection", "Two incidents this month")]
    assert [(a.description, a.due_date) for a in view.actions] == [
        ("Convene a strategy meeting", clock.today() + dt.timedelta(days=1))]
    with pytest.raises(InvalidInput, match="must be a date"):
        update_action(ctx, action, due_date=clock())
