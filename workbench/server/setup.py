"""Setting up a team server: the roles, the schema owned by a role nobody logs in as, row-level
security, and one PostgreSQL login per person.

Run by a database administrator (a superuser, or a role that can create roles and is allowed
to act as the owner). Everything here can be run again: ``init_server`` also brings an
existing database to the newest schema and re-applies the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from db.engine import make_engine
from db.migrate import current_revision, upgrade_to_head
from workbench.messages import translatable
from workbench.server import audit_sql, sql, visible_sql

DEFAULT_OWNER = "psw_owner"
DEFAULT_APP = "psw_app"

_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


class ServerSetupError(Exception):
    """Something the administrator can fix; the message says what."""


@dataclass(frozen=True)
class InitReport:
    owner: str
    app: str
    revision: str | None
    tables: tuple[str, ...]
    # Tables the app role cannot use at all, because no rule was written for them.
    unprotected: tuple[str, ...] = field(default=())


def check_role_name(name: str) -> str:
    if not _ROLE_NAME.match(name):
        raise ServerSetupError(
            translatable("workbench.server", "%1 cannot be a PostgreSQL role name here: use letters, digits, "
                                             "'_', '.' or '-', starting with a letter or '_', at most 63 "
                                             "characters.").arg(repr(name)))
    return name


def _admin_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ServerSetupError(translatable(
                "workbench.server", "A team server is a PostgreSQL database: give a postgresql:// URL (the "
                                    "embedded SQLite file needs no server set-up)."))
    return make_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


def _owner_engine(url: str, owner: str) -> Engine:
    """An engine whose every connection acts as the owner, so what it creates the owner owns."""
    engine = make_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _become_owner(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {sql.ident(owner)}")
        dbapi_connection.commit()

    return engine


@contextmanager
def _connect(engine: Engine) -> Iterator[Connection]:
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _ensure_group_role(c: Connection, name: str) -> None:
    row = c.execute(text("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles "
                         "WHERE rolname = :n"), {"n": name}).first()
    if row is None:
        c.execute(text(f"CREATE ROLE {sql.ident(name)} NOLOGIN"))
        return
    if row.rolsuper or row.rolbypassrls or row.rolcanlogin:
        raise ServerSetupError(
            translatable("workbench.server", "The role %1 already exists and can log in or bypass row-level "
                                             "security. Run `ALTER ROLE %2 NOLOGIN NOSUPERUSER NOBYPASSRLS` "
                                             "(or choose other role names) and run init again.")
            .arg(name, name))


def _take_ownership(c: Connection, owner: str) -> None:
    """Hand everything in the public schema (an existing database) to the owner."""
    o = sql.ident(owner)
    relations = c.execute(text(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
        "AND pg_get_userbyid(c.relowner) <> :owner "
        # A sequence owned by a table column follows its table.
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))"
    ), {"owner": owner}).all()
    for name, kind in relations:
        keyword = {"S": "SEQUENCE", "v": "VIEW", "m": "MATERIALIZED VIEW"}.get(kind, "TABLE")
        c.execute(text(f"ALTER {keyword} public.{sql.ident(name)} OWNER TO {o}"))
    functions = c.execute(text(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> :owner "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
    ), {"owner": owner}).scalars().all()
    for signature in functions:
        c.execute(text(f"ALTER FUNCTION {signature} OWNER TO {o}"))


def init_server(url: str, *, owner: str = DEFAULT_OWNER, app: str = DEFAULT_APP) -> InitReport:
    """Make the database at ``url`` (an administrator's connection) a team server."""
    check_role_name(owner)
    check_role_name(app)
    if owner == app:
        raise ServerSetupError(translatable(
                "workbench.server", "The owner role and the app role must be different roles."))
    with _connect(_admin_engine(url)) as c:
        _ensure_group_role(c, owner)
        _ensure_group_role(c, app)
        is_super = c.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        if not is_super:
            # The administrator acts as the owner to migrate (SET ROLE needs membership).
            c.execute(text(f"GRANT {sql.ident(owner)} TO current_user"))
        _take_ownership(c, owner)
        try:
            for statement in sql.before_migration(owner, app):
                c.execute(text(statement))
        except Exception as error:
            if "pgcrypto" in str(error):
                raise ServerSetupError(
                    translatable("workbench.server", "The pgcrypto extension is not available on this "
                                                     "server; install it (Debian: the postgresql package "
                                                     "includes it; elsewhere postgresql-contrib) and run "
                                                     "init again.")) from error
            raise
    owner_engine = _owner_engine(url, owner)
    try:
        upgrade_to_head(owner_engine)
        revision = current_revision(owner_engine)
        with owner_engine.begin() as c:
            c.execute(text(f"SET LOCAL search_path = public, {sql.PRIVATE_SCHEMA}"))
            tables = tuple(c.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' ORDER BY tablename")).scalars())
            staff_columns = c.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = 'staff' ORDER BY ordinal_position")).scalars().all()
            statements = [
                *sql.private_tables(),
                *sql.identity_functions(app),
                *sql.visibility_functions(),
                *visible_sql.visible_id_functions(),
                *sql.staff_guard(),
                *sql.session_guard(),
                *sql.signed_helpers_as_owner(),
                *audit_sql.audit_functions(),
                *sql.row_security(owner, app, tables),
                *sql.privileges(app, tables, staff_columns,
                                (*sql.APP_FUNCTIONS, *visible_sql.SIGNATURES,
                                 audit_sql.APPEND_SIGNATURE,
                                 audit_sql.VERIFY_SIGNATURE, audit_sql.MAC_SIGNATURE)),
            ]
            # One round trip: the statements carry no parameters.
            c.exec_driver_sql(";\n".join(map(sql.with_cached_plan, statements)))
            for name, value in (("owner_role", owner), ("app_role", app)):
                c.execute(text(
                    f"INSERT INTO {sql.PRIVATE_SCHEMA}.setting (name, value) VALUES (:n, :v) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value"), {"n": name, "v": value})
    finally:
        owner_engine.dispose()
    rules = sql.policies()
    return InitReport(owner=owner, app=app, revision=revision, tables=tables,
                      unprotected=tuple(t for t in tables if t not in rules))


def _server_setting(c: Connection, name: str) -> str:
    try:
        value = c.scalar(text(f"SELECT value FROM {sql.PRIVATE_SCHEMA}.setting WHERE name = :n"),
                         {"n": name})
    except Exception as error:
        raise ServerSetupError(translatable(
                "workbench.server", "This database is not a team server yet: run `workbench server init` "
                                    "first.")) from error
    if value is None:
        raise ServerSetupError(translatable(
                "workbench.server", "This database is not a team server yet: run `workbench server init` "
                                    "first."))
    return str(value)


def add_login(url: str, *, staff_id: int, login: str) -> None:
    """Give member of staff ``staff_id`` their own PostgreSQL login ``login`` (created if missing,
    without a password: set one with psql's ``\\password``, or use certificates or GSSAPI)."""
    check_role_name(login)
    with _connect(_admin_engine(url)) as c, c.begin():
        app = _server_setting(c, "app_role")
        owner = _server_setting(c, "owner_role")
        if login in (app, owner):
            raise ServerSetupError(translatable(
                    "workbench.server", "%1 is one of the server's own roles; choose the person's name.")
                    .arg(login))
        staff = c.execute(text("SELECT name, active FROM public.staff WHERE id = :i"),
                          {"i": staff_id}).first()
        if staff is None or not staff.active:
            raise ServerSetupError(translatable(
                    "workbench.server", "There is no active member of staff with id %1; enrol them first "
                                        "(and check the id with `workbench staff`).").arg(staff_id))
        role = c.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :n"),
                         {"n": login}).first()
        if role is None:
            c.execute(text(f"CREATE ROLE {sql.ident(login)} LOGIN"))
        elif role.rolsuper or role.rolbypassrls:
            raise ServerSetupError(translatable(
                    "workbench.server", "The role %1 is a superuser or bypasses row-level security; a "
                                        "person's login must be neither.").arg(login))
        c.execute(text(f"GRANT {sql.ident(app)} TO {sql.ident(login)}"))
        c.execute(text(
            f"INSERT INTO {sql.PRIVATE_SCHEMA}.db_login (login_name, staff_id) VALUES (:l, :s) "
            "ON CONFLICT (login_name) DO UPDATE SET staff_id = excluded.staff_id"),
            {"l": login, "s": staff_id})
        c.execute(text("SELECT public.psw_audit_append('server.login_added', 'staff', :s, "
                       "jsonb_build_object('login', CAST(:l AS text)))"),
                  {"s": str(staff_id), "l": login})


def remove_login(url: str, *, login: str, drop_role: bool = False) -> bool:
    """Take ``login`` off the workbench (unmapped, out of the app role); ``drop_role`` also drops
    the PostgreSQL role. Returns whether the login was mapped to someone."""
    check_role_name(login)
    with _connect(_admin_engine(url)) as c, c.begin():
        app = _server_setting(c, "app_role")
        staff_id = c.scalar(text(f"DELETE FROM {sql.PRIVATE_SCHEMA}.db_login WHERE login_name = :l "
                                 "RETURNING staff_id"), {"l": login})
        exists = c.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
        if exists:
            c.execute(text(f"REVOKE {sql.ident(app)} FROM {sql.ident(login)}"))
            if drop_role:
                c.execute(text(f"DROP ROLE {sql.ident(login)}"))
        if staff_id is not None:
            c.execute(text("SELECT public.psw_audit_append('server.login_removed', 'staff', :s, "
                           "jsonb_build_object('login', CAST(:l AS text)))"),
                      {"s": str(staff_id), "l": login})
        return staff_id is not None
