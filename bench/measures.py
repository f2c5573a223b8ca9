"""Each figure of DESIGN.md, measured beside its floor. Every function returns a Result."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.harness import Result, Spread, in_turns, interleaved, pair_ratio, repeated, timed

ROOT = Path(__file__).resolve().parents[1]
MANAGER = "Demo Manager Cedar"
LEAD = "Demo Lead Rowan"


def _probe_process(argv: list[str], env: dict[str, str], until: str) -> tuple[float, str, float]:
    """Start a process; seconds until it prints a line starting with ``until``, that line, and
    the process's own peak memory in MiB (from wait4, so no other child is counted)."""
    import threading

    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=ROOT)
    watchdog = threading.Timer(120, process.kill)  # a process that never gets there is a FAIL
    watchdog.start()
    assert process.stdout is not None
    seen = ""
    for line in process.stdout:
        if line.startswith(until):
            seen = line.strip()
            break
    elapsed = time.perf_counter() - start
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped above; keeps Popen from waiting again
    watchdog.cancel()
    if not seen:
        assert process.stderr is not None
        last_lines = process.stderr.read().strip().splitlines()[-3:]
        raise RuntimeError(f"the app never printed {until!r}: {' | '.join(last_lines)}")
    return elapsed, seen, usage.ru_maxrss / 1024


def _app_env(data_dir: Path) -> dict[str, str]:
    from workbench.encryption import DEMO_PASSPHRASE

    # The benchmark's databases are plain files: their audit trail is sealed with a team key
    # from the environment, as on a computer with no keyring (the app records nothing unsealed).
    return os.environ | {"QT_QPA_PLATFORM": "offscreen", "WORKBENCH_STARTUP_PROBE": "1",
                         "WORKBENCH_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1",
                         "WORKBENCH_SIGN_IN_PASSPHRASE": DEMO_PASSPHRASE,
                         "WORKBENCH_AUDIT_KEY": "be" * 32}


def _app(url: str, person: str) -> list[str]:
    return [sys.executable, "-m", "workbench", "--database", url, "--sign-in", person]


def startup(demo_url: str, data_dir: Path, repeat: int = 7) -> Result:
    py = sys.executable
    env = _app_env(data_dir)
    # The app quits at its first paint (the probe "painted"): what it does after the paint,
    # opening the database and signing in, is not this figure, and took seconds a start.
    app_env = env | {"WORKBENCH_STARTUP_PROBE": "painted"}
    app, floor, ratio = interleaved(
        lambda: _probe_process(_app(demo_url, MANAGER), app_env, "painted")[0],
        lambda: _probe_process([py, str(ROOT / "bench" / "bare_window.py")], env, "painted")[0],
        repeat=repeat, warmup=1 if repeat > 1 else 0)  # a smoke run proves it works, once
    return Result.of("start to a painted main window (demo DB)", app, "bare PySide6 window", floor,
                     ratio, max_ratio=3.0, note=f"{repeat} process starts each, in turns")


