"""The team server keeps safety planning and direct work to the case's own people: the worker
and their manager add to it, the other team sees none of it, a practice lead reads but writes
nothing, and nobody changes a stored drawing."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from tests.workbench.server.conftest import TeamServer, scalar

ADD_MEMBER = ("INSERT INTO network_member (case_id, name, relationship_to_child, role, created_at, "
              "removed_reason) VALUES (:c, :n, 'grandmother', '', now(), '') RETURNING id")


def test_safety_network_and_drawings_stay_with_the_case(team_server: TeamServer) -> None:
    case = team_server.ids["north_case"]
    with team_server.connect("north_worker") as c:
        member = c.execute(text(ADD_MEMBER), {"c": case, "n": "Nan"}).scalar_one()
        work = c.execute(text(
            "INSERT INTO direct_work (case_id, done_on, tool, done_by, words, created_at) VALUES "
            "(:c, '2026-11-01', 'three_houses', 'North Worker', '{\"worries\": \"shouting\"}', now()) "
            "RETURNING id"), {"c": case}).scalar_one()
        drawing = c.execute(text(
            "INSERT INTO direct_work_drawing (direct_work_id, file_name, media_type, size, sha256, data, "
            "preview_png, created_at) VALUES (:w, 'a.png', 'image/png', 1, 'x', 'a', 'a', now()) "
            "RETURNING id"), {"w": work}).scalar_one()
        c.commit()
    with team_server.connect("north_manager") as c:
        assert c.execute(text("UPDATE network_member SET role = 'sleepovers' WHERE id = :i"),
                         {"i": member}).rowcount == 1
        c.commit()
        with pytest.raises(DBAPIError, match="permission denied"):
            c.execute(text("DELETE FROM direct_work_drawing WHERE id = :i"), {"i": drawing})
    with team_server.connect("south_manager") as c:
        assert scalar(c, "SELECT count(*) FROM network_member") == 0
        assert scalar(c, "SELECT count(*) FROM direct_work_drawing") == 0
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text(ADD_MEMBER), {"c": case, "n": "Stranger"})
    with team_server.connect("lead") as c:
        assert scalar(c, "SELECT name FROM network_member WHERE id = :i", i=member) == "Nan"
        assert c.execute(text("UPDATE network_member SET name = 'x' WHERE id = :i"),
                         {"i": member}).rowcount == 0
        c.commit()
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text(ADD_MEMBER), {"c": case, "n": "Lead's pick"})
