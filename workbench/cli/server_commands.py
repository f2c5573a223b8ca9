"""Subcommands for a database administrator setting up a team server:
`server init`, `server add-login`, `server remove-login`."""

from __future__ import annotations

import argparse
from typing import Any

from workbench.cli.context import CliContext, CliError

_URL_HELP = ("the administrator's PostgreSQL URL (a role that can create roles), e.g. "
             "postgresql://postgres@db.example.org/workbench?sslmode=verify-full")


def register(subparsers: Any) -> None:
    server = subparsers.add_parser(
        "server", help="set up a team server (PostgreSQL) that enforces the roles itself",
        description="Set up a PostgreSQL database as the team's server: the schema belongs to an "
        "owner role nobody logs in as, each person logs in as their own role, and row-level "
        "security, privileges and a server-sealed audit trail refuse what the app refuses.")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init", help="create the roles, migrate as the owner, apply the rules (safe to re-run)",
        description="Create the owner role (NOLOGIN) and the app group role, take over and migrate "
        "the schema as the owner, and apply row-level security, privileges and the audit "
        "functions. Run it again after an upgrade: it brings the schema and the rules up to date.")
    init.add_argument("--database", dest="server_database", metavar="URL", help=_URL_HELP)
    init.add_argument("--owner-role", default=None, metavar="NAME",
                      help="the role that owns the schema (default psw_owner)")
    init.add_argument("--app-role", default=None, metavar="NAME",
                      help="the group role every person's login belongs to (default psw_app)")
    init.set_defaults(handler=_init)

    add = actions.add_parser(
        "add-login", help="give a member of staff their own PostgreSQL login",
        description="Create the login role NAME (if it does not exist, without a password), make "
        "it a member of the app role and map it to the staff member. Set a password with psql's "
        "\\password NAME, or let pg_hba.conf accept a client certificate or GSSAPI.")
    add.add_argument("--database", dest="server_database", metavar="URL", help=_URL_HELP)
    add.add_argument("--staff-id", type=int, required=True, metavar="N")
    add.add_argument("--login", required=True, metavar="NAME")
    add.set_defaults(handler=_add_login)

    remove = actions.add_parser(
        "remove-login", help="take a login off the workbench",
        description="Unmap the login and take it out of the app role; with --drop-role also "
        "drop the PostgreSQL role.")
    remove.add_argument("--database", dest="server_database", metavar="URL", help=_URL_HELP)
    remove.add_argument("--login", required=True, metavar="NAME")
    remove.add_argument("--drop-role", action="store_true", help="also drop the PostgreSQL role")
    remove.set_defaults(handler=_remove_login)


def _url(args: argparse.Namespace) -> str:
    url: str | None = args.server_database or args.database
    if not url:
        raise CliError("Give the server's URL with --database postgresql://ADMIN@HOST/DB.", status=2)
    return url


def _init(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.server import DEFAULT_APP, DEFAULT_OWNER, ServerSetupError, init_server

    try:
        report = init_server(_url(args), owner=args.owner_role or DEFAULT_OWNER,
                             app=args.app_role or DEFAULT_APP)
    except ServerSetupError as error:
        raise CliError(str(error)) from error
    print(f"Team server ready at schema revision {report.revision}: {len(report.tables)} tables "
          f"owned by {report.owner}, row-level security on each; logins join {report.app}.",
          file=context.out)
    if report.unprotected:
        print("No rule is written for these tables, so logins cannot use them: "
              + ", ".join(report.unprotected), file=context.out)
    print("Next: `workbench server add-login --staff-id N --login NAME` for each person.",
          file=context.out)
    return 0


def _add_login(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.server import ServerSetupError, add_login

    try:
        add_login(_url(args), staff_id=args.staff_id, login=args.login)
    except ServerSetupError as error:
        raise CliError(str(error)) from error
    print(f"{args.login} now signs in as staff member {args.staff_id}. Give the role a password "
          f"(psql: \\password {args.login}) or a certificate before they connect.", file=context.out)
    return 0


def _remove_login(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.server import ServerSetupError, remove_login

    try:
        mapped = remove_login(_url(args), login=args.login, drop_role=args.drop_role)
    except ServerSetupError as error:
        raise CliError(str(error)) from error
    print(f"{args.login} {'no longer signs in to the workbench' if mapped else 'was not mapped'}"
          f"{' and its role is dropped' if args.drop_role else ''}.", file=context.out)
    return 0
