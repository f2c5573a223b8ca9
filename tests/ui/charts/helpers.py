"""Reading charts off the screen and clicking on them as a user would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.charts import ChartView
from workbench.charts.caseload_glance import case_ids_shown


def canvas_point(view: ChartView, x_data: float, row: float) -> QPoint:
    """Where a point of the chart's data is on its canvas, in the widget's logical pixels."""
    canvas = view.canvas
    canvas.draw()  # laid out at the canvas's real size
    x, y = canvas.figure.axes[0].transData.transform((x_data, row))
    ratio = canvas.device_pixel_ratio
    return QPoint(int(x / ratio), int(canvas.height() - y / ratio))


def click_row(qtbot: QtBot, view: ChartView, row: int, x_data: float = 5.0) -> None:
    """A left click on the ``row``-th child of a glance chart (0 is the top row)."""
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(view, x_data, row))


def chart_rows(view: ChartView, names: dict[int, str]) -> list[str]:
    """The children of the glance chart in ``view``, top to bottom, by name."""
    chart = view.chart
    assert chart is not None
    assert chart.kind == "caseload_glance"
    return [names[case_id] for case_id in case_ids_shown(chart.figure)]


def shown(qtbot: QtBot, widget: QWidget, size: tuple[int, int] = (1200, 700)) -> None:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
