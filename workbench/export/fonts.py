"""The Unicode font the PDFs embed, and typed text made safe for reportlab's Paragraph markup.

We ship (in ``resources/fonts``, see its README.txt for the licences) DejaVu Sans, regular and
bold: Latin with every European diacritic, Greek, Cyrillic, Armenian, Georgian, Hebrew and
Arabic letters; and Droid Sans Fallback for Chinese and Japanese, used character by character
where DejaVu has no glyph. Not handled: right-to-left layout and Arabic joining
(Arabic and Hebrew print unjoined, left to right; no bidi library is available), and scripts
neither font covers (Korean Hangul, Indic, Thai ...), whose characters reportlab leaves out.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import as_file, files
from pathlib import Path
from xml.sax.saxutils import escape

REGULAR = "PSW-Sans"
BOLD = "PSW-Sans-Bold"
FALLBACK = "PSW-Fallback"

#: TrueType (not CFF) fonts with CJK glyphs, first found wins: the shipped one first.
FALLBACK_CANDIDATES = (
    "DroidSansFallbackFull.ttf",  # shipped in resources/fonts (Apache 2.0)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


def font_path(name: str) -> Path:
    with as_file(files("resources") / "fonts" / name) as path:
        return Path(path)


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the fonts with reportlab once per process; returns the regular font's code points."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular = TTFont(REGULAR, str(font_path("DejaVuSans.ttf")))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path("DejaVuSans-Bold.ttf"))))
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, name)
    return frozenset(regular.face.charToGlyph)


@functools.cache
def _plain_characters() -> frozenset[str]:
    """The characters set in the main font as they are: those it has, and line breaks and tabs."""
    return frozenset(map(chr, register_fonts())) | {"\r", "\n", "\t"}


@functools.cache
def _fallback() -> tuple[str, frozenset[int]] | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for name in FALLBACK_CANDIDATES:
        candidate = str(font_path(name)) if "/" not in name else name
        if not Path(candidate).exists():
            continue
        try:
            font = TTFont(FALLBACK, candidate, subfontIndex=0)
        except (TTFError, OSError, ValueError):
            continue
        pdfmetrics.registerFont(font)
        return FALLBACK, frozenset(font.face.charToGlyph)
    return None


_NEWLINES = re.compile(r"\r\n|\r|\n")


def markup(text: str | None) -> str:
    """Typed text as Paragraph markup that shows exactly what was typed: ``<``, ``&`` and tags
    are escaped, line breaks kept, and characters the main font lacks set in a fallback font."""
    if not text:
        return ""
    safe = escape(text)
    if _plain_characters().issuperset(text):  # the main font has every character
        return _NEWLINES.sub("<br/>", safe)
    covered = register_fonts()
    fallback = _fallback()
    if fallback is None:
        return _NEWLINES.sub("<br/>", safe)
    name, fallback_covered = fallback
    out: list[str] = []
    run: list[str] = []
    in_fallback = False
    for ch in text:
        wants_fallback = ord(ch) not in covered and ord(ch) in fallback_covered
        if wants_fallback != in_fallback and run:
            out.append(_run("".join(run), name if in_fallback else None))
            run = []
        in_fallback = wants_fallback
        run.append(ch)
    if run:
        out.append(_run("".join(run), name if in_fallback else None))
    return _NEWLINES.sub("<br/>", "".join(out))


def _run(text: str, font: str | None) -> str:
    safe = escape(text)
    return f'<font name="{font}">{safe}</font>' if font else safe
