"""The scale chart in a PDF: the same builder the screen uses (``workbench.charts``), rasterised
in memory and placed as an image. Rendering is the costly part of a note, so each chart is kept
(per process, in memory only, by its data) for the next PDF that shows it: the supervision copy
and the child's extract show the same chart.

Nothing is written to disk: a chart carries a child's worries and scores.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from workbench.history import ScaleHistory

CHART_DPI = 150
_CACHE_SIZE = 256
_lock = threading.Lock()
# (history, width, title) -> (reportlab ImageReader, width pt, height pt)
_cache: OrderedDict[tuple[ScaleHistory, float, str | None], tuple[Any, float, float]] = OrderedDict()


def clear_cache() -> None:
    """Forget every drawn chart (the benchmark's cold runs, and tests)."""
    with _lock:
        _cache.clear()


def _draw(history: ScaleHistory, width_pt: float, title: str | None) -> tuple[Any, float, float]:
    """Draw once with Agg and hand reportlab the pixels: no PNG encoding, which reportlab would
    only decode again; one draw, where ``savefig`` lays out twice."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    from workbench.charts._figure import BUILD_LOCK
    from workbench.charts.scale_history import scale_history_figure

    figure = scale_history_figure(history, title=title, width_in=width_pt / 72)
    width_in, height_in = figure.get_size_inches()
    with BUILD_LOCK:
        figure.set_dpi(CHART_DPI)
        canvas: Any = FigureCanvasAgg(figure)  # draw and buffer_rgba are untyped in the stubs
        canvas.draw()
        size = canvas.get_width_height()
        image = Image.frombuffer("RGBA", size, bytes(canvas.buffer_rgba()), "raw", "RGBA", 0, 1)
    return ImageReader(image.convert("RGB")), float(width_in) * 72, float(height_in) * 72


def chart_image(history: ScaleHistory, width_pt: float,
                title: str | None = None) -> tuple[Any, float, float]:
    """(image for reportlab, width pt, height pt) of the case's scale chart, ``width_pt`` wide."""
    key = (history, round(width_pt, 1), title)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    result = _draw(history, width_pt, title)
    with _lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def chart_flowable(history: ScaleHistory, width_pt: float, title: str | None = None,
                   max_height_pt: float = 230) -> Any:
    """The chart as a flowable, scaled down (never up) to fit ``width_pt`` by ``max_height_pt``."""
    from reportlab.platypus import Flowable

    reader, width, height = chart_image(history, width_pt, title)
    scale = min(1.0, width_pt / width, max_height_pt / height)

    class Chart(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width * scale, height * scale

        def draw(self) -> None:
            self.canv.drawImage(reader, 0, 0, width * scale, height * scale)

    chart = Chart()
    chart.hAlign = "CENTER"
    return chart
