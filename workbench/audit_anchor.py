"""The audit chain's head, anchored outside the database.

The chain (:mod:`workbench.audit`) catches an edited, inserted or reordered event, but not on
its own a tail cut off, a database rolled back to an older copy, or a chain re-sealed by
someone who can derive its key: each of those leaves a chain that is whole in itself. So every
computer that appends events remembers the newest one it committed (its id and mac) outside
the database, and :func:`workbench.audit.verify_chain` checks that event is still there with
the same seal.

Where the anchor lives: in the OS keyring where a secure one exists (out of reach of whoever
only holds the database file and its key), otherwise in a file beside the embedded database
(it still catches a file swapped for an older copy, not someone who edits both; README, "Trust
model"). Every backup carries its own anchor file, so a restored backup starts from its own.

An anchor only ever moves forward: a crash between commit and anchor leaves it one step behind,
which verification accepts (the anchored event is still in the chain), never ahead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from workbench.files import write_atomically

if TYPE_CHECKING:
    from workbench.database import Database
    from workbench.secrets import SecretStore

ANCHOR_SUFFIX = ".audit-anchor"


@dataclass(frozen=True)
class Checkpoint:
    """The newest audit event a computer committed: its id and its mac."""

    event_id: int
    mac: str

    def to_text(self) -> str:
        return json.dumps({"event_id": self.event_id, "mac": self.mac}, sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Checkpoint | None:
        """The checkpoint in ``text``; None when it is not one (an unreadable anchor is no anchor)."""
        try:
            data = json.loads(text)
            event_id, mac = data["event_id"], data["mac"]
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(event_id, int) or not isinstance(mac, str):
            return None
        return cls(event_id, mac)


class AnchorStore(Protocol):
    """Where a checkpoint is kept outside the database."""

    def load(self) -> Checkpoint | None: ...

    def save(self, checkpoint: Checkpoint) -> None: ...

    def clear(self) -> None: ...


def advance(store: AnchorStore, checkpoint: Checkpoint) -> None:
    """Move ``store`` forward to ``checkpoint`` (never back to an older event)."""
    current = store.load()
    if current is None or checkpoint.event_id > current.event_id:
        store.save(checkpoint)


@dataclass
class KeyringAnchor:
    """The anchor in the OS keyring, one entry per database."""

    secrets: SecretStore
    entry: str

    def load(self) -> Checkpoint | None:
        stored = self.secrets.get(self.entry)
        return None if stored is None else Checkpoint.from_text(stored)

    def save(self, checkpoint: Checkpoint) -> None:
        self.secrets.set(self.entry, checkpoint.to_text())

    def clear(self) -> None:
        self.secrets.delete(self.entry)


@dataclass
class FileAnchor:
    """The anchor in a file (beside the embedded database, or beside a backup)."""

    path: Path

    def load(self) -> Checkpoint | None:
        try:
            return Checkpoint.from_text(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def save(self, checkpoint: Checkpoint) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, checkpoint.to_text().encode("utf-8"))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def anchor_file_for(database_file: Path) -> Path:
    return database_file.with_name(database_file.name + ANCHOR_SUFFIX)


def database_label(database: Database) -> str:
    """How the keyring names this database: its file, or its server address without password."""
    if database.path is not None:
        return str(database.path)
    url = database.engine.url.set(password=None, drivername=database.engine.url.get_backend_name())
    return url.render_as_string(hide_password=True)


def anchor_for(database: Database, secrets: SecretStore) -> AnchorStore | None:
    """The anchor this computer keeps for ``database``: the keyring where it is secure, else a
    file beside the embedded database; None for a server database on a computer with no
    secure keyring (nowhere outside the database to keep it)."""
    if database.path is not None:
        return anchor_for_file(database.path, secrets)
    if secrets.is_secure():
        return KeyringAnchor(secrets, f"audit-anchor:{database_label(database)}")
    return None


def anchor_for_file(database_file: Path, secrets: SecretStore) -> AnchorStore:
    """The anchor of the embedded database at ``database_file`` (which need not be open)."""
    if secrets.is_secure():
        return KeyringAnchor(secrets, f"audit-anchor:{database_file}")
    return FileAnchor(anchor_file_for(database_file))


def start_from_backup(database_file: Path, backup: Path, secrets: SecretStore) -> Checkpoint | None:
    """After a restore, the database's anchor is the backup's own (or none, for a backup made
    before backups carried one): the restored copy is older than the anchor on purpose."""
    store = anchor_for_file(database_file, secrets)
    carried = FileAnchor(anchor_file_for(backup)).load()
    if carried is None:
        store.clear()
    else:
        store.save(carried)
    return carried
