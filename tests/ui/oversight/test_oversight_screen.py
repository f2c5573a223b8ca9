"""The Oversight screen on the hand-built world (tests/workbench/oversight/builders): the figures
as tables with their counts, a chart each, the drill-down from a worker to their children,
Export to Excel, a practice lead's answer to a disagreement, and who gets the tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from db.engine import DbFactory
from db.enums import Role
from tests.conftest import FixedClock
from tests.workbench.oversight.builders import END, NOW, START, World, build_world, held_with_v4
from tests.workbench.signing.conftest import give_identities
from ui.oversight.respond_dialog import RespondDialog
from ui.oversight.screen import OversightScreen
from ui.screens import SCREENS
from ui.services import AppServices
from workbench.access import Actor
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def world(db: DbFactory) -> World:
    return build_world(db)


def screen_for(qtbot: QtBot, services: AppServices, world: World, name: str, role: Role,
               team: str | None) -> OversightScreen:
    actor = Actor(world.staff[name], role, world.teams[team] if team else None, name)
    screen = OversightScreen(services.signed_in(actor))
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    screen.from_edit.setDate(QDate(START.year, START.month, START.day))
    screen.to_edit.setDate(QDate(END.year, END.month, END.day))
    return screen


def shown(screen: OversightScreen, qtbot: QtBot) -> None:
    with qtbot.waitSignal(screen.report_shown, timeout=60_000):
        screen.show()


def open_tab(screen: OversightScreen, qtbot: QtBot, key: str) -> None:
    """Open figure ``key``'s tab and wait for its figure to be read and drawn."""
    with qtbot.waitSignal(screen.figure_shown, timeout=60_000,
                          check_params_cb=lambda shown_key: shown_key == key):
        screen.figures.setCurrentIndex(screen.pages[key])


