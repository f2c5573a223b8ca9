"""The background-task runner: outcomes, progress and cancel arrive on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from ui.tasks import CancelCheck, Cancelled, ProgressFn, Task, TaskRunner, _Runnable


@pytest.fixture
def runner(qapp: QCoreApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_threads=2)
    yield runner
    runner.shutdown()
    runner.deleteLater()


class Recorder:
    """Keeps every callback's arguments with the thread it ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, bool]] = []

    def __getattr__(self, kind: str):  # type: ignore[no-untyped-def]
        def record(*args: object) -> None:
            on_ui = QThread.currentThread() is QCoreApplication.instance().thread()
            self.calls.append((kind, args, on_ui))

        return record

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.calls]


def test_success_delivers_the_result_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen_threads: list[QThread] = []

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> int:
        seen_threads.append(QThread.currentThread())
        return 6 * 7

    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_failure=calls.failure,
                      on_finished=calls.finished)
    with qtbot.waitSignal(task.finished):
        pass
    assert calls.calls == [("success", (42,), True), ("finished", (), True)]
    assert seen_threads[0] is not QCoreApplication.instance().thread()
    assert not task.is_running
    assert runner.active_tasks == []


def test_an_exception_goes_to_the_failure_callback(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> None:
        raise ValueError("the file is not a spreadsheet")

    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_failure=calls.failure)
    with qtbot.waitSignal(task.finished):
        pass
    [(kind, (error,), on_ui)] = calls.calls
    assert kind == "failure"
    assert on_ui
    assert isinstance(error, ValueError)
    assert str(error) == "the file is not a spreadsheet"


def test_progress_reaches_the_ui_thread_and_ends_with_the_last_value(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> str:
        for done in range(1, 1001):
            progress(done, 1000, f"row {done}")
        return "done"

    calls = Recorder()
    task = runner.run(work, on_progress=calls.progress, on_success=calls.success)
    with qtbot.waitSignal(task.finished):
        pass
    progress = [args for kind, args, _ in calls.calls if kind == "progress"]
    assert progress, "no progress was delivered"
    assert progress[-1] == (1000, 1000, "row 1000")
    assert all(on_ui for _, _, on_ui in calls.calls)
    # Progress is coalesced: the UI thread is not flooded with one event per row.
    assert len(progress) <= 1000
    assert [done for done, _, _ in progress] == sorted(done for done, _, _ in progress)
    assert calls.kinds()[-1] == "success"


def test_cancel_is_cooperative_and_reported(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> str:
        started.set()
        step = 0
        while not is_cancelled():
            step += 1
            steps.append(step)
            QThread.msleep(1)  # the work itself takes time; the test waits on signals
        raise Cancelled

    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_failure=calls.failure,
                      on_cancelled=calls.cancelled)
    assert started.wait(10)
    assert task.is_running
    task.cancel()
    with qtbot.waitSignal(task.finished):
        pass
    assert calls.kinds() == ["cancelled"]
    assert calls.calls[0][2]
    assert steps, "the work ran until it was cancelled"


def test_any_exception_after_cancel_counts_as_cancelled(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> None:
        release.wait(10)
        if is_cancelled():
            raise RuntimeError("import stopped by the user")

    calls = Recorder()
    task = runner.run(work, on_failure=calls.failure, on_cancelled=calls.cancelled)
    task.cancel()  # whether or not the work has started yet, the outcome is "cancelled"
    release.set()
    with qtbot.waitSignal(task.finished):
        pass
    assert calls.kinds() == ["cancelled"]


def test_work_that_ignores_cancel_still_succeeds(qtbot: QtBot, runner: TaskRunner) -> None:
    started, release = threading.Event(), threading.Event()

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> str:
        started.set()
        release.wait(10)
        return "committed before the cancel was seen"

    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_cancelled=calls.cancelled)
    assert started.wait(10)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.finished):
        pass
    assert calls.kinds() == ["success"]


def test_base_exceptions_are_not_swallowed_as_failures(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> None:
        raise KeyboardInterrupt

    calls = Recorder()
    # Run the runnable on this thread to see what escapes it.
    task: Task[None] = Task("direct")
    task.failed.connect(calls.failure)
    runnable = _Runnable(task, work)
    with pytest.raises(KeyboardInterrupt):
        runnable.run()
    qtbot.waitUntil(lambda: not task.is_running)
    assert calls.kinds() == []


def test_workers_are_waited_for_when_the_app_quits(qapp: QCoreApplication) -> None:
    runner = TaskRunner(max_threads=2)
    started = threading.Event()
    finished_work: list[str] = []

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> None:
        started.set()
        while not is_cancelled():
            QThread.msleep(1)
        finished_work.append("returned")

    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_cancelled=calls.cancelled)
    assert started.wait(10)
    qapp.aboutToQuit.emit()  # what QApplication emits on quit
    # The worker was cancelled and waited for before aboutToQuit returned.
    assert finished_work == ["returned"]
    assert runner.active_tasks == []
    assert not task.is_running
    QCoreApplication.processEvents()
    assert calls.calls == []  # nothing is delivered to windows that are going away
    runner.deleteLater()


def test_a_widget_that_went_away_is_not_called_back(qtbot: QtBot, runner: TaskRunner) -> None:
    from PySide6.QtWidgets import QWidget

    started, release = threading.Event(), threading.Event()
    saw_cancel: list[bool] = []

    def work(progress: ProgressFn, is_cancelled: CancelCheck) -> str:
        started.set()
        release.wait(10)
        saw_cancel.append(is_cancelled())
        return "too late"

    screen = QWidget()
    calls = Recorder()
    task = runner.run(work, on_success=calls.success, on_finished=calls.finished, owner=screen)
    assert started.wait(10)
    with qtbot.waitSignal(screen.destroyed):
        screen.deleteLater()
    release.set()
    qtbot.waitUntil(lambda: runner.active_tasks == [])
    assert calls.calls == []
    assert saw_cancel == [True]  # the work was told to stop
    assert not task.is_running
