"""Each person, logged in as their own PostgreSQL role with a plain SQL prompt, gets no further
than the app would let them: they see their own or their team's records, practice leads
change nothing, nobody owns a table, and staff rows change only by an admin's hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from db.engine import make_engine
from tests.conftest import _fresh_pg_database
from tests.support.postgres import PostgresServer
from tests.workbench.server.conftest import ServerTemplate, TeamServer, scalar
from workbench.cli import main
from workbench.server import ServerSetupError, add_login, init_server, remove_login

CONTENT = ("case_allocation", "supervision_session", "case_discussion", "reflection", "child")


def visible_ids(server: TeamServer, person: str, table: str) -> set[int]:
    with server.connect(person) as c:
        return set(c.execute(text(f"SELECT id FROM {table}")).scalars())


def test_a_worker_sees_only_their_own_cases_sessions_and_reflections(team_server: TeamServer) -> None:
    ids = team_server.ids
    assert visible_ids(team_server, "north_worker", "case_allocation") == {ids["north_case"]}
    assert visible_ids(team_server, "north_worker", "supervision_session") == {ids["north_session"]}
    assert visible_ids(team_server, "north_worker", "case_discussion") == {ids["north_discussion"]}
    assert visible_ids(team_server, "north_worker", "reflection") == {ids["north_reflection"]}
    with team_server.connect("north_worker") as c:
        # Asking by id for the other team's rows finds nothing, as if they did not exist.
        assert scalar(c, "SELECT count(*) FROM supervision_session WHERE id = :i",
                      i=ids["south_session"]) == 0
        assert scalar(c, "SELECT count(*) FROM reflection WHERE case_id = :i", i=ids["south_case"]) == 0
        assert scalar(c, "SELECT la_child_id FROM child") == "NORTH-1"


def test_a_manager_sees_their_team_only_and_a_lead_sees_every_team(team_server: TeamServer) -> None:
    ids = team_server.ids
    assert visible_ids(team_server, "south_manager", "case_allocation") == {ids["south_case"]}
    assert visible_ids(team_server, "south_manager", "supervision_session") == {ids["south_session"]}
    assert visible_ids(team_server, "south_manager", "reflection") == {ids["south_reflection"]}
    assert visible_ids(team_server, "lead", "supervision_session") == {ids["north_session"],
                                                                      ids["south_session"]}
    assert visible_ids(team_server, "lead", "reflection") == {ids["north_reflection"],
                                                              ids["south_reflection"]}


def test_an_admin_reads_no_childrens_records_but_manages_people(team_server: TeamServer) -> None:
    for table in CONTENT:
        assert visible_ids(team_server, "admin", table) == set(), table
    assert len(visible_ids(team_server, "admin", "staff")) == 6


def test_a_practice_lead_cannot_change_a_session(team_server: TeamServer) -> None:
    session_id = team_server.ids["north_session"]
    with team_server.connect("lead") as c:
        changed = c.execute(text("UPDATE supervision_session SET workload = 'edited by lead' "
                                 "WHERE id = :i"), {"i": session_id})
        assert changed.rowcount == 0
        c.commit()
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text("INSERT INTO case_discussion (session_id, child_id, case_id, agenda_position, "
                           "agenda_reasons, answers, child_voice, impact_statement, escalation_decision, "
                           "score_difference_note, updated_at) SELECT session_id, child_id, case_id, 9, "
                           "'[]', '{}', '', '', '', '', now() FROM case_discussion LIMIT 1"))
    with team_server.connect("north_manager") as c:
        assert scalar(c, "SELECT workload FROM supervision_session WHERE id = :i",
                      i=session_id) == "north workload"
        # The session's own manager can.
        assert c.execute(text("UPDATE supervision_session SET workload = 'agreed' WHERE id = :i"),
                         {"i": session_id}).rowcount == 1


def test_a_worker_cannot_write_into_another_teams_session(team_server: TeamServer) -> None:
    with team_server.connect("north_worker") as c:
        assert c.execute(text("UPDATE supervision_session SET workload = 'x' WHERE id = :i"),
                         {"i": team_server.ids["south_session"]}).rowcount == 0
        assert c.execute(text("DELETE FROM case_discussion WHERE id = :i"),
                         {"i": team_server.ids["south_discussion"]}).rowcount == 0
        assert c.execute(text("UPDATE reflection SET what_happened = 'x' WHERE id = :i"),
                         {"i": team_server.ids["south_reflection"]}).rowcount == 0


def test_the_supervisee_cannot_rewrite_their_supervisors_note(team_server: TeamServer) -> None:
    session_id, discussion_id = team_server.ids["north_session"], team_server.ids["north_discussion"]
    with team_server.connect("north_worker") as c:
        with pytest.raises(DBAPIError, match="only the supervisor"):
            c.execute(text("UPDATE supervision_session SET workload = 'light' WHERE id = :i"),
                      {"i": session_id})
        c.rollback()
        with pytest.raises(DBAPIError, match="only the supervisor"):
            c.execute(text("UPDATE supervision_session SET status = 'ready_to_sign' WHERE id = :i"),
                      {"i": session_id})
        c.rollback()
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text("INSERT INTO decision (discussion_id, position, text, rationale) "
                           "VALUES (:d, 0, 'close the case', '')"), {"d": discussion_id})
        c.rollback()
        assert c.execute(text("UPDATE case_discussion SET child_voice = 'x' WHERE id = :i"),
                         {"i": discussion_id}).rowcount == 0
        # Nor sign in the supervisor's name.
        with pytest.raises(ProgrammingError, match="row-level security"):
            c.execute(text("INSERT INTO signature (session_id, signer_id, signer_role, kind, statement, "
                           "signed_at, content_sha256, signature, certificate_fingerprint) VALUES "
                           "(:s, :m, 'team_manager', 'approval', '', now(), :h, '\\x00', 'AA')"),
                      {"s": session_id, "m": team_server.ids["north_manager"], "h": "0" * 64})
        c.rollback()
    with team_server.connect("north_manager") as c:
        c.execute(text("INSERT INTO decision (discussion_id, position, text, rationale) "
                       "VALUES (:d, 0, 'review in 4 weeks', 'new school')"), {"d": discussion_id})
        assert c.execute(text("UPDATE case_discussion SET child_voice = 'likes school' WHERE id = :i"),
                         {"i": discussion_id}).rowcount == 1
        c.commit()
    with team_server.connect("north_worker") as c:
        assert scalar(c, "SELECT text FROM decision") == "review in 4 weeks"


FORBIDDEN = (
    "TRUNCATE signed_document",
    "TRUNCATE audit_event",
    "ALTER TABLE supervision_session DISABLE TRIGGER USER",
    "ALTER TABLE staff DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE audit_event ADD COLUMN note text",
    "DROP POLICY psw_app_select ON staff",
    "DROP TRIGGER psw_staff_guard ON staff",
    "CREATE TABLE public.mine (id int)",
    "SELECT * FROM psw_server.audit_key",
    "SELECT * FROM psw_server.db_login",
    "INSERT INTO audit_event (occurred_at, action, entity_type, details) "
    "VALUES (now(), 'forged', 'staff', '{}')",
    "UPDATE audit_event SET action = 'edited'",
    "DELETE FROM audit_event",
    "SELECT setval('audit_event_id_seq', 1)",
)


@pytest.mark.parametrize("person", ["north_worker", "north_manager", "lead", "admin"])
def test_no_login_can_alter_truncate_or_write_the_audit_trail(team_server: TeamServer,
                                                              person: str) -> None:
    with team_server.connect(person) as c:
        for statement in FORBIDDEN:
            with pytest.raises(ProgrammingError, match=r"permission denied|must be owner"):
                c.execute(text(statement))
            c.rollback()
        assert scalar(c, "SELECT count(*) FROM signed_document") == 0
        assert scalar(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'mine'") == 0


def test_a_worker_cannot_make_themselves_a_practice_lead(team_server: TeamServer) -> None:
    me = team_server.ids["north_worker"]
    with team_server.connect("north_worker") as c:
        with pytest.raises(DBAPIError, match="only an admin can change staff records"):
            c.execute(text("UPDATE staff SET role = 'practice_lead' WHERE id = :i"), {"i": me})
        c.rollback()
        # Another person's row is not theirs to touch at all.
        assert c.execute(text("UPDATE staff SET role = 'worker' WHERE id = :i"),
                         {"i": team_server.ids["lead"]}).rowcount == 0
        c.rollback()
        with pytest.raises(DBAPIError, match="row-level security"):
            c.execute(text("INSERT INTO staff (name, name_key, role, active, created_at) "
                           "VALUES ('Me Again', 'me again', 'practice_lead', true, now())"))
    with team_server.connect("admin") as c:
        assert scalar(c, "SELECT role FROM staff WHERE id = :i", i=me) == "worker"
        # An admin can.
        c.execute(text("UPDATE staff SET role = 'team_manager' WHERE id = :i"), {"i": me})
        c.commit()
        assert scalar(c, "SELECT role FROM staff WHERE id = :i", i=me) == "team_manager"
        with pytest.raises(DBAPIError, match="nobody can change their own role"):
            c.execute(text("UPDATE staff SET role = 'worker' WHERE id = :i"),
                      {"i": team_server.ids["admin"]})


def test_passphrase_hashes_are_unreadable_and_only_an_admin_sets_anothers(
        team_server: TeamServer) -> None:
    victim = team_server.ids["south_worker"]
    for person in ("north_worker", "south_worker", "north_manager", "lead", "admin"):
        with team_server.connect(person) as c, pytest.raises(ProgrammingError, match="permission denied"):
            c.execute(text("SELECT passphrase_hash FROM staff"))
    with team_server.connect("south_manager") as c:
        # Clearing the passphrase of someone in their own team: refused.
        assert c.execute(text("UPDATE staff SET passphrase_hash = NULL WHERE id = :i"),
                         {"i": victim}).rowcount == 0
    with team_server.connect("south_worker") as c:
        with pytest.raises(DBAPIError, match="cleared only by an admin"):
            c.execute(text("UPDATE staff SET passphrase_hash = NULL WHERE id = :i"), {"i": victim})
        c.rollback()
        # Their own new passphrase: allowed.
        assert c.execute(text("UPDATE staff SET passphrase_hash = 'scrypt$new' WHERE id = :i"),
                         {"i": victim}).rowcount == 1
        c.commit()
    with team_server.connect("admin") as c:
        assert c.execute(text("UPDATE staff SET passphrase_hash = NULL WHERE id = :i"),
                         {"i": victim}).rowcount == 1
        c.commit()
    with team_server.admin().connect() as c:
        assert scalar(c, "SELECT passphrase_hash FROM staff WHERE id = :i", i=victim) is None


def test_a_person_is_who_their_login_says(team_server: TeamServer) -> None:
    with team_server.connect("south_manager") as c:
        assert scalar(c, "SELECT psw_current_staff()") == team_server.ids["south_manager"]
        assert scalar(c, "SELECT session_user") == team_server.logins["south_manager"]


def test_a_removed_login_sees_nothing_and_an_unknown_staff_id_is_refused(
        team_server: TeamServer) -> None:
    login = team_server.logins["north_worker"] + "_second"
    add_login(team_server.admin_url, staff_id=team_server.ids["north_worker"], login=login)
    team_server.logins["second"] = login
    assert visible_ids(team_server, "second", "case_allocation") == {team_server.ids["north_case"]}
    assert remove_login(team_server.admin_url, login=login, drop_role=True)
    with pytest.raises(OperationalError, match=f'role "{login}" does not exist'):
        team_server.connect("second")
    with pytest.raises(ServerSetupError, match="no active member of staff with id 999"):
        add_login(team_server.admin_url, staff_id=999, login="nobody_here")
    with team_server.admin().connect() as c:
        assert [tuple(row) for row in c.execute(text(
            "SELECT action, details->>'login' FROM audit_event ORDER BY id DESC LIMIT 2"))] == [
            ("server.login_removed", login), ("server.login_added", login)]


def test_the_command_line_takes_over_an_existing_database_and_adds_a_login(
        pg_server: PostgresServer, server_template: ServerTemplate, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path))
    url = _fresh_pg_database(pg_server)  # migrated by the superuser, who owns its tables
    roles = ["--owner-role", server_template.owner, "--app-role", server_template.app]
    assert main(["server", "init", "--database", url, *roles]) == 0
    assert "row-level security on each" in capsys.readouterr().out
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            owners = set(c.execute(text(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")).scalars())
    finally:
        engine.dispose()
    assert owners == {server_template.owner}
    # Nobody is enrolled in this database yet: a clear message, nothing created.
    assert main(["server", "add-login", "--database", url, "--staff-id", "1", "--login", "x_y"]) == 1
    assert "no active member of staff with id 1" in capsys.readouterr().err
    assert main(["server", "init", "--database", "sqlite:///nowhere.db"]) == 1
    assert "PostgreSQL" in capsys.readouterr().err


def test_init_runs_again_and_leaves_the_rules_in_place(team_server: TeamServer) -> None:
    report = init_server(team_server.admin_url, owner=team_server.owner, app=team_server.app)
    assert report.unprotected == ()
    assert visible_ids(team_server, "north_worker", "case_allocation") == {team_server.ids["north_case"]}
    with team_server.admin().connect() as c:
        owners = set(c.execute(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'"))
                     .scalars())
        forced = set(c.execute(text(
            "SELECT relforcerowsecurity AND relrowsecurity FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
            "AND c.relname <> 'alembic_version'")).scalars())
    assert owners == {team_server.owner}
    assert forced == {True}
