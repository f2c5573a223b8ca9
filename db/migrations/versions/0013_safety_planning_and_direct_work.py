"""safety planning and direct work: the child's network, plan and direct work, kept per case

Revision ID: 0013
Revises: 0015

* network_member, network_meeting, safety_plan (one per case), direct_work and
  direct_work_drawing (the scanned file and a PNG preview), action_link (what a next step is
  about: the safety plan or a network member).
* case_discussion.case_record: the snapshot written at signing (plain ADD COLUMN on both
  databases, so the triggers of 0003 and 0010 on case_discussion stay as they are; once the
  session is signed, 0003's triggers refuse any change to it, this column included).
* Triggers: a drawing is never changed or deleted (a signed snapshot refers to it by id and
  SHA-256), and on SQLite it cannot be replaced either (as 0010 does for other tables); an
  action's link cannot be added, changed or removed once the session that agreed the action
  is signed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DRAWING_MESSAGE = "kept drawing: a stored drawing is never changed or deleted"
SIGNED_MESSAGE = ("signed record: a signed supervision record cannot be changed; add a signed "
                  "addendum instead")
SIGNED = "('signed_by_supervisor', 'countersigned', 'disagreement_recorded')"


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def _sqlite_action_signed(expr: str) -> str:
    return (f"(COALESCE((SELECT ss.status FROM action a JOIN case_discussion cd ON cd.id = a.discussion_id "
            f"JOIN supervision_session ss ON ss.id = cd.session_id WHERE a.id = {expr}) IN {SIGNED}, 0))")


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER psw_drawing_no_update BEFORE UPDATE ON direct_work_drawing FOR EACH ROW "
    f"BEGIN SELECT RAISE(ABORT, '{DRAWING_MESSAGE}'); END",
    f"CREATE TRIGGER psw_drawing_no_delete BEFORE DELETE ON direct_work_drawing FOR EACH ROW "
    f"BEGIN SELECT RAISE(ABORT, '{DRAWING_MESSAGE}'); END",
    f"CREATE TRIGGER psw_drawing_no_replace BEFORE INSERT ON direct_work_drawing FOR EACH ROW "
    f"WHEN EXISTS (SELECT 1 FROM direct_work_drawing AS other WHERE other.id = NEW.id) "
    f"BEGIN SELECT RAISE(ABORT, '{DRAWING_MESSAGE}'); END",
    f"CREATE TRIGGER psw_signed_action_link_insert BEFORE INSERT ON action_link FOR EACH ROW "
    f"WHEN {_sqlite_action_signed('NEW.action_id')} "
    f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE} (action_link)'); END",
    f"CREATE TRIGGER psw_signed_action_link_update BEFORE UPDATE ON action_link FOR EACH ROW "
    f"WHEN {_sqlite_action_signed('OLD.action_id')} OR {_sqlite_action_signed('NEW.action_id')} "
    f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE} (action_link)'); END",
    f"CREATE TRIGGER psw_signed_action_link_delete BEFORE DELETE ON action_link FOR EACH ROW "
    f"WHEN {_sqlite_action_signed('OLD.action_id')} "
    f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE} (action_link)'); END",
]

PG_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION psw_drawing_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '{DRAWING_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    "CREATE TRIGGER psw_drawing_kept BEFORE UPDATE OR DELETE ON direct_work_drawing "
    "FOR EACH ROW EXECUTE FUNCTION psw_drawing_kept()",
    f"""CREATE OR REPLACE FUNCTION psw_signed_action_link() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (TG_OP <> 'INSERT' AND psw_discussion_is_signed(
            (SELECT a.discussion_id FROM action a WHERE a.id = OLD.action_id)))
         OR (TG_OP <> 'DELETE' AND psw_discussion_is_signed(
            (SELECT a.discussion_id FROM action a WHERE a.id = NEW.action_id))) THEN
        RAISE EXCEPTION '{SIGNED_MESSAGE} (action_link)' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER psw_signed_action_link BEFORE INSERT OR UPDATE OR DELETE ON action_link "
    "FOR EACH ROW EXECUTE FUNCTION psw_signed_action_link()",
]


