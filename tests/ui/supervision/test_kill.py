"""Nothing lost: the real app (`python -m workbench`, a separate process) is killed with SIGKILL
while someone is typing into the draft; restarted, it reopens the draft where it was left,
holding everything typed more than two seconds before the kill."""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from db.engine import transaction
from db.enums import CaseKind, Role
from db.models import CaseAllocation, CaseDiscussion, Child, Staff, Team
from tests.ui.supervision.app_driver import TEXT
from workbench.audit import AuditTrail
from workbench.clock import system_clock
from workbench.database import open_database
from workbench.keys import Passphrase, ScryptCost
from workbench.names import fold_name
from workbench.signin import set_passphrase
from workbench.supervision.agenda import propose_agenda
from workbench.supervision.context import SupervisionContext
from workbench.supervision.sessions import start_session

ROOT = Path(__file__).resolve().parents[3]
MANAGER = "Ann Manager"
PASSPHRASE = "ann manager's own passphrase"
WAIT_S = 120
LOST_AT_MOST_S = 2.0
TYPE_AT_LEAST = 100  # keys typed before the kill (about four seconds of typing)


def draft_database(url: str) -> int:
    """A team with one worker and two children, and a draft session about them (started
    through the services, as the app would); returns the first child's discussion id."""
    database = open_database(url)
    try:
        with transaction(database.db) as s:
            team = Team(name="North", name_key="north")
            manager = Staff(name=MANAGER, name_key=fold_name(MANAGER), role=Role.TEAM_MANAGER, team=team)
            worker = Staff(name="Bo Worker", name_key=fold_name("Bo Worker"), role=Role.WORKER, team=team)
            s.add_all([team, manager, worker])
            for number in (1, 2):
                s.add(CaseAllocation(child=Child(la_child_id=f"K-{number}"), worker=worker, team=team,
                                     kind=CaseKind.CHILD_IN_NEED, start_date=dt.date(2026, 1, number),
                                     key_dates={}, details={}))
            s.flush()
            manager_id, worker_id = manager.id, worker.id
        audit = AuditTrail(system_clock)
        set_passphrase(database.db, audit, actor=None, staff_id=manager_id,
                       passphrase=Passphrase(PASSPHRASE), cost=ScryptCost(n=2**10))
        ctx = SupervisionContext(database.db, audit, system_clock, manager_id)
        an_hour_ago = system_clock() - dt.timedelta(hours=1)
        started = start_session(ctx, supervisee_id=worker_id, meeting_at=an_hour_ago, duration_minutes=60,
                                present=["Ann Manager", "Bo Worker"], agenda=propose_agenda(ctx, worker_id))
        return started.discussion_ids[0]
    finally:
        database.close()


def run_driver(mode: str, url: str, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_DATA_DIR": str(data),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "WORKBENCH_AUDIT_KEY": "ab" * 32,  # a plain file with no keyring: the team's audit key
           "WORKBENCH_SIGN_IN_PASSPHRASE": PASSPHRASE}
    env.pop("WORKBENCH_DATABASE", None)
    env.pop("WORKBENCH_STARTUP_PROBE", None)
    return subprocess.Popen([sys.executable, "-m", "tests.ui.supervision.app_driver", mode, url,
                             "--sign-in", MANAGER],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def read_lines(app: subprocess.Popen[str]) -> tuple[queue.Queue[str | None], threading.Thread]:
    """The app's output lines as they come (None at the end), so the test can stop waiting."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert app.stdout is not None
        for line in app.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


def saved_harm(url: str, discussion_id: int) -> str:
    database = open_database(url, migrate=False)
    try:
        with database.db() as s:
            answer = s.get_one(CaseDiscussion, discussion_id).answers.get("harm", "")
            return str(answer)
    finally:
        database.close()


@pytest.mark.slow
def test_killing_the_app_while_typing_loses_at_most_the_last_two_seconds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    discussion_id = draft_database(url)
    data = tmp_path / "data"

    app = run_driver("type", url, data)
    lines, reader = read_lines(app)
    typed_at: list[float] = []  # when each key was typed (monotonic, the same clock in both processes)
    try:
        while len(typed_at) < TYPE_AT_LEAST:
            line = lines.get(timeout=WAIT_S)
            if line is None:
                pytest.fail("the app stopped before typing")
            if line.startswith("typed "):
                _, count, at = line.split()
                typed_at.append(float(at))
                assert int(count) == len(typed_at)
        killed_at = time.monotonic()
        os.kill(app.pid, signal.SIGKILL)
    finally:
        app.kill()
        app.wait(30)
        reader.join(30)  # the output ends with the process
        assert app.stdout is not None
        app.stdout.close()
    assert app.returncode == -signal.SIGKILL

    safe = sum(1 for at in typed_at if at <= killed_at - LOST_AT_MOST_S)
    assert safe >= TYPE_AT_LEAST // 3  # a good part was typed more than two seconds before
    saved = saved_harm(url, discussion_id)
    assert TEXT.startswith(saved)  # what was saved is what was typed, in order
    assert len(saved) >= safe, (f"{safe} keys were typed more than {LOST_AT_MOST_S} s before the "
                                f"kill, but only {len(saved)} were saved")

    again = run_driver("read", url, data)
    try:
        out, _err = again.communicate(timeout=WAIT_S)
    finally:
        again.kill()
    assert again.returncode == 0
    reopened = json.loads(out.strip().splitlines()[-1])
    # Reopened where it was left (the first child's harm question), holding what was saved.
    assert reopened["place"] == {"page": "discussion", "discussion_id": discussion_id,
                                 "step": "section:worried"}
    assert reopened["harm"] == saved