def texts(screen: OversightScreen, key: str, column: int = 0) -> list[str]:
    model = screen.models[key]
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_manager_sees_their_team_drills_down_and_exports(
        qtbot: QtBot, services: AppServices, world: World, tmp_path: Path,
        qtmodeltester: ModelTester) -> None:
    screen = screen_for(qtbot, services, world, "Ann", Role.TEAM_MANAGER, "Northgate")
    shown(screen, qtbot)
    assert [screen.team_combo.itemText(i) for i in range(screen.team_combo.count())] == ["Northgate"]
    titles = [screen.figures.tabText(i) for i in range(screen.figures.count())]
    # Show reads the headline: every count but the stuck and diverging cases, which are found
    # only when their tab is opened; only the figure on view is read and drawn.
    assert titles == ["Workers (2 overdue)", "Children late (3)", "Notes pending (3)",
                      "Disagreements (1)", "Actions overdue (1)", "Stuck and diverging cases",
                      "Scores (5 cases)", "Direct work (4 of 5)", "Completeness (4 signed records)"]
    assert texts(screen, "workers") == ["Bo", "Cy", "Di"]
    assert [key for key, chart in screen.charts.items() if chart.chart is not None] == ["workers"]
    assert texts(screen, "children") == []
    for key in screen.pages:
        if key != "workers":
            open_tab(screen, qtbot, key)
    assert screen.figures.tabText(screen.pages["patterns"]) == "Stuck or diverging (4)"
    assert [screen.figures.tabText(i) for i in range(screen.figures.count())] == [
        *titles[:5], "Stuck or diverging (4)", *titles[6:]]  # the counts read agree
    screen.figures.setCurrentIndex(screen.pages["workers"])
    assert texts(screen, "children") == ["C1", "C2", "C5"]
    assert "re-discussed in time in the period: 2 of 5 (40%)" in screen.summary.text()
    assert "Children with direct work since 31 Aug 2026: 4 of 5." in screen.summary.text()
    # Direct work (builders): a row per worker, then the team's total; Bo 1 of 2 is 50%.
    assert texts(screen, "direct_work") == ["Bo", "Cy", "Di", "Northgate total"]
    assert [texts(screen, "direct_work", column) for column in (2, 3, 4)] == [
        ["2", "2", "1", "5"], ["1", "2", "1", "4"], ["50", "100", "100", "80"]]
    headers = screen.models["direct_work"]
    assert [headers.headerData(c, Qt.Orientation.Horizontal) for c in range(5, 9)] == [
        "Three Houses", "Wizards and Fairies", "Safety House", "Words and Pictures"]
    assert texts(screen, "direct_work", 5) == ["1", "1", "0", "2"]
    qtmodeltester.check(screen.models["direct_work"])
    for key, chart in screen.charts.items():
        assert chart.chart is not None, key
        assert chart.chart.kind == f"oversight_{key}"
    qtmodeltester.check(screen.models["workers"])

    # Drill down: choose Cy, see Cy's children, the overdue one first.
    table = screen.tables["workers"]
    cy_row = next(r for r in range(3) if table.model().index(r, 0).data() == "Cy")
    with qtbot.waitSignal(screen.children_shown, timeout=30_000) as drilled:
        table.selectionModel().select(table.model().index(cy_row, 0),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
    assert drilled.args == [world.staff["Cy"]]
    assert texts(screen, "worker_children") == ["C5", "C4"]
    assert "2, of which 1 overdue" in screen.drill_label.text()
    qtmodeltester.check(screen.models["worker_children"])

    path = tmp_path / "north.xlsx"
    with qtbot.waitSignal(screen.exported, timeout=30_000):
        screen.export_to(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Workers").to_python()
    assert [(r[0], r[10]) for r in rows[1:]] == [("Bo", 20), ("Cy", 3), ("Di", 0)]
    assert screen.respond_button.isHidden()  # managers do not answer disagreements


def select_row(screen: OversightScreen, key: str, first_cell: str) -> None:
    """Choose the row of figure ``key``'s table whose first cell reads ``first_cell``."""
    table = screen.tables[key]
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == first_cell)
    table.selectionModel().select(model.index(row, 0),
                                  QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)


def test_the_completeness_tab_shows_its_chart_and_drills_down_to_the_worker_and_the_child(
        qtbot: QtBot, services: AppServices, db: DbFactory, qtmodeltester: ModelTester) -> None:
    """Held with the default set v4 (numbers worked out in tests/workbench/oversight/
    test_completeness): Bo answered 2 of 22 optional items, Cy 1 of 8, Di 0 of 8."""
    world = build_world(db, before_signing=held_with_v4)
    screen = screen_for(qtbot, services, world, "Ann", Role.TEAM_MANAGER, "Northgate")
    shown(screen, qtbot)
    page = screen.pages["completeness"]
    assert screen.figures.tabText(page) == "Completeness (4 signed records)"  # from the headline
    assert texts(screen, "completeness") == []  # read when its tab opens
    open_tab(screen, qtbot, "completeness")
    chart = screen.charts["completeness"].chart
    assert chart is not None
    assert chart.kind == "oversight_completeness"
    assert "3 of 38 optional items were answered" in chart.summary
    assert len(texts(screen, "completeness")) == 8
    assert sorted(zip(texts(screen, "completeness", 2), texts(screen, "completeness", 3),
                      strict=True)) == sorted([("1", "5")] * 2 + [("0", "5")] * 4
                                              + [("1", "4"), ("0", "4")])
    assert texts(screen, "completeness_workers") == ["Bo", "Cy", "Di", "Northgate total"]
    assert [texts(screen, "completeness_workers", column) for column in (2, 4, 5, 6)] == [
        ["2", "1", "1", "4"], ["2", "1", "0", "3"], ["22", "8", "8", "38"],
        ["9.1", "12.5", "0", "7.9"]]

    # To the worker: Di's one record, the session as a whole and then C3, every item unanswered.
    select_row(screen, "completeness_workers", "Di")
    assert texts(screen, "unanswered", 2) == ["the session as a whole"] * 2 + ["C3"] * 6
    assert set(texts(screen, "unanswered", 1)) == {"Di"}
    assert "Di's signed records left 8 optional items unanswered" in screen.unanswered_label.text()
    # To the child, from an item: which records left the complicating factors unanswered.
    select_row(screen, "completeness", "Complicating factors: what makes the situation harder "
                                       "to understand or to change?")
    assert screen.tables["completeness_workers"].selectionModel().selectedRows() == []
    assert texts(screen, "unanswered", 2) == ["C1", "C3", "C2", "C4"]
    assert texts(screen, "unanswered", 1) == ["Bo", "Di", "Bo", "Cy"]
    assert "was left unanswered 4 times" in screen.unanswered_label.text()
    # A total names no one worker: nothing to list.
    select_row(screen, "completeness_workers", "Northgate total")
    assert texts(screen, "unanswered") == []
    for key in ("completeness", "completeness_workers", "unanswered"):
        qtmodeltester.check(screen.models[key])


def test_a_practice_lead_answers_a_disagreement_and_it_leaves_the_list(
        qtbot: QtBot, services: AppServices, world: World, db: DbFactory,
        clock: FixedClock) -> None:
    give_identities(db,
                    IdentityStore(services.data_dir / "keys", SecretStore(), clock, AuditTrail(clock)),
                    world.staff["Pat"])
    screen = screen_for(qtbot, services, world, "Pat", Role.PRACTICE_LEAD, None)
    shown(screen, qtbot)
    assert screen.team_combo.itemText(0) == "All teams"
    assert texts(screen, "workers") == ["Bo", "Cy", "Di", "Eve"]
    open_tab(screen, qtbot, "disagreements")
    table = screen.tables["disagreements"]
    table.selectRow(0)
    assert screen.respond_button.isEnabled()
    screen.respond_button.click()
    dialog = screen.findChild(RespondDialog)
    assert dialog is not None
    dialog.sign_button.click()  # nothing written yet: the response is empty
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=30_000)
    assert "Write the response" in dialog.problem.text()
    dialog.text_edit.setPlainText("Discussed with Cy and Ann: the score stands until the review.")
    with qtbot.waitSignal(screen.report_shown, timeout=60_000) as reloaded:
        dialog.sign_button.click()
    # Shown again on the tab in view: the disagreements read afresh, the answered one gone.
    assert "disagreements" not in reloaded.args[0].pending
    assert reloaded.args[0].open_disagreements == ()
    assert screen.figures.tabText(3) == "Disagreements (0)"


