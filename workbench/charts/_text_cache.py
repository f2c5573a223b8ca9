"""An Agg canvas whose text costs its measuring, shaping and rasterising once, not every draw.

Text was half the time of drawing a chart. matplotlib 3.11 shapes each string with libraqm
and rasterises it glyph by glyph, FreeType hinting each glyph, every time it is drawn; and it
keeps text measurements per renderer, so every new figure measured every string again. The
charts draw the same strings over and over (score ticks, axis titles, the key, dates), often
in the same places, so this renderer remembers, across figures:

- measurements: (string, font files, size, dpi, hinting) -> width, height, descent;
- layouts: (string, font files, size, dpi, hinting, features, language) -> the glyphs and
  their offsets, per thread (matplotlib keeps a FreeType font per thread);
- glyph bitmaps: (font file, size, dpi, glyph, rotation, where the glyph falls inside its
  pixel in FreeType's 1/64ths, hinting, antialiasing) -> the bitmap and its offset in whole
  pixels. Moving an outline by whole pixels moves its bitmap and changes nothing else, so a
  glyph drawn from memory has exactly the pixels Agg would have drawn.

Every key holds everything its value depends on, so the pixels are matplotlib's own. Where
matplotlib lacks the (private) calls this relies on, text is drawn as matplotlib draws it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.font_manager import FontProperties, fontManager, get_font

try:
    from matplotlib.ft2font import FT2Font, RenderMode
except ImportError:  # matplotlib before 3.10
    _GLYPHS_BY_HAND = False
else:
    _GLYPHS_BY_HAND = all(hasattr(FT2Font, name) for name in ("_layout", "_set_transform", "_render_glyph"))

# backend_agg is untyped in matplotlib's stubs
_hinting_flag: Callable[[], Any] = backend_agg.get_hinting_flag

#: Each memory is emptied when it holds this many entries (a few megabytes of glyphs at most).
LIMIT = 20_000

_METRICS: dict[tuple[Any, ...], tuple[float, float, float]] = {}
_LAYOUTS: dict[tuple[Any, ...], tuple[tuple[Any, int, float, float], ...]] = {}
_GLYPHS: dict[tuple[Any, ...], tuple[Any, int, int]] = {}
_HEIGHTS: dict[tuple[Any, ...], tuple[float | None, float | None, float | None]] = {}


K = TypeVar("K")
V = TypeVar("V")


def _remember(memory: dict[K, V], key: K, value: V) -> V:
    if len(memory) >= LIMIT:
        memory.clear()
    memory[key] = value
    return value


def _font_files(prop: FontProperties) -> tuple[str, ...]:
    """The font files (with fallbacks) that draw ``prop``, as RendererAgg finds them."""
    return tuple(str(path) for path in fontManager._find_fonts_by_props(prop))


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


class TextCachingRenderer(RendererAgg):
    """RendererAgg with text measured, shaped and rasterised once (see the module docstring)."""

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float | None, float | None,
                                                                       float | None]:
        """A font's ascent, descent and line gap at this size, which Text asks a renderer for
        before it reads them from the font's tables itself (two slow table reads per text per
        draw); worked out as Text does, from the same tables, at the dpi this renderer draws."""
        files = _font_files(prop)
        fontsize = prop.get_size_in_points()
        key = (files, fontsize, self.dpi)
        found = _HEIGHTS.get(key)
        if found is None:
            found = None, None, None  # Text measures "lp" instead, as without this method
            font: Any = get_font(list(files))  # its stubs want each table's name as a literal
            for table_name, linegap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
                scale = 1 / units_per_em * fontsize * self.dpi / 72
                found = (table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale)
                break
            _remember(_HEIGHTS, key, found)
        return found

    def get_text_width_height_descent(self, s: str, prop: FontProperties,
                                      ismath: Any) -> tuple[float, float, float]:
        if ismath:  # mathtext and TeX, as matplotlib does them
            return cast(Any, super()).get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-any-return]
        key = (s, _font_files(prop), prop.get_size_in_points(), self.dpi, _hinting_flag())
        found = _METRICS.get(key)
        if found is None:
            measured = cast(Any, super()).get_text_width_height_descent(s, prop, ismath)
            found = _remember(_METRICS, key, measured)
        return found

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: FontProperties, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath or not _GLYPHS_BY_HAND:
            cast(Any, super()).draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        flags = _hinting_flag()
        size = prop.get_size_in_points()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (threading.get_ident(), s, _font_files(prop), size, self.dpi, flags,
               _hashable(features), _hashable(language))
        glyphs = _LAYOUTS.get(key)
        if glyphs is None:
            font = cast(Any, self)._prepare_font(prop)
            glyphs = _remember(_LAYOUTS, key, tuple(
                (item.ft_object, item.glyph_index, item.x, item.y)
                for item in font._layout(s, flags=flags, features=features, language=language)))
        self._draw_glyphs(gc, x, y, angle, size, glyphs, flags)

    def _draw_glyphs(self, gc: Any, x: float, y: float, angle: float, size: float,
                     glyphs: tuple[tuple[Any, int, float, float], ...], flags: Any) -> None:
        """What RendererAgg._draw_text_glyphs_and_boxes does for plain text, from memory."""
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round().astype(int)
        rotation = tuple(int(v) for v in matrix.flat)
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        height = self.height
        for font, glyph, dx, dy in glyphs:  # dy is upwards, y downwards
            # FreeType's position of the glyph in 1/64ths of a pixel (its y upwards)
            across = round(0x40 * (x + dx * cos - dy * sin))
            up = round(0x40 * (height - y + dx * sin + dy * cos))
            key = (font.fname, size, self.dpi, glyph, rotation, across & 63, up & 63, flags, mode)
            found = _GLYPHS.get(key)
            if found is None:
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [across & 63, up & 63])
                bitmap = font._render_glyph(glyph, flags, mode)
                buffer = bitmap.buffer if mode is RenderMode.NORMAL else bitmap.buffer * 0xff
                found = _remember(_GLYPHS, key, (buffer, bitmap.left, bitmap.top))
            buffer, left, top = found
            # draw_text_image's y is downwards, to the bitmap's bottom side
            self._renderer.draw_text_image(buffer, left + (across >> 6),
                                           int(height) - (top + (up >> 6)) + buffer.shape[0], 0, gc)


class TextCachingCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with :class:`TextCachingRenderer`."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = cast(Any, TextCachingRenderer)(width, height, self.figure.dpi)
            self._lastKey = key
        return cast(RendererAgg, self.renderer)
