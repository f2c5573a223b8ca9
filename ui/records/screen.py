"""The records tab: signed records by team, worker, child and dates; export, print, case history.

What a person sees follows their role (the services check it): a practice lead every team,
read-only; a manager their team; a worker their own. Everything slow (the query, export,
printing) runs on the task runner; printing and the case history show their progress in the
bar under the table and can be cancelled there.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.key_passphrase_dialog import PassphrasePrompt
from ui.i18n import arg, message_of, translate, translated
from ui.problems import explain
from ui.records.actions import Printed, print_records
from ui.records.filter_bar import FilterBar
from ui.records.model import CHILDREN, MEETING, TEAM, WORKER, RecordsFilter, RecordsModel
from ui.screens import ScreenBase
from ui.tasks import CancelCheck, ProgressFn, Task, Work
from workbench.export.kept import PassphraseNeeded

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ui.records.export_dialog import ExportDialog
    from ui.services import AppServices
    from workbench.changes import Change
    from workbench.export.finding import RecordRow

log = logging.getLogger(__name__)

#: The period shown at first: the last year of supervision.
DEFAULT_DAYS = 365


class RecordsScreen(ScreenBase):
    """``records_loaded(count)`` follows every load; ``printed(Printed)`` every print job."""

    records_loaded = Signal(int)
    printed = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._generation = 0
        self._task: Task[object] | None = None
        self._printer: QPrinter | None = None
        self.last_folder = ""
        today = services.clock().date()

        self.filters = FilterBar(today - dt.timedelta(days=DEFAULT_DAYS), today)
        # The filter bar's widgets, as tests and screenshots drive them.
        self.team_combo, self.worker_combo = self.filters.team_combo, self.filters.worker_combo
        self.child_edit, self.count_label = self.filters.child_edit, self.filters.count_label
        self.model = RecordsModel(self)
        self.proxy = RecordsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.export_button = QPushButton(self.tr("&Export signed PDFs…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.history_button = QPushButton(self.tr("Export case &history…"))
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.status_label = QLabel()
        self.disagreement_label = QLabel()
        self.passphrase_prompt = PassphrasePrompt(
            self, title=self.tr("Print signed records"), action=self.tr("&Print"),
            what=self.tr("Then they are printed."))
        self.passphrase_prompt.cancelled.connect(self._passphrase_not_given)
        self._build_layout()
        self._connect_signals()
        self._update_actions()
        self.reload()

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Signed records"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MEETING, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHILDREN, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.disagreement_label.setAccessibleName(self.tr("Disagreement and its answer"))
        self.disagreement_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disagreement_label.setWordWrap(True)
        self.disagreement_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.disagreement_label.hide()
        self.progress_bar.setAccessibleName(self.tr("Progress"))
        self.progress_bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 30))
        self.status_label.setAccessibleName(self.tr("What happened"))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.export_button.setToolTip(self.tr("Write the selected records' signed PDFs to a folder"))
        self.print_button.setToolTip(self.tr("Print the selected records' supervision file copies"))
        self.history_button.setToolTip(self.tr(
            "Every signed discussion of the child in the Child box, with the full scale chart"))

        actions = QHBoxLayout()
        for button in (self.export_button, self.print_button, self.history_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.progress_bar)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.disagreement_label)
        layout.addLayout(actions)
        self.progress_bar.hide()
        self.cancel_button.hide()
        order = (self.filters.to_edit, self.table, self.export_button, self.print_button,
                 self.history_button)
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.filters.filters_changed.connect(self._filters_changed)
        self.filters.dates_changed.connect(self._dates_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.modelReset.connect(self._update_actions)
        self.export_button.clicked.connect(self.export_selected)
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.history_button.clicked.connect(lambda: self.export_case_history())
        self.cancel_button.clicked.connect(self.cancel)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the signed records of the chosen period (the team, worker and child filters
        then narrow them at once, without asking the database)."""
        from workbench.export.finding import RecordFilter

        self._generation += 1
        generation = self._generation
        wanted = RecordFilter(*self.filters.period)
        services = self.services
        self.count_label.setText(self.tr("Loading…"))

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> list[RecordRow]:
            from workbench.export.finding import find_signed_records

            return find_signed_records(services.db, wanted, services.actor)

        services.runner.run(work, on_success=lambda rows: self._show_records(rows, generation),
                            on_failure=self._load_failed, owner=self, name="signed records")

    refresh = reload

    def others_changed(self, changes: list[Change]) -> None:
        """A record signed, countersigned or answered elsewhere appears here (ui.changes)."""
        if any(c.touches("signature", "supervision_session") for c in changes):
            self.reload()

    def focus_filter(self) -> None:
        self.child_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.child_edit.selectAll()

    def _show_records(self, rows: list[RecordRow], generation: int) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        self.filters.fill(rows)
        self._update_count()
        self.records_loaded.emit(len(rows))

    def _load_failed(self, error: Exception) -> None:
        message = explain(error, self.tr("The signed records could not be read")).message
        self.count_label.setText(self.tr("Not loaded"))
        self.load_failed.emit(message)

    # -- filtering -------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        self.proxy.set_filter(team=self.filters.team, worker=self.filters.worker, child=self.filters.child)
        self.table.setColumnHidden(TEAM, bool(self.filters.team))  # the same on every row
        self.table.setColumnHidden(WORKER, bool(self.filters.worker))
        self._update_count()
        self._update_actions()

    def _dates_changed(self) -> None:
        self.proxy.set_dates(*self.filters.period)
        self.reload()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (translate("RecordsScreen", "%n signed record(s)", None, total) if shown == total
                else arg(self.tr("%1 of %2 signed records"), str(shown), str(total)))
        self.count_label.setText(text)

    # -- what is selected ------------------------------------------------------------------
    def selected_records(self) -> list[RecordRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.record_at(row) for row in rows]

    def chosen_child(self) -> tuple[int, str] | None:
        """The child in the Child box when it names exactly one child of the loaded records."""
        text = self.child_edit.text().strip().casefold()
        found = {(cid, la) for r in self.model.records
                 for cid, la in zip(r.child_ids, r.children, strict=False) if la.casefold() == text}
        return next(iter(found)) if text and len(found) == 1 else None

    def _update_actions(self, *_args: object) -> None:
        busy = self._task is not None
        chosen = bool(self.table.selectionModel().selectedRows())
        self.export_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen and not busy)
        self.history_button.setEnabled(self.chosen_child() is not None and not busy)
        self._show_disagreement()

    def _show_disagreement(self) -> None:
        """The chosen record's disagreement, in the worker's words, and its signed answer."""
        records = self.selected_records()
        record = records[0] if len(records) == 1 else None
        if record is None or not record.disagreement:
            self.disagreement_label.hide()
            return
        text = arg(self.tr("The worker disagreed: %1"), record.disagreement) + "\n"
        text += (arg(self.tr("Answered (signed) by %1"), record.response)
                 if record.response else self.tr("Not answered yet: a practice lead answers it "
                                                 "on the Oversight screen."))
        self.disagreement_label.setText(text)
        self.disagreement_label.show()

    # -- export ----------------------------------------------------------------------------
    def export_selected(self, *, mode: str = "process") -> ExportDialog | None:
        """Open the export dialog for the selected records (``mode`` "inline" in tests)."""
        from ui.records.export_dialog import ExportDialog

        records = self.selected_records()
        if not records:
            return None
        dialog = ExportDialog(self.services, [r.session_id for r in records], self,
                              folder=self.last_folder, mode=mode)
        dialog.exported.connect(self._exported)
        dialog.open()
        return dialog

    def _exported(self, result: object) -> None:
        dialog = self.sender()
        folder = getattr(dialog, "folder_edit", None)
        if folder is not None:
            self.last_folder = folder.text()
        self.reload()  # records whose PDFs were made now show them as kept

    # -- printing --------------------------------------------------------------------------
    def print_selected(self, printer: QPrinter | None = None) -> object:
        """Print the selected records' supervision file copies: through the system print dialog,
        or straight onto ``printer`` when one is given (tests, "print again")."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QDialog

        ids = [r.session_id for r in self.selected_records()]
        if not ids or self._task is not None:
            return None
        if printer is not None:
            return self._print(printer, ids)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print signed records"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print(printer, ids))
        QDialog.open(dialog)  # QPrintDialog's own open() wants a receiver
        return dialog

    def _print(self, printer: QPrinter, ids: list[int], passphrase: str | None = None) -> Task[object]:
        services = self.services
        self._printer = printer

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Printed:
            return print_records(services, printer, ids, progress, is_cancelled, passphrase=passphrase)

        def failed(error: Exception) -> None:
            if isinstance(error, PassphraseNeeded):  # ask, then print with it
                self.status_label.setText(self.tr(
                    "Nothing was printed yet: making these records' signed PDFs needs the signing "
                    "key passphrase."))
                self.passphrase_prompt.ask(message_of(error), lambda typed: self._print(printer, ids, typed))
                return
            self.passphrase_prompt.done()
            self._failed(error)

        return self._start(work, self.tr("Preparing the pages…"), self._printed, "print records",
                           on_failure=failed)

    def _passphrase_not_given(self) -> None:
        self.status_label.setText(self.tr(
            "Nothing was printed: the records signed before their PDFs were kept need the signing "
            "key passphrase to make them. Print them again and type it, or print the others."))

    def _printed(self, outcome: object) -> None:
        assert isinstance(outcome, Printed)
        self.passphrase_prompt.done()
        if outcome.cancelled:
            self.status_label.setText(self.tr("Printing cancelled."))
        else:
            text = arg(translate("RecordsScreen", "Sent %1 pages of %n record(s) to the printer.", None,
                                 len(outcome.session_ids)), outcome.pages)
            if outcome.failed:
                failed = (arg(self.tr("session %1: %2"), sid, translated(why)) for sid, why in outcome.failed)
                text += " " + arg(self.tr("Not printed: %1"), "; ".join(failed))
            self.status_label.setText(text)
        self.printed.emit(outcome)

    # -- case history ----------------------------------------------------------------------
    def export_case_history(self, path: Path | None = None) -> object:
        """The chosen child's case history as one PDF: ask where, or write to ``path``."""
        child = self.chosen_child()
        if child is None or self._task is not None:
            return None
        if path is not None:
            return self._export_history(child[0], path)
        start = str(Path(self.last_folder or Path.home()) / f"case-history_{child[1]}.pdf")
        chooser = QFileDialog(self, self.tr("Save the case history"), start, self.tr("PDF (*.pdf)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("pdf")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self._export_history(child[0], Path(name)))
        chooser.open()
        return chooser

    def _export_history(self, child_id: int, path: Path) -> Task[object]:
        services = self.services

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Path:
            from workbench.export.kept import write_case_history

            return write_case_history(services.db, services.identities, services.audit, child_id,
                                      path, actor=services.actor)

        def done(written: object) -> None:
            self.status_label.setText(arg(self.tr("Case history written to %1."), str(written)))

        return self._start(work, self.tr("Compiling the case history…"), done, "case history")

    # -- running ---------------------------------------------------------------------------
    def _start(self, work: Work[object], text: str, on_success: Callable[[object], None], name: str,
               on_failure: Callable[[Exception], None] | None = None) -> Task[object]:
        self.status_label.setText(text)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._task = self.services.runner.run(
            work, on_success=on_success, on_failure=on_failure or self._failed, on_progress=self._progressed,
            on_cancelled=lambda: self.status_label.setText(self.tr("Cancelled.")),
            on_finished=self._finished, owner=self, name=name)
        self._update_actions()
        return self._task

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(explain(error, self.tr("It did not finish")).message)

    def _finished(self) -> None:
        self._task = None
        self._printer = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self._update_actions()
