"""Run the Alembic migrations shipped inside the package, from code."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("db") / "migrations"))
    if engine is not None:
        config.attributes["engine"] = engine
        # Keep the password out of the config: env.py uses the engine itself.
        # Alembic's config interpolates "%" (ConfigParser): a URL such as
        # postgresql://u@/db?host=%2Frun%2Fpostgresql must reach it as "%%".
        url = engine.url.render_as_string(hide_password=True)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op when it is already there."""
    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
