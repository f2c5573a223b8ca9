"""On a team server, practice audits (migration 0017) are written by practice leads in their
own name, read by the audited worker and their manager once moderated, answered only by them,
and never changed once signed, whatever SQL is typed, each person logged in as their own role."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from tests.workbench.server.conftest import TeamServer, scalar

FORM = text("INSERT INTO audit_form_version (form_key, version, title, sha256, content) "
            "VALUES ('f', 1, 'F', :h, '{}') RETURNING id")
AUDIT = text(
    "INSERT INTO practice_audit (form_version_id, discussion_id, session_id, case_id, team_id, "
    "worker_id, manager_id, meeting_at, auditor_id, sampled_how, status, created_at, "
    "moderation_note) VALUES (:form, :discussion, :session, :case, :team, :worker, :manager, "
    "now(), :auditor, 'x', 'sampled', now(), '') RETURNING id")
RESPONSE = text("INSERT INTO audit_response (audit_id, author_id, author_role, text, responded_at) "
                "VALUES (:audit, :author, 'worker', 'noted', now())")


def open_audit(server: TeamServer, person: str, auditor: str) -> int:
    ids = server.ids
    with server.connect(person) as c:
        form = c.execute(FORM, {"h": "0" * 64}).scalar_one()
        audit = int(c.execute(AUDIT, {
            "form": form, "discussion": ids["north_discussion"], "session": ids["north_session"],
            "case": ids["north_case"], "team": ids["north_team"], "worker": ids["north_worker"],
            "manager": ids["north_manager"], "auditor": ids[auditor]}).scalar_one())
        c.execute(text("INSERT INTO audit_grade (audit_id, item_key, grade, evidence, "
                       "moderation_reason) VALUES (:a, 'one', 'good', 'seen', '')"), {"a": audit})
        c.commit()
        return audit


@pytest.mark.parametrize("person", ["north_manager", "north_worker", "admin"])
def test_only_a_practice_lead_opens_an_audit(team_server: TeamServer, person: str) -> None:
    with pytest.raises(ProgrammingError, match=r"row-level security|permission denied"):
        open_audit(team_server, person, person)


def test_an_audit_is_seen_once_moderated_answered_by_its_worker_and_kept_once_signed(
        team_server: TeamServer) -> None:
    with pytest.raises(ProgrammingError, match="row-level security"):
        open_audit(team_server, "lead", "north_manager")  # not in another's name
    audit = open_audit(team_server, "lead", "lead")
    for person in ("north_worker", "north_manager", "south_worker"):
        with team_server.connect(person) as c:
            assert scalar(c, "SELECT count(*) FROM practice_audit") == 0
            assert scalar(c, "SELECT count(*) FROM audit_grade") == 0
    with team_server.connect("north_worker") as c, pytest.raises(ProgrammingError,
                                                                 match="row-level security"):
        c.execute(RESPONSE, {"audit": audit, "author": team_server.ids["north_worker"]})
    with team_server.connect("lead") as c:
        c.execute(text("UPDATE practice_audit SET status = 'moderated' WHERE id = :a"), {"a": audit})
        c.commit()
    for person, seen in (("north_worker", 1), ("north_manager", 1), ("south_worker", 0),
                         ("south_manager", 0)):
        with team_server.connect(person) as c:
            assert scalar(c, "SELECT count(*) FROM practice_audit") == seen
            assert scalar(c, "SELECT count(*) FROM audit_grade") == seen
    with team_server.connect("north_worker") as c:  # reads it, changes nothing
        assert c.execute(text("UPDATE audit_grade SET grade = 'outstanding'")).rowcount == 0
    with team_server.connect("south_worker") as c, pytest.raises(ProgrammingError,
                                                                 match="row-level security"):
        c.execute(RESPONSE, {"audit": audit, "author": team_server.ids["south_worker"]})
    with team_server.connect("north_worker") as c:
        c.execute(RESPONSE, {"audit": audit, "author": team_server.ids["north_worker"]})
        c.commit()
    with team_server.connect("lead") as c:
        c.execute(text("UPDATE practice_audit SET status = 'signed', content_sha256 = :h, "
                       "signature = '\\x00' WHERE id = :a"), {"a": audit, "h": "a" * 64})
        c.commit()
    with team_server.connect("lead") as c, pytest.raises(DBAPIError, match="signed audit"):
        c.execute(text("UPDATE audit_grade SET grade = 'inadequate'"))
    with team_server.admin().connect() as c, pytest.raises(DBAPIError, match="signed audit"):
        c.execute(text("DELETE FROM practice_audit"))
