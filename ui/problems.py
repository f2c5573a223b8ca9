"""Environment problems in the UI: a clear message, nothing typed is lost, the app carries on.

A full disk, a locked database, a wrong passphrase, a keyring that will not open or a server
that went away are not bugs (:func:`workbench.errors.classify` tells them apart). What the
UI does with them:

- :func:`explain` turns any exception into a :class:`Problem`: the message to show, whether it
  came from outside the program, and whether the same write is worth trying again. It is the
  one place the UI turns an exception into words: a refusal from the core (access denied, a
  session not editable, a signing or export problem) says its own message, an environment
  problem says what to do next, and anything else is a bug, logged in full and reported;
- :func:`show_problem` says it in a message box that does not block (``open()``);
- :class:`SaveWarning` is the non-modal notice an editor shows while a save keeps failing
  ("Not saved yet: … Your text is kept and will be saved as soon as it can"); the editor keeps
  its text and tries again after :func:`retry_delay_ms`, then calls :meth:`SaveWarning.clear`
  once a save goes through;
- :func:`install_error_hook` catches what escapes a slot, so that an environment problem is a
  message, not a traceback on the terminal and a window left half-updated; a bug gets the
  crash dialog (:func:`show_crash`), which says where the log file with the details is.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ui.i18n import arg, message_of, translate, translated

log = logging.getLogger(__name__)

# How long to wait before the next try of a failed save: quickly at first, then every 30 s.
_RETRY_STEPS_MS = (1_000, 2_000, 5_000, 10_000, 30_000)


@dataclass(frozen=True)
class Problem:
    message: str
    environment: bool  # outside the program (disk, lock, passphrase, keyring, server)
    retry: bool  # the same write may well work later (disk freed, lock gone, server back)


# The core's refusals: their message is written for the person at the keyboard and says what to
# do. Looked up in sys.modules so that explaining an error never imports a module: an error of
# one of these types can only exist once its module is loaded.
_REFUSALS = (
    ("workbench.access", "AccessDenied"),
    ("workbench.supervision.errors", "SupervisionError"),
    ("workbench.signing.identity", "SigningError"),
    ("workbench.signin", "WeakPassphrase"),
    ("workbench.staff_admin", "InvalidStaffChange"),
    ("workbench.export.batch", "ExportError"),
    ("workbench.export.making", "DocumentsError"),
    ("workbench.export.kept", "PassphraseNeeded"),
    ("workbench.importing.errors", "ImportFailed"),
    ("workbench.server.setup", "ServerSetupError"),
    ("workbench.audits.service", "AuditError"),
    ("workbench.audits.form", "AuditFormError"),
    ("workbench.audits.sampling", "SamplingError"),
    ("workbench.intervals", "PolicyError"),
    ("workbench.oversight.compute", "PeriodError"),
    ("ui.records.printing", "PrintProblem"),
)


def is_refusal(error: BaseException) -> bool:
    """Whether ``error`` is the core saying no, in words meant for the user (not a bug)."""
    for module_name, class_name in _REFUSALS:
        module = sys.modules.get(module_name)
        kind = getattr(module, class_name, None) if module is not None else None
        if isinstance(kind, type) and isinstance(error, kind):
            return True
    return False


def explain(error: BaseException, failed: str | None = None) -> Problem:
    """What to tell the user about ``error`` (the services' own words where they have some).

    ``failed`` says what did not happen (e.g. "Nothing was signed"); it leads the message for
    a bug, which is also logged with its traceback."""
    from workbench.errors import DatabaseLocked, DiskFull, ServerGone, classify

    if is_refusal(error):
        return Problem(message_of(error), environment=False, retry=False)
    problem = classify(error)
    if problem is not None:
        retry = isinstance(problem, DatabaseLocked | DiskFull | ServerGone)
        return Problem(message_of(problem), environment=True, retry=retry)
    message = getattr(error, "user_message", None)
    if isinstance(message, str) and message:
        return Problem(translated(message), environment=False, retry=False)
    if isinstance(error, OSError):  # a file or folder outside the program: say which, and what failed
        detail = (error.strerror or str(error)) + (f" ({error.filename})" if error.filename else "")
        failed = failed or translate("Problems", "A file could not be read or written")
        return Problem(arg(translate("Problems", "%1: %2. Check the file or folder and try again."),
                           failed, detail), environment=True, retry=False)
    log.error("unexpected error: %s", failed or "in the workbench",
              exc_info=(type(error), error, error.__traceback__))
    failed = failed or translate("Problems", "Something went wrong inside the workbench")
    return Problem(arg(translate("Problems", "%1: an unexpected problem (%2). Your work is still on the "
                                             "screen; please report this to your administrator."),
                       failed, f"{type(error).__name__}: {error}"), environment=False, retry=False)


def retry_delay_ms(attempt: int) -> int:
    """The wait before try number ``attempt`` (1 = the first retry) of a failed save."""
    return _RETRY_STEPS_MS[min(max(attempt, 1), len(_RETRY_STEPS_MS)) - 1]


def show_problem(parent: QWidget | None, error: BaseException | str,
                 title: str | None = None) -> QMessageBox:
    """A message box that does not block: opened with ``open()``, deleted when closed."""
    message = error if isinstance(error, str) else explain(error).message
    box = QMessageBox(QMessageBox.Icon.Warning,
                      title or translate("Problems", "Practice Supervision Workbench"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths and names are not markup
    box.open()
    return box


class SaveWarning(QFrame):
    """A non-modal notice shown while a save keeps failing; the text stays in its editor.

    ``retry_requested`` follows a click on "Try again now". Typical use in an editor::

        problem = warning.report(error)        # shows it; returns what it was
        if problem.retry:
            QTimer.singleShot(retry_delay_ms(attempt), save_again)   # keep the text, try later
        ...
        warning.clear()                        # after the next save that goes through
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("save_warning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#save_warning { background: #fff4ce; border: 1px solid #c8a600; "
                           "border-radius: 3px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.retry_button = QPushButton(translate("Problems", "Try again now"))
        self.retry_button.setAccessibleName(translate("Problems", "Try saving again now"))
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.setAccessibleName(translate("Problems", "Not saved yet"))
        self.hide()

    def report(self, error: BaseException) -> Problem:
        problem = explain(error)
        if problem.retry:
            text = arg(translate("Problems", "Not saved yet: %1 Your text is kept on the screen and will "
                                             "be saved as soon as it can; the workbench keeps trying."),
                       problem.message)
        else:
            text = arg(translate("Problems", "Not saved: %1"), problem.message)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.retry_button.setVisible(problem.retry)
        self.show()
        return problem

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def show_crash(parent: QWidget | None, message: str, log_path: Path | None) -> QMessageBox:
    """The crash dialog: what went wrong, that saved work is safe, and where the log is."""
    text = arg(translate("Problems", "The workbench met a problem it did not expect.\n\n%1\n\nEverything "
                                     "already saved is safe. If the window does not behave as it should, "
                                     "close the workbench and open it again."), message)
    if log_path is not None:
        text += "\n\n" + arg(translate("Problems", "The details are in the log file:\n%1\nSend it with your "
                                                   "report (it holds no passphrases and no records)."),
                             log_path)
    box = QMessageBox(QMessageBox.Icon.Critical,
                      translate("Problems", "Practice Supervision Workbench: a problem"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("crash_dialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy the path
    box.open()
    return box


def install_error_hook(parent: Callable[[], QWidget | None], log_path: Path | None = None) -> Hook:
    """Show exceptions that escape a slot (over ``parent()``); returns the old hook.

    Environment problems and refusals get their message; a bug is logged in full and gets the
    crash dialog, naming ``log_path``. KeyboardInterrupt and SystemExit go to the previous hook.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not isinstance(error, Exception) or QCoreApplication.instance() is None:
            previous(kind, error, trace)
            return
        problem = explain(error)  # a bug is logged here, with its traceback
        if problem.environment or is_refusal(error) or getattr(error, "user_message", None):
            show_problem(parent(), problem.message)
        else:
            show_crash(parent(), problem.message, log_path)

    sys.excepthook = hook
    return previous
