"""Team-server figures (``python -m bench --only server``), on a throw-away PostgreSQL made a
team server by ``init_server`` and filled with the demo:

* what row-level security costs a manager opening their caseload: the same call of the core,
  once through the manager's own login (policies apply) and once through the administrator's
  connection (superuser: no policy applies), in turns;
* autosave with many people at once: client processes, each logged in as a different worker,
  each saving their reflection on a child about once a second (the editor's debounce is
  600 ms, its longest wait 1 s) and reading it back, for a while; the 95th percentile of the
  save latency against one client alone, and every last save found in the database.

Every client connects through the app's own engine (a pool that keeps its connections, as
``workbench.database.open_database`` makes it), not a new PostgreSQL backend per call.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench.data import TODAY
from bench.harness import Result, Spread, interleaved, timed

OWNER, APP = "bench_owner", "bench_app"
MANAGER = "Demo Manager Cedar"


@dataclass(frozen=True)
class Server:
    admin_url: str  # the superuser's connection to the team database
    port: int

    def login_url(self, login: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(username=login).render_as_string(hide_password=False)


@contextmanager
def team_server(scale: int) -> Iterator[Server]:
    """A PostgreSQL team server holding the demo at ``scale`` (8 workers a unit)."""
    from sqlalchemy import text
    from sqlalchemy.pool import NullPool

    from db.engine import make_db_factory, make_engine
    from tests.support.postgres import start_server
    from workbench.demo import build_demo
    from workbench.server import init_server

    postgres = start_server()
    try:
        admin = make_engine(postgres.admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("CREATE DATABASE bench_team"))
        admin.dispose()
        url = postgres.url("bench_team")
        init_server(url, owner=OWNER, app=APP)
        engine = make_engine(url, poolclass=NullPool)
        build_demo(make_db_factory(engine), today=TODAY, scale=scale)
        engine.dispose()
        # The planner's statistics, as autovacuum gathers them on a server within a minute or
        # so of such a load; without them it guesses one row a table, both ways.
        analyze = make_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with analyze.connect() as c:
            c.execute(text("ANALYZE"))
        analyze.dispose()
        yield Server(url, postgres.port)
    finally:
        postgres.stop()


def _login_for(server: Server, staff_id: int, login: str) -> str:
    from workbench.server import add_login

    add_login(server.admin_url, staff_id=staff_id, login=login)
    return server.login_url(login)


def rls_caseload(server: Server, repeat: int) -> Result:
    from sqlalchemy import select

    from db.engine import make_db_factory, make_engine
    from db.models import Staff
    from workbench.access import actor_for
    from workbench.caseload import open_cases

    # Both ways through the app's own engine (workbench.database.open_database), whose pool
    # keeps the connection: a new PostgreSQL backend for every call measured its start-up
    # (catalogue caches, the policy functions compiled afresh), which the app pays once.
    owner_engine = make_engine(server.admin_url)
    as_administrator = make_db_factory(owner_engine)
    with as_administrator() as s:
        manager_id = s.scalars(select(Staff.id).where(Staff.name == MANAGER)).one()
        actor = actor_for(s, manager_id)
    login_engine = make_engine(_login_for(server, manager_id, "bench_manager"))
    as_manager = make_db_factory(login_engine)
    mine, all_of_it = open_cases(as_manager, actor=actor), open_cases(as_administrator, actor=actor)
    if [r.case_id for r in mine] != [r.case_id for r in all_of_it]:
        raise RuntimeError("the manager's login and the administrator see different caseloads")
    figure, floor, ratio = interleaved(lambda: timed(lambda: open_cases(as_manager, actor=actor)),
                                       lambda: timed(lambda: open_cases(as_administrator, actor=actor)),
                                       repeat=repeat, warmup=2 if repeat > 1 else 0)
    login_engine.dispose()
    owner_engine.dispose()
    return Result.of(f"open a manager's {len(mine)}-case caseload on the team server, own login",
                     figure, "the same call, no policies (administrator)", floor, ratio,
                     max_ratio=1.3, note="row-level security's cost: the core's query, both ways")


# -- autosave with many people ---------------------------------------------------------------

@dataclass(frozen=True)
class _Client:
    url: str
    staff_id: int
    case_id: int
    seconds: float
    seed: int
    pace: float = 1.0  # seconds from one save to the next


def _client(job: _Client, ready: Any, results: Any) -> None:
    """One person typing: save once a ``pace`` (about a second), read back; puts (index,
    latencies, last text, saves) on ``results``. Connected and warmed up before ``ready`` lets
    everyone start."""
    from db.engine import make_db_factory, make_engine
    from workbench.audit import AuditTrail
    from workbench.supervision.context import SupervisionContext
    from workbench.supervision.reflections import load_reflection, save_reflection

    def clock() -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    # The app's own engine (workbench.database.open_database): connections kept in a pool, not
    # a new PostgreSQL backend for every save.
    engine = make_engine(job.url)
    ctx = SupervisionContext(make_db_factory(engine), AuditTrail(clock, server_sealed=True),
                             clock, job.staff_id)
    load_reflection(ctx, job.case_id)  # the screen is open before anyone types
    # One save before the start, untimed: a client's first save pays for its cold caches (about
    # 1 in 20 saves of a 20 s turn, enough to move the p95), which is not what load costs.
    save_reflection(ctx, job.case_id, what_happened=f"Opened by {job.staff_id}")
    rng = random.Random(job.seed)
    ready.wait()
    time.sleep(rng.uniform(0, 1))  # people do not start typing in step
    latencies: list[float] = []
    last: str | None = None
    end = time.monotonic() + job.seconds
    saves = 0
    while time.monotonic() < end:
        saves += 1
        text = f"Save {saves} by {job.staff_id}: the visit went " + "well " * rng.randint(5, 60)
        start = time.perf_counter()
        save_reflection(ctx, job.case_id, what_happened=text)
        latencies.append(time.perf_counter() - start)
        last = text
        load_reflection(ctx, job.case_id)  # the screen reads what was saved
        time.sleep(max(0.0, job.pace - (time.perf_counter() - start)) * rng.uniform(0.8, 1.2))
    engine.dispose()
    results.put((job.seed, latencies, last, saves))


def _people(server: Server, count: int) -> list[tuple[int, int]]:
    """``count`` active workers, each with an open case: (staff id, case id)."""
    from sqlalchemy import func, select
    from sqlalchemy.pool import NullPool

    from db.engine import make_db_factory, make_engine
    from db.enums import Role
    from db.models import CaseAllocation, Staff

    engine = make_engine(server.admin_url, poolclass=NullPool)
    with make_db_factory(engine)() as s:
        rows = s.execute(select(Staff.id, func.min(CaseAllocation.id))
                         .join(CaseAllocation, CaseAllocation.worker_id == Staff.id)
                         .where(Staff.role == Role.WORKER, Staff.active,
                                CaseAllocation.end_date.is_(None))
                         .group_by(Staff.id).order_by(Staff.id)).all()
    engine.dispose()
    if len(rows) < count:
        raise RuntimeError(f"the demo has {len(rows)} workers with cases; {count} are needed")
    return [(int(staff_id), int(case_id)) for staff_id, case_id in rows[:count]]


def _run_clients(server: Server, people: list[tuple[int, int]], seconds: float,
                 tag: str, pace: float = 1.0) -> tuple[list[float], int, int]:
    """Run one client per person at once; (every latency, writes lost, saves made)."""
    from sqlalchemy import select
    from sqlalchemy.pool import NullPool

    from db.engine import make_db_factory, make_engine
    from db.models import Reflection

    jobs = [_Client(_login_for(server, staff_id, f"bench_{tag}_{staff_id}"), staff_id, case_id,
                    seconds, seed, pace) for seed, (staff_id, case_id) in enumerate(people)]
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(len(jobs)), context.Queue()
    processes = [context.Process(target=_client, args=(job, ready, results)) for job in jobs]
    for process in processes:
        process.start()
    outcome_of = {}
    for _job in jobs:
        index, *outcome = results.get(timeout=seconds + 600)
        outcome_of[index] = tuple(outcome)
    for process in processes:
        process.join()
    outcomes = [outcome_of[job.seed] for job in jobs]
    engine = make_engine(server.admin_url, poolclass=NullPool)
    lost = 0
    with make_db_factory(engine)() as s:
        for job, (_latencies, last, _saves) in zip(jobs, outcomes, strict=True):
            texts = set(s.scalars(select(Reflection.what_happened).where(
                Reflection.case_id == job.case_id, Reflection.worker_id == job.staff_id)))
            lost += last not in texts
    engine.dispose()
    return ([t for latencies, _last, _saves in outcomes for t in latencies], lost,
            sum(saves for _l, _t, saves in outcomes))


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def autosave_under_load(server: Server, clients: int, seconds: float, turns: int = 3) -> list[Result]:
    """The crowd for ``seconds`` in all, in ``turns`` blocks, each between two blocks of one
    person alone (as much time alone as in the crowd): the figure and its floor taken in turns,
    as the other figures are, so both see the machine as it was. One crowd of 60 s with the
    floor before and after it moved the ratio from 1.49x to 0.85x between two runs."""
    people = _people(server, clients + 1)
    alone_seconds = seconds / (turns + 1)
    # Four saves a second alone, so that the floor's p95 is of a few hundred saves.
    alone, lost_alone, _ = _run_clients(server, people[:1], alone_seconds, "alone", pace=0.25)
    crowd: list[float] = []
    lost = saves = 0
    for _turn in range(turns):
        latencies, lost_now, saves_now = _run_clients(server, people[1:], seconds / turns, "crowd")
        crowd += latencies
        lost, saves = lost + lost_now, saves + saves_now
        latencies, lost_now, _ = _run_clients(server, people[:1], alone_seconds, "alone", pace=0.25)
        alone += latencies
        lost_alone += lost_now
    figure = Spread(tuple(crowd))
    floor = Spread(tuple(alone))
    p95_crowd, p95_alone = _p95(crowd), _p95(alone)
    return [
        Result(f"autosave p95 with {clients} people at once, each their own login", p95_crowd,
               "one person alone", p95_alone, low=figure.low, high=figure.high,
               repeats=len(crowd), floor_low=floor.low, floor_high=floor.high, max_ratio=2.0,
               note=f"{clients} client processes, about a save a second each for {seconds:.0f} s, "
                    f"in {turns} turns with one person alone"),
        Result(f"autosave writes lost with {clients} people ({saves} saves)", float(lost + lost_alone),
               max_seconds=0.0, unit="writes", note="each person's last save, looked for in the database"),
    ]


def figures(*, smoke: bool) -> list[Result]:
    clients = 3 if smoke else 30
    with team_server(scale=1 if smoke else 4) as server:
        return [rls_caseload(server, repeat=1 if smoke else 15),
                *autosave_under_load(server, clients, seconds=3 if smoke else 60,
                                     turns=1 if smoke else 3)]

