"""Crash-proof: a writer killed (SIGKILL) at random moments loses no acknowledged write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.models import Team
from tests.workbench.security.crash_writer import AUDIT_KEY
from workbench.audit import verify_chain
from workbench.database import open_database
from workbench.encryption import Unlocker
from workbench.keys import DataKey

ROOT = Path(__file__).resolve().parents[3]
RUNS = 20


@pytest.mark.slow
def test_every_acknowledged_write_survives_twenty_kills(db_path: Path) -> None:
    key = DataKey.generate()
    open_database(f"sqlite:///{db_path}", unlock=Unlocker.with_key(key)).close()  # migrated once
    rng = random.Random(20261126)
    acknowledged: set[int] = set()
    killed = 0
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.workbench.security.crash_writer", str(db_path), key.reveal().hex()],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert server.stdin is not None
    assert server.stdout is not None
    try:
        for _ in range(RUNS):
            server.stdin.write(f"{max(acknowledged, default=0) + 1000}\n")
            server.stdin.flush()
            wanted = rng.randint(1, 20)  # kill after a random number of commits: mid-transaction
            pid, seen = None, 0
            for line in server.stdout:
                word = line.split()
                if word[0] == "pid":
                    pid = int(word[1])
                elif word[0] == "dead":
                    killed += os.WIFSIGNALED(int(word[1])) and os.WTERMSIG(int(word[1])) == signal.SIGKILL
                    break
                else:
                    acknowledged.add(int(word[0]))  # acks that arrive after the kill count too
                    seen += 1
                    if seen == wanted and pid is not None:
                        os.kill(pid, signal.SIGKILL)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    assert killed == RUNS, "every writer died by SIGKILL, none by an error of its own"

    database = open_database(f"sqlite:///{db_path}", unlock=Unlocker.with_key(key), migrate=False)
    try:
        with database.db() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            names = set(s.scalars(select(Team.name)))
            missing = sorted(n for n in acknowledged if f"team {n}" not in names)
            assert missing == [], f"acknowledged but lost: {missing}"
            assert verify_chain(s, AUDIT_KEY).ok
    finally:
        database.close()
    assert len(acknowledged) >= RUNS
