"""A widget that shows one chart from ``workbench.charts`` and reports clicks on children.

Build the chart off the UI thread, then hand it over on the UI thread::

    from workbench.charts import build_caseload_glance_chart

    view = ChartView(parent)
    view.show_message(view.tr("Drawing the chart…"))
    runner.run(lambda progress, is_cancelled: build_caseload_glance_chart(rows),
               on_success=view.set_chart, on_failure=...)
    view.caseSelected.connect(open_child)   # the case id of the child clicked

``build_*_chart`` builds the figure and draws it once with Agg in the worker; only the canvas
is made here, and it shows the worker's pixels as they are: the canvas takes the figure's own
size (in a scroll area, never stretched by the layout) and adopts the Agg buffer drawn in the
worker, so putting a chart on screen costs a copy of pixels, not a draw. Were it left to
``FigureCanvasQTAgg``, the first show and every resize would draw the whole figure again on the
UI thread (a 60-child caseload: 100–250 ms).

When the view settles at a width the chart no longer fits, ``widthSettled(inches)`` asks its
owner to build the chart again at that width (off the UI thread) and ``set_chart`` it; until
then the chart keeps its size and the view scrolls. The canvas draws on the UI thread only when
the screen's pixel ratio changes (the window moved to a screen of another density).

Importing this module does not import matplotlib: the canvas class is made when the first
chart arrives.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QStyle, QVBoxLayout, QWidget

from ui.i18n import translated

if TYPE_CHECKING:
    from matplotlib.backend_bases import Event

    from workbench.charts import BuiltChart

#: How long the view's size must stay put before ``widthSettled`` asks for a chart that fits.
SETTLE_MS = 300
#: A chart this much narrower or wider than its view (logical pixels) is not worth rebuilding.
FIT_SLACK = 24


@cache
def canvas_class() -> type:
    """``FigureCanvasQTAgg`` that shows the buffer drawn in the worker instead of drawing again."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        def __init__(self, figure: Any) -> None:
            drawn = figure.canvas
            super().__init__(figure)  # type: ignore[no-untyped-call]
            renderer = getattr(drawn, "renderer", None)
            if isinstance(drawn, FigureCanvasAgg) and renderer is not None:
                # The worker's draw, still valid for this size and resolution: keep it.
                self.renderer = renderer
                self._lastKey = drawn._lastKey

        def _buffer_fits(self, width: int, height: int) -> bool:
            """Whether the Agg buffer is already drawn for a widget of this logical size."""
            key = getattr(self, "_lastKey", None)
            if key is None or not hasattr(self, "renderer"):
                return False
            ratio = self.device_pixel_ratio
            return bool(key[2] == self.figure.dpi and abs(key[0] - width * ratio) < 1
                    and abs(key[1] - height * ratio) < 1)

        def resizeEvent(self, event: QResizeEvent) -> None:
            size = event.size()
            if self._buffer_fits(size.width(), size.height()):
                QWidget.resizeEvent(self, event)  # nothing to draw: the pixels are this size
                return
            super().resizeEvent(event)  # type: ignore[no-untyped-call]  # size or ratio changed: draw

        def paintEvent(self, event: QPaintEvent) -> None:
            self._draw_idle()  # type: ignore[no-untyped-call]  # draws only if one is pending
            renderer = getattr(self, "renderer", None)
            painter = QPainter(self)
            try:
                painter.eraseRect(event.rect())
                if renderer is None:
                    return
                # The whole buffer as it is (Qt clips to the rect): unlike copy_from_bbox this
                # never swaps in a blank renderer of another size.
                image = QImage(renderer.buffer_rgba(), int(renderer.width), int(renderer.height),
                               QImage.Format.Format_RGBA8888)
                image.setDevicePixelRatio(self.device_pixel_ratio)
                painter.drawImage(QPoint(0, 0), image)
            finally:
                painter.end()

    return ChartCanvas


class ChartView(QWidget):
    """Hosts a ``FigureCanvasQTAgg``; the chart's text summary is its accessible description."""

    caseSelected = Signal(int)
    #: The view settled at a width (inches at the charts' 100 dpi) the chart does not fit.
    widthSettled = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: BuiltChart | None = None
        self._canvas: Any = None
        self._message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(False)  # the canvas keeps the size it was drawn at
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll.hide()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
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
        self._drop_canvas()
        self._chart = chart
        canvas: Any = canvas_class()(chart.figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # The size the figure was drawn at, in logical pixels: the first paint copies those pixels.
        canvas.setFixedSize(*canvas.get_width_height())
        canvas.setAccessibleName(self._title(chart.kind))
        canvas.setAccessibleDescription(translated(chart.summary))
        canvas.setToolTip("")
        if chart.kind == "caseload_glance":
            canvas.mpl_connect("button_press_event", self._on_press)
            canvas.mpl_connect("motion_notify_event", self._on_move)
        self._canvas = canvas
        self._scroll.setWidget(canvas)
        self._scroll.show()
        self._message.hide()
        self.setAccessibleName(self._title(chart.kind))
        self.setAccessibleDescription(translated(chart.summary))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._canvas is not None:
            self._settle.start()  # restarts while the user drags

    def fitting_width_in(self) -> float:
        """The width, in inches at 100 dpi, a chart needs to fill the view without a horizontal
        scroll bar (room is left for the vertical one a tall chart needs)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(1.0, (self.width() - bar - 4) / 100)

    def _settled(self) -> None:
        if self._canvas is None or not self.isVisible():
            return
        if abs(self.fitting_width_in() * 100 - self._canvas.width()) > FIT_SLACK:
            self.widthSettled.emit(self.fitting_width_in())

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
        self._settle.stop()
        if self._canvas is not None:
            old = self._scroll.takeWidget()
            if old is not None:
                old.deleteLater()
            self._canvas = None
