"""imports can be undone: before-values of changed and closed cases, who added a case, undone batches

Revision ID: 0006
Revises: 0004

New table import_change (what an import found before it changed or closed a case); new
columns case_allocation.added_by_batch_id, import_batch.undone_at and undone_by_id.

The new columns are nullable and added with ALTER TABLE ... ADD COLUMN on both databases (on
SQLite with an inline REFERENCES), so no table is copied: 0003's triggers guard neither
case_allocation nor import_batch, and no trigger is dropped or re-created here.

Names are now folded without accents too (workbench/names.py): the team and staff name_key
columns are folded again here, with a copy of that function (db never imports workbench). A
key that would then equal another row's in the same unique scope is left as it was.
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("early_help", "referral", "assessment", "section_47", "child_in_need",
                                  "child_protection_plan", "care_leaver", "looked_after", name="case_kind",
                                  native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("last_visit_date", sa.Date(), nullable=True),
        sa.Column("seen_alone", sa.Boolean(), nullable=True),
        sa.Column("last_review_date", sa.Date(), nullable=True),
        sa.Column("key_dates", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("last_import_batch_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", db.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"],
                                name=op.f("fk_import_change_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["case_id"], ["case_allocation.id"],
                                name=op.f("fk_import_change_case_id_case_allocation")),
        sa.ForeignKeyConstraint(["last_import_batch_id"], ["import_batch.id"],
                                name=op.f("fk_import_change_last_import_batch_id_import_batch")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_import_change_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    op.create_index(op.f("ix_import_change_batch_id"), "import_change", ["batch_id"], unique=False)
    op.create_index(op.f("ix_import_change_case_id"), "import_change", ["case_id"], unique=False)

    _add_reference("case_allocation", "added_by_batch_id", "import_batch")
    op.create_index(op.f("ix_case_allocation_added_by_batch_id"), "case_allocation",
                    ["added_by_batch_id"], unique=False)
    op.add_column("import_batch", sa.Column("undone_at", db.base.UTCDateTime(), nullable=True))
    _add_reference("import_batch", "undone_by_id", "staff")
    _refold_names()


_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
    "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
})


def _fold(value: str) -> str:
    """workbench.names.fold_name as of this revision."""
    text = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _refold_names() -> None:
    connection = op.get_bind()
    for table, scope in (("team", None), ("staff", "team_id")):
        scope_column = f", {scope}" if scope else ", NULL"
        rows = connection.execute(sa.text(f"SELECT id, name, name_key{scope_column} FROM {table}")).all()
        taken = {(row[3], row[2]) for row in rows}
        for row_id, name, key, group in rows:
            new = _fold(name)
            if new == key or (group, new) in taken:
                continue
            taken.discard((group, key))
            taken.add((group, new))
            connection.execute(sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"),
                               {"key": new, "id": row_id})


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable integer column referring to ``target.id``, added in place."""
    name = f"fk_{table}_{column}_{target}"
    if op.get_context().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER '
                   f'CONSTRAINT {name} REFERENCES {target} (id)')
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(name, table, target, [column], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint("fk_import_batch_undone_by_id_staff", type_="foreignkey")
        batch_op.drop_column("undone_by_id")
        batch_op.drop_column("undone_at")
    with op.batch_alter_table("case_allocation", schema=None) as batch_op:
        batch_op.drop_constraint("fk_case_allocation_added_by_batch_id_import_batch", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_case_allocation_added_by_batch_id"))
        batch_op.drop_column("added_by_batch_id")
    op.drop_index(op.f("ix_import_change_case_id"), table_name="import_change")
    op.drop_index(op.f("ix_import_change_batch_id"), table_name="import_change")
    op.drop_table("import_change")
