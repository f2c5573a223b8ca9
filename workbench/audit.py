"""The audit trail: every view, change, signature, export, print and import appends an event
in the same transaction as the thing it records. Never the note text itself.

Events form an HMAC-SHA256 chain: each event's ``mac`` covers its own fields and the
previous event's ``mac`` (``prev_mac``), under a key kept outside the database (derived
from the database key for the encrypted embedded file, or held in the keyring). Editing,
deleting, inserting or reordering a row breaks the chain at that row, and
:func:`verify_chain` names the first broken link. The database refuses UPDATE and DELETE
on ``audit_event`` (migration 0002); the chain catches whoever gets round that.

Appends are serialised so the chain stays one line: on SQLite the append takes the write
lock before it reads the chain head; on PostgreSQL it takes a transaction-scoped advisory
lock and then reads the head (READ COMMITTED, SQLAlchemy's default, gives that statement a
fresh snapshot). A unique index on ``prev_mac`` makes a fork impossible even if that fails.

A whole chain can still be a cut, rolled-back or re-sealed one: the trail's anchor
(:mod:`workbench.audit_anchor`) keeps the newest committed event outside the database, and
:func:`verify_chain` checks it is still there.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select, text
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, make_transient_to_detached

from db.models import AuditEvent
from workbench import audit_at_commit
from workbench.audit_anchor import AnchorStore, Checkpoint, advance
from workbench.clock import Clock, system_clock
from workbench.errors import KeyringUnavailable
from workbench.keys import Secret, mac
from workbench.messages import translatable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from workbench.database import Database
    from workbench.secrets import SecretStore

# For a shared server with no keyring: the audit chain's key, 64 hex digits, the same on every
# computer of the team.
AUDIT_KEY_ENV = "WORKBENCH_AUDIT_KEY"

log = logging.getLogger(__name__)

# prev_mac of the first event.
GENESIS = "0" * 64
CHAIN_VERSION = 1
# Any constant works: it names "the audit chain" among PostgreSQL advisory locks.
_PG_CHAIN_LOCK = 0x57_42_41_55_44_49_54  # "WBAUDIT"
# The team server's append function (workbench/server/audit_sql.py).
SERVER_APPEND = "public.psw_audit_append(text, text, text, jsonb, integer)"


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def canonical_bytes(*, occurred_at: dt.datetime, actor_id: int | None, action: str,
                    entity_type: str, entity_id: str | None, details: dict[str, Any],
                    prev_mac: str) -> bytes:
    """The bytes an event's mac covers: every field a reader relies on, and the link."""
    return _canonical_json({
        "v": CHAIN_VERSION,
        "occurred_at": _timestamp(occurred_at),
        "actor_id": actor_id,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "details": details,
        "prev_mac": prev_mac,
    }).encode("utf-8")


def _event_mac(key: Secret, event: Any, prev_mac: str) -> str:
    """The mac of an AuditEvent (or a row with the same attribute names) linked to prev_mac."""
    return mac(key, canonical_bytes(
        occurred_at=event.occurred_at, actor_id=event.actor_id, action=event.action,
        entity_type=event.entity_type, entity_id=event.entity_id, details=event.details,
        prev_mac=prev_mac,
    )).hex()


