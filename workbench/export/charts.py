"""The scale chart in a PDF: the same builder the screen uses (``workbench.charts``), rasterised
in memory and placed as an image. Rendering is the costly part of a note, so each chart is kept
(per process, in memory only, by its data) for the next PDF that shows it: the supervision copy
and the child's extract show the same chart. It is kept as the PDF wants it, compressed and
named: reportlab would otherwise compress its 1.5 MB of pixels and hash them again in every
document (half the time of a note whose charts were drawn).

Nothing is written to disk: a chart carries a child's worries and scores.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from workbench.history import ScaleHistory

CHART_DPI = 150
_CACHE_SIZE = 256
_lock = threading.Lock()


@dataclass(frozen=True)
class PdfImage:
    """A chart's pixels as a PDF image stream: RGB, 8 bits, Flate-compressed once."""

    name: str  # reportlab's name for the image: the digest of its pixels
    pixels_wide: int
    pixels_high: int
    stream: bytes

    def draw(self, canvas: Any, x: float, y: float, width: float, height: float) -> None:
        """Place the image on ``canvas`` as ``canvas.drawImage`` would, without compressing
        or hashing it again: one image object per document, however often it is drawn."""
        from reportlab.pdfbase import pdfdoc

        canvas._currentPageHasImages = 1
        document = canvas._doc
        registered = document.getXObjectName(self.name)
        if document.idToObject.get(registered) is None:
            image = pdfdoc.PDFImageXObject(self.name)
            image.width, image.height = self.pixels_wide, self.pixels_high
            image.bitsPerComponent = 8
            image.colorSpace = "DeviceRGB"
            image._filters = ("FlateDecode",)
            image.streamContent = self.stream
            image.mask = None
            canvas._setXObjects(image)
            document.Reference(image, registered)
            document.addForm(self.name, image)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(width, height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)  # in this page's resources, or a reader cannot find it


# (history, width, title) -> (the image, width pt, height pt)
_cache: OrderedDict[tuple[ScaleHistory, float, str | None], tuple[PdfImage, float, float]] = OrderedDict()


def clear_cache() -> None:
    """Forget every drawn chart (the benchmark's cold runs, and tests)."""
    with _lock:
        _cache.clear()


def _draw(history: ScaleHistory, width_pt: float, title: str | None) -> tuple[PdfImage, float, float]:
    """Draw once with Agg and keep the pixels as the PDF stores them: no PNG encoding, which
    would only be decoded again; one draw, where ``savefig`` lays out twice."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image
    from reportlab.pdfgen.canvas import _digester

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
    rgb = image.convert("RGB").tobytes()
    pdf_image = PdfImage(name=_digester(rgb + b"None"), pixels_wide=size[0], pixels_high=size[1],
                         stream=zlib.compress(rgb))
    return pdf_image, float(width_in) * 72, float(height_in) * 72


def chart_image(history: ScaleHistory, width_pt: float,
                title: str | None = None) -> tuple[PdfImage, float, float]:
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

    image, width, height = chart_image(history, width_pt, title)
    scale = min(1.0, width_pt / width, max_height_pt / height)

    class Chart(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width * scale, height * scale

        def draw(self) -> None:
            image.draw(self.canv, 0, 0, width * scale, height * scale)

    chart = Chart()
    chart.hAlign = "CENTER"
    return chart
