"""The embedded database is encrypted at rest: file, WAL and conversion of old plain files."""

from __future__ import annotations

import logging
import os
import pickle
import sqlite3
import traceback
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import select

from db.models import Child, Reflection
from tests.workbench.security.conftest import (
    CHILD_ID,
    NOTE_WORDS,
    add_child_with_note,
    assert_nothing_readable,
    file_bytes,
)
from workbench import encryption
from workbench.database import Database, open_database
from workbench.encryption import KeyFileMissing, Unlocker, remember_in_keyring, set_database_passphrase
from workbench.errors import PassphraseRequired, WrongPassphrase
from workbench.keys import DataKey, KeyFileDamaged, Passphrase, ScryptCost, key_file_path
from workbench.secrets import SecretStore


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _note_is_there(database: Database) -> None:
    with database.db() as s:
        assert s.scalars(select(Child.la_child_id)).all() == [CHILD_ID]
        assert s.scalars(select(Reflection.what_happened)).one() == NOTE_WORDS


def test_new_database_file_and_its_wal_hold_no_readable_record(db_path: Path) -> None:
    database = open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore()))
    try:
        assert database.encrypted
        add_child_with_note(database.db)
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 0, "the write should still be in the WAL"
        assert_nothing_readable(db_path)
        _note_is_there(database)
    finally:
        database.close()
    assert_nothing_readable(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_a_plain_database_is_encrypted_on_first_open_and_nothing_plain_is_left(
    db_path: Path, cheap_cost: ScryptCost
) -> None:
    db_path.parent.mkdir(parents=True)
    plain = open_database(_url(db_path))
    add_child_with_note(plain.db)
    plain.close()
    assert CHILD_ID.encode() in file_bytes(db_path), "the old file really was plain"

    database = open_database(_url(db_path), unlock=Unlocker.with_passphrase("tide pool", cost=cheap_cost))
    try:
        _note_is_there(database)
        assert_nothing_readable(db_path)
    finally:
        database.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["workbench.db", "workbench.db.key"]
    assert_nothing_readable(db_path)


def test_a_conversion_cut_short_between_the_renames_is_finished_on_the_next_open(
    db_path: Path, cheap_cost: ScryptCost, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True)
    plain = open_database(_url(db_path))
    add_child_with_note(plain.db)
    plain.close()

    class PowerCut(Exception):
        pass

    real_replace = os.replace

    def replace_then_die(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == db_path:  # the encrypted copy's rename into place
            raise PowerCut
        real_replace(src, dst)

    unlocker = Unlocker.with_passphrase("tide pool", cost=cheap_cost)
    monkeypatch.setattr(encryption.os, "replace", replace_then_die)
    with pytest.raises(PowerCut):
        open_database(_url(db_path), unlock=unlocker)
    monkeypatch.setattr(encryption.os, "replace", real_replace)
    assert not db_path.exists(), "the crash left the plain file moved aside"

    database = open_database(_url(db_path), unlock=unlocker)
    try:
        _note_is_there(database)
    finally:
        database.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["workbench.db", "workbench.db.key"]
    assert_nothing_readable(db_path)


def test_a_conversion_cut_short_while_exporting_starts_again_from_the_plain_file(
    db_path: Path, cheap_cost: ScryptCost
) -> None:
    db_path.parent.mkdir(parents=True)
    plain = open_database(_url(db_path))
    add_child_with_note(plain.db)
    plain.close()
    db_path.with_name("workbench.db.encrypting").write_bytes(b"half an export")

    database = open_database(_url(db_path), unlock=Unlocker.with_passphrase("x y", cost=cheap_cost))
    try:
        _note_is_there(database)
    finally:
        database.close()
    assert not db_path.with_name("workbench.db.encrypting").exists()
    assert_nothing_readable(db_path)


def test_a_wrong_passphrase_is_refused_and_changes_nothing(db_path: Path, cheap_cost: ScryptCost) -> None:
    database = open_database(_url(db_path), unlock=Unlocker.with_passphrase("right one", cost=cheap_cost))
    add_child_with_note(database.db)
    database.close()
    before = {p.name: p.read_bytes() for p in db_path.parent.iterdir()}

    with pytest.raises(WrongPassphrase, match="does not unlock"):
        open_database(_url(db_path), unlock=Unlocker.with_passphrase("wrong one", cost=cheap_cost))
    assert {p.name: p.read_bytes() for p in db_path.parent.iterdir()} == before

    again = open_database(_url(db_path), unlock=Unlocker.with_passphrase("right one", cost=cheap_cost))
    try:
        _note_is_there(again)
    finally:
        again.close()


def test_a_wrong_raw_key_cannot_open_the_file(db_path: Path) -> None:
    database = open_database(_url(db_path), unlock=Unlocker.with_key(DataKey.generate()))
    add_child_with_note(database.db)
    database.close()
    before = db_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        open_database(_url(db_path), unlock=Unlocker.with_key(DataKey.generate()))
    assert db_path.read_bytes() == before


def test_an_encrypted_file_opened_without_unlocking_says_so(db_path: Path) -> None:
    open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore())).close()
    with pytest.raises(PassphraseRequired, match="encrypted"):
        open_database(_url(db_path))


