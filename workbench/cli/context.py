"""What every subcommand is given: the database, the clock, where to print."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from workbench.settings import Settings, resolve_database_url

if TYPE_CHECKING:
    # Imported when a subcommand first needs the database: `workbench` with no subcommand
    # opens the desktop app, whose first paint must not wait for SQLAlchemy and Alembic.
    from workbench.database import Database


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

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        url = resolve_database_url(args.database, Settings.load(), demo=args.demo)
        return cls(database_url=url)

    @property
    def database(self) -> Database:
        if self._database is None:
            from workbench.database import DatabaseUnavailable, open_database

            try:
                self._database = open_database(self.database_url)
            except DatabaseUnavailable as error:
                raise CliError(str(error)) from error
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
