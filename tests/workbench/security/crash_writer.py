"""The writer of the kill test, run as ``python -m tests.workbench.security.crash_writer DB KEYHEX``.

It imports everything once, then for each number FIRST read from stdin forks a writer:
the writer prints ``pid N``, then from FIRST on adds a team and a sealed audit event (padded
to a random size, so writes span pages) per transaction, commits, and prints the number. The
test kills the writer at a random moment with SIGKILL; this process reaps it and prints
``dead STATUS``. Forking from one warm process keeps 20 kills within a few seconds.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys

from db.engine import transaction
from db.models import Team
from workbench.audit import AuditTrail
from workbench.database import open_database
from workbench.encryption import Unlocker
from workbench.keys import DataKey

AUDIT_KEY = b"c" * 32


def write_until_killed(path: str, key_hex: str, first: int) -> None:
    print(f"pid {os.getpid()}", flush=True)
    database = open_database(f"sqlite:///{path}", unlock=Unlocker.with_key(DataKey.from_hex(key_hex)),
                             migrate=False)
    trail = AuditTrail(lambda: dt.datetime.now(dt.UTC), key=AUDIT_KEY)
    rng = random.Random(first)
    number = first
    while True:
        with transaction(database.db) as s:
            s.add(Team(name=f"team {number}", name_key=f"team {number}"))
            trail.record(s, actor_id=None, action="import", entity_type="team", entity_id=number,
                         details={"pad": "x" * rng.randint(0, 6000)})
        print(number, flush=True)
        number += 1


def serve(path: str, key_hex: str) -> None:
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write_until_killed(path, key_hex, int(line))
            finally:
                os._exit(1)  # the writer never returns here unless it failed
        _, status = os.waitpid(pid, 0)
        print(f"dead {status}", flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
