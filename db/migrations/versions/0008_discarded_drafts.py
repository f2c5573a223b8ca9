"""a draft supervision session can be discarded: the status 'discarded' joins the CHECK

Revision ID: 0008
Revises: 0005

A manager discards a draft they no longer want; the row stays (status 'discarded', with an
audit event) so that nothing typed about a child vanishes unseen. Only the CHECK constraint
on supervision_session.status changes.

PostgreSQL drops and re-adds the named constraint. SQLite cannot alter a CHECK, and copying
the table (Alembic's batch mode) would drop the signed-record triggers of 0003 and, with
foreign keys on, delete through the tables that refer to it; so the table's stored definition
is rewritten in place, the procedure SQLite documents for loosening a CHECK constraint
(https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema changes").
Widening the list of allowed values cannot make a stored row invalid.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_supervision_session_session_status"
BEFORE = "'draft', 'ready_to_sign', 'signed_by_supervisor', 'countersigned', 'disagreement_recorded'"
AFTER = f"{BEFORE}, 'discarded'"


def _rewrite_sqlite_check(old: str, new: str) -> None:
    bind = op.get_bind()
    sql = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'supervision_session'")).scalar_one()
    old_check = f"CONSTRAINT {CONSTRAINT} CHECK (status IN ({old}))"
    if old_check not in sql:
        raise RuntimeError(f"supervision_session's status constraint is not the one expected: {sql}")
    version = bind.execute(sa.text("PRAGMA schema_version")).scalar_one()
    bind.execute(sa.text("PRAGMA writable_schema = ON"))
    bind.execute(sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' "
                         "AND name = 'supervision_session'"),
                 {"sql": sql.replace(old_check, f"CONSTRAINT {CONSTRAINT} CHECK (status IN ({new}))")})
    bind.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    bind.execute(sa.text("PRAGMA writable_schema = OFF"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rewrite_sqlite_check(BEFORE, AFTER)
        return
    op.execute(f"ALTER TABLE supervision_session DROP CONSTRAINT {CONSTRAINT}")
    op.execute(f"ALTER TABLE supervision_session ADD CONSTRAINT {CONSTRAINT} CHECK (status IN ({AFTER}))")


def downgrade() -> None:
    discarded = op.get_bind().execute(
        sa.text("SELECT count(*) FROM supervision_session WHERE status = 'discarded'")).scalar_one()
    if discarded:
        raise RuntimeError(f"{discarded} discarded draft(s) would break the older schema's constraint; "
                           "keep this revision.")
    if op.get_bind().dialect.name == "sqlite":
        _rewrite_sqlite_check(AFTER, BEFORE)
        return
    op.execute(f"ALTER TABLE supervision_session DROP CONSTRAINT {CONSTRAINT}")
    op.execute(f"ALTER TABLE supervision_session ADD CONSTRAINT {CONSTRAINT} CHECK (status IN ({BEFORE}))")
