"""Engine and session set-up for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DbFactory = sessionmaker[Session]


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _install_sqlite_pragmas(engine: Engine, *, first_statements: tuple[str, ...] = ()) -> None:
    """WAL, synchronous=FULL, foreign keys, and SQLAlchemy-controlled transactions.

    Python's sqlite3 driver opens transactions on its own schedule; SQLAlchemy's documented
    recipe turns that off (isolation_level=None) and emits BEGIN itself, so that a
    transaction is exactly what the code says it is.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for statement in first_statements:
                cursor.execute(statement)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "memory":  # in-memory databases cannot use WAL
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def make_engine(
    url: str | URL,
    *,
    sqlite_module: Any | None = None,
    first_statements: tuple[str, ...] = (),
    **kwargs: Any,
) -> Engine:
    """Create an engine for ``url``.

    ``sqlite_module`` swaps the DB-API module (``sqlcipher3`` for an encrypted file), and
    ``first_statements`` run on every new connection before anything else (its key).
    """
    url = make_url(url)
    # A failed statement's message names the statement, never its values (children's names,
    # typed text, keys): such messages reach the log file.
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() == "sqlite":
        if sqlite_module is not None:
            kwargs["module"] = sqlite_module
        engine = create_engine(url, **kwargs)
        _install_sqlite_pragmas(engine, first_statements=first_statements)
        return engine
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    kwargs.setdefault("pool_pre_ping", True)
    # A name of its own, which change notices carry (migration 0018), so that the screens of
    # this client do not re-read what this client itself just wrote.
    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args.setdefault("application_name", f"workbench-{uuid.uuid4().hex[:12]}")
    return create_engine(url, connect_args=connect_args, **kwargs)


def make_db_factory(engine: Engine) -> DbFactory:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(db: DbFactory) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with db() as session, session.begin():
        yield session
