"""Two people (two clients: two engines, two session factories) edit one record on one
database: the second save of a text the first changed meanwhile is refused with both texts,
and nothing either typed is lost (both databases)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from db.engine import make_db_factory, make_engine, transaction
from db.enums import SafetyPlanStatus
from db.models import Decision, Reflection
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1
from workbench.audit import AuditTrail
from workbench.supervision.actions import add_action, update_action
from workbench.supervision.agenda import add_agenda_item
from workbench.supervision.context import SupervisionContext
from workbench.supervision.discussions import (
    add_decision,
    save_answer,
    save_discussion_fields,
    update_decision,
)
from workbench.supervision.errors import EditConflict
from workbench.supervision.loading import load_discussion
from workbench.supervision.reflections import load_reflection, save_reflection
from workbench.supervision.safety_plan import read_safety, save_safety_plan
from workbench.supervision.sessions import save_session_fields, start_session
from workbench.supervision.worries import add_worry, reword_worry


@pytest.fixture
def second_client(db_url: str, clock: FixedClock, team: Team1) -> Iterator[SupervisionContext]:
    """The same database through another engine: another computer, as far as the code knows."""
    engine = make_engine(db_url)
    yield SupervisionContext(make_db_factory(engine), AuditTrail(clock), clock, team.manager_id)
    engine.dispose()


def test_the_same_worker_in_two_windows_keeps_both_texts(
        ctx: SupervisionContext, second_client: SupervisionContext, team: Team1) -> None:
    case_id = team.case_ids[0]
    laptop, office = ctx.acting_as(team.worker_id), second_client.acting_as(team.worker_id)
    save_reflection(laptop, case_id, what_happened="Visited on Monday")
    seen = "Visited on Monday"
    assert load_reflection(office, case_id).what_happened == seen  # type: ignore[union-attr]

    save_reflection(laptop, case_id, what_happened="Visited on Monday; Sam was at school",
                    expected={"what_happened": seen})
    with pytest.raises(EditConflict) as refused:
        save_reflection(office, case_id, what_happened="Visited on Monday with the nurse",
                        expected={"what_happened": seen})
    conflict = refused.value
    assert conflict.field == "what_happened"
    assert conflict.theirs == "Visited on Monday; Sam was at school"
    assert conflict.yours == "Visited on Monday with the nurse"
    assert "changed by someone else" in str(conflict)
    assert "your text is kept" in str(conflict)
    # Nothing was overwritten: the first save stands.
    assert load_reflection(laptop, case_id).what_happened == conflict.theirs  # type: ignore[union-attr]

    # The office window merges both and saves against what it now knows is there.
    merged = "Visited on Monday with the nurse; Sam was at school"
    assert save_reflection(office, case_id, what_happened=merged,
                           expected={"what_happened": conflict.theirs}).changed
    assert load_reflection(laptop, case_id).what_happened == merged  # type: ignore[union-attr]
    # A field nobody else touched saves as before, whatever the other fields hold.
    save_reflection(laptop, case_id, how_and_why="Because school called", expected={"how_and_why": ""})


def test_two_managers_edit_one_discussion(
        ctx: SupervisionContext, second_client: SupervisionContext, team: Team1,
        clock: FixedClock) -> None:
    session = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1))
    discussion_id = add_agenda_item(ctx, session.session_id, team.case_ids[0])
    decision_id = add_decision(ctx, discussion_id, "Stay on the plan", "It is working")

    update_decision(ctx, decision_id, text="Stay on the plan for a month",
                    expected={"text": "Stay on the plan"})
    with pytest.raises(EditConflict) as refused:
        update_decision(second_client, decision_id, text="Move to a child protection plan",
                        expected={"text": "Stay on the plan"})
    assert (refused.value.theirs, refused.value.yours) == ("Stay on the plan for a month",
                                                          "Move to a child protection plan")
    with second_client.db() as s:
        assert s.get_one(Decision, decision_id).text == "Stay on the plan for a month"

    save_answer(ctx, discussion_id, "harm", "Bruise seen at school", expected=None)
    save_answer(ctx, discussion_id, "harm", "Bruise seen at school on Monday",
                expected="Bruise seen at school")
    with pytest.raises(EditConflict) as refused:
        save_answer(second_client, discussion_id, "harm", "A bruise", expected="Bruise seen at school")
    assert refused.value.theirs == "Bruise seen at school on Monday"
    assert load_discussion(ctx, discussion_id).answers["harm"] == "Bruise seen at school on Monday"

    save_discussion_fields(ctx, discussion_id, child_voice="I like nan's", expected={"child_voice": ""})
    with pytest.raises(EditConflict):
        save_discussion_fields(second_client, discussion_id, child_voice="Nan's is fun",
                               expected={"child_voice": ""})

    worry_id = add_worry(ctx, discussion_id, "Dad drinks", "A sober adult is home").worry_id
    reword_worry(ctx, discussion_id, worry_id, danger_statement="Dad drinks at night",
                 expected={"danger_statement": "Dad drinks"})
    with pytest.raises(EditConflict) as refused:
        reword_worry(second_client, discussion_id, worry_id, danger_statement="Dad drinks daily",
                     expected={"danger_statement": "Dad drinks"})
    assert refused.value.theirs == "Dad drinks at night"

    action_id = add_action(ctx, discussion_id, "Visit weekly", owner_name="Bo")
    update_action(ctx, action_id, description="Visit twice a week", expected={"description": "Visit weekly"})
    with pytest.raises(EditConflict):
        update_action(second_client, action_id, description="Visit daily",
                      expected={"description": "Visit weekly"})

    save_session_fields(ctx, session.session_id, workload="Heavy", expected={"workload": ""})
    with pytest.raises(EditConflict) as refused:
        save_session_fields(second_client, session.session_id, workload="Fine", expected={"workload": ""})
    assert refused.value.theirs == "Heavy"


def test_worker_and_manager_change_one_safety_plan(
        ctx: SupervisionContext, second_client: SupervisionContext, team: Team1,
        clock: FixedClock) -> None:
    case_id = team.case_ids[1]
    worker = second_client.acting_as(team.worker_id)
    save_safety_plan(ctx, case_id, status=SafetyPlanStatus.BEING_BUILT, rules=["Nan collects Sam"],
                     review_date=None)
    seen = {"rules": ["Nan collects Sam"], "status": SafetyPlanStatus.BEING_BUILT}
    save_safety_plan(worker, case_id, status=SafetyPlanStatus.BEING_BUILT,
                     rules=["Nan collects Sam", "Dad does not drive"], review_date=None, expected=seen)
    with pytest.raises(EditConflict) as refused:
        save_safety_plan(ctx, case_id, status=SafetyPlanStatus.BEING_BUILT,
                         rules=["Nan collects Sam", "Mum calls nan at 6"], review_date=None,
                         expected=seen)
    assert refused.value.theirs == ["Nan collects Sam", "Dad does not drive"]
    assert refused.value.yours == ["Nan collects Sam", "Mum calls nan at 6"]
    assert read_safety(ctx, case_id).plan.rules == ("Nan collects Sam", "Dad does not drive")


def test_a_save_racing_another_is_refused_by_the_row_version(
        ctx: SupervisionContext, second_client: SupervisionContext, team: Team1) -> None:
    """Read, then someone else's write commits, then this write: the row's version refuses it
    (what would happen between a service's read and its write under load)."""
    case_id = team.case_ids[0]
    worker = ctx.acting_as(team.worker_id)
    save_reflection(worker, case_id, what_happened="First words")
    s = ctx.db()
    try:
        stale = s.scalars(select(Reflection).where(Reflection.case_id == case_id)).one()
        assert stale.version == 2  # created, then its first text
        s.commit()  # the row stays in memory as it was read (the app's sessions keep it)
        save_reflection(second_client.acting_as(team.worker_id), case_id,
                        what_happened="Someone else's words")
        stale.what_happened = "Lost words"
        with pytest.raises(StaleDataError):
            s.commit()
    finally:
        s.close()
    assert load_reflection(worker, case_id).what_happened == "Someone else's words"  # type: ignore[union-attr]
    with transaction(ctx.db) as s2:
        assert s2.scalars(select(Reflection.version).where(Reflection.case_id == case_id)).one() == 3
