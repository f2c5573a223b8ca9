"""Subcommands that protect the records: `audit verify` and `backup DEST`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
    backup.add_argument("dest", metavar="DEST",
                        help="the backup file to write, or a folder (an existing one, or a name "
                        "ending in /) to write workbench-DATE-TIME.db into")
    backup.set_defaults(handler=_backup)


def _verify(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.audit import verify_chain

    trail = context.audit
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

    # A server has no file to copy: backup_database says so, whatever DEST is.
    dest = Path(args.dest) if context.database.path is None else _backup_file(args.dest, context)
    try:
        result = backup_database(context.database, dest, audit=context.audit)
    except BackupNotPossible as error:
        raise CliError(error.user_message) from error
    state = "encrypted" if result.encrypted else "NOT encrypted (a plain database)"
    print(f"Backed up to {result.path} ({result.size:,} bytes, {state}, checked).", file=context.out)
    if result.key_file is not None:
        print(f"Its key file is {result.key_file}: keep it with the backup.", file=context.out)
    return 0


def _backup_file(text: str, context: CliContext) -> Path:
    """The file DEST names: inside it when it is a folder (an existing one, or one written with a
    trailing slash, which must exist); a missing name with no suffix is refused rather than
    guessed at, since it is more likely a folder not made yet than a file name."""
    dest = Path(text).expanduser()
    named_folder = text.endswith(("/", os.sep))
    if dest.is_dir():
        return dest / f"workbench-{context.clock().astimezone(dt.UTC):%Y%m%d-%H%M%S}.db"
    if named_folder or (not dest.exists() and not dest.suffix):
        if dest.exists():
            raise CliError(f"{dest} is a file, not a folder: give the backup's file name or a folder.")
        raise CliError(f"the folder {dest} does not exist: create it first, or give the backup a "
                       "file name ending in .db.")
    return dest
