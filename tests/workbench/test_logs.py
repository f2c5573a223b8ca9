"""The log and crash files: in the platform's log folder (here a temporary one), and a crash
the interpreter cannot survive still leaves its traceback in the crash file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.logs import CRASH_FILE, LOG_DIR_ENV, log_dir

CRASH_SCRIPT = """
import faulthandler, logging
from workbench.logs import start_logging
files = start_logging()
logging.getLogger("workbench.crash_test").info("about to crash")
faulthandler._sigsegv()
"""


def test_the_log_folder_is_private_and_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    assert log_dir() == tmp_path / "logs"
    assert (tmp_path / "logs").stat().st_mode & 0o077 == 0


def test_a_hard_crash_leaves_its_traceback_in_the_crash_file(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    env = {**os.environ, LOG_DIR_ENV: str(folder)}
    done = subprocess.run([sys.executable, "-c", CRASH_SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode != 0
    crash = (folder / CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash
    assert "<module>" in crash  # where it was, as a Python traceback
    assert "about to crash" in (folder / "workbench.log").read_text(encoding="utf-8")
