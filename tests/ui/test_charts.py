"""The chart widget: a chart on a Qt canvas, described for screen readers, clicks to a case."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.workbench.charts.helpers import glance_row
from ui.charts import ChartView
from workbench.charts import build_caseload_glance_chart, build_scale_history_chart
from workbench.charts.samples import sample_history

ROWS = [glance_row(11, "Amy", 6, 7), glance_row(12, "Ben", 2, 4, overdue=True),
        glance_row(13, "Cat", None)]


def widget_point(view: ChartView, x_data: float, row: float) -> QPoint:
    """Where a point of the chart's data is on the canvas, in the widget's logical pixels."""
    canvas = view.canvas
    canvas.draw()  # lay out at the canvas's real size
    ax = canvas.figure.axes[0]
    x, y = ax.transData.transform((x_data, row))
    ratio = canvas.device_pixel_ratio
    return QPoint(int(x / ratio), int(canvas.height() - y / ratio))


def shown(qtbot: QtBot, view: ChartView) -> ChartView:
    qtbot.addWidget(view)
    view.resize(720, 520)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_clicking_a_child_in_the_glance_chart_selects_its_case(qtbot: QtBot) -> None:
    view = shown(qtbot, ChartView())
    view.set_chart(build_caseload_glance_chart(ROWS))
    # Rows are lowest first: Ben (2), Amy (6), Cat (no score).
    with qtbot.waitSignal(view.caseSelected, timeout=2000) as blocker:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=widget_point(view, 5, 1))
    assert blocker.args == [11]
    with qtbot.waitSignal(view.caseSelected, timeout=2000) as blocker:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=widget_point(view, -0.4, 0))
    assert blocker.args == [12]
    with qtbot.assertNotEmitted(view.caseSelected):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=widget_point(view, 5, 3.5))
        qtbot.mouseClick(view.canvas, Qt.MouseButton.RightButton, pos=widget_point(view, 5, 1))


def test_the_summary_is_the_accessible_description(qtbot: QtBot) -> None:
    view = shown(qtbot, ChartView())
    chart = build_scale_history_chart(sample_history())
    view.set_chart(chart)
    assert view.accessibleDescription() == chart.summary
    assert view.canvas.accessibleDescription() == chart.summary
    assert view.accessibleName() == "Scale history chart"
    assert chart.summary.startswith("Scaling scores over 8 sessions")
    with qtbot.assertNotEmitted(view.caseSelected):  # a scale history has no children to open
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=widget_point(view, 0, 5))


def test_a_message_replaces_the_chart(qtbot: QtBot) -> None:
    view = shown(qtbot, ChartView())
    view.set_chart(build_caseload_glance_chart(ROWS))
    view.show_message("Could not read the scores: the database is locked. Try again in a moment.")
    assert view.canvas is None
    assert view.chart is None
    assert view.accessibleDescription().startswith("Could not read the scores")
