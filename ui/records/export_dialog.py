"""Export the chosen records' signed PDFs to a folder: progress, cancel, and what happened.

The export runs on the task runner (``workbench.export.service.export_records``): the kept
PDFs are written with no signing key; records signed before PDFs were kept have theirs made
once, with the signers' keys (a passphrase can be typed where no keyring holds them). The
dialog opens with ``open()``, deletes itself on close, and hands back the
:class:`~workbench.export.service.ExportResult` in :attr:`ExportDialog.result_value` and the
``exported`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from ui.i18n import arg, translate
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.export.service import ExportResult

log = logging.getLogger(__name__)


class ExportDialog(TaskDialog):
    """``exported(ExportResult)`` follows every export that wrote or tried to write files."""

    exported = Signal(object)

    def __init__(self, services: AppServices, session_ids: Sequence[int], parent: QWidget | None = None,
                 *, folder: str = "", mode: str = "process") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export signed PDFs"))
        self.services = services
        self.session_ids = list(session_ids)
        self._mode = mode
        #: The outcome of the last export: the dialog's result.
        self.result_value: ExportResult | None = None

        self.summary_label = QLabel()
        self.folder_edit = QLineEdit(folder)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.note_check = QCheckBox(self.tr("&Supervision file copies (all children discussed)"))
        self.extract_check = QCheckBox(self.tr("&Extracts for each child's file"))
        self.passphrase_label = QLabel(self.tr("Signing key &passphrase:"))
        self.passphrase_edit = QLineEdit()
        self._init_task_widgets(progress_name=self.tr("Export progress"),
                                problem_name=self.tr("Export problem"))
        self.export_button = self._add_task_buttons(self.tr("E&xport"), self.tr("C&ancel export"))
        self._build_layout()
        self.browse_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start_export)
        self._set_running(False)

    def _build_layout(self) -> None:
        count = len(self.session_ids)
        self.summary_label.setText(translate("ExportDialog", "%n signed record(s)", None, count))
        self.summary_label.setAccessibleName(self.tr("Records to export"))
        self.folder_edit.setAccessibleName(self.tr("Folder to export to"))
        self.folder_edit.setPlaceholderText(self.tr("A folder for the PDFs"))
        self.folder_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 48))
        self.browse_button.setAccessibleName(self.tr("Choose the folder"))
        self.note_check.setChecked(True)
        self.extract_check.setChecked(True)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Signing key passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Only for records whose PDFs are made now"))
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.report_view.setAccessibleName(self.tr("Exported files"))
        self.report_view.setMinimumHeight(self.fontMetrics().height() * 8)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Records:"), self.summary_label)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.note_check)
        form.addRow("", self.extract_check)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._add_task_rows(layout)
        self.passphrase_label.hide()
        self.passphrase_edit.hide()

    # -- actions ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        chooser = QFileDialog(self, self.tr("Choose the folder for the signed PDFs"),
                              self.folder_edit.text() or str(Path.home()))
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.folder_edit.setText)
        chooser.open()

    def start_export(self) -> None:
        if self.is_running:
            return
        text = self.folder_edit.text().strip()
        if not text:
            self._show_problem(self.tr("Choose the folder to export to first (Browse…)."))
            return
        folder = Path(text).expanduser()
        if folder.exists() and not folder.is_dir():
            self._show_problem(arg(self.tr("%1 is a file, not a folder. Choose a folder."), str(folder)))
            return
        kinds = tuple(k for k, box in (("note", self.note_check), ("extract", self.extract_check))
                      if box.isChecked())
        if not kinds:
            self._show_problem(self.tr("Tick the supervision file copies, the extracts, or both."))
            return
        services, ids, mode = self.services, list(self.session_ids), self._mode
        passphrase = self.passphrase_edit.text() or None

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> ExportResult:
            from workbench.export.service import export_records

            return export_records(
                services.db, services.identities, services.audit, session_ids=ids,
                out_dir=folder, actor_id=services.actor_id, actor=services.actor, kinds=kinds,
                progress=lambda done, total: progress(done, total, ""), cancel=is_cancelled,
                mode=mode, clock=services.clock, default_passphrase=passphrase)

        self._start_task(services.runner, work, status=self.tr("Exporting…"),
                         name="export records", on_success=self._succeeded,
                         on_failure=self._failed)

    # -- outcomes (on the UI thread) -------------------------------------------------------
    def _progressed(self, done: int, total: int, _text: str) -> None:
        super()._progressed(done, total, "")
        self.status_label.setText(arg(translate("ExportDialog", "%1 of %n record(s) exported…", None, total),
                                      done))

    def _succeeded(self, result: ExportResult) -> None:
        self.result_value = result
        files = len(result.written)
        if result.cancelled:
            self.status_label.setText(translate("ExportDialog", "Export cancelled: %n PDF(s) was/were "
                                                "written before it stopped; each is complete.", None, files))
        else:
            self.status_label.setText(arg(translate("ExportDialog", "Exported %n signed PDF(s) to %1.", None,
                                                    files), self.folder_edit.text().strip()))
        if result.made:
            self.status_label.setText(self.status_label.text() + " " + arg(self.tr(
                "%1 of the records were signed before PDFs were kept: their signed PDFs were made "
                "now, once, and kept."), str(result.made)))
        lines = [path.name for path in result.written]
        if result.failed:
            lines += ["", self.tr("Not exported:")]
            lines += [arg(self.tr("Session %1: %2"), str(sid), message)
                      for sid, message in result.failed]
            self._offer_passphrase(result.needs_passphrase)
        self.report_view.setPlainText("\n".join(lines))
        self.report_view.show()
        self.exported.emit(result)

    def _failed(self, error: Exception) -> None:
        from workbench.export.service import ExportError

        self._show_stopped(self.tr("Nothing was exported."))
        from ui.problems import explain

        self._show_problem(explain(error, self.tr("The export stopped")).message)
        self._offer_passphrase(isinstance(error, ExportError) and error.needs_passphrase)

    def _offer_passphrase(self, needed: bool) -> None:
        if needed:
            self.passphrase_label.show()
            self.passphrase_edit.show()
            self.passphrase_edit.setFocus()

    def _cancelled(self) -> None:
        self._show_stopped(self.tr("Export cancelled."))

    def _has_result(self) -> bool:
        return self.result_value is not None

    def _input_widgets(self) -> tuple[QWidget, ...]:
        return (self.folder_edit, self.browse_button, self.note_check, self.extract_check,
                self.passphrase_edit)
