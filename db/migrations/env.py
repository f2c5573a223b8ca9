"""Alembic environment: migrates the engine handed over in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from db.engine import make_engine
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("no engine or sqlalchemy.url given to the migrations")
        engine = make_engine(url)
    return engine


def _pragma(connection: Connection, pragma: str) -> None:
    """A pragma on the driver's own connection: SQLAlchemy's would open a transaction first (the
    engine emits BEGIN itself), and SQLite ignores foreign_keys inside one."""
    connection.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one; with foreign keys on,
            # dropping a table others refer to (staff, sessions) fails on any database with
            # data. The pragma only works outside a transaction, so it is set before the
            # migrations begin, and the references are checked before they commit.
            _pragma(connection, "foreign_keys = OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,  # SQLite alters tables by copying them
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migrations left broken references: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys = ON")


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
