"""Subcommands that build the team: `workbench setup` on an empty database and
`workbench staff list|add|edit|deactivate|activate|enrol-code|unlock`.

The staff commands act as the admin named by the global ``--as`` (on the demo database they
may run as the system); every rule and check is the core's (workbench.staff_admin,
workbench.enrolment), and every change is audited with the OS user and computer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from workbench.cli.context import SIGN_IN_PASSPHRASE_ENV, CliContext, CliError

_ROLES = {"worker": "worker", "manager": "team_manager", "team-manager": "team_manager",
          "team_manager": "team_manager", "lead": "practice_lead", "practice-lead": "practice_lead",
          "practice_lead": "practice_lead", "admin": "admin"}


_UNSET = object()  # --asye-start not given (None: given as 'none', to clear it)


def _role(text: str) -> Any:
    from db.enums import Role

    value = _ROLES.get(text.strip().lower())
    if value is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a role: worker, team-manager, "
                                         "practice-lead or admin")
    return Role(value)


def _date_or_none(text: str) -> dt.date | None:
    if text.strip().lower() in ("", "none", "-"):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD "
                                         "(or 'none' to clear it)") from error


def register(subparsers: Any) -> None:
    setup = subparsers.add_parser(
        "setup", help="set up an empty database: the organisation and its first admin",
        description="On a database nobody can sign in to yet: name the organisation and create its "
        "first admin, whose passphrase comes from " + SIGN_IN_PASSPHRASE_ENV + " or is asked twice "
        "at a terminal. Once only. The admin then enrols everyone else (`workbench --as ADMIN "
        "staff ...`).")
    setup.add_argument("--organisation", required=True, metavar="NAME")
    setup.add_argument("--admin", required=True, metavar="NAME", help="the first admin's name")
    setup.set_defaults(handler=_setup)

    staff = subparsers.add_parser(
        "staff", help="manage people: list, add, edit, leavers, enrolment codes, unlock (admins)",
        description="Manage the team as the admin named by --as (on the demo database, without "
        "--as, as the system). People identify by name, with --team when two share one.")
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="everyone, with role, team, supervisor and sign-in state")
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="add a person (they then need an enrolment code)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", type=_role, required=True,
                     help="worker, team-manager, practice-lead or admin")
    _person_options(add)
    add.set_defaults(handler=_add)

    edit = actions.add_parser("edit", help="change a person's name, role, team, supervisor or ASYE")
    _who(edit)
    edit.add_argument("--name", dest="new_name", metavar="NEW NAME")
    edit.add_argument("--role", type=_role, help="worker, team-manager, practice-lead or admin")
    _person_options(edit, clearing=True)
    edit.set_defaults(handler=_edit)

    for name, text, handler in (
            ("deactivate", "mark a leaver: they cannot sign in; their records are kept", _deactivate),
            ("activate", "add someone an import met, or bring back a leaver", _activate),
            ("enrol-code", "issue a one-time enrolment code (resets a passphrase they have); "
             "shown once", _enrol_code),
            ("unlock", "let someone locked out by wrong passphrases try again", _unlock)):
        action = actions.add_parser(name, help=text)
        _who(action)
        if name == "enrol-code":
            action.add_argument("--hours", type=int, default=72,
                                help="how long the code works (default: 72)")
        action.set_defaults(handler=handler)


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="NAME", help="the person (case and spacing ignored)")
    parser.add_argument("--in-team", dest="in_team", metavar="TEAM",
                        help="their team, when two people share the name")


def _person_options(parser: argparse.ArgumentParser, *, clearing: bool = False) -> None:
    empty = " ('' for none)" if clearing else ""
    parser.add_argument("--team", metavar="TEAM", help="their team (made if new)" + empty)
    parser.add_argument("--supervisor", metavar="NAME",
                        help="who supervises them: a team manager or practice lead above them" + empty)
    parser.add_argument("--asye-start", dest="asye_start", type=_date_or_none, metavar="YYYY-MM-DD",
                        default=_UNSET if clearing else None,
                        help="newly qualified: the first day of their assessed year (ASYE)"
                        + (" ('none' to clear)" if clearing else ""))


# -- setup ---------------------------------------------------------------------------------
def _new_passphrase(context: CliContext, name: str) -> str:
    text = context.environ.get(SIGN_IN_PASSPHRASE_ENV)
    if text:
        return text
    ask = context.ask_passphrase
    if ask is None and sys.stdin.isatty():
        import getpass

        ask = getpass.getpass
    if ask is None:
        raise CliError(f"give {name}'s new passphrase in {SIGN_IN_PASSPHRASE_ENV} (no terminal to ask at).")
    first = ask(f"Choose {name}'s passphrase: ")
    if ask(f"{name}'s passphrase again: ") != first:
        raise CliError("the two passphrases are not the same; nothing was set up. Run it again.")
    return first


def _setup(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.enrolment import AlreadySetUp, set_up_organisation
    from workbench.keys import Passphrase

    db = context.database.db
    from workbench.enrolment import needs_setup

    if not needs_setup(db):
        raise CliError("this database is already set up: an admin enrols people with "
                       "`workbench --as ADMIN staff ...`.")
    passphrase = Passphrase(_new_passphrase(context, args.admin))
    try:
        admin = set_up_organisation(db, context.audit, organisation=args.organisation,
                                    admin_name=args.admin, passphrase=passphrase)
    except (AlreadySetUp, ValueError) as error:
        raise CliError(str(error)) from error
    print(f"Set up {args.organisation.strip()} with {admin.name} as its first admin. Add people "
          f"with: workbench --as '{admin.name}' staff add NAME --role worker --team TEAM",
          file=context.out)
    return 0


# -- staff ---------------------------------------------------------------------------------
def _admin(context: CliContext) -> Any:
    return context.acting(what="Managing staff")


def _find(context: CliContext, name: str, team: str | None) -> int:
    from workbench.staff_admin import find_staff

    found = find_staff(context.database.db, name, team)
    where = f" in team '{team}'" if team else ""
    if not found:
        raise CliError(f"nobody called '{name}'{where}. `workbench staff list` shows everyone.")
    if len(found) > 1:
        teams = ", ".join(sorted(t or "no team" for _i, _n, t in found))
        raise CliError(f"{len(found)} people are called '{name}' (teams: {teams}); choose one with "
                       "--in-team.")
    return found[0][0]


def _run(action: Any) -> Any:
    from workbench.access import AccessDenied

    try:
        return action()
    except (AccessDenied, ValueError) as error:
        raise CliError(str(error)) from error


def _list(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.staff_admin import list_staff_records

    actor = _admin(context)
    records = _run(lambda: list_staff_records(context.database.db, actor=actor,
                                               now=context.clock()))
    for r in records:
        asye = f"  ASYE to {r.newly_qualified_until}" if r.newly_qualified_until else ""
        boss = f"  supervised by {r.supervisor_name}" if r.supervisor_name else ""
        print(f"{r.name:<28} {r.role.value:<14} {r.team_name or '-':<20} {r.status.value}{boss}{asye}",
              file=context.out)
    return 0


def _supervisor_id(context: CliContext, name: str | None) -> int | None:
    return None if not name else _find(context, name, None)


def _add(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.staff_admin import add_staff

    actor = _admin(context)
    supervisor = _supervisor_id(context, args.supervisor)
    staff_id = _run(lambda: add_staff(context.database.db, context.audit, actor=actor,
                                      name=args.name, role=args.role, team=args.team,
                                      supervisor_id=supervisor, asye_start=args.asye_start))
    print(f"Added {' '.join(args.name.split())} (staff {staff_id}). Give them an enrolment code: "
          f"workbench staff enrol-code '{' '.join(args.name.split())}'", file=context.out)
    return 0


def _edit(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.staff_admin import KEEP, update_staff

    actor = _admin(context)
    staff_id = _find(context, args.person, args.in_team)
    changes: dict[str, Any] = {}
    if args.new_name is not None:
        changes["name"] = args.new_name
    if args.role is not None:
        changes["role"] = args.role
    if args.team is not None:
        changes["team"] = args.team or None
    if args.supervisor is not None:
        changes["supervisor_id"] = _supervisor_id(context, args.supervisor)
    if args.asye_start is not _UNSET:
        changes["asye_start"] = args.asye_start
    if not changes:
        raise CliError("nothing to change: give --name, --role, --team, --supervisor or --asye-start.")
    _run(lambda: update_staff(context.database.db, context.audit, actor=actor, staff_id=staff_id,
                              **{k: changes.get(k, KEEP) for k in
                                 ("name", "role", "team", "supervisor_id", "asye_start")}))
    print(f"Changed {', '.join(sorted(changes))} of {args.person}.", file=context.out)
    return 0


def _deactivate(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.staff_admin import deactivate_staff

    actor = _admin(context)
    staff_id = _find(context, args.person, args.in_team)
    _run(lambda: deactivate_staff(context.database.db, context.audit, actor=actor,
                                  staff_id=staff_id))
    print(f"{args.person} is marked as a leaver: they cannot sign in; their records are kept.",
          file=context.out)
    return 0


def _activate(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.staff_admin import activate_staff

    actor = _admin(context)
    staff_id = _find(context, args.person, args.in_team)
    _run(lambda: activate_staff(context.database.db, context.audit, actor=actor,
                                staff_id=staff_id))
    print(f"{args.person} is active: issue them an enrolment code so they can sign in.",
          file=context.out)
    return 0


def _enrol_code(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.enrolment import issue_enrolment_code

    if args.hours < 1:
        raise CliError("--hours must be 1 or more.")
    actor = _admin(context)
    staff_id = _find(context, args.person, args.in_team)
    issued = _run(lambda: issue_enrolment_code(context.database.db, context.audit, actor=actor,
                                               staff_id=staff_id, lifetime=dt.timedelta(hours=args.hours)))
    if issued.reset:
        print(f"{issued.name}'s passphrase is reset: the old one no longer works.", file=context.out)
    print(f"Enrolment code for {issued.name}: {issued.code}", file=context.out)
    print(f"It works once, until {issued.expires_at:%Y-%m-%d %H:%M} UTC, and is not shown again. "
          "Give it in person or by phone.", file=context.out)
    return 0


def _unlock(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.signin import unlock

    actor = _admin(context)
    staff_id = _find(context, args.person, args.in_team)
    _run(lambda: unlock(context.database.db, context.audit, actor=actor, staff_id=staff_id))
    print(f"{args.person} can try their passphrase again.", file=context.out)
    return 0
