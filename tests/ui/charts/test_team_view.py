"""The team view screen: a practice lead chooses any team, a manager sees their own, a worker
is told who the screen is for; the figure and its summary come from the runner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from tests.ui.charts.conftest import Scored, ThreadNotingRunner, signed_in
from tests.ui.charts.helpers import shown
from tests.workbench.charts.helpers import by_gid, one
from ui.main_window import MainWindow
from ui.scores.team_screen import TeamViewScreen
from ui.services import AppServices

WAIT_MS = 20_000


def combo_items(screen: TeamViewScreen) -> list[str]:
    return [screen.team_combo.itemText(i) for i in range(screen.team_combo.count())]


def open_team_view(qtbot: QtBot, services: AppServices) -> TeamViewScreen:
    screen = TeamViewScreen(services)
    with qtbot.waitSignal(screen.team_view_shown, timeout=WAIT_MS):
        shown(qtbot, screen)
    return screen


def bar_heights(screen: TeamViewScreen) -> list[float]:
    chart = screen.chart.chart
    assert chart is not None
    return [by_gid(chart.figure, f"distribution-bar:{score}")[0].get_height()  # type: ignore[attr-defined]
            for score in range(11)]


def test_a_practice_lead_sees_any_team_with_its_figure_and_summary(
        qtbot: QtBot, services: AppServices, scored: Scored, runner: ThreadNotingRunner) -> None:
    screen = open_team_view(qtbot, signed_in(services, scored, "Pat Lead"))
    assert combo_items(screen) == ["North", "South"]
    chart = screen.chart.chart
    assert chart is not None
    assert chart.kind == "team_view"
    # North's latest scores: Ben 2, Eve 2, Cat 5, Amy 6, Fay 8; Dan has none.
    assert bar_heights(screen) == [0, 0, 2, 0, 0, 1, 1, 0, 1, 0, 0]
    assert one(chart.figure, "share-scored").get_height() == 5 / 6  # type: ignore[attr-defined]
    assert screen.summary.isVisible()
    assert screen.summary.text() == chart.summary
    assert chart.summary.startswith("North: 6 open cases, 5 with a score (83%). 2 in the escalation zone")
    assert screen.chart.accessibleDescription() == chart.summary
    assert screen.chart.accessibleName() == "Team view chart"

    with qtbot.waitSignal(screen.team_view_shown, timeout=WAIT_MS) as south:
        qtbot.keyClick(screen.team_combo, Qt.Key.Key_Down)
    assert south.args == [scored.teams["South"]]
    assert screen.summary.text().startswith("South: 1 open case, 1 with a score (100%).")
    assert bar_heights(screen)[1] == 1
    assert runner.on_ui_thread["team view"] == [False, False]  # both built off the UI thread


def test_a_manager_sees_only_their_own_team(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    screen = open_team_view(qtbot, signed_in(services, scored, "Sue Manager"))
    assert combo_items(screen) == ["South"]
    assert screen.summary.text().startswith("South: 1 open case,")


def test_a_worker_is_told_who_the_team_view_is_for_and_nothing_is_read(
        qtbot: QtBot, services: AppServices, scored: Scored, runner: ThreadNotingRunner) -> None:
    screen = TeamViewScreen(signed_in(services, scored, "Bo Worker"))
    shown(qtbot, screen)
    message = screen.chart.accessibleDescription()
    assert message.startswith("The team view is for team managers and practice leads.")
    assert "Caseload screen (Ctrl+1)" in message
    assert screen.chart.canvas is None
    assert not screen.team_combo.isVisible()
    assert not screen.summary.isVisible()
    screen.refresh()
    assert not [name for name in runner.on_ui_thread if name.startswith("team view")]


def test_the_window_has_a_team_view_screen_that_reads_nothing_until_it_is_shown(
        qtbot: QtBot, services: AppServices, scored: Scored, runner: ThreadNotingRunner) -> None:
    window = MainWindow(signed_in(services, scored, "Ann Manager"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.screens["team"]
    assert isinstance(screen, TeamViewScreen)
    assert window.tabs.tabText(window.tabs.indexOf(screen)) == "Tea&m view"
    action = next(a for a in window.view_menu.actions() if a.text() == "Tea&m view")
    assert action.shortcut() == QKeySequence("Ctrl+5")
    assert "team view" not in runner.on_ui_thread
    with qtbot.waitSignal(screen.team_view_shown, timeout=WAIT_MS):
        action.trigger()
    assert window.tabs.currentWidget() is screen
    assert combo_items(screen) == ["North"]
    assert screen.summary.text().startswith("North: 6 open cases")
