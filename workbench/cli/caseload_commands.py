"""Subcommands about caseloads: import, caseload, demo."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from workbench.cli.context import CliContext, CliError, iso_date, positive_int, progress_printer


def register(subparsers: Any) -> None:
    add_import_command(subparsers)
    add_caseload_command(subparsers)
    add_demo_command(subparsers)


# -- demo ----------------------------------------------------------------------------------
def add_demo_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill an empty database with the synthetic demo team",
        description="Fill an empty database with the synthetic demo team: a practice lead, two team "
        "managers, eight workers (one newly qualified), about 120 children and six months of "
        "supervision. Deterministic for a given --today. Use with --demo for the demo database.")
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                        help="the day the demo is built as of (default: today)")
    parser.add_argument("--scale", type=positive_int, default=1, metavar="N",
                        help="multiply the teams, staff and children by N (default: 1)")
    parser.add_argument("--keys", type=Path, metavar="DIR",
                        help="where the demo signing keys go (default: <data folder>/keys)")
    parser.add_argument("--no-pdfs", action="store_true",
                        help="leave the signed PDFs to be made when first exported (making them now "
                        "takes about a minute on two cores)")
    parser.set_defaults(handler=_run_demo)


def _run_demo(args: argparse.Namespace, context: CliContext) -> int:
    """The same demo the desktop app builds: its past sessions signed."""
    from workbench.demo.ensure import is_empty
    from workbench.settings import data_dir
    from workbench.signing.demo import build_signed_demo

    db = context.database.db
    if not is_empty(db):
        raise CliError("this database already has staff in it, and the demo team is only added to an "
                       "empty database. Point --database at a new database, or use --demo.")
    today = args.today or context.clock().date()
    # Built as of --today: signed at the end of that day, so a past --today stays in the past.
    now = min(context.clock(), dt.datetime.combine(today, dt.time(23, 59), dt.UTC))
    keys_dir = Path(args.keys) if args.keys else data_dir() / "keys"
    built = build_signed_demo(db, today=today, clock=lambda: now, keys_dir=keys_dir,
                              audit_key=context.audit.key, scale=args.scale, secrets=context.secrets)
    print(built.summary.describe(), file=context.out)
    if built.problem is not None:
        print(f"The past sessions could not be signed: {built.problem}", file=sys.stderr)
        return 1
    if built.signing is None:
        return 0
    print(f"Signed {built.signing.signed} past sessions with demo identities "
          f"({built.signing.disagreements} with the worker's disagreement recorded).", file=context.out)
    if args.no_pdfs:
        print("Their PDFs are made with the demo keys the first time they are exported "
              "(`workbench --demo export`), unasked.", file=context.out)
        return 0
    from workbench.signing.demo import keep_demo_documents

    made = keep_demo_documents(db, keys_dir=keys_dir, clock=lambda: now, secrets=context.secrets,
                               audit=context.audit,
                               progress=progress_printer(sys.stderr, "records' PDFs made"))
    print(f"Kept the signed PDFs of {made} records: `workbench --demo export` writes them out.",
          file=context.out)
    return 0


# -- import --------------------------------------------------------------------------------
def add_import_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="import a caseload export (CSV, Excel or the Ofsted Annex A workbook)",
        description="Import a caseload export: CSV (UTF-8 or Windows-1252), .xlsx/.xlsm/.xls, or the "
        "Ofsted Annex A workbook (Lists 3-9). New cases are added and changed ones updated; open "
        "cases of the selected worker or team that the file no longer lists are closed (never "
        "deleted) unless --partial is given. Prints a report of what was done.")
    parser.add_argument("file", metavar="FILE", help="the exported caseload file")
    parser.add_argument("--worker", metavar="NAME",
                        help="import only this allocated worker's cases (case and spacing ignored)")
    parser.add_argument("--team", metavar="NAME",
                        help="import only this team's cases; also the team of a file with no team column")
    parser.add_argument("--partial", action="store_true",
                        help="the file is not the whole caseload: leave open cases it does not list alone")
    parser.add_argument("--preview", action="store_true",
                        help="only show what the import would add, update and close; change nothing")
    parser.add_argument("--confirm-closures", action="store_true",
                        help="allow closing open cases of anyone but the --worker chosen (see --preview)")
    parser.set_defaults(handler=_run_import)


def _run_import(args: argparse.Namespace, context: CliContext) -> int:
    from pathlib import Path

    from workbench.importing import ImportFailed, import_caseload, plan_import

    actor = context.acting(what="Importing a caseload")  # checked by the core, as in the app
    try:
        if args.preview:
            preview = plan_import(context.database.db, Path(args.file), worker=args.worker,
                                  team=args.team, complete=not args.partial, actor=actor,
                                  clock=context.clock)
            print(preview.format_text(), file=context.out)
            return 0
        report = import_caseload(
            context.database.db, Path(args.file), worker=args.worker, team=args.team,
            complete=not args.partial, actor=actor, actor_id=None if actor is None else actor.staff_id,
            confirm_closures=args.confirm_closures,
            audit=context.audit, clock=context.clock)
    except ImportFailed as error:
        raise CliError(str(error)) from error
    print(report.format_text(), file=context.out)
    return 0


# -- caseload ------------------------------------------------------------------------------
def add_caseload_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "caseload", help="list a worker's open cases",
        description="List the open cases allocated to a worker, one per line; with --json, one JSON "
        "object per line (child_id, child_name, kind, start_date, key_dates, seen_alone, team, worker).")
    parser.add_argument("--worker", metavar="NAME", required=True,
                        help="the worker's name (case, spacing and accents ignored)")
    parser.add_argument("--team", metavar="NAME", help="the worker's team, when two share a name")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(handler=_run_caseload)


def _run_caseload(args: argparse.Namespace, context: CliContext) -> int:
    import json

    from db.engine import transaction
    from workbench.access import AccessDenied, require_worker_access
    from workbench.caseload import find_workers, open_cases

    actor = context.acting(what="Listing a caseload")
    db = context.database.db
    with db() as session:
        found = [(staff.id, staff.name, staff.team.name if staff.team else None)
                 for staff in find_workers(session, args.worker, args.team)]
    where = f" in team '{args.team}'" if args.team else ""
    if not found:
        raise CliError(f"no worker named '{args.worker}'{where}. Check the spelling, or import their "
                       "caseload first.")
    if len(found) > 1:
        teams = ", ".join(sorted(team or "no team" for _id, _name, team in found))
        raise CliError(f"{len(found)} workers are named '{args.worker}' (teams: {teams}); "
                       "choose one with --team.")
    worker_id, worker_name, team_name = found[0]
    try:
        with db() as session:
            require_worker_access(session, actor, worker_id)
        cases = open_cases(db, worker_id=worker_id, actor=actor, with_key_dates=args.json)
    except AccessDenied as error:
        raise CliError(str(error)) from error
    audit = context.audit
    with transaction(db) as session:  # listing children's cases is a view the trail records
        audit.record(session, actor_id=None if actor is None else actor.staff_id,
                     action="view_caseload", entity_type="staff", entity_id=worker_id,
                     details={"cases": len(cases), "via": "cli"})
    if args.json:
        for case in cases:
            print(json.dumps(case.as_json(), ensure_ascii=False), file=context.out)
        return 0
    print(f"{worker_name} ({team_name or 'no team'}): {len(cases)} open cases", file=context.out)
    for case in cases:
        print(f"  {case.la_child_id:<16} {case.kind.label:<22} started {_day(case.start_date):<10}  "
              f"last visit {_day(case.last_visit_date):<10}  {case.team_name}", file=context.out)
    return 0


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "-"
