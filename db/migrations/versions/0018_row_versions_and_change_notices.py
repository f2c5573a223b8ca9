"""row versions for what people edit; change notices for open screens (PostgreSQL)

Revision ID: 0018
Revises: 0017

* ``version`` (integer, 1 for every existing row) on case_discussion, decision, worry, action,
  reflection and safety_plan: SQLAlchemy's version_id_col bumps and checks it in every ORM
  UPDATE, so two people saving one row at the same moment cannot overwrite each other unseen
  (workbench/concurrency.py turns the refusal into a conflict the user is shown).
  supervision_session has none: its guards on a team server compare whole rows (the worker may
  change only status and updated_at), and its editable texts are checked field by field.
  Adding a column with a default is a plain ALTER TABLE on both databases, so the triggers of
  0003 (signed records; the action and worry rules name their columns, so a version bump in an
  allowed update stays allowed) and 0010 (no replace) stay as they are.
* PostgreSQL only: ``psw_notify_change()`` and an AFTER trigger on the tables open screens show
  send ``pg_notify('workbench_changes', ...)`` with the table, the operation and the row's ids
  (id, case_id, session_id, discussion_id where the row has them) and the writing client's
  application_name (db.engine gives each engine its own, so a client can skip its own
  changes), never any content: every listener on the database sees every payload. SQLite (one
  person) has no listeners.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("case_discussion", "decision", "worry", "action", "reflection", "safety_plan")

# Keep in step with workbench/changes.py (CHANNEL, WATCHED_TABLES; a test compares them).
CHANNEL = "workbench_changes"
WATCHED = ("reflection", "case_discussion", "supervision_session", "signature", "decision",
           "worry", "action", "safety_plan", "network_member", "network_meeting", "direct_work")

NOTIFY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION public.psw_notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  r jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
  PERFORM pg_notify('{CHANNEL}', jsonb_strip_nulls(jsonb_build_object(
    'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'id', r->'id', 'case_id', r->'case_id',
    'session_id', r->'session_id', 'discussion_id', r->'discussion_id',
    'by', current_setting('application_name', true)))::text);
  RETURN NULL;
END $$
"""


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOTIFY_FUNCTION)
    for table in WATCHED:
        op.execute(f"CREATE TRIGGER psw_notify_change AFTER INSERT OR UPDATE OR DELETE ON public.{table} "
                   "FOR EACH ROW EXECUTE FUNCTION public.psw_notify_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS psw_notify_change ON public.{table}")
        op.execute("DROP FUNCTION IF EXISTS public.psw_notify_change()")
    # A plain DROP COLUMN on both (SQLite 3.35 on): a batch rebuild would lose the triggers.
    for table in VERSIONED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
