"""A manager's drafts: the list with progress, the same-day check, discarding and its refusals
(both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory, transaction
from db.enums import Role, SessionStatus
from db.models import CaseDiscussion, ScalingScore, Staff, SupervisionSession, Worry, WorryRevision
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import (
    Team1,
    audit_rows,
    fill_discussion,
    fill_session_fields,
    sign_for_test,
)
from workbench.access import AccessDenied
from workbench.caseload import open_cases
from workbench.history import read_scale_history
from workbench.supervision.agenda import add_agenda_item, propose_agenda
from workbench.supervision.context import SupervisionContext
from workbench.supervision.drafts import discard_draft, list_drafts, same_day_draft
from workbench.supervision.errors import SessionNotEditable
from workbench.supervision.sessions import (
    find_open_draft,
    mark_ready_to_sign,
    save_session_fields,
    start_session,
)
from workbench.supervision.worries import add_worry, close_worry, open_worry_count, reword_worry


def _start(ctx: SupervisionContext, team: Team1, meeting: dt.datetime, children: int = 2) -> int:
    agenda = propose_agenda(ctx, team.worker_id)[:children]
    return start_session(ctx, supervisee_id=team.worker_id, meeting_at=meeting, agenda=agenda).session_id


def _status(db: DbFactory, session_id: int) -> SessionStatus:
    with db() as s:
        return s.get_one(SupervisionSession, session_id).status


def _other_manager(db: DbFactory) -> int:
    with transaction(db) as s:
        staff = Staff(name="Eve Elsewhere", name_key="eve elsewhere", role=Role.TEAM_MANAGER)
        s.add(staff)
        s.flush()
        return staff.id


def test_the_list_shows_each_draft_with_how_far_it_has_got(
        ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    older = _start(ctx, team, clock() - dt.timedelta(days=3), children=1)
    clock.advance(minutes=5)
    newer = _start(ctx, team, clock() - dt.timedelta(hours=1), children=2)
    with ctx.db() as s:
        first_child = s.scalars(select(CaseDiscussion.id).where(CaseDiscussion.session_id == newer)
                                .order_by(CaseDiscussion.agenda_position)).first()
    assert first_child is not None
    fill_discussion(ctx, first_child)

    drafts = list_drafts(ctx)

    assert [d.session_id for d in drafts] == [newer, older]  # most recently edited first
    top = drafts[0]
    assert (top.supervisee_name, top.status, top.can_discard) == ("Bo Worker", SessionStatus.DRAFT, True)
    assert (top.children_done, top.children_total) == (1, 2)
    # Session details not done yet; the filled child's five steps are, the other's not all.
    assert top.steps_total == 11
    assert 5 <= top.steps_done < 11
    assert (drafts[1].children_done, drafts[1].children_total, drafts[1].steps_total) == (0, 1, 6)


def test_a_draft_with_the_same_worker_on_the_same_day_is_found_before_another_is_started(
        ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    morning = clock().replace(hour=9)
    session_id = _start(ctx, team, morning)
    found = same_day_draft(ctx, team.worker_id, clock().replace(hour=9, minute=45))
    assert found is not None
    assert found.session_id == session_id
    assert same_day_draft(ctx, team.worker_id, morning - dt.timedelta(days=1)) is None
    assert same_day_draft(ctx, team.nq_worker_id, morning) is None


def test_discarding_keeps_the_record_read_only_and_out_of_lists_counts_and_history(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    meeting = clock() - dt.timedelta(hours=1)
    session_id = _start(ctx, team, meeting, children=1)
    with ctx.db() as s:
        discussion_id = s.scalars(select(CaseDiscussion.id)
                                  .where(CaseDiscussion.session_id == session_id)).one()
        case_id = s.get_one(CaseDiscussion, discussion_id).case_id
    fill_discussion(ctx, discussion_id)

    discard_draft(ctx, session_id)

    assert _status(db, session_id) is SessionStatus.DISCARDED
    with db() as s:  # nothing vanished
        assert s.scalar(select(func.count()).select_from(ScalingScore)
                        .where(ScalingScore.discussion_id == discussion_id)) == 2
        assert read_scale_history(s, case_id).is_empty  # but the discarded scores do not count
    assert ("session.discard", "supervision_session", str(session_id)) in [
        row[:3] for row in audit_rows(db)]
    assert list_drafts(ctx) == []
    assert find_open_draft(db, team.manager_id) is None
    assert same_day_draft(ctx, team.worker_id, meeting) is None
    caseload = {row.case_id: row for row in open_cases(db, worker_id=team.worker_id)}
    assert caseload[case_id].last_supervised is None
    with pytest.raises(SessionNotEditable, match="discarded"):
        save_session_fields(ctx, session_id, workload="changed after discarding")
    with pytest.raises(SessionNotEditable, match="already been discarded"):
        discard_draft(ctx, session_id)


def test_signed_and_ready_to_sign_sessions_cannot_be_discarded(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    session_id = _start(ctx, team, clock() - dt.timedelta(hours=1), children=1)
    with ctx.db() as s:
        discussion_id = s.scalars(select(CaseDiscussion.id)
                                  .where(CaseDiscussion.session_id == session_id)).one()
    fill_discussion(ctx, discussion_id)
    fill_session_fields(ctx, session_id)
    mark_ready_to_sign(ctx, session_id)
    events = len(audit_rows(db))

    with pytest.raises(SessionNotEditable, match="Return it to draft"):
        discard_draft(ctx, session_id)
    assert _status(db, session_id) is SessionStatus.READY_TO_SIGN
    assert [d.can_discard for d in list_drafts(ctx)] == [False]

    sign_for_test(db, session_id, team.manager_id)
    with pytest.raises(SessionNotEditable, match="signed"):
        discard_draft(ctx, session_id)
    assert _status(db, session_id) is SessionStatus.SIGNED_BY_SUPERVISOR
    assert len(audit_rows(db)) == events
    assert list_drafts(ctx) == []


def test_another_manager_and_the_worker_cannot_discard_or_list_a_managers_drafts(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    session_id = _start(ctx, team, clock() - dt.timedelta(hours=1))
    other = ctx.acting_as(_other_manager(db))
    worker = ctx.acting_as(team.worker_id)
    events = len(audit_rows(db))

    with pytest.raises(AccessDenied, match="another manager"):
        discard_draft(other, session_id)
    with pytest.raises(AccessDenied, match="Only the manager"):
        discard_draft(worker, session_id)
    with pytest.raises(AccessDenied):
        list_drafts(other, team.manager_id)
    with pytest.raises(AccessDenied):
        same_day_draft(worker, team.worker_id, clock(), supervisor_id=team.manager_id)
    assert list_drafts(other) == []

    assert _status(db, session_id) is SessionStatus.DRAFT
    assert len(audit_rows(db)) == events


def test_a_discarded_draft_no_longer_shapes_the_childs_worries(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    def discussion_of(session_id: int, case_id: int | None = None) -> tuple[int, int]:
        with ctx.db() as s:
            found = s.execute(select(CaseDiscussion.id, CaseDiscussion.case_id)
                              .where(CaseDiscussion.session_id == session_id,
                                     *([] if case_id is None else [CaseDiscussion.case_id == case_id]))
                              .order_by(CaseDiscussion.id)).first()
            assert found is not None
            return found[0], found[1]

    earlier, case = discussion_of(_start(ctx, team, clock() - dt.timedelta(days=2), children=1))
    kept = add_worry(ctx, earlier, "Dad's drinking frightens Sam", "Sam sees a sober dad at contact").worry_id
    draft_id = _start(ctx, team, clock() - dt.timedelta(hours=1), children=1)
    add_agenda_item(ctx, draft_id, case)  # discussed two days ago, so not proposed again
    draft, _ = discussion_of(draft_id, case)
    reword_worry(ctx, draft, kept, danger_statement="Reworded in the draft", safety_goal="Also")
    close_worry(ctx, draft, kept, "Closed in the draft")
    opened = add_worry(ctx, draft, "A worry only the draft had", "").worry_id

    discard_draft(ctx, draft_id)

    with db() as s:
        kept_row, opened_row = s.get_one(Worry, kept), s.get_one(Worry, opened)
        case_id = kept_row.case_id
        assert (kept_row.closed_in_id, kept_row.danger_statement) == (None, "Dad's drinking frightens Sam")
        assert opened_row.closed_in_id == draft  # kept in the record, no longer open on the case
        assert open_worry_count(s, case_id) == 1
        assert s.scalar(select(func.count()).select_from(WorryRevision)
                        .where(WorryRevision.discussion_id == draft)) >= 1  # nothing vanished
