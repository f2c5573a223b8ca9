"""The caseload screen: choose a team and a worker, see their open cases, filter and sort them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg, translate
from ui.models.caseload_model import (
    CHILD_ID,
    COLUMN_COUNT,
    KIND,
    NAME,
    TEAM,
    WORKER,
    CaseloadFilter,
    CaseloadModel,
    CaseTable,
)
from ui.models.roles import OBJECT_ROLE
from ui.scores.glance_panel import GlancePanel
from ui.screens import ScreenBase
from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload import CaseRow, StaffRow


@dataclass(frozen=True)
class CaseloadChoices:
    """Teams and workers to choose from, read in one go off the UI thread."""

    teams: list[tuple[int, str]]
    workers: list[StaffRow]


def read_choices(services: AppServices) -> CaseloadChoices:
    """The teams and workers the signed-in person may choose: a worker only themselves, a
    manager their own team, a practice lead (or nobody signed in) everyone."""
    from db.enums import Role
    from workbench.caseload import list_staff, list_teams

    actor = services.actor
    teams = list_teams(services.db)
    workers = list_staff(services.db, role=Role.WORKER, actor=actor)
    if actor is not None and actor.role in (Role.WORKER, Role.TEAM_MANAGER):
        teams = [team for team in teams if team[0] == actor.team_id]
    if actor is not None and actor.role is Role.WORKER:
        workers = [worker for worker in workers if worker.id == actor.staff_id]
    return CaseloadChoices(teams, workers)


def read_caseload(services: AppServices, worker_id: int | None, team_id: int | None,
                  order: tuple[int, bool] = (CHILD_ID, False)) -> CaseTable:
    """The query, formatted and sorted as the table will show it: all off the UI thread."""
    from db.enums import Role
    from ui.models.caseload_model import prepare_caseload
    from workbench.caseload import open_cases

    actor = services.actor
    if actor is not None and actor.role is Role.WORKER:
        team_id = None  # a worker's own caseload, not their team's (the service refuses that)
    rows = open_cases(services.db, worker_id=worker_id, team_id=team_id, actor=actor)
    return prepare_caseload(rows, sort_column=order[0], descending=order[1])


# Columns get at least room for their header and at most this many characters of content.
_MAX_COLUMN_CHARS = {NAME: 28, KIND: 22, WORKER: 22, TEAM: 22}


class CaseloadScreen(ScreenBase):
    """Team and worker pickers, a filter box and the caseload table.

    ``caseload_loaded(count)`` follows every load; ``case_activated(CaseRow)`` follows Enter
    or a double-click on a row (later screens open the case from it).
    """

    caseload_loaded = Signal(int)
    case_activated = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._choices = CaseloadChoices([], [])
        self._loading: Task[CaseTable] | None = None
        self._generation = 0

        self.team_combo = QComboBox()
        self.worker_combo = QComboBox()
        self.filter_edit = QLineEdit()
        self.count_label = QLabel()
        self.empty_label = QLabel()
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.glance = GlancePanel(services)  # the caseload at a glance, beside the table
        self._choice: tuple[int | None, int | None] = (None, None)
        self._build_layout()
        self._connect_signals()
        self.reload()

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team_combo)
        worker_label = QLabel(self.tr("&Worker:"))
        worker_label.setBuddy(self.worker_combo)
        filter_label = QLabel(self.tr("F&ilter:"))
        filter_label.setBuddy(self.filter_edit)
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setMinimumContentsLength(18)
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.worker_combo.setAccessibleName(self.tr("Worker"))
        self.worker_combo.setMinimumContentsLength(22)
        self.worker_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_edit.setAccessibleName(self.tr("Filter cases"))
        self.filter_edit.setPlaceholderText(self.tr("Child ID, name or kind (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 34))
        self.count_label.setAccessibleName(self.tr("Number of cases"))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Caseload"))
        self.table.setAccessibleDescription(self.tr("Open cases of the chosen team and worker"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CHILD_ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 5,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        pickers = QHBoxLayout()
        pickers.addWidget(team_label)
        pickers.addWidget(self.team_combo)
        pickers.addSpacing(12)
        pickers.addWidget(worker_label)
        pickers.addWidget(self.worker_combo)
        pickers.addSpacing(12)
        pickers.addWidget(filter_label)
        pickers.addWidget(self.filter_edit, 1)
        pickers.addSpacing(12)
        pickers.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.glance)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.team_combo, self.worker_combo)
        QWidget.setTabOrder(self.worker_combo, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.table)
        QWidget.setTabOrder(self.table, self.glance.history_button)

    def _connect_signals(self) -> None:
        self.team_combo.currentIndexChanged.connect(self._team_changed)
        self.worker_combo.currentIndexChanged.connect(self._worker_changed)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.glance.set_history_enabled(self.selected_case() is not None))
        self.glance.case_chosen.connect(self.open_case)
        self.glance.history_requested.connect(self._open_selected_case)

    # -- what other parts of the window call -----------------------------------------------
    def reload(self) -> None:
        """Re-read teams, workers and the caseload (after an import, for example)."""
        self.services.runner.run(
            lambda progress, is_cancelled: read_choices(self.services),
            on_success=self._show_choices, on_failure=self._show_failure, owner=self,
            name="caseload choices",
        )

    refresh = reload

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @property
    def current_team(self) -> tuple[int, str] | None:
        team_id = self.team_combo.currentData()
        return None if team_id is None else (team_id, self.team_combo.currentText())

    @property
    def current_worker(self) -> StaffRow | None:
        worker: StaffRow | None = self.worker_combo.currentData()
        return worker

    def selected_case(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    # -- choices ---------------------------------------------------------------------------
    def _show_choices(self, choices: CaseloadChoices) -> None:
        self._choices = choices
        previous_team = self.team_combo.currentData()
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(self.tr("All teams"), None)
        for team_id, name in choices.teams:
            self.team_combo.addItem(name, team_id)
        found = self.team_combo.findData(previous_team) if previous_team is not None else -1
        # A manager usually has one team: start on the first real one; a practice lead on all.
        first = 0 if self._sees_all_teams else min(1, len(choices.teams))
        self.team_combo.setCurrentIndex(found if found >= 0 else first)
        self.team_combo.blockSignals(False)
        self._fill_workers()

    @property
    def _sees_all_teams(self) -> bool:
        from db.enums import Role

        actor = self.services.actor
        return actor is not None and actor.role is Role.PRACTICE_LEAD

    def _own_worker_index(self, workers: list[StaffRow]) -> int:
        """A worker lands on their own caseload (0, "All workers", for everyone else)."""
        actor = self.services.actor
        return next((i + 1 for i, w in enumerate(workers) if actor and w.id == actor.staff_id), 0)

    def _fill_workers(self) -> None:
        previous: StaffRow | None = self.worker_combo.currentData()
        team_id = self.team_combo.currentData()
        workers = [w for w in self._choices.workers if team_id is None or w.team_id == team_id]
        self.worker_combo.blockSignals(True)
        self.worker_combo.clear()
        self.worker_combo.addItem(self.tr("All workers"), None)
        for worker in workers:
            label = worker.name if team_id is not None else f"{worker.name} ({worker.team_name or ''})"
            self.worker_combo.addItem(label, worker)
        index = next((i + 1 for i, w in enumerate(workers) if previous and w.id == previous.id),
                     self._own_worker_index(workers))
        self.worker_combo.setCurrentIndex(index)
        self.worker_combo.blockSignals(False)
        self._load_caseload()

    def _team_changed(self, _index: int) -> None:
        self._fill_workers()

    def _worker_changed(self, _index: int) -> None:
        self._load_caseload()

    # -- the caseload ----------------------------------------------------------------------
    def _load_caseload(self) -> None:
        team_id = self.team_combo.currentData()
        worker = self.current_worker
        worker_id = worker.id if worker else None
        self.table.setColumnHidden(TEAM, team_id is not None)
        self.table.setColumnHidden(WORKER, worker_id is not None)
        self._choice = (worker_id, team_id)
        if self._loading is not None:
            self._loading.cancel()
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Loading…"))

        order = self.model.sort_order

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> CaseTable:
            return read_caseload(self.services, worker_id, team_id, order)

        self._loading = self.services.runner.run(
            work,
            on_success=lambda table: self._show_caseload(table, generation),
            on_failure=self._show_failure,
            owner=self, name="caseload",
        )

    def _show_caseload(self, table: CaseTable, generation: int) -> None:
        if generation != self._generation:
            return  # a newer choice is loading; this answer is stale
        self._loading = None
        self.model.set_table(table)
        self._fit_columns(table)
        self._update_count()
        has_teams = bool(self._choices.teams)
        self.empty_label.setVisible(not has_teams)
        self.empty_label.setText(self.tr(
            "There are no caseloads yet. Import one with File > Import caseload… (Ctrl+I)."))
        self.caseload_loaded.emit(len(table))
        self.glance.load(*self._choice)  # the chart of the same cases, once the table is in

    def _fit_columns(self, table: CaseTable) -> None:
        """Width from the longest text in each column: no per-row measuring by the view."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        padding = 3 * metrics.averageCharWidth()
        for column in range(COLUMN_COUNT):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            longest = table.longest[column]
            limit = _MAX_COLUMN_CHARS.get(column)
            if limit is not None and len(longest) > limit:
                longest = longest[:limit]
            width = max(header.fontMetrics().horizontalAdvance(title) + 2 * padding,
                        metrics.horizontalAdvance(longest) + padding)
            header.resizeSection(column, width)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(translate("CaseloadScreen", "%n open case(s)", None, total))
        else:
            self.count_label.setText(arg(translate("CaseloadScreen", "%1 of %n open case(s)", None, total),
                                         shown))

    def _row_activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(index.data(OBJECT_ROLE))

    def open_case(self, case_id: int) -> QWidget:
        """Select the child's row (clearing a filter that hides it) and open their case
        history; returns the dialog (ui.scores.case_history)."""
        from ui.scores.case_history import CaseHistoryDialog

        row = self._proxy_row(case_id)
        if row is None and self.filter_edit.text():
            self.filter_edit.clear()
            row = self._proxy_row(case_id)
        case: CaseRow | None = None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.proxy.index(row, CHILD_ID))
            case = self.proxy.case_at(row)
        title = arg(self.tr("Case %1"), str(case_id)) if case is None else " · ".join((
            f"{case.child_name} ({case.la_child_id})" if case.child_name else case.la_child_id,
            self.proxy.index(row or 0, KIND).data(), case.worker_name))
        dialog = CaseHistoryDialog(self.services, case_id, title, self)
        dialog.open()
        return dialog

    def _proxy_row(self, case_id: int) -> int | None:
        for row in range(self.model.rowCount()):
            if self.model.case_at(row).case_id == case_id:
                found = self.proxy.mapFromSource(self.model.index(row, CHILD_ID))
                return found.row() if found.isValid() else None
        return None

    def _open_selected_case(self) -> None:
        case = self.selected_case()
        if case is not None:
            self.open_case(case.case_id)

    def _show_failure(self, error: Exception) -> None:
        from ui.problems import explain

        self._loading = None
        message = explain(error, self.tr("The caseload could not be read")).message
        self.count_label.setText(self.tr("Not loaded"))
        self.glance.not_loaded(message)
        self.load_failed.emit(message)