def import_annex_a(workbook: Path, rows: int, scratch: Path, repeat: int = 3) -> list[Result]:
    """The import against calamine reading the same cells, and the same import into an
    encrypted database against it: the three taken in turns."""
    import datetime as dt
    import gc

    from python_calamine import CalamineWorkbook

    from bench.data import TODAY
    from workbench.audit import AuditTrail
    from workbench.database import open_database
    from workbench.encryption import Unlocker
    from workbench.importing import import_caseload
    from workbench.keys import DataKey

    def read_cells() -> None:
        book = CalamineWorkbook.from_path(str(workbook))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()

    def clock() -> dt.datetime:
        return dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC)

    runs = iter(range(1_000))

    def one_import(encrypted: bool, separate_process: bool = False) -> float:
        # A fresh, migrated database each run; only the import itself is timed.
        unlock = Unlocker.with_key(DataKey.generate()) if encrypted else None
        path = scratch / f"import-{'enc' if encrypted else 'plain'}-{next(runs)}.db"
        database = open_database(f"sqlite:///{path}", unlock=unlock)
        gc.collect()
        start = time.perf_counter()
        import_caseload(database.db, workbook, audit=AuditTrail(clock), clock=clock,
                        separate_process=separate_process)
        elapsed = time.perf_counter() - start
        database.close()
        path.unlink(missing_ok=True)
        return elapsed

    plain, encrypted, reader, in_app = in_turns(
        lambda: one_import(False), lambda: one_import(True), lambda: timed(read_cells),
        lambda: one_import(False, separate_process=True), repeat=repeat, warmup=1 if repeat > 1 else 0)
    name = f"import {rows:,}-row Annex A"
    note = (f"{repeat} imports into a fresh database, in turns with the reader, the encrypted import "
            "and the import as the app runs it")
    return [Result.of(name, plain, "calamine reading the same cells", reader, pair_ratio(plain, reader),
                      max_ratio=2.0, max_seconds=2.0, note=note),
            Result.of(f"{name} (encrypted)", encrypted, "the same, unencrypted", plain,
                      pair_ratio(encrypted, plain), max_ratio=1.3, note=note),
            # What a person waits for after Import: the app reads a large file in a process of
            # its own (workbench.importing.worker), so that its window never waits on it.
            Result.of(f"{name}, as the app runs it", in_app,
                      note="info: the file read in a process of its own (its start, and the cases "
                           "sent back, included), as the import dialog does for a file over 1 MB")]


def open_caseload(url: str, encrypted_url: str, encrypted_key: object, repeat: int = 15) -> list[Result]:
    """A caseload opened in the table against the bare SELECT, and the same caseload in an
    encrypted copy of the database against it: the three taken in turns."""
    from PySide6.QtWidgets import QApplication, QTableView
    from sqlalchemy import select

    from db.models import CaseAllocation, Child
    from ui.models.caseload_model import CaseloadModel, prepare_caseload
    from workbench.caseload import open_cases
    from workbench.database import open_database
    from workbench.encryption import Unlocker

    plain_db = open_database(url)
    encrypted_db = open_database(encrypted_url, unlock=Unlocker.with_key(encrypted_key))  # type: ignore[arg-type]
    app = QApplication.instance() or QApplication([])
    view = QTableView()
    model = CaseloadModel()
    view.setModel(model)
    view.resize(1200, 800)
    view.show()

    def bare_select() -> None:
        with plain_db.db() as s:
            s.execute(select(CaseAllocation.id, Child.la_child_id, CaseAllocation.kind)
                      .join(Child, Child.id == CaseAllocation.child_id)
                      .where(CaseAllocation.end_date.is_(None))).all()

    def open_in_table(database: Any) -> None:
        rows = open_cases(database.db)
        model.set_table(prepare_caseload(rows, sort_column=model.sort_order[0],
                                         descending=model.sort_order[1]))
        view.viewport().repaint()
        app.processEvents()

    count = len(open_cases(plain_db.db))
    plain, encrypted, floor = in_turns(lambda: timed(lambda: open_in_table(plain_db)),
                                       lambda: timed(lambda: open_in_table(encrypted_db)),
                                       lambda: timed(bare_select), repeat=repeat,
                                       warmup=2 if repeat > 1 else 0)
    view.close()
    plain_db.close()
    encrypted_db.close()
    name = f"open a {count:,}-case caseload in the table"
    note = "query + format + model reset + paint; in turns with the bare SELECT and the encrypted copy"
    return [Result.of(name, plain, "the bare SELECT", floor, pair_ratio(plain, floor), max_seconds=0.150,
                      note=note),
            Result.of(f"{name} (encrypted)", encrypted, "the same, unencrypted", plain,
                      pair_ratio(encrypted, plain), max_ratio=1.3, note=note)]


