"""a signature (the worker's disagreement) says which child it concerns, or the whole session

Revision ID: 0005
Revises: 0010

``signature.discussion_id`` (nullable): the case discussion a worker's disagreement is about,
NULL when it concerns the session as a whole. Addenda already carry ``addendum.discussion_id``.
A child's extract shows only what concerns that child.

0003 guards ``signature`` with triggers (no UPDATE, no DELETE). On SQLite a batch (copy and
move) alteration would drop them, so the column is added in place with ALTER TABLE ADD COLUMN,
which keeps the table and its triggers; on PostgreSQL ADD COLUMN keeps them too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_signature_discussion_id_case_discussion"


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE signature ADD COLUMN discussion_id INTEGER "
                   f"CONSTRAINT {FK} REFERENCES case_discussion (id)")
        return
    op.add_column("signature", sa.Column("discussion_id", sa.Integer(), nullable=True))
    op.create_foreign_key(FK, "signature", "case_discussion", ["discussion_id"], ["id"])


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        # In place (SQLite 3.35+), as it was added: a batch copy would trip 0003's triggers
        # that name this table, and drop its own.
        op.execute("ALTER TABLE signature DROP COLUMN discussion_id")
        return
    op.drop_constraint(FK, "signature", type_="foreignkey")
    op.drop_column("signature", "discussion_id")
