"""The SQLite fast path stores exactly what SQLAlchemy would have stored."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.exc import IntegrityError

from db.engine import make_db_factory, transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, Child, Staff, Team
from workbench.importing import bulk
from workbench.importing.bulk import insert_rows
from workbench.importing.reconcile import CASES, CHILDREN

NOW = dt.datetime(2026, 11, 26, 10, 0, 0, 123456, tzinfo=dt.UTC)


def _case(child_id: int, worker_id: int, team_id: int) -> dict[str, Any]:
    return {"child_id": child_id, "worker_id": worker_id, "team_id": team_id,
            "kind": CaseKind.CHILD_PROTECTION_PLAN, "start_date": dt.date(2026, 1, 20), "end_date": None,
            "last_visit_date": dt.date(2026, 11, 18), "seen_alone": True, "last_review_date": None,
            "key_dates": {"cp_start": "2026-01-20", "last_seen": "2026-11-01"},
            "details": {"category_initial": "Neglect", "note": "Zoë's \"plan\"", "why": "a}, {\\b\n"},
            "last_import_batch_id": None, "created_at": NOW,
            "updated_at": NOW.astimezone(dt.timezone(dt.timedelta(hours=1)))}


JSON_COLUMNS = {"key_dates", "details"}

# Columns given as the same in every row (written into the statement, not bound).
WRITTEN_ALIKE = {"name", "date_of_birth", "created_at", "end_date", "kind", "seen_alone", "key_dates",
                 "details", "last_import_batch_id", "updated_at"}


@pytest.mark.parametrize("alike", [set(), WRITTEN_ALIKE], ids=["bound", "written alike"])
def test_fast_rows_equal_sqlalchemy_rows(sqlite_engine: Engine, alike: set[str]) -> None:
    db = make_db_factory(sqlite_engine)

    def insert_fast(table: Any, values: dict[str, Any], **key: Any) -> None:
        bound = {name: value for name, value in values.items() if name not in alike} | key
        insert_rows(session, table, list(bound), [tuple(bound.values())],
                    same={name: value for name, value in values.items() if name in alike})

    with transaction(db) as session:
        team = Team(name="North", name_key="north")
        worker = Staff(name="Ann", name_key="ann", role=Role.WORKER, team=team)
        session.add_all([team, worker])
        session.flush()
        child = {"name": "Zoë O'Neill", "date_of_birth": dt.date(2015, 3, 4), "gender": "Female",
                 "ethnicity": None, "disability": "No", "created_at": NOW}
        insert_fast(CHILDREN, child, la_child_id="FAST")
        session.execute(insert(Child), [{**child, "la_child_id": "ORM"}])
        ids: dict[str, int] = dict(session.execute(select(Child.la_child_id, Child.id)).all())
        insert_fast(CASES, _case(ids["FAST"], worker.id, team.id))
        session.execute(insert(CaseAllocation), [_case(ids["ORM"], worker.id, team.id)])

    with sqlite_engine.connect() as connection:
        def stored(table: str, key: str, value: int | str) -> list[tuple[Any, ...]]:
            columns = [row[1] for row in connection.execute(text(f"PRAGMA table_info({table})"))]
            kept = [c for c in columns if c not in ("id", "la_child_id", "child_id")]
            selected = ", ".join(f"typeof({c}), {c}" for c in kept)
            rows = connection.execute(text(f"SELECT {selected} FROM {table} WHERE {key} = :v"),
                                      {"v": value}).all()
            # The same text, but JSON as the same JSON: the fast path writes it compactly.
            names = [name for c in kept for name in (f"typeof({c})", c)]
            return [tuple(json.loads(v) if c in JSON_COLUMNS and v is not None else v
                          for c, v in zip(names, row, strict=True)) for row in rows]

        assert stored("child", "la_child_id", "FAST") == stored("child", "la_child_id", "ORM")
        assert stored("case_allocation", "child_id", ids["FAST"]) == stored(
            "case_allocation", "child_id", ids["ORM"])

    with db() as session:
        fast = session.scalars(select(CaseAllocation).where(CaseAllocation.child_id == ids["FAST"])).one()
        assert fast.kind is CaseKind.CHILD_PROTECTION_PLAN
        assert fast.created_at == NOW
        assert fast.details["note"] == "Zoë's \"plan\""
        assert session.scalar(select(Child.name).where(Child.id == ids["FAST"])) == "Zoë O'Neill"


def test_json_that_orjson_will_not_write_is_stored_as_sqlalchemy_stores_it() -> None:
    for value in ({1: "a number for a key"}, {"note": "half a pair: \ud800"}):
        assert bulk._sqlite_json(value) == json.dumps(value)


def test_naive_timestamps_are_refused(sqlite_engine: Engine) -> None:
    db = make_db_factory(sqlite_engine)
    with pytest.raises(ValueError, match="timezone-aware"), transaction(db) as session:
        insert_rows(session, CHILDREN, ["la_child_id", "created_at"], [("X", dt.datetime(2026, 1, 1))])


def _children(count: int, *, repeated_at: int | None = None) -> list[tuple[Any, ...]]:
    refs = [f"C{number:05d}" for number in range(count)]
    if repeated_at is not None:
        refs[repeated_at] = refs[0]  # la_child_id is unique: this row cannot be written
    return [(number + 1, ref, NOW) for number, ref in enumerate(refs)]


def _stored_children(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, la_child_id FROM child ORDER BY id"))
        return [tuple(row) for row in rows]


def _write(engine: Engine, rows: list[tuple[Any, ...]], *, then_fail: bool = False) -> None:
    """The rows inserted in one transaction, as an import writes them (``then_fail``: the
    import fails while they may still be being written)."""
    with transaction(make_db_factory(engine)) as session, bulk.Writer(session) as writer:
        insert_rows(session, CHILDREN, ["id", "la_child_id", "created_at"], rows, writer=writer)
        if then_fail:
            raise RuntimeError("cancelled")
        writer.wait()


def test_many_rows_are_written_in_order_while_the_next_are_made(sqlite_engine: Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "PIPELINE_ROWS", 128)  # a large import's slices, made small
    rows = _children(1000)
    _write(sqlite_engine, rows)

    assert _stored_children(sqlite_engine) == [(number, ref) for number, ref, _at in rows]


def test_a_slice_that_cannot_be_written_leaves_nothing_written(sqlite_engine: Engine,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "PIPELINE_ROWS", 128)
    with pytest.raises(IntegrityError):
        _write(sqlite_engine, _children(1000, repeated_at=300))

    assert _stored_children(sqlite_engine) == []


def test_a_failure_while_rows_are_written_leaves_nothing_written(sqlite_engine: Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "PIPELINE_ROWS", 128)
    with pytest.raises(RuntimeError, match="cancelled"):
        _write(sqlite_engine, _children(1000), then_fail=True)

    assert _stored_children(sqlite_engine) == []


def test_rows_made_while_they_are_written_are_all_written_in_order(sqlite_engine: Engine,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "PIPELINE_ROWS", 128)
    rows = _children(1000)
    made: list[int] = []

    def one_by_one() -> Any:  # as the import makes the cases' rows: a generator
        for row in rows:
            made.append(row[0])
            yield row

    with transaction(make_db_factory(sqlite_engine)) as session, bulk.Writer(session) as writer:
        insert_rows(session, CHILDREN, ["id", "la_child_id", "created_at"], one_by_one(), writer=writer)

    assert made == [number for number, _ref, _at in rows]
    assert _stored_children(sqlite_engine) == [(number, ref) for number, ref, _at in rows]


def test_writers_hand_the_gil_on_promptly_and_leave_the_process_as_it_was(
        sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # The switch interval is the whole process's: writers open at once must leave it as it
    # was once the last closes, and so must a write that fails.
    monkeypatch.setattr(bulk, "PIPELINE_ROWS", 128)
    before = sys.getswitchinterval()
    seen: list[float] = []
    with transaction(make_db_factory(sqlite_engine)) as session, bulk.Writer(session):
        seen.append(sys.getswitchinterval())
        with bulk.Writer(session):
            seen.append(sys.getswitchinterval())
        seen.append(sys.getswitchinterval())
    assert seen == [bulk.HANDOFF_SECONDS] * 3
    assert sys.getswitchinterval() == before

    with pytest.raises(IntegrityError):
        _write(sqlite_engine, _children(1000, repeated_at=300))
    assert sys.getswitchinterval() == before


def test_an_older_sqlite_is_given_no_more_values_a_statement_than_it_allows(
        sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # SQLite before 3.32 allows 999 bound values a statement; 3.32 raised it to 32,766.
    monkeypatch.setattr(sqlite_engine.dialect.dbapi, "sqlite_version_info", (3, 31, 1))
    most: list[int] = []

    @event.listens_for(sqlite_engine, "before_cursor_execute")
    def count(_connection: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any,
              _many: bool) -> None:
        most.append(statement.count("?"))

    rows = _children(1000)
    _write(sqlite_engine, rows)

    assert most
    assert max(most) <= 999
    assert _stored_children(sqlite_engine) == [(number, ref) for number, ref, _at in rows]
