"""Direct work with the child, kept as dated records in the child's own words, with drawings.

Each entry names its tool (Three Houses, Wizards and Fairies, Safety House, Words and Pictures),
who did it and when, and what the child said, part by part (Three Houses: the house of worries,
of good things, of dreams). Scanned drawings (PNG, JPEG or PDF, up to 10 MB) are checked before
anything is written: a file that is too big, not an image or broken is refused with a message
and nothing is stored. Each is kept as given, beside a PNG preview made from it (the first page
of a PDF), which the app and the child's extract show. Drawings are never changed or deleted.

The case discussion warns when a child has had no direct work for longer than the period set
for their kind of case (``resources/direct_work.toml``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.enums import CaseKind, DirectWorkTool, WordsAndPicturesStatus
from db.models import DirectWork, DirectWorkDrawing
from workbench.messages import Message, translatable, translatable_plural
from workbench.supervision.common import audit, check_text
from workbench.supervision.context import SupervisionContext
from workbench.supervision.errors import InvalidInput, NotFound
from workbench.supervision.safety_plan import editable_case, readable_case

MAX_DRAWING_BYTES = 10 * 1024 * 1024
PREVIEW_PIXELS = 1600  # the preview's longest side: sharp enough for an A4 page
MAX_DRAWINGS = 12

# The parts of each tool the child's words are kept under, in the order they are shown.
TOOL_PARTS: dict[DirectWorkTool, tuple[tuple[str, str], ...]] = {
    DirectWorkTool.THREE_HOUSES: (("worries", "House of worries"), ("good_things", "House of good things"),
                                  ("dreams", "House of dreams")),
    DirectWorkTool.WIZARDS_AND_FAIRIES: (("wizard", "The wizard (what would change the worries)"),
                                         ("fairy", "The fairy (what good things would stay)")),
    DirectWorkTool.SAFETY_HOUSE: (("words", "The child's words"),),
    DirectWorkTool.WORDS_AND_PICTURES: (("words", "The explanation, and the child's words"),),
}


class DrawingRefused(InvalidInput):
    """A drawing file that cannot be kept: too big, not a PNG, JPEG or PDF, or broken."""


@dataclass(frozen=True)
class CheckedDrawing:
    file_name: str
    media_type: str
    data: bytes
    preview_png: bytes
    sha256: str


@dataclass(frozen=True)
class DrawingView:
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DirectWorkView:
    id: int
    done_on: dt.date
    tool: DirectWorkTool
    done_by: str
    words: dict[str, str]
    words_and_pictures_status: WordsAndPicturesStatus | None
    drawings: tuple[DrawingView, ...]

    def parts(self) -> tuple[tuple[str, str], ...]:
        """(label, the child's words) for each part that has words, in the tool's order."""
        return tuple((label, self.words[key]) for key, label in TOOL_PARTS[self.tool]
                     if self.words.get(key, "").strip())


def _media_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    return None


def _png(image: Any) -> bytes:
    from PIL import Image

    image = image.convert("RGBA") if image.mode in ("P", "LA") else image
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    image.thumbnail((PREVIEW_PIXELS, PREVIEW_PIXELS), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _image_preview(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()  # structure and checksums
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # every pixel decodes
        return _png(image)


def _pdf_preview(data: bytes) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 0:
            raise ValueError("no pages")
        page = document[0]
        width, height = page.get_size()
        scale = PREVIEW_PIXELS / max(width, height, 1)
        image = page.render(scale=scale).to_pil()
        return _png(image)
    finally:
        document.close()


def check_drawing(file_name: str, data: bytes) -> CheckedDrawing:
    """A drawing that can be kept, with its preview; DrawingRefused says what is wrong."""
    name = (file_name or "drawing").replace("\\", "/").rsplit("/", 1)[-1][:255] or "drawing"
    if not data:
        raise DrawingRefused(translatable(
            "workbench.supervision", "%1 is empty. Scan the drawing again and choose the new "
                                     "file.").arg(name))
    if len(data) > MAX_DRAWING_BYTES:
        raise DrawingRefused(translatable(
            "workbench.supervision", "%1 is %2 MB; a drawing can be at most %3 MB. Scan it at a lower "
                                     "resolution (150-200 dpi is plenty) or save it as JPEG, then add it "
                                     "again.").arg(name, f"{len(data) / 1024 / 1024:.1f}",
                                                   MAX_DRAWING_BYTES // 1024 // 1024))
    media_type = _media_type(data)
    if media_type is None:
        raise DrawingRefused(translatable(
            "workbench.supervision", "%1 is not a PNG, JPEG or PDF file. Save the scan in one of those "
                                     "formats and add it again.").arg(name))
    try:
        preview = _pdf_preview(data) if media_type == "application/pdf" else _image_preview(data)
    except Exception as error:  # Pillow and pdfium raise many kinds for a broken file
        kind = {"image/png": "PNG", "image/jpeg": "JPEG"}.get(media_type, "PDF")
        raise DrawingRefused(translatable(
            "workbench.supervision", "%1 looks like a %2 file but cannot be read (it may be damaged or "
                                     "only partly copied). Scan or copy it again and add the new "
                                     "file.").arg(name, kind)) from error
    return CheckedDrawing(name, media_type, data, preview, hashlib.sha256(data).hexdigest())


def _words(tool: DirectWorkTool, words: Mapping[str, str]) -> dict[str, str]:
    allowed = {key for key, _label in TOOL_PARTS[tool]}
    unknown = set(words) - allowed
    if unknown:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 has no part called %2; this is a fault in the app, please "
                                         "report it.").arg(tool.label, ', '.join(sorted(unknown))))
    kept = {key: check_text("The child's words", value).strip() for key, value in words.items()}
    return {key: value for key, value in kept.items() if value}


def _store(s: Session, work_id: int, drawing: CheckedDrawing, now: dt.datetime) -> DirectWorkDrawing:
    row = DirectWorkDrawing(direct_work_id=work_id, file_name=drawing.file_name,
                            media_type=drawing.media_type, size=len(drawing.data), sha256=drawing.sha256,
                            data=drawing.data, preview_png=drawing.preview_png, created_at=now)
    s.add(row)
    s.flush()
    return row


def add_direct_work(ctx: SupervisionContext, case_id: int, *, done_on: dt.date, tool: DirectWorkTool,
                    done_by: str, words: Mapping[str, str],
                    words_and_pictures_status: WordsAndPicturesStatus | None = None,
                    drawings: Sequence[tuple[str, bytes]] = ()) -> int:
    """Record a piece of direct work with its drawings (each checked first: one bad file and
    nothing is stored); returns its id."""
    tool = DirectWorkTool(tool)
    if words_and_pictures_status is not None:
        words_and_pictures_status = WordsAndPicturesStatus(words_and_pictures_status)
    if done_on > ctx.clock().date():
        raise InvalidInput(translatable(
                "workbench.supervision", "The date of the direct work (%1) is in the future; give the day it "
                                         "was done.").arg(format(done_on, "%d %B %Y")))
    done_by = check_text("Who did it", done_by).strip()
    if not done_by:
        raise InvalidInput(translatable(
                "workbench.supervision", "Say who did the direct work with the child."))
    kept_words = _words(tool, words)
    if tool is DirectWorkTool.WORDS_AND_PICTURES:
        words_and_pictures_status = words_and_pictures_status or WordsAndPicturesStatus.NOT_STARTED
    elif words_and_pictures_status is not None:
        raise InvalidInput(translatable(
                "workbench.supervision", "Only a Words and Pictures explanation has a status."))
    if len(drawings) > MAX_DRAWINGS:
        raise InvalidInput(translatable(
                "workbench.supervision", "Add at most %1 drawings to one piece of direct work.")
                .arg(MAX_DRAWINGS))
    checked = [check_drawing(name, data) for name, data in drawings]
    if not kept_words and not checked:
        raise InvalidInput(translatable(
                "workbench.supervision", "Write down what the child said, or add their drawing, before "
                                         "saving."))
    with transaction(ctx.db) as s:
        editable_case(ctx, s, case_id)
        now = ctx.clock()
        work = DirectWork(case_id=case_id, done_on=done_on, tool=tool, done_by=done_by[:200],
                          words=kept_words, words_and_pictures_status=words_and_pictures_status,
                          recorded_by_id=ctx.actor_id, created_at=now)
        s.add(work)
        s.flush()
        for drawing in checked:
            _store(s, work.id, drawing, now)
        audit(ctx, s, "direct_work.add", "direct_work", work.id, case_id=case_id, tool=tool.value,
              drawings=len(checked))
        return work.id


def add_drawing(ctx: SupervisionContext, direct_work_id: int, file_name: str, data: bytes) -> int:
    """Add a scanned drawing to a piece of direct work; returns the drawing's id."""
    drawing = check_drawing(file_name, data)
    with transaction(ctx.db) as s:
        work = s.get(DirectWork, direct_work_id)
        if work is None:
            raise NotFound(translatable(
                    "workbench.supervision", "That piece of direct work no longer exists; reload the panel."))
        editable_case(ctx, s, work.case_id)
        row = _store(s, work.id, drawing, ctx.clock())
        audit(ctx, s, "direct_work.drawing.add", "direct_work_drawing", row.id, case_id=work.case_id,
              direct_work_id=work.id, sha256=drawing.sha256)
        return row.id


def direct_work_views(s: Session, case_id: int, *, on_or_before: dt.date | None = None,
                      limit: int | None = None) -> tuple[DirectWorkView, ...]:
    """The case's direct work, newest first (no access check: callers check)."""
    query = select(DirectWork).where(DirectWork.case_id == case_id)
    if on_or_before is not None:
        query = query.where(DirectWork.done_on <= on_or_before)
    query = query.order_by(DirectWork.done_on.desc(), DirectWork.id.desc())
    if limit is not None:
        query = query.limit(limit)
    works = s.scalars(query).all()
    ids = [w.id for w in works]
    drawings: dict[int, list[DrawingView]] = {}
    if ids:
        rows = s.execute(select(DirectWorkDrawing.id, DirectWorkDrawing.direct_work_id,
                                DirectWorkDrawing.file_name, DirectWorkDrawing.media_type,
                                DirectWorkDrawing.size, DirectWorkDrawing.sha256)
                         .where(DirectWorkDrawing.direct_work_id.in_(ids)).order_by(DirectWorkDrawing.id))
        for row in rows:
            drawings.setdefault(row[1], []).append(DrawingView(row[0], row[2], row[3], row[4], row[5]))
    return tuple(DirectWorkView(w.id, w.done_on, w.tool, w.done_by, dict(w.words or {}),
                                w.words_and_pictures_status, tuple(drawings.get(w.id, ())))
                 for w in works)


def read_direct_work(ctx: SupervisionContext, case_id: int) -> tuple[DirectWorkView, ...]:
    with ctx.db() as s:
        readable_case(ctx, s, case_id)
        return direct_work_views(s, case_id)


def preview_pngs(s: Session, drawing_ids: Sequence[int]) -> dict[int, bytes]:
    """Each drawing's PNG preview by id (no access check: callers check)."""
    if not drawing_ids:
        return {}
    rows = s.execute(select(DirectWorkDrawing.id, DirectWorkDrawing.preview_png)
                     .where(DirectWorkDrawing.id.in_(list(drawing_ids))))
    return {row[0]: bytes(row[1]) for row in rows}


# -- how long is too long without direct work ----------------------------------------------

@dataclass(frozen=True)
class DirectWorkPeriods:
    """Weeks a child may go without recorded direct work, by kind of case (absent: no warning)."""

    weeks: dict[CaseKind, int]

    def warning(self, kind: CaseKind, latest: dt.date | None, today: dt.date,
                case_start: dt.date | None = None) -> str | None:
        weeks = self.weeks.get(kind)
        if weeks is None:
            return None
        since = latest or case_start
        if since is not None and (today - since).days <= weeks * 7:
            return None
        kind_label = Message("CaseKind", kind.label)  # in the catalogue from db.enums
        if latest is None:
            return translatable_plural(
                    "workbench.supervision", "No direct work with this child is recorded. %1: the council "
                                             "expects some at least every %n week(s). Plan it as a next "
                                             "step.", None, weeks).arg(kind_label)
        weeks_since = translatable_plural("workbench.supervision", "%n week(s)", None,
                                          (today - latest).days // 7)
        return translatable_plural(
                "workbench.supervision", "No direct work with this child since %1 (%2). %3: the council "
                                         "expects some at least every %n week(s). Plan it as a next step.",
                None, weeks).arg(f"{latest:%d %B %Y}", weeks_since, kind_label)


def parse_periods(text: str, source: str) -> DirectWorkPeriods:
    """Read and check the periods file; InvalidInput names what is wrong and where."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 is not valid TOML (%2); correct it.")
                .arg(source, error)) from error
    table = data.get("overdue_weeks")
    if not isinstance(table, dict):
        raise InvalidInput(translatable(
                "workbench.supervision", "%1 needs an [overdue_weeks] table of weeks by case kind.")
                .arg(source))
    weeks: dict[CaseKind, int] = {}
    for key, value in table.items():
        try:
            kind = CaseKind(key)
        except ValueError:
            known = ", ".join(k.value for k in CaseKind)
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1: %2 is not a kind of case; use one of %3.")
                    .arg(source, repr(key), known)) from None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 104:
            raise InvalidInput(translatable(
                    "workbench.supervision", "%1: overdue_weeks.%2 must be a whole number of weeks from 1 to "
                                             "104, not %3.").arg(source, key, repr(value)))
        weeks[kind] = value
    return DirectWorkPeriods(weeks)


_PERIODS: DirectWorkPeriods | None = None


def direct_work_periods() -> DirectWorkPeriods:
    """The periods shipped with the app (resources/direct_work.toml), read once."""
    global _PERIODS
    if _PERIODS is None:
        entry = files("resources").joinpath("direct_work.toml")
        _PERIODS = parse_periods(entry.read_text(encoding="utf-8"), "direct_work.toml")
    return _PERIODS
