"""The embedded database, encrypted at rest with SQLCipher.

:class:`Unlocker` says how to get at the data key (keyring, passphrase, or a raw key) and
:func:`prepare_encrypted_file` makes the file ready to open: it unwraps or creates the key,
finishes an encryption that a crash interrupted, converts a plain database on first open,
and proves the key opens the file before anything else touches it.

Converting a plain file: ``ATTACH … KEY`` + ``sqlcipher_export`` into ``NAME.encrypting``,
an integrity check of the copy, then the plain file is moved aside, the copy renamed into
place, and the plain file overwritten with zeros before it is removed. A crash at any step
leaves either the plain file or the encrypted one whole; the next open finishes the job.
(Zeroing is best effort: SSDs and copy-on-write file systems may keep old blocks, so
full-disk encryption is still worth having.)

PostgreSQL is not encrypted here: the server, its disks and its backups are the team's to
protect (TLS, disk encryption, access rules).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import EnvironmentProblem, WrongPassphrase
from workbench.files import fsync_directory
from workbench.keys import (
    DataKey,
    KeyFile,
    Passphrase,
    ScryptCost,
    key_file_path,
)
from workbench.messages import translatable
from workbench.secrets import SecretStore

PASSPHRASE_ENV = "WORKBENCH_PASSPHRASE"
# The demo database holds synthetic data only; where no keyring unlocks it, this well-known
# passphrase does, so the demo opens without a prompt (it is encrypted all the same).
DEMO_PASSPHRASE = "demo team passphrase"
SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_NOTADB = 26


class KeyFileMissing(EnvironmentProblem):
    default_message = translatable(
        "workbench.encryption",
        "The database is encrypted but its key file is missing. Put the key file "
        "(NAME.db.key) back beside it, for example from the backup, and try again."
    )


@dataclass(frozen=True, repr=False)
class Unlocker:
    """How to unlock an encrypted embedded database.

    - ``secrets``: the OS keyring; used when it is secure (it unlocks without a prompt).
    - ``passphrase``: the database passphrase, needed where no secure keyring exists (and,
      if given when the database is first encrypted, kept as a second way in).
    - ``key``: a raw data key, with no key file at all (benchmarks, tools).
    """

    secrets: SecretStore | None = None
    passphrase: Passphrase | None = None
    key: DataKey | None = None
    cost: ScryptCost = field(default_factory=ScryptCost)

    @classmethod
    def keyring(cls, secrets: SecretStore, *, cost: ScryptCost | None = None) -> Unlocker:
        return cls(secrets=secrets, cost=cost or ScryptCost())

    @classmethod
    def with_passphrase(cls, passphrase: str | Passphrase, *, secrets: SecretStore | None = None,
                        cost: ScryptCost | None = None) -> Unlocker:
        if isinstance(passphrase, str):
            passphrase = Passphrase(passphrase)
        return cls(secrets=secrets, passphrase=passphrase, cost=cost or ScryptCost())

    @classmethod
    def with_key(cls, key: DataKey) -> Unlocker:
        """Open with this raw 256-bit key (the benchmark measures encryption this way)."""
        return cls(key=key)

    @classmethod
    def from_environment(cls, secrets: SecretStore | None,
                         environ: Mapping[str, str] | None = None) -> Unlocker:
        """For unattended use: the keyring, and WORKBENCH_PASSPHRASE if it is set."""
        environ = os.environ if environ is None else environ
        text = environ.get(PASSPHRASE_ENV)
        return cls(secrets=secrets, passphrase=Passphrase(text) if text else None)

    @classmethod
    def for_demo(cls, secrets: SecretStore | None, environ: Mapping[str, str] | None = None) -> Unlocker:
        """The demo database: keyring and WORKBENCH_PASSPHRASE, else the demo passphrase."""
        unlocker = cls.from_environment(secrets, environ) if secrets else cls()
        if unlocker.passphrase is None:
            unlocker = cls(secrets=secrets, passphrase=Passphrase(DEMO_PASSPHRASE))
        return unlocker

    def __repr__(self) -> str:
        return (f"Unlocker(keyring={self.secrets.describe() if self.secrets else None}, "
                f"passphrase={'<given>' if self.passphrase else None}, "
                f"key={'<given>' if self.key else None})")

    def needs_passphrase(self, database_path: Path) -> bool:
        """Whether opening ``database_path`` will need a passphrase the unlocker lacks.

        The UI asks this before opening, to show the passphrase box only when it is needed.
        """
        if self.key is not None or self.passphrase:
            return False
        key_path = key_file_path(database_path)
        if key_path.exists():
            return not KeyFile.load(key_path).keyring_can_unlock(self.secrets)
        return self.secrets is None or not self.secrets.is_secure()

    def data_key(self, database_path: Path) -> DataKey:
        """The data key for ``database_path``, making (and saving) one if there is none yet."""
        if self.key is not None:
            return self.key
        key_path = key_file_path(database_path)
        if key_path.exists():
            return KeyFile.load(key_path).unwrap(secrets=self.secrets, passphrase=self.passphrase)
        if file_kind(database_path) == "encrypted":
            raise KeyFileMissing()
        data_key = DataKey.generate()
        # The key file is on disk before a single page is encrypted with its key.
        KeyFile.create(data_key, secrets=self.secrets, passphrase=self.passphrase,
                       cost=self.cost).save(key_path)
        return data_key


def file_kind(path: Path) -> str:
    """"missing", "empty", "plain" (an unencrypted SQLite file) or "encrypted"."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing"
    if not header:
        return "empty"
    return "plain" if header == SQLITE_HEADER else "encrypted"


