"""On a team server a group consultation is the room's business and nobody else's: a participant
from another team sees it and records only their own score; a manager who was not there sees
none of it; a practice lead who facilitates changes it; the presenter writes their take-away."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from db.engine import make_db_factory, transaction
from db.enums import SessionKind, SessionStatus
from db.models import CaseDiscussion, Consultation, ConsultationMember, QuestionSetVersion, SupervisionSession
from tests.conftest import FixedClock
from tests.workbench.server.conftest import MEETING, TeamServer, scalar

SCORE = ("INSERT INTO scaling_score (discussion_id, case_id, meeting_at, rater_role, rater_staff_id, "
         "rater_name, score, reason, recorded_at) "
         "VALUES (:d, :c, now(), 'professional', :who, 'x', 4, '', now())")


def _consultation(server: TeamServer) -> tuple[int, int]:
    """A consultation of the north worker's family, facilitated by the practice lead, with the
    south worker as a participant (made by the administrator, as the services would)."""
    ids = server.ids
    with transaction(make_db_factory(server.admin())) as s:
        version = s.query(QuestionSetVersion).one()
        session = SupervisionSession(
            supervisor_id=ids["lead"], supervisee_id=ids["north_worker"], meeting_at=MEETING,
            kind=SessionKind.GROUP_CONSULTATION, status=SessionStatus.DRAFT, question_set=version)
        s.add(session)
        s.flush()
        case_child = s.execute(text("SELECT child_id FROM case_allocation WHERE id = :c"),
                               {"c": ids["north_case"]}).scalar_one()
        discussion = CaseDiscussion(session=session, child_id=case_child, case_id=ids["north_case"])
        s.add_all([discussion, Consultation(session_id=session.id, time_boxes={}),
                   ConsultationMember(session_id=session.id, staff_id=ids["south_worker"],
                                      name="Sam Worker")])
        s.flush()
        return session.id, discussion.id


def test_a_consultation_is_seen_and_changed_only_by_its_people(team_server: TeamServer) -> None:
    session_id, discussion_id = _consultation(team_server)
    ids = team_server.ids
    case = ids["north_case"]
    with team_server.connect("south_worker") as c:  # a participant from another team
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i", i=session_id) == 1
        assert scalar(c, "SELECT count(*) FROM consultation") == 1
        assert scalar(c, "SELECT count(*) FROM case_allocation WHERE id = :i", i=case) == 1
        c.execute(text(SCORE), {"d": discussion_id, "c": case, "who": ids["south_worker"]})
        c.commit()
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text(SCORE), {"d": discussion_id, "c": case, "who": ids["north_worker"]})
        c.rollback()
        assert c.execute(text("UPDATE consultation SET story = 'mine'")).rowcount == 0
        c.commit()
    with team_server.connect("south_manager") as c:  # not in the room
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i", i=session_id) == 0
        assert scalar(c, "SELECT count(*) FROM consultation") == 0
        assert scalar(c, "SELECT count(*) FROM consultation_member") == 0
        assert scalar(c, "SELECT count(*) FROM scaling_score") == 0
    with team_server.connect("lead") as c:  # the facilitator, a practice lead
        assert c.execute(text("UPDATE consultation SET story = 'Dad moved back'")).rowcount == 1
        c.execute(text("INSERT INTO consultation_member (session_id, name, agency, role, "
                       "consent_to_be_named, position, created_at) VALUES (:s, 'Sam Officer', 'Police', "
                       "'DS', false, 1, now())"), {"s": session_id})
        c.commit()
    with team_server.connect("north_worker") as c:  # the presenter
        assert c.execute(text("UPDATE consultation SET takeaway = 'Ask Nan'")).rowcount == 1
        c.commit()
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text("INSERT INTO consultation_member (session_id, name, agency, role, "
                           "consent_to_be_named, position, created_at) VALUES (:s, 'X', '', '', true, 2, "
                           "now())"), {"s": session_id})
        c.rollback()


def test_a_practice_lead_starts_a_consultation_as_their_own_login(team_server: TeamServer,
                                                                   clock: FixedClock) -> None:
    from workbench.audit import AuditTrail
    from workbench.consultation.service import start_consultation
    from workbench.supervision.context import SupervisionContext

    ids = team_server.ids
    clock.now = MEETING + dt.timedelta(hours=2)
    lead = SupervisionContext(make_db_factory(team_server.engine_for("lead")),
                              AuditTrail(clock, server_sealed=True), clock, ids["lead"])
    started = start_consultation(lead, presenter_id=ids["north_worker"], case_ids=[ids["north_case"]],
                                 meeting_at=MEETING, participant_ids=[ids["south_worker"]])
    with team_server.connect("south_worker") as c:  # a participant from another team sees it
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i", i=started.session_id) == 1
    with team_server.connect("south_manager") as c:  # nobody else does
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i", i=started.session_id) == 0
    # A practice lead starts consultations only, and only as their facilitator.
    with team_server.engine_for("lead").begin() as c, pytest.raises(ProgrammingError, match="row-level"):
        c.execute(text("INSERT INTO supervision_session (supervisor_id, supervisee_id, meeting_at, kind, "
                       "status, question_set_version_id, blind_scaling, created_at, updated_at) "
                       "SELECT :me, :w, now(), 'case_one_to_one', 'draft', id, false, now(), now() "
                       "FROM question_set_version LIMIT 1"), {"me": ids["lead"], "w": ids["north_worker"]})


def test_the_presenter_writes_their_take_away_and_nothing_else(team_server: TeamServer,
                                                              clock: FixedClock) -> None:
    from workbench.audit import AuditTrail
    from workbench.consultation.service import save_step_text
    from workbench.consultation.steps import Step
    from workbench.consultation.view import load_consultation
    from workbench.supervision.context import SupervisionContext

    session_id, _ = _consultation(team_server)
    ids = team_server.ids
    clock.now = MEETING + dt.timedelta(hours=1)
    presenter = SupervisionContext(make_db_factory(team_server.engine_for("north_worker")),
                                   AuditTrail(clock, server_sealed=True), clock, ids["north_worker"])
    # Through the app, as their own login: the take-away is theirs to write.
    words = "I will ask Nan about the evenings."
    assert save_step_text(presenter, session_id, Step.TAKEAWAY, words)
    assert load_consultation(presenter, session_id).text(Step.TAKEAWAY) == words
    # The rest of the record is the facilitator's: psql as the presenter cannot rewrite it.
    for column in ("story", "next_steps", "presenter_request", "spread_discussion"):
        with team_server.engine_for("north_worker").begin() as c, \
                pytest.raises(ProgrammingError, match="facilitator"):
            c.execute(text(f"UPDATE consultation SET {column} = 'rewritten' WHERE session_id = :s"),
                      {"s": session_id})
    with team_server.engine_for("north_worker").begin() as c, \
            pytest.raises(ProgrammingError, match="facilitator"):
        c.execute(text("UPDATE consultation SET scores_revealed_at = now() WHERE session_id = :s"),
                  {"s": session_id})
    with team_server.connect("lead") as c:
        assert scalar(c, "SELECT story FROM consultation WHERE session_id = :s", s=session_id) == ""
