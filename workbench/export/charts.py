"""The scale chart in a PDF: the same builder the screen uses (``workbench.charts``), rendered
to PNG in memory and placed as an image. Rendering is the costly part of a note, so each
chart is kept (per process, by its data) for the next PDF that shows it — the supervision
copy and the child's extract show the same chart.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import Any

from workbench.history import ScaleHistory

CHART_DPI = 150
_CACHE_SIZE = 256
_cache: OrderedDict[tuple[ScaleHistory, float, str | None], tuple[bytes, float, float]] = OrderedDict()


def chart_png(history: ScaleHistory, width_pt: float,
              title: str | None = None) -> tuple[bytes, float, float]:
    """(PNG bytes, width pt, height pt) of the case's scale chart, at most ``width_pt`` wide."""
    key = (history, round(width_pt, 1), title)
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
        return found
    from workbench.charts._figure import render_png
    from workbench.charts.scale_history import scale_history_figure

    figure = scale_history_figure(history, title=title, width_in=width_pt / 72)
    width_in, height_in = figure.get_size_inches()
    result = (render_png(figure, dpi=CHART_DPI), float(width_in) * 72, float(height_in) * 72)
    _cache[key] = result
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return result


_readers: OrderedDict[bytes, Any] = OrderedDict()


def _reader(png: bytes) -> Any:
    """A reportlab ImageReader per chart, kept: it decodes the PNG once and keeps the pixels."""
    found = _readers.get(png)
    if found is None:
        from reportlab.lib.utils import ImageReader

        found = _readers[png] = ImageReader(io.BytesIO(png))
        if len(_readers) > _CACHE_SIZE:
            _readers.popitem(last=False)
    return found


def chart_flowable(history: ScaleHistory, width_pt: float, title: str | None = None,
                   max_height_pt: float = 230) -> Any:
    """The chart as a flowable, scaled down (never up) to fit ``width_pt`` by ``max_height_pt``."""
    from reportlab.platypus import Flowable

    png, width, height = chart_png(history, width_pt, title)
    scale = min(1.0, width_pt / width, max_height_pt / height)
    reader = _reader(png)

    class Chart(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width * scale, height * scale

        def draw(self) -> None:
            self.canv.drawImage(reader, 0, 0, width * scale, height * scale)

    chart = Chart()
    chart.hAlign = "CENTER"
    return chart
