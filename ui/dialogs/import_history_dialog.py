"""The import history: every import, newest first, and undoing one.

Undo asks first (what it will do, in words), then runs ``workbench.importing.undo_import``
on the task runner. The core decides what may be undone: an import undone already, one a
later import changed the cases of, or one of another team, comes back as a message shown
here, and nothing changes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.task_dialog import problem_label
from ui.i18n import arg, message_of, translated
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.importing import ImportSummary, UndoReport

log = logging.getLogger(__name__)

NUMBER, FILE, WHEN, BY, SCOPE, ADDED, UPDATED, CLOSED, STATE = range(9)
ModelIndex = QModelIndex | QPersistentModelIndex


class ImportHistoryModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("ImportHistoryModel", "Import"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "File"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Imported"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "By"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Scope"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Added"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Updated"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Closed"),
               QT_TRANSLATE_NOOP("ImportHistoryModel", "Undone"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ImportSummary] = []

    def set_rows(self, rows: list[ImportSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == NUMBER:
            return str(row.batch_id)
        if column == FILE:
            return row.file_name
        if column == WHEN:
            return row.imported_at.astimezone().strftime("%d/%m/%Y %H:%M")
        if column == BY:
            return row.imported_by or self.tr("command line")
        if column == SCOPE:
            return " · ".join(p for p in (row.worker_filter, row.team_filter) if p) or self.tr("everyone")
        if column in (ADDED, UPDATED, CLOSED):
            return str((row.added, row.updated, row.closed)[column - ADDED])
        if row.undone_at is None:
            return ""
        when = row.undone_at.astimezone().strftime("%d/%m/%Y %H:%M")
        return arg(self.tr("undone %1"), when + (f" ({row.undone_by})" if row.undone_by else ""))


class ImportHistoryDialog(QDialog):
    """``undone(UndoReport)`` is emitted when an import has been undone."""

    undone = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import history"))
        self.services = services
        self._task: Any = None
        self.model = ImportHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Imports, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_label = problem_label()
        self.error_label.setAccessibleName(self.tr("Undo problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton(self.tr("&Undo import…"))
        self.undo_button.setAccessibleName(self.tr("Undo the selected import"))
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.undo_button.clicked.connect(self.ask_undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 110, self.fontMetrics().height() * 22)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        from workbench.access import AccessDenied
        from workbench.importing import list_imports

        try:
            rows = list_imports(self.services.db, actor=self.services.actor)
        except AccessDenied as refused:
            self.model.set_rows([])
            self._show_problem(str(refused))
        else:
            self.model.set_rows(rows)
            if rows:
                self.table.selectRow(0)
            else:
                self.status_label.setText(self.tr("No import yet."))
        self._update_buttons()

    def selected(self) -> ImportSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.undo_button.setEnabled(self._task is None and chosen is not None)

    def ask_undo(self) -> None:
        chosen = self.selected()
        if chosen is None or self._task is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Undo import"), arg(self.tr(
            "Undo import %1 (%2)? Cases it closed are reopened (%3), cases it changed are put back "
            "as they were (%4), and cases it added are removed if nothing has happened to them "
            "since (%5). The undo is recorded in the audit trail."), chosen.batch_id, chosen.file_name,
            chosen.closed, chosen.updated, chosen.added),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._answered(answer, chosen.batch_id))
        self.confirm_box = box
        box.open()

    def _answered(self, answer: int, batch_id: int) -> None:
        if answer == QMessageBox.StandardButton.Yes.value:
            self.undo(batch_id)

    def undo(self, batch_id: int) -> None:
        services = self.services

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> UndoReport:
            from workbench.importing import undo_import

            return undo_import(services.db, batch_id, actor=services.actor,
                               audit=services.audit, clock=services.clock)

        self.error_label.hide()
        self.status_label.setText(arg(self.tr("Undoing import %1…"), str(batch_id)))
        self._task = services.runner.run(work, on_success=self._succeeded, on_failure=self._failed,
                                         on_finished=self._finished, owner=self, name="undo import")
        self._update_buttons()

    def _succeeded(self, report: UndoReport) -> None:
        self.status_label.setText(translated(report.format_text()))
        self.undone.emit(report)

    def _failed(self, error: Exception) -> None:
        from workbench.access import AccessDenied
        from workbench.importing import ImportFailed

        self.status_label.setText(self.tr("Nothing was undone."))
        if isinstance(error, ImportFailed | AccessDenied):
            self._show_problem(message_of(error))
            return
        log.error("undoing an import failed", exc_info=error)
        self._show_problem(arg(self.tr("The undo stopped because of an unexpected problem (%1). Nothing "
                                       "was changed. Please report this to your administrator."),
                               type(error).__name__))

    def _finished(self) -> None:
        self._task = None
        status, problem = self.status_label.text(), self.error_label.isVisible()
        selected = self.selected()
        self.reload()
        self.status_label.setText(status)
        if problem:
            self.error_label.show()
        if selected is not None:
            for number, row in enumerate(self.model.rows):
                if row.batch_id == selected.batch_id:
                    self.table.selectRow(number)

    def _show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