def connect_raw(path: Path, key: DataKey | None) -> Any:
    """A bare sqlcipher3 connection (autocommit), keyed when ``key`` is given."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), isolation_level=None, timeout=5.0)
    if key is not None:
        connection.execute(key.sqlcipher_pragma())
    connection.execute("PRAGMA cipher_log_level = NONE")  # no decrypt errors on stderr
    return connection


def check_key_opens(path: Path, key: DataKey) -> None:
    """Raise WrongPassphrase unless ``key`` opens the database at ``path``; changes nothing."""
    if file_kind(path) in ("missing", "empty"):
        return
    connection = connect_raw(path, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as error:
        if getattr(error, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            raise WrongPassphrase() from None
        raise
    finally:
        connection.close()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _shred(path: Path) -> None:
    """Overwrite ``path`` with zeros, flush, and remove it (best effort, see module notes)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with path.open("r+b") as handle:
        chunk = b"\0" * (1 << 20)
        left = size
        while left > 0:
            handle.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def _paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + ".encrypting"), path.with_name(path.name + ".plain-old")


def finish_interrupted_encryption(path: Path) -> None:
    """Complete or undo an encryption that a crash interrupted (see the module notes)."""
    encrypting, plain_old = _paths(path)
    if plain_old.exists():
        if not path.exists():
            # Crashed between the two renames: the encrypted copy was complete and synced.
            os.replace(encrypting, path)
            fsync_directory(path.parent)
        for sidecar in [plain_old, *_sidecars(plain_old)]:
            _shred(sidecar)
    elif encrypting.exists():
        # Crashed while exporting: the plain file is still whole; start again.
        for leftover in [encrypting, *_sidecars(encrypting)]:
            leftover.unlink(missing_ok=True)


def encrypt_plain_file(path: Path, key: DataKey) -> None:
    """Convert the plain SQLite database at ``path`` into an encrypted one, in place."""
    encrypting, plain_old = _paths(path)
    source = connect_raw(path, None)
    try:
        # Fold the WAL into the main file so the export and the shredding see everything.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Both bound as parameters: the key is not even part of the SQL text.
        source.execute("ATTACH DATABASE ? AS encrypted KEY ?",
                       (str(encrypting), f"x'{key.reveal().hex()}'"))
        source.execute("SELECT sqlcipher_export('encrypted')")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    copy = connect_raw(encrypting, key)
    try:
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        copy.execute("PRAGMA journal_mode = WAL")
    finally:
        copy.close()
    if result != "ok":
        encrypting.unlink(missing_ok=True)
        raise RuntimeError(f"the encrypted copy failed its integrity check: {result}")
    with encrypting.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(path, plain_old)
    os.replace(encrypting, path)
    fsync_directory(path.parent)
    for leftover in [plain_old, *_sidecars(plain_old), *_sidecars(path)]:
        _shred(leftover)


def prepare_encrypted_file(path: Path, unlocker: Unlocker) -> DataKey:
    """Get the data key for ``path`` and leave an encrypted database there that it opens."""
    path.parent.mkdir(parents=True, exist_ok=True)
    finish_interrupted_encryption(path)
    key = unlocker.data_key(path)
    if file_kind(path) == "plain":
        encrypt_plain_file(path, key)
    check_key_opens(path, key)
    return key


def set_database_passphrase(path: Path, unlocker: Unlocker, passphrase: Passphrase) -> None:
    """Let ``passphrase`` open the database at ``path`` (replacing any earlier passphrase).

    ``unlocker`` must open it now (keyring or the old passphrase). The data key itself does
    not change, so backups stay readable with the key file saved beside them at the time.
    """
    key_path = key_file_path(path)
    if not key_path.exists():
        raise KeyFileMissing()
    key_file = KeyFile.load(key_path)
    data_key = key_file.unwrap(secrets=unlocker.secrets, passphrase=unlocker.passphrase)
    check_key_opens(path, data_key)
    key_file.with_passphrase(data_key, passphrase, unlocker.cost).save(key_path)


def remember_in_keyring(path: Path, unlocker: Unlocker, secrets: SecretStore) -> None:
    """Let this computer's keyring open the database from now on (no prompt at start)."""
    key_path = key_file_path(path)
    if not key_path.exists():
        raise KeyFileMissing()
    key_file = KeyFile.load(key_path)
    data_key = key_file.unwrap(secrets=unlocker.secrets, passphrase=unlocker.passphrase)
    check_key_opens(path, data_key)
    key_file.with_keyring(data_key, secrets).save(key_path)


def engine_options(key: DataKey) -> dict[str, Any]:
    """What :func:`db.engine.make_engine` needs to open an encrypted file with ``key``."""
    import sqlcipher3

    return {
        "sqlite_module": sqlcipher3,
        # The key goes first, on every new connection; it is never part of the URL.
        "first_statements": (key.sqlcipher_pragma(), "PRAGMA cipher_log_level = NONE"),
    }
