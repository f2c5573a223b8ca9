"""Environment problems, told apart from bugs.

A full disk, a locked file, a wrong passphrase, a keyring that will not open or a database
server that went away are not bugs: the user gets a message saying what is wrong and what
to do next, nothing they saved is lost, and the app carries on or closes cleanly. Anything
:func:`classify` does not recognise is a bug and should reach the crash reporter.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from workbench.messages import translatable


class EnvironmentProblem(RuntimeError):
    """Something outside the program went wrong; ``user_message`` says what to do next."""

    default_message = translatable("workbench.errors",
                                   "Something outside the workbench went wrong. Try again.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def user_message(self) -> str:
        """What to tell the user: a :class:`~workbench.messages.Message` (which the UI translates)
        when the core wrote it, else the text as it is."""
        first = self.args[0] if len(self.args) == 1 else None
        return first if isinstance(first, str) else str(self)


class DiskFull(EnvironmentProblem):
    default_message = translatable(
        "workbench.errors",
        "The disk is full, so the change was not saved. Free some space (or choose another "
        "folder) and try again; nothing already saved has been lost."
    )


class DatabaseLocked(EnvironmentProblem):
    default_message = translatable(
        "workbench.errors",
        "The database is busy: another program or another copy of the workbench is writing to "
        "it. Close the other copy, or wait a moment, and try again; nothing has been lost."
    )


class WrongPassphrase(EnvironmentProblem):
    default_message = translatable(
        "workbench.errors",
        "The passphrase (or key) does not unlock this database. Check it and try again; "
        "nothing has been changed."
    )


class PassphraseRequired(EnvironmentProblem):
    default_message = translatable(
        "workbench.errors",
        "This database is protected by a passphrase and none was given. Enter it (for the "
        "command line, set WORKBENCH_PASSPHRASE)."
    )


class KeyringUnavailable(EnvironmentProblem):
    default_message = translatable(
        "workbench.errors",
        "The system keyring could not be opened. Unlock it (or sign in to your desktop "
        "session) and try again, or use a passphrase instead."
    )


class DatabaseUnavailable(EnvironmentProblem):
    """The database cannot be reached or opened (server down, no permission, bad path)."""

    default_message = translatable(
        "workbench.errors",
        "The database could not be opened. For the embedded file, check that its folder exists "
        "and you may write to it; for a shared server, check that it is running and its address "
        "is right. Then try again."
    )


class ServerGone(DatabaseUnavailable):
    default_message = translatable(
        "workbench.errors",
        "The connection to the database server was lost, so the last change was not saved. "
        "Check the network or ask whoever runs the server, then try again; your unsaved text "
        "is kept and nothing already saved has been lost."
    )


# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CANTOPEN = 5, 6, 14
_SQLITE_FULL, _SQLITE_IOERR, _SQLITE_NOTADB = 13, 10, 26
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}

# Fragments of psycopg / libpq messages that mean the server or the network went away.
_SERVER_GONE_FRAGMENTS = (
    "server closed the connection",
    "terminating connection",
    "connection refused",
    "could not connect",
    "connection is closed",
    "connection timed out",
    "the database system is shutting down",
    "the database system is starting up",
    "consuming input failed",
    "no connection to the server",
    "connection to server",
    "ssl syscall error",
)


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _classify_driver_error(
    error: BaseException, *, connection_invalidated: bool
) -> EnvironmentProblem | None:
    message = str(error).lower()
    code = _sqlite_code(error)
    if code == _SQLITE_FULL or "database or disk is full" in message:
        return DiskFull()
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
        return DatabaseLocked()
    if code == _SQLITE_NOTADB or "file is not a database" in message:
        return WrongPassphrase(
            translatable("workbench.errors", "This database file cannot be read with the key given: the "
                                             "passphrase is wrong, or the file is encrypted and needs "
                                             "unlocking (or it is not a workbench database). Nothing has "
                                             "been changed.")
        )
    if code == _SQLITE_CANTOPEN or "unable to open database file" in message:
        return DatabaseUnavailable(
            translatable("workbench.errors", "The database file could not be opened. Check that its folder "
                                             "exists and that you may write to it.")
        )
    module = type(error).__module__
    if module.startswith("psycopg") and (
        connection_invalidated
        or (type(error).__name__ in ("AdminShutdown", "OperationalError", "InterfaceError")
        and any(fragment in message for fragment in _SERVER_GONE_FRAGMENTS))
    ):
        return ServerGone()
    if code == _SQLITE_IOERR:
        cause = error.__cause__ or error.__context__
        if isinstance(cause, OSError) and cause.errno in _DISK_FULL_ERRNOS:
            return DiskFull()
    return None


def classify(error: BaseException) -> EnvironmentProblem | None:
    """The environment problem ``error`` stands for, or None when it looks like a bug."""
    if isinstance(error, EnvironmentProblem):
        return error
    if isinstance(error, OSError):
        if error.errno in _DISK_FULL_ERRNOS:
            return DiskFull()
        if isinstance(error, PermissionError):
            return DatabaseUnavailable(
                translatable("workbench.errors", "The workbench may not write to %1. Check the folder's "
                                                 "permissions and try again.")
                .arg(error.filename or 'a file it needs')
            )
        return None
    from keyring.errors import KeyringError  # light; keyring is imported by secrets anyway

    if isinstance(error, KeyringError):
        return KeyringUnavailable()
    from sqlalchemy.exc import DBAPIError

    if isinstance(error, DBAPIError):
        if error.orig is None:
            return ServerGone() if error.connection_invalidated else None
        return _classify_driver_error(error.orig, connection_invalidated=error.connection_invalidated)
    if type(error).__module__.startswith(("sqlite3", "sqlcipher3", "psycopg")):
        return _classify_driver_error(error, connection_invalidated=False)
    return None


@contextmanager
def environment_errors() -> Iterator[None]:
    """Turn recognised environment errors raised inside the block into EnvironmentProblems.

    The original exception stays attached as ``__cause__`` for the log; anything not
    recognised is re-raised unchanged (it is a bug).
    """
    try:
        yield
    except EnvironmentProblem:
        raise
    except Exception as error:
        problem = classify(error)
        if problem is None:
            raise
        raise problem from error
