"""The Oversight screen, for practice leads (any team, or all) and team managers (their own):
a period, the figures as tables with their counts, a chart for each, a drill-down from a
worker to their children and, in the completeness of the optional items, from a worker or an
item to the records and children that left it unanswered, Export to Excel, Export signed PDF
(the report signed by the person signed in), and (for practice leads) answering a disagreement.

Everything is read and every chart built in the task runner; the screen only shows the result.
Show reads the headline (the workers, the summary, each figure's count) and the figure on view
with its chart; each other figure is read, and its chart drawn, when its tab is first opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.charts import ChartView
from ui.i18n import arg, translate, translated
from ui.models.roles import OBJECT_ROLE, SORT_ROLE
from ui.oversight import model as columns
from ui.oversight.model import RowsModel
from ui.problems import explain
from ui.scores.common import chart_width_in, summary_label
from ui.screens import ScreenBase
from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload_scores import GlanceRow
    from workbench.charts import BuiltChart
    from workbench.oversight import OversightReader, OversightReport


@dataclass(frozen=True)
class Loaded:
    reader: OversightReader
    report: OversightReport
    charts: dict[str, BuiltChart]  # only the figures on view


def read_teams(services: AppServices) -> list[tuple[int | None, str]]:
    """The choices: every team and "All teams" for a practice lead; a manager's own team."""
    from workbench.caseload import list_teams
    from workbench.oversight import ALL_TEAMS

    actor = services.actor
    teams: list[tuple[int | None, str]] = list(list_teams(services.db))
    if actor is not None and actor.role.value == "team_manager":
        return [t for t in teams if t[0] == actor.team_id]
    return [(None, ALL_TEAMS), *teams]


def load(services: AppServices, team_id: int | None, start: dt.date, end: dt.date,
         width_in: float, key: str = "workers") -> Loaded:
    """The headline and figure ``key`` (the tab on view) with its chart."""
    from workbench.oversight import DEFAULT_POLICY, OversightReader

    # The policy as saved in Preferences, read afresh each time: a change applies at once.
    policy = services.settings.oversight_policy() if services.settings is not None else DEFAULT_POLICY
    reader = OversightReader(services.db, services.clock, team_id=team_id, start=start,
                             end=end, actor=services.actor, policy=policy, audit=services.audit)
    report, chart = read_figure(reader, key, width_in)
    return Loaded(reader, report, {key: chart})


def read_figure(reader: OversightReader, key: str, width_in: float
                ) -> tuple[OversightReport, BuiltChart]:
    """Figure ``key`` read (if it was not yet) and its chart drawn."""
    from workbench.charts import build_oversight_chart

    report = reader.read(key)
    return report, build_oversight_chart(report, key, width_in=width_in, tr=translated)


#: How many rows (those on view first) a column's width is fitted to.
RESIZE_PRECISION = 100


