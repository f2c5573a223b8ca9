"""signing_authority: the organisation's signing authority certificates, append-only

Revision ID: 0007
Revises: 0008

The authority's public certificate is kept in the database so every computer that uses it
trusts the same root (the private key stays, encrypted, in the keys folder of the admin who
made or imported it). A trust root must not be swapped quietly: the database refuses UPDATE
and DELETE of its rows (triggers on SQLite and PostgreSQL), as migration 0002 does for
audit_event.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0007"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "signing authorities are append-only: a trusted authority cannot be changed or removed"


def upgrade() -> None:
    op.create_table(
        "signing_authority",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=95), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff.id"],
                                name=op.f("fk_signing_authority_created_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_authority")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_signing_authority_fingerprint")),
    )
    if op.get_context().dialect.name == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER signing_authority_no_{operation.lower()} BEFORE {operation} "
                f"ON signing_authority BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({operation} refused)'); END"
            )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION signing_authority_append_only() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$\nBEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP "
        "USING ERRCODE = 'integrity_constraint_violation'; END $$"
    )
    op.execute(
        "CREATE TRIGGER signing_authority_no_update_delete BEFORE UPDATE OR DELETE "
        "ON signing_authority FOR EACH ROW EXECUTE FUNCTION signing_authority_append_only()"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for operation in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS signing_authority_no_{operation}")
    else:
        op.execute("DROP TRIGGER IF EXISTS signing_authority_no_update_delete ON signing_authority")
        op.execute("DROP FUNCTION IF EXISTS signing_authority_append_only()")
    op.drop_table("signing_authority")
