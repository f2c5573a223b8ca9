"""The keys folder in a backup: its certificates and encrypted keys, as one tar beside the database.

Without the keys folder a restored database still verifies what was signed (the certificates
are in it), but nobody can sign again and the signing authority cannot issue identities. So a
backup writes ``DEST.keys.tar`` beside ``DEST``: every ``*.pem`` under ``authority/`` and
``identities/``. Nothing in it is usable alone: private keys are encrypted (PKCS#8), by a
passphrase or by a random secret kept in the keyring of the computer that made them.

A restore adds the archive's files to the keys folder and never overwrites one: files are named
by certificate fingerprint, so a file of the same name is the same certificate.
"""

from __future__ import annotations

import io
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import EnvironmentProblem
from workbench.files import write_atomically
from workbench.messages import translatable

#: The files a keys archive may hold (anything else in the folder, or the archive, is left out).
_MEMBER = re.compile(r"^(authority|identities)/[A-Za-z0-9._-]+\.pem$")


class KeysArchiveDamaged(EnvironmentProblem):
    default_message = translatable(
        "workbench.keys_backup",
        "The keys archive beside the backup is damaged or not a workbench keys archive; the keys "
        "folder was not changed. Use another backup's DEST.keys.tar."
    )


def keys_archive_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".keys.tar")


@dataclass(frozen=True)
class KeysRestored:
    added: int
    already_there: int


def archive_keys(keys_dir: Path, dest: Path) -> int:
    """Write the keys folder's certificates and encrypted keys to ``dest`` (atomically); returns
    how many files it holds. An absent keys folder gives an empty archive."""
    buffer = io.BytesIO()
    count = 0
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        if keys_dir.is_dir():
            for path in sorted(keys_dir.rglob("*.pem")):
                name = path.relative_to(keys_dir).as_posix()
                if not _MEMBER.match(name) or not path.is_file():
                    continue
                data = path.read_bytes()
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
                count += 1
    write_atomically(dest, buffer.getvalue())
    return count


def read_keys_archive(archive: Path) -> dict[str, bytes]:
    """The archive's files by relative path, refusing anything that is not a keys-folder file."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(archive, mode="r:") as tar:
            for member in tar.getmembers():
                if not member.isfile() or not _MEMBER.match(member.name):
                    raise KeysArchiveDamaged(translatable(
                        "workbench.keys", "The keys archive holds %1, which is not a key or certificate "
                                          "file; the keys folder was not changed.").arg(repr(member.name)))
                handle = tar.extractfile(member)
                if handle is None:
                    raise KeysArchiveDamaged()
                files[member.name] = handle.read()
    except (tarfile.TarError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise KeysArchiveDamaged() from error
    return files


def restore_keys(files: dict[str, bytes], keys_dir: Path) -> KeysRestored:
    """Add ``files`` (from :func:`read_keys_archive`) to ``keys_dir``, never overwriting one."""
    added = already = 0
    for name, data in sorted(files.items()):
        target = keys_dir / name
        if target.exists():
            already += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)  # a private (0600) temporary file, renamed into place
        added += 1
    return KeysRestored(added=added, already_there=already)
