"""What the workbench writes is its owner's alone: data and backup folders 0700, files 0600,
whatever the umask of the shell that started it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def _run(*args: str, data: Path) -> None:
    environ = {**os.environ, "WORKBENCH_DATA_DIR": str(data),
               "WORKBENCH_PASSPHRASE": "a long test passphrase",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    environ.pop("WORKBENCH_DATABASE", None)
    subprocess.run([sys.executable, "-m", "workbench", *args], env=environ, check=True,
                   capture_output=True, text=True, timeout=120,
                   preexec_fn=lambda: os.umask(0o022))  # a shell that shares by default


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_key_and_its_backups_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _run("audit", "verify", data=data)
    backup = tmp_path / "usb" / "nightly" / "workbench.db"
    _run("backup", str(backup), data=data)

    assert _mode(data) == 0o700
    assert _mode(backup.parent) == 0o700
    written = [p for folder in (data, backup.parent) for p in folder.iterdir() if p.is_file()]
    assert {p.name for p in written} >= {"workbench.db", "workbench.db.key", "workbench.db.audit-anchor"}
    assert {p.name: _mode(p) for p in written} == {p.name: 0o600 for p in written}


def test_a_data_folder_left_open_by_an_older_version_is_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    _run("audit", "verify", data=data)
    assert _mode(data) == 0o700
