"""group consultation: the steps of a case consultation and who was in the room

Revision ID: 0016
Revises: 0013

* consultation (one per supervision session of kind group_consultation): the steps' text,
  their time boxes and when the private scores were shown side by side.
* consultation_member: participants with an account (staff_id) and attendees without one
  (name, agency, role, consent to be named in the record).
* Two new tables, so no existing trigger is touched. Like the session's other parts, neither
  changes once the session is signed (0003's rule): triggers refuse INSERT, UPDATE and DELETE
  then, on SQLite and PostgreSQL (psw_session_is_signed from 0003).
Row-level security on a team server: workbench/server/sql.py (policies()).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0016"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("consultation", "consultation_member")
SIGNED_MESSAGE = ("signed record: a signed supervision record cannot be changed; add a signed "
                  "addendum instead")
SIGNED = "('signed_by_supervisor', 'countersigned', 'disagreement_recorded')"


def _sqlite_signed(expr: str) -> str:
    return (f"(COALESCE((SELECT ss.status FROM supervision_session ss WHERE ss.id = {expr}) "
            f"IN {SIGNED}, 0))")


def upgrade() -> None:
    op.create_table(
        "consultation",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("presenter_request", sa.Text(), nullable=False),
        sa.Column("story", sa.Text(), nullable=False),
        sa.Column("spread_discussion", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("takeaway", sa.Text(), nullable=False),
        sa.Column("time_boxes", sa.JSON(), nullable=False),
        sa.Column("scores_revealed_at", db.base.UTCDateTime(), nullable=True),
        sa.Column("updated_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["supervision_session.id"],
                                name=op.f("fk_consultation_session_id_supervision_session")),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_consultation")),
    )
    op.create_table(
        "consultation_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("consent_to_be_named", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["supervision_session.id"],
                                name=op.f("fk_consultation_member_session_id_supervision_session")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_consultation_member_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_member")),
        sa.UniqueConstraint("session_id", "staff_id", name=op.f("uq_consultation_member_session_id_staff_id")),
    )
    op.create_index(op.f("ix_consultation_member_session_id"), "consultation_member", ["session_id"],
                    unique=False)
    if op.get_context().dialect.name == "sqlite":
        for table in TABLES:
            for operation, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
                op.execute(
                    f"CREATE TRIGGER psw_signed_{table}_{operation.lower()} BEFORE {operation} ON {table} "
                    f"FOR EACH ROW WHEN {_sqlite_signed(f'{row}.session_id')} "
                    f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE} ({table})'); END")
        return
    op.execute(
        f"""CREATE OR REPLACE FUNCTION psw_signed_consultation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (TG_OP <> 'INSERT' AND psw_session_is_signed(OLD.session_id))
             OR (TG_OP <> 'DELETE' AND psw_session_is_signed(NEW.session_id)) THEN
            RAISE EXCEPTION '{SIGNED_MESSAGE} (%)', TG_TABLE_NAME
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$""")
    for table in TABLES:
        op.execute(f"CREATE TRIGGER psw_signed_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION psw_signed_consultation()")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for table in TABLES:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS psw_signed_{table}_{operation}")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS psw_signed_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS psw_signed_consultation()")
    op.drop_index(op.f("ix_consultation_member_session_id"), table_name="consultation_member")
    op.drop_table("consultation_member")
    op.drop_table("consultation")
