"""The real entry point, in a fresh process: it paints first, loads the caseload, and has not
paid for the heavy libraries (charts, PDF, signing, spreadsheets) by then."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from db.engine import DbFactory
from db.models import AuditEvent, Staff
from tests.conftest import FixedClock
from workbench.audit import AuditTrail
from workbench.keys import Passphrase, ScryptCost
from workbench.signin import set_passphrase

HEAVY = ("matplotlib", "pyhanko", "openpyxl", "reportlab", "python_calamine")

# `python -m workbench ARGS`, then a look at what was imported on the way.
SCRIPT = f"""
import json, runpy, sys
sys.argv[0] = "workbench"
try:
    runpy.run_module("workbench", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    status = exit.code
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))
print("heavy " + json.dumps(heavy), flush=True)
sys.exit(status)
"""

ROOT = Path(__file__).resolve().parents[2]


def _staff_id(db: DbFactory, name: str) -> int:
    with db() as s:
        return s.scalars(select(Staff.id).where(Staff.name == name)).one()


def run_app(*args: str, tmp_path: Path,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_STARTUP_PROBE": "1",
           "WORKBENCH_DATA_DIR": str(tmp_path / "data"), **(env or {})}
    env.pop("WORKBENCH_DATABASE", None)
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_python_m_workbench_paints_then_shows_the_caseload_without_heavy_imports(
    db_url: str, caseload: dict[str, int], db: DbFactory, tmp_path: Path,
    clock: FixedClock,
) -> None:
    manager = _staff_id(db, "North Team Manager")
    set_passphrase(db, AuditTrail(clock), actor=None, staff_id=manager,
                   passphrase=Passphrase("north manager's passphrase"), cost=ScryptCost(n=2**10))
    # A database whose chain key is not derived from its own key: the team's key, from the
    # environment where there is no keyring (without it the app would not open: see below).
    done = run_app("--database", db_url, "--sign-in", "North Team Manager", tmp_path=tmp_path,
                   env={"WORKBENCH_SIGN_IN_PASSPHRASE": "north manager's passphrase",
                        "WORKBENCH_AUDIT_KEY": "ab" * 32,
                        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["painted", "ready 5"], done.stdout + done.stderr
    # painted: the window paints before the database is even opened;
    # ready 5: signed in as North's manager, North Team's open cases are in the table.
    assert json.loads(lines[2].removeprefix("heavy ")) == []


def _message_shown(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the app, answer the message box it ends with, and return the run and the message."""
    script = SCRIPT.replace("try:\n", (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMessageBox\n"
        "def answer():\n"
        "    box = next((w for w in QApplication.topLevelWidgets()\n"
        "                if isinstance(w, QMessageBox) and w.isVisible()), None)\n"
        "    if box is None:\n"
        "        QTimer.singleShot(20, answer)\n"
        "        return\n"
        "    print('message ' + box.text().replace(chr(10), ' '), flush=True)\n"
        "    box.button(QMessageBox.StandardButton.Close).click()\n"
        "QTimer.singleShot(0, answer)\n"
        "try:\n"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    env.pop("WORKBENCH_DATABASE", None)
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    return done, next(line for line in done.stdout.splitlines() if line.startswith("message "))


def test_without_the_audit_key_the_app_says_what_to_set_and_records_nothing(
    db_url: str, caseload: dict[str, int], db: DbFactory, tmp_path: Path,
) -> None:
    with db() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    _, message = _message_shown("--database", db_url, env={
        "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert "WORKBENCH_AUDIT_KEY" in message
    assert "Nothing is recorded unsealed" in message
    with db() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_database_that_cannot_be_opened_ends_with_a_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    # A PostgreSQL server that is not running (nothing listens on port 9).
    url = "postgresql://nobody:hunter2@127.0.0.1:9/supervision"
    done, message = _message_shown("--database", url, env={"WORKBENCH_DATA_DIR": str(tmp_path)})
    assert "Could not open the database at postgresql://nobody" in message
    assert "127.0.0.1:9/supervision" in message
    assert "Check that the server is running" in message
    assert "hunter2" not in done.stdout + done.stderr
