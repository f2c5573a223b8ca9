"""The scale chart in a PDF: the same builder the screen uses (``workbench.charts``), rendered
to PNG in memory and placed as an image. Rendering is the costly part of a note, so each
chart is kept (per process, by its data) for the next PDF that shows it — the supervision
copy and the child's extract show the same chart.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
from collections import OrderedDict
from pathlib import Path
from typing import Any

from workbench.history import ScaleHistory

CHART_DPI = 150
_CACHE_SIZE = 256
_cache: OrderedDict[tuple[ScaleHistory, float, str | None], tuple[bytes, float, float]] = OrderedDict()


#: Bump when the chart's look changes, so charts kept on disk are drawn again.
CHART_VERSION = 1
_disk: Path | None = None


def use_disk_cache(folder: Path | None) -> None:
    """Keep drawn charts in ``folder`` too (PNG named by the SHA-256 of the chart's data).

    A signed record's scores never change, so its chart, once drawn, serves every later export;
    drawing is most of the cost of a note (about 150 ms a chart against 50 ms for the rest).
    """
    global _disk
    _disk = folder
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)


def _disk_key(history: ScaleHistory, width_pt: float, title: str | None) -> str:
    facts = repr((CHART_VERSION, CHART_DPI, history.case_id, history.points, round(width_pt, 1), title))
    return hashlib.sha256(facts.encode("utf-8")).hexdigest()


def chart_png(history: ScaleHistory, width_pt: float,
              title: str | None = None) -> tuple[bytes, float, float]:
    """(PNG bytes, width pt, height pt) of the case's scale chart, at most ``width_pt`` wide."""
    key = (history, round(width_pt, 1), title)
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
        return found
    stored = _disk / f"{_disk_key(history, width_pt, title)}.png" if _disk is not None else None
    if stored is not None and stored.exists():
        png = stored.read_bytes()
        width_px, height_px = struct.unpack(">II", png[16:24])  # the PNG header's IHDR size
        result = (png, width_px * 72 / CHART_DPI, height_px * 72 / CHART_DPI)
    else:
        from workbench.charts._figure import render_png
        from workbench.charts.scale_history import scale_history_figure

        figure = scale_history_figure(history, title=title, width_in=width_pt / 72)
        width_in, height_in = figure.get_size_inches()
        result = (render_png(figure, dpi=CHART_DPI), float(width_in) * 72, float(height_in) * 72)
        if stored is not None:
            tmp = stored.with_name(f".{stored.name}.{os.getpid()}.part")
            tmp.write_bytes(result[0])
            tmp.replace(stored)
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
