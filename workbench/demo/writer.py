"""Writing planned demo rows in bulk: a few executemany statements per table, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from db.base import Base
from workbench.demo.rows import TABLES, Rows

BATCH = 5000


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def first_free_ids(s: Session) -> dict[type[Base], int]:
    """The next id of each table the demo writes, so it can add to a database that has rows."""
    return {model: (s.scalar(select(func.max(_table(model).c.id))) or 0) + 1 for model in TABLES}


def write_rows(s: Session, rows: Rows, progress: Callable[[int, int], None] | None = None) -> None:
    total = sum(len(batch) for batch in rows.tables.values())
    done = 0
    for model in TABLES:
        planned = rows.tables[model]
        for start in range(0, len(planned), BATCH):
            chunk = planned[start:start + BATCH]
            # Core executemany: one compiled statement per chunk (every planned row has every column).
            s.execute(insert(_table(model)), chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    if s.get_bind().dialect.name == "postgresql":
        # Ids were given explicitly; move each sequence past them so later inserts do not collide.
        for model in TABLES:
            name = _table(model).name
            s.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                           f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