def _table(model: RowsModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    # Rows keep the core's order (overdue and longest-waiting first) until a header is clicked.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the rows on view and those near them, not the first thousand: a tab of 5,000
    # notes took a second to paint, asking each of a thousand rows its size, column by column.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION)
    view.setAccessibleName(name)
    return view


class OversightScreen(ScreenBase):
    """``report_shown(report)`` follows each report put on screen (the headline and the figure
    on view); ``figure_shown(key)`` each other figure read when its tab is opened;
    ``children_shown(worker id)`` each drill-down to a worker's children; ``exported(path)`` each
    workbook written; ``pdf_exported(path)`` each signed report saved."""

    report_shown = Signal(object)
    figure_shown = Signal(str)
    children_shown = Signal(int)
    exported = Signal(str)
    pdf_exported = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = True
        self._generation = 0
        self._task: Task[Loaded] | None = None
        self.report: OversightReport | None = None
        self.reader: OversightReader | None = None
        self._drawn: set[str] = set()  # figures whose chart is on screen for this report
        self._reading: set[str] = set()  # figures being read for this report
        self.is_lead = services.actor is None or services.actor.role.value == "practice_lead"

        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setMinimumContentsLength(16)
        today = services.clock().date()
        first = dt.date(today.year, today.month, 1)
        start = dt.date(first.year - (first.month <= 2), (first.month - 3) % 12 + 1, 1)
        self.from_edit = self._date_edit(start, self.tr("From"))
        self.to_edit = self._date_edit(today, self.tr("To"))
        self.show_button = QPushButton(self.tr("&Show"))
        self.export_button = QPushButton(self.tr("&Export to Excel…"))
        self.export_button.setEnabled(False)
        self.pdf_button = QPushButton(self.tr("Export signed &PDF…"))
        self.pdf_button.setToolTip(self.tr("The report as a PDF signed with your signing identity, "
                                           "which \"workbench verify\" checks"))
        self.pdf_button.setEnabled(False)
        pickers = QHBoxLayout()
        for label, widget in ((self.tr("&Team:"), self.team_combo), (self.tr("&From:"), self.from_edit),
                              (self.tr("T&o:"), self.to_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            pickers.addWidget(caption)
            pickers.addWidget(widget)
        pickers.addWidget(self.show_button)
        pickers.addStretch(1)
        pickers.addWidget(self.export_button)
        pickers.addWidget(self.pdf_button)
        self.summary = summary_label(self.tr("Oversight summary"))
        self.summary.setText(self.tr("Reading the teams…"))

        self.models: dict[str, RowsModel] = {}
        self.tables: dict[str, QTableView] = {}
        self.charts: dict[str, ChartView] = {}
        self.figures = QTabWidget()
        self.figures.setAccessibleName(self.tr("Oversight figures"))
        self.pages: dict[str, int] = {}
        self.names: dict[str, str] = {}
        specs = (("workers", columns.WORKERS, self.tr("Workers")),
                 ("children", columns.CHILDREN, self.tr("Children not discussed in time")),
                 ("notes", columns.NOTES, self.tr("Notes not yet final")),
                 ("disagreements", columns.DISAGREEMENTS, self.tr("Open disagreements")),
                 ("actions", columns.ACTIONS, self.tr("Overdue actions")),
                 ("patterns", columns.PATTERNS, self.tr("Stuck and diverging cases")),
                 ("scores", (), self.tr("Scores")),
                 ("direct_work", columns.DIRECT_WORK, self.tr("Direct work with children")),
                 ("completeness", columns.COMPLETENESS, self.tr("Completeness of optional items")))
        for key, cols, name in specs:
            self.models[key] = RowsModel(cols, self)
            self.tables[key] = _table(self.models[key], name)
            self.charts[key] = ChartView()
            self.charts[key].show_message(self.tr("Choose a period and press Show."))
            page = QSplitter(Qt.Orientation.Vertical)
            if key == "completeness":
                page.addWidget(self._completeness_tables())
                page.addWidget(self._completeness_drill_down())
            elif key != "scores":
                page.addWidget(self.tables[key])
            if key == "workers":
                page.addWidget(self._drill_down())
            if key == "disagreements":
                page.addWidget(self._respond_bar())
            page.addWidget(self.charts[key])
            # The chart gets the most room; a worker's children share the table's.
            sizes = {"workers": [220, 200, 380], "disagreements": [260, 40, 380],
                     "completeness": [220, 200, 380], "scores": [1]}.get(key, [280, 420])
            page.setSizes(sizes)
            for index in range(page.count()):
                page.setStretchFactor(index, 1 if index < page.count() - 1 else 2)
            self.pages[key] = self.figures.addTab(page, name)
            self.names[key] = name

        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.summary)
        layout.addWidget(self.figures, 1)
        self.show_button.clicked.connect(self.load_report)
        self.export_button.clicked.connect(self._choose_export)
        self.pdf_button.clicked.connect(self._choose_pdf)
        self.tables["workers"].selectionModel().selectionChanged.connect(self._worker_chosen)
        self.figures.currentChanged.connect(self._tab_opened)

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _drill_down(self) -> QWidget:
        box = QWidget()
        self.drill_label = QLabel(self.tr("Choose a worker to see their children."))
        self.models["worker_children"] = RowsModel(columns.WORKER_CHILDREN, self)
        self.tables["worker_children"] = _table(self.models["worker_children"],
                                                self.tr("The worker's children"))
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.drill_label)
        inner.addWidget(self.tables["worker_children"])
        return box

    def _completeness_tables(self) -> QWidget:
        """The items and the workers side by side: choosing either drills down below."""
        self.models["completeness_workers"] = RowsModel(columns.COMPLETENESS_WORKERS, self)
        self.tables["completeness_workers"] = _table(self.models["completeness_workers"],
                                                     self.tr("Completeness by worker"))
        # An item's wording takes the room the counts leave (elided, whole in its tooltip), so
        # the counts stay in sight beside the workers.
        items = self.tables["completeness"].horizontalHeader()
        items.setStretchLastSection(False)
        items.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.addWidget(self.tables["completeness"])
        pair.addWidget(self.tables["completeness_workers"])
        pair.setSizes([520, 480])
        for key in ("completeness", "completeness_workers"):
            self.tables[key].selectionModel().selectionChanged.connect(
                lambda *_args, key=key: self._completeness_chosen(key))
        return pair

    def _completeness_drill_down(self) -> QWidget:
        box = QWidget()
        self.unanswered_label = QLabel(self.tr("Choose a worker or an item to see which records "
                                               "left it unanswered."))
        self.unanswered_label.setWordWrap(True)
        self.models["unanswered"] = RowsModel(columns.UNANSWERED, self)
        self.tables["unanswered"] = _table(self.models["unanswered"],
                                           self.tr("Optional items left unanswered"))
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.unanswered_label)
        inner.addWidget(self.tables["unanswered"])
        return box

    def _respond_bar(self) -> QWidget:
        bar = QWidget()
        self.respond_button = QPushButton(self.tr("&Respond…"))
        self.respond_button.setEnabled(False)
        note = QLabel(self.tr("A practice lead answers a disagreement; the answer is signed and "
                              "kept with the record.") if self.is_lead else
                      self.tr("A practice lead answers open disagreements."))
        note.setWordWrap(True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(note, 1)
        row.addWidget(self.respond_button)
        self.respond_button.setVisible(self.is_lead)
        self.tables["disagreements"].selectionModel().selectionChanged.connect(
            lambda *_: self.respond_button.setEnabled(self.chosen("disagreements") is not None))
        self.respond_button.clicked.connect(self._respond)
        return bar

    # -- what the window calls -------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = True
        if self.isVisible():
            self._read_teams()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._read_teams()

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def chosen(self, key: str) -> Any:
        """The row object selected in figure ``key``'s table, or None."""
        rows = self.tables[key].selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    # -- reading ---------------------------------------------------------------------------
    def _read_teams(self) -> None:
        self._stale = False
        services = self.services
        services.runner.run(lambda progress, is_cancelled: read_teams(services),
                            on_success=self._show_teams, on_failure=self._failed, owner=self,
                            name="oversight teams")

    def _show_teams(self, teams: list[tuple[int | None, str]]) -> None:
        previous = self.team_combo.currentData()
        self.team_combo.clear()
        for team_id, name in teams:
            self.team_combo.addItem(translated(name), team_id)
        found = self.team_combo.findData(previous)
        self.team_combo.setCurrentIndex(max(found, 0))
        if not teams:
            self.summary.setText(self.tr("There are no teams yet. Import a caseload with File > "
                                         "Import caseload… (Ctrl+I)."))
            return
        self.load_report()

    def load_report(self) -> None:
        """Read the report for the chosen team and period (off the UI thread)."""
        if self.team_combo.count() == 0:
            return
        start, end = self.period
        if end < start:
            self.summary.setText(self.tr("The period ends before it starts: choose a From date "
                                         "on or before the To date."))
            return
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        generation = self._generation
        services, team_id = self.services, self.team_combo.currentData()
        width_in = self._chart_width()
        key = self.key_on_view()
        self.summary.setText(self.tr("Reading supervision for the period…"))

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Loaded:
            return load(services, team_id, start, end, width_in, key)

        self._task = services.runner.run(
            work, on_success=lambda loaded: self._show(loaded, generation),
            on_failure=lambda error: self._failed(error, generation), owner=self, name="oversight")

    def key_on_view(self) -> str:
        """The figure whose tab is open."""
        return self._key_at(self.figures.currentIndex()) or "workers"

    def _key_at(self, index: int) -> str | None:
        """The figure on tab ``index`` (None for a tab that is not a figure)."""
        return next((key for key, page in self.pages.items() if page == index), None)

    def _chart_width(self) -> float:
        return chart_width_in(self.figures, least=6.0, most=10.0)

    def _show(self, loaded: Loaded, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.reader = loaded.reader
        report = self.report = loaded.report
        self._drawn, self._reading = set(), set()
        for key in self.pages:
            self._fill(key, report)
        self.models["worker_children"].set_rows([])
        self.drill_label.setText(self.tr("Choose a worker to see their children."))
        self._set_titles(report)
        for key, chart in loaded.charts.items():
            self.charts[key].set_chart(chart)
            self._drawn.add(key)
        for key in self.charts.keys() - self._drawn:
            self.charts[key].show_message(self.tr("Drawing the chart…"))
        counts = report.counts()
        direct = report.direct_work.total
        share = report.rediscussion.share
        rediscussed = (arg(self.tr("%1 of %2"), report.rediscussion.within, report.rediscussion.total)
                       if share is None else
                       arg(self.tr("%1 of %2 (%3)"), report.rediscussion.within, report.rediscussion.total,
                           f"{share:.0%}"))
        self.summary.setText(" ".join((
            arg(self.tr("%1, %2 to %3 (as of %4). Workers overdue for supervision: %5 of %6."),
                report.scope, columns.shown(report.start), columns.shown(report.end),
                columns.shown(report.as_of), counts["workers_overdue"], counts["workers"]),
            arg(translate("OversightScreen", "Children not discussed within their interval: %1 of %n "
                                             "open case(s); re-discussed in time in the period: %2.",
                          None, report.open_cases),
                counts["children_overdue"], rediscussed),
            arg(self.tr("Children with direct work since %1: %2 of %3."),
                columns.shown(report.direct_work.since), direct.with_direct_work, direct.open_children))))
        self.export_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        self.report_shown.emit(report)
        # A tab changed while the report was read: read what it shows now.
        self._tab_opened(self.figures.currentIndex())

    def _fill(self, key: str, report: OversightReport) -> None:
        """Figure ``key``'s table from ``report`` (empty while the figure is not read)."""
        if key == "completeness":
            self.models["unanswered"].set_rows([])
            self.unanswered_label.setText(self.tr("Choose a worker or an item to see which "
                                                  "records left it unanswered."))
        if key in report.pending:
            self.models[key].set_rows([])
            if key == "completeness":
                self.models["completeness_workers"].set_rows([])
            return
        if key == "completeness":
            self.models[key].set_rows(report.completeness.items)
            self.models["completeness_workers"].set_rows(report.completeness.rows)
            return
        if key == "patterns":
            self.models[key].set_rows(
                [(c.child_label, c.worker_name, arg(self.tr("Stuck: %1"), translated(c.reason)),
                  " → ".join(f"{v:g}" for v in c.scores)) for c in report.stuck_cases]
                + [(d.child_label, d.worker_name, arg(self.tr("Diverging: %1"), translated(d.between)),
                    "; ".join(f"{a:g} v {b:g}" for _day, a, b in d.sessions))
                   for d in report.divergences])
            return
        rows = {"workers": report.workers, "children": report.children_overdue,
                "notes": report.pending_notes, "disagreements": report.open_disagreements,
                "actions": report.overdue_actions, "scores": (),
                "direct_work": report.direct_work.rows}[key]
        self.models[key].set_rows(rows)

    def _set_titles(self, report: OversightReport) -> None:
        """Each tab's name with its count (a figure not read yet whose count is not known
        shows its name alone until its tab is opened)."""
        counts = report.counts()
        direct = report.direct_work.total
        titled = {
            "workers": (self.tr("Workers (%1 overdue)"), counts.get("workers_overdue")),
            "children": (self.tr("Children late (%1)"), counts.get("children_overdue")),
            "notes": (self.tr("Notes pending (%1)"), counts.get("pending_notes")),
            "disagreements": (self.tr("Disagreements (%1)"), counts.get("open_disagreements")),
            "actions": (self.tr("Actions overdue (%1)"), counts.get("overdue_actions")),
            "patterns": (self.tr("Stuck or diverging (%1)"),
                         None if "stuck_cases" not in counts
                         else counts["stuck_cases"] + counts["divergences"]),
        }
        for key, (title, count) in titled.items():
            self.figures.setTabText(self.pages[key], self.names[key] if count is None else arg(title, count))
        self.figures.setTabText(self.pages["scores"], translate("OversightScreen", "Scores (%n case(s))",
                                                                None, report.open_cases))
        self.figures.setTabText(self.pages["direct_work"], arg(self.tr("Direct work (%1 of %2)"),
                                                               direct.with_direct_work, direct.open_children))
        records = counts.get("signed_records")
        self.figures.setTabText(self.pages["completeness"], self.names["completeness"]
                                if records is None else
                                translate("OversightScreen", "Completeness (%n signed record(s))",
                                          None, records))

    # -- a tab opened: its figure read and its chart drawn -----------------------------------
    def _tab_opened(self, index: int) -> None:
        key = self._key_at(index)
        reader = self.reader
        if (key is None or reader is None or key in self._drawn or key in self._reading
                or self._task is not None):
            return
        self._reading.add(key)
        generation, width_in = self._generation, self._chart_width()

        def work(progress: ProgressFn, is_cancelled: CancelCheck
                 ) -> tuple[OversightReport, BuiltChart]:
            return read_figure(reader, key, width_in)

        self.services.runner.run(
            work, on_success=lambda found: self._show_figure(key, found, generation),
            on_failure=lambda error: self._figure_failed(key, error, generation), owner=self,
            name="oversight figure")

    def _show_figure(self, key: str, found: tuple[OversightReport, BuiltChart],
                     generation: int) -> None:
        if generation != self._generation:
            return
        report, chart = found
        self._reading.discard(key)
        self._drawn.add(key)
        self.report = report
        self._fill(key, report)
        self._set_titles(report)
        self.charts[key].set_chart(chart)
        self.figure_shown.emit(key)

    def _figure_failed(self, key: str, error: Exception, generation: int) -> None:
        if generation != self._generation:
            return
        self._reading.discard(key)  # opening the tab again tries again
        self.charts[key].show_message(explain(error, self.tr("This figure could not be shown"))
                                      .message)

    def _failed(self, error: Exception, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._task = None
        self.summary.setText(explain(error, self.tr("The oversight of supervision could not be shown"))
                             .message)

    # -- drill-down ------------------------------------------------------------------------
    def _worker_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        worker = self.chosen("workers")
        if worker is None or self.report is None:
            return
        services, as_of = self.services, self.report.as_of
        self.drill_label.setText(arg(self.tr("Reading %1's children…"), worker.worker_name))

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> list[GlanceRow]:
            from workbench.oversight import worker_children

            return worker_children(services.db, services.clock, worker_id=worker.worker_id,
                                   as_of=as_of, actor=services.actor)

        services.runner.run(work, on_success=lambda rows: self._show_children(worker, rows),
                            on_failure=self._drill_failed, owner=self, name="oversight drill-down")

    def _show_children(self, worker: Any, rows: list[GlanceRow]) -> None:
        if self.chosen("workers") != worker:
            return  # another worker was chosen meanwhile
        self.models["worker_children"].set_rows(rows)
        overdue = sum(r.overdue for r in rows)
        self.drill_label.setText(arg(self.tr("%1's open cases: %2, of which %3 overdue for discussion."),
                                     worker.worker_name, len(rows), overdue))
        self.children_shown.emit(worker.worker_id)

    def _completeness_chosen(self, key: str) -> None:
        """A worker (or an item) chosen in the completeness tab: the optional items their
        records left unanswered, record by record and child by child."""
        report = self.report
        chosen = self.chosen(key)
        if report is None or chosen is None:
            return
        other = "completeness" if key == "completeness_workers" else "completeness_workers"
        self.tables[other].clearSelection()
        completeness = report.completeness
        if key == "completeness":
            rows = completeness.unanswered_by(wording=chosen.wording, level=chosen.level)
            text = arg(translate("OversightScreen", "\"%1\" was left unanswered %n time(s):",
                                 None, len(rows)), chosen.wording)
        elif chosen.worker_id is None:
            rows = ()
            text = self.tr("Choose a worker to see which of their records left which items "
                           "unanswered.")
        else:
            rows = completeness.unanswered_by(chosen.worker_id)
            text = arg(translate("OversightScreen", "%1's signed records left %n optional item(s) "
                                 "unanswered:", None, len(rows)), chosen.worker_name)
        self.models["unanswered"].set_rows(rows)
        self.unanswered_label.setText(text)

    def _drill_failed(self, error: Exception) -> None:
        self.drill_label.setText(explain(error, self.tr("The worker's children could not be shown")).message)

    # -- export and respond ----------------------------------------------------------------
    def _choose_export(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the oversight to Excel"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Excel workbook (*.xlsx)"))
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the report on screen to ``path`` as a workbook (off the UI thread)."""
        reader = self.reader
        if reader is None:
            return
        self.export_button.setEnabled(False)

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Path:
            from workbench.oversight import write_workbook

            return write_workbook(reader.read_all(), path)  # every figure, read if not yet

        self.services.runner.run(work, on_success=self._exported, on_failure=self._export_failed,
                                 owner=self, name="oversight export")

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(arg(self.tr("Saved the workbook to %1."), path))
        self.exported.emit(str(path))

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(explain(error, self.tr("The workbook was not written")).message)

    def _choose_pdf(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the oversight as a signed PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF report (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_pdf_to(Path(name)))
        dialog.open()

    def export_pdf_to(self, path: Path) -> None:
        """Ask to sign the report on screen (its team and period, read afresh) into ``path``."""
        report = self.report
        if report is None:
            return
        from ui.oversight.sign_report_dialog import SignReportDialog

        dialog = SignReportDialog(self.services, team_id=report.team_id, scope=report.scope,
                                  start=report.start, end=report.end, path=path, parent=self)
        dialog.written.connect(self._pdf_exported)
        dialog.open()

    def _pdf_exported(self, path: str) -> None:
        self.summary.setText(arg(self.tr("Saved the signed report to %1."), path))
        self.pdf_exported.emit(path)

    def _respond(self) -> None:
        disagreement = self.chosen("disagreements")
        if disagreement is None:
            return
        from ui.oversight.respond_dialog import RespondDialog

        dialog = RespondDialog(self.services, disagreement, self)
        dialog.responded.connect(lambda _response_id: self.load_report())
        dialog.open()
