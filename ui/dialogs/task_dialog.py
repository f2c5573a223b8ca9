"""The pattern of a dialog that runs one task: progress bar, cancel, status and problem lines.

:class:`TaskDialog` owns the task wiring the import and export dialogs share: the busy bar
that becomes a progress bar, a status line, a problem label, a report view, the action /
Close / Cancel buttons, enabling the inputs while a task runs, and the closing rule (Escape
and the title bar cancel a running task, never close the dialog). Once a task has produced a
result, Enter closes the dialog. Subclasses build their own form and texts.

:func:`problem_label` is the red, selectable, plain-text label every dialog shows problems in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ui.tasks import Task, TaskRunner, Work


def problem_label() -> QLabel:
    """A hidden label for problems: red, wrapped, plain text (file names are not markup)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class TaskDialog(QDialog):
    """Base of a dialog that runs one cancellable task and shows its progress and outcome.

    Subclasses call :meth:`_init_task_widgets` and :meth:`_add_task_buttons` in ``__init__``,
    :meth:`_add_task_rows` when laying out, and ``_set_running(False)`` last; they say which
    inputs a running task disables (:meth:`_input_widgets`), whether there is a result
    (:meth:`_has_result`), and what a cancelled task means (:meth:`_cancelled`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._task: Task[Any] | None = None

    def _init_task_widgets(self, *, progress_name: str, problem_name: str) -> None:
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(progress_name)
        self.progress_bar.setTextVisible(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_label = problem_label()
        self.error_label.setAccessibleName(problem_name)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.hide()

    def _add_task_buttons(self, action_text: str, cancel_text: str) -> QPushButton:
        """Add the action, Close and Cancel buttons; returns the action button (the default)."""
        self.buttons = QDialogButtonBox()
        self._action_button = self.buttons.addButton(action_text,
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton(cancel_text,
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.close_button.clicked.connect(self.close_dialog)
        return self._action_button

    def _add_task_rows(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)
        self._action_button.setDefault(True)

    # -- what subclasses say ---------------------------------------------------------------
    def _input_widgets(self) -> Sequence[QWidget]:
        """The inputs a running task disables (the action and Close buttons are added)."""
        raise NotImplementedError

    def _has_result(self) -> bool:
        raise NotImplementedError

    def _cancelled(self) -> None:
        raise NotImplementedError

    # -- running ---------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self._task is not None

    def _start_task(self, runner: TaskRunner, work: Work[Any], *, status: str, name: str,
                    on_success: Callable[[Any], None],
                    on_failure: Callable[[Exception], None]) -> None:
        self.error_label.hide()
        self.report_view.hide()
        self.progress_bar.setRange(0, 0)  # busy until the first progress report
        self.status_label.setText(status)
        self._set_running(True)
        self._task = runner.run(
            work, on_progress=self._progressed, on_success=on_success, on_failure=on_failure,
            on_cancelled=self._cancelled, on_finished=self._finished, owner=self, name=name)

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    # -- outcomes (on the UI thread) -------------------------------------------------------
    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.status_label.setText(text)

    def _show_stopped(self, status: str) -> None:
        """The task failed or was cancelled: an empty bar and what that means."""
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label.setText(status)

    def _finished(self) -> None:
        self._task = None
        self._set_running(False)
        if self._has_result() and not self.error_label.isVisible():
            # Done: Enter now closes the dialog; another run is one Tab away.
            self._action_button.setDefault(False)
            self.close_button.setDefault(True)
            self.close_button.setFocus()

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _set_running(self, running: bool) -> None:
        for widget in (*self._input_widgets(), self._action_button, self.close_button):
            widget.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress_bar.setVisible(running or self._has_result())
        if running:
            self.cancel_button.setFocus()

    # -- closing: never while a task is running (Escape and the title bar cancel it) -------
    def close_dialog(self) -> None:
        """Close; the result code says whether the task produced a result."""
        if self.is_running:
            self.cancel_task()
            return
        self.done(QDialog.DialogCode.Accepted if self._has_result()
                  else QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Escape, and the window's close button (through closeEvent)
        if self.is_running:
            self.cancel_task()
            return
        self.close_dialog()
