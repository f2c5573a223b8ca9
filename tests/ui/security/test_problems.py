"""Environment problems in the UI: a clear message, a save that keeps trying without losing the
text, and exceptions that escape a slot shown as messages rather than lost on a terminal."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from ui.problems import Problem, SaveWarning, explain, install_error_hook, retry_delay_ms, show_problem
from workbench.access import AccessDenied
from workbench.errors import DiskFull, WrongPassphrase


def _locked() -> OperationalError:
    return OperationalError("UPDATE …", {}, sqlite3.OperationalError("database is locked"))


def test_environment_problems_are_told_apart_from_bugs_and_refusals() -> None:
    locked = explain(_locked())
    assert locked.environment
    assert locked.retry
    assert "another copy of the workbench is writing" in locked.message
    assert explain(OSError(28, "No space left on device")).retry
    wrong = explain(WrongPassphrase())
    assert wrong.environment
    assert not wrong.retry  # typing it again is the person's move, not a timer's
    refused = explain(AccessDenied("Workers see their own caseload only."))
    assert refused == Problem("Workers see their own caseload only.", environment=False, retry=False)
    bug = explain(KeyError("answers"))
    assert not bug.environment
    assert "please report this" in bug.message
    assert explain(KeyError("x"), "Nothing was signed").message.startswith("Nothing was signed: ")
    assert [retry_delay_ms(n) for n in (1, 2, 3, 4, 5, 9)] == [1000, 2000, 5000, 10000, 30000, 30000]


class Editor(QWidget):
    """An editor saving through a write that fails while the database is locked."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.text = QPlainTextEdit()
        self.warning = SaveWarning()
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.text)
        self.failures = failures
        self.saved: list[str] = []
        self.attempt = 0
        self.warning.retry_requested.connect(self.save)

    def write(self, value: str) -> None:
        if self.failures:
            self.failures -= 1
            raise _locked()
        self.saved.append(value)

    def save(self) -> None:
        try:
            self.write(self.text.toPlainText())
        except Exception as error:
            self.attempt += 1
            if self.warning.report(error).retry:
                QTimer.singleShot(retry_delay_ms(self.attempt) // 100, self.save)  # quick, for the test
            return
        self.attempt = 0
        self.warning.clear()


def test_a_save_that_meets_a_locked_database_warns_without_blocking_and_keeps_the_text(
    qtbot: QtBot
) -> None:
    editor = Editor(failures=2)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.text, "Mum moved out on Friday")
    editor.save()
    assert editor.warning.isVisible()
    assert editor.warning.text.startswith("Not saved yet: The database is busy")
    assert "Your text is kept on the screen" in editor.warning.text
    assert editor.warning.retry_button.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    qtbot.keyClicks(editor.text, " and took the baby")  # typing goes on meanwhile
    qtbot.waitUntil(lambda: bool(editor.saved), timeout=5_000)
    assert editor.saved == ["Mum moved out on Friday and took the baby"]
    assert not editor.warning.isVisible()
    assert editor.text.toPlainText() == "Mum moved out on Friday and took the baby"


def test_a_refusal_is_shown_once_and_not_retried(qtbot: QtBot) -> None:
    warning = SaveWarning()
    qtbot.addWidget(warning)
    problem = warning.report(AccessDenied("Only the supervisor can change the supervision record."))
    assert not problem.retry
    assert warning.text == "Not saved: Only the supervisor can change the supervision record."
    assert not warning.retry_button.isVisibleTo(warning)


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    for box in widget.findChildren(QMessageBox):
        box.close()


def test_an_environment_problem_escaping_a_slot_becomes_a_message_box(
    qtbot: QtBot, parent: QWidget
) -> None:
    previous = sys.excepthook
    install_error_hook(lambda: parent)
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text() == DiskFull().user_message
    assert boxes[0].windowModality() is not Qt.WindowModality.ApplicationModal  # open(), not exec()


def test_a_bug_escaping_a_slot_gets_the_crash_dialog_naming_the_log(
    qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    log_path = tmp_path / "logs" / "workbench.log"
    previous = sys.excepthook
    install_error_hook(lambda: parent, log_path)
    try:
        try:
            {}["answers"]
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    [box] = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert box.objectName() == "crash_dialog"
    assert box.icon() is QMessageBox.Icon.Critical
    assert "KeyError: 'answers'" in box.text()
    assert str(log_path) in box.text()
    assert "Everything already saved is safe" in box.text()


def test_show_problem_opens_a_box_that_deletes_itself(qtbot: QtBot, parent: QWidget) -> None:
    box = show_problem(parent, WrongPassphrase())
    assert box.isVisible()
    assert box.text() == WrongPassphrase().user_message
    with qtbot.waitSignal(box.destroyed):
        box.close()


def test_the_audits_and_oversight_refusals_are_refusals_not_bugs(caplog: pytest.LogCaptureFixture) -> None:
    # Plain ValueErrors in the core, written for the person: shown as they are, with no
    # "unexpected problem" around them and no traceback in the log.
    from workbench.audits.form import AuditFormError
    from workbench.audits.sampling import SamplingError
    from workbench.audits.service import AuditError
    from workbench.intervals import PolicyError
    from workbench.oversight.compute import PeriodError

    for kind in (AuditError, AuditFormError, SamplingError, PolicyError, PeriodError):
        refusal = kind("Grade every item before you finish the audit.")
        assert explain(refusal, "Nothing was saved") == Problem(str(refusal), environment=False, retry=False)
    assert not caplog.records
    assert "unexpected problem" in explain(ValueError("a bug"), "Nothing was saved").message


def test_the_cores_refusals_and_a_missing_file_say_their_own_words() -> None:
    from workbench.export.kept import PassphraseNeeded
    from workbench.signing.identity import SigningError
    from workbench.supervision.errors import SessionNotEditable

    for refusal in (SigningError("Ask an admin to issue one."), SessionNotEditable("Return it to draft."),
                    PassphraseNeeded("Ann Manager's key wants its passphrase.")):
        assert explain(refusal) == Problem(str(refusal), environment=False, retry=False)
    gone = FileNotFoundError(2, "No such file or directory", "/gone/out.pdf")
    missing = explain(gone, "Nothing was exported")
    assert missing.environment
    assert missing.message == ("Nothing was exported: No such file or directory (/gone/out.pdf). Check the "
                               "file or folder and try again.")
