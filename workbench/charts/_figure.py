"""What every builder shares that needs matplotlib: the figure, the style, rendering.

Only imported when a chart is built (``workbench.charts`` imports it lazily), so the app's
start-up never pays for matplotlib.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.transforms import Affine2DBase, ScaledTranslation, Transform

from workbench.charts import style
from workbench.charts._text_cache import TextCachingCanvas

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


#: matplotlib's settings are process-wide and rc_context swaps them in and out: two charts
#: built at once in two worker threads could leave the wrong settings behind, so builds (and
#: the Agg draws in workers) take turns.
BUILD_LOCK = threading.RLock()


@contextmanager
def styled() -> Iterator[None]:
    """Build under the house style; artists keep the fonts and sizes they were made with."""
    # The stubs want literal keys; the registry is plain data so it can stay matplotlib-free.
    with BUILD_LOCK, matplotlib.rc_context(cast(Any, style.RC)):
        yield


@dataclass(frozen=True)
class Margins:
    """Space around (and between) the axes in inches, whatever size the figure is given."""

    left: float
    right: float
    top: float
    bottom: float
    wspace: float = 0.0
    hspace: float = 0.0


class InchMargins(LayoutEngine):
    """Fixed margins in inches, re-applied to the figure's size at every draw.

    The charts know what sits around their axes (fonts are fixed, legends are counted), so
    this replaces constrained layout, which measured every label on every draw and cost a
    third of the drawing time. When the Qt canvas resizes the figure, the margins stay the
    same in inches and the axes take the rest.
    """

    _adjust_compatible = True
    _colorbar_gridspec = True

    def __init__(self, margins: Margins) -> None:
        super().__init__()
        self.margins = margins

    def execute(self, fig: Any) -> None:
        width, height = fig.get_size_inches()
        m = self.margins
        left, right = m.left / width, 1 - m.right / width
        bottom, top = m.bottom / height, 1 - m.top / height
        if right <= left or top <= bottom:
            return  # too small to lay out: leave the last layout (the widget is tiny)
        fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top,
                            wspace=m.wspace, hspace=m.hspace)


def new_figure(width_in: float, height_in: float, margins: Margins) -> Figure:
    """A figure with no pyplot state, attached to an Agg canvas (the Qt canvas replaces it) that
    draws text from memory (``_text_cache``)."""
    figure = Figure(figsize=(width_in, height_in), dpi=style.SCREEN_DPI,
                    layout=InchMargins(margins))
    TextCachingCanvas(figure)
    figure.get_layout_engine().execute(figure)  # type: ignore[union-attr]
    return figure


def top_left(figure: Figure, right_in: float = 0.0, down_in: float = 0.0) -> Transform:
    """Coordinates in inches from a point ``right_in``, ``down_in`` inches in from the figure's
    top left corner (y grows upwards), which stays put when the canvas resizes the figure:
    pass ``bbox_to_anchor=(0, 0), bbox_transform=top_left(...)`` to pin a legend there."""
    corner = ScaledTranslation(0, 1, cast(Affine2DBase, figure.transFigure))  # an affine in fact
    return ScaledTranslation(right_in, -down_in, figure.dpi_scale_trans) + corner


def line_height_in(points: float, lines: float = 1.0) -> float:
    """The height of ``lines`` lines of text at ``points`` size, in inches."""
    return lines * points * 1.25 / 72


@lru_cache(maxsize=4096)
def text_width_in(text: str, points: float, *, bold: bool = False) -> float:
    """How wide ``text`` is in the house font at ``points`` size, in inches."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=style.FONT_FAMILY, size=points, weight="bold" if bold else "normal")
    width, _height, _descent = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) / 72


def date_number(at: dt.datetime | dt.date) -> float:
    """A date as the axis coordinate every chart uses: days since 1970-01-01 (UTC)."""
    if not isinstance(at, dt.datetime):
        at = dt.datetime(at.year, at.month, at.day, tzinfo=dt.UTC)
    return (at - EPOCH).total_seconds() / 86400


def tidy_axes(ax: Axes) -> None:
    ax.tick_params(labelfontfamily=style.FONT_FAMILY, length=3, width=0.7)
    ax.set_axisbelow(True)


def draw(figure: Figure) -> None:
    """Lay out and rasterise once with Agg: in a worker thread this warms fonts and layout.

    Call it before the figure is given to a Qt canvas, never after (a Qt canvas draws on the
    UI thread only).
    """
    with BUILD_LOCK:
        canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else TextCachingCanvas(figure)
        cast(Any, canvas).draw()  # untyped in matplotlib's stubs


def render_png(figure: Figure, *, dpi: float = 200) -> bytes:
    """The figure as PNG bytes (for the PDF export or a screenshot); print quality by default."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def render_svg(figure: Figure) -> bytes:
    """The figure as SVG with text kept as text (vector output for print, searchable)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "workbench"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def row_major(handles: list[Any], columns: int) -> list[Any]:
    """Reorder legend entries so they read row by row (matplotlib fills legends by column)."""
    rows = -(-len(handles) // columns)
    grid = [handles[r * columns:(r + 1) * columns] for r in range(rows)]
    return [row[c] for c in range(columns) for row in grid if c < len(row)]


def legend_columns(labels: list[str], room_in: float, *, handle_em: float = 2.0,
                   spacing_em: float = 1.6) -> int:
    """As many legend columns as fit in ``room_in`` inches, entries read row by row.

    Widths are measured unhinted; text drawn at screen resolution comes out a few per cent
    wider, hence the slack.
    """
    em = style.SMALL_SIZE / 72
    widths = [text_width_in(label, style.SMALL_SIZE) * 1.08 + (handle_em + 0.3) * em for label in labels]
    for columns in range(len(labels), 1, -1):
        needed = sum(max(widths[c::columns]) for c in range(columns)) + (columns - 1) * spacing_em * em
        if needed <= room_in:
            return columns
    return 1
