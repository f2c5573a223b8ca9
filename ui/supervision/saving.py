"""Saving as you type: a queue that writes in order off the UI thread, and fields bound to it.

:class:`SaveQueue` runs each write (a call into the supervision services) on the task runner,
one at a time, in the order they were submitted, so a later value of a field always lands
after an earlier one and a structural change (add a worry) sees the text typed before it.

:class:`Autosave` binds an input to a save function. A change is written when typing pauses
for :data:`DEBOUNCE_MS`, and never later than :data:`MAX_WAIT_MS` after the first unsaved
change (someone typing without pause still has their text saved every second); also at once
when the input loses focus, and whenever :meth:`Autosave.flush` is called (page change,
close). Killing the process therefore loses at most about the last second of typing.

A field bound with ``seen=True`` also tells its save function what the user started from (the
value loaded, or last saved): the service refuses the save with
:class:`workbench.supervision.errors.EditConflict` when someone else changed it meanwhile.
The field then stops saving, keeps the user's text on screen and :attr:`Autosave.conflict`
hands a :class:`Conflict` to the screen, which shows both texts and calls
:meth:`Conflict.keep` (the user's text, or their merge) or :meth:`Conflict.take_theirs`.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ui.problems import explain
from ui.tasks import Task, TaskRunner

DEBOUNCE_MS = 600
MAX_WAIT_MS = 1000


def is_retryable(error: Exception) -> bool:
    """A write worth trying again later (the disk, the lock or the server), not a refusal."""
    from workbench.errors import classify

    return classify(error) is not None


def _both(first: Callable[[Any], None] | None,
          second: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if first is None or second is None or first is second:
        return second or first

    def call(value: Any) -> None:
        first(value)
        second(value)

    return call


@dataclass
class Conflict:
    """A save refused because someone else changed the field meanwhile; nothing is lost yet:
    ``yours`` is on screen, ``theirs`` in the record. Resolve with one of the two methods."""

    label: str
    yours: Any
    theirs: Any
    field: _Field

    def keep(self, value: Any) -> None:
        """Save ``value`` (the user's text, or a merge of both) over theirs."""
        self.field.resolve(value, self.theirs, save=True)

    def take_theirs(self) -> None:
        """Show and keep their text; the user's is dropped (they chose to)."""
        self.field.resolve(self.theirs, self.theirs, save=False)


@dataclass
class _Job:
    key: Hashable | None
    work: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class SaveQueue(QObject):
    """Runs writes one at a time, in order, on the task runner.

    ``busy_changed(bool)`` follows the queue filling and emptying; ``failed(message)`` says
    why a write did not happen (the services' message, ready to show); ``retrying(message)``
    comes first when the reason is the server, the disk or a lock, which a field's autosave
    waits out by trying again (the text stays on screen, see :class:`Autosave`).
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    retrying = Signal(str)
    done = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._pending: deque[_Job] = deque()
        self._running: _Job | None = None
        self._task: Task[Any] | None = None
        self._closed = False

    def submit(self, work: Callable[[], Any], *, key: Hashable | None = None,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[Exception], None] | None = None) -> None:
        """Queue ``work()``; a job with the same ``key`` still waiting at the end is replaced."""
        was_idle = self.is_idle
        job = _Job(key, work, on_done, on_error)
        if key is not None and self._pending and self._pending[-1].key == key:
            # The newer value of the same field: only it needs writing, but whoever waited for
            # the older one still hears when it is written.
            older = self._pending[-1]
            job = _Job(key, work, _both(older.on_done, on_done), _both(older.on_error, on_error))
            self._pending[-1] = job
        else:
            self._pending.append(job)
        if self._closed:
            self._run_pending_here()
            return
        if was_idle:
            self.busy_changed.emit(True)
        self._pump()

    @property
    def is_idle(self) -> bool:
        return self._running is None and not self._pending

    def _pump(self) -> None:
        if self._running is not None or not self._pending:
            return
        job = self._pending.popleft()
        self._running = job
        self._task = self._runner.run(lambda _progress, _cancelled: job.work(),
                                      on_success=lambda result: self._finished(job, result, None),
                                      on_failure=lambda error: self._finished(job, None, error),
                                      name="save")

    def _finished(self, job: _Job, result: Any, error: Exception | None) -> None:
        if not shiboken6.isValid(self):
            return  # the screen went while its last write was running: the write is done
        if self._running is job:
            self._running = None
            self._task = None
        self._deliver(job, result, error)
        self._pump()
        if self.is_idle:
            self.busy_changed.emit(False)
            self.done.emit()

    def _deliver(self, job: _Job, result: Any, error: Exception | None) -> None:
        if error is None:
            if job.on_done is not None:
                job.on_done(result)
            return
        message = explain(error).message
        if is_retryable(error):
            self.retrying.emit(message)
        self.failed.emit(message)
        if job.on_error is not None:
            job.on_error(error)

    def finish_now(self, timeout_ms: int = 15_000) -> None:
        """Write everything still queued before the window goes (called on close).

        Waits for the write in progress, then runs the rest on this thread: at close a short
        wait is better than lost text. Later submits run at once, here.
        """
        deadline = QDeadlineTimer(timeout_ms)
        # A task the runner has shut down (the app is quitting) has finished its write but
        # will deliver nothing: stop waiting for it.
        while (self._running is not None and self._task is not None and self._task.is_running
               and not deadline.hasExpired()):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(2)  # let the pool thread finish its write
        self._running = None
        self._task = None
        self._closed = True
        self._run_pending_here()

    def _run_pending_here(self) -> None:
        while self._pending:
            job = self._pending.popleft()
            try:
                result = job.work()
            except Exception as error:
                self._deliver(job, None, error)
            else:
                self._deliver(job, result, None)


class _Field(QObject):
    """One bound input: its timers, whether it has unsaved changes, how to save it."""

    def __init__(self, owner: Autosave, widget: QWidget, value: Callable[[], Any],
                 save: Callable[..., Any], key: Hashable, immediate: bool,
                 on_saved: Callable[[Any], None] | None, *, seen: bool = False,
                 show: Callable[[Any], None] | None = None) -> None:
        super().__init__(widget)  # goes with its input
        self.owner, self.widget, self.value, self.save, self.key = owner, widget, value, save, key
        self.immediate, self.on_saved = immediate, on_saved
        self.seen, self.show = seen, show
        self.base: Any = value()  # what the user started from: loaded, or last saved
        self.conflict: Conflict | None = None
        self.dirty = False
        self.alive = True
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self.debounce.timeout.connect(self.flush)
        self.max_wait.timeout.connect(self.flush)
        widget.installEventFilter(self)

    def changed(self, *_args: object) -> None:
        if self.owner.loading:
            self.base = self.value()
            return
        self.dirty = True
        self.owner.state_changed.emit()
        if self.immediate:
            self.flush()
            return
        self.debounce.start()
        if not self.max_wait.isActive():
            self.max_wait.start()

    def flush(self) -> None:
        self.debounce.stop()
        self.max_wait.stop()
        if not self.dirty or not self.alive or self.conflict is not None:
            return  # in conflict: nothing is written until the user chooses
        self.dirty = False
        value, base = self.value(), self.base
        save, on_saved = self.save, self.on_saved

        def done(result: Any) -> None:
            if self.alive:
                self.base = value
            if on_saved is not None:
                on_saved(result)

        def failed(error: Exception) -> None:
            from workbench.supervision.errors import EditConflict

            if not self.alive:
                return
            if isinstance(error, EditConflict) and error.field is not None:
                self.dirty = True  # the user's text is still on screen, unsaved
                self.conflict = Conflict(error.label, self.value(), error.theirs, self)
                self.owner.conflict.emit(self.conflict)
            elif is_retryable(error):
                self.dirty = True  # the text is still on screen: try again with the next flush
                self.max_wait.start()

        work = (lambda: save(value, base)) if self.seen else (lambda: save(value))
        self.owner.queue.submit(work, key=self.key, on_done=done, on_error=failed)

    def resolve(self, value: Any, theirs: Any, *, save: bool) -> None:
        """The user chose: ``value`` goes on screen, saved over ``theirs`` if ``save``."""
        self.conflict = None
        if self.alive and self.show is not None and value != self.value():
            was_loading = self.owner.loading
            self.owner.loading = True  # putting the choice on screen is not typing
            try:
                self.show(value)
            finally:
                self.owner.loading = was_loading
        self.base = theirs
        self.dirty = save and value != theirs
        if not self.dirty:
            return
        if self.alive:
            self.flush()
            return
        # The input went meanwhile (its page was rebuilt): the choice is still written.
        self.dirty = False
        save_function = self.save
        self.owner.queue.submit(lambda: save_function(value, theirs), key=self.key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


class Autosave(QObject):
    """Binds inputs to save functions; see the module docstring for when each one saves.

    ``state_changed`` is emitted when a field gains unsaved changes (the queue's own signals
    say when writes start and finish). Set :attr:`loading` while filling inputs from the
    database so that those changes are not written back.
    """

    state_changed = Signal()
    conflict = Signal(object)  # a Conflict: someone else changed a field; the user chooses

    def __init__(self, queue: SaveQueue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.loading = False
        self._fields: list[_Field] = []

    def bind(self, widget: QWidget, changed: SignalInstance, value: Callable[[], Any],
             save: Callable[..., Any], *, key: Hashable, immediate: bool = False,
             on_saved: Callable[[Any], None] | None = None, seen: bool = False,
             show: Callable[[Any], None] | None = None) -> None:
        """Save ``value()`` through ``save`` whenever ``changed`` fires (debounced unless
        ``immediate``). ``key`` names the field in the queue (same field, same key).

        With ``seen``, ``save(value, seen_value)`` is given what the user started from, and a
        conflict is handed to :attr:`conflict`; ``show(value)`` puts a chosen value on screen."""
        field = _Field(self, widget, value, save, key, immediate, on_saved, seen=seen, show=show)
        changed.connect(field.changed)
        widget.destroyed.connect(lambda *_: self._drop(field))
        self._fields.append(field)

    def bind_text(self, widget: QLineEdit | QPlainTextEdit | QTextEdit, save: Callable[..., Any], *,
                  key: Hashable, on_saved: Callable[[Any], None] | None = None,
                  seen: bool = False) -> None:
        """:meth:`bind` for a text input (``seen``: ``save(text, seen_text)``, see there)."""
        if isinstance(widget, QLineEdit):
            self.bind(widget, widget.textChanged, widget.text, save, key=key, on_saved=on_saved,
                      seen=seen, show=widget.setText)
        else:
            self.bind(widget, widget.textChanged, widget.toPlainText, save, key=key, on_saved=on_saved,
                      seen=seen, show=widget.setPlainText)

    @property
    def unsaved(self) -> int:
        """How many fields have changes not yet handed to the queue."""
        return sum(1 for field in self._fields if field.dirty and field.alive)

    @property
    def conflicts(self) -> list[Conflict]:
        """The fields waiting for the user to choose between their text and someone else's."""
        return [f.conflict for f in self._fields if f.alive and f.conflict is not None]

    @property
    def all_saved(self) -> bool:
        return self.unsaved == 0 and self.queue.is_idle

    def flush(self) -> None:
        """Hand every unsaved change to the queue now."""
        for field in list(self._fields):
            field.flush()

    def release(self, container: QWidget) -> None:
        """Flush and forget the fields inside ``container`` (it is about to be rebuilt)."""
        for field in list(self._fields):
            if field.widget is container or container.isAncestorOf(field.widget):
                field.flush()
                self._drop(field)

    def _drop(self, field: _Field) -> None:
        field.alive = False
        with contextlib.suppress(RuntimeError):  # already gone with its input
            field.debounce.stop()
            field.max_wait.stop()
        if field in self._fields:
            self._fields.remove(field)
