"""signed records cannot change: the database refuses updates and deletes of signed content

Revision ID: 0003
Revises: 0002

Triggers on SQLite and PostgreSQL. A session is *signed* when its status is
signed_by_supervisor, countersigned or disagreement_recorded. What is frozen follows
workbench/signing/content.py, which defines what a signature covers:

* supervision_session: a signed row cannot be deleted, and cannot be updated except for the
  one allowed move signed_by_supervisor -> countersigned / disagreement_recorded (with
  updated_at) when nothing else changes. Moving a session into a signed status needs the
  matching signature row first, so a status cannot be faked with SQL.
* case_discussion, decision, scaling_score, worry_revision: no insert, update or delete of a
  row that belongs (through its discussion) to a signed session.
* signed_document (the PDFs made at sign-off): append-only. A row is only added for a signed
  session; no row is ever updated or deleted (a later step appends a new version).
* signature: never updated or deleted. addendum: never updated or deleted once its session
  is signed (always, since addenda are only made on signed sessions).
* action: actions live across sessions. The columns agreed in a session (what, who, by when,
  case, discussion, carried_from) freeze when that session is signed; the review columns
  (status, status_reason, reviewed_in_id) stay open so a later session can review the action,
  and freeze once the session that reviewed it is signed. No action may be added to, or
  reviewed in, a signed session; none referred to by a signed session may be deleted.
* worry: lives across sessions and is reworded through worry_revision rows (the wording a
  signature covers comes from them). Its case and opening freeze once the opening session is
  signed; its closing (closed_in_id, closed_reason) freezes once the closing session is signed.
* question_set_version: a version used by a signed session cannot change or be deleted.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNED = "('signed_by_supervisor', 'countersigned', 'disagreement_recorded')"
MESSAGE = "signed record: a signed supervision record cannot be changed; add a signed addendum instead"

ACTION_AGREED = ("description", "owner_staff_id", "owner_name", "due_date", "case_id",
                 "discussion_id", "carried_from_id", "created_at")
ACTION_REVIEW = ("status", "status_reason", "reviewed_in_id", "description")
SESSION_CONTENT = ("id", "supervisor_id", "supervisee_id", "meeting_at", "duration_minutes", "kind",
                   "question_set_version_id", "present", "blind_scaling", "workload", "wellbeing",
                   "learning_development", "appreciative_inquiry", "created_at")
JSON_COLUMNS = {"present"}


class Dialect:
    def __init__(self, name: str) -> None:
        self.name = name

    def changed(self, column: str) -> str:
        if self.name == "sqlite":
            return f"(NEW.{column} IS NOT OLD.{column})"
        cast = "::text" if column in JSON_COLUMNS else ""
        return f"(NEW.{column}{cast} IS DISTINCT FROM OLD.{column}{cast})"

    def any_changed(self, columns: Sequence[str]) -> str:
        return "(" + " OR ".join(self.changed(c) for c in columns) + ")"

    def session(self, expr: str) -> str:
        if self.name == "sqlite":
            return f"(COALESCE((SELECT status FROM supervision_session WHERE id = {expr}) IN {SIGNED}, 0))"
        return f"psw_session_is_signed({expr})"

    def discussion(self, expr: str) -> str:
        if self.name == "sqlite":
            return (f"(COALESCE((SELECT ss.status FROM case_discussion cd JOIN supervision_session ss "
                    f"ON ss.id = cd.session_id WHERE cd.id = {expr}) IN {SIGNED}, 0))")
        return f"psw_discussion_is_signed({expr})"

    def signature_exists(self, kinds: str) -> str:
        return f"(EXISTS (SELECT 1 FROM signature WHERE session_id = NEW.id AND kind IN {kinds}))"


def rules(d: Dialect) -> dict[str, list[tuple[str, str]]]:
    signed_old = f"(OLD.status IN {SIGNED})"
    allowed_move = (
        f"(OLD.status = 'signed_by_supervisor' AND NEW.status IN ('countersigned', "
        f"'disagreement_recorded') AND NOT {d.any_changed(SESSION_CONTENT)})"
    )
    approval = d.signature_exists("('approval')")
    worker = d.signature_exists("('countersignature', 'disagreement')")
    into_approved = ("(NEW.status = 'signed_by_supervisor' AND OLD.status <> NEW.status "
                     f"AND NOT {approval})")
    into_worker = ("(NEW.status IN ('countersigned', 'disagreement_recorded') "
                   f"AND OLD.status <> NEW.status AND NOT {worker})")
    child_rules = lambda col: [  # noqa: E731
        ("INSERT", d.discussion(f"NEW.{col}")),
        ("UPDATE", f"({d.discussion(f'OLD.{col}')} OR {d.discussion(f'NEW.{col}')})"),
        ("DELETE", d.discussion(f"OLD.{col}")),
    ]
    return {
        "supervision_session": [
            ("INSERT", f"(NEW.status IN {SIGNED})"),
            ("UPDATE", f"({signed_old} AND NOT {allowed_move})"),
            ("UPDATE", f"({into_approved} OR {into_worker})"),
            ("DELETE", signed_old),
        ],
        "case_discussion": [
            ("INSERT", d.session("NEW.session_id")),
            ("UPDATE", f"({d.session('OLD.session_id')} OR {d.session('NEW.session_id')})"),
            ("DELETE", d.session("OLD.session_id")),
        ],
        "decision": child_rules("discussion_id"),
        "scaling_score": child_rules("discussion_id"),
        "worry_revision": child_rules("discussion_id"),
        "signature": [("UPDATE", "(1 = 1)"), ("DELETE", "(1 = 1)")],
        "signed_document": [
            ("INSERT", f"(NOT {d.session('NEW.session_id')})"),
            ("UPDATE", "(1 = 1)"),
            ("DELETE", "(1 = 1)"),
        ],
        "addendum": [
            ("UPDATE", d.session("OLD.session_id")),
            ("DELETE", d.session("OLD.session_id")),
        ],
        "action": [
            ("INSERT", f"({d.discussion('NEW.discussion_id')} OR {d.discussion('NEW.reviewed_in_id')})"),
            ("UPDATE", f"({d.discussion('OLD.discussion_id')} AND {d.any_changed(ACTION_AGREED)})"),
            ("UPDATE", f"(({d.discussion('OLD.reviewed_in_id')} OR {d.discussion('NEW.reviewed_in_id')}) "
                       f"AND {d.any_changed(ACTION_REVIEW)})"),
            ("DELETE", f"({d.discussion('OLD.discussion_id')} OR {d.discussion('OLD.reviewed_in_id')})"),
        ],
        "worry": [
            ("UPDATE", f"({d.discussion('OLD.opened_in_id')} AND "
                       f"{d.any_changed(('case_id', 'opened_in_id'))})"),
            ("UPDATE", f"(({d.discussion('OLD.closed_in_id')} OR {d.discussion('NEW.closed_in_id')}) "
                       f"AND {d.any_changed(('closed_in_id', 'closed_reason'))})"),
            ("DELETE", f"({d.discussion('OLD.opened_in_id')} OR {d.discussion('OLD.closed_in_id')})"),
        ],
        "question_set_version": [
            ("UPDATE", f"(EXISTS (SELECT 1 FROM supervision_session WHERE question_set_version_id = OLD.id "
                       f"AND status IN {SIGNED}))"),
            ("DELETE", f"(EXISTS (SELECT 1 FROM supervision_session WHERE question_set_version_id = OLD.id "
                       f"AND status IN {SIGNED}))"),
        ],
    }


PG_HELPERS = f"""
CREATE OR REPLACE FUNCTION psw_session_is_signed(sid integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT status IN {SIGNED} FROM supervision_session WHERE id = sid), false)
$$;
CREATE OR REPLACE FUNCTION psw_discussion_is_signed(did integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT ss.status IN {SIGNED} FROM case_discussion cd
                   JOIN supervision_session ss ON ss.id = cd.session_id WHERE cd.id = did), false)
