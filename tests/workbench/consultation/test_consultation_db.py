"""A case consultation through the services, from each person's side: who may open, change,
score, sign and countersign it; private scales shown side by side; the signed record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from db.engine import DbFactory, transaction
from db.enums import Role, SessionKind, SessionStatus
from db.models import ScalingScore, Staff, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1, add_team
from workbench.access import AccessDenied
from workbench.audit import AuditTrail
from workbench.consultation.board import record_score, reveal_scores, score_board
from workbench.consultation.service import (
    Attendee,
    ConsultationNotReady,
    add_attendee,
    mark_ready_to_sign,
    remove_member,
    save_step_text,
    start_consultation,
)
from workbench.consultation.steps import Step
from workbench.signing.content import session_content
from workbench.supervision.context import SupervisionContext
from workbench.supervision.drafts import list_drafts
from workbench.supervision.errors import InvalidInput, SessionNotEditable
from workbench.supervision.sessions import find_open_draft
from workbench.supervision.worries import add_worry

POLICE = Attendee("Sam Officer", "Police", "Detective sergeant", consent_to_be_named=False)


@dataclass(frozen=True)
class Room:
    team: Team1
    lead_id: int
    outsider_id: int  # a worker of another team
    session_id: int
    discussion_id: int


@pytest.fixture
def room(db: DbFactory, clock: FixedClock) -> Room:
    team = add_team(db, clock.today())
    with transaction(db) as s:
        lead = Staff(name="Lee Lead", name_key="lee lead", role=Role.PRACTICE_LEAD)
        outsider = Staff(name="Ola Outside", name_key="ola outside", role=Role.WORKER)
        s.add_all([lead, outsider])
        s.flush()
        lead_id, outsider_id = lead.id, outsider.id
    ctx = SupervisionContext(db, AuditTrail(clock), clock, team.manager_id)
    started = start_consultation(
        ctx, presenter_id=team.worker_id, case_ids=[team.case_ids[1]],
        meeting_at=clock() - dt.timedelta(hours=1), facilitator_id=lead_id,
        participant_ids=[team.manager_id, team.nq_worker_id, team.other_worker_id],
        attendees=[POLICE], time_boxes={"story": 10, "mapping": 25})
    return Room(team, lead_id, outsider_id, started.session_id, started.discussion_ids[0])


def _as(db: DbFactory, clock: FixedClock, staff_id: int) -> SupervisionContext:
    return SupervisionContext(db, AuditTrail(clock), clock, staff_id)


def test_a_consultation_is_a_group_session_the_one_to_one_drafts_leave_alone(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    with db() as s:
        session = s.get_one(SupervisionSession, room.session_id)
        assert session.kind is SessionKind.GROUP_CONSULTATION
        assert (session.supervisor_id, session.supervisee_id) == (room.lead_id, room.team.worker_id)
        assert session.present[:2] == ["Lee Lead (facilitator)", "Bo Worker (presenter)"]
        # The police officer did not consent to be named: the record says who they are, not their name.
        assert "Detective sergeant, Police (not named)" in session.present
        assert not any("Sam Officer" in name for name in session.present)
    # The manager's one-to-one drafts and the start-up reopening do not offer it.
    lead = _as(db, clock, room.lead_id)
    assert find_open_draft(db, room.lead_id) is None
    assert list_drafts(lead, room.lead_id) == []


def test_who_may_open_change_and_score_it(db: DbFactory, clock: FixedClock,
                                          room: Room) -> None:
    outsider = _as(db, clock, room.outsider_id)
    with pytest.raises(AccessDenied):
        score_board(outsider, room.session_id)
    with pytest.raises(AccessDenied):
        save_step_text(outsider, room.session_id, Step.STORY, "Not mine to write")
    participant = _as(db, clock, room.team.nq_worker_id)
    assert score_board(participant, room.session_id).children  # a participant opens it
    with pytest.raises(AccessDenied, match="Only the facilitator"):
        save_step_text(participant, room.session_id, Step.STORY, "My version")
    with pytest.raises(AccessDenied, match="only your own score"):
        record_score(participant, room.discussion_id, "presenter", 9)
    presenter = _as(db, clock, room.team.worker_id)
    assert save_step_text(presenter, room.session_id, Step.TAKEAWAY, "Ask Nan about evenings")
    with pytest.raises(AccessDenied):
        save_step_text(presenter, room.session_id, Step.STORY, "The presenter's own story")
    facilitator = _as(db, clock, room.lead_id)  # a practice lead facilitates
    assert save_step_text(facilitator, room.session_id, Step.STORY, "Dad moved back in")
    with db() as s:
        content = session_content(s, room.session_id)["consultation"]
    assert (content["story"], content["takeaway"]) == ("Dad moved back in", "Ask Nan about evenings")
    assert content["time_boxes"] == {"mapping": 25, "story": 10}
    with pytest.raises(InvalidInput, match="1 to 240"):
        start_consultation(_as(db, clock, room.team.manager_id),
                           presenter_id=room.team.worker_id, case_ids=[room.team.case_ids[0]],
                           meeting_at=clock(), time_boxes={"story": 0})


def test_scores_stay_private_until_everyone_has_scored_then_show_the_spread(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    facilitator = _as(db, clock, room.lead_id)
    nq = _as(db, clock, room.team.nq_worker_id)
    board = score_board(facilitator, room.session_id).children[0]
    keys = {s.rater.label: s.rater.key for s in board.scores}
    record_score(nq, room.discussion_id, keys["Cy New"], 3, "Dad's drinking")
    # Cy sees their own score; the facilitator (and the projector) only that Cy has scored.
    mine = {s.rater.label: s for s in score_board(nq, room.session_id).children[0].scores}
    assert mine["Cy New"].score == 3
    theirs = {s.rater.label: s for s in score_board(facilitator, room.session_id).children[0].scores}
    assert theirs["Cy New"].scored
    assert theirs["Cy New"].score is None
    with pytest.raises(InvalidInput, match="Still to score: Lee Lead, Bo Worker"):
        reveal_scores(facilitator, room.session_id)
    for label, score in (("Lee Lead", 5), ("Bo Worker", 6), ("Ann Manager", 4), ("Di Other", 7),
                         ("Detective sergeant, Police (not named)", 2)):
        record_score(facilitator, room.discussion_id, keys[label], score)
    with pytest.raises(AccessDenied, match="Only the facilitator"):
        reveal_scores(nq, room.session_id)
    shown = reveal_scores(facilitator, room.session_id).children[0]
    assert shown.spread == (2, 7)
    assert sorted(shown.shown) == [2, 3, 4, 5, 6, 7]
    with pytest.raises(SessionNotEditable, match="fixed"):
        record_score(facilitator, room.discussion_id, keys["Cy New"], 8)
    with pytest.raises(SessionNotEditable):
        add_attendee(facilitator, room.session_id, Attendee("Late Comer", "Health"))
    with db() as s:
        rows = s.scalars(select(ScalingScore).where(ScalingScore.discussion_id == room.discussion_id)).all()
    assert len(rows) == 6
    assert all(r.case_id == room.team.case_ids[1] for r in rows)
    assert not any(r.rater_name == "Sam Officer" for r in rows)


def test_ready_to_sign_says_what_each_step_still_needs(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    facilitator = _as(db, clock, room.lead_id)
    with pytest.raises(ConsultationNotReady) as missing:
        mark_ready_to_sign(facilitator, room.session_id)
    assert [m.split(":")[0] for m in missing.value.missing] == [
        Step.REQUEST.heading, Step.STORY.heading, Step.MAPPING.heading, Step.SCALING.heading,
        Step.NEXT_STEPS.heading, Step.TAKEAWAY.heading]
    fill_consultation(db, clock, room)
    mark_ready_to_sign(facilitator, room.session_id)
    with db() as s:
        assert s.get_one(SupervisionSession, room.session_id).status is SessionStatus.READY_TO_SIGN


def fill_consultation(db: DbFactory, clock: FixedClock, room: Room) -> None:
    """Every step written and everyone scored, as the facilitator does it."""
    facilitator = _as(db, clock, room.lead_id)
    for step, text in ((Step.REQUEST, "Is it safe for Dad to be back?"), (Step.STORY, "Dad moved back"),
                       (Step.NEXT_STEPS, "Network meeting with Nan"), (Step.TAKEAWAY, "Ask Nan")):
        save_step_text(facilitator, room.session_id, step, text)
    add_worry(facilitator, room.discussion_id, "School worry that Dad drinks and hits", "Sober carer")
    for score in score_board(facilitator, room.session_id).children[0].scores:
        record_score(facilitator, room.discussion_id, score.rater.key, 5)
    reveal_scores(facilitator, room.session_id)


def test_the_groups_scores_join_the_scale_history_as_a_spread_once_shown(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    from tests.workbench.charts.helpers import by_gid
    from workbench.charts.scale_history import scale_history_figure
    from workbench.history import read_scale_history

    facilitator = _as(db, clock, room.lead_id)
    case_id = room.team.case_ids[1]
    keys = [s.rater.key for s in score_board(facilitator, room.session_id).children[0].scores]
    for key, score in zip(keys, (5, 6, 4, 3, 7, 2), strict=True):
        record_score(facilitator, room.discussion_id, key, score)
    with db() as s:
        assert read_scale_history(s, case_id).is_empty  # private until shown side by side
    reveal_scores(facilitator, room.session_id)
    with db() as s:
        history = read_scale_history(s, case_id)
    (spread,) = history.group_spreads
    assert (spread.low, spread.high, spread.scores) == (2, 7, (2, 3, 4, 5, 6, 7))
    assert history.worries == ()  # a series of its own: no one-to-one line runs through it
    figure = scale_history_figure(history)
    assert len(by_gid(figure, "group-spread:0")) == 1
    assert list(by_gid(figure, "group-scores:0")[0].get_ydata()) == [2, 3, 4, 5, 6, 7]  # type: ignore[attr-defined]


def test_someone_who_did_not_come_is_taken_out_with_their_score_before_the_scores_are_shown(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    facilitator = _as(db, clock, room.lead_id)
    late = add_attendee(facilitator, room.session_id, Attendee("Hana Health", "Health", "Health visitor"))
    board = score_board(facilitator, room.session_id)
    key = next(s.rater.key for s in board.children[0].scores if s.rater.member_id == late)
    record_score(facilitator, room.discussion_id, key, 4)
    with pytest.raises(AccessDenied):
        remove_member(_as(db, clock, room.team.nq_worker_id), room.session_id, late)
    remove_member(facilitator, room.session_id, late)
    with db() as s:
        assert "Hana Health" not in s.get_one(SupervisionSession, room.session_id).present
        assert s.scalars(select(ScalingScore).where(ScalingScore.rater_name == "Hana Health")).all() == []


def test_the_caseload_and_team_figures_count_the_groups_scores_only_once_shown(
    db: DbFactory, clock: FixedClock, room: Room,
) -> None:
    """Before the scores are shown side by side each is private to its rater: the manager's
    caseload and team figures (a mean of the raters) must not give them away early."""
    from workbench.caseload_scores import caseload_glance, team_view

    facilitator = _as(db, clock, room.lead_id)
    case_id = room.team.case_ids[1]
    keys = [s.rater.key for s in score_board(facilitator, room.session_id).children[0].scores]
    for key, score in zip(keys, (1, 1, 2, 1, 2, 1), strict=True):
        record_score(facilitator, room.discussion_id, key, score)

    with db() as s:
        team_id = s.get_one(Staff, room.team.worker_id).team_id
    assert team_id is not None

    def latest() -> float | None:
        rows = caseload_glance(db, clock, team_id=team_id)
        return next(r.latest_score for r in rows if r.case_id == case_id)

    def scored_in_team() -> int:
        return sum(team_view(db, clock, team_id=team_id).distribution)

    before, scored_before = latest(), scored_in_team()
    assert before is None or before > 2  # whatever it was, not the group's private 1s and 2s
    reveal_scores(facilitator, room.session_id)
    assert latest() == pytest.approx(8 / 6)  # shown: the group's mean is the latest score
    assert scored_in_team() == scored_before + (before is None)
