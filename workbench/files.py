"""Writing a file so that a crash leaves either the old file or the new one, never half of each.

Every file the workbench writes whole (keys, certificates, the audit anchor, exported PDFs, the
place in a session) goes through :func:`write_atomically`: a private temporary file beside the
target, flushed to disk, renamed over it, and the rename itself made durable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Owner read and write only: the files hold keys or records about children.
PRIVATE = 0o600


def write_atomically(path: Path, data: bytes, *, mode: int = PRIVATE) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it (created ``mode``,
    private by default), flushed and fsynced, renamed over ``path``; the folder is created if
    missing and fsynced after the rename. On any failure the temporary file is removed and
    ``path`` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if mode != PRIVATE:  # mkstemp makes it private
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes, *, mode: int = PRIVATE) -> Path:
    """Write ``data`` under ``path``'s name, or under ``name (2).ext``, ``name (3).ext``… when a
    different file already has it: an existing file is never replaced (two exports into one
    folder, two children whose ids make the same name). A file already holding exactly
    ``data`` is that file (exporting the same record again). Returns where the data is.

    Written like :func:`write_atomically` (private, flushed, never half a file); the name is
    claimed with a hard link, which fails if another writer took it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if mode != PRIVATE:
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        number = 1
        while True:
            candidate = path if number == 1 else path.with_name(f"{path.stem} ({number}){path.suffix}")
            if _claim(tmp, candidate):
                break
            if _holds(candidate, data):
                break
            number += 1
    finally:
        tmp.unlink(missing_ok=True)
    fsync_directory(path.parent)
    return candidate


def _claim(tmp: Path, candidate: Path) -> bool:
    """Give ``tmp``'s content the name ``candidate`` unless something already has that name."""
    try:
        os.link(tmp, candidate)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: check, then rename (not race-free)
        if candidate.exists():
            return False
        os.replace(tmp, candidate)
    return True


def _holds(candidate: Path, data: bytes) -> bool:
    try:
        return (candidate.is_file() and candidate.stat().st_size == len(data)
                and candidate.read_bytes() == data)
    except OSError:
        return False
