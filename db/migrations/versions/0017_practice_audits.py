"""practice audits: audit forms, audits of signed records, their grades and responses

Revision ID: 0017
Revises: 0016

* audit_form_version: the form an audit used (versioned data, like question_set_version).
* practice_audit: one audit of one child's signed record (a case discussion); audit_grade: each
  item's grade and evidence, and the moderator's grade and reason; audit_response: the worker's
  and manager's responses.
* Triggers: once an audit is signed nothing about it changes. A signed practice_audit row is
  never updated or deleted, and its grades and responses are never added, changed or removed;
  on SQLite a row cannot replace a signed one either (INSERT OR REPLACE, as 0010 refuses for the
  signed tables). New tables only: no existing trigger is touched.
* disagreement_response.pdf: the signed response as a PAdES-signed PDF, kept with the record
  (nullable: answers recorded before have none). A plain ADD COLUMN on both databases, so 0014's
  triggers (no update, no delete, no replace) stay as they are and keep the column unchangeable.
Row-level security on a team server: workbench/server/sql.py (policies()).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "signed audit: a signed practice audit never changes"
CHILDREN = ("audit_grade", "audit_response")


def _sqlite_signed(expr: str) -> str:
    return (f"(COALESCE((SELECT a.status FROM practice_audit a WHERE a.id = {expr}) = 'signed', 0))")


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER psw_audit_no_update BEFORE UPDATE ON practice_audit FOR EACH ROW "
    f"WHEN OLD.status = 'signed' BEGIN SELECT RAISE(ABORT, '{MESSAGE} (UPDATE refused)'); END",
    f"CREATE TRIGGER psw_audit_no_delete BEFORE DELETE ON practice_audit FOR EACH ROW "
    f"WHEN OLD.status = 'signed' BEGIN SELECT RAISE(ABORT, '{MESSAGE} (DELETE refused)'); END",
    f"CREATE TRIGGER psw_audit_no_replace BEFORE INSERT ON practice_audit FOR EACH ROW "
    f"WHEN EXISTS (SELECT 1 FROM practice_audit AS other WHERE other.status = 'signed' AND "
    f"(other.id = NEW.id OR (other.discussion_id = NEW.discussion_id "
    f"AND other.form_version_id = NEW.form_version_id))) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} (replace refused)'); END",
    *(statement for table in CHILDREN for statement in (
        f"CREATE TRIGGER psw_{table}_signed_insert BEFORE INSERT ON {table} FOR EACH ROW "
        f"WHEN {_sqlite_signed('NEW.audit_id')} OR EXISTS (SELECT 1 FROM {table} AS other "
        f"WHERE other.id = NEW.id AND {_sqlite_signed('other.audit_id')}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END",
        f"CREATE TRIGGER psw_{table}_signed_update BEFORE UPDATE ON {table} FOR EACH ROW "
        f"WHEN {_sqlite_signed('OLD.audit_id')} OR {_sqlite_signed('NEW.audit_id')} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END",
        f"CREATE TRIGGER psw_{table}_signed_delete BEFORE DELETE ON {table} FOR EACH ROW "
        f"WHEN {_sqlite_signed('OLD.audit_id')} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END")),
]

# The guards look the audit up as its owner: on a team server, row-level security must not
# hide a signed audit from the trigger and make it look unsigned.
DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
PG_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION psw_audit_signed_guard() RETURNS trigger
    LANGUAGE plpgsql {DEFINER} AS $$
    BEGIN
      IF OLD.status = 'signed' THEN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER psw_audit_signed BEFORE UPDATE OR DELETE ON practice_audit "
    "FOR EACH ROW EXECUTE FUNCTION psw_audit_signed_guard()",
    f"""CREATE OR REPLACE FUNCTION psw_audit_child_guard() RETURNS trigger
    LANGUAGE plpgsql {DEFINER} AS $$
    BEGIN
      IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM public.practice_audit a
                                        WHERE a.id = OLD.audit_id AND a.status = 'signed'))
         OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM public.practice_audit a
                                           WHERE a.id = NEW.audit_id AND a.status = 'signed')) THEN
        RAISE EXCEPTION '{MESSAGE} (% on % refused)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    *(f"CREATE TRIGGER psw_{table}_signed BEFORE INSERT OR UPDATE OR DELETE ON {table} "
      "FOR EACH ROW EXECUTE FUNCTION psw_audit_child_guard()" for table in CHILDREN),
]


