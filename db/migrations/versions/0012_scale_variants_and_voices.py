"""scale variants and every voice: the wording a child was scored on, and other professionals

Revision ID: 0012
Revises: 0006

* case_discussion.scale_variant / scale_variant_reason: which of the question set's scale
  wordings (child protection, child in need, looked after, care leaver, early help) the child
  was scored on, and why when it is not the one their case kind gives.
* scaling_score.rater_agency, and 'professional' as a rater role: another agency's
  practitioner scores with their name and agency.

Adding nullable columns is a plain ALTER TABLE on both databases, so the triggers of 0003 and
0010 on case_discussion stay as they are. The rater_role CHECK of scaling_score changes: on
PostgreSQL by dropping and adding the constraint; SQLite cannot alter a CHECK, so the table is
rebuilt from its own stored CREATE statement (only the CHECK's list of roles changes) and its
indexes and triggers (0003's signed-record guards, 0010's no-replace guards, and any other)
are re-created exactly as they were stored.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ROLES = "'worker', 'supervisor', 'parent', 'child', 'network'"
NEW_ROLES = OLD_ROLES + ", 'professional'"
CHECK = "ck_scaling_score_rater_role"


def _rebuild_sqlite_scaling_score(old_roles: str, new_roles: str) -> None:
    bind = op.get_bind()
    table_sql = bind.execute(sa.text(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'scaling_score'")).scalar_one()
    if f"IN ({old_roles})" not in table_sql:
        raise RuntimeError(f"scaling_score's rater_role check is not as 0001 made it: {table_sql}")
    extras = bind.execute(sa.text(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'scaling_score' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, name")).scalars().all()
    new_sql = table_sql.replace(f"IN ({old_roles})", f"IN ({new_roles})").replace(
        "scaling_score", "_psw_new_scaling_score", 1)
    op.execute(new_sql)
    op.execute("INSERT INTO _psw_new_scaling_score SELECT * FROM scaling_score")
    op.execute("DROP TABLE scaling_score")
    op.execute("ALTER TABLE _psw_new_scaling_score RENAME TO scaling_score")
    for statement in extras:  # indexes first, then triggers (ORDER BY type)
        op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("case_discussion") as batch:
        batch.add_column(sa.Column("scale_variant", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("scale_variant_reason", sa.Text(), server_default="", nullable=False))
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_scaling_score(OLD_ROLES, NEW_ROLES)
        op.execute("ALTER TABLE scaling_score ADD COLUMN rater_agency VARCHAR(200)")
    else:
        op.add_column("scaling_score", sa.Column("rater_agency", sa.String(length=200), nullable=True))
        op.execute(f"ALTER TABLE scaling_score DROP CONSTRAINT {CHECK}")
        op.execute(f"ALTER TABLE scaling_score ADD CONSTRAINT {CHECK} CHECK (rater_role IN ({NEW_ROLES}))")


def downgrade() -> None:
    op.execute("DELETE FROM scaling_score WHERE rater_role = 'professional'")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE scaling_score DROP COLUMN rater_agency")
        _rebuild_sqlite_scaling_score(NEW_ROLES, OLD_ROLES)
    else:
        op.execute(f"ALTER TABLE scaling_score DROP CONSTRAINT {CHECK}")
        op.execute(f"ALTER TABLE scaling_score ADD CONSTRAINT {CHECK} CHECK (rater_role IN ({OLD_ROLES}))")
        op.drop_column("scaling_score", "rater_agency")
    with op.batch_alter_table("case_discussion") as batch:
        batch.drop_column("scale_variant_reason")
        batch.drop_column("scale_variant")
