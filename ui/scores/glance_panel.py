"""The caseload at a glance, beside the caseload table: each open case's latest score and its
change since the previous session, lowest and falling first, overdue supervision marked.

The caseload screen calls :meth:`GlancePanel.load` once its table is in; the panel reads the
scores and builds the chart in the task runner a moment later (a quick run through the worker
list starts one build, not one per worker), and only while it is on screen. A click on a
child's row emits ``case_chosen(case id)``; "Scale history…" asks for the child selected in
the table (``history_requested``), so the keyboard reaches the same place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.charts import FIT_SLACK, ChartView
from ui.i18n import arg, translate, translated
from ui.problems import explain
from ui.scores.common import CHART_DPI, chart_width_in
from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.caseload_scores import GlanceRow
    from workbench.charts import BuiltChart

#: How long the panel waits after the table is in before it starts the chart.
GLANCE_DELAY_MS = 200
#: The height of a child's row in the chart, in inches (``workbench.charts.caseload_glance``).
ROW_IN = 0.24
#: The panel's width beside the table, at first (the splitter between them moves).
PANEL_WIDTH = 520
#: At most this many children are drawn (the most urgent); ``workbench.charts.MAX_GLANCE_ROWS``.
GLANCE_ROWS = 60


@dataclass(frozen=True)
class Glance:
    """A built glance chart (None when there are no open cases) and how many cases it covers."""

    chart: BuiltChart | None
    total: int
    shown: int
    overdue: int


def truncated_summary(rows: list[GlanceRow], shown: int) -> str:
    """The text summary of a capped chart: the count, then only the children drawn (a summary
    of 5,000 children is of no use to anyone listening to it)."""
    from workbench.charts import glance_order
    from workbench.charts.summary import glance_row_summary

    ordered = glance_order(rows)[:shown]  # translate() is thread-safe: this runs off the UI thread
    return arg(translate("GlancePanel", "%n open case(s); the chart shows the %1 most urgent, lowest and "
                                        "falling first: %2.", None, len(rows)),
               shown, "; ".join(translated(glance_row_summary(row)) for row in ordered))


def read_glance(services: AppServices, worker_id: int | None, team_id: int | None, *,
                max_rows: int, width_in: float, height_in: float = 0.0) -> Glance:
    """The scores and the chart, all off the UI thread (the canvas is made on it).

    A chart taller than ``height_in`` (the view it goes in) labels its scores at the top as well.
    """
    from db.enums import Role
    from workbench.caseload_scores import caseload_glance
    from workbench.charts import build_caseload_glance_chart

    actor = services.actor
    if actor is not None and actor.role is Role.WORKER:
        team_id = None  # a worker's own caseload, as the table shows it
    rows = caseload_glance(services.db, services.clock, worker_id=worker_id,
                           team_id=team_id, actor=actor)
    overdue = sum(1 for row in rows if row.overdue)
    if not rows:
        return Glance(None, 0, 0, 0)
    shown = min(len(rows), max_rows)
    chart = build_caseload_glance_chart(rows, max_rows=max_rows, width_in=width_in,
                                        axis_on_top=shown * ROW_IN + 1.0 > height_in, tr=translated)
    if shown < len(rows):
        chart = replace(chart, summary=truncated_summary(rows, shown))
    return Glance(chart, len(rows), shown, overdue)


class GlancePanel(QWidget):
    """"At a glance": a heading, a line on what is shown, the chart, and "Scale history…".

    ``glance_shown(Glance)`` follows every chart (or "no open cases") put on screen.
    """

    case_chosen = Signal(int)
    history_requested = Signal()
    glance_shown = Signal(object)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.max_rows = GLANCE_ROWS
        self._request: tuple[int | None, int | None] | None = None
        self._pending = False
        self._generation = 0
        self._task: Task[Glance] | None = None
        self.glance: Glance | None = None

        self.heading = QLabel(self.tr("At a glance"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(self.tr("What the chart shows"))
        self.history_button = QPushButton(self.tr("Sc&ale history…"))
        self.history_button.setToolTip(self.tr("The scale history of the child selected in the table"))
        self.history_button.setEnabled(False)
        self.chart = ChartView()
        self.chart.setMinimumWidth(440)  # the canvas is at least 420 px wide, plus its scroll bar
        self.chart.show_message(self.tr("The chart follows the table."))

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.chart, 1)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(GLANCE_DELAY_MS)
        self._delay.timeout.connect(self._start)
        self.chart.caseSelected.connect(self.case_chosen)
        self.chart.widthSettled.connect(self._refit)
        self.history_button.clicked.connect(self.history_requested)

    # -- what the caseload screen calls ----------------------------------------------------
    def load(self, worker_id: int | None, team_id: int | None) -> None:
        """Chart the open cases of this worker (or team, or everyone the person may see)."""
        self._request = (worker_id, team_id)
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.chart.show_message(self.tr("Drawing the chart…"))
        self.note_label.setText("")
        self.history_button.setEnabled(False)  # the table was refilled: nothing is selected
        self._delay.start()

    def not_loaded(self, message: str) -> None:
        """The table could not be read: nor can the chart, for the same reason."""
        self._request = None
        self._generation += 1
        self._delay.stop()
        self.note_label.setText("")
        self.chart.show_message(message)

    def set_history_enabled(self, enabled: bool) -> None:
        self.history_button.setEnabled(enabled)

    @property
    def is_loading(self) -> bool:
        return self._delay.isActive() or self._pending or self._task is not None

    # -- building --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending:
            self._delay.start()

    def _start(self) -> None:
        if self._request is None:
            return
        if not self.isVisible():
            self._pending = True  # on another tab: built when it is shown
            return
        self._pending = False
        worker_id, team_id = self._request
        generation = self._generation
        max_rows = self.max_rows
        width_in = chart_width_in(self.chart, least=4.0, most=9.0)
        height_in = self.chart.height() / CHART_DPI
        services = self.services

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> Glance:
            return read_glance(services, worker_id, team_id, max_rows=max_rows, width_in=width_in,
                               height_in=height_in)

        self._task = self.services.runner.run(
            work, on_success=lambda glance: self._show(glance, generation),
            on_failure=lambda error: self._failed(error, generation),
            owner=self, name="caseload at a glance")

    def _refit(self, _width_in: float) -> None:
        """The panel settled at another width: build the chart again to fit it, off the UI
        thread (the chart shown stays, and scrolls, until the new one is in)."""
        chart = self.glance.chart if self.glance is not None else None
        if chart is None or self._request is None or self.is_loading:
            return
        wanted = chart_width_in(self.chart, least=4.0, most=9.0)
        if abs(wanted - float(chart.figure.get_figwidth())) * CHART_DPI <= FIT_SLACK:
            return  # at its widest or narrowest already
        self._generation += 1
        self._start()

    def _show(self, glance: Glance, generation: int) -> None:
        if generation != self._generation:
            return  # another worker or team was chosen meanwhile
        self._task = None
        self.glance = glance
        if glance.chart is None:
            self.chart.show_message(self.tr("No open cases to chart."))
            self.note_label.setText("")
        else:
            self.chart.set_chart(glance.chart)
            self.note_label.setText(self._note(glance))
        self.glance_shown.emit(glance)

    def _note(self, glance: Glance) -> str:
        if glance.shown < glance.total:
            head = (arg(self.tr("Showing the %1 most urgent of %2 open cases, lowest and falling first "
                            "(the table lists them all)."), str(glance.shown), f"{glance.total:,}"))
        elif glance.total == 1:
            head = self.tr("1 open case.")
        else:
            head = translate("GlancePanel", "%n open case(s), lowest and falling first.", None, glance.total)
        parts = [head]
        if glance.overdue:
            parts.append(translate("GlancePanel", "%n overdue for supervision (in bold).", None,
                                   glance.overdue))
        parts.append(self.tr("Click a child to open their scale history."))
        return " ".join(parts)

    def sizeHint(self) -> QSize:
        # Beside the table, which takes whatever else the window has (stretch 0 here).
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def _failed(self, error: Exception, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.glance = None
        self.note_label.setText("")
        failed = self.tr("The caseload chart could not be shown")
        self.chart.show_message(explain(error, failed).message)