def test_a_worker_gets_no_tab_and_the_core_refuses_them(
        qtbot: QtBot, services: AppServices, world: World) -> None:
    spec = next(s for s in SCREENS if s.key == "oversight")
    bo = Actor(world.staff["Bo"], Role.WORKER, world.teams["Northgate"], "Bo")
    assert not spec.shown(bo)
    assert spec.shown(Actor(world.staff["Pat"], Role.PRACTICE_LEAD, None, "Pat"))
    screen = screen_for(qtbot, services, world, "Bo", Role.WORKER, "Northgate")
    screen.show()
    qtbot.waitUntil(lambda: "team managers and practice leads" in screen.summary.text(),
                    timeout=30_000)
    assert screen.models["workers"].rowCount() == 0
    assert not screen.export_button.isEnabled()
    assert not screen.pdf_button.isEnabled()


def test_a_period_that_ends_before_it_starts_is_not_read(
        qtbot: QtBot, services: AppServices, world: World) -> None:
    screen = screen_for(qtbot, services, world, "Ann", Role.TEAM_MANAGER, "Northgate")
    shown(screen, qtbot)
    screen.from_edit.setDate(QDate(2026, 12, 1))
    screen.to_edit.setDate(QDate(2026, 11, 1))
    screen.show_button.click()
    assert "ends before it starts" in screen.summary.text()
    assert screen.report is not None
    assert screen.report.end == dt.date(2026, 11, 30)  # the last good report stays