$$;
"""


def _sqlite_statements() -> list[str]:
    d = Dialect("sqlite")
    statements = []
    for table, table_rules in rules(d).items():
        for number, (operation, condition) in enumerate(table_rules):
            name = f"psw_signed_{table}_{operation.lower()}_{number}"
            statements.append(
                f"CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END"
            )
    return statements


def _pg_statements() -> list[str]:
    d = Dialect("postgresql")
    statements = [PG_HELPERS]
    for table, table_rules in rules(d).items():
        checks = []
        for operation, condition in table_rules:
            checks.append(
                f"IF TG_OP = '{operation}' AND {condition} THEN "
                f"RAISE EXCEPTION '{MESSAGE} ({table})' USING ERRCODE = 'integrity_constraint_violation'; "
                "END IF;"
            )
        body = "\n".join(checks)
        statements.append(
            f"CREATE OR REPLACE FUNCTION psw_signed_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}\nIF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\nRETURN NEW;\nEND\n$$"
        )
        operations = " OR ".join(sorted({operation for operation, _ in table_rules}))
        statements.append(
            f"CREATE TRIGGER psw_signed_{table} BEFORE {operations} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION psw_signed_{table}()"
        )
    return statements


def upgrade() -> None:
    statements = _sqlite_statements() if op.get_bind().dialect.name == "sqlite" else _pg_statements()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        d = Dialect("sqlite")
        for table, table_rules in rules(d).items():
            for number, (operation, _) in enumerate(table_rules):
                op.execute(f"DROP TRIGGER IF EXISTS psw_signed_{table}_{operation.lower()}_{number}")
        return
    for table in rules(Dialect("postgresql")):
        op.execute(f"DROP TRIGGER IF EXISTS psw_signed_{table} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS psw_signed_{table}()")
    op.execute("DROP FUNCTION IF EXISTS psw_session_is_signed(integer)")
    op.execute("DROP FUNCTION IF EXISTS psw_discussion_is_signed(integer)")
