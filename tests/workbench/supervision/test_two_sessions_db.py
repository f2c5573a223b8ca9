"""A child across two sessions: worries and actions carried forward, the worker's reflection,
ready to sign, and a signed record that refuses change (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import ActionStatus, RaterRole, SessionStatus
from db.models import AuditEvent, CaseDiscussion, Reflection
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import (
    Team1,
    audit_rows,
    fill_discussion,
    fill_session_fields,
    sign_for_test,
)
from workbench.supervision.actions import add_action, review_action
from workbench.supervision.agenda import add_agenda_item, drop_agenda_item, propose_agenda
from workbench.supervision.agenda_rules import ReasonCode
from workbench.supervision.completeness import MissingKind
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import save_answer, save_discussion_fields
from workbench.supervision.errors import InvalidInput, NotAllowed, NotReadyToSign, SessionNotEditable
from workbench.supervision.loading import load_discussion, load_session
from workbench.supervision.question_sets import load_question_set
from workbench.supervision.reflections import load_reflection, save_reflection, worker_reflections
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import (
    mark_ready_to_sign,
    return_to_draft,
    save_session_fields,
    start_session,
)
from workbench.supervision.worries import add_worry, close_worry, reword_worry


def test_a_child_across_two_sessions(ctx: SupervisionContext, team: Team1, clock: FixedClock,
                                     db: DbFactory) -> None:
    child_case = team.case_ids[0]
    worker = ctx.acting_as(team.worker_id)
    # First session, four weeks ago.
    clock.advance(days=-28)
    first = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1))
    d1 = add_agenda_item(ctx, first.session_id, child_case)
    drinks = add_worry(ctx, d1, "Dad drinks and the children are alone", "A sober adult is home").worry_id
    school = add_worry(ctx, d1, "Sam misses school", "Sam goes every day").worry_id
    fill_discussion(ctx, d1)
    done = add_action(ctx, d1, "Refer to CAMHS", owner_name="Bo",
                      due_date=clock.today() + dt.timedelta(days=7))
    carried = add_action(ctx, d1, "Meet the school", owner_name="Bo", due_date=clock.today())
    dropped = add_action(ctx, d1, "Call the uncle", owner_name="Bo", due_date=clock.today())

    with pytest.raises(NotReadyToSign) as refused:
        mark_ready_to_sign(ctx, first.session_id)
    assert [(m.kind, m.message) for m in refused.value.missing] == [
        (MissingKind.SESSION_DETAIL, "Record who was present."),
        (MissingKind.SESSION_DETAIL, "Record how long the meeting lasted."),
        (MissingKind.ANSWER, "The worker's part: answer 'Workload: how manageable is your caseload at the "
                             "moment?'"),
        (MissingKind.ANSWER, "The worker's part: answer 'Wellbeing: how are you, and what support would "
                             "help?'"),
    ]
    assert "Record who was present." in str(refused.value)
    fill_session_fields(ctx, first.session_id)
    mark_ready_to_sign(ctx, first.session_id)
    with pytest.raises(SessionNotEditable, match="Return it to draft"):
        save_answer(ctx, d1, "harm", "changed")
    return_to_draft(ctx, first.session_id)
    mark_ready_to_sign(ctx, first.session_id)

    # Between sessions the worker prepares a reflection and flags the child.
    clock.advance(days=26)
    with pytest.raises(NotAllowed):
        save_reflection(ctx, child_case, what_happened="The manager cannot write this")
    save_reflection(worker, child_case, what_happened="Dad relapsed at the weekend",
                    how_and_why="Lost his job", worker_score=3, score_reason="Police called",
                    wants_from_supervision="Whether to step up", flag_for_discussion=True)
    assert worker_reflections(worker)[child_case].flag_for_discussion
    assert load_reflection(worker, child_case) is not None

    # Second session, today.
    clock.advance(days=2)
    proposal = {p.case_id: p for p in propose_agenda(ctx, team.worker_id)}
    assert [r.code for r in proposal[child_case].reasons][:2] == [ReasonCode.FLAGGED_BY_WORKER,
                                                                 ReasonCode.OVERDUE_ACTIONS]
    second = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(minutes=30),
                           agenda=[proposal[child_case]])
    (d2,) = second.discussion_ids
    view = load_discussion(ctx, d2)
    assert view.reflection is not None
    assert view.reflection.what_happened == "Dad relapsed at the weekend"
    assert [w.id for w in view.worries] == [drinks, school]
    visit = next(a.id for a in view.actions_to_review if a.description == "Visit weekly")  # fill_discussion's
    assert [a.id for a in view.actions_to_review] == [carried, dropped, done, visit]
    assert view.last_discussed_at == load_session(ctx, first.session_id).meeting_at
    with db() as s:
        assert s.scalars(select(Reflection.discussion_id)).one() == d2

    reword_worry(ctx, d2, drinks, danger_statement="Dad drinks again and leaves the children alone at night")
    close_worry(ctx, d2, school, "Sam has gone every day for a month")
    assert review_action(ctx, d2, done, ActionStatus.DONE).changed
    copy = review_action(ctx, d2, carried, ActionStatus.CARRIED,
                         carried_due_date=clock.today() + dt.timedelta(days=14)).carried_action_id
    review_action(ctx, d2, dropped, ActionStatus.DROPPED, "Uncle moved abroad")
    review_action(ctx, d2, visit, ActionStatus.DONE)
    with pytest.raises(NotReadyToSign) as refused:
        mark_ready_to_sign(ctx, second.session_id)
    assert {m.kind for m in refused.value.missing} >= {MissingKind.ANSWER, MissingKind.SCORE}
    fill_discussion(ctx, d2, score=2)
    save_score(ctx, d2, drinks, RaterRole.SUPERVISOR, score=5, reason="Nan is there at night")
    with pytest.raises(NotReadyToSign) as refused:
        mark_ready_to_sign(ctx, second.session_id)
    assert [m.kind for m in refused.value.missing if m.discussion_id == d2] == [
        MissingKind.PROMPT, MissingKind.PROMPT]
    save_discussion_fields(ctx, d2, escalation_decision="Step up: strategy discussion on Monday",
                           score_difference_note="Agreed the worker's view; nan is not there every night")
    fill_session_fields(ctx, second.session_id)
    mark_ready_to_sign(ctx, second.session_id)

    now_view = load_discussion(ctx, d2)
    old_view = load_discussion(ctx, d1)
    assert now_view.worries[0].danger_statement.startswith("Dad drinks again")
    assert now_view.worries[0].previous_statement == "Dad drinks and the children are alone"
    assert old_view.worries[0].danger_statement == "Dad drinks and the children are alone"
    assert (now_view.worries[1].closed_here, now_view.worries[1].is_open) == (True, False)
    assert old_view.worries[1].is_open
    assert [(a.id, a.status, a.reviewed_in_id) for a in now_view.actions_to_review] == [
        (carried, ActionStatus.CARRIED, d2), (dropped, ActionStatus.DROPPED, d2),
        (done, ActionStatus.DONE, d2), (visit, ActionStatus.DONE, d2)]
    assert copy in [a.id for a in now_view.actions]
    assert {p.meeting_at for p in now_view.history.points} == {
        load_session(ctx, first.session_id).meeting_at, load_session(ctx, second.session_id).meeting_at}

    # A third session sees only what is still open.
    clock.advance(days=1)
    third = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock())
    d3 = add_agenda_item(ctx, third.session_id, child_case)
    later = load_discussion(ctx, d3)
    assert [w.id for w in later.worries] == [drinks]
    assert sorted(a.id for a in later.actions_to_review) == sorted(
        a.id for a in now_view.actions)  # the carried copy and the new action of the second session
    assert copy in [a.id for a in later.actions_to_review]
    assert later.reflection is None
    drop_agenda_item(ctx, d3)


def test_a_signed_session_refuses_every_edit(ctx: SupervisionContext, team: Team1, clock: FixedClock,
                                             db: DbFactory) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=2))
    discussion = add_agenda_item(ctx, started.session_id, team.case_ids[0])
    fill_discussion(ctx, discussion)
    fill_session_fields(ctx, started.session_id)
    mark_ready_to_sign(ctx, started.session_id)
    sign_for_test(db, started.session_id, team.manager_id)
    worry = load_discussion(ctx, discussion).worries[0].id
    with db() as s:
        events_before = s.scalar(select(func.count(AuditEvent.id)))
        answers_before = s.get_one(CaseDiscussion, discussion).answers
    attempts = [
        lambda: save_answer(ctx, discussion, "harm", "rewritten"),
        lambda: save_session_fields(ctx, started.session_id, workload="changed"),
        lambda: add_worry(ctx, discussion, "new"),
        lambda: reword_worry(ctx, discussion, worry, danger_statement="changed"),
        lambda: save_score(ctx, discussion, worry, RaterRole.WORKER, score=1),
        lambda: add_action(ctx, discussion, "new"),
        lambda: add_agenda_item(ctx, started.session_id, team.case_ids[1]),
        lambda: drop_agenda_item(ctx, discussion),
        lambda: mark_ready_to_sign(ctx, started.session_id),
        lambda: return_to_draft(ctx, started.session_id),
    ]
    for attempt in attempts:
        with pytest.raises(SessionNotEditable, match="signed"):
            attempt()
    with db() as s:
        assert s.scalar(select(func.count(AuditEvent.id))) == events_before
        assert s.get_one(CaseDiscussion, discussion).answers == answers_before
    assert load_session(ctx, started.session_id).status is SessionStatus.SIGNED_BY_SUPERVISOR


def test_every_change_is_audited_without_the_note_text(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock())
    discussion = add_agenda_item(ctx, started.session_id, team.case_ids[0])
    fill_discussion(ctx, discussion)
    rows = audit_rows(db)
    actions = {row[0] for row in rows}
    assert actions >= {"session.start", "agenda.add", "discussion.answer", "worry.add", "score.add",
                       "decision.add", "action.add", "discussion.view"}
    text = repr(rows)
    notes = ("Bruise seen", "Nan helps", "Dad drinks", "Plan holding", "Stay on the plan", "Visit weekly")
    for note in notes:
        assert note not in text
    with db() as s:
        actors = set(s.scalars(select(AuditEvent.actor_id)))
    assert actors == {team.manager_id}


def test_rewording_a_worry_in_its_parts_keeps_the_earlier_wording_in_its_history(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    """A free-text worry from an older session is written again in its parts: the earlier
    session keeps its sentence, the new one holds the parts and the sentence made from them;
    going back to the earlier words removes this session's rewording."""
    from db.models import WorryRevision
    from workbench.supervision.loading import load_discussion

    first = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=30),
                          question_set=load_question_set("default", 2))
    d1 = add_agenda_item(ctx, first.session_id, team.case_ids[0])
    worry = add_worry(ctx, d1, "Dad drinks", "A sober adult at home").worry_id
    second = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1))
    d2 = add_agenda_item(ctx, second.session_id, team.case_ids[0])
    assert reword_worry(ctx, d2, worry,
                        parts={"who_is_worried": "The school", "what_adults_do": "Dad drinks"})
    assert reword_worry(ctx, d2, worry, parts={"time_frame": "Three months"})
    view = load_discussion(ctx, d2).worries[0]
    assert dict(view.parts) == {"who_is_worried": "The school", "what_adults_do": "Dad drinks",
                                "time_frame": "Three months"}
    assert view.danger_statement == "The school: Dad drinks."
    assert view.safety_goal == "For how long: Three months."
    assert (view.previous_statement, view.previous_parts) == ("Dad drinks", {})
    assert view.reworded_here
    assert load_discussion(ctx, d1).worries[0].danger_statement == "Dad drinks"  # the old session's words
    with pytest.raises(InvalidInput, match="not a part of a danger statement"):
        reword_worry(ctx, d2, worry, parts={"who": "x"})
    # Emptying the parts again and restoring the words: this session no longer rewords it.
    reword_worry(ctx, d2, worry, parts={"who_is_worried": "", "what_adults_do": "", "time_frame": ""})
    reword_worry(ctx, d2, worry, danger_statement="Dad drinks", safety_goal="A sober adult at home")
    with db() as s:
        assert s.scalars(select(WorryRevision).where(WorryRevision.discussion_id == d2)).all() == []
    assert not load_discussion(ctx, d2).worries[0].reworded_here
