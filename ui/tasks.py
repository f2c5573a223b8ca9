"""The one way the UI runs slow work: off the UI thread, with progress, cancel and callbacks home.

In the spirit of Anki's ``CollectionOp``/``QueryOp`` and superqt's thread workers::

    task = runner.run(
        lambda progress, is_cancelled: import_caseload(..., progress=progress,
                                                       is_cancelled=is_cancelled),
        on_success=self._show_report,      # called on the UI thread with the result
        on_failure=self._show_error,       # called on the UI thread with the Exception
        on_progress=self._progress_bar_update,  # (done, total, text), on the UI thread
    )
    task.cancel()                          # cooperative: the work polls is_cancelled()

The work function runs on a pool thread and sees only domain objects (no widgets, no Qt).
It receives ``progress(done, total, text)`` and ``is_cancelled()``. To stop early it may
return, or raise :class:`Cancelled`; any exception raised after cancel was requested counts
as a cancellation (``on_cancelled``), whatever its type. ``Exception`` is caught and handed
to ``on_failure``; ``BaseException`` (KeyboardInterrupt, SystemExit) is not caught.

Progress is coalesced: however often the work reports, at most one progress event is queued
for the UI thread at a time, and the latest value is the one delivered.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ProgressFn = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class Work(Protocol[T_co]):
    def __call__(self, progress: ProgressFn, is_cancelled: CancelCheck) -> T_co: ...


class Cancelled(Exception):
    """Raised by work that noticed ``is_cancelled()`` and stopped."""


class _Relay(QObject):
    """Lives on the UI thread; the pool thread emits, the UI thread receives (queued)."""

    progressed = Signal()
    done = Signal()


class Task(QObject, Generic[T]):
    """A handle on one running piece of work. Signals are emitted on the UI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after any outcome
    _ended = Signal()  # after the outcome was delivered or discarded: the runner lets go

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest_progress: tuple[int, int, str] | None = None
        self._progress_queued = False
        self._outcome: tuple[str, Any] | None = None
        self._running = True
        self._discarded = False
        self._relay = _Relay()
        self._relay.progressed.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._deliver_outcome, Qt.ConnectionType.QueuedConnection)

    # -- called from the UI thread ---------------------------------------------------------
    def cancel(self) -> None:
        """Ask the work to stop; it stops when it next polls ``is_cancelled()``."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_running(self) -> bool:
        """True until the outcome has been delivered on the UI thread."""
        return self._running

    # -- called from the pool thread -------------------------------------------------------
    def _report_progress(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            self._latest_progress = (int(done), int(total), str(text))
            if self._progress_queued:
                return
            self._progress_queued = True
        self._relay.progressed.emit()

    def _finish(self, kind: str, value: Any) -> None:
        with self._lock:
            self._outcome = (kind, value)
        self._relay.done.emit()

    # -- delivered on the UI thread --------------------------------------------------------
    def _discard(self) -> None:
        """Deliver nothing more: the app is quitting, or whoever asked has gone."""
        self._discarded = True
        self._cancel.set()

    @Slot()
    def _deliver_progress(self) -> None:
        if self._discarded:
            return
        with self._lock:
            latest, self._latest_progress = self._latest_progress, None
            self._progress_queued = False
        if latest is not None:
            self.progressed.emit(*latest)

    @Slot()
    def _deliver_outcome(self) -> None:
        self._deliver_progress()  # a last value still waiting is shown before the outcome
        with self._lock:
            outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        self._running = False
        if self._discarded:
            self._ended.emit()
            return
        kind, value = outcome
        try:
            if kind == "success":
                self.succeeded.emit(value)
            elif kind == "failure":
                self.failed.emit(value)
            elif kind == "cancelled":
                self.cancelled.emit()
        finally:
            self.finished.emit()
            self._ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task[Any], work: Work[Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its outcome is delivered
        self._task = task
        self._work = work

    def run(self) -> None:
        task = self._task
        if task.is_cancelled():
            task._finish("cancelled", None)
            return
        finished = False
        try:
            result = self._work(task._report_progress, task.is_cancelled)
        except Exception as error:
            finished = True
            if task.is_cancelled() or isinstance(error, Cancelled):
                task._finish("cancelled", None)
            else:
                log.debug("task %s failed", task.name, exc_info=error)
                task._finish("failure", error)
        else:
            finished = True
            task._finish("success", result)
        finally:
            if not finished:  # a BaseException is on its way up: still free the UI side
                task._finish("aborted", None)


class TaskRunner(QObject):
    """Runs work on its own thread pool; waits for every worker before the app quits."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._active: dict[Task[Any], _Runnable] = {}
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def run(
        self,
        work: Work[T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> Task[T]:
        """Start ``work(progress, is_cancelled)`` on a pool thread and return its handle.

        Every callback runs on the UI thread. Without ``on_failure`` a failure is logged.
        When ``owner`` (the widget that asked) is destroyed first, the work is cancelled and
        no callback runs: a closed screen is never called back.
        """
        task: Task[T] = Task(name or getattr(work, "__name__", "task"), self)
        if owner is not None:
            owner.destroyed.connect(task._discard)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if on_success is not None:
            task.succeeded.connect(on_success)
        task.failed.connect(on_failure if on_failure is not None else _log_failure(task.name))
        if on_cancelled is not None:
            task.cancelled.connect(on_cancelled)
        if on_finished is not None:
            task.finished.connect(on_finished)
        task._ended.connect(lambda: self._forget(task))
        runnable = _Runnable(task, work)
        self._active[task] = runnable
        self._pool.start(runnable)
        return task

    @property
    def active_tasks(self) -> list[Task[Any]]:
        return list(self._active)

    def cancel_all(self) -> None:
        for task in self._active:
            task.cancel()

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel everything and wait for the pool threads to return (used at quit).

        Callbacks of work that finishes now are not delivered: the windows are going away.
        """
        self.cancel_all()
        done = self._pool.waitForDone(timeout_ms)
        if done:
            for task in self._active:
                task._discard()
                task._running = False
            self._active.clear()
        return done

    def _forget(self, task: Task[Any]) -> None:
        self._active.pop(task, None)
        task.deleteLater()


def _log_failure(name: str) -> Callable[[Exception], None]:
    def log_it(error: Exception) -> None:
        log.error("background task %s failed", name, exc_info=error)

    return log_it
