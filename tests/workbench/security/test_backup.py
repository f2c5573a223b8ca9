"""`backup`: a consistent, encrypted, checked copy, renamed into place; and when one is due."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.engine import transaction
from db.models import AuditEvent, Child, Team
from tests.workbench.security.conftest import (
    CHILD_ID,
    add_child_with_note,
    assert_nothing_readable,
)
from workbench import backup as backup_module
from workbench.audit import AuditTrail, verify_chain
from workbench.audit_anchor import anchor_file_for
from workbench.backup import (
    BACKUP_ACTION,
    BackupNotPossible,
    backup_database,
    backup_due,
    last_backup_at,
    prune_backups,
    scheduled_backup_path,
)
from workbench.database import Database, open_database
from workbench.encryption import Unlocker, connect_raw
from workbench.errors import DiskFull
from workbench.keys import key_file_path
from workbench.secrets import SecretStore

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def database(db_path: Path) -> Database:
    opened = open_database(f"sqlite:///{db_path}", unlock=Unlocker.keyring(SecretStore()))
    yield opened
    opened.close()


def test_an_online_backup_is_encrypted_checked_and_holds_only_committed_work(
    database: Database, tmp_path: Path, clock: object
) -> None:
    audit = database.audit_trail(clock)
    add_child_with_note(database.db)
    dest = tmp_path / "backups" / "copy.db"
    backup_database(database, dest, audit=audit)  # recorded in the trail, then copied
    # Someone is half-way through a change while the next backup runs (and replaces the first);
    # it cannot add its own audit event while they hold the write lock, so it records none.
    busy = connect_raw(database.path, database.data_key)
    busy.execute("BEGIN")
    busy.execute("INSERT INTO child (la_child_id, created_at) VALUES ('NOT-YET-SAVED', '2026-11-26')")
    try:
        result = backup_database(database, dest)
    finally:
        busy.execute("COMMIT")
        busy.close()

    assert result.path == dest
    assert result.encrypted
    assert result.key_file == key_file_path(dest)
    assert result.key_file.read_bytes() == key_file_path(database.path).read_bytes()
    assert_nothing_readable(dest)
    # Beside the copy: its key file and its own audit anchor (the newest event it holds).
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.db", "copy.db.audit-anchor",
                                                            "copy.db.key"]

    restored = open_database(f"sqlite:///{dest}", unlock=Unlocker.keyring(SecretStore()))
    try:
        with restored.db() as s:
            assert s.scalars(select(Child.la_child_id)).all() == [CHILD_ID]
            assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert s.scalars(select(AuditEvent.action)).all() == [BACKUP_ACTION]
            assert verify_chain(s, database.audit_key()).ok
    finally:
        restored.close()


def test_a_failed_backup_leaves_the_previous_one_untouched(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_child_with_note(database.db)
    dest = tmp_path / "copy.db"
    backup_database(database, dest)
    before = dest.read_bytes()
    with transaction(database.db) as s:
        s.add(Team(name="Added later", name_key="added later"))

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(backup_module, "write_atomically", disk_full)
    with pytest.raises(DiskFull, match="disk is full"):
        backup_database(database, dest)
    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_plain_database_backs_up_plain_and_postgresql_is_refused(db_url: str, tmp_path: Path) -> None:
    database = open_database(db_url)
    try:
        add_child_with_note(database.db)
        if database.is_sqlite:
            result = backup_database(database, tmp_path / "plain-copy.db")
            assert not result.encrypted
            assert result.key_file is None
            assert CHILD_ID.encode() in result.path.read_bytes()
        else:
            with pytest.raises(BackupNotPossible, match="pg_dump"):
                backup_database(database, tmp_path / "copy.db")
    finally:
        database.close()


def test_backing_up_onto_the_database_itself_is_refused(database: Database) -> None:
    with pytest.raises(BackupNotPossible, match="other than the database"):
        backup_database(database, database.path)


def test_the_scheduled_backup_is_due_by_the_interval_and_the_last_backup(
    database: Database, tmp_path: Path, clock: object
) -> None:
    with database.db() as s:
        assert last_backup_at(s) is None
    assert backup_due(None, NOW, 24)
    backup_database(database, tmp_path / "b.db", audit=AuditTrail(clock, key=b"k" * 32))
    with database.db() as s:
        last = last_backup_at(s)
    assert last == clock()
    assert not backup_due(last, last + dt.timedelta(hours=23, minutes=59), 24)
    assert backup_due(last, last + dt.timedelta(hours=24), 24)
    assert not backup_due(None, NOW, 0), "0 turns the scheduled backup off"


def test_scheduled_backups_are_named_by_time_and_old_ones_pruned(tmp_path: Path) -> None:
    paths = [scheduled_backup_path(tmp_path, NOW + dt.timedelta(days=d)) for d in range(4)]
    assert paths[0] == tmp_path / "backups" / "workbench-20261126-100000.db"
    paths[0].parent.mkdir()
    for path in paths:
        path.write_bytes(b"x")
        key_file_path(path).write_bytes(b"k")
        anchor_file_for(path).write_bytes(b"{}")
    assert prune_backups(tmp_path, keep=2) == paths[:2]
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(
        [name for path in paths[2:] for name in
         (path.name, key_file_path(path).name, anchor_file_for(path).name)])
