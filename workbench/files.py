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
