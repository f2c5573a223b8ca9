"""A team server for each test: a fresh database made a server by `init_server`, two teams, a
practice lead and an admin, each person with their own PostgreSQL login (trust auth here, so
no passwords). Role names are cluster-wide: each test's are its own."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from db.engine import make_db_factory, make_engine, transaction
from db.enums import CaseKind, Role, SessionKind, SessionStatus
from db.models import (
    CaseAllocation,
    CaseDiscussion,
    Child,
    QuestionSetVersion,
    Reflection,
    Staff,
    SupervisionSession,
    Team,
)
from tests.support.postgres import PostgresServer
from workbench.server import add_login, init_server

_numbers = itertools.count()
MEETING = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


@dataclass
class TeamServer:
    admin_url: str  # the superuser's URL (what the administrator runs init with)
    owner: str
    app: str
    logins: dict[str, str]  # person key -> login name
    ids: dict[str, int]  # person key, case key, session key -> id
    _engines: list[Engine]

    def url_for(self, person: str) -> str:
        url = make_url(self.admin_url).set(username=self.logins[person])
        return url.render_as_string(hide_password=False)

    def engine_for(self, person: str) -> Engine:
        engine = make_engine(self.url_for(person), poolclass=NullPool)
        self._engines.append(engine)
        return engine

    def connect(self, person: str) -> Connection:
        return self.engine_for(person).connect()

    def admin(self) -> Engine:
        engine = make_engine(self.admin_url, poolclass=NullPool)
        self._engines.append(engine)
        return engine


def _seed(url: str) -> dict[str, int]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with transaction(make_db_factory(engine)) as s:
            north = Team(name="Northgate", name_key="northgate")
            south = Team(name="Southbank", name_key="southbank")
            people = {
                "north_manager": Staff(name="Ann Manager", name_key="ann manager",
                                       role=Role.TEAM_MANAGER, team=north),
                "north_worker": Staff(name="Bo Worker", name_key="bo worker", role=Role.WORKER,
                                      team=north),
                "south_manager": Staff(name="Sue Manager", name_key="sue manager",
                                       role=Role.TEAM_MANAGER, team=south),
                "south_worker": Staff(name="Sam Worker", name_key="sam worker", role=Role.WORKER,
                                      team=south, passphrase_hash="scrypt$1$1$1$c2FsdA==$aGFzaA=="),
                "lead": Staff(name="Pat Lead", name_key="pat lead", role=Role.PRACTICE_LEAD),
                "admin": Staff(name="Ada Admin", name_key="ada admin", role=Role.ADMIN),
            }
            s.add_all([north, south, *people.values()])
            s.flush()
            version = QuestionSetVersion(set_key="seed", version=1, title="Seed", sha256="0" * 64,
                                         content={})
            s.add(version)
            ids = {key: person.id for key, person in people.items()}
            for side in ("north", "south"):
                worker, manager = people[f"{side}_worker"], people[f"{side}_manager"]
                case = CaseAllocation(child=Child(la_child_id=f"{side.upper()}-1"), worker=worker,
                                      team=worker.team, kind=CaseKind.CHILD_IN_NEED,
                                      start_date=dt.date(2026, 1, 5))
                session = SupervisionSession(
                    supervisor=manager, supervisee=worker, meeting_at=MEETING,
                    kind=SessionKind.CASE_ONE_TO_ONE, status=SessionStatus.DRAFT,
                    question_set=version, workload=f"{side} workload")
                s.add_all([case, session])
                s.flush()
                discussion = CaseDiscussion(session=session, child_id=case.child_id, case=case)
                s.add(discussion)
                s.flush()
                reflection = Reflection(case_id=case.id, worker_id=worker.id,
                                        what_happened=f"{side} visit")
                s.add(reflection)
                s.flush()
                ids |= {f"{side}_case": case.id, f"{side}_session": session.id,
                        f"{side}_discussion": discussion.id, f"{side}_reflection": reflection.id,
                        f"{side}_team": worker.team_id or 0}
            return ids
    finally:
        engine.dispose()


@dataclass(frozen=True)
class ServerTemplate:
    name: str
    owner: str
    app: str
    logins: dict[str, str]
    ids: dict[str, int]


@pytest.fixture(scope="session")
def server_template(pg_server: PostgresServer) -> ServerTemplate:
    """One initialised, seeded server per test run, copied for each test.

    Roles belong to the whole cluster, so the owner, app and login roles are made once here
    (named after this process: each test worker runs its own cluster) and every copy of the
    database shares them; the login mapping and the data are copied with the database.
    """
    suffix = str(os.getpid())
    name = f"server_template_{suffix}"
    admin = make_engine(pg_server.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE template0"))
    admin.dispose()
    url = pg_server.url(name)
    owner, app = f"owner_{suffix}", f"app_{suffix}"
    init_server(url, owner=owner, app=app)  # an empty database: migrated as the owner
    ids = _seed(url)
    logins = {person: f"{person}_{suffix}" for person in PEOPLE}
    for person, login in logins.items():
        add_login(url, staff_id=ids[person], login=login)
    return ServerTemplate(name, owner, app, logins, ids)


PEOPLE = ("north_manager", "north_worker", "south_manager", "south_worker", "lead", "admin")


@pytest.fixture
def team_server(pg_server: PostgresServer, server_template: ServerTemplate) -> Iterator[TeamServer]:
    name = f"server_{os.getpid()}_{next(_numbers)}"
    admin = make_engine(pg_server.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name} TEMPLATE {server_template.name}"))
    server = TeamServer(admin_url=pg_server.url(name), owner=server_template.owner,
                        app=server_template.app, logins=dict(server_template.logins),
                        ids=dict(server_template.ids), _engines=[])
    yield server
    for engine in server._engines:
        engine.dispose()
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def scalar(connection: Connection, statement: str, **params: object) -> object:
    return connection.execute(text(statement), params).scalar()
