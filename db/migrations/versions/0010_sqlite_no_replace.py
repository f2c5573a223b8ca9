"""SQLite: protected rows cannot be replaced (INSERT OR REPLACE, UPDATE OR REPLACE, REPLACE)

Revision ID: 0010
Revises: 0003

SQLite's REPLACE conflict resolution deletes the row in the way and inserts the new one, and
it fires no DELETE trigger unless the connection turned ``recursive_triggers`` on, which a
client with the key and its own ``sqlite3`` prompt need not do. So ``INSERT OR REPLACE``
could turn a signed session back into a draft, and ``UPDATE OR REPLACE`` could remove an audit
event, without tripping the triggers of 0002 and 0003.

These triggers close that door for any client: a row that would take the place of another
(same primary key, or same values of a unique key) is refused before SQLite resolves the
conflict. A plain INSERT or UPDATE that collides fails anyway, so the app loses nothing.
PostgreSQL has no REPLACE; its triggers already see every change.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "protected record: a row cannot be replaced; signed records and the audit trail never change"

# Each protected table and its unique keys (beyond ``id``), as the models declare them.
PROTECTED: dict[str, tuple[tuple[str, ...], ...]] = {
    "supervision_session": (),
    "case_discussion": (("session_id", "child_id"),),
    "decision": (),
    "scaling_score": (),
    "worry": (),
    "worry_revision": (),
    "action": (),
    "signature": (),
    "signed_document": (),
    "addendum": (),
    "question_set_version": (("set_key", "version"),),
    "audit_event": (("prev_mac",),),
}


def _collides(table: str, keys: tuple[tuple[str, ...], ...]) -> str:
    """Another row of ``table`` that NEW would take the place of."""
    matches = ["other.id = NEW.id"]
    matches += ["(" + " AND ".join(f"other.{c} = NEW.{c}" for c in key) + ")" for key in keys]
    return f"SELECT 1 FROM {table} AS other WHERE ({' OR '.join(matches)})"


def _statements() -> list[str]:
    statements = []
    for table, keys in PROTECTED.items():
        collides = _collides(table, keys)
        statements.append(
            f"CREATE TRIGGER psw_no_replace_{table}_insert BEFORE INSERT ON {table} FOR EACH ROW "
            f"WHEN EXISTS ({collides}) BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END"
        )
        statements.append(
            f"CREATE TRIGGER psw_no_replace_{table}_update BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN EXISTS ({collides} AND other.id <> OLD.id) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END"
        )
    return statements


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in PROTECTED:
        for operation in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS psw_no_replace_{table}_{operation}")
