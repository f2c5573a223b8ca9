"""The audit trail's HMAC chain: intact when left alone, broken at the first tampered row."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, text

from db.engine import DbFactory, transaction
from db.models import AuditEvent
from tests.conftest import FixedClock
from workbench.audit import GENESIS, AuditTrail, chain_head, verify_chain

KEY = b"k" * 32


def _record(trail: AuditTrail, db: DbFactory, count: int, action: str = "view") -> list[int]:
    ids = []
    for number in range(count):
        with transaction(db) as s:
            event = trail.record(s, actor_id=None, action=action, entity_type="case",
                                 entity_id=number, details={"n": number})
            ids.append(event.id)
    return ids


def _verify(db: DbFactory, key: bytes = KEY) -> object:
    with db() as s:
        return verify_chain(s, key)


def _tamper(engine: Engine, *statements: str) -> None:
    """What an intruder with raw database access would do: switch the triggers off first."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER audit_event_no_update"))
            connection.execute(text("DROP TRIGGER audit_event_no_delete"))
        else:
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        for statement in statements:
            connection.execute(text(statement))


@pytest.fixture
def trail(clock: FixedClock) -> AuditTrail:
    return AuditTrail(clock, key=KEY)


def test_an_untouched_chain_verifies_and_its_head_is_the_last_mac(
    trail: AuditTrail, db: DbFactory
) -> None:
    with db() as s:
        assert chain_head(s) == GENESIS
    ids = _record(trail, db, 5)
    report = _verify(db)
    assert report.ok, report.describe()
    assert report.events == 5
    with db() as s:
        last = s.get_one(AuditEvent, ids[-1])
        assert chain_head(s) == report.head == last.mac
        first = s.get_one(AuditEvent, ids[0])
        assert first.prev_mac == GENESIS
    assert "intact: 5 events" in report.describe()


def test_events_in_one_transaction_chain_in_order(trail: AuditTrail, db: DbFactory) -> None:
    with transaction(db) as s:
        first = trail.record(s, actor_id=None, action="import", entity_type="batch", entity_id=1)
        second = trail.record(s, actor_id=None, action="view", entity_type="case", entity_id=2,
                              details={3: ("tuple", 1.5), "nested": {"b": [1, 2]}})
        assert chain_head(s) == second.mac
        assert second.prev_mac == first.mac
    assert _verify(db).ok


@pytest.mark.parametrize("change", [
    "UPDATE audit_event SET entity_id = '99' WHERE id = {id}",
    "UPDATE audit_event SET action = 'nothing' WHERE id = {id}",
    "UPDATE audit_event SET occurred_at = '2020-01-01 00:00:00' WHERE id = {id}",
])
def test_an_edited_row_is_found(trail: AuditTrail, db: DbFactory, engine: Engine,
                                change: str) -> None:
    ids = _record(trail, db, 5)
    _tamper(engine, change.format(id=ids[2]))
    report = _verify(db)
    assert report.broken is not None
    assert report.broken.event_id == ids[2]
    assert report.broken.position == 3
    assert "content was changed" in report.broken.reason
    assert f"broken at event {ids[2]}" in report.describe()


def test_a_deleted_row_is_found_at_the_event_after_it(
    trail: AuditTrail, db: DbFactory, engine: Engine
) -> None:
    ids = _record(trail, db, 5)
    _tamper(engine, f"DELETE FROM audit_event WHERE id = {ids[1]}")
    report = _verify(db)
    assert report.broken is not None
    assert report.broken.event_id == ids[2]
    assert "deleted, inserted or moved" in report.broken.reason


