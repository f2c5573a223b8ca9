"""Opening the workbench's database: engine, migrations to the newest schema, sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from db.engine import SessionFactory, make_engine, make_session_factory
from db.migrate import upgrade_to_head


class DatabaseUnavailable(RuntimeError):
    """An environment problem (server down, file locked, no permission): not a bug."""


@dataclass
class Database:
    engine: Engine
    sessions: SessionFactory

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    engine = make_engine(url)
    try:
        if migrate:
            upgrade_to_head(engine)
        else:
            engine.connect().close()
    except OperationalError as error:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise DatabaseUnavailable(
            f"Could not open the database at {where}: {error.orig}. "
            "Check that the server is running and the address is right."
        ) from error
    return Database(engine=engine, sessions=make_session_factory(engine))
