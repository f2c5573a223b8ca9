"""The app opens its window on a real X display (Xvfb, Qt's xcb platform), not only offscreen:
the libraries the xcb plugin loads are there (scripts/system-deps.sh installs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.app import PROBE_ENV, PROBE_PAINTED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb server on a free display number, for this test only."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is not installed: run `make system-deps` (apt-get install xvfb).")
    read_end, write_end = os.pipe()
    log = tmp_path / "xvfb.log"
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    with log.open("wb") as errors:
        server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                                   "-nolisten", "tcp"], pass_fds=(write_end,), stderr=errors)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            pytest.fail(f"Xvfb did not start: {log.read_text(errors='replace')}")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_python_m_workbench_demo_shows_its_window_on_an_x_display(x_display: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display, PROBE_ENV: PROBE_PAINTED,
           "WORKBENCH_DATA_DIR": str(tmp_path / "data")}
    env.pop("WORKBENCH_DATABASE", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "workbench", "--demo"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert "Could not load the Qt platform plugin" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["painted"], done.stdout + done.stderr
