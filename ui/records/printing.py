"""Printing signed PDFs: each page rendered to an image with pypdfium2 (PySide6-Essentials has
no QtPdf) and painted onto a ``QPrinter``, page after page, in one print job.

Runs on the task runner's thread: Qt allows a QPainter on a QPrinter outside the UI thread,
and PDFium, which is not thread-safe, is only ever entered under one lock. The form layer is
drawn too: the worker's signature is a signature field whose appearance shows their name,
time and words.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from ui.i18n import arg, translate

#: Pages are rendered at the printer's resolution, but never finer than this.
MAX_DPI = 300
_pdfium = threading.Lock()


class PrintProblem(Exception):
    """The printer cannot be used, or a PDF cannot be read; the message says what to do."""


def page_images(pdf: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of ``pdf`` as an image at ``dpi``, with its form fields (signatures) drawn."""
    import pypdfium2 as pdfium

    with _pdfium:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as error:
            raise PrintProblem(arg(translate("Printing", "A signed PDF could not be read for printing (%1)."),
                                   error)) from error
        try:
            document.init_forms()  # without it the worker's signature box would print empty
            count = len(document)
        except Exception:
            document.close()
            raise
    try:
        for number in range(count):
            with _pdfium:
                page = document[number]
                bitmap = page.render(scale=dpi / 72, may_draw_forms=True, prefer_bgrx=True)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGB32).copy()  # own the pixels
                page.close()
            yield image
    finally:
        with _pdfium:
            document.close()


def paint_documents(printer: QPrinter, pdfs: Sequence[bytes], *,
                    progress: Callable[[int, int], None] | None = None,
                    is_cancelled: Callable[[], bool] | None = None) -> int:
    """Paint every page of ``pdfs`` onto ``printer`` as one job; returns the pages painted.

    Each page fills the paper (keeping its proportions), as the PDF lays out its own margins.
    Cancelling aborts the job and returns the pages painted so far.
    """
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem(translate("Printing", "The printer could not be opened. Check that it is "
                                             "connected and switched on, or choose another printer."))
    pages = 0
    try:
        for number, pdf in enumerate(pdfs):
            for image in page_images(pdf, dpi):
                if is_cancelled is not None and is_cancelled():
                    printer.abort()
                    return pages
                if pages:
                    printer.newPage()
                target = QRectF(painter.viewport())
                size = QSizeF(image.size()).scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                left = target.left() + (target.width() - size.width()) / 2
                top = target.top() + (target.height() - size.height()) / 2
                painter.drawImage(QRectF(left, top, size.width(), size.height()), image)
                pages += 1
            if progress is not None:
                progress(number + 1, len(pdfs))
    finally:
        if painter.isActive():
            painter.end()
    return pages

