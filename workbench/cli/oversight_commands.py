"""`workbench oversight`: whether supervision happens as often as policy says, for a team (or
every team), over a period: as text, JSON, an Excel workbook or a signed PDF report.

The signed PDF is signed by the person named by --as with their own signing identity: its key
opens from the keyring, or (where the keyring does not hold it) with the passphrase from
WORKBENCH_KEY_PASSPHRASE or typed at a terminal; the demo's keys open with the demo passphrase."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.cli.context import CliContext, CliError, iso_date

if TYPE_CHECKING:
    from workbench.access import Actor
    from workbench.oversight import OversightPolicy, OversightReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "oversight", help="supervision against policy: overdue workers and children, pending notes, "
        "open disagreements, overdue actions, stuck cases, direct work with children, completeness of "
        "optional record items",
        description="The oversight of supervision for a team over a period: each worker's "
        "supervision against policy (monthly; weekly then fortnightly for newly qualified "
        "workers in their ASYE), children not discussed within their interval, notes awaiting "
        "signature or countersignature, open disagreements, overdue actions, stuck cases, "
        "lasting divergence of scores, the share of children with direct work in the three "
        "months to the period's end (by worker and tool), and how often the signed records of the "
        "period answered each optional item of their question set (by item, by worker, and which "
        "records left which unanswered). Team managers see their own team; "
        "practice leads any team, or every team when --team is left out.")
    parser.add_argument("--team", metavar="NAME",
                        help="the team (case and spacing ignored); left out: every team "
                        "(practice leads)")
    parser.add_argument("--from", dest="start", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help="the period's first day")
    parser.add_argument("--to", dest="end", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help="the period's last day (the report is as of then, or today)")
    parser.add_argument("--policy", type=Path, metavar="FILE",
                        help="the council's supervision policy as TOML (default: the intervals saved in "
                        "Preferences, else monthly; ASYE weekly for six weeks, fortnightly to six months)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="the whole report as one JSON object")
    output.add_argument("--xlsx", type=Path, metavar="FILE",
                        help="write an Excel workbook, one sheet per figure")
    output.add_argument("--pdf", type=Path, metavar="FILE",
                        help="write the report as a PDF signed by you (--as NAME) with your signing "
                        "identity; `workbench verify FILE` checks it")
    parser.add_argument("--keys", type=Path, metavar="DIR",
                        help="the keys folder, for --pdf (default: <data folder>/keys)")
    parser.set_defaults(handler=_run_oversight)


def _run_oversight(args: argparse.Namespace, context: CliContext) -> int:
    import json

    from sqlalchemy import select

    from db.models import Team
    from workbench.names import fold_name
    from workbench.oversight import (
        DEFAULT_POLICY,
        PeriodError,
        PolicyError,
        load_policy,
        oversight_report,
        write_workbook,
    )

    if args.end < args.start:
        raise CliError(f"--to {args.end.isoformat()} is before --from {args.start.isoformat()}: "
                       "give the period's first day with --from and its last with --to.")
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CliError(f"--xlsx {args.xlsx}: the workbook's name must end in .xlsx.")
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise CliError(f"--pdf {args.pdf}: the report's name must end in .pdf.")
    # --policy FILE, else the policy saved in Preferences, else the defaults.
    policy = context.settings.oversight_policy() if context.settings is not None else DEFAULT_POLICY
    if args.policy is not None:
        try:
            policy = load_policy(args.policy.read_text(encoding="utf-8"), source=str(args.policy))
        except PolicyError as error:
            raise CliError(f"--policy {args.policy}: {error}") from error
        except UnicodeDecodeError as error:
            raise CliError(f"--policy {args.policy}: not a UTF-8 text file.") from error
    actor = context.acting(what="The oversight report")
    db = context.database.db
    team_id: int | None = None
    if args.team:
        with db() as s:
            team_id = s.scalar(select(Team.id).where(Team.name_key == fold_name(args.team)))
            names = sorted(s.scalars(select(Team.name)))
        if team_id is None:
            known = ", ".join(names) or "none yet"
            raise CliError(f"no team called '{args.team}' (teams: {known}).")
    if args.pdf is not None:
        return _signed_pdf(args, context, actor, team_id, policy)
    try:
        report = oversight_report(db, context.clock, team_id=team_id, start=args.start,
                                  end=args.end, actor=actor, policy=policy, audit=context.audit)
    except PeriodError as error:
        raise CliError(str(error)) from error
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False), file=context.out)
    elif args.xlsx is not None:
        written = write_workbook(report, args.xlsx)
        print(f"Wrote {written} ({report.scope}, {report.start.isoformat()} to "
              f"{report.end.isoformat()}).", file=context.out)
    else:
        print(format_text(report), file=context.out)
    return 0


def _signed_pdf(args: argparse.Namespace, context: CliContext, actor: Actor | None,
                team_id: int | None, policy: OversightPolicy) -> int:
    """--pdf: the report signed by the --as person, saved whole or not at all."""
    from workbench.cli.authority_commands import KEY_PASSPHRASE_ENV
    from workbench.encryption import DEMO_PASSPHRASE
    from workbench.errors import PassphraseRequired, WrongPassphrase
    from workbench.oversight import PeriodError
    from workbench.oversight.signed_report import save_signed_report
    from workbench.secrets import SecretStore
    from workbench.settings import data_dir
    from workbench.signing.identity import IdentityStore, SigningError

    if actor is None:
        raise CliError("The signed report is signed by the person who produces it: add --as "
                       "'YOUR NAME' (a practice lead, or the team's manager).")
    identities = IdentityStore(args.keys or data_dir() / "keys", SecretStore(), context.clock,
                               context.audit)
    # The demo's keys, where no secure keyring holds them, open with the published passphrase.
    passphrase = (DEMO_PASSPHRASE if context.demo and not context.secrets.is_secure()
                  else context.environ.get(KEY_PASSPHRASE_ENV) or None)

    path = Path(args.pdf)

    def sign(passphrase: str | None) -> Any:
        return save_signed_report(context.database.db, identities, context.audit, context.clock,
                                  path, actor=actor, signer_id=actor.staff_id, team_id=team_id,
                                  start=args.start, end=args.end, policy=policy,
                                  passphrase=passphrase)

    try:
        try:
            signed = sign(passphrase)
        except PassphraseRequired:
            if passphrase is not None:
                raise
            if not sys.stdin.isatty():
                raise
            signed = sign(getpass.getpass(f"Passphrase of {actor.label}'s signing key: "))
    except PeriodError as error:
        raise CliError(str(error)) from error
    except PassphraseRequired as error:
        raise CliError(f"{error.user_message} (Set {KEY_PASSPHRASE_ENV}, or run this at a "
                       "terminal to type it.)") from error
    except (SigningError, WrongPassphrase) as error:
        message = getattr(error, "user_message", None) or str(error)
        raise CliError(message) from error
    print(f"Wrote {path}, signed by {signed.signer_name} ({signed.report.scope}, "
          f"{args.start.isoformat()} to {args.end.isoformat()}; content SHA-256 "
          f"{signed.content_sha256}).", file=context.out)
    return 0


def format_text(report: OversightReport) -> str:
    """The report for a terminal: the counts, then the rows that need someone's attention."""
    counts = report.counts()
    share = report.rediscussion.share
    lines = [
        f"Oversight of supervision: {report.scope}, {report.start.isoformat()} to "
        f"{report.end.isoformat()} (as of {report.as_of.isoformat()}; policy: {report.policy.source})",
        f"  workers overdue for supervision: {counts['workers_overdue']} of {counts['workers']}"
        f" (due within {report.policy.upcoming_days} days: {counts['workers_upcoming']})",
        f"  children not discussed within their interval: {counts['children_overdue']} of "
        f"{counts['open_cases']} open cases",
        f"  re-discussed within the interval: {report.rediscussion.within} of "
        f"{report.rediscussion.total}" + (f" ({share:.0%})" if share is not None else ""),
        f"  notes pending: {counts['pending_notes']}; open disagreements: "
        f"{counts['open_disagreements']}; overdue actions: {counts['overdue_actions']}",
        f"  stuck cases: {counts['stuck_cases']}; lasting divergence: {counts['divergences']}",
        direct_work_line(report),
        completeness_line(report),
    ]
    for w in report.workers:
        if w.overdue or w.upcoming:
            due = w.next_due.isoformat() if w.next_due else "never supervised"
            state = f"overdue {w.days_overdue} days" if w.overdue and w.next_due else (
                "overdue" if w.overdue else "upcoming")
            lines.append(f"  worker {w.worker_name} ({w.team_name}, {w.frequency}): due {due}, "
                         f"{state}; held {w.held} of {w.expected} expected")
    for row in report.direct_work.workers:
        if row.with_direct_work < row.open_children:
            lines.append(f"  worker {row.worker_name} ({row.team_name}): direct work with "
                         f"{row.with_direct_work} of {row.open_children} children since "
                         f"{report.direct_work.since.isoformat()}")
    return "\n".join(lines)


def direct_work_line(report: OversightReport) -> str:
    """The direct-work coverage in one line: children with any, then children per tool."""
    from workbench.oversight.report import DIRECT_WORK_TOOLS

    total = report.direct_work.total
    share = total.share
    tools = ", ".join(f"{tool.label} {count}"
                      for tool, count in zip(DIRECT_WORK_TOOLS, total.by_tool, strict=True))
    return (f"  children with direct work since {report.direct_work.since.isoformat()}: "
            f"{total.with_direct_work} of {total.open_children} open"
            + (f" ({share:.0%})" if share is not None else "") + f"; by tool: {tools}")


def completeness_line(report: OversightReport) -> str:
    """The completeness of the optional items in one line: answered of asked, the least often."""
    completeness = report.completeness
    total = completeness.total
    line = (f"  optional items answered in {completeness.records} signed records: "
            f"{total.answered} of {total.asked}"
            + (f" ({total.share:.0%})" if total.share is not None else ""))
    if completeness.items:
        least = completeness.items[0]
        line += f"; least often: {least.wording} ({least.answered} of {least.asked})"
    return line
