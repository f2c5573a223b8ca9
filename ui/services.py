"""What a widget is given instead of reaching for a global: the app's services, in one value.

The app builds one :class:`AppServices` after the database is open and passes it to every
screen and dialog it creates. Tests build their own from a test database. The UI reaches the
database only through the core's services: it never imports SQLAlchemy or the models.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.clock import Clock, system_clock

if TYPE_CHECKING:  # keep SQLAlchemy, cryptography and the keyring out of the start-up path
    from ui.tasks import TaskRunner
    from workbench.access import Actor
    from workbench.audit import AuditTrail
    from workbench.database import Database, DbFactory
    from workbench.secrets import SecretStore
    from workbench.settings import Settings
    from workbench.signing.identity import IdentityStore
    from workbench.signing.signoff import SignOffService


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
    # The settings (Preferences); the Oversight tab reads its supervision policy from them.
    settings: Settings | None = None
    # Screens that need more (question sets, signing identities) add a typed field here.

    @property
    def db(self) -> DbFactory:
        return self.database.db

    @property
    def actor_id(self) -> int | None:
        return self.actor.staff_id if self.actor else None

    @property
    def database_label(self) -> str:
        """Where the data is, for the status bar: never with a password."""
        return self.database.label

    @cached_property
    def identities(self) -> IdentityStore:
        """This computer's signing keys (``<data folder>/keys``), built once, when first needed."""
        from workbench.signing.identity import IdentityStore

        return IdentityStore(self.data_dir / "keys", self.secrets, self.clock, self.audit)

    @cached_property
    def signoff(self) -> SignOffService:
        """The sign-off service, acting for the signed-in person; built once, when first needed."""
        from workbench.signing.signoff import SignOffService

        return SignOffService(self.db, self.identities, self.audit, self.clock, actor=self.actor)

    def signed_in(self, actor: Actor | None) -> AppServices:
        """The same services acting for ``actor`` (the identity store is shared, not rebuilt)."""
        changed = replace(self, actor=actor)
        if "identities" in self.__dict__:
            changed.__dict__["identities"] = self.identities
        return changed

