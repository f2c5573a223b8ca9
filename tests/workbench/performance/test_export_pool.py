"""The export's PDF-making processes give way to the app on the CPU."""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os

from workbench.export import pool_worker


def test_pool_processes_run_below_the_app_priority() -> None:
    app_niceness = os.nice(0)
    with futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=pool_worker.init, initargs=({},)) as pool:
        worker_niceness = pool.submit(os.nice, 0).result(timeout=120)
    assert worker_niceness == min(19, app_niceness + pool_worker.BACKGROUND_NICENESS)
    assert os.nice(0) == app_niceness  # the app itself keeps its priority