def upgrade() -> None:
    op.add_column("case_discussion", sa.Column("case_record", sa.JSON(), nullable=True))
    op.create_table(
        "network_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relationship_to_child", sa.String(length=200), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["staff.id"], name=op.f("fk_network_member_added_by_id_staff")),
        sa.ForeignKeyConstraint(["case_id"], ["case_allocation.id"],
                                name=op.f("fk_network_member_case_id_case_allocation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_member")),
    )
    op.create_index(op.f("ix_network_member_case_id"), "network_member", ["case_id"], unique=False)
    op.create_table(
        "network_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_allocation.id"],
                                name=op.f("fk_network_meeting_case_id_case_allocation")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["staff.id"],
                                name=op.f("fk_network_meeting_recorded_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_meeting")),
    )
    op.create_index(op.f("ix_network_meeting_case_id"), "network_meeting", ["case_id"], unique=False)
    op.create_table(
        "safety_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum("safety_plan_status", "none", "being_built", "agreed", "reviewed"),
                  nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_allocation.id"],
                                name=op.f("fk_safety_plan_case_id_case_allocation")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff.id"], name=op.f("fk_safety_plan_updated_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plan")),
        sa.UniqueConstraint("case_id", name=op.f("uq_safety_plan_case_id")),
    )
    op.create_table(
        "direct_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("tool", _enum("direct_work_tool", "three_houses", "wizards_and_fairies", "safety_house",
                                "words_and_pictures"), nullable=False),
        sa.Column("done_by", sa.String(length=200), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("words_and_pictures_status",
                  _enum("words_and_pictures_status", "not_started", "drafted", "shared_with_family",
                        "shared_with_child"), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_allocation.id"],
                                name=op.f("fk_direct_work_case_id_case_allocation")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["staff.id"], name=op.f("fk_direct_work_recorded_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_work")),
    )
    op.create_index(op.f("ix_direct_work_case_id"), "direct_work", ["case_id"], unique=False)
    op.create_table(
        "direct_work_drawing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direct_work_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("preview_png", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["direct_work_id"], ["direct_work.id"],
                                name=op.f("fk_direct_work_drawing_direct_work_id_direct_work")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_work_drawing")),
    )
    op.create_index(op.f("ix_direct_work_drawing_direct_work_id"), "direct_work_drawing", ["direct_work_id"],
                    unique=False)
    op.create_table(
        "action_link",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("about_safety_plan", sa.Boolean(), nullable=False),
        sa.Column("network_member_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name=op.f("fk_action_link_action_id_action"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["network_member_id"], ["network_member.id"],
                                name=op.f("fk_action_link_network_member_id_network_member")),
        sa.PrimaryKeyConstraint("action_id", name=op.f("pk_action_link")),
    )
    statements = SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else PG_TRIGGERS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS psw_drawing_kept ON direct_work_drawing")
        op.execute("DROP TRIGGER IF EXISTS psw_signed_action_link ON action_link")
        op.execute("DROP FUNCTION IF EXISTS psw_drawing_kept()")
        op.execute("DROP FUNCTION IF EXISTS psw_signed_action_link()")
    op.drop_table("action_link")
    op.drop_index(op.f("ix_direct_work_drawing_direct_work_id"), table_name="direct_work_drawing")
    op.drop_table("direct_work_drawing")
    op.drop_index(op.f("ix_direct_work_case_id"), table_name="direct_work")
    op.drop_table("direct_work")
    op.drop_table("safety_plan")
    op.drop_index(op.f("ix_network_meeting_case_id"), table_name="network_meeting")
    op.drop_table("network_meeting")
    op.drop_index(op.f("ix_network_member_case_id"), table_name="network_member")
    op.drop_table("network_member")
    # Not batch: rebuilding case_discussion on SQLite would lose the triggers of 0003 and 0010.
    op.execute("ALTER TABLE case_discussion DROP COLUMN case_record")
