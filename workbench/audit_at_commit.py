"""Team-server audit events sealed as their transaction commits, in the same message as COMMIT.

Every append locks the server's audit chain until its transaction ends (workbench.audit), so
whatever happens between an append and COMMIT keeps every other person's append waiting. An
autosave's or a view's event was appended and then the client had to be scheduled again to
send COMMIT: with 30 people typing on two busy cores, the holder sat idle in its transaction
while the queue grew (bench, "server": p95 autosave 7 to 11 times one person's).

An event nothing in its transaction reads back (:meth:`workbench.audit.AuditTrail.note`) is
kept on the session instead and sent, just before SQLAlchemy commits, as one simple-protocol
message: ``SELECT ... psw_audit_append(...); ...; COMMIT``. The server appends and commits
without waiting for the client, so the chain is locked only while the server works. The
values travel as literals quoted by psycopg (the simple protocol takes no parameters); the
event is still sealed by the server, in the login's name, with the server's time. If the
transaction rolls back, its noted events were never sent, as if they had been rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from workbench.audit_anchor import Checkpoint

if TYPE_CHECKING:
    from workbench.audit_anchor import AnchorStore

_PENDING = "audit_at_commit_pending"
_LISTENING = "audit_at_commit_listening"


@dataclass(frozen=True)
class PendingEvent:
    action: str
    entity_type: str
    entity_id: str | None
    details_json: str  # canonical JSON, as record() sends it
    actor_id: int | None
    anchor: AnchorStore | None  # moved to this event once it commits


def can_defer(session: Session) -> bool:
    """Whether this session's driver can send the appends with COMMIT (psycopg 3)."""
    return session.get_bind().dialect.driver == "psycopg"


def defer(session: Session, pending: PendingEvent, anchor_after_commit: Any) -> None:
    """Keep ``pending`` to be appended as ``session`` commits; ``anchor_after_commit`` (the
    trail's method) is called with the event's checkpoint if it has an anchor."""
    session.info.setdefault(_PENDING, []).append((pending, anchor_after_commit))
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        sa_event.listen(session, "before_commit", _append_and_commit)
        sa_event.listen(session, "after_rollback", _forget)


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _append_and_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    from psycopg import sql

    session.flush()  # the transaction's own changes first: SQLAlchemy flushes after this hook
    raw = session.connection().connection.driver_connection
    assert raw is not None  # the session's connection is open: it has flushed
    appends = [sql.SQL("SELECT event_id, event_mac FROM public.psw_audit_append({}, {}, {}, "
                       "CAST({} AS jsonb), {})").format(
        sql.Literal(p.action), sql.Literal(p.entity_type), sql.Literal(p.entity_id),
        sql.Literal(p.details_json), sql.Literal(p.actor_id)) for p, _anchor in pending]
    with raw.cursor() as cursor:
        # No parameters: psycopg sends it as one simple-protocol message, several statements.
        # SQLAlchemy's own COMMIT then finds the transaction ended, and psycopg sends nothing.
        cursor.execute(sql.SQL("; ").join([*appends, sql.SQL("COMMIT")]))
        for index, (event, anchor_after_commit) in enumerate(pending):
            if index:
                cursor.nextset()
            event_id, mac = cursor.fetchone() or (None, None)
            if event.anchor is not None and event_id is not None and mac is not None:
                anchor_after_commit(session, Checkpoint(int(event_id), str(mac)))
