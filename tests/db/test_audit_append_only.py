"""Migration 0002: the database itself refuses to change or remove audit events (both back ends)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

INSERT = text(
    "INSERT INTO audit_event (occurred_at, action, entity_type, entity_id, details) "
    "VALUES ('2026-11-26 10:00:00', 'view', 'case', '7', '{}')"
)


def _rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(
            text("SELECT id, action, entity_id FROM audit_event ORDER BY id"))]


@pytest.mark.parametrize("statement", [
    "UPDATE audit_event SET action = 'nothing to see'",
    "UPDATE audit_event SET entity_id = '8' WHERE id = (SELECT min(id) FROM audit_event)",
    "DELETE FROM audit_event",
    "DELETE FROM audit_event WHERE action = 'view'",
])
def test_raw_sql_cannot_change_or_delete_an_audit_event(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        connection.execute(INSERT)
        connection.execute(INSERT)
    before = _rows(engine)
    with pytest.raises(IntegrityError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert _rows(engine) == before


def test_appending_is_still_allowed(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(INSERT)
        connection.execute(INSERT)
    assert len(_rows(engine)) == 2


def test_truncate_is_refused_too(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(INSERT)
    # SQLite has no TRUNCATE: its "truncate optimisation" of a bare DELETE is stopped by the trigger.
    statement = "TRUNCATE audit_event" if engine.dialect.name == "postgresql" else "DELETE FROM audit_event"
    with pytest.raises(IntegrityError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert len(_rows(engine)) == 1
