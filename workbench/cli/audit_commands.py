"""Subcommands that protect the records: `audit verify` and `backup DEST`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.cli.context import CliContext, CliError


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser(
        "audit", help="check the audit trail",
        description="Check the audit trail of the database.")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="check the audit trail's HMAC chain and report the first broken link",
        description="Walk the audit trail's HMAC chain from its first event, and check that the "
        "newest event this computer recorded (its anchor, kept in the keyring or beside the "
        "database file) is still there with the same seal. Exit status 0 when it is intact, 1 "
        "when an event was edited, deleted, inserted or reordered, the trail was cut or "
        "re-sealed, or the database was rolled back to an older copy.")
    verify.set_defaults(handler=_verify)

    backup = subparsers.add_parser(
        "backup", help="make a consistent, encrypted backup of the embedded database",
        description="Copy the embedded database to DEST while it is in use (SQLite's backup "
        "API), encrypted with the same key, checked, and renamed into place. The key file is "
        "copied beside it as DEST.key: keep both. A PostgreSQL server is backed up on the server.")
    backup.add_argument("dest", type=Path, metavar="DEST", help="the backup file to write")
    backup.set_defaults(handler=_backup)


def _verify(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.audit import verify_chain, verify_on_server

    trail = context.audit
    if trail.server_sealed:
        with context.database.sessions() as session:
            report = verify_on_server(session)
        print(report.describe(), file=context.out)
        print("This trail is sealed by the team server, with a key no client holds.",
              file=context.out)
        return 0 if report.ok else 1
    assert trail.key is not None  # context.audit is always sealed
    anchor = trail.anchor.load() if trail.anchor is not None else None
    with context.database.sessions() as session:
        report = verify_chain(session, trail.key, anchor)
    print(report.describe(), file=context.out)
    if anchor is None and report.ok:
        print("This computer holds no anchor for this database yet, so a cut tail or a rollback "
              "to an older copy could not be checked here.", file=context.out)
    return 0 if report.ok else 1


def _backup(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.backup import BackupNotPossible, backup_database

    try:
        result = backup_database(context.database, args.dest, audit=context.audit)
    except BackupNotPossible as error:
        raise CliError(error.user_message) from error
    state = "encrypted" if result.encrypted else "NOT encrypted (a plain database)"
    print(f"Backed up to {result.path} ({result.size:,} bytes, {state}, checked).", file=context.out)
    if result.key_file is not None:
        print(f"Its key file is {result.key_file}: keep it with the backup.", file=context.out)
    return 0