def _lock_chain(session: Session) -> None:
    """Hold the chain until this transaction ends, so no other append reads the same head."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # A write statement (touching no row) takes SQLite's write lock for the transaction.
        session.execute(text("UPDATE audit_event SET id = id WHERE 0"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _PG_CHAIN_LOCK})


def _head(session: Session) -> tuple[int, str | None] | None:
    row = session.execute(
        select(AuditEvent.id, AuditEvent.mac).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


_server_side: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def is_server_sealed(session: Session) -> bool:
    """Whether ``session``'s database is a team server whose audit trail the server seals
    (``workbench server init`` made ``psw_audit_append``): then no client writes events itself."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    known = _server_side.get(engine)
    if known is None:
        known = engine.dialect.name == "postgresql" and bool(session.scalar(
            text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": SERVER_APPEND}))
        _server_side[engine] = known
    return known


def logged_in_as(session: Session) -> int | None:
    """On a team server, the member of staff whose own login this connection is (None for
    the embedded file, or for an administrator's connection): the server acts in their name
    whatever the client says, so the core checks the same."""
    if not is_server_sealed(session):
        return None
    staff_id = session.scalar(text("SELECT public.psw_current_staff()"))
    return None if staff_id is None else int(staff_id)


def _record_on_server(session: Session, *, actor_id: int | None, action: str, entity_type: str,
                      entity_id: str | None, details: dict[str, Any]) -> AuditEvent:
    """Append through the server's function: it names the actor from the login, takes the time
    from its own clock and seals the event with a key no client holds.

    The chain stays locked until this transaction ends, so the event is not read back (a round
    trip more that everyone's appends would wait for): the function returns what it sealed,
    and the event joins the session as if it had been loaded. A server set up by an older
    workbench returns only the id and mac; then the event is read."""
    row = session.execute(
        text("SELECT * FROM psw_audit_append(:action, :entity_type, :entity_id, "
             "CAST(:details AS jsonb), :actor)"),
        {"action": action, "entity_type": entity_type, "entity_id": entity_id,
         "details": _canonical_json(details), "actor": actor_id}).one()._mapping
    if "event_prev_mac" not in row:
        found = session.get(AuditEvent, row["event_id"])
        assert found is not None  # the function returned it in this transaction
        return found
    event = AuditEvent(id=row["event_id"], occurred_at=row["event_occurred_at"].replace(tzinfo=dt.UTC),
                       actor_id=row["event_actor_id"], action=action, entity_type=entity_type,
                       entity_id=entity_id, details=details, prev_mac=row["event_prev_mac"],
                       mac=row["event_mac"])
    make_transient_to_detached(event)
    session.add(event)  # persistent, as session.get would have made it: no INSERT
    return event


def chain_head(session: Session) -> str:
    """The newest event's mac (GENESIS if there is none): what a signed PDF's footer carries.

    Call it after ``record(...)`` in the same transaction, so the head is the signing event's.
    """
    head = _head(session)
    if head is None:
        return GENESIS
    return head[1] or f"unsealed-{head[0]}"


class AuditTrail:
    """Appends audit events. Services are handed one; they never build their own.

    ``key`` seals the chain. Without a key (tests of other services) events are still
    written but unsealed, and :func:`verify_chain` reports them. ``anchor`` is moved to the
    newest sealed event once its transaction commits.
    """

    def __init__(self, clock: Clock = system_clock, *, key: Secret | bytes | None = None,
                 anchor: AnchorStore | None = None, origin: dict[str, str] | None = None,
                 server_sealed: bool = False) -> None:
        self.clock = clock
        self._key = Secret(key) if isinstance(key, bytes) else key
        self.anchor = anchor
        #: Where the events come from, added to every event's details as ``origin`` (the
        #: command line: ``{"via": "cli", "os_user": ..., "host": ...}``).
        self.origin = dict(origin) if origin else None
        # A team server seals the trail itself; this client holds no key.
        self.server_sealed = server_sealed

    def __repr__(self) -> str:
        return f"AuditTrail(sealed={self._key is not None})"

    @property
    def sealed(self) -> bool:
        return self._key is not None or self.server_sealed

    @property
    def key(self) -> Secret | None:
        """The chain key (what ``verify_chain`` needs); a redacting Secret, or None."""
        return self._key

    def record(
        self,
        session: Session,
        *,
        actor_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int | str | None = None,
        details: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Append an event in ``session``'s transaction; it is flushed (has its id and mac).

        On a team server the server's ``psw_audit_append`` writes and seals it instead.
        """
        # Round-trip details through canonical JSON so what is stored is what was sealed.
        if self.origin is not None:
            details = {**(details or {}), "origin": self.origin}
        clean_details: dict[str, Any] = json.loads(json.dumps(details or {}, allow_nan=False))
        if is_server_sealed(session):
            sealed = _record_on_server(session, actor_id=actor_id, action=action,
                                       entity_type=entity_type,
                                       entity_id=None if entity_id is None else str(entity_id),
                                       details=clean_details)
            if self.anchor is not None and sealed.mac is not None:
                self._anchor_after_commit(session, Checkpoint(sealed.id, sealed.mac))
            return sealed
        event = AuditEvent(
            occurred_at=self.clock(),
            actor_id=actor_id,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            details=clean_details,
        )
        if self._key is not None:
            _lock_chain(session)
            prev = chain_head(session)
            event.prev_mac = prev
            event.mac = _event_mac(self._key, event, prev)
        session.add(event)
        session.flush()
        if self.anchor is not None and event.mac is not None:
            self._anchor_after_commit(session, Checkpoint(event.id, event.mac))
        return event

    def note(
        self,
        session: Session,
        *,
        actor_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int | str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Record an event that nothing later in this transaction reads back (an autosave, a
        view): as :meth:`record`, except that on a team server it is appended as the
        transaction commits, in the same message as COMMIT (:mod:`workbench.audit_at_commit`),
        so the chain is not held locked while this client works. Elsewhere it is recorded now.
        """
        if not (is_server_sealed(session) and audit_at_commit.can_defer(session)):
            self.record(session, actor_id=actor_id, action=action, entity_type=entity_type,
                        entity_id=entity_id, details=details)
            return
        if self.origin is not None:
            details = {**(details or {}), "origin": self.origin}
        clean_details: dict[str, Any] = json.loads(json.dumps(details or {}, allow_nan=False))
        audit_at_commit.defer(session, audit_at_commit.PendingEvent(
            action=action, entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            details_json=_canonical_json(clean_details), actor_id=actor_id, anchor=self.anchor),
            self._anchor_after_commit)

    def _anchor_after_commit(self, session: Session, checkpoint: Checkpoint) -> None:
        """Advance the anchor to ``checkpoint`` when (and only if) ``session`` commits."""
        pending: dict[int, tuple[AnchorStore, Checkpoint]] = session.info.setdefault(
            "audit_anchor_pending", {})
        assert self.anchor is not None
        pending[id(self.anchor)] = (self.anchor, checkpoint)
        if not session.info.get("audit_anchor_listening"):
            session.info["audit_anchor_listening"] = True
            sa_event.listen(session, "after_commit", _advance_anchors)
            sa_event.listen(session, "after_rollback", _forget_anchors)


def _advance_anchors(session: Session) -> None:
    for anchor, checkpoint in session.info.pop("audit_anchor_pending", {}).values():
        try:
            advance(anchor, checkpoint)
        except Exception:  # the commit stands; a lagging anchor is accepted by verification
            log.warning("the audit anchor could not be moved to event %s", checkpoint.event_id,
                        exc_info=True)


def _forget_anchors(session: Session) -> None:
    session.info.pop("audit_anchor_pending", None)


_RESEALED = translatable("workbench.audit", "it is not the event this computer recorded at this place: "
                                          "the trail was re-sealed or replaced")


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    position: int  # 1-based place in the chain
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events: int
    head: str
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None

    def describe(self) -> str:
        if self.broken is None:
            return translatable("workbench.audit", "The audit trail is intact: %1 events, chain head %2.") \
                .arg(self.events, self.head)
        b = self.broken
        return translatable("workbench.audit", "The audit trail is broken at event %1 (number %2 in the "
                                               "chain): %3. Events before it are intact; report this to "
                                               "whoever looks after the records.").arg(
            b.event_id, b.position, b.reason)


def verify_on_server(session: Session, anchor: Checkpoint | None = None) -> ChainReport:
    """The team server's own check of its chain (``psw_audit_verify``), as a ChainReport.

    With ``anchor`` (the newest event this computer recorded, kept in its keyring), a trail
    whole in itself but cut short, rolled back or re-sealed by whoever holds the server's key
    is reported too."""
    row = session.execute(text("SELECT events, head, broken_event_id, broken_position, reason "
                               "FROM psw_audit_verify()")).one()
    broken = None if row.broken_event_id is None else BrokenLink(
        row.broken_event_id, row.broken_position, row.reason)
    if broken is None and anchor is not None:
        mac = session.scalar(text("SELECT public.psw_audit_mac(:id)"), {"id": anchor.event_id})
        if mac is None:
            broken = BrokenLink(anchor.event_id, row.events + 1, translatable(
                "workbench.audit", "it is missing, though this computer recorded it: the trail was cut "
                                   "short or the server rolled back to an older copy"))
        elif mac != anchor.mac:
            broken = BrokenLink(anchor.event_id, anchor.event_id, _RESEALED)
    return ChainReport(events=row.events, head=row.head, broken=broken)


def verify_chain(session: Session, key: Secret | bytes, anchor: Checkpoint | None = None) -> ChainReport:
    """Walk the chain from the first event and report the first broken link, if any.

    With ``anchor`` (the newest event this computer committed, kept outside the database), a
    chain that ends before it, or holds another seal in its place, is reported too: a cut
    tail, a rollback to an older copy, or a re-sealed trail.
    """
    key = Secret(key) if isinstance(key, bytes) else key
    columns = (AuditEvent.id, AuditEvent.occurred_at, AuditEvent.actor_id, AuditEvent.action,
               AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.details,
               AuditEvent.prev_mac, AuditEvent.mac)
    query = select(*columns).order_by(AuditEvent.id).execution_options(yield_per=2000)
    expected_prev = GENESIS
    previous_id: int | None = None
    count = 0
    with session.execute(query) as rows:  # closes the server-side cursor on an early return
        for count, row in enumerate(rows, start=1):
            reason: str | None = None
            if row.mac is None or row.prev_mac is None:
                reason = translatable("workbench.audit", "it was written without the audit key, so it is "
                                                         "not sealed")
            elif row.prev_mac != expected_prev:
                reason = (translatable("workbench.audit", "it does not follow the event before it (#%1): an "
                                                          "event was deleted, inserted or moved here")
                          .arg(previous_id) if previous_id is not None else
                          translatable("workbench.audit", "it does not follow the event before it: an event "
                                                          "was deleted, inserted or moved here"))
            elif row.mac != _event_mac(key, row, row.prev_mac):
                reason = translatable("workbench.audit", "its content was changed after it was written (or "
                                                         "it was sealed with another key)")
            elif anchor is not None and row.id == anchor.event_id and row.mac != anchor.mac:
                reason = _RESEALED
            elif anchor is not None and (previous_id or 0) < anchor.event_id < row.id:
                reason = translatable("workbench.audit", "event %1, which this computer recorded, is "
                                                         "missing before it: the trail was cut and "
                                                         "rewritten").arg(anchor.event_id)
            if reason is not None:
                return ChainReport(events=count, head=expected_prev,
                                   broken=BrokenLink(row.id, count, reason))
            expected_prev, previous_id = row.mac, row.id
    if anchor is not None and (previous_id is None or previous_id < anchor.event_id):
        return ChainReport(events=count, head=expected_prev, broken=BrokenLink(
            anchor.event_id, count + 1,
            translatable("workbench.audit", "the trail ends at %1 events, but this computer recorded up "
                                            "to event %2: events were cut from its end, or the database "
                                            "was rolled back to an older copy").arg(count, anchor.event_id)))
    return ChainReport(events=count, head=expected_prev, broken=None)


class AuditKeyMissing(KeyringUnavailable):
    """No key to seal the audit trail with: nothing may be recorded until there is one."""


def chain_key(database: Database, secrets: SecretStore, environ: Mapping[str, str]) -> Secret:
    """The key that seals ``database``'s audit trail: derived from the database key, else
    ``WORKBENCH_AUDIT_KEY``, else the keyring. Raises :class:`AuditKeyMissing` rather than let
    anyone write events that would break the chain for good."""
    derived = database.audit_key()
    if derived is not None:
        return derived
    given = environ.get(AUDIT_KEY_ENV, "").strip()
    if given:
        try:
            key = bytes.fromhex(given)
        except ValueError:
            key = b""
        if len(key) != 32:
            raise AuditKeyMissing(translatable(
                "workbench.audit", "%1 must be 64 hex digits (a 32-byte key).").arg(AUDIT_KEY_ENV))
        return Secret(key)
    try:
        return audit_key_for(database, secrets)
    except KeyringUnavailable as error:
        raise AuditKeyMissing(translatable(
            "workbench.audit", "%1 The audit trail's key for this database is kept in the keyring; "
                               "without a keyring, set %2 to the team's key (64 hex digits, the same "
                               "on every computer). Nothing is recorded unsealed.")
            .arg(error.user_message, AUDIT_KEY_ENV)) from error


def trail_keys(database: Database, secrets: SecretStore,
               environ: Mapping[str, str]) -> tuple[Secret | None, AnchorStore | None]:
    """The key that seals ``database``'s trail and where this computer anchors it; no key on
    a team server, which seals the trail itself."""
    from workbench.audit_anchor import anchor_for

    with database.db() as session:
        if is_server_sealed(session):  # anchored in this computer's keyring, where it has one
            return None, anchor_for(database, secrets)
    return chain_key(database, secrets, environ), anchor_for(database, secrets)


def sealed_trail(database: Database, secrets: SecretStore, clock: Clock,
                 environ: Mapping[str, str], *, origin: dict[str, str] | None = None) -> AuditTrail:
    """The audit trail the app and the command line write to: sealed, and anchored outside the
    database where this computer has somewhere to keep the anchor."""
    key, anchor = trail_keys(database, secrets, environ)
    return AuditTrail(clock, key=key, anchor=anchor, origin=origin, server_sealed=key is None)


def audit_key_for(database: Database, secrets: SecretStore) -> Secret:
    """The chain key: derived from the database key, or kept in the keyring for this database.

    A team sharing a PostgreSQL server must give every client the same keyring entry
    (``audit-key:<server/database>``); raises NoSecureKeyring where no secure keyring exists.
    """
    derived = database.audit_key()
    if derived is not None:
        return derived
    import os

    url = database.engine.url.set(password=None, drivername=database.engine.url.get_backend_name())
    entry = f"audit-key:{url.render_as_string(hide_password=True)}"
    stored = secrets.get(entry)
    if stored is None:
        stored = os.urandom(32).hex()
        secrets.set(entry, stored)
    return Secret(bytes.fromhex(stored))
