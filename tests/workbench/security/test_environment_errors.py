"""Environment errors are not crashes: each gets its message, and nothing saved is lost."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked
from sqlalchemy import create_engine, event, select, text

from db.engine import transaction
from db.models import Child, Reflection
from tests.support.postgres import PostgresServer, start_server
from tests.workbench.security.conftest import CHILD_ID, NOTE_WORDS, add_child_with_note
from workbench import keys
from workbench.database import Database, open_database
from workbench.encryption import Unlocker, connect_raw
from workbench.errors import (
    DatabaseLocked,
    DiskFull,
    KeyringUnavailable,
    ServerGone,
    WrongPassphrase,
    classify,
    environment_errors,
)
from workbench.keys import DataKey, key_file_path
from workbench.secrets import SecretStore

UNSAVED = "the manager's half-typed note about the visit on Tuesday"


def _children(database: Database) -> list[str]:
    with database.db() as s:
        return sorted(s.scalars(select(Child.la_child_id)))


def _notes(database: Database) -> list[str]:
    with database.db() as s:
        return sorted(s.scalars(select(Reflection.what_happened)))


def _on_new_connections(database: Database, statement: str) -> Any:
    """Run ``statement`` on every connection opened from now on (the pool is emptied first)."""
    def apply(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(statement)

    event.listen(database.engine, "connect", apply)
    database.engine.dispose()
    return apply


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = open_database(f"sqlite:///{db_path}", unlock=Unlocker.with_key(DataKey.generate()))
    add_child_with_note(opened.db)
    yield opened
    opened.close()


def test_a_locked_database_says_so_and_the_change_can_be_made_once_it_is_free(database: Database) -> None:
    _on_new_connections(database, "PRAGMA busy_timeout = 100")
    other = connect_raw(database.path, database.data_key)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked, match="another copy of the workbench") as caught, \
                environment_errors():
            add_child_with_note(database.db, child_id="C-2", note=UNSAVED)
        assert "try again" in caught.value.user_message
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _children(database) == [CHILD_ID]
    add_child_with_note(database.db, child_id="C-2", note=UNSAVED)  # the kept text, saved now
    assert _notes(database) == sorted([NOTE_WORDS, UNSAVED])


def test_a_full_disk_says_so_and_keeps_everything_already_saved(database: Database) -> None:
    with database.db() as s:
        pages = s.execute(text("PRAGMA page_count")).scalar_one()
    limit = _on_new_connections(database, f"PRAGMA max_page_count = {pages + 2}")
    big_note = UNSAVED * 2000  # ~100 kB: more pages than are left
    with pytest.raises(DiskFull, match="disk is full"), environment_errors():
        add_child_with_note(database.db, child_id="C-2", note=big_note)
    with database.db() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    assert _notes(database) == [NOTE_WORDS]

    event.remove(database.engine, "connect", limit)
    database.engine.dispose()
    add_child_with_note(database.db, child_id="C-2", note=big_note)
    assert _notes(database) == sorted([NOTE_WORDS, big_note])


def test_a_full_disk_while_encrypting_an_old_file_leaves_it_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True)
    plain = open_database(f"sqlite:///{db_path}")
    add_child_with_note(plain.db)
    plain.close()
    before = db_path.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keys.os, "fsync", no_space)
    with pytest.raises(DiskFull, match="Free some space"):
        open_database(f"sqlite:///{db_path}", unlock=Unlocker.keyring(SecretStore()))
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["workbench.db"]

    monkeypatch.undo()
    database = open_database(f"sqlite:///{db_path}", unlock=Unlocker.keyring(SecretStore()))
    try:
        assert _notes(database) == [NOTE_WORDS]
    finally:
        database.close()


class LockedKeyring(KeyringBackend):
    """A desktop keyring the user has not unlocked."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the collection is locked")


def test_a_keyring_that_will_not_open_says_so_and_changes_nothing(db_path: Path) -> None:
    database = open_database(f"sqlite:///{db_path}", unlock=Unlocker.keyring(SecretStore()))
    add_child_with_note(database.db)
    database.close()
    before = db_path.read_bytes(), key_file_path(db_path).read_bytes()
    with pytest.raises(KeyringUnavailable, match="could not be opened"):
        open_database(f"sqlite:///{db_path}", unlock=Unlocker.keyring(SecretStore(LockedKeyring())))
    assert (db_path.read_bytes(), key_file_path(db_path).read_bytes()) == before
    assert isinstance(classify(KeyringLocked("locked")), KeyringUnavailable)


def test_raw_driver_errors_are_told_apart_from_bugs(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x13" * 4096)  # not a database, or encrypted with another key
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master")
    assert isinstance(classify(caught.value), WrongPassphrase)
    assert isinstance(classify(OSError(errno.ENOSPC, "full")), DiskFull)
    assert classify(ValueError("a bug")) is None
    with pytest.raises(ValueError, match="a bug"), environment_errors():
        raise ValueError("a bug")


# -- a PostgreSQL server that goes away -------------------------------------------------

def _pg_ctl(server: PostgresServer, *args: str) -> None:
    server._run("pg_ctl", "-D", str(server.root / "data"), *args)


def _restart(server: PostgresServer) -> None:
    sockets = server.root / "sockets"
    options = (f"-p {server.port} -k {sockets} -c listen_addresses=127.0.0.1 "
               "-c fsync=off -c full_page_writes=off")
    _pg_ctl(server, "-o", options, "-l", str(sockets / "log"), "-w", "-t", "30", "start")


@pytest.fixture
def throwaway_server() -> Iterator[PostgresServer]:
    """A second server of our own, which the test stops and starts again."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


def test_a_postgresql_server_that_went_away_is_reported_and_nothing_saved_is_lost(
    throwaway_server: PostgresServer
) -> None:
    admin = create_engine(throwaway_server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE records"))
    admin.dispose()
    database = open_database(throwaway_server.url("records"))
    try:
        add_child_with_note(database.db)
        with database.db() as s:
            s.execute(text("SELECT 1"))  # a pooled connection the stop will cut
        # "fast": the server ends every session and shuts down, as when it is restarted under
        # us. (This throw-away server runs with synchronous_commit=off, so an "immediate"
        # stop would lose its own last commits, which proves nothing about the workbench.)
        _pg_ctl(throwaway_server, "-m", "fast", "stop")

        with pytest.raises(ServerGone, match="connection to the database server was lost"), \
                environment_errors(), transaction(database.db) as s:
            s.add(Child(la_child_id="C-2"))
        with pytest.raises(ServerGone), environment_errors():  # and when it cannot even connect
            add_child_with_note(database.db, child_id="C-2", note=UNSAVED)

        _restart(throwaway_server)
        assert _notes(database) == [NOTE_WORDS], "everything committed before survived"
        add_child_with_note(database.db, child_id="C-2", note=UNSAVED)  # the app carries on
        assert _notes(database) == sorted([NOTE_WORDS, UNSAVED])
    finally:
        database.close()
