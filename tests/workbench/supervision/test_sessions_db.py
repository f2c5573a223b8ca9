"""Starting sessions, their own fields, the open draft, and question-set snapshots (both databases)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import DbFactory
from db.enums import RaterRole, SessionStatus
from db.models import QuestionSetVersion, ScalingScore, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1, audit_rows
from tests.workbench.supervision.test_question_sets import MINIMAL
from workbench.supervision.agenda import propose_agenda
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, QuestionSetError
from workbench.supervision.loading import load_session
from workbench.supervision.question_sets import (
    load_question_set,
    parse_question_set,
    question_set_directory,
)
from workbench.supervision.scores import save_score
from workbench.supervision.sessions import (
    find_open_draft,
    save_session_answer,
    save_session_fields,
    start_session,
)
from workbench.supervision.worries import add_worry


def count(db: DbFactory, model: type) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_starting_a_session_records_the_meeting_and_the_proposed_agenda(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    proposal = propose_agenda(ctx, team.worker_id)
    meeting = clock() - dt.timedelta(hours=2)
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=meeting, duration_minutes=75,
                            present=["Ann Manager", " Bo Worker ", ""], agenda=proposal[:3])
    assert started.late_entry is None
    view = load_session(ctx, started.session_id)
    assert (view.supervisor_name, view.supervisee_name, view.status) == (
        "Ann Manager", "Bo Worker", SessionStatus.DRAFT)
    assert view.meeting_at == meeting
    assert view.duration_minutes == 75
    assert view.present == ("Ann Manager", "Bo Worker")
    assert [d.id for d in view.discussions] == list(started.discussion_ids)
    assert [d.agenda_position for d in view.discussions] == [0, 1, 2]
    assert view.discussions[0].agenda_reasons == tuple(proposal[0].reason_texts)
    assert view.question_set.key == "default"
    assert view.created_at == clock()
    actions = [row[0] for row in audit_rows(db)]
    assert actions[:5] == ["agenda.propose", "session.start", "agenda.add", "agenda.add", "agenda.add"]
    assert actions.count("discussion.view") == 3


def test_a_future_meeting_is_refused_and_nothing_is_written(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    with pytest.raises(InvalidInput, match="is in the future"):
        start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() + dt.timedelta(days=1))
    assert count(db, SupervisionSession) == 0
    assert audit_rows(db) == []


def test_a_session_typed_more_than_a_week_later_says_so(ctx: SupervisionContext, team: Team1,
                                                        clock: FixedClock) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=9))
    assert started.late_entry is not None
    assert "9 days after the meeting" in started.late_entry
    assert load_session(ctx, started.session_id).late_entry == started.late_entry


def test_a_worker_cannot_hold_supervision_and_nobody_supervises_themselves(
        ctx: SupervisionContext, team: Team1, clock: FixedClock) -> None:
    with pytest.raises(InvalidInput, match="different people"):
        start_session(ctx, supervisee_id=team.manager_id, meeting_at=clock())
    with pytest.raises(InvalidInput, match="is a worker"):
        start_session(ctx.acting_as(team.other_worker_id), supervisee_id=team.worker_id, meeting_at=clock())


def test_the_open_draft_is_found_after_a_restart(ctx: SupervisionContext, team: Team1, clock: FixedClock,
                                                 db: DbFactory) -> None:
    assert find_open_draft(db, team.manager_id) is None
    first = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=1))
    clock.advance(minutes=5)
    second = start_session(ctx, supervisee_id=team.nq_worker_id, meeting_at=clock())
    clock.advance(minutes=5)
    save_session_fields(ctx, first.session_id, workload="Heavy")
    draft = find_open_draft(db, team.manager_id)
    assert draft is not None
    assert draft.session_id == first.session_id
    assert (draft.supervisee_name, draft.updated_at) == ("Bo Worker", clock())
    assert find_open_draft(db, team.worker_id) is None
    assert second.session_id != first.session_id


def test_session_fields_save_idempotently_with_one_audit_event_per_change(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=2))
    before = len(audit_rows(db))
    assert save_session_fields(ctx, started.session_id, workload="Twenty cases, two in court",
                               blind_scaling=True)
    assert not save_session_fields(ctx, started.session_id, workload="Twenty cases, two in court")
    assert save_session_answer(ctx, started.session_id, "wellbeing", "Tired")
    rows = audit_rows(db)[before:]
    assert [(r[0], r[3]) for r in rows] == [
        ("session.update", {"fields": ["blind_scaling", "workload"]}),
        ("session.update", {"fields": ["wellbeing"]})]
    assert "Twenty" not in repr(audit_rows(db))
    view = load_session(ctx, started.session_id)
    assert (view.workload, view.wellbeing, view.blind_scaling) == (
        "Twenty cases, two in court", "Tired", True)
    with pytest.raises(InvalidInput, match="asked for each child"):
        save_session_answer(ctx, started.session_id, "harm", "x")


def test_moving_the_meeting_date_moves_its_scores_in_the_history(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    started = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=1),
                            agenda=propose_agenda(ctx, team.worker_id)[:1])
    discussion_id = started.discussion_ids[0]
    worry = add_worry(ctx, discussion_id, "Worry", "Goal")
    save_score(ctx, discussion_id, worry.worry_id, RaterRole.WORKER, score=5, reason="r")
    earlier = clock() - dt.timedelta(days=3)
    assert save_session_fields(ctx, started.session_id, meeting_at=earlier)
    with db() as s:
        assert s.scalars(select(ScalingScore.meeting_at)).all() == [earlier]
    with pytest.raises(InvalidInput, match="in the future"):
        save_session_fields(ctx, started.session_id, meeting_at=clock() + dt.timedelta(days=2))


def test_sessions_share_one_snapshot_and_a_changed_file_is_refused(
        ctx: SupervisionContext, team: Team1, clock: FixedClock, db: DbFactory) -> None:
    start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock())
    start_session(ctx, supervisee_id=team.nq_worker_id, meeting_at=clock())
    assert count(db, QuestionSetVersion) == 1
    default = load_question_set("default")
    newest = f"default-v{default.version}.toml"
    edited_text = (question_set_directory() / newest).read_text(
        encoding="utf-8").replace("Harm: what has happened", "Harm: what happened")
    edited = parse_question_set(edited_text, newest)
    assert edited.sha256 != default.sha256
    following = default.version + 1
    with pytest.raises(QuestionSetError,
                       match=rf"save the changes as default-v{following}\.toml with version = {following}"):
        start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock(), question_set=edited)
    assert count(db, SupervisionSession) == 2


def test_an_old_session_keeps_the_wording_it_was_held_with(ctx: SupervisionContext, team: Team1,
                                                           clock: FixedClock) -> None:
    v1 = parse_question_set(MINIMAL, "mini-v1.toml")
    v2 = parse_question_set(MINIMAL.replace("version = 1", "version = 2")
                            .replace("What happened?", "What has happened since?"), "mini-v2.toml")
    old = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(days=30),
                        question_set=v1)
    new = start_session(ctx, supervisee_id=team.worker_id, meeting_at=clock(), question_set=v2)
    assert load_session(ctx, old.session_id).question_set.question("harm").wording == "What happened?"
    new_wording = load_session(ctx, new.session_id).question_set.question("harm").wording
    assert new_wording == "What has happened since?"
