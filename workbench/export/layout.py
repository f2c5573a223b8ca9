"""The look every exported record shares: A4, a confidentiality marking top and bottom,
"Page x of y", the content hash and audit chain head in the footer, and the paragraph styles.

reportlab is imported inside the functions (it is paid for when the first PDF is made).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.export.fonts import BOLD, REGULAR, markup, register_fonts
from workbench.timefmt import letter_day, letter_time

MARKING = "OFFICIAL-SENSITIVE"
PRODUCER = "Practice Supervision Workbench"
INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#9aa5b1"
SHADE = "#eef1f4"
ACCENT = "#1f3a5f"


@dataclass(frozen=True)
class PageFrame:
    """What the header and footer of every page say."""

    heading: str  # top right, e.g. "Supervision record · Bo Worker · 20 Nov 2026"
    footer: str  # bottom left, e.g. "Content SHA-256 … · Audit chain head …"
    marking: str = MARKING


def when(value: dt.datetime | None, *, time: bool = True, tz: dt.tzinfo | None = None) -> str:
    """A date (and local time, the zone named) the way a council letter writes it:
    20 July 2026, 15:00 BST. ``tz`` None is the computer's local zone (see
    :mod:`workbench.timefmt`)."""
    if value is None:
        return ""
    return letter_time(value, tz, time=time)


def day(value: dt.date | str | None) -> str:
    """A date (or its ISO text) as the PDFs print dates: "3 November 2026" (timefmt.letter_day,
    which no locale changes)."""
    if value is None or value == "":
        return ""
    return letter_day(dt.date.fromisoformat(value) if isinstance(value, str) else value)


def styles() -> dict[str, Any]:
    """The paragraph styles by name (made once per process; the dict is the caller's own, the
    styles are shared and never changed)."""
    return dict(_styles())


@functools.cache
def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    ink = colors.HexColor(INK)
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=ink,
                          spaceAfter=3)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=16, leading=20,
                                textColor=colors.HexColor(ACCENT), spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14,
                                   textColor=colors.HexColor(MUTED), spaceAfter=8),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=12.5, leading=16,
                             textColor=colors.HexColor(ACCENT), spaceBefore=10, spaceAfter=4,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=10.5, leading=13.5,
                             spaceBefore=7, spaceAfter=2, keepWithNext=1),
        "question": ParagraphStyle("question", parent=base, fontName=BOLD, fontSize=9,
                                   leading=11.5, textColor=colors.HexColor(MUTED), spaceBefore=3,
                                   spaceAfter=1, keepWithNext=1),
        "answer": ParagraphStyle("answer", parent=base, leftIndent=8),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5,
                                textColor=colors.HexColor(MUTED)),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=BOLD, fontSize=8.5,
                                   leading=10.5, spaceAfter=0),
        "banner": ParagraphStyle("banner", parent=base, fontName=BOLD, fontSize=10, leading=13,
                                 textColor=colors.white, alignment=1, spaceAfter=0),
    }


def para(text: str | None, style: Any, *, bold_label: str | None = None) -> Any:
    """A Paragraph of typed text, shown exactly as typed (escaped); an optional bold label."""
    from reportlab import platypus
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    label = f"<b>{markup(bold_label)}</b> " if bold_label else ""
    text = label + markup(text)
    paragraph = _paragraph_class(platypus.Paragraph)  # looked up now: a test may stand in for it
    if "<" in text or "&" in text or getattr(style, "textTransform", None):  # markup: the parser
        return paragraph(text, style)
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return paragraph(text, style)
    # Plain text: the one fragment the parser would make, copied from the style's own (the
    # parser costs a fifth of a note's time, and most of a note's paragraphs are plain text).
    fragment = copy.copy(_plain_fragment(style))
    for name, value in vars(fragment).items():
        if isinstance(value, list):
            setattr(fragment, name, list(value))
    fragment.text = cleaned
    return paragraph(cleaned, style, frags=[fragment])


_fragments: dict[int, tuple[Any, Any]] = {}
_fragments_lock = threading.Lock()


def _plain_fragment(style: Any) -> Any:
    """The fragment reportlab's parser makes of plain text in ``style`` (its text aside)."""
    with _fragments_lock:
        found = _fragments.get(id(style))
    if found is not None and found[0] is style:
        return found[1]
    from reportlab.platypus.paraparser import ParaParser

    _, fragments, _ = ParaParser().parse("x", style)
    (fragment,) = fragments
    with _fragments_lock:
        if len(_fragments) > 64:  # styles made outside styles(): keep the memory bounded
            _fragments.clear()
        _fragments[id(style)] = (style, fragment)  # the style kept alive: its id stays its own
    return fragment


@functools.cache
def _paragraph_class(paragraph: type) -> type:
    """``paragraph`` (reportlab's Paragraph) laid out once per width."""

    class LaidParagraph(paragraph):  # type: ignore[misc]
        """A Paragraph that breaks its lines once per width: a table lays out its cells, then
        draws them, and a heading kept with the next paragraph is measured with it first, each
        of which wrapped the same paragraph at the same width again."""

        _laid: tuple[float, tuple[float, float], tuple[Any, ...]] | None = None  # the last wrap

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            last = self._laid
            if last is not None and last[0] == available_width:
                self.width, self.height, self.blPara, self._wrapWidths = last[2]
                return last[1]
            size = super().wrap(available_width, available_height)
            if hasattr(self, "blPara"):
                self._laid = (available_width, size,
                              (self.width, self.height, self.blPara, self._wrapWidths))
            return size  # type: ignore[no-any-return]

    return LaidParagraph


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True) -> Any:
    """A ruled table; the first row is a shaded header when ``header``."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)))
    return Table([list(r) for r in rows], colWidths=list(widths), style=TableStyle(commands),
                 repeatRows=1 if header else 0, hAlign="LEFT")


def banner(text: str, width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    return Table([[para(text, styles()["banner"])]], colWidths=[width], style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(ACCENT)),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))


def build_pdf(story: list[Any], frame: PageFrame, *, title: str, author: str, subject: str,
              keywords: str) -> bytes:
    """Lay out ``story`` on A4 pages with the marking, page x of y and footer; returns bytes."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    rl_config.useA85 = 0  # binary streams: smaller files, and no pure-Python ASCII85 pass
    width, height = A4
    margin = 18 * mm

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end so every page can say "Page x of y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            from reportlab.lib import colors

            self.saveState()
            self.setFillColor(colors.HexColor("#b00020"))
            self.setFont(BOLD, 9)
            self.drawString(margin, height - 11 * mm, frame.marking)
            self.drawString(margin, 9 * mm, frame.marking)
            self.setFillColor(colors.HexColor(MUTED))
            self.setFont(REGULAR, 8)
            self.drawRightString(width - margin, height - 11 * mm, frame.heading[:110])
            self.drawRightString(width - margin, 9 * mm, f"Page {number} of {total}")
            self.setFont(REGULAR, 6.5)
            self.drawString(margin, 13 * mm, frame.footer[:160])
            self.setStrokeColor(colors.HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(margin, height - 13 * mm, width - margin, height - 13 * mm)
            self.line(margin, 16 * mm, width - margin, 16 * mm)
            self.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=18 * mm,
        bottomMargin=21 * mm, title=title, author=author, subject=subject, keywords=keywords,
        creator=PRODUCER, producer=PRODUCER,
    )
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def content_width() -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    return float(A4[0] - 36 * mm)
