"""Open screens hear what others change: a listener on one connection hears the saves made
through another (PostgreSQL LISTEN/NOTIFY); on SQLite it hears nothing and costs nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from db.engine import make_db_factory, make_engine
from tests.conftest import FixedClock
from tests.workbench.supervision.conftest import Team1, fill_discussion, fill_session_fields, sign_for_test
from workbench.audit import AuditTrail
from workbench.changes import EVERYTHING, Change, ChangeListener, NoChanges, listen_for_changes
from workbench.supervision.agenda import add_agenda_item
from workbench.supervision.context import SupervisionContext
from workbench.supervision.reflections import save_reflection
from workbench.supervision.sessions import mark_ready_to_sign, start_session

# Long enough for a notice to cross a loaded machine; the wait ends as soon as one arrives.
PATIENCE = 30.0


@pytest.fixture
def listening(engine: Engine) -> Iterator[ChangeListener | NoChanges]:
    listener = listen_for_changes(engine)
    assert isinstance(listener, ChangeListener | NoChanges)
    yield listener
    listener.close()


@pytest.fixture
def elsewhere(db_url: str, clock: FixedClock, team: Team1) -> Iterator[SupervisionContext]:
    """Another person's computer: its own engine on the same database."""
    other = make_engine(db_url)
    yield SupervisionContext(make_db_factory(other), AuditTrail(clock), clock, team.manager_id)
    other.dispose()


def _heard(listener: ChangeListener | NoChanges, table: str) -> list[Change]:
    """Everything heard until a change to ``table`` arrives (or the patience runs out)."""
    heard: list[Change] = []
    while not any(c.table == table for c in heard):
        more = listener.wait(PATIENCE)
        if not more:
            break
        heard += more
    return heard


def test_a_workers_new_reflection_reaches_the_managers_open_session(
        db_url: str, listening: ChangeListener | NoChanges, elsewhere: SupervisionContext,
        team: Team1, ctx: SupervisionContext) -> None:
    case_id = team.case_ids[0]
    worker = elsewhere.acting_as(team.worker_id)
    # This client's own change is not news to it (its screens showed it as it was typed).
    mine = save_reflection(ctx.acting_as(team.worker_id), team.case_ids[1], what_happened="Mine")
    saved = save_reflection(worker, case_id, what_happened="Sam told me about the weekend")
    if db_url.startswith("sqlite"):
        assert isinstance(listening, NoChanges)
        assert listening.poll() == []
        assert listening.fileno() is None
        return
    heard = _heard(listening, "reflection")
    reflections = [c for c in heard if c.table == "reflection"]
    assert reflections
    assert reflections[0].id == saved.reflection_id
    assert reflections[0].case_id == case_id
    assert all(c.id != mine.reflection_id for c in reflections)
    assert listening.poll() == []  # each notice is heard once


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # notices need a server
def test_waiting_goes_on_past_this_clients_own_notice(
        db_url: str, listening: ChangeListener | NoChanges, elsewhere: SupervisionContext,
        team: Team1, ctx: SupervisionContext) -> None:
    """A watcher's own save is heard first and is not news: the wait goes on for the others'."""
    import threading

    save_reflection(ctx.acting_as(team.worker_id), team.case_ids[1], what_happened="Mine")
    later = threading.Timer(1.0, lambda: save_reflection(
        elsewhere.acting_as(team.worker_id), team.case_ids[0], what_happened="Theirs"))
    later.start()
    try:
        heard = listening.wait(PATIENCE)
    finally:
        later.join()
    assert heard
    assert {(c.table, c.case_id) for c in heard} == {("reflection", team.case_ids[0])}


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # notices need a server
def test_a_countersignature_reaches_the_practice_leads_records(
        db_url: str, listening: ChangeListener | NoChanges, elsewhere: SupervisionContext,
        team: Team1, clock: FixedClock) -> None:
    manager = elsewhere
    session = start_session(manager, supervisee_id=team.worker_id, meeting_at=clock() - dt.timedelta(hours=1))
    discussion_id = add_agenda_item(manager, session.session_id, team.case_ids[0])
    fill_discussion(manager, discussion_id)
    fill_session_fields(manager, session.session_id)
    mark_ready_to_sign(manager, session.session_id)
    sign_for_test(manager.db, session.session_id, team.manager_id)
    listening.poll()  # what the manager's typing sent; the lead's screen now waits
    from db.engine import transaction
    from db.enums import SessionStatus, SignatureKind
    from db.models import Signature, SupervisionSession

    with transaction(manager.db) as s:  # the worker countersigns (the service's bare form)
        s.add(Signature(session_id=session.session_id, signer_id=team.worker_id, signer_role="worker",
                        kind=SignatureKind.COUNTERSIGNATURE, content_sha256="0" * 64,
                        signature=b"sig", certificate_fingerprint="00"))
        s.flush()
        s.get_one(SupervisionSession, session.session_id).status = SessionStatus.COUNTERSIGNED
    heard = _heard(listening, "supervision_session")
    assert {(c.table, c.session_id if c.table == "signature" else c.id) for c in heard} >= {
        ("signature", session.session_id), ("supervision_session", session.session_id)}


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # notices need a server
def test_a_notice_carries_ids_never_content(
        db_url: str, listening: ChangeListener | NoChanges, elsewhere: SupervisionContext,
        team: Team1) -> None:
    admin = create_engine(db_url)
    try:
        with admin.connect() as c:
            c.execute(text("LISTEN workbench_changes"))
            c.commit()
            save_reflection(elsewhere.acting_as(team.worker_id), team.case_ids[0],
                            what_happened="A secret about the family")
            raw = c.connection.driver_connection
            assert raw is not None
            payloads = [n.payload for n in raw.notifies(timeout=PATIENCE, stop_after=1)]
    finally:
        admin.dispose()
    assert payloads
    assert all("secret" not in p and "family" not in p for p in payloads)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # notices need a server
def test_a_lost_connection_comes_back_and_says_to_read_everything_again(
        db_url: str, listening: ChangeListener | NoChanges, elsewhere: SupervisionContext,
        team: Team1, pg_server: object) -> None:
    assert isinstance(listening, ChangeListener)
    database = db_url.rsplit("/", 1)[1]
    admin = create_engine(pg_server.admin_url, isolation_level="AUTOCOMMIT")  # type: ignore[attr-defined]
    try:
        with admin.connect() as c:  # what a server restart does to every connection
            c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = :db AND application_name = :me"),
                      {"db": database, "me": listening.client_name})
    finally:
        admin.dispose()
    assert listening.wait(PATIENCE) == []  # the loss is noticed, not raised
    assert listening.poll() == [EVERYTHING]  # back: notices sent meanwhile are lost, read all
    save_reflection(elsewhere.acting_as(team.worker_id), team.case_ids[0], what_happened="After")
    assert any(c.table == "reflection" for c in _heard(listening, "reflection"))


def test_the_migration_notifies_on_the_tables_the_listener_watches() -> None:
    from importlib import import_module

    from workbench.changes import WATCHED_TABLES

    migration = import_module("db.migrations.versions.0018_row_versions_and_change_notices")
    assert set(migration.WATCHED) == WATCHED_TABLES
