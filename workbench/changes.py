"""Hearing what other people change on a shared PostgreSQL server (LISTEN/NOTIFY).

Migration 0018's triggers send a notice on channel :data:`CHANNEL` for each row changed in the
tables open screens show (:data:`WATCHED_TABLES`), carrying the table, the operation and the
row's ids, never its content: every listener on the database sees every notice, so what a
notice may be about is decided by the screen, which reads the rows again through the services
(and row-level security) before showing anything.

:class:`ChangeListener` holds one connection of its own in autocommit and is polled: the UI
calls :meth:`ChangeListener.poll` from a timer (or when :meth:`ChangeListener.fileno` is
readable) and gets the changes since the last call, without waiting. When the connection is
lost (the server restarted) it reconnects on a later poll and reports :data:`EVERYTHING`,
since notices sent meanwhile were lost with it. On SQLite one person uses the file and nobody
else changes it: :func:`listen_for_changes` gives a listener that never hears anything.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine

log = logging.getLogger(__name__)

# Keep in step with db/migrations/versions/0018_row_versions_and_change_notices.py.
CHANNEL = "workbench_changes"
WATCHED_TABLES = frozenset({
    "reflection", "case_discussion", "supervision_session", "signature", "decision", "worry",
    "action", "safety_plan", "network_member", "network_meeting", "direct_work",
})


@dataclass(frozen=True)
class Change:
    """One row someone changed: its table, "insert"/"update"/"delete" and its ids."""

    table: str
    op: str
    id: int | None = None
    case_id: int | None = None
    session_id: int | None = None
    discussion_id: int | None = None
    by: str = ""  # the writing client's application_name

    def touches(self, *tables: str) -> bool:
        """Whether a screen showing ``tables`` should read again (EVERYTHING touches all)."""
        return self.table == "*" or self.table in tables


# The listener lost its connection and notices may have been missed: read everything again.
EVERYTHING = Change(table="*", op="reconnect")


def parse_notice(payload: str) -> Change | None:
    """The change a notice's payload names; None for a payload this version cannot read."""
    try:
        data = json.loads(payload)
        table, op = str(data["table"]), str(data["op"])
    except (ValueError, KeyError, TypeError):
        log.warning("A change notice that could not be read was ignored.")
        return None

    def number(key: str) -> int | None:
        value = data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    by = data.get("by")
    return Change(table, op, number("id"), number("case_id"), number("session_id"),
                  number("discussion_id"), by if isinstance(by, str) else "")


class ChangeSource(Protocol):
    """What a screen polls: changes since the last poll, and a socket to wait on."""

    def poll(self) -> list[Change]: ...

    def wait(self, timeout: float) -> list[Change]: ...

    def fileno(self) -> int | None: ...

    def close(self) -> None: ...


class NoChanges:
    """The embedded file: nobody else changes it while it is open."""

    def poll(self) -> list[Change]:
        return []

    def wait(self, timeout: float) -> list[Change]:
        return []

    def fileno(self) -> int | None:
        return None

    def close(self) -> None:
        return None


class ChangeListener:
    """LISTEN on :data:`CHANNEL` over a connection of its own; polled, never blocking."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Any = None  # the psycopg connection, outside the engine's pool
        self._lost = False
        self._me = ""  # this client's application_name: its own changes are not news to it
        self._connect()

    def _connect(self) -> bool:
        try:
            proxied = self._engine.raw_connection()
            connection = proxied.driver_connection
            proxied.detach()  # ours alone: closing it closes it, it never goes back to the pool
            if connection is None:
                return False
            connection.rollback()  # the pool's ping may have begun a transaction
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            row = connection.execute("SELECT current_setting('application_name', true)").fetchone()
        except Exception as error:  # the server is away: try again on a later poll
            log.info("Listening for changes failed (%s); will try again.", type(error).__name__)
            return False
        self._connection = connection
        self._me = str(row[0] or "") if row else ""
        return True

    @property
    def client_name(self) -> str:
        """This client's application_name (what its own notices carry as ``by``)."""
        return self._me

    def fileno(self) -> int | None:
        """The connection's socket (readable when a notice arrives); None while disconnected."""
        if self._connection is None or self._connection.closed:
            return None
        return int(self._connection.fileno())

    def poll(self) -> list[Change]:
        """The changes notified since the last call, at once (an empty list when none)."""
        return self._read(0.0)

    def wait(self, timeout: float) -> list[Change]:
        """Like :meth:`poll`, but waits up to ``timeout`` seconds for the first change (for a
        command-line watcher or a test; the UI never waits). This client's own notices are not
        changes, so one arriving first does not end the wait."""
        deadline = time.monotonic() + timeout
        while True:
            changes = self._read(max(deadline - time.monotonic(), 0.0) or 0.001)
            if changes or time.monotonic() >= deadline or self._connection is None:
                return changes

    def _read(self, timeout: float) -> list[Change]:
        if self._connection is None:
            if not self._connect():
                return []
            if self._lost:
                self._lost = False
                return [EVERYTHING]
        try:
            notices = list(self._connection.notifies(timeout=timeout, stop_after=1)) if timeout else []
            notices += list(self._connection.notifies(timeout=0.0))
        except Exception as error:  # the server went away: reconnect on a later poll
            log.info("Lost the change-notice connection (%s).", type(error).__name__)
            self._drop()
            self._lost = True
            return []
        changes = [parse_notice(n.payload) for n in notices if n.channel == CHANNEL]
        return [c for c in changes if c is not None and not (self._me and c.by == self._me)]

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # already broken; nothing to release
                log.debug("Closing a broken change-notice connection failed.", exc_info=True)

    def close(self) -> None:
        self._drop()


def listen_for_changes(engine: Engine) -> ChangeSource:
    """A listener for this database: LISTEN/NOTIFY on PostgreSQL, nothing on SQLite."""
    if engine.dialect.name == "postgresql":
        return ChangeListener(engine)
    return NoChanges()
