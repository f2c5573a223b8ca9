"""Saving as you type: writes land in order off the UI thread; a field is written when typing
pauses, at the latest a moment after its first change even while typing goes on, on focus-out
and on flush; a failed write is said, and one the environment stopped is tried again."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.supervision.saving import Autosave, SaveQueue
from ui.tasks import TaskRunner
from workbench.errors import DiskFull
from workbench.supervision.errors import InvalidInput


def test_writes_run_off_the_ui_thread_one_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    queue = SaveQueue(runner)
    written: list[int] = []
    threads: set[int] = set()
    gate = threading.Event()

    def write(value: int) -> int:
        if value == 0:
            gate.wait(10)  # the first write is slow: the others must wait for it
        threads.add(threading.get_ident())
        written.append(value)
        return value

    done: list[int] = []
    for value in range(5):
        queue.submit(lambda v=value: write(v), on_done=done.append)
    assert not queue.is_idle
    gate.set()
    qtbot.waitUntil(lambda: queue.is_idle)
    assert written == [0, 1, 2, 3, 4]
    assert done == [0, 1, 2, 3, 4]
    assert threading.get_ident() not in threads


def test_a_newer_value_of_the_same_field_replaces_one_still_waiting(qtbot: QtBot, runner: TaskRunner) -> None:
    queue = SaveQueue(runner)
    gate = threading.Event()
    written: list[str] = []
    queue.submit(lambda: gate.wait(10))  # keeps the queue busy
    for text in ("H", "He", "Hel", "Hello"):
        queue.submit(lambda t=text: written.append(t), key="harm")
    queue.submit(lambda: written.append("other"), key="other")
    queue.submit(lambda: written.append("Hello!"), key="harm")  # not last: kept in order
    gate.set()
    qtbot.waitUntil(lambda: queue.is_idle)
    assert written == ["Hello", "other", "Hello!"]


def test_whoever_waited_for_a_replaced_value_hears_when_the_newer_one_is_written(
    qtbot: QtBot, runner: TaskRunner,
) -> None:
    queue = SaveQueue(runner)
    gate = threading.Event()
    heard: list[str] = []
    queue.submit(lambda: gate.wait(10))
    queue.submit(lambda: "closed", key="close", on_done=lambda r: heard.append(f"box {r}"))
    queue.submit(lambda: "closed, with a reason", key="close", on_done=lambda r: heard.append(f"reason {r}"))
    gate.set()
    qtbot.waitUntil(lambda: queue.is_idle)
    assert heard == ["box closed, with a reason", "reason closed, with a reason"]


def test_a_refused_write_is_reported_with_the_services_message(qtbot: QtBot, runner: TaskRunner) -> None:
    queue = SaveQueue(runner)

    def refuse() -> None:
        raise InvalidInput("A score of 11 is not on the scale; choose 0 to 10.")

    with qtbot.waitSignal(queue.failed) as failed:
        queue.submit(refuse)
    assert failed.args == ["A score of 11 is not on the scale; choose 0 to 10."]
    later: list[int] = []
    queue.submit(lambda: later.append(1))  # the queue carries on
    qtbot.waitUntil(lambda: later == [1])


def form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QPlainTextEdit]:
    widget = QWidget()
    line, box = QLineEdit(), QPlainTextEdit()
    layout = QVBoxLayout(widget)
    layout.addWidget(line)
    layout.addWidget(box)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, line, box


def test_a_field_is_saved_when_typing_pauses_with_its_latest_text(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, line, _box = form(qtbot)
    autosave = Autosave(SaveQueue(runner))
    saved: list[str] = []
    autosave.bind_text(line, saved.append, key="line")
    qtbot.keyClicks(line, "Nan helps")
    assert autosave.unsaved == 1
    assert not autosave.all_saved
    qtbot.waitUntil(lambda: autosave.all_saved)
    assert saved == ["Nan helps"]  # one write for the whole burst of typing


def test_continuous_typing_is_saved_before_it_stops(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, _line, box = form(qtbot)
    autosave = Autosave(SaveQueue(runner))
    saved: list[str] = []
    autosave.bind_text(box, saved.append, key="box")
    typist = QTimer(interval=40)  # faster than the pause that would save: only the cap saves
    typist.timeout.connect(lambda: qtbot.keyClicks(box, "a"))
    typist.start()
    try:
        qtbot.waitUntil(lambda: bool(saved), timeout=5000)
        assert typist.isActive()  # still typing when the text was saved
    finally:
        typist.stop()
    qtbot.waitUntil(lambda: autosave.all_saved)
    assert saved[-1] == box.toPlainText()


def test_leaving_a_field_or_flushing_saves_it_at_once(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, line, box = form(qtbot)
    queue = SaveQueue(runner)
    autosave = Autosave(queue)
    saved: list[tuple[str, str]] = []
    autosave.bind_text(line, lambda t: saved.append(("line", t)), key="line")
    autosave.bind_text(box, lambda t: saved.append(("box", t)), key="box")
    line.setFocus()
    qtbot.keyClicks(line, "Dad")
    with qtbot.waitSignal(queue.done):
        box.setFocus()  # focus-out of the line: saved before any pause
    assert saved == [("line", "Dad")]
    qtbot.keyClicks(box, "School")
    with qtbot.waitSignal(queue.done):
        autosave.flush()
    assert saved[-1] == ("box", "School")


def test_filling_a_field_from_the_database_is_not_written_back(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, line, _box = form(qtbot)
    autosave = Autosave(SaveQueue(runner))
    saved: list[str] = []
    autosave.bind_text(line, saved.append, key="line")
    autosave.loading = True
    line.setText("from the database")
    autosave.loading = False
    autosave.flush()
    assert autosave.all_saved
    assert saved == []


def test_a_write_the_disk_refused_is_tried_again(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, line, _box = form(qtbot)
    queue = SaveQueue(runner)
    autosave = Autosave(queue)
    attempts: list[str] = []

    def save(text: str) -> None:
        attempts.append(text)
        if len(attempts) == 1:
            raise DiskFull()

    autosave.bind_text(line, save, key="line")
    qtbot.keyClicks(line, "kept")
    with qtbot.waitSignal(queue.failed) as failed:
        autosave.flush()
    assert "The disk is full" in failed.args[0]
    qtbot.waitUntil(lambda: len(attempts) == 2, timeout=5000)  # retried without more typing
    assert attempts == ["kept", "kept"]
    qtbot.waitUntil(lambda: autosave.all_saved)


def test_closing_writes_what_is_still_queued(qtbot: QtBot, runner: TaskRunner) -> None:
    _widget, line, _box = form(qtbot)
    queue = SaveQueue(runner)
    autosave = Autosave(queue)
    gate = threading.Event()
    saved: list[str] = []
    queue.submit(lambda: gate.wait(10))
    autosave.bind_text(line, saved.append, key="line")
    qtbot.keyClicks(line, "last words")
    autosave.flush()
    gate.set()
    queue.finish_now()
    assert saved == ["last words"]
    assert queue.is_idle
