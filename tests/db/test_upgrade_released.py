"""Every released schema upgrades to the newest with its records and its guards whole.

``fixtures/schema-0003.db`` was made by the first release (schema 0003): a team, a signed
session and a session ready to sign. Later migrations copy tables on SQLite (which drops the
old table: with foreign keys on, that fails on any database with people in it) and add
triggers; this upgrades a copy and checks nothing was lost or left unguarded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.engine import make_db_factory, make_engine, transaction
from db.migrate import current_revision, upgrade_to_head

FIXTURES = Path(__file__).parent / "fixtures"
# The tables whose rows a signature or the audit trail depends on, and what guards them.
GUARDED = ("supervision_session", "case_discussion", "decision", "scaling_score", "worry_revision",
           "signature", "signed_document", "addendum", "action", "worry", "question_set_version",
           "audit_event")


def _count(engine: object, sql: str) -> int:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.execute(text(sql)).scalar_one())


def test_the_first_release_upgrades_with_its_records_and_guards(tmp_path: Path) -> None:
    path = tmp_path / "released.db"
    shutil.copyfile(FIXTURES / "schema-0003.db", path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        before = {t: _count(engine, f"SELECT count(*) FROM {t}")
                  for t in ("staff", "supervision_session", "case_discussion", "scaling_score", "signature")}
        assert current_revision(engine) == "0003"
        upgrade_to_head(engine)
        assert current_revision(engine) != "0003"
        after = {t: _count(engine, f"SELECT count(*) FROM {t}") for t in before}
        assert after == before
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            guarded = {row[0] for row in connection.execute(text(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'"))}
        assert set(GUARDED) <= guarded

        db = make_db_factory(engine)
        with pytest.raises(IntegrityError, match="signed record"), transaction(db) as s:
            s.execute(text("UPDATE supervision_session SET workload = 'rewritten' "
                           "WHERE status = 'signed_by_supervisor'"))
        with transaction(db) as s:  # the unsigned session is still editable
            s.execute(text("UPDATE supervision_session SET workload = 'lighter' "
                           "WHERE status = 'ready_to_sign'"))
    finally:
        engine.dispose()
