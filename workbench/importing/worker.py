"""Reading a large file in a process of its own, so that the app's UI thread never waits on it.

Reading, cleaning and combining 50,000 rows is a second or two of pure Python and Rust that
holds the GIL: run on a thread of the app's process, it took the UI thread's turn for up to
300 ms at a time (calamine converts a whole sheet in one call; the objects it leaves behind
are freed in one go). In a spawned process it competes for a core only, which the operating
system shares fairly. The process reads the file and writes nothing: the database is written
by the caller, as before, in one transaction.

What comes back is sent in slices (a few thousand cases each), so that unpickling it is never
one long call either. Progress comes back as it happens; cancelling ends the process.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import pickle
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.importing.errors import ImportFailed
from workbench.messages import message_in, translatable

if TYPE_CHECKING:
    from workbench.importing.prepare import Prepared

#: Files smaller than this are read on the caller's thread: they take less than the process
#: costs to start (a 5,000-row CSV is about half a megabyte).
SEPARATE_PROCESS_FROM_BYTES = 1024 * 1024
_SLICE = 500  # unpickled in a few milliseconds, even on a busy machine
_POLL_SECONDS = 0.05


def worth_a_process(path: Path) -> bool:
    """Whether reading ``path`` is long enough to be done in a process of its own."""
    try:
        return path.stat().st_size >= SEPARATE_PROCESS_FROM_BYTES
    except OSError:  # the reader reports a missing or unreadable file in its own words
        return False


def prepare_elsewhere(path: Path, *, worker: str | None, team: str | None, max_bytes: int,
                      today: dt.date, progress: Callable[[int, int], None],
                      is_cancelled: Callable[[], bool]) -> Prepared:
    """What :func:`workbench.importing.prepare.prepare` gives, worked out in a spawned process.

    ``progress(done, total)`` is called on this thread as the process reports; when
    ``is_cancelled()`` turns true the process is ended and ImportFailed("cancelled") raised.
    """
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(theirs, str(path), worker, team, max_bytes, today),
                              name="workbench-import-reader", daemon=True)
    process.start()
    theirs.close()
    try:
        return _receive(ours, process, progress, is_cancelled)
    finally:
        ours.close()
        if process.is_alive():
            process.terminate()
        process.join(5)


def _cancelled() -> ImportFailed:
    return ImportFailed(translatable("workbench.importing", "The import was cancelled; nothing was changed."),
                        code="cancelled")


def _receive(connection: Connection, process: Any, progress: Callable[[int, int], None],
             is_cancelled: Callable[[], bool]) -> Prepared:
    prepared: Any = None
    cases: list[Any] = []
    children: dict[str, dict[str, Any]] = {}
    while True:
        if is_cancelled():
            raise _cancelled()
        if not connection.poll(_POLL_SECONDS):
            if not process.is_alive() and not connection.poll(0):
                raise ImportFailed(translatable(
                        "workbench.importing", "Reading the file stopped unexpectedly; nothing was changed. "
                                               "Import it again; if this happens again, report it."),
                                   code="unreadable")
            continue
        try:
            kind, payload = pickle.loads(connection.recv_bytes())
        except EOFError:
            continue  # the process ended: the check above reports it
        if kind == "progress":
            progress(*payload)
        elif kind == "failed":
            message, code = payload
            raise ImportFailed(message, code=code)
        elif kind == "prepared":
            prepared = payload
        elif kind == "cases":
            cases += payload
        elif kind == "children":
            children.update(payload)
        elif kind == "done":
            prepared.combined.cases = cases
            prepared.combined.children = children
            return prepared  # type: ignore[no-any-return]


def _child(connection: Connection, path: str, worker: str | None, team: str | None,
           max_bytes: int, today: dt.date) -> None:
    """The process's work: read and combine, then send it all back in slices."""
    from workbench.export.pool_worker import lower_priority
    from workbench.importing.prepare import Tracker, prepare
    from workbench.importing.reading import Source

    # The app's UI thread must win every contest for a core with this process, as with the
    # export's processes (see workbench.export.pool_worker).
    lower_priority()

    def send(kind: str, payload: object) -> None:
        connection.send_bytes(pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL))

    gc.disable()  # many small objects, no cycles: see service._collector_paused
    try:
        tracker = Tracker(lambda done, total: send("progress", (done, total)), None)
        prepared = prepare(Path(path), worker=worker, team=team, tracker=tracker,
                            max_bytes=max_bytes, today=today)
        prepared.combined.draft_all()
    except ImportFailed as error:
        send("failed", (message_in(error), error.code))  # a Message pickles: the UI translates it
        return
    except Exception as error:  # a bug: the caller reports it; the traceback stays here
        send("failed", (translatable("workbench.importing", "Reading the file failed (%1: %2); nothing was "
                                                            "changed. Report this problem.")
                        .arg(type(error).__name__, str(error)), "unreadable"))
        raise
    cases, children = prepared.combined.cases, prepared.combined.children
    source = prepared.source
    # The source's reader stays here; the cases follow in slices.
    send("prepared", replace(
        prepared, source=Source(source.file_name, source.sha256, source.size, source.sheet_names,
                                _no_sheets),
        combined=replace(prepared.combined, cases=[], children={})))
    for start in range(0, len(cases), _SLICE):
        send("cases", cases[start:start + _SLICE])
    refs = list(children)
    for start in range(0, len(refs), _SLICE):
        send("children", {ref: children[ref] for ref in refs[start:start + _SLICE]})
    send("done", None)
    connection.close()


def _no_sheets(name: str) -> Any:
    raise LookupError(f"the sheets were read in another process ({name})")
