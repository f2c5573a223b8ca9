"""disagreement_response: a practice lead's signed answer to a worker's recorded disagreement

Revision ID: 0014
Revises: 0012

One row answers one disagreement signature (unique signature_id); the open-disagreement list
of the oversight screen leaves it out from then on. Like a signature, an answer never changes:
the database refuses UPDATE and DELETE (triggers on SQLite and PostgreSQL, as 0007 does for
signing_authority), and on SQLite a row that would replace another (INSERT OR REPLACE) is
refused as 0010 does for the signed tables. A new table: no existing trigger is touched.
Row-level security on a team server: workbench/server/sql.py (policies()).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "disagreement_response"
MESSAGE = "a signed answer to a disagreement never changes: add a new record instead"
REPLACED = "protected record: a row cannot be replaced; signed records and the audit trail never change"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("responder_id", sa.Integer(), nullable=False),
        sa.Column("responder_role", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responded_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("certificate_fingerprint", sa.String(length=95), nullable=False),
        sa.ForeignKeyConstraint(["responder_id"], ["staff.id"],
                                name=op.f("fk_disagreement_response_responder_id_staff")),
        sa.ForeignKeyConstraint(["session_id"], ["supervision_session.id"],
                                name=op.f("fk_disagreement_response_session_id_supervision_session")),
        sa.ForeignKeyConstraint(["signature_id"], ["signature.id"],
                                name=op.f("fk_disagreement_response_signature_id_signature")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disagreement_response")),
        sa.UniqueConstraint("signature_id", name=op.f("uq_disagreement_response_signature_id")),
    )
    op.create_index(op.f("ix_disagreement_response_session_id"), TABLE, ["session_id"], unique=False)
    if op.get_context().dialect.name == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{operation.lower()} BEFORE {operation} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({operation} refused)'); END"
            )
        collides = (f"SELECT 1 FROM {TABLE} AS other WHERE (other.id = NEW.id "
                    "OR other.signature_id = NEW.signature_id)")
        op.execute(f"CREATE TRIGGER psw_no_replace_{TABLE}_insert BEFORE INSERT ON {TABLE} "
                   f"FOR EACH ROW WHEN EXISTS ({collides}) "
                   f"BEGIN SELECT RAISE(ABORT, '{REPLACED} ({TABLE})'); END")
        return
    op.execute(
        f"CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$\nBEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP "
        "USING ERRCODE = 'integrity_constraint_violation'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_no_update_delete BEFORE UPDATE OR DELETE "
        f"ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for name in (f"{TABLE}_no_update", f"{TABLE}_no_delete", f"psw_no_replace_{TABLE}_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE}")
        op.execute(f"DROP FUNCTION IF EXISTS {TABLE}_append_only()")
    op.drop_index(op.f("ix_disagreement_response_session_id"), table_name=TABLE)
    op.drop_table(TABLE)
