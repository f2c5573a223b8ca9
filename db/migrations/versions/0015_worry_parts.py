"""danger statements and safety goals in their parts

Revision ID: 0015
Revises: 0014

* worry.parts and worry_revision.parts: the statement and its goal as {part id: text} (who is
  worried, what the adults do, the impact on the child, what may happen if nothing changes, the
  family's view; what the carers will do, what the child will experience, what professionals
  will see, for how long). Null for a worry written as free text, so every existing row stays
  as it was and still shows and prints.

Adding a nullable column is a plain ALTER TABLE on both databases, so the triggers of 0003
(signed records: a worry_revision of a signed session cannot change, parts included, since the
trigger refuses any update of such a row) and 0010 (no replace) stay as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("worry", "worry_revision"):
        op.add_column(table, sa.Column("parts", sa.JSON(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN on both (SQLite 3.35 on): a batch rebuild would lose the triggers.
    for table in ("worry_revision", "worry"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN parts")
