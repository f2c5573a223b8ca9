"""a real team from an empty database: the organisation, enrolment codes, supervisors, ASYE, leavers, lockout

Revision ID: 0004
Revises: 0007

Adds to ``staff``: supervisor_id (a manager above them), asye_start (newly qualified),
left_at (a leaver), failed_sign_ins and last_failed_sign_in_at (lockout). New tables
``organisation`` (one row, made by the first-run setup) and ``enrolment_code`` (one-time
codes, kept only as hashes). No trigger of 0002/0003 guards ``staff``, so SQLite's batch
rebuild of it drops nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0004"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_organisation_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "enrolment_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=100), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(), nullable=False),
        sa.Column("used_at", db.base.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", db.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["issued_by"], ["staff.id"], name=op.f("fk_enrolment_code_issued_by_staff")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_enrolment_code_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_code")),
    )
    with op.batch_alter_table("enrolment_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_code_staff_id"), ["staff_id"], unique=False)

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asye_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("supervisor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("left_at", db.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), server_default="0",
                                      nullable=False))
        batch_op.add_column(sa.Column("last_failed_sign_in_at", db.base.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_staff_supervisor_id"), ["supervisor_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_staff_supervisor_id_staff"), "staff",
                                    ["supervisor_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_staff_supervisor_id_staff"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_staff_supervisor_id"))
        batch_op.drop_column("last_failed_sign_in_at")
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("left_at")
        batch_op.drop_column("supervisor_id")
        batch_op.drop_column("asye_start")
    with op.batch_alter_table("enrolment_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_code_staff_id"))
    op.drop_table("enrolment_code")
    op.drop_table("organisation")
