"""A chart drawn in the worker is shown as drawn: the canvas copies its pixels and does not
draw the figure again on the UI thread, neither when it first shows nor when its view is
resized; a view that settles at another width asks for a chart that fits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.charts.conftest import NORTH_ORDER, Scored, signed_in
from tests.ui.charts.helpers import chart_rows, shown
from tests.workbench.charts.helpers import glance_row
from ui.charts import ChartView
from ui.scores.common import CHART_DPI
from ui.screens.caseload_screen import CaseloadScreen
from ui.services import AppServices
from workbench.charts import BuiltChart, build_caseload_glance_chart

ROWS = [glance_row(i, f"Child {i}", (i * 3) % 11, (i * 7) % 11, overdue=i % 5 == 0)
        for i in range(1, 41)]
WAIT_MS = 20_000


def counting_draws(figure: Figure) -> list[int]:
    """Counts every draw of ``figure`` from now on (the Agg draw calls ``Figure.draw``)."""
    draws: list[int] = []
    original: Callable[[Any], None] = figure.draw

    def counted(renderer: Any) -> None:
        draws.append(1)
        original(renderer)

    figure.draw = counted  # type: ignore[method-assign]
    return draws


def host(qtbot: QtBot, width: int = 560, height: int = 480) -> tuple[QWidget, ChartView]:
    """A chart view in a window's layout, as the screens place it."""
    window = QWidget()
    view = ChartView()
    QVBoxLayout(window).addWidget(view)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window, view


def test_a_chart_drawn_at_the_canvas_size_is_shown_without_drawing_it_again(
        qtbot: QtBot) -> None:
    window, view = host(qtbot)
    chart = build_caseload_glance_chart(ROWS, width_in=5.0)  # drawn, as in the worker
    draws = counting_draws(chart.figure)
    view.set_chart(chart)
    canvas = view.canvas
    qtbot.waitExposed(canvas)
    picture = canvas.grab().toImage()  # paints the canvas now
    assert draws == []
    assert (canvas.width(), canvas.height()) == (500, int(chart.figure.get_figheight() * 100))
    # What is painted is the chart, not a blank widget: the name column has dark text in it.
    dark = [picture.pixelColor(x, y) for x in range(0, 120, 2) for y in range(0, picture.height(), 4)]
    assert any(color.lightness() < 100 for color in dark)
    assert QColor(picture.pixelColor(picture.width() - 1, 0)).lightness() > 200

    window.resize(700, 300)  # the layout does not stretch or squeeze the chart: it scrolls
    qtbot.waitUntil(lambda: view.height() < 300)
    canvas.grab()
    assert draws == []
    assert canvas.width() == 500


def test_a_view_settled_at_another_width_asks_for_a_chart_that_fits(qtbot: QtBot) -> None:
    window, view = host(qtbot)
    view.set_chart(build_caseload_glance_chart(ROWS[:5], width_in=view.fitting_width_in()))
    with qtbot.assertNotEmitted(view.widthSettled, wait=500):
        window.resize(561, 480)  # a pixel is not worth a new chart
    with qtbot.waitSignal(view.widthSettled, timeout=WAIT_MS) as settled:
        window.resize(900, 480)
    assert abs(settled.args[0] * CHART_DPI - view.width()) < 40


def test_the_glance_chart_is_built_again_to_fit_a_wider_panel(
        qtbot: QtBot, services: AppServices, scored: Scored) -> None:
    screen = CaseloadScreen(signed_in(services, scored, "Ann Manager"))
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):
        shown(qtbot, screen)
    first = screen.glance.glance
    assert first is not None
    assert isinstance(first.chart, BuiltChart)
    narrow = first.chart.figure.get_figwidth()
    table_width, panel_width = screen.splitter.sizes()
    with qtbot.waitSignal(screen.glance.glance_shown, timeout=WAIT_MS):  # the splitter dragged
        screen.splitter.setSizes([table_width - 250, panel_width + 250])
    again = screen.glance.glance
    assert again is not None
    assert again.chart is not None
    assert again.chart.figure.get_figwidth() > narrow + 1.5
    assert chart_rows(screen.glance.chart, {v: k for k, v in scored.cases.items()}) == NORTH_ORDER
