"""Files written whole: private, and never half-written (the old file stays when a write fails)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench import files
from workbench.files import write_atomically


def test_a_file_is_written_private_and_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "new folder" / "key.pem"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["key.pem"]  # no temporary file left
    shared = tmp_path / "note.txt"
    write_atomically(shared, b"x", mode=0o644)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "anchor.txt"
    write_atomically(target, b"kept")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"lost")
    monkeypatch.undo()
    assert target.read_bytes() == b"kept"
    assert os.listdir(tmp_path) == ["anchor.txt"]
