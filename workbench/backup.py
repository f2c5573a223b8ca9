"""Backups of the embedded database: consistent, encrypted, checked, and renamed into place.

The copy is made with SQLite's online backup API from a live connection (so committed data
still in the WAL is included and writers may carry on), into a temporary file keyed with
the same data key, so the backup is as encrypted as the original. The copy must pass
``PRAGMA integrity_check`` (and, for an encrypted database, must not be readable as plain
SQLite) before it is renamed over DEST; a failure leaves any earlier backup at DEST as it
was. The key file is copied beside it as ``DEST.key``: it holds the key only wrapped, and
without it the backup cannot be opened. The backup's own audit anchor (its newest event) is
written beside it as ``DEST.audit-anchor``, so a restored copy starts from its own head. Given
the keys folder, its certificates and encrypted signing keys go beside it as ``DEST.keys.tar``
(:mod:`workbench.keys_backup`), so a restore (:mod:`workbench.restore`) brings back the power
to sign as well as the records.

A PostgreSQL server is backed up by whoever runs it (pg_dump, base backups): the server is
the team's to protect.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from db.base import UTCDateTime
from db.engine import transaction
from db.models import AuditEvent
from workbench.audit import AuditTrail
from workbench.audit_anchor import Checkpoint, FileAnchor, anchor_file_for
from workbench.database import Database
from workbench.encryption import connect_raw, file_kind
from workbench.errors import EnvironmentProblem, environment_errors
from workbench.files import fsync_directory, write_atomically
from workbench.keys import key_file_path
from workbench.keys_backup import archive_keys, keys_archive_path
from workbench.messages import translatable

BACKUP_ACTION = "database.backup"


class BackupNotPossible(EnvironmentProblem):
    default_message = translatable("workbench.backup", "This database cannot be backed up by the workbench.")


class BackupFailedCheck(EnvironmentProblem):
    default_message = translatable(
        "workbench.backup",
        "The backup copy failed its check, so it was not kept; the previous backup (if any) is "
        "untouched. Try again, or choose another folder."
    )


@dataclass(frozen=True)
class BackupResult:
    path: Path
    key_file: Path | None  # None when the database was opened with a raw key
    size: int
    encrypted: bool
    keys_archive: Path | None = None  # DEST.keys.tar, when a keys folder was given
    keys_files: int = 0


def _check_destination(database: Database, dest: Path) -> tuple[Path, Path]:
    """(the resolved destination, the database file) after refusing what cannot work."""
    if database.path is None:
        raise BackupNotPossible(translatable(
            "workbench.backup", "This is a shared PostgreSQL server: back it up on the server (pg_dump "
                                "or base backups). The server and its backups are the team's to "
                                "protect."))
    dest = dest.expanduser().resolve()
    if dest == database.path or dest == key_file_path(database.path):
        raise BackupNotPossible(translatable("workbench.backup",
                                             "Choose a backup file other than the database itself."))
    if dest.is_dir():
        raise BackupNotPossible(translatable(
            "workbench.backup", "%1 is a folder: give the backup a file name inside it.").arg(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest, database.path


def _copy(database: Database, target: Path) -> None:
    """The online backup into ``target``, keyed like the source, then checked."""
    pooled = database.engine.raw_connection()
    try:
        source: Any = pooled.driver_connection
        if database.data_key is None:  # a plain file (tests, tools): copy with its own driver
            import sqlite3

            copy = sqlite3.connect(target)
        else:
            copy = connect_raw(target, database.data_key)
        try:
            source.backup(copy)  # every page in one step: a consistent snapshot
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        pooled.close()
    if result != "ok":
        raise BackupFailedCheck(translatable(
                "workbench.backup", "The backup copy failed its integrity check (%1); it was not kept.")
                .arg(result))
    if database.encrypted and file_kind(target) != "encrypted":
        raise BackupFailedCheck(translatable(
                "workbench.backup", "The backup copy was not encrypted, so it was not kept."))
    with target.open("rb") as handle:
        os.fsync(handle.fileno())


def backup_database(database: Database, dest: Path, *, audit: AuditTrail | None = None,
                    actor_id: int | None = None, keys_dir: Path | None = None) -> BackupResult:
    """Back the embedded database up to ``dest`` (replacing an older backup there atomically).

    The backup is recorded in the audit trail (in the copy too). Disk full and similar
    problems raise an EnvironmentProblem and leave ``dest`` as it was. With ``keys_dir`` the
    keys folder is archived beside it as ``DEST.keys.tar``.
    """
    dest, source_path = _check_destination(database, dest)
    if audit is not None:
        with transaction(database.db) as s:
            audit.record(s, actor_id=actor_id, action=BACKUP_ACTION, entity_type="database",
                         details={"file": dest.name})
    partial = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.partial")
    try:
        with environment_errors():
            _copy(database, partial)
            source_key_file = key_file_path(source_path)
            key_copy: Path | None = None
            if database.encrypted and source_key_file.exists():
                key_copy = key_file_path(dest)
                write_atomically(key_copy, source_key_file.read_bytes())
            head = _chain_head(database)
            keys_archive: Path | None = None
            keys_files = 0
            if keys_dir is not None:
                keys_archive = keys_archive_path(dest)
                keys_files = archive_keys(keys_dir, keys_archive)
            os.replace(partial, dest)
            fsync_directory(dest.parent)
            if head is not None:
                FileAnchor(anchor_file_for(dest)).save(head)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return BackupResult(path=dest, key_file=key_copy, size=dest.stat().st_size,
                        encrypted=database.encrypted, keys_archive=keys_archive, keys_files=keys_files)


def _chain_head(database: Database) -> Checkpoint | None:
    """The newest sealed audit event (the backup holds it: it was recorded before the copy)."""
    with database.db() as s:
        row = s.execute(select(AuditEvent.id, AuditEvent.mac).order_by(AuditEvent.id.desc())
                        .limit(1)).first()
    return None if row is None or row.mac is None else Checkpoint(row.id, row.mac)


# -- the scheduled backup ---------------------------------------------------------------

def last_backup_at(session: Session) -> dt.datetime | None:
    """When the database was last backed up, from the audit trail."""
    latest = session.execute(
        select(type_coerce(func.max(AuditEvent.occurred_at), UTCDateTime))
        .where(AuditEvent.action == BACKUP_ACTION)
    ).scalar_one()
    return latest if isinstance(latest, dt.datetime) else None


def backup_due(last: dt.datetime | None, now: dt.datetime, interval_hours: int) -> bool:
    """Whether the scheduled backup should run now (``backup_interval_hours``; 0 = never)."""
    if interval_hours <= 0:
        return False
    return last is None or now - last >= dt.timedelta(hours=interval_hours)


def scheduled_backup_path(folder: Path, now: dt.datetime) -> Path:
    """Where the app's scheduled backup goes: ``folder/backups/workbench-YYYYmmdd-HHMMSS.db``."""
    return folder / "backups" / f"workbench-{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}.db"


def prune_backups(folder: Path, keep: int = 7) -> list[Path]:
    """Remove all but the newest ``keep`` scheduled backups (and their key files, keys archives)."""
    found = sorted((folder / "backups").glob("workbench-*.db"))
    removed = found[:-keep] if keep > 0 else found
    for old in removed:
        old.unlink(missing_ok=True)
        key_file_path(old).unlink(missing_ok=True)
        anchor_file_for(old).unlink(missing_ok=True)
        keys_archive_path(old).unlink(missing_ok=True)
    return removed
