"""Opening the workbench's database: engine, encryption, migrations to the newest schema, sessions.

The embedded SQLite file is opened encrypted when an :class:`~workbench.encryption.Unlocker`
is given (the app and the CLI always give one for their own files); a plain SQLite URL with
no unlocker stays plain (tests, tools). PostgreSQL ignores the unlocker: the server is the
team's to protect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from db.engine import DbFactory, make_db_factory, make_engine
from db.migrate import upgrade_to_head
from workbench.encryption import Unlocker, engine_options, file_kind, prepare_encrypted_file
from workbench.errors import (
    DatabaseUnavailable,
    EnvironmentProblem,
    PassphraseRequired,
    classify,
    environment_errors,
)
from workbench.keys import DataKey, Secret, key_file_path
from workbench.messages import translatable

if TYPE_CHECKING:
    from workbench.audit import AuditTrail
    from workbench.clock import Clock

__all__ = ["Database", "DatabaseUnavailable", "DbFactory", "Unlocker", "describe_database",
           "embedded_path", "open_database"]


@dataclass
class Database:
    engine: Engine
    db: DbFactory
    # The embedded file, when this is one; None for PostgreSQL and in-memory databases.
    path: Path | None = None
    data_key: DataKey | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.data_key is not None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def audit_key(self) -> Secret | None:
        """The audit chain's key when it comes from the database key (encrypted files).

        Other databases get theirs from the keyring: see :func:`workbench.audit.audit_key_for`.
        """
        return self.data_key.derive("audit-chain") if self.data_key is not None else None

    def audit_trail(self, clock: Clock, key: Secret | None = None) -> AuditTrail:
        """An AuditTrail keyed by ``key``, or by the key derived from the database key."""
        from workbench.audit import AuditTrail

        return AuditTrail(clock, key=key or self.audit_key())

    @property
    def label(self) -> str:
        """Where the data is, for the status bar: never with a password."""
        return describe_database(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()


def describe_database(url: str | URL) -> str:
    """A database URL as a person may see it: never the password; SQLite as its file path."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite: {parsed.database or 'in memory'}"
    shown = URL.create(parsed.get_backend_name(), username=parsed.username, host=parsed.host,
                       port=parsed.port, database=parsed.database)
    return shown.render_as_string(hide_password=True)


def embedded_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (PostgreSQL, in-memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser().resolve()


def check_database_url(url: str) -> None:
    """Refuse an address that is no database URL, or names a kind of database this build cannot
    open, with a message rather than SQLAlchemy's exception."""
    example = "Give one like sqlite:///path/to/file.db or postgresql://user@host/dbname."
    try:
        parsed = make_url(url)
    except ArgumentError:
        # Not echoed: an address that does not parse may still carry a password.
        raise DatabaseUnavailable(translatable(
                "workbench.database", "The database address is not a URL. %1").arg(example)) from None
    try:
        parsed.get_dialect().import_dbapi()  # the driver too: postgresql+psycopg2 without it
    except (NoSuchModuleError, ImportError):
        raise DatabaseUnavailable(
            translatable("workbench.database", "The workbench cannot open '%1' databases. %2")
            .arg(parsed.drivername, example)) from None


def _open_problem(url: str, error: BaseException) -> EnvironmentProblem | None:
    """What to tell the user when the database would not open; None for a bug."""
    problem = classify(error)
    if isinstance(error, OperationalError) and (problem is None or isinstance(problem, DatabaseUnavailable)):
        where = make_url(url).render_as_string(hide_password=True)
        # One line: libpq's messages carry a newline and a tab before their hint.
        reason = " ".join(str(error.orig).split()).rstrip(".")
        if make_url(url).get_backend_name() == "sqlite":  # a file: there is no server to check
            advice = translatable("workbench.database", "Check that the file's folder exists, that you may "
                                                        "write to it, and that it is on this computer's own "
                                                        "disk (not a network share).")
        else:
            advice = translatable("workbench.database",
                                  "Check that the server is running and the address is right.")
        return type(problem or DatabaseUnavailable())(
            (translatable("workbench.database", "Could not open the database at %1: %2 %3")
             if reason.endswith("?") else
             translatable("workbench.database", "Could not open the database at %1: %2. %3"))
            .arg(where, reason, advice)
        )
    return problem


def open_database(url: str, *, unlock: Unlocker | None = None, migrate: bool = True,
                  **engine_kwargs: Any) -> Database:
    """Open (and by default migrate) the database at ``url``.

    ``unlock`` encrypts an embedded SQLite file (creating its key, or converting a plain file
    on first open). Environment problems raise an :class:`~workbench.errors.EnvironmentProblem`
    (``WrongPassphrase``, ``PassphraseRequired``, ``KeyringUnavailable``, ``DatabaseLocked``,
    ``DiskFull``, ``DatabaseUnavailable``) whose message can be shown as it is; the key never
    appears in any of them.
    """
    check_database_url(url)
    path = embedded_path(url)
    data_key: DataKey | None = None
    options: dict[str, Any] = dict(engine_kwargs)
    with environment_errors():
        if path is not None and unlock is not None:
            data_key = prepare_encrypted_file(path, unlock)
            options.update(engine_options(data_key))
        elif path is not None and (key_file_path(path).exists() or file_kind(path) == "encrypted"):
            raise PassphraseRequired(
                translatable("workbench.database", "This database is encrypted: unlock it with the keyring "
                                                   "or its passphrase (for the command line, set "
                                                   "WORKBENCH_PASSPHRASE).")
            )
    engine = make_engine(url, **options)
    try:
        if migrate:
            upgrade_to_head(engine)
        else:
            engine.connect().close()
    except Exception as error:
        engine.dispose()
        problem = _open_problem(url, error)
        if problem is None:
            raise
        raise problem from error
    return Database(engine=engine, db=make_db_factory(engine), path=path, data_key=data_key)
