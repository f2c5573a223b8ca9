"""Import a caseload export: choose the file and whose cases, watch progress, read the report.

The import runs on the task runner; the dialog stays responsive and can cancel it. A file the
importer refuses (``ImportFailed``) shows its message here and changes nothing. On success the
report is shown and :attr:`ImportDialog.imported` carries the ``ImportReport`` to the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.importing import ImportReport

log = logging.getLogger(__name__)

#: What the dialog calls to import: ``workbench.importing.import_caseload`` unless a test
#: hands in a stand-in with the same keyword arguments.
Importer = Callable[..., "ImportReport"]

FILE_FILTER = "Caseload exports (*.csv *.xlsx *.xlsm *.xls *.ods);;All files (*)"


class ImportDialog(QDialog):
    """``imported(ImportReport)`` is emitted when an import has been committed."""

    imported = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 worker: str = "", team: str = "", importer: Importer | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import caseload"))
        self.services = services
        self._importer = importer
        self._task: Task[ImportReport] | None = None
        #: The report of the last import that was committed: the dialog's result.
        self.report: ImportReport | None = None

        self.file_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.worker_edit = QLineEdit(worker)
        self.team_edit = QLineEdit(team)
        self.complete_check = QCheckBox(
            self.tr("&Complete export: close open cases that are not in the file"))
        self.progress_bar = QProgressBar()
        self.status_label = QLabel()
        self.error_label = QLabel()
        self.report_view = QPlainTextEdit()
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton(self.tr("C&ancel import"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self._build_layout()
        self._connect_signals()
        self._set_running(False)

    def _build_layout(self) -> None:
        self.file_edit.setAccessibleName(self.tr("File to import"))
        self.file_edit.setPlaceholderText(self.tr("A CSV, Excel or Ofsted Annex A workbook"))
        self.file_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        self.browse_button.setAccessibleName(self.tr("Choose the file to import"))
        self.worker_edit.setAccessibleName(self.tr("Only cases of this worker"))
        self.worker_edit.setPlaceholderText(self.tr("Any worker"))
        self.team_edit.setAccessibleName(self.tr("Only cases of this team"))
        self.team_edit.setPlaceholderText(self.tr("Any team"))
        self.complete_check.setAccessibleName(self.tr("Complete export"))
        self.complete_check.setChecked(True)  # as the command line and the service assume
        self.complete_check.setToolTip(self.tr(
            "Tick when the file holds every open case of the chosen worker or team: cases not "
            "in it are closed (never deleted)."))
        self.progress_bar.setAccessibleName(self.tr("Import progress"))
        self.progress_bar.setTextVisible(True)
        self.status_label.setWordWrap(True)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Import problem"))
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Import report"))
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setMinimumHeight(self.fontMetrics().height() * 10)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_row)
        worker_label = QLabel(self.tr("&Worker:"))
        worker_label.setBuddy(self.worker_edit)
        form.addRow(worker_label, self.worker_edit)
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team_edit)
        form.addRow(team_label, self.team_edit)
        form.addRow("", self.complete_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.file_edit, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.worker_edit)
        QWidget.setTabOrder(self.worker_edit, self.team_edit)
        QWidget.setTabOrder(self.team_edit, self.complete_check)
        QWidget.setTabOrder(self.complete_check, self.import_button)
        self.import_button.setDefault(True)
        self.report_view.hide()
        self.error_label.hide()

    def _connect_signals(self) -> None:
        self.browse_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.close_button.clicked.connect(self.close_dialog)

    # -- actions ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = self.file_edit.text() or str(Path.home())
        chooser = QFileDialog(self, self.tr("Choose a caseload export"), start,
                              self.tr(FILE_FILTER))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.file_edit.setText)
        chooser.open()

    @property
    def is_running(self) -> bool:
        return self._task is not None

    def start_import(self) -> None:
        if self.is_running:
            return
        path = Path(self.file_edit.text().strip()).expanduser()
        if not self.file_edit.text().strip():
            self._show_problem(self.tr("Choose the file to import first (Browse…)."))
            return
        if not path.is_file():
            self._show_problem(self.tr("There is no file at %1. Check the name, or choose the "
                                       "file with Browse….").replace("%1", str(path)))
            return
        worker = self.worker_edit.text().strip() or None
        team = self.team_edit.text().strip() or None
        complete = self.complete_check.isChecked()
        services = self.services
        importer = self._importer

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> ImportReport:
            run: Importer
            if importer is None:
                from workbench.importing import import_caseload as run
            else:
                run = importer
            return run(services.sessions, path, worker=worker, team=team, complete=complete,
                       actor_id=services.actor_id, audit=services.audit, clock=services.clock,
                       progress=progress, is_cancelled=is_cancelled)

        self.error_label.hide()
        self.report_view.hide()
        self.progress_bar.setRange(0, 0)  # busy until the first progress report
        self.status_label.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._set_running(True)
        self._task = self.services.runner.run(
            work, on_progress=self._progressed, on_success=self._succeeded,
            on_failure=self._failed, on_cancelled=self._cancelled, on_finished=self._finished,
            owner=self, name="import caseload")

    def cancel_import(self) -> None:
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

    def _succeeded(self, report: ImportReport) -> None:
        self.report = report
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.status_label.setText(self.tr("Imported. The caseload has been updated."))
        self.report_view.setPlainText(report.format_text())
        self.report_view.show()
        self.imported.emit(report)

    def _failed(self, error: Exception) -> None:
        from workbench.importing import ImportFailed

        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label.setText(self.tr("Nothing was imported."))
        if isinstance(error, ImportFailed):
            self._show_problem(str(error))
            return
        log.error("caseload import failed", exc_info=error)
        message = getattr(error, "user_message", None) or self.tr(
            "The import stopped because of an unexpected problem (%1). Nothing was changed. "
            "Please report this to your administrator.").replace("%1", type(error).__name__)
        self._show_problem(message)

    def _cancelled(self) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label.setText(self.tr("Import cancelled. Nothing was changed."))

    def _finished(self) -> None:
        self._task = None
        self._set_running(False)
        if self.report is not None and not self.error_label.isVisible():
            # Done: Enter now closes the dialog; another import is one Tab away.
            self.import_button.setDefault(False)
            self.close_button.setDefault(True)
            self.close_button.setFocus()

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.file_edit.setFocus()

    def _set_running(self, running: bool) -> None:
        for widget in (self.file_edit, self.browse_button, self.worker_edit, self.team_edit,
                       self.complete_check, self.import_button, self.close_button):
            widget.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress_bar.setVisible(running or self.report is not None)
        if running:
            self.cancel_button.setFocus()

    # -- closing: never while an import is running (Escape and the title bar cancel it) ----
    def close_dialog(self) -> None:
        """Close; the result code says whether an import was committed."""
        if self.is_running:
            self.cancel_import()
            return
        self.done(QDialog.DialogCode.Accepted if self.report is not None
                  else QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Escape, and the window's close button (through closeEvent)
        if self.is_running:
            self.cancel_import()
            return
        self.close_dialog()
