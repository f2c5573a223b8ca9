"""Migration 0010: SQLite's REPLACE cannot slip past the triggers that guard signed rows and audit.

A client with the database key and its own sqlite3 prompt tries what the triggers of 0002 and
0003 do not see on their own: REPLACE deletes the row in the way without firing DELETE triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from db.engine import DbFactory, make_db_factory, transaction
from db.enums import SessionStatus
from db.models import AuditEvent, CaseDiscussion, SupervisionSession
from tests.db.test_signed_records import _signed_session
from tests.workbench.signing.builders import make_session, make_team


@pytest.fixture
def db(sqlite_engine: Engine) -> DbFactory:
    return make_db_factory(sqlite_engine)


@pytest.fixture
def prompt(sqlite_engine: Engine) -> Iterator[sqlite3.Connection]:
    """The attacker's own sqlite3 connection: no pragmas, no recursive triggers, autocommit."""
    database = sqlite_engine.url.database
    assert database is not None
    connection = sqlite3.connect(Path(database), isolation_level=None)
    yield connection
    connection.close()


def _session_row(prompt: sqlite3.Connection, session_id: int) -> tuple[list[str], tuple[object, ...]]:
    cursor = prompt.execute("SELECT * FROM supervision_session WHERE id = ?", (session_id,))
    return [c[0] for c in cursor.description], cursor.fetchone()


def test_insert_or_replace_cannot_turn_a_signed_session_back_into_a_draft(
        db: DbFactory, prompt: sqlite3.Connection) -> None:
    _, session_id = _signed_session(db)
    columns, row = _session_row(prompt, session_id)
    values = dict(zip(columns, row, strict=True)) | {"status": "draft", "workload": "rewritten"}
    placeholders = ", ".join("?" for _ in columns)
    for verb in ("INSERT OR REPLACE", "REPLACE"):
        with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
            prompt.execute(f"{verb} INTO supervision_session ({', '.join(columns)}) VALUES ({placeholders})",
                           [values[c] for c in columns])
    with db() as s:
        session = s.get_one(SupervisionSession, session_id)
        assert session.status is SessionStatus.SIGNED_BY_SUPERVISOR
        assert session.workload == "Heavy; 18 cases"


def test_a_signed_discussion_cannot_be_replaced_through_its_unique_key(
        db: DbFactory, prompt: sqlite3.Connection) -> None:
    _, session_id = _signed_session(db)
    with db() as s:
        discussion = s.query(CaseDiscussion).filter_by(session_id=session_id).first()
        assert discussion is not None
        discussion_id, child_id = discussion.id, discussion.child_id
    others = [row[1] for row in prompt.execute("PRAGMA table_info(case_discussion)") if row[1] != "id"]
    copied = ", ".join(others)
    # A new id, but the same (session, child): REPLACE would delete the signed discussion.
    with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
        prompt.execute(f"INSERT OR REPLACE INTO case_discussion (id, {copied}) "
                       f"SELECT 9999, {copied} FROM case_discussion WHERE id = ?", (discussion_id,))
    with db() as s:
        assert s.get_one(CaseDiscussion, discussion_id).child_id == child_id


def test_update_or_replace_cannot_remove_an_audit_event(
        db: DbFactory, prompt: sqlite3.Connection) -> None:
    with transaction(db) as s:
        s.add_all([AuditEvent(action="test", entity_type="thing", entity_id=str(n), details={})
                   for n in range(2)])
    first, second = (row[0] for row in prompt.execute("SELECT id FROM audit_event ORDER BY id"))
    # Updating a row onto another's id would delete the other without any DELETE trigger.
    with pytest.raises(sqlite3.IntegrityError):
        prompt.execute("UPDATE OR REPLACE audit_event SET id = ? WHERE id = ?", (first, second))
    with pytest.raises(sqlite3.IntegrityError, match="cannot be replaced"):
        prompt.execute("INSERT OR REPLACE INTO audit_event (id, occurred_at, action, entity_type, details) "
                       "VALUES (?, '2026-01-01 00:00:00', 'forged', 'thing', '{}')", (first,))
    with db() as s:
        assert [e.action for e in s.query(AuditEvent).order_by(AuditEvent.id)] == ["test", "test"]


def test_a_draft_can_still_be_written_the_ordinary_way(db: DbFactory) -> None:
    team = make_team(db)
    session_id = make_session(db, team, status=SessionStatus.DRAFT)
    with transaction(db) as s:
        s.execute(text("UPDATE supervision_session SET workload = 'lighter' WHERE id = :s"),
                  {"s": session_id})
    with db() as s:
        assert s.get_one(SupervisionSession, session_id).workload == "lighter"