def scale_chart(repeat: int = 9) -> Result:
    import datetime as dt

    from db.enums import RaterRole
    from workbench.charts import build_scale_history_chart
    from workbench.history import ScaleHistory, ScorePoint

    points = []
    start = dt.datetime(2022, 1, 10, 10, tzinfo=dt.UTC)
    n = 0
    for session in range(50):
        at = start + dt.timedelta(days=28 * session)
        for worry in range(1, 6):
            for role in (RaterRole.WORKER, RaterRole.SUPERVISOR):
                n += 1
                points.append(ScorePoint(
                    score_id=n, discussion_id=session, meeting_at=at, worry_id=worry,
                    worry_label=f"Worry {worry}", worry_statement=f"Worry {worry} statement",
                    rater_role=role, rater_name=None,
                    score=(session + worry * 2 + (role == RaterRole.WORKER)) % 11,
                    reason="", worry_closed_at=None, worry_closed_reason=None))
    history = ScaleHistory(case_id=1, points=tuple(points))
    build_scale_history_chart(history)  # first draw pays matplotlib's import
    figure = repeated(lambda: build_scale_history_chart(history), repeat=repeat)
    return Result.of("scale chart, 50 sessions × 5 worries (build + draw)", figure,
                     max_seconds=0.150)


def history_query(url: str, case_ids: list[int], repeat: int = 5) -> Result:
    from workbench.database import open_database
    from workbench.history import read_scale_history

    database = open_database(url)

    def all_cases() -> None:
        with database.db() as s:
            for case_id in case_ids:
                read_scale_history(s, case_id)

    whole = repeated(all_cases, repeat=repeat)
    per_case = Spread(tuple(t / len(case_ids) for t in whole.times))
    with database.db() as s:
        from sqlalchemy import func, select

        from db.models import ScalingScore
        total = s.execute(select(func.count()).select_from(ScalingScore)).scalar_one()
    database.close()
    return Result.of(f"a case's history query among {total:,} scores", per_case, max_seconds=0.020,
                     note=f"mean over {len(case_ids)} random cases")


def oversight(url: str, data_dir: Path, repeat: int = 7) -> list[Result]:
    """The practice lead's oversight of every team, as the Oversight screen shows it: what the
    screen reads and draws on Show (the headline: the workers, the summary and each figure's
    count; the figure on view with its chart), the tables filled and the screen painted. Beside
    it, for information, the rest: each other tab opened in turn, its figure read, its chart
    drawn and painted (what a lead who looks at every tab waits for, tab by tab)."""
    import datetime as dt

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from db.models import CaseAllocation, ScalingScore
    from ui.oversight.screen import OversightScreen, load, read_figure
    from ui.services import AppServices
    from ui.tasks import TaskRunner
    from workbench.audit import AuditTrail
    from workbench.database import open_database
    from workbench.oversight.report import FIGURES
    from workbench.secrets import SecretStore

    def clock() -> dt.datetime:
        return dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)

    database = open_database(url)
    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    services = AppServices(database=database, runner=runner, audit=AuditTrail(clock),
                           secrets=SecretStore(), data_dir=data_dir, clock=clock)
    screen = OversightScreen(services)
    screen._stale = False  # the figure drives the screen itself, synchronously
    screen.team_combo.addItem("All teams", None)
    screen.resize(1400, 900)
    screen.show()
    app.processEvents()
    start, end = dt.date(2026, 9, 1), dt.date(2026, 11, 26)

    def paint() -> None:
        # What Show runs in the task runner, then what its success callback runs.
        loaded = load(services, None, start, end, 9.0, screen.key_on_view())
        screen._generation += 1
        screen._show(loaded, screen._generation)
        screen.repaint()
        app.processEvents()

    def other_tabs() -> list[float]:
        paint()
        seconds = []
        for key in FIGURES:
            if key == screen.key_on_view():
                continue
            began = time.perf_counter()
            found = read_figure(screen.reader, key, 9.0)  # type: ignore[arg-type]
            screen._show_figure(key, found, screen._generation)
            screen.figures.setCurrentIndex(screen.pages[key])
            screen.repaint()
            app.processEvents()
            seconds.append(time.perf_counter() - began)
        screen.figures.setCurrentIndex(screen.pages["workers"])
        return seconds

    figure = repeated(paint, repeat=repeat)
    tabs = [other_tabs() for _ in range(1 if repeat == 1 else 3)]
    with database.db() as s:
        cases = s.execute(select(func.count()).select_from(CaseAllocation)).scalar_one()
        scores = s.execute(select(func.count()).select_from(ScalingScore)).scalar_one()
    screen.close()
    runner.shutdown()
    database.close()
    return [
        Result.of(f"oversight of {cases:,} cases and {scores:,} scores to a painted screen",
                  figure, max_seconds=0.300,
                  note="headline + the figure on view, its chart, the tables, painted"),
        Result.of("oversight: every other tab opened, one after another",
                  Spread(tuple(sum(run) for run in tabs)),
                  note="info: slowest single tab "
                       f"{max(max(run) for run in tabs) * 1000:.0f} ms; each figure read and its "
                       "chart drawn when its tab is first opened"),
    ]


