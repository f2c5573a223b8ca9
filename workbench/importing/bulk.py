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
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Table, insert
from sqlalchemy.orm import Session

from db.base import UTCDateTime

Converter = Callable[[Any], Any]


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_timestamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


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


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``table`` in one executemany."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        session.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    converters = [_sqlite_converter(table.c[name].type) for name in names]
    converted = [(index, converter) for index, converter in enumerate(converters) if converter]
    parameters = []
    remembered: dict[tuple[int, Any], Any] = {}  # timestamps repeat: the import's own "now"
    for row in rows:
        values = [row[name] for name in names]
        for index, converter in converted:
            value = values[index]
            if value.__class__ is dt.datetime:
                key = (index, value)
                if key not in remembered:
                    remembered[key] = converter(value)
                values[index] = remembered[key]
            else:
                values[index] = converter(value)
        parameters.append(tuple(values))
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _name in names)
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', parameters)
