"""What every subcommand is given: the database, the clock, where to print."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from workbench.database_choice import DatabaseChoice
from workbench.settings import Settings

if TYPE_CHECKING:
    # Imported when a subcommand first needs the database: `workbench` with no subcommand
    # opens the desktop app, whose first paint must not wait for SQLAlchemy and Alembic.
    from workbench.audit import AuditTrail
    from workbench.database import Database
    from workbench.encryption import Unlocker
    from workbench.secrets import SecretStore

class CliError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class CliContext:
    database_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    clock: Callable[[], dt.datetime] = _utcnow
    _database: Database | None = None
    # The app's own file in the data folder is always encrypted; another SQLite file is
    # encrypted when it already is (its key file is beside it), else opened plain (tools, tests):
    # see workbench.database_choice.
    encrypt: bool = False
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    _secrets: SecretStore | None = None
    demo: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        choice = DatabaseChoice.resolve(args.database, Settings.load(), demo=args.demo)
        return cls(database_url=choice.url, encrypt=choice.own_file, demo=choice.demo)

    @property
    def secrets(self) -> SecretStore:
        if self._secrets is None:
            from workbench.secrets import SecretStore

            self._secrets = SecretStore()
        return self._secrets

    def unlocker(self) -> Unlocker | None:
        """How to unlock the embedded file: the keyring, then WORKBENCH_PASSPHRASE.

        The rule (shared with the desktop app) is :class:`DatabaseChoice`'s.
        """
        choice = DatabaseChoice(self.database_url, own_file=self.encrypt, demo=self.demo)
        return choice.unlocker(self.secrets, self.environ)

    @property
    def database(self) -> Database:
        if self._database is None:
            from workbench.database import check_database_url, open_database
            from workbench.errors import EnvironmentProblem

            try:
                check_database_url(self.database_url)  # before the unlocker reads it as a path
                self._database = open_database(self.database_url, unlock=self.unlocker())
            except EnvironmentProblem as error:
                raise CliError(error.user_message) from error
        return self._database

    @property
    def audit(self) -> AuditTrail:
        """The database's audit trail: sealed with its chain key, anchored outside it."""
        from workbench.audit import sealed_trail
        from workbench.errors import KeyringUnavailable

        try:
            return sealed_trail(self.database, self.secrets, self.clock, self.environ)
        except KeyringUnavailable as error:
            raise CliError(error.user_message) from error

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
