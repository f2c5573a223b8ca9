"""A widget that shows one chart from ``workbench.charts`` and reports clicks on children.

Build the chart off the UI thread, then hand it over on the UI thread::

    from workbench.charts import build_caseload_glance_chart

    view = ChartView(parent)
    view.show_message(view.tr("Drawing the chart…"))
    runner.run(lambda progress, is_cancelled: build_caseload_glance_chart(rows),
               on_success=view.set_chart, on_failure=...)
    view.caseSelected.connect(open_child)   # the case id of the child clicked

``build_*_chart`` builds the figure and draws it once with Agg in the worker; only the canvas
is made here. Importing this module does not import matplotlib: the canvas class is imported
when the first chart arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.backend_bases import Event

    from workbench.charts import BuiltChart

#: A chart may shrink to this share of its natural height before the view scrolls instead.
#: The caseload chart never shrinks: each child's row must stay readable and clickable.
SHRINK_TO = 0.6


class ChartView(QWidget):
    """Hosts a ``FigureCanvasQTAgg``; the chart's text summary is its accessible description."""

    caseSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: BuiltChart | None = None
        self._canvas: Any = None
        self._message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._message)
        layout.addWidget(self._scroll)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def chart(self) -> BuiltChart | None:
        return self._chart

    @property
    def canvas(self) -> Any:
        """The ``FigureCanvasQTAgg`` showing the chart, or None before the first chart."""
        return self._canvas

    def show_message(self, text: str) -> None:
        """Show text in place of the chart: while it is built, or why it could not be."""
        self._drop_canvas()
        self._chart = None
        self._message.setText(text)
        self._message.show()
        self._scroll.hide()
        self.setAccessibleDescription(text)

    def set_chart(self, chart: BuiltChart) -> None:
        """Show a built chart (UI thread only); replaces any chart shown before."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self._drop_canvas()
        self._chart = chart
        canvas: Any = FigureCanvasQTAgg(chart.figure)  # type: ignore[no-untyped-call]
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        width_in, height_in = chart.figure.get_size_inches()
        dpi = chart.figure.dpi / canvas.device_pixel_ratio
        share = 1.0 if chart.kind == "caseload_glance" else SHRINK_TO
        canvas.setMinimumSize(int(min(width_in * dpi, 420)), int(height_in * dpi * share))
        canvas.setAccessibleName(self._title(chart.kind))
        canvas.setAccessibleDescription(chart.summary)
        canvas.setToolTip("")
        if chart.kind == "caseload_glance":
            canvas.mpl_connect("button_press_event", self._on_press)
            canvas.mpl_connect("motion_notify_event", self._on_move)
        self._canvas = canvas
        self._scroll.setWidget(canvas)
        self._scroll.show()
        self._message.hide()
        self.setAccessibleName(self._title(chart.kind))
        self.setAccessibleDescription(chart.summary)

    def _title(self, kind: str) -> str:
        titles = {
            "scale_history": self.tr("Scale history chart"),
            "caseload_glance": self.tr("Caseload at a glance chart"),
            "team_view": self.tr("Team view chart"),
        }
        return titles.get(kind, self.tr("Chart"))

    def _case_at(self, event: Event) -> int | None:
        from workbench.charts import case_id_at

        x, y = getattr(event, "x", None), getattr(event, "y", None)
        if self._chart is None or x is None or y is None:
            return None
        return case_id_at(self._chart.figure, x, y)

    def _on_press(self, event: Event) -> None:
        if getattr(event, "button", None) != 1:
            return
        case_id = self._case_at(event)
        if case_id is not None:
            self.caseSelected.emit(case_id)

    def _on_move(self, event: Event) -> None:
        if self._canvas is None:
            return
        over_a_child = self._case_at(event) is not None
        shape = Qt.CursorShape.PointingHandCursor if over_a_child else Qt.CursorShape.ArrowCursor
        self._canvas.setCursor(shape)

    def _drop_canvas(self) -> None:
        if self._canvas is not None:
            old = self._scroll.takeWidget()
            if old is not None:
                old.deleteLater()
            self._canvas = None
