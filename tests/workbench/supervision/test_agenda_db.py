"""The agenda from a real caseload, and editing it (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import ActionStatus, RaterRole
from db.models import Action, CaseAllocation, Reflection, Worry
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1, audit_rows
from workbench.supervision.actions import add_action, review_action
from workbench.supervision.agenda import (
    add_agenda_item,
    drop_agenda_item,
    move_agenda_item,
    propose_agenda,
    reorder_agenda,
)
from workbench.supervision.agenda_rules import ReasonCode
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import add_decision
from workbench.supervision.errors import InvalidInput
from workbench.supervision.loading import load_session
from workbench.supervision.reflections import save_reflection
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import start_session
from workbench.supervision.worries import add_worry, reword_worry


def _session_with(ctx: SupervisionContext, worker_id: int, days_ago: int, case_ids: list[int]) -> list[int]:
    meeting_at = ctx.clock() - dt.timedelta(days=days_ago)
    started = start_session(ctx, supervisee_id=worker_id, meeting_at=meeting_at)
    return [add_agenda_item(ctx, started.session_id, case_id) for case_id in case_ids]


def test_the_proposal_gives_each_child_its_reasons(ctx: SupervisionContext, team: Team1, clock: FixedClock,
                                                   db: DbFactory) -> None:
    c1, c2, c3, c4 = team.case_ids
    d1, d2, d3 = _session_with(ctx, team.worker_id, 40, [c1, c2, c3])
    for discussion_id, score in ((d1, 5), (d2, 6), (d3, 7)):
        save_score(ctx, discussion_id, None, RaterRole.SUPERVISOR, score=score, reason="r")
    add_action(ctx, d3, "Refer to CAMHS", owner_name="Bo", due_date=clock.today() - dt.timedelta(days=10))
    e1, e2 = _session_with(ctx, team.worker_id, 20, [c1, c2])
    save_score(ctx, e1, None, RaterRole.SUPERVISOR, score=2, reason="r")
    save_score(ctx, e2, None, RaterRole.SUPERVISOR, score=4, reason="r")
    with transaction(db) as s:
        s.get_one(CaseAllocation, c4).last_visit_date = None
    save_reflection(ctx.acting_as(team.worker_id), c3, what_happened="Mum moved out",
                    flag_for_discussion=True)

    proposal = propose_agenda(ctx, team.worker_id)
    assert [(p.case_id, [r.code for r in p.reasons]) for p in proposal] == [
        (c1, [ReasonCode.LOW_SCORE, ReasonCode.FALLING_SCORE]),
        (c2, [ReasonCode.FALLING_SCORE]),
        (c3, [ReasonCode.FLAGGED_BY_WORKER, ReasonCode.OVERDUE_ACTIONS, ReasonCode.NOT_DISCUSSED]),
        (c4, [ReasonCode.NOT_DISCUSSED, ReasonCode.NO_RECENT_VISIT]),
    ]
    assert proposal[0].reason_texts == ["Latest score 2 (at or below 2)", "Score falling: 5 → 2"]
    assert proposal[2].reason_texts[2] == "Last discussed 40 days ago (policy: every 28 days)"
    assert proposal[3].reason_texts == [
        "Not yet discussed in supervision; allocated 100 days ago (policy: every 28 days)",
        "No visit recorded"]
    assert audit_rows(db)[-1][:3] == ("agenda.propose", "staff", str(team.worker_id))


def test_a_newly_qualified_worker_is_due_after_fourteen_days(ctx: SupervisionContext, team: Team1) -> None:
    (nq,) = propose_agenda(ctx, team.nq_worker_id)
    assert nq.reason_texts == [
        "Not yet discussed in supervision; allocated 20 days ago (policy: every 14 days)"]


def test_the_manager_adds_reorders_and_drops(ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    c1, c2, c3, _ = team.case_ids
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock())
    first = add_agenda_item(ctx, started.session_id, c1)
    second = add_agenda_item(ctx, started.session_id, c2, ["Court next week"])
    assert add_agenda_item(ctx, started.session_id, c1) == first  # idempotent
    third = add_agenda_item(ctx, started.session_id, c3)
    with pytest.raises(InvalidInput, match="not on this worker's caseload"):
        add_agenda_item(ctx, started.session_id, team.other_case_id)
    reorder_agenda(ctx, started.session_id, [third, first, second])
    move_agenda_item(ctx, second, 0)
    view = load_session(ctx, started.session_id)
    assert [d.id for d in view.discussions] == [second, third, first]
    assert view.discussions[0].agenda_reasons == ("Court next week",)
    assert view.discussions[2].agenda_reasons == ("Added by the manager",)
    with pytest.raises(InvalidInput, match="does not match the agenda"):
        reorder_agenda(ctx, started.session_id, [first, second])
    drop_agenda_item(ctx, third)
    view = load_session(ctx, started.session_id)
    assert [(d.id, d.agenda_position) for d in view.discussions] == [(second, 0), (first, 1)]


def test_dropping_a_child_undoes_what_was_recorded_for_them(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    c1 = team.case_ids[0]
    (old,) = _session_with(ctx, team.worker_id, 30, [c1])
    kept = add_worry(ctx, old, "Original wording", "Goal").worry_id
    action_id = add_action(ctx, old, "Refer", owner_name="Bo", due_date=clock.today())
    save_reflection(ctx.acting_as(team.worker_id), c1, what_happened="Things got worse")
    (new,) = _session_with(ctx, team.worker_id, 0, [c1])
    reword_worry(ctx, new, kept, danger_statement="New wording")
    added = add_worry(ctx, new, "Another", "Goal").worry_id
    save_score(ctx, new, added, RaterRole.WORKER, score=3, reason="r")
    carried = review_action(ctx, new, action_id, ActionStatus.CARRIED).carried_action_id
    add_decision(ctx, new, "Decide", "Why")
    with db() as s:
        assert s.scalars(select(Reflection.discussion_id)).one() == new

    drop_agenda_item(ctx, new)

    with db() as s:
        assert s.get_one(Worry, kept).danger_statement == "Original wording"
        assert s.get(Worry, added) is None
        original = s.get_one(Action, action_id)
        assert (original.status, original.reviewed_in_id) == (ActionStatus.OPEN, None)
        assert carried is not None
        assert s.get(Action, carried) is None
        assert s.scalars(select(Reflection.discussion_id)).one() is None
