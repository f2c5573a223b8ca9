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
    from workbench.access import Actor
    from workbench.audit import AuditTrail
    from workbench.database import Database
    from workbench.encryption import Unlocker
    from workbench.secrets import SecretStore

# The passphrase of the person named by --as (as for the desktop app's --sign-in).
SIGN_IN_PASSPHRASE_ENV = "WORKBENCH_SIGN_IN_PASSPHRASE"


class CliError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _same(a: str, b: str) -> bool:
    from workbench.names import fold_name

    return fold_name(a) == fold_name(b)


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD (a clear message otherwise, no traceback)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from error


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def progress_printer(stream: TextIO, unit: str) -> Callable[[int, int], None]:
    """``progress(done, total)`` for long commands: one line rewritten in place at a terminal;
    in a log or pipe, a line at each tenth of the way (not one run-on line)."""
    at_terminal = stream.isatty()
    shown = {-1}

    def progress(done: int, total: int) -> None:
        if at_terminal:
            print(f"\r{done}/{total} {unit}", end="" if done < total else "\n", file=stream, flush=True)
            return
        tenth = 10 * done // max(total, 1)
        if tenth not in shown:
            shown.add(tenth)
            print(f"{done}/{total} {unit}", file=stream, flush=True)

    return progress


def cli_origin() -> dict[str, str]:
    """What the audit trail records of a command-line action besides the person: the OS user
    and the computer it ran on."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        user = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return {"via": "cli", "os_user": user, "host": socket.gethostname()}


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
    # --as NAME: who runs the command (see :meth:`acting`).
    as_name: str | None = None
    _actor: Actor | None = None
    ask_passphrase: Callable[[str], str] | None = None  # tests; default getpass at a terminal
    # The settings (the oversight's supervision policy); None: the defaults.
    settings: Settings | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        settings = Settings.load()
        if settings.problem is not None:  # said, and the defaults used: never a reason to stop
            print(f"warning: {settings.problem.message}", file=sys.stderr)
        choice = DatabaseChoice.resolve(args.database, settings, demo=args.demo)
        return cls(database_url=choice.url, encrypt=choice.own_file, demo=choice.demo,
                   as_name=getattr(args, "as_name", None), settings=settings)

    def acting(self, *, what: str = "This command") -> Actor | None:
        """Who runs this command: the person named by --as, signed in with their passphrase.

        Without --as: the system (None) on the demo database, and on a database nobody can sign
        in to yet (before `workbench setup`: there is no one to name, and whoever holds its key
        is all there is); elsewhere a CliError, since reading children's records or changing
        data needs a named person, checked by role.
        """
        if self.as_name is None:
            from workbench.enrolment import needs_setup

            if self.demo or needs_setup(self.database.db):
                return None
            raise CliError(f"{what} needs to know who you are: add --as 'YOUR NAME' (your passphrase "
                           f"from {SIGN_IN_PASSPHRASE_ENV}, or asked at a terminal).")
        if self._actor is None:
            self._actor = self._sign_in(self.as_name)
        return self._actor

    def _sign_in(self, name: str) -> Actor:
        from workbench.access import AccessDenied
        from workbench.errors import PassphraseRequired, WrongPassphrase
        from workbench.keys import Passphrase
        from workbench.signin import people_to_sign_in, sign_in

        people = [p for p in people_to_sign_in(self.database.db) if _same(p.name, name)]
        if not people:
            raise CliError(f"--as: nobody called '{name}' can sign in here. Check the spelling "
                           "(`workbench staff list` shows everyone).")
        if len(people) > 1:
            raise CliError(f"--as: {len(people)} people are called '{name}'; ask an admin to tell "
                           "them apart.")
        text = self.environ.get(SIGN_IN_PASSPHRASE_ENV)
        if not text and self.demo:
            from workbench.encryption import DEMO_PASSPHRASE

            text = DEMO_PASSPHRASE
        if not text:
            ask = self.ask_passphrase
            if ask is None and sys.stdin.isatty():
                import getpass

                ask = getpass.getpass
            if ask is None:
                raise CliError(f"--as {name}: give the passphrase in {SIGN_IN_PASSPHRASE_ENV} "
                               "(no terminal to ask at).")
            text = ask(f"Passphrase of {people[0].name}: ")
        try:
            return sign_in(self.database.db, self.audit, staff_id=people[0].staff_id,
                           passphrase=Passphrase(text))
        except (AccessDenied, WrongPassphrase, PassphraseRequired) as error:
            message = getattr(error, "user_message", None) or str(error)
            raise CliError(f"--as {name}: {message}") from error

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
            return sealed_trail(self.database, self.secrets, self.clock, self.environ,
                                origin=cli_origin())
        except KeyringUnavailable as error:
            raise CliError(error.user_message) from error

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