def test_no_secure_keyring_and_no_passphrase_asks_for_one_and_writes_nothing(db_path: Path) -> None:
    insecure = SecretStore(FailKeyring())
    unlocker = Unlocker.keyring(insecure)
    assert unlocker.needs_passphrase(db_path)
    with pytest.raises(PassphraseRequired, match="WORKBENCH_PASSPHRASE"):
        open_database(_url(db_path), unlock=unlocker)
    assert not db_path.exists()
    assert not key_file_path(db_path).exists()


def test_the_passphrase_given_beside_the_keyring_is_a_second_way_in(
    db_path: Path, cheap_cost: ScryptCost
) -> None:
    keyring_store = SecretStore()
    first = open_database(_url(db_path), unlock=Unlocker.with_passphrase(
        "spare key", secrets=keyring_store, cost=cheap_cost))
    add_child_with_note(first.db)
    first.close()

    by_keyring = Unlocker.keyring(keyring_store)
    assert not by_keyring.needs_passphrase(db_path)
    open_database(_url(db_path), unlock=by_keyring).close()

    # Another computer: its keyring does not hold the wrapping key.
    elsewhere = SecretStore(service="another-install")
    assert Unlocker.keyring(elsewhere).needs_passphrase(db_path)
    with pytest.raises(PassphraseRequired):
        open_database(_url(db_path), unlock=Unlocker.keyring(elsewhere))
    database = open_database(_url(db_path), unlock=Unlocker.with_passphrase(
        "spare key", secrets=elsewhere, cost=cheap_cost))
    try:
        _note_is_there(database)
    finally:
        database.close()


def test_the_cli_takes_the_passphrase_from_the_environment(db_path: Path) -> None:
    insecure = SecretStore(FailKeyring())
    unlocker = Unlocker.from_environment(insecure, {"WORKBENCH_PASSPHRASE": "from the env"})
    assert unlocker.passphrase is not None
    assert unlocker.passphrase.reveal() == "from the env"
    assert not unlocker.needs_passphrase(db_path)
    assert Unlocker.from_environment(insecure, {}).passphrase is None


def test_a_missing_or_damaged_key_file_is_explained_and_the_database_left_alone(db_path: Path) -> None:
    database = open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore()))
    add_child_with_note(database.db)
    database.close()
    before = db_path.read_bytes()
    key_path = key_file_path(db_path)
    good_key_file = key_path.read_bytes()

    key_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KeyFileDamaged, match="backup"):
        open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore()))
    key_path.unlink()
    with pytest.raises(KeyFileMissing, match="key file is missing"):
        open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore()))
    assert db_path.read_bytes() == before
    assert not key_path.exists()

    key_path.write_bytes(good_key_file)
    open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore())).close()


def test_keys_never_show_in_reprs_messages_logs_or_tracebacks(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key = DataKey.generate()
    secret_hex = key.reveal().hex()
    unlocker = Unlocker.with_key(key)
    for shown in (repr(key), str(key), f"{key}", repr(unlocker), repr(Passphrase("hunter2")),
                  str(Passphrase("hunter2")), repr(key.derive("audit-chain"))):
        assert secret_hex not in shown
        assert "hunter2" not in shown
    with pytest.raises(TypeError):
        pickle.dumps(key)

    caplog.set_level(logging.DEBUG)
    database = open_database(_url(db_path), unlock=unlocker, echo=True)
    try:
        add_child_with_note(database.db)
        assert secret_hex not in repr(database)
        assert secret_hex not in str(database.engine.url)
    finally:
        database.close()
    assert "INSERT INTO child" in caplog.text, "statements were logged"
    assert secret_hex not in caplog.text

    wrong = DataKey.generate()
    with pytest.raises(WrongPassphrase) as caught:
        open_database(_url(db_path), unlock=Unlocker.with_key(wrong))
    told = "".join(traceback.format_exception(caught.value))
    assert wrong.reveal().hex() not in told
    assert secret_hex not in told


def test_a_passphrase_can_be_added_and_changed_and_the_keyring_taught_to_unlock(
    db_path: Path, cheap_cost: ScryptCost
) -> None:
    database = open_database(_url(db_path), unlock=Unlocker.keyring(SecretStore(), cost=cheap_cost))
    add_child_with_note(database.db)
    database.close()
    here = Unlocker.keyring(SecretStore(), cost=cheap_cost)

    set_database_passphrase(db_path, here, Passphrase("first words"))
    set_database_passphrase(db_path, here, Passphrase("second words"))
    elsewhere = SecretStore(service="another-install")
    with pytest.raises(WrongPassphrase):
        open_database(_url(db_path), unlock=Unlocker.with_passphrase("first words", secrets=elsewhere))
    by_passphrase = Unlocker.with_passphrase("second words", secrets=elsewhere)
    open_database(_url(db_path), unlock=by_passphrase).close()

    remember_in_keyring(db_path, by_passphrase, elsewhere)
    assert not Unlocker.keyring(elsewhere).needs_passphrase(db_path)
    database = open_database(_url(db_path), unlock=Unlocker.keyring(elsewhere))
    try:
        _note_is_there(database)
    finally:
        database.close()
