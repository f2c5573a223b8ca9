"""The caseload screen on the demo team: every open case of the chosen worker is charted,
lowest and falling first, and a click on a child opens that child."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from db.engine import DbFactory
from tests.conftest import FixedClock
from tests.ui.charts.helpers import click_row, shown
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.caseload_scores import caseload_glance
from workbench.charts.caseload_glance import case_ids_shown
from workbench.demo import build_demo

WAIT_MS = 20_000


def test_the_demo_workers_caseload_is_charted_lowest_and_falling_first(
        qtbot: QtBot, services: AppServices, db: DbFactory,
        clock: FixedClock) -> None:
    build_demo(db, today=clock.today())
    screen = CaseloadScreen(services)
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        shown(qtbot, screen)
    worker = screen.worker_combo.itemData(1)
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        screen.worker_combo.setCurrentIndex(1)
    chart = screen.glance.chart.chart
    assert chart is not None
    rows = {row.case_id: row for row in caseload_glance(services.db, services.clock,
                                                        worker_id=worker.id)}
    shown_ids = list(case_ids_shown(chart.figure))
    table_ids = {screen.model.case_at(i).case_id for i in range(screen.model.rowCount())}
    assert set(shown_ids) == table_ids == set(rows)
    assert len(shown_ids) > 5
    # Top to bottom: scored children by latest score, at equal scores the steeper fall first.
    scored = [rows[case_id] for case_id in shown_ids if rows[case_id].latest_score is not None]
    keys = [(row.latest_score, row.change or 0.0) for row in scored]
    assert keys == sorted(keys)
    assert keys[0][0] < keys[-1][0]
    assert shown_ids[:len(scored)] == [row.case_id for row in scored]  # unscored ones last
    # The most urgent child, clicked, is the child selected in the table.
    click_row(qtbot, screen.glance.chart, 0)
    selected = screen.selected_case()
    assert selected is not None
    assert selected.case_id == shown_ids[0]
