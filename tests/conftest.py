"""Fixtures shared by every floor: both databases, a fixed clock, an in-memory keyring."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from db.engine import DbFactory, make_db_factory, make_engine
from db.migrate import upgrade_to_head
from tests.support.postgres import PostgresServer, start_server

TEMPLATE = "workbench_template"
_database_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this run, migrated once into a template database."""
    server = start_server()
    try:
        admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
        admin.dispose()
        template_engine = make_engine(server.url(TEMPLATE))
        upgrade_to_head(template_engine)
        template_engine.dispose()
        yield server
    finally:
        server.stop()


def _fresh_pg_database(server: PostgresServer) -> str:
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
    admin.dispose()
    return server.url(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite file migrated to the head once for this test process; each test gets a
    copy (running the migrations took about 0.3 s a test), as PostgreSQL's tests get a copy of
    its template database."""
    path = tmp_path_factory.mktemp("template") / "workbench.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    engine.dispose()  # the last connection closed: the write-ahead log is folded into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _fresh_sqlite_database(template: Path, path: Path) -> str:
    shutil.copy(template, path)  # with its permission bits
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database URL: every database test runs on both back ends."""
    if request.param == "sqlite":
        return _fresh_sqlite_database(request.getfixturevalue("sqlite_template"), tmp_path / "workbench.db")
    return _fresh_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> DbFactory:
    return make_db_factory(engine)


@pytest.fixture
def sqlite_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """A migrated SQLite database, for tests about the embedded file itself."""
    engine = make_engine(_fresh_sqlite_database(sqlite_template, tmp_path / "embedded.db"))
    yield engine
    engine.dispose()


class FixedClock:
    """An injected clock the test can move; services never read the wall clock."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def today(self) -> dt.date:
        return self.now.date()

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))


@pytest.fixture(autouse=True)
def own_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's own data, settings, keys or logs: the data folder,
    the log folder and the platform's data, state and config folders (for anything that asks
    platformdirs, in this process or a child) point into a fresh temporary home. A test that
    wants its own folder sets WORKBENCH_DATA_DIR itself, after this."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("WORKBENCH_LOG_DIR", str(home / "logs"))
    for variable, folder in (("XDG_DATA_HOME", "share"), ("XDG_STATE_HOME", "state"),
                             ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(variable, str(home / folder))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    """No test ever touches a real keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)
