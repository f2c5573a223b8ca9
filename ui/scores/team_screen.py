"""The team view, for practice leads and team managers: how a team's latest scores are spread
across its open cases, how its scores moved month by month, and what share of cases has a score.

A practice lead chooses any team; a team manager sees their own; a worker (or an admin) gets
a message saying who the screen is for. The teams are read, and the chart built, in the task
runner when the screen is first shown (so start-up never pays for matplotlib) and again on
``refresh()`` (after an import).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.charts import ChartView
from ui.i18n import translated
from ui.problems import explain
from ui.scores.common import chart_width_in, summary_label
from ui.screens import ScreenBase
from ui.tasks import CancelCheck, ProgressFn, Task

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.access import Actor
    from workbench.charts import BuiltChart


@dataclass(frozen=True)
class TeamChart:
    team_id: int
    chart: BuiltChart


def refusal(actor: Actor | None) -> str | None:
    """Why ``actor`` may not see the team view (None: they may)."""
    from PySide6.QtCore import QCoreApplication

    from db.enums import Role

    if actor is None or actor.role in (Role.PRACTICE_LEAD, Role.TEAM_MANAGER):
        return None
    if actor.role is Role.WORKER:
        return QCoreApplication.translate(
            "TeamViewScreen", "The team view is for team managers and practice leads. Your own "
            "caseload, with its chart, is on the Caseload screen (Ctrl+1).")
    return QCoreApplication.translate(
        "TeamViewScreen", "Admins manage identities and cannot see children's scores. Sign in as a "
        "team manager or practice lead to see the team view.")


def read_teams(services: AppServices) -> list[tuple[int, str]]:
    """The teams ``services.actor`` may look at: every team for a practice lead, their own for
    a team manager."""
    from db.enums import Role
    from workbench.caseload import list_teams

    teams = list_teams(services.db)
    actor = services.actor
    if actor is not None and actor.role is not Role.PRACTICE_LEAD:
        teams = [team for team in teams if team[0] == actor.team_id]
    return teams


def read_team_chart(services: AppServices, team_id: int, width_in: float) -> TeamChart:
    from workbench.caseload_scores import team_view
    from workbench.charts import build_team_view_chart

    view = team_view(services.db, services.clock, team_id=team_id, actor=services.actor)
    return TeamChart(team_id, build_team_view_chart(view, width_in=width_in, tr=translated))


class TeamViewScreen(ScreenBase):
    """A team chooser, the team view chart and its summary (also the chart's description).

    ``team_view_shown(team id)`` follows every chart put on screen.
    """

    team_view_shown = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = True  # read on the next show
        self._generation = 0
        self._task: Task[TeamChart] | None = None
        self.refused = refusal(services.actor)

        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setMinimumContentsLength(22)
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team_combo)
        self.explanation = QLabel(self.tr(
            "Latest score of each open case, the share of open cases with a score, and the team's "
            "scores month by month over the last year."))
        self.explanation.setWordWrap(True)
        self.chart = ChartView()
        self.summary = summary_label(self.tr("Summary of the team view"))
        self.summary.hide()

        pickers = QHBoxLayout()
        pickers.addWidget(team_label)
        pickers.addWidget(self.team_combo)
        pickers.addSpacing(12)
        pickers.addWidget(self.explanation, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.summary)
        if self.refused is not None:
            team_label.hide()
            self.team_combo.hide()
            self.explanation.hide()
            self.chart.show_message(self.refused)
        else:
            self.chart.show_message(self.tr("Reading the teams…"))
        self.team_combo.currentIndexChanged.connect(self._team_changed)

    # -- what the window calls --------------------------------------------------------------
    def refresh(self) -> None:
        """Read the teams and the chart again (now if on screen, else when next shown)."""
        self._stale = True
        if self.isVisible():
            self._read_teams()

    @property
    def current_team(self) -> int | None:
        team_id: int | None = self.team_combo.currentData()
        return team_id

    # -- reading ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._read_teams()

    def _read_teams(self) -> None:
        if self.refused is not None:
            return
        self._stale = False
        services = self.services
        self.services.runner.run(lambda progress, is_cancelled: read_teams(services),
                                 on_success=self._show_teams, on_failure=self._failed, owner=self,
                                 name="team view teams")

    def _show_teams(self, teams: list[tuple[int, str]]) -> None:
        previous = self.team_combo.currentData()
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        for team_id, name in teams:
            self.team_combo.addItem(name, team_id)
        found = self.team_combo.findData(previous) if previous is not None else -1
        self.team_combo.setCurrentIndex(max(found, 0) if teams else -1)
        self.team_combo.blockSignals(False)
        if not teams:
            self.summary.hide()
            self.chart.show_message(self.tr(
                "There are no teams to show yet. Import a caseload with File > Import caseload… "
                "(Ctrl+I)."))
            return
        self._load_chart()

    def _team_changed(self, _index: int) -> None:
        self._load_chart()

    def _load_chart(self) -> None:
        team_id = self.current_team
        if team_id is None:
            return
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        generation = self._generation
        services = self.services
        width_in = chart_width_in(self.chart, least=6.5, most=11.0)
        self.summary.hide()
        self.chart.show_message(self.tr("Drawing the team view…"))

        def work(progress: ProgressFn, is_cancelled: CancelCheck) -> TeamChart:
            return read_team_chart(services, team_id, width_in)

        self._task = self.services.runner.run(
            work, on_success=lambda result: self._show_chart(result, generation),
            on_failure=lambda error: self._failed(error, generation), owner=self, name="team view")

    def _show_chart(self, result: TeamChart, generation: int) -> None:
        if generation != self._generation:
            return  # another team was chosen meanwhile
        self._task = None
        self.chart.set_chart(result.chart)
        self.summary.setText(translated(result.chart.summary))
        self.summary.show()
        self.team_view_shown.emit(result.team_id)

    def _failed(self, error: Exception, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._task = None
        self.summary.hide()
        self.chart.show_message(explain(error, self.tr("The team view could not be shown")).message)
