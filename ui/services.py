"""What a widget is given instead of reaching for a global: the app's services, in one value.

The app builds one :class:`AppServices` after the database is open and passes it to every
screen and dialog it creates. Tests build their own from a test database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.clock import Clock, system_clock

if TYPE_CHECKING:  # keep SQLAlchemy and the keyring out of the start-up path
    from sqlalchemy.engine import URL

    from db.engine import SessionFactory
    from ui.tasks import TaskRunner
    from workbench.access import Actor
    from workbench.audit import AuditTrail
    from workbench.database import Database
    from workbench.secrets import SecretStore


@dataclass(frozen=True)
class AppServices:
    database: Database
    runner: TaskRunner
    audit: AuditTrail
    secrets: SecretStore
    data_dir: Path
    clock: Clock = system_clock
    # Who signed in (workbench.access.Actor); services scope what they return by it.
    # None until sign-in is wired into start-up: the services then treat the user as the system.
    actor: Actor | None = None
    # Screens that need more (question sets, signing identities) add a typed field here.

    @property
    def sessions(self) -> SessionFactory:
        return self.database.sessions

    @property
    def actor_id(self) -> int | None:
        return self.actor.staff_id if self.actor else None

    @property
    def database_label(self) -> str:
        """Where the data is, for the status bar: never with a password."""
        return describe_database(self.database.engine.url)

    def signed_in(self, actor: Actor | None) -> AppServices:
        return replace(self, actor=actor)


def describe_database(url: str | URL) -> str:
    """A database URL as a person may see it: never the password; SQLite as its file path."""
    from sqlalchemy.engine import URL as SqlUrl
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {parsed.database or 'in memory'}"
    shown = SqlUrl.create(parsed.get_backend_name(), username=parsed.username, host=parsed.host,
                          port=parsed.port, database=parsed.database)
    return shown.render_as_string(hide_password=True)
