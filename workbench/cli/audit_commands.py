"""Subcommands that protect the records: `audit verify`, `backup DEST` and `restore BACKUP`."""

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
        "copied beside it as DEST.key, and the keys folder (certificates and encrypted signing "
        "keys) as DEST.keys.tar: keep all three. A PostgreSQL server is backed up on the server.")
    backup.add_argument("dest", metavar="DEST",
                        help="the backup file to write, or a folder (an existing one, or a name "
                        "ending in /) to write workbench-DATE-TIME.db into")
    backup.add_argument("--keys", type=Path, help="the keys folder (default: <data folder>/keys)")
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser(
        "restore", help="bring back the embedded database and keys folder from a backup",
        description="Restore BACKUP (with BACKUP.key and BACKUP.keys.tar beside it) as the "
        "embedded database, and add the backup's certificates and keys to the keys folder. "
        "Everything is checked first. An existing database is replaced only with --force, and "
        "is then kept aside as NAME.before-restore-DATE, not deleted. Close the app first.")
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    restore.add_argument("--force", action="store_true",
                         help="replace the current database (it is moved aside, not deleted)")
    restore.add_argument("--keys", type=Path, help="the keys folder (default: <data folder>/keys)")
    restore.set_defaults(handler=_restore)


def _verify(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.audit import verify_chain, verify_on_server

    trail = context.audit
    anchor = trail.anchor.load() if trail.anchor is not None else None
    if trail.server_sealed:
        with context.database.db() as session:
            report = verify_on_server(session, anchor)
        print(report.describe(), file=context.out)
        print("This trail is sealed by the team server, with a key no client holds.",
              file=context.out)
        if anchor is None and report.ok:
            print("This computer holds no anchor for this server (none recorded here yet, or no "
                  "secure keyring), so a cut tail or a rollback could not be checked here.",
                  file=context.out)
        return 0 if report.ok else 1
    assert trail.key is not None  # context.audit is always sealed
    with context.database.db() as session:
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
        result = backup_database(context.database, dest, audit=context.audit,
                                 keys_dir=_keys_dir(args))
    except BackupNotPossible as error:
        raise CliError(error.user_message) from error
    state = "encrypted" if result.encrypted else "NOT encrypted (a plain database)"
    print(f"Backed up to {result.path} ({result.size:,} bytes, {state}, checked).", file=context.out)
    if result.key_file is not None:
        print(f"Its key file is {result.key_file}: keep it with the backup.", file=context.out)
    if result.keys_archive is not None:
        print(f"The keys folder ({result.keys_files} certificate and key files) is in "
              f"{result.keys_archive}: keep it with the backup.", file=context.out)
    return 0


def _keys_dir(args: argparse.Namespace) -> Path:
    from workbench.settings import data_dir

    return Path(args.keys) if args.keys else data_dir() / "keys"


def _restore(args: argparse.Namespace, context: CliContext) -> int:
    from workbench.errors import EnvironmentProblem
    from workbench.restore import restore_backup

    url = context.database_url
    if not url.startswith("sqlite:///"):
        raise CliError("Only the embedded database is restored here; a PostgreSQL server is "
                       "restored on the server (pg_restore).")
    database = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
    try:
        result = restore_backup(args.backup, database, keys_dir=_keys_dir(args), now=context.clock(),
                                force=args.force)
    except EnvironmentProblem as error:
        raise CliError(error.user_message) from error
    from workbench.audit_anchor import start_from_backup

    carried = start_from_backup(result.database, args.backup, context.secrets)
    print(f"Restored {args.backup} as {result.database}"
          f"{' (encrypted, with its key file)' if result.encrypted else ''}.", file=context.out)
    for path in result.moved_aside:
        print(f"The previous file is kept as {path}.", file=context.out)
    if carried is None:
        print("No audit anchor was beside the backup: `audit verify` can check the restored trail's "
              "links, not whether events were cut from its end.", file=context.out)
    if result.keys is None:
        print("No keys archive was beside the backup: the keys folder is unchanged.", file=context.out)
    else:
        print(f"Keys folder: {result.keys.added} files restored, {result.keys.already_there} "
              "already there.", file=context.out)
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