def peak_memory(demo_url: str, data_dir: Path) -> Result:
    # The practice lead sees every team: the whole scaled-up caseload in the table.
    _elapsed, seen, peak_mib = _probe_process(_app(demo_url, LEAD), _app_env(data_dir), "ready")
    return Result("peak memory of the app with the caseload open", peak_mib, unit="MiB",
                  note=f"the app process's own peak, signed in as the practice lead ({seen})")


def ui_latency(workbook: Path, scratch: Path, export_job: Callable[[int], object] | None = None,
               repeat: int = 3) -> Result:
    """The longest the UI thread went without running its event loop while an import (and an
    export, when given) ran through the app's own runner, as the import dialog runs it: a 5 ms
    timer measures the gaps. ``export_job(run)`` makes a fresh export for each run."""
    stalls = []
    ticks = 0
    for run in range(repeat):
        worst, count = _one_latency_run(workbook, scratch, run,
                                        export_job(run) if export_job is not None else None)
        stalls.append(worst)
        ticks += count
    what = "import and export" if export_job is not None else "import"
    return Result.of(f"longest UI-thread stall while {what} ran", Spread(tuple(stalls)),
                     max_seconds=0.100, note=f"median of {repeat} runs' worst gap; "
                     f"{ticks} ticks of a 5 ms timer in all")


def _one_latency_run(workbook: Path, scratch: Path, run: int,
                     export_job: object | None) -> tuple[float, int]:
    import datetime as dt

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.data import TODAY
    from ui.tasks import TaskRunner
    from workbench.audit import AuditTrail
    from workbench.database import open_database
    from workbench.importing import import_caseload

    app = QApplication.instance() or QApplication([])
    database = open_database(f"sqlite:///{scratch / f'latency-{run}.db'}")

    def clock() -> dt.datetime:
        return dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC)

    runner = TaskRunner(app)
    loop = QEventLoop()
    gaps: list[float] = []
    ticker = QElapsedTimer()
    ticker.start()
    last = [ticker.elapsed()]

    def tick() -> None:
        now = ticker.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    pending = [0]
    failures: list[BaseException] = []

    def done(*_args: object) -> None:
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    def failed(error: BaseException) -> None:
        failures.append(error)
        done()

    def start(work: object) -> None:
        pending[0] += 1
        runner.run(work, on_success=done, on_failure=failed)  # type: ignore[arg-type]

    start(lambda progress, is_cancelled: import_caseload(
        database.db, workbook, audit=AuditTrail(clock), clock=clock,
        progress=lambda d, t: progress(d, t, ""), is_cancelled=is_cancelled,
        **IMPORT_AS_THE_DIALOG_DOES))
    if export_job is not None:
        start(export_job)
    last[0] = ticker.elapsed()
    timer.start()
    loop.exec()
    timer.stop()
    runner.shutdown()
    database.close()
    if failures:
        raise failures[0]
    return (max(gaps) / 1000 if gaps else 0.0), len(gaps)


#: How the import dialog asks for the import (see ui/dialogs/import_dialog.py).
IMPORT_AS_THE_DIALOG_DOES: dict[str, object] = {"separate_process": True}
