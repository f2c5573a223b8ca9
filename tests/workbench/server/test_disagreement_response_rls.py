"""On a team server, answers to disagreements (migration 0014) are written only by a practice
lead in their own name, seen with their session, and never changed, whatever SQL is typed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from tests.workbench.server.conftest import TeamServer, scalar

INSERT = text("INSERT INTO disagreement_response (signature_id, session_id, responder_id, "
              "responder_role, text, responded_at, content_sha256, signature, "
              "certificate_fingerprint) VALUES (:sig, :session, :responder, 'practice_lead', "
              "'answered', now(), :hash, '\\x00', 'f')")


@pytest.fixture
def disagreement(team_server: TeamServer) -> int:
    """A worker's disagreement on the Northgate session, written by the administrator."""
    with team_server.admin().begin() as c:
        return int(c.execute(text(
            "INSERT INTO signature (session_id, signer_id, signer_role, kind, statement, signed_at, "
            "content_sha256, signature, certificate_fingerprint) VALUES (:s, :w, 'worker', "
            "'disagreement', 'I disagree', now(), :h, '\\x00', 'f') RETURNING id"),
            {"s": team_server.ids["north_session"], "w": team_server.ids["north_worker"],
             "h": "c" * 64}).scalar_one())


def answer(server: TeamServer, person: str, signature_id: int, responder: str) -> None:
    with server.connect(person) as c:
        c.execute(INSERT, {"sig": signature_id, "session": server.ids["north_session"],
                           "responder": server.ids[responder], "hash": "d" * 64})
        c.commit()


@pytest.mark.parametrize("person", ["north_manager", "north_worker", "admin"])
def test_only_a_practice_lead_writes_an_answer(team_server: TeamServer, disagreement: int,
                                               person: str) -> None:
    with pytest.raises(ProgrammingError, match=r"row-level security|permission denied"):
        answer(team_server, person, disagreement, person)


def test_a_lead_answers_in_their_own_name_only_and_it_never_changes(
        team_server: TeamServer, disagreement: int) -> None:
    with pytest.raises(ProgrammingError, match="row-level security"):
        answer(team_server, "lead", disagreement, "north_manager")
    answer(team_server, "lead", disagreement, "lead")
    with team_server.connect("north_worker") as c:
        assert scalar(c, "SELECT count(*) FROM disagreement_response") == 1
    with team_server.connect("south_worker") as c:
        assert scalar(c, "SELECT count(*) FROM disagreement_response") == 0
    with team_server.connect("lead") as c, pytest.raises(DBAPIError, match="permission denied"):
        c.execute(text("UPDATE disagreement_response SET text = 'changed'"))
    with team_server.admin().connect() as c, pytest.raises(DBAPIError, match="never changes"):
        c.execute(text("DELETE FROM disagreement_response"))