def test_reordered_rows_are_found(trail: AuditTrail, db: DbFactory, engine: Engine) -> None:
    ids = _record(trail, db, 5)
    a, b = ids[1], ids[2]
    columns = ("occurred_at", "actor_id", "action", "entity_type", "entity_id", "details",
               "prev_mac", "mac")
    def copy_from(table: str) -> str:
        return ", ".join(f"{c} = (SELECT {c} FROM {table})" for c in columns)

    _tamper(
        engine,
        f"CREATE TEMPORARY TABLE saved_a AS SELECT * FROM audit_event WHERE id = {a}",
        f"CREATE TEMPORARY TABLE saved_b AS SELECT * FROM audit_event WHERE id = {b}",
        # prev_mac is unique: park row b's link while the rows swap places.
        f"UPDATE audit_event SET prev_mac = 'parked' WHERE id = {b}",
        f"UPDATE audit_event SET {copy_from('saved_b')} WHERE id = {a}",
        f"UPDATE audit_event SET {copy_from('saved_a')} WHERE id = {b}",
    )
    with db() as s:
        swapped = s.scalars(select(AuditEvent.entity_id).order_by(AuditEvent.id)).all()
    assert swapped == ["0", "2", "1", "3", "4"]
    report = _verify(db)
    assert report.broken is not None
    assert report.broken.event_id == a
    assert "deleted, inserted or moved" in report.broken.reason


def test_a_row_forged_without_the_key_is_found(
    trail: AuditTrail, db: DbFactory, clock: FixedClock
) -> None:
    _record(trail, db, 2)
    forger = AuditTrail(clock, key=b"f" * 32)
    [forged] = _record(forger, db, 1, action="sign")
    report = _verify(db)
    assert report.broken is not None
    assert report.broken.event_id == forged
    assert "content was changed" in report.broken.reason


def test_events_written_without_a_key_are_reported_as_unsealed(
    db: DbFactory, clock: FixedClock
) -> None:
    [event_id] = _record(AuditTrail(clock), db, 1)
    report = _verify(db)
    assert report.broken is not None
    assert report.broken.event_id == event_id
    assert "not sealed" in report.broken.reason


def _in_thread(work: Callable[[], None]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_concurrent_writers_keep_one_linear_chain(
    trail: AuditTrail, db: DbFactory
) -> None:
    start = threading.Barrier(3)

    def writer() -> None:
        start.wait()
        _record(trail, db, 15)

    running = [_in_thread(writer) for _ in range(3)]
    for thread, _ in running:
        thread.join()
    assert [e for _, errors in running for e in errors] == []
    report = _verify(db)
    assert report.ok, report.describe()
    assert report.events == 45


def test_postgresql_second_writer_waits_for_the_first_and_links_to_its_event(
    trail: AuditTrail, db: DbFactory, engine: Engine
) -> None:
    """A holds the chain in an open transaction; B's append must wait, then follow A's event."""
    if engine.dialect.name != "postgresql":
        # SQLite: B's append waits on the write lock; the stress test above covers it.
        return
    a_recorded, a_may_commit = threading.Event(), threading.Event()
    made: dict[str, AuditEvent] = {}

    def writer_a() -> None:
        with transaction(db) as s:
            made["a"] = trail.record(s, actor_id=None, action="sign", entity_type="session")
            a_recorded.set()
            assert a_may_commit.wait(30)

    def writer_b() -> None:
        with transaction(db) as s:
            made["b"] = trail.record(s, actor_id=None, action="view", entity_type="case")

    thread_a, errors_a = _in_thread(writer_a)
    assert a_recorded.wait(30)
    thread_b, errors_b = _in_thread(writer_b)
    with engine.connect() as probe:  # wait until B is seen blocked on the chain's lock
        waiting = 0
        for _ in range(3000):
            waiting = probe.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            )).scalar_one()
            if waiting:
                break
            probe.rollback()
            threading.Event().wait(0.01)
    assert waiting == 1, "B should be waiting for A"
    assert "b" not in made
    a_may_commit.set()
    thread_a.join()
    thread_b.join()
    assert errors_a == errors_b == []
    assert made["b"].prev_mac == made["a"].mac
    assert _verify(db).ok
