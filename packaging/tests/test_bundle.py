"""The built app bundle (`make package` builds dist/workbench, then runs this).

Not part of `make test`: building the bundle takes minutes. This test fails, never skips,
when there is no bundle to start.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "workbench"
EXECUTABLE = BUNDLE / ("workbench.exe" if os.name == "nt" else "workbench")


def _run(*args: str, tmp_path: Path, probe: str | None = None) -> subprocess.CompletedProcess[str]:
    """The bundle run with ``args``; ``probe`` "1" quits once the caseload is shown, "painted"
    at the window's first paint (ui.app, WORKBENCH_STARTUP_PROBE)."""
    assert EXECUTABLE.exists(), f"no bundle at {EXECUTABLE}: run `make package`"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
           "WORKBENCH_LOG_DIR": str(tmp_path / "logs"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("PYTHONPATH", None)  # the bundle carries its own Python and packages
    if probe:
        env["WORKBENCH_STARTUP_PROBE"] = probe
    return subprocess.run([str(EXECUTABLE), *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, check=False)


def test_the_bundle_opens_its_window_and_shows_the_demo_caseload(tmp_path: Path) -> None:
    done = _run("--demo", "--sign-in", "Demo Manager Cedar", tmp_path=tmp_path, probe="1")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line]
    # painted: the main window was shown; ready N: the manager's caseload is in its table.
    assert lines[0] == "painted", done.stdout
    assert lines[1].startswith("ready "), done.stdout
    assert int(lines[1].split()[1]) > 0, done.stdout


def test_the_bundle_starts_in_british_english_from_its_compiled_catalogue(tmp_path: Path) -> None:
    assert EXECUTABLE.exists(), f"no bundle at {EXECUTABLE}: run `make package`"
    assert list(BUNDLE.rglob("workbench_en_GB.qm")), "the en_GB catalogue is not in the bundle"
    done = _run("--demo", tmp_path=tmp_path, probe="painted")
    assert done.returncode == 0, done.stderr[-2000:]
    log = (tmp_path / "logs" / "workbench.log").read_text(encoding="utf-8")
    loaded = [line for line in log.splitlines() if "translations: en_GB from" in line]
    # Loaded from the bundle's own catalogue, not compiled (the bundle has no lrelease).
    assert loaded, log
    assert loaded[0].endswith("workbench_en_GB.qm"), loaded
    assert str(BUNDLE) in loaded[0], loaded
    assert "catalogue" not in " ".join(line for line in log.splitlines() if "WARNING" in line), log


def test_the_bundle_runs_the_command_line_too(tmp_path: Path) -> None:
    # The demo is built by the bundle's own migrations (alembic reads them from the bundle).
    built = _run("--demo", "demo", "--no-pdfs", tmp_path=tmp_path)
    assert built.returncode == 0, built.stderr[-2000:]
    listed = _run("--demo", "--as", "Demo Manager Cedar", "caseload", "--worker", "Demo Worker Ash",
                  tmp_path=tmp_path)
    assert listed.returncode == 0, listed.stderr[-2000:]
    first, *cases = listed.stdout.splitlines()
    assert first.startswith("Demo Worker Ash (Demo Team North):"), listed.stdout
    assert cases, listed.stdout
    assert all("Demo Team North" in line for line in cases), listed.stdout
