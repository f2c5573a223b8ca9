"""Restoring a backup made by :mod:`workbench.backup`: the database, its key file and the keys folder.

Everything is checked before anything changes: the backup is an SQLite file (a plain one must
pass ``PRAGMA integrity_check``), an encrypted one has its key file (``BACKUP.key``) beside it,
and the keys archive (``BACKUP.keys.tar``) holds only key and certificate files. An existing
database is never overwritten without ``force``; with it, the current files are moved aside
(``NAME.before-restore-YYYYmmdd-HHMMSS``, with its key file and any ``-wal``/``-shm``), so
nothing is lost. The restored copy is written beside the database and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from workbench.encryption import file_kind
from workbench.errors import EnvironmentProblem, environment_errors
from workbench.files import fsync_directory
from workbench.keys import KeyFile, key_file_path
from workbench.keys_backup import KeysRestored, keys_archive_path, read_keys_archive, restore_keys
from workbench.messages import translatable


class RestoreRefused(EnvironmentProblem):
    default_message = translatable("workbench.restore", "The backup was not restored; nothing was changed.")


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    encrypted: bool
    moved_aside: tuple[Path, ...]  # the previous database's files, kept
    keys: KeysRestored | None  # None: no keys archive beside the backup (or no keys folder given)


def _check_backup(backup: Path) -> bool:
    """Whether the backup is encrypted; raises RestoreRefused if it cannot be restored."""
    kind = file_kind(backup)
    if kind == "missing":
        raise RestoreRefused(translatable("workbench.restore", "There is no backup at %1. Check the path.")
                             .arg(backup))
    if kind == "empty":
        raise RestoreRefused(translatable("workbench.restore", "%1 is empty, so it is not a backup. Choose "
                                                               "another one.").arg(backup))
    if kind == "encrypted":
        key_file = key_file_path(backup)
        if not key_file.exists():
            raise RestoreRefused(
                translatable("workbench.restore", "The backup is encrypted and its key file (%1) is not "
                                                  "beside it, so it could not be opened. Put the key file "
                                                  "next to it and try again.").arg(key_file.name)
            )
        KeyFile.load(key_file)  # KeyFileDamaged if it is not one
        return True
    try:
        connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise RestoreRefused(translatable("workbench.restore", "%1 is not a workbench database backup (%2).")
                             .arg(backup, error)) from error
    if result != "ok":
        raise RestoreRefused(translatable("workbench.restore", "The backup failed its integrity check (%1); "
                                                               "choose another one.").arg(result))
    return False


def _live_files(database: Path) -> list[Path]:
    candidates = [database, key_file_path(database),
                  database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
    return [p for p in candidates if p.exists()]


def restore_backup(backup: Path, database: Path, *, keys_dir: Path | None, now: dt.datetime,
                   force: bool = False) -> RestoreResult:
    """Bring ``backup`` (and its key file and keys archive) back as ``database``.

    Close every app using ``database`` first: its files are moved aside (with ``force``) while
    they are replaced.
    """
    backup = backup.expanduser().resolve()
    database = database.expanduser().resolve()
    if backup == database:
        raise RestoreRefused(translatable("workbench.restore",
                                          "That backup is the database itself: choose the backup file."))
    encrypted = _check_backup(backup)
    archive = keys_archive_path(backup)
    keys_files = read_keys_archive(archive) if keys_dir is not None and archive.exists() else None
    live = _live_files(database)
    if live and not force:
        raise RestoreRefused(
            translatable("workbench.restore", "A database is already at %1; restoring would replace it. "
                                              "Close the app and run again with --force to restore (the "
                                              "current database is kept aside, not deleted).").arg(database)
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    staged_db = database.with_name(f".{database.name}.{uuid.uuid4().hex}.restoring")
    staged_key = staged_db.with_name(staged_db.name + ".key")
    moved: list[tuple[Path, Path]] = []
    try:
        with environment_errors():
            _copy(backup, staged_db)
            if encrypted:
                _copy(key_file_path(backup), staged_key)
            stamp = f"{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}"
            try:
                for path in live:
                    aside = database.with_name(path.name.replace(
                        database.name, f"{database.name}.before-restore-{stamp}", 1))
                    os.replace(path, aside)
                    moved.append((path, aside))
                if encrypted:
                    os.replace(staged_key, key_file_path(database))
                os.replace(staged_db, database)
            except BaseException:
                for original, aside in reversed(moved):  # put the live database back as it was
                    os.replace(aside, original)
                raise
            fsync_directory(database.parent)
    finally:
        staged_db.unlink(missing_ok=True)
        staged_key.unlink(missing_ok=True)
    keys = restore_keys(keys_files, keys_dir) if keys_files is not None and keys_dir else None
    return RestoreResult(database=database, encrypted=encrypted,
                         moved_aside=tuple(aside for _, aside in moved), keys=keys)


def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, 1024 * 1024)
        writing.flush()
        os.fsync(writing.fileno())
