"""Fill an empty database with the demo team, once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from db.engine import DbFactory
from db.models import Staff
from workbench.database import open_database
from workbench.demo.build import DemoSummary, ProgressFn, SignHook, build_demo
from workbench.keys import Secret

if TYPE_CHECKING:
    from workbench.encryption import Unlocker


def is_empty(db: DbFactory) -> bool:
    with db() as s:
        return s.scalars(select(Staff.id).limit(1)).first() is None


def ensure_demo_database(url: str, today: dt.date, *, scale: int = 1, progress: ProgressFn | None = None,
                         sign: SignHook | None = None,
                         audit_key: Secret | bytes | None = None,
                         unlock: Unlocker | None = None) -> DemoSummary | None:
    """Open (and migrate) the database at ``url``; if it has no staff yet, build the demo team.

    ``unlock`` opens (or first encrypts) an embedded file, as :func:`open_database` does; the
    demo's audit events are sealed with ``audit_key``, or else with the key derived from the
    database key. Returns what was added, or None when the database already held data (it is
    left as it was).
    """
    database = open_database(url, unlock=unlock)
    try:
        if not is_empty(database.db):
            return None
        return build_demo(database.db, today=today, scale=scale, progress=progress, sign=sign,
                          audit_key=audit_key if audit_key is not None else database.audit_key())
    finally:
        database.close()
