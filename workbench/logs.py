"""The log file and the crash file, in the platform's log folder.

:func:`start_logging` (called by the desktop app first thing) writes the workbench's own log
records to a rotating ``workbench.log`` and points :mod:`faulthandler` at ``crash.log``, so a
crash inside Qt or a driver still leaves a Python traceback behind. The crash dialog and the
README tell people where these files are.

What is logged says what happened to which record by id, never what is in it: no passphrase,
key, typed text or child's name. SQLAlchemy is told to leave statement values out of its
error messages (db.engine) for the same reason.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from platformdirs import user_log_path

from workbench.settings import APP_NAME

LOG_DIR_ENV = "WORKBENCH_LOG_DIR"
LOG_FILE = "workbench.log"
CRASH_FILE = "crash.log"
#: Five files of a megabyte each: weeks of ordinary use, and a bounded disk cost.
MAX_BYTES = 1_000_000
BACKUPS = 4
#: Our own loggers log at INFO; everyone else's (pyHanko, matplotlib, …) only from WARNING.
OWN_LOGGERS = ("workbench", "ui", "db")
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


@dataclass(frozen=True)
class LogFiles:
    """Where this run logs: the rotating log and the crash file."""

    log_path: Path
    crash_path: Path


def log_dir() -> Path:
    """The platform's log folder for the workbench (only its owner may enter it);
    WORKBENCH_LOG_DIR overrides it (tests, portable installs)."""
    override = os.environ.get(LOG_DIR_ENV)
    path = Path(override) if override else user_log_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


_started: tuple[LogFiles, logging.Handler, IO[str] | None] | None = None


def start_logging(folder: Path | None = None, *, crash_file: bool = True) -> LogFiles:
    """Log to ``folder`` (default :func:`log_dir`) and, with ``crash_file``, point faulthandler
    at the crash file; once per process (a second call returns where the first one logs)."""
    global _started
    if _started is not None:
        return _started[0]
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    files = LogFiles(folder / LOG_FILE, folder / CRASH_FILE)
    handler = logging.handlers.RotatingFileHandler(files.log_path, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    crash: IO[str] | None = None
    if crash_file:
        # faulthandler writes to the file descriptor when the process is dying: keep it open.
        crash = open(files.crash_path, "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=crash, all_threads=True)
    _started = (files, handler, crash)
    return files


def stop_logging() -> None:
    """Close the log and the crash file (at exit; tests)."""
    global _started
    if _started is None:
        return
    _files, handler, crash = _started
    _started = None
    logging.getLogger().removeHandler(handler)
    handler.close()
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    if crash is not None:
        faulthandler.disable()
        crash.close()

