"""A child's case history: their scale history chart and its summary, in a dialog.

Opened from the caseload at a glance (a click on the child) or "Scale history…". The history
is read with ``workbench.history.view_scale_history``, which checks that the signed-in person
may see the case and records the view in the audit trail; reading and building the chart run
in the task runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.charts import ChartView
from ui.i18n import arg, translate, translated
from ui.problems import explain
from ui.scores.common import chart_width_in, summary_label
from ui.tasks import CancelCheck, ProgressFn

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.charts import BuiltChart
    from workbench.history import ScaleHistory

DIALOG_SIZE = (800, 680)


@dataclass(frozen=True)
class CaseHistory:
    chart: BuiltChart
    worries: tuple[str, ...]  # each worry's danger statement in full (the legend shortens them)


def worry_lines(history: ScaleHistory) -> tuple[str, ...]:
    """The worries as the legend lists them, in full, closed ones saying when."""
    from workbench.charts.style import date_label

    lines = []
    for track in history.worries:
        if track.worry_id is None:
            continue
        text = " ".join(track.statement.split()) or track.label
        if track.closed_at is not None:
            text = arg(translate("CaseHistoryPanel", "%1 (closed on %2)"), text, date_label(track.closed_at))
        lines.append(text)
    return tuple(lines)


def read_case_history(services: AppServices, case_id: int, width_in: float) -> CaseHistory:
    """The audited read and the chart, off the UI thread."""
    from workbench.charts import build_scale_history_chart
    from workbench.history import view_scale_history

    history = view_scale_history(services.db, services.audit, actor=services.actor,
                                 case_id=case_id)
    chart = build_scale_history_chart(history, width_in=width_in, tr=translated)
    return CaseHistory(chart, worry_lines(history))


class CaseHistoryDialog(QDialog):
    """One child's scale history; ``shown(BuiltChart)`` or ``failed(message)`` once it is read.

    Open it with ``open()``; it deletes itself when closed.
    """

    shown = Signal(object)
    failed = Signal(str)

    def __init__(self, services: AppServices, case_id: int, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Scale history: %1"), title))
        self.resize(*DIALOG_SIZE)

        self.heading = QLabel(title)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.chart = ChartView()
        self.chart.show_message(self.tr("Reading the scale history…"))
        self.summary = summary_label(self.tr("Summary of the scale history"))
        self.summary.hide()
        self.worries = summary_label(self.tr("The worries in full"))
        self.worries.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart)  # the chart keeps the size it was drawn at: no grey gap
        layout.addWidget(self.summary)
        layout.addWidget(self.worries)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._start()

    def _start(self) -> None:
        services, case_id = self.services, self.case_id
        width_in = chart_width_in(self, least=6.0, most=7.6)

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> CaseHistory:
            return read_case_history(services, case_id, width_in)

        self.services.runner.run(work, on_success=self._show, on_failure=self._fail, owner=self,
                                 name="case history")

    def _show(self, history: CaseHistory) -> None:
        chart = history.chart
        self.chart.set_chart(chart)
        self.summary.setText(translated(chart.summary))
        self.summary.show()
        if history.worries:
            self.worries.setText("\n".join([self.tr("The worries in full:"),
                                            *(f"• {text}" for text in history.worries)]))
            self.worries.show()
        self.shown.emit(chart)

    def _fail(self, error: Exception) -> None:
        message = explain(error, self.tr("The scale history could not be shown")).message
        self.chart.show_message(message)
        self.failed.emit(message)
