"""Many-row INSERTs, as fast as each database allows.

On SQLite, SQLAlchemy's per-value processing (dates to text, JSON, timestamps) costs five
times the insert itself, so rows go to the driver as the exact text SQLAlchemy would have
stored (``tests/workbench/importing/test_bulk.py`` checks the two agree). Elsewhere
SQLAlchemy's own multi-row insert is used.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Table, insert
from sqlalchemy.orm import Session

from db.base import UTCDateTime

Converter = Callable[[Any], Any]
#: The fewest bound values every SQLite build allows in one statement (3.32 raised it to 32,766).
SQLITE_MAX_VARIABLES = 999
ROWS_PER_STATEMENT = 64


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_timestamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_json(value: Any) -> str | None:
    """``json.dumps(value)``; a flat dict of text (key dates, details: nearly every value
    written) is spelled out directly, the same text at a third of the cost."""
    if value is None:
        return None
    if value.__class__ is not dict:
        return json.dumps(value)
    parts = []
    for key, item in value.items():
        if key.__class__ is not str or item.__class__ is not str:
            return json.dumps(value)
        parts.append(f"{encode_basestring_ascii(key)}: {encode_basestring_ascii(item)}")
    return "{" + ", ".join(parts) + "}"


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
                rows: Sequence[Sequence[Any]]) -> None:
    """INSERT ``rows`` (tuples of values for ``columns``) into ``table`` in one executemany."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        # inline(): no RETURNING of the new id for a single row, which on a team server would
        # need the row visible to its writer (another team's child is not).
        session.execute(insert(table).inline(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    values: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for index, name in enumerate(columns):
        converter = _sqlite_converter(table.c[name].type)
        if converter is _sqlite_json:
            values[index] = list(map(_sqlite_json, values[index]))
        elif converter is not None:
            values[index] = list(map(_Remembered(converter).__getitem__, values[index]))
    quoted = ", ".join(f'"{name}"' for name in columns)
    marks = "(" + ", ".join("?" for _name in columns) + ")"
    prefix = f'INSERT INTO "{table.name}" ({quoted}) VALUES '
    # Many rows to a statement: the driver's per-statement cost (reset, re-bind, a Python loop
    # per row) was half the insert. Rows stay in order, so ids are given in the same order.
    per_statement = max(1, min(ROWS_PER_STATEMENT, SQLITE_MAX_VARIABLES // len(columns)))
    flat = list(chain.from_iterable(zip(*values, strict=True)))
    width = per_statement * len(columns)
    whole = len(rows) // per_statement
    if whole:
        statement = prefix + ", ".join([marks] * per_statement)
        connection.exec_driver_sql(statement, [tuple(flat[i * width:(i + 1) * width])
                                               for i in range(whole)])
    rest = len(rows) - whole * per_statement
    if rest:
        connection.exec_driver_sql(prefix + ", ".join([marks] * rest), tuple(flat[whole * width:]))
