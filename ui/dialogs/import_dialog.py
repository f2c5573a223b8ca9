"""Import a caseload export: choose the file and whose cases, preview, confirm, read the report.

The scope starts at the chosen worker, as a partial export (closing nothing). The first press
of the action button previews the import (``plan_import``, which writes nothing): how many
cases would be added, updated and closed, and each closure by whose caseload. Closing cases of
anyone but the chosen worker needs the confirmation box ticked; the second press imports.
Changing the file or the scope forgets the preview. Both steps run on the task runner; the
dialog stays responsive and can cancel. A refusal (``ImportFailed``, ``AccessDenied``) shows
its message here and changes nothing. On success the report is shown and
:attr:`ImportDialog.imported` carries the ``ImportReport`` to the window.
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
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import TaskDialog
from ui.i18n import arg, translate, translated
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.importing import ImportPreview, ImportReport

log = logging.getLogger(__name__)

#: What the dialog calls to import: ``workbench.importing.import_caseload`` unless a test
#: hands in a stand-in with the same keyword arguments.
Importer = Callable[..., "ImportReport"]

FILE_FILTER = "Caseload exports (*.csv *.xlsx *.xlsm *.xls *.ods);;All files (*)"


class ImportDialog(TaskDialog):
    """``imported(ImportReport)`` is emitted when an import has been committed;
    ``undone(UndoReport)`` when an import was undone from the history."""

    imported = Signal(object)
    undone = Signal(object)
    previewed = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 worker: str = "", team: str = "", importer: Importer | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import caseload"))
        self.services = services
        self._importer = importer
        #: The report of the last import that was committed: the dialog's result.
        self.report: ImportReport | None = None
        #: What the import would do, for the file and scope as they are now (None: not previewed).
        self.preview: ImportPreview | None = None

        self.file_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.worker_edit = QLineEdit(worker)
        self.team_edit = QLineEdit(team)
        self.complete_check = QCheckBox(
            self.tr("&Complete export: close open cases that are not in the file"))
        self.confirm_check = QCheckBox()
        self.history_button = QPushButton(self.tr("&History…"))
        self._init_task_widgets(progress_name=self.tr("Import progress"),
                                problem_name=self.tr("Import problem"))
        self.import_button = self._add_task_buttons(self.tr("&Preview"), self.tr("C&ancel import"))
        self.buttons.addButton(self.history_button, self.buttons.ButtonRole.ActionRole)
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
        self.complete_check.setChecked(False)  # closing is opted into, never a default
        self.complete_check.setToolTip(self.tr(
            "Tick when the file holds every open case of the chosen worker or team: cases not "
            "in it are closed (never deleted). The preview shows each closure first."))
        self.confirm_check.setAccessibleName(self.tr("Confirm closing other workers' cases"))
        self.confirm_check.hide()
        self.history_button.setAccessibleName(self.tr("Import history: undo an import"))
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
        self._add_task_rows(layout)
        layout.insertWidget(layout.indexOf(self.buttons), self.confirm_check)
        QWidget.setTabOrder(self.file_edit, self.browse_button)
        QWidget.setTabOrder(self.browse_button, self.worker_edit)
        QWidget.setTabOrder(self.worker_edit, self.team_edit)
        QWidget.setTabOrder(self.team_edit, self.complete_check)
        QWidget.setTabOrder(self.complete_check, self.confirm_check)
        QWidget.setTabOrder(self.confirm_check, self.import_button)

    def _connect_signals(self) -> None:
        self.browse_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.start_import)
        self.history_button.clicked.connect(self.open_history)
        self.confirm_check.toggled.connect(self._update_action)
        for edit in (self.file_edit, self.worker_edit, self.team_edit):
            edit.textChanged.connect(self._forget_preview)
        self.complete_check.toggled.connect(self._forget_preview)

    # -- actions ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = self.file_edit.text() or str(Path.home())
        chooser = QFileDialog(self, self.tr("Choose a caseload export"), start,
                              self.tr(FILE_FILTER))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.file_edit.setText)
        chooser.open()

    def start_import(self) -> None:
        """Preview the import; once previewed (and any closures confirmed), import it."""
        if self.is_running:
            return
        path = Path(self.file_edit.text().strip()).expanduser()
        if not self.file_edit.text().strip():
            self._show_problem(self.tr("Choose the file to import first (Browse…)."))
            return
        if not path.is_file():
            self._show_problem(arg(self.tr("There is no file at %1. Check the name, or choose the "
                                       "file with Browse…."), str(path)))
            return
        worker = self.worker_edit.text().strip() or None
        team = self.team_edit.text().strip() or None
        complete = self.complete_check.isChecked()
        services = self.services
        preview = self.preview
        if preview is None:
            def plan(progress: ProgressFn, is_cancelled: CancelCheck) -> ImportPreview:
                from workbench.importing import plan_import

                return plan_import(services.db, path, worker=worker, team=team,
                                   complete=complete, actor=services.actor, clock=services.clock,
                                   progress=lambda done, total: progress(done, total, ""),
                                   is_cancelled=is_cancelled, separate_process=True)

            self._start_task(self.services.runner, plan,
                             status=arg(self.tr("Reading %1 for the preview…"), path.name),
                             name="preview import", on_success=self._previewed,
                             on_failure=self._failed)
            return
        if preview.needs_confirmation and not self.confirm_check.isChecked():
            self._show_problem(self.tr("Tick the box to confirm closing other workers' cases, "
                                       "or untick Complete export to close nothing."))
            return
        importer = self._importer
        confirmed = preview.needs_confirmation and self.confirm_check.isChecked()

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> ImportReport:
            run: Importer
            if importer is None:
                from workbench.importing import import_caseload as run
            else:
                run = importer
            return run(services.db, path, worker=worker, team=team, complete=complete,
                       actor=services.actor, confirm_closures=confirmed,
                       expected_sha256=preview.sha256, audit=services.audit,
                       clock=services.clock, progress=progress, is_cancelled=is_cancelled,
                       separate_process=True)  # a large file is read where it cannot stall the UI

        self._start_task(self.services.runner, work,
                         status=arg(self.tr("Reading %1…"), path.name),
                         name="import caseload", on_success=self._succeeded,
                         on_failure=self._failed)

    def open_history(self) -> None:
        from ui.dialogs.import_history_dialog import ImportHistoryDialog

        history = ImportHistoryDialog(self.services, self)
        history.undone.connect(self.undone)
        history.open()

    # -- the preview -----------------------------------------------------------------------
    def _previewed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.report_view.setPlainText(translated(preview.format_text()))
        self.report_view.show()
        others = preview.closures_of_others
        if others:
            people = sorted({f"{c.worker} ({c.team})" for c in others})
            self.confirm_check.setText(
                arg(translate("ImportDialog", "&Yes, close %n open case(s) of %1 (not the chosen worker)",
                              None, len(others)), ", ".join(people)))
            self.confirm_check.setChecked(False)
            self.confirm_check.show()
            self.status_label.setText(self.tr(
                "Preview: nothing has been changed yet. This import would close cases of other "
                "workers: check them below, tick to confirm, then Import."))
        else:
            self.confirm_check.hide()
            closing = len(preview.closures)
            self.status_label.setText(
                arg(self.tr("Preview: nothing has been changed yet. %1 Press Import to import."),
                    translate("ImportDialog", "%n case(s) would close.", None, closing)
                    if closing else self.tr("No case would close.")))
        self.import_button.setText(self.tr("&Import"))
        self._update_action()
        self.previewed.emit(preview)

    def _forget_preview(self) -> None:
        if self.preview is None or self.is_running:
            return
        self.preview = None
        self.confirm_check.hide()
        self.confirm_check.setChecked(False)
        self.import_button.setText(self.tr("&Preview"))
        self.status_label.setText(self.tr("The file or scope changed: preview again."))
        self._update_action()

    def _update_action(self) -> None:
        if self.is_running:
            return
        blocked = (self.preview is not None and self.preview.needs_confirmation
                   and not self.confirm_check.isChecked())
        self.import_button.setEnabled(not blocked)

    def _set_running(self, running: bool) -> None:
        super()._set_running(running)
        self.history_button.setEnabled(not running)
        if not running:
            self._update_action()

    # -- outcomes (on the UI thread) -------------------------------------------------------
    def _succeeded(self, report: ImportReport) -> None:
        self.report = report
        self.preview = None
        self.confirm_check.hide()
        self.import_button.setText(self.tr("&Preview"))
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.status_label.setText(self.tr("Imported. The caseload has been updated."))
        self.report_view.setPlainText(translated(report.format_text()))
        self.report_view.show()
        self.imported.emit(report)

    def _failed(self, error: Exception) -> None:

        self._show_stopped(self.tr("Nothing was imported."))
        if self.preview is not None:  # what it previewed may no longer hold: preview again
            self.preview = None
            self.confirm_check.hide()
            self.confirm_check.setChecked(False)
            self.import_button.setText(self.tr("&Preview"))
        from ui.problems import explain

        self._show_problem(explain(error, self.tr("The import stopped; nothing was changed")).message)

    def _cancelled(self) -> None:
        self._show_stopped(self.tr("Import cancelled. Nothing was changed."))

    def _show_problem(self, message: str) -> None:
        super()._show_problem(message)
        self.file_edit.setFocus()

    def _has_result(self) -> bool:
        return self.report is not None

    def _input_widgets(self) -> tuple[QWidget, ...]:
        return (self.file_edit, self.browse_button, self.worker_edit, self.team_edit,
                self.complete_check, self.confirm_check)
