"""The social worker's part of a signed PDF: a box reserved at sign-off, filled by their signature.

A signed record's PDFs are made once, when the supervisor signs, and never re-rendered: the
worker's countersignature (or disagreement, in their own words) comes later, from another
computer, and must not disturb what the supervisor signed. So the supervisor's PDF carries an
empty signature field over a reserved box; the worker's PAdES signature fills that field as an
incremental update, and its visible appearance (drawn here with reportlab, in the PDF's own
fonts) shows who signed, when, with which certificate, and their words. Filling a signature
field is a change every validator accepts after a signature (pyHanko: form filling), so the
supervisor's signature stays valid over the first revision.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from workbench.export.fonts import register_fonts
from workbench.export.layout import RULE, content_width, para, styles, table, when

#: The name of the worker's (empty until they sign) signature field.
WORKER_FIELD = "WorkerSignature"
#: Box height in points (62 mm): a disagreement of the longest allowed length fits, shrunk.
BOX_HEIGHT = 62 * 72 / 25.4
PADDING = 5.0


@dataclass(frozen=True)
class BoxPlace:
    """Where the reserved box landed: a page index and a PDF rectangle (points)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        return round(self.x1), round(self.y1), round(self.x2), round(self.y2)


@dataclass(frozen=True)
class WorkerSignatureText:
    """What the worker's visible signature says."""

    kind: str  # "countersignature" or "disagreement"
    name: str
    role: str
    signed_at: dt.datetime
    fingerprint: str
    statement: str = ""
    about: str = ""  # what a disagreement concerns, as shown: "about the session as a whole"
    withheld: bool = False  # a child's extract, the disagreement being about something else
    tz: dt.tzinfo | None = None  # the zone the time is printed in; None: the computer's own


def reserved_box(places: list[BoxPlace]) -> list[Any]:
    """The heading, a line saying how the box gets filled, and the empty box itself.

    The box's place is appended to ``places`` when it is drawn (the caller reads it after the
    build, to put the empty signature field exactly over it).
    """
    from reportlab.lib import colors
    from reportlab.platypus import Flowable, KeepTogether

    st = styles()
    width = content_width()

    class Box(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width, BOX_HEIGHT

        def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
            places.append(BoxPlace(canvas.getPageNumber() - 1, x, y, x + width, y + BOX_HEIGHT))
            super().drawOn(canvas, x, y, _sW)

        def draw(self) -> None:
            self.canv.saveState()
            self.canv.setStrokeColor(colors.HexColor(RULE))
            self.canv.setLineWidth(0.6)
            self.canv.setDash(3, 2)
            self.canv.rect(0, 0, width, BOX_HEIGHT)
            self.canv.restoreState()

    return [KeepTogether([
        para("The social worker's response", st["h2"]),
        para("Filled in by the social worker's own digital signature: their countersignature, "
             "or their disagreement in their own words. Empty until they sign.", st["small"]),
        Box(),
    ])]


def worker_stamp_flow(text: WorkerSignatureText) -> list[Any]:
    """What the worker's signature box says, as flowables: their signature line and, for a
    disagreement, their words (or, on another child's file, that it is kept elsewhere)."""
    from workbench.export.record import ROLE_LABELS, SIGNATURE_LABELS

    register_fonts()
    st = styles()
    width = content_width()
    inner = width - 2 * PADDING
    rows = [[para(h, st["cellhead"]) for h in ("Signed", "Name and role", "Time", "Certificate SHA-256")],
            [para(SIGNATURE_LABELS.get(text.kind, text.kind), st["cell"]),
             para(f"{text.name}\n{ROLE_LABELS.get(text.role, text.role)}", st["cell"]),
             para(when(text.signed_at, tz=text.tz), st["cell"]), para(text.fingerprint, st["small"])]]
    flow: list[Any] = [table(rows, [inner * 0.19, inner * 0.23, inner * 0.2, inner * 0.38])]
    if text.kind == "disagreement" and text.withheld:
        # Another child's or the whole session's matter: not on this child's file.
        flow.append(para(f"{text.name} recorded a disagreement about another part of this supervision "
                         "session. It is kept with the supervision file copy, not on this child's file.",
                         st["small"]))
    elif text.kind == "disagreement":
        about = f" {text.about}" if text.about else ""
        flow.append(para(f"{text.name} recorded this disagreement{about}, in their own words:",
                         st["question"]))
        flow.append(para(text.statement, st["answer"]))
    else:
        flow.append(para(f"{text.name} agrees that this is a true record of the supervision.",
                         st["small"]))
    return flow


def worker_stamp_pdf(text: WorkerSignatureText) -> bytes:
    """A one-page PDF the size of the reserved box: :func:`worker_stamp_flow` shrunk to fit when
    long; the appearance of the worker's signature."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, KeepInFrame

    width = content_width()
    inner = width - 2 * PADDING
    flow = worker_stamp_flow(text)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, BOX_HEIGHT))
    canvas.setTitle("Social worker's signature")
    frame = Frame(0, 0, width, BOX_HEIGHT, leftPadding=PADDING, rightPadding=PADDING,
                  topPadding=PADDING, bottomPadding=PADDING, showBoundary=0)
    frame.addFromList([KeepInFrame(inner, BOX_HEIGHT - 2 * PADDING, flow, mode="shrink")], canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
