"""Many-row INSERTs, as fast as each database allows.

On SQLite, SQLAlchemy's per-value processing (dates to text, JSON, timestamps) costs five
times the insert itself, so rows go to the driver as the exact text SQLAlchemy would have
stored, JSON as the same JSON written compactly (``tests/workbench/importing/test_bulk.py``
checks the two agree). Elsewhere
SQLAlchemy's own multi-row insert is used.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from itertools import chain, islice
from typing import Any

import orjson
from sqlalchemy import JSON, Boolean, Connection, Date, Table, insert
from sqlalchemy.orm import Session

from db.base import UTCDateTime

Converter = Callable[[Any], Any]
#: The bound values SQLite allows in one statement by default: 999 before 3.32, then 32,766.
SQLITE_MAX_VARIABLES = 32_766
SQLITE_OLD_MAX_VARIABLES = 999


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_timestamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_json(value: Any) -> str | None:
    """``value`` as JSON text (None for None: SQL NULL), as SQLAlchemy's JSON type reads it
    back. orjson writes it compactly and in UTF-8 where ``json.dumps`` puts spaces and
    escapes: the same JSON, in a fifth of the time (58,572 key dates and details, 9-12 ms
    against 42 ms with json's own C encoder); json.dumps for what orjson will not write."""
    if value is None:
        return None
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:  # a key that is not text, a lone surrogate
        return json.dumps(value)


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _sqlite_enum(value: enum.Enum | str | None) -> str | None:
    return value.value if isinstance(value, enum.Enum) else value


def _sqlite_converter(column_type: Any) -> Converter | None:
    if isinstance(column_type, UTCDateTime):
        return _sqlite_timestamp
    if isinstance(column_type, JSON):
        return _sqlite_json
    if isinstance(column_type, Boolean):
        return _sqlite_bool
    if isinstance(column_type, Date):
        return _sqlite_date
    if getattr(column_type, "enum_class", None) is not None:
        return _sqlite_enum
    return None


#: The page cache a large import's writes may use, in KiB (SQLite's default is 2 MiB): with the
#: default, a 50,000-row import's new pages spill from the cache into the WAL and are read back
#: for each index they join, as often as the B-trees are walked.
IMPORT_CACHE_KIB = 64 * 1024


@contextmanager
def roomy_cache(session: Session) -> Iterator[None]:
    """On SQLite, a page cache of IMPORT_CACHE_KIB while the block runs (the connection's own
    size again afterwards, so the pool's connections keep theirs); elsewhere nothing."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


class _Remembered(dict[Any, Any]):
    """A converter that converts each distinct value once (dates and timestamps repeat)."""

    def __init__(self, convert: Converter) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: Any) -> Any:
        converted = self[value] = self.convert(value)
        return converted


def insert_rows(session: Session, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence[Any]], *, writer: Writer | None = None,
                same: dict[str, Any] | None = None) -> None:
    """INSERT ``rows`` (tuples of values for ``columns``) into ``table``, in order, with the
    values of ``same`` in every row. Given a ``writer`` (SQLite), the rows may still be being
    written when this returns: see Writer. ``rows`` may be a generator: on SQLite each slice
    is written while the next is made."""
    same = same or {}
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        values = [dict(zip(columns, row, strict=True)) | same for row in rows]
        if values:
            # inline(): no RETURNING of the new id for a single row, which on a team server
            # would need the row visible to its writer (another team's child is not).
            session.execute(insert(table).inline(), values)
        return
    statements = _SqliteStatements(table, columns, _max_variables(connection), same)
    write = writer.execute if writer is not None else partial(_execute, connection)
    remaining = iter(rows)
    while piece := list(islice(remaining, PIPELINE_ROWS)):
        write(statements.of(piece))


def _max_variables(connection: Connection) -> int:
    version = getattr(connection.dialect.dbapi, "sqlite_version_info", (0,))
    return SQLITE_MAX_VARIABLES if tuple(version) >= (3, 32) else SQLITE_OLD_MAX_VARIABLES


#: Rows made and converted while the slice before them is written. Each slice is one or two
#: statements: the writing thread takes the GIL back after every statement, and while this
#: thread is busy that waits up to sys.getswitchinterval() (5 ms), so statements of a few
#: dozen rows left the writer waiting far longer than it wrote.
PIPELINE_ROWS = 2048


#: How soon the GIL passes to a thread waiting for it while a Writer is open (see _Handoff).
HANDOFF_SECONDS = 0.001


class _Handoff:
    """The switch interval set to HANDOFF_SECONDS while any writer is open, and back to what
    it was after the last. A thread waiting for the GIL waits up to that interval (Python's
    own is 5 ms) for a busy one to give it up, and the writing thread takes it back each time
    SQLite has prepared, stepped or finished a statement. An encrypted 50,000-row import,
    whose writing takes longer than making its rows, took 0.97 s with 5 ms and 0.82 s with 1 ms."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._before = 0.0  # the interval before the first writer opened

    def begin(self) -> None:
        with self._lock:
            if self._open == 0:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(min(self._before, HANDOFF_SECONDS))
            self._open += 1

    def end(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0:
                sys.setswitchinterval(self._before)


_HANDOFF = _Handoff()


class Writer:
    """SQLite INSERTs written on a thread of their own, in the order given, while the caller
    goes on: SQLite lets go of the GIL while it writes a statement's rows, so the next slice's
    values are converted (or the next table's rows made) meanwhile. The session's connection
    is used by one thread at a time: call :meth:`wait` before using the session for anything
    else; leaving the block waits for every write (and raises the first that failed)."""

    def __init__(self, session: Session) -> None:
        self._connection = session.connection()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._failed = False

    def __enter__(self) -> Writer:
        _HANDOFF.begin()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_details: object) -> None:
        try:
            if kind is None:
                self.wait()
            else:  # the caller's own exception is the one to raise: what is queued is not
                self._failed = True  # written (the transaction rolls back), what is in hand ends
                self._pending = []
        finally:
            try:
                if self._pool is not None:  # what is in hand is written or fails first
                    self._pool.shutdown(wait=True)
                    self._pool = None
            finally:
                _HANDOFF.end()  # once the writing thread has stopped

    def execute(self, statements: list[tuple[str, Any]]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-write")
        self._pending.append(self._pool.submit(self._write, statements))

    def _write(self, statements: list[tuple[str, Any]]) -> None:
        if self._failed:  # an earlier write failed: write nothing after it
            return
        try:
            _execute(self._connection, statements)
        except BaseException:
            self._failed = True
            raise

    def wait(self) -> None:
        """Return once everything given is written; raise the first write that failed."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()


def _execute(connection: Connection, statements: list[tuple[str, Any]]) -> None:
    for statement, parameters in statements:
        connection.exec_driver_sql(statement, parameters)


def _sql_literal(convert: Converter | None, value: Any) -> str:
    """``value`` as SQL text, stored as binding it would store it (see _SqliteStatements)."""
    value = value if convert is None else convert(value)
    if value is None:
        return "NULL"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"no SQL literal for {type(value).__name__}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


class _SqliteStatements:
    """Rows for ``table`` as the INSERT statements that write them: the values as the exact
    text SQLAlchemy would have stored, many rows to a statement (the driver's per-statement
    cost, reset, re-bind and a Python loop per row, was half the insert). The values of
    ``same`` are written into the statement: binding them row after row held the GIL, and so
    the thread making the next rows, for a third of the binding of an import's cases."""

    def __init__(self, table: Table, columns: Sequence[str], max_variables: int,
                 same: dict[str, Any]) -> None:
        self.converters: list[tuple[int, Converter]] = []
        for index, name in enumerate(columns):
            converter = _sqlite_converter(table.c[name].type)
            if converter is _sqlite_json:  # nearly every value different: not remembered
                self.converters.append((index, _sqlite_json))
            elif converter is not None:
                self.converters.append((index, _Remembered(converter).__getitem__))
        quoted = ", ".join(f'"{name}"' for name in (*columns, *same))
        literals = [_sql_literal(_sqlite_converter(table.c[name].type), value)
                    for name, value in same.items()]
        self.marks = "(" + ", ".join(["?"] * len(columns) + literals) + ")"
        self.prefix = f'INSERT INTO "{table.name}" ({quoted}) VALUES '
        self.width = len(columns)
        self.per_statement = max(1, min(PIPELINE_ROWS, max_variables // len(columns)))
        self.full = self.prefix + ", ".join([self.marks] * self.per_statement)

    def of(self, rows: Sequence[Sequence[Any]]) -> list[tuple[str, Any]]:
        """The statements and parameters that insert ``rows``: rows stay in order, so ids
        are given in the same order."""
        values: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for index, convert in self.converters:
            values[index] = list(map(convert, values[index]))
        flat = list(chain.from_iterable(zip(*values, strict=True)))
        per_statement = self.per_statement
        width = per_statement * self.width
        whole = len(rows) // per_statement
        statements: list[tuple[str, Any]] = []
        if whole:
            statements.append((self.full, [tuple(flat[i * width:(i + 1) * width]) for i in range(whole)]))
        rest = len(rows) - whole * per_statement
        if rest:
            statements.append((self.prefix + ", ".join([self.marks] * rest), tuple(flat[whole * width:])))
        return statements