def upgrade() -> None:
    op.create_table('audit_form_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_form_version')),
    sa.UniqueConstraint('form_key', 'version', name=op.f('uq_audit_form_version_form_key_version'))
    )
    op.create_table('practice_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_version_id', sa.Integer(), nullable=False),
    sa.Column('discussion_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=False),
    sa.Column('meeting_at', db.base.UTCDateTime(), nullable=False),
    sa.Column('auditor_id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('sampled_how', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('sampled', 'completed', 'moderated', 'signed', name='audit_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(), nullable=False),
    sa.Column('completed_at', db.base.UTCDateTime(), nullable=True),
    sa.Column('moderated_at', db.base.UTCDateTime(), nullable=True),
    sa.Column('moderation_note', sa.Text(), nullable=False),
    sa.Column('signed_at', db.base.UTCDateTime(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('certificate_fingerprint', sa.String(length=95), nullable=True),
    sa.Column('signed_pdf', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("status <> 'signed' OR (signature IS NOT NULL AND content_sha256 IS NOT NULL)", name=op.f('ck_practice_audit_signed_has_signature')),
    sa.ForeignKeyConstraint(['auditor_id'], ['staff.id'], name=op.f('fk_practice_audit_auditor_id_staff')),
    sa.ForeignKeyConstraint(['case_id'], ['case_allocation.id'], name=op.f('fk_practice_audit_case_id_case_allocation')),
    sa.ForeignKeyConstraint(['discussion_id'], ['case_discussion.id'], name=op.f('fk_practice_audit_discussion_id_case_discussion')),
    sa.ForeignKeyConstraint(['form_version_id'], ['audit_form_version.id'], name=op.f('fk_practice_audit_form_version_id_audit_form_version')),
    sa.ForeignKeyConstraint(['manager_id'], ['staff.id'], name=op.f('fk_practice_audit_manager_id_staff')),
    sa.ForeignKeyConstraint(['moderator_id'], ['staff.id'], name=op.f('fk_practice_audit_moderator_id_staff')),
    sa.ForeignKeyConstraint(['session_id'], ['supervision_session.id'], name=op.f('fk_practice_audit_session_id_supervision_session')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_practice_audit_team_id_team')),
    sa.ForeignKeyConstraint(['worker_id'], ['staff.id'], name=op.f('fk_practice_audit_worker_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_audit')),
    sa.UniqueConstraint('discussion_id', 'form_version_id', name=op.f('uq_practice_audit_discussion_id_form_version_id'))
    )
    with op.batch_alter_table('practice_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_audit_discussion_id'), ['discussion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_audit_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_audit_team_id'), ['team_id'], unique=False)

    op.create_table('audit_grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=64), nullable=False),
    sa.Column('grade', sa.Enum('outstanding', 'good', 'requires_improvement', 'inadequate', name='audit_grade_value', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('moderated_grade', sa.Enum('outstanding', 'good', 'requires_improvement', 'inadequate', name='audit_moderated_grade', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('moderation_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['practice_audit.id'], name=op.f('fk_audit_grade_audit_id_practice_audit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_grade')),
    sa.UniqueConstraint('audit_id', 'item_key', name=op.f('uq_audit_grade_audit_id_item_key'))
    )
    op.create_table('audit_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('author_role', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responded_at', db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['practice_audit.id'], name=op.f('fk_audit_response_audit_id_practice_audit')),
    sa.ForeignKeyConstraint(['author_id'], ['staff.id'], name=op.f('fk_audit_response_author_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_response')),
    sa.UniqueConstraint('audit_id', 'author_id', name=op.f('uq_audit_response_audit_id_author_id'))
    )
    statements = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else PG_TRIGGERS
    for statement in statements:
        op.execute(statement)
    op.add_column("disagreement_response", sa.Column("pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN on both (SQLite 3.35 on): a batch rebuild would lose 0014's triggers.
    op.execute("ALTER TABLE disagreement_response DROP COLUMN pdf")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("psw_audit_no_update", "psw_audit_no_delete", "psw_audit_no_replace",
                     *(f"psw_{t}_signed_{c}" for t in CHILDREN for c in ("insert", "update", "delete"))):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS psw_audit_signed ON practice_audit")
        for table in CHILDREN:
            op.execute(f"DROP TRIGGER IF EXISTS psw_{table}_signed ON {table}")
        op.execute("DROP FUNCTION IF EXISTS psw_audit_signed_guard()")
        op.execute("DROP FUNCTION IF EXISTS psw_audit_child_guard()")
    op.drop_table('audit_response')
    op.drop_table('audit_grade')
    with op.batch_alter_table('practice_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_audit_team_id'))
        batch_op.drop_index(batch_op.f('ix_practice_audit_session_id'))
        batch_op.drop_index(batch_op.f('ix_practice_audit_discussion_id'))

    op.drop_table('practice_audit')
    op.drop_table('audit_form_version')
