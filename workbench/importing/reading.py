"""Reading the file: its size and fingerprint, what kind of file it is, and its cells.

Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with python-calamine, the fastest
correct reader measured here (NOTES.md); it gives cached values for formulas and real
dates for date-formatted cells. CSV is decoded as UTF-8 (with or without a BOM), then as
Windows-1252, which is what Excel writes when it saves "CSV" on a British PC.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import queue
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.importing.errors import ImportFailed
from workbench.messages import translatable

MAX_FILE_BYTES = 100 * 1024 * 1024
# A workbook is a zip. Real caseload workbooks unpack to about ten times their size; one that
# unpacks to more than this many times its own size, or to more than MAX_UNPACKED_RATIO times
# the size limit, is a bomb (a 4 MB file unpacking to 906 MB took 87 s and 3.1 GB to read).
MAX_COMPRESSION_RATIO = 100
MAX_UNPACKED_RATIO = 3
# More rows or cells than any council's caseload: refused before they become Python objects.
MAX_ROWS = 1_000_000
MAX_CELLS = 20_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
# Files people pick by mistake, recognised by their first bytes.
OTHER_MAGIC = {b"%PDF": translatable("workbench.importing", "a PDF document"),
               b"\x89PNG": translatable("workbench.importing", "a PNG image"),
               b"\xff\xd8\xff": translatable("workbench.importing", "a JPEG image"),
               b"GIF8": translatable("workbench.importing", "a GIF image"),
               b"{\\rtf": translatable("workbench.importing", "an RTF document")}
_DELIMITERS = (",", ";", "\t", "|")


@dataclass
class SheetData:
    name: str | None  # None for a CSV file, which has one unnamed sheet
    rows: list[list[Any]]
    first_row_number: int  # the row number the user sees for rows[0]


@dataclass
class Source:
    file_name: str
    sha256: str
    size: int
    sheet_names: list[str]
    _load: Callable[[str], SheetData]
    #: Makes a second loader with its own copy of the file, for reading two sheets at once.
    _another: Callable[[], Callable[[str], SheetData]] | None = None

    def sheet(self, name: str) -> SheetData:
        return self._load(name)

    def sheets(self, names: Sequence[str]) -> Iterator[SheetData]:
        """The sheets named, in order, read ahead while the caller works on the ones before.

        calamine lets go of the GIL while it unpacks and parses a sheet (most of a workbook's
        reading), so the next sheets are read on threads of their own while this one's rows
        are converted: two at a time when the file can be opened twice (a workbook), each
        reader with its own copy (calamine's workbook is not shared between threads)."""
        if len(names) < 2:
            yield from map(self._load, names)
            return
        readers: queue.SimpleQueue[Callable[[str], SheetData]] = queue.SimpleQueue()
        readers.put(self._load)
        ahead = 1
        if self._another is not None:
            readers.put(_LazyLoader(self._another))
            ahead = 2

        def read(name: str) -> SheetData:
            load = readers.get()
            try:
                return load(name)
            finally:
                readers.put(load)

        with ThreadPoolExecutor(max_workers=ahead, thread_name_prefix="import-read") as pool:
            pending: deque[Future[SheetData]] = deque(pool.submit(read, name) for name in names[:ahead])
            following = iter(names[ahead:])
            try:
                while pending:
                    sheet = pending.popleft().result()
                    name = next(following, None)
                    if name is not None:
                        pending.append(pool.submit(read, name))
                    yield sheet
            finally:
                for future in pending:  # the caller stopped early (a refusal): read no further
                    future.cancel()


class _LazyLoader:
    """A sheet loader made on first use (on the reading thread, not the caller's)."""

    def __init__(self, make: Callable[[], Callable[[str], SheetData]]) -> None:
        self._make = make
        self._load: Callable[[str], SheetData] | None = None

    def __call__(self, name: str) -> SheetData:
        if self._load is None:
            self._load = self._make()
        return self._load(name)


def _failed(path: Path, problem: str, code: str) -> ImportFailed:
    return ImportFailed(translatable("workbench.importing", "%1: %2").arg(path.name, problem), code=code)


def open_source(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Source:
    """Check the size before reading a byte, then recognise and open the file."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _failed(path, translatable("workbench.importing", "the file could not be opened (%1). Check "
                                                            "the name and that you may read it.")
                      .arg(error.strerror or error), "unreadable") from error
    if size > max_bytes:
        raise _failed(path, translatable("workbench.importing", "the file is %1 MB, more than the %2 MB an "
                                                            "import may be. Export only the lists or teams "
                                                            "you need, then import again.")
                      .arg(f"{size / 1_048_576:.0f}", f"{max_bytes / 1_048_576:.0f}"), "too_large")
    if size == 0:
        raise _failed(path, translatable("workbench.importing", "the file is empty. Export the caseload "
                                                            "again and import that file."), "empty")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _failed(path, translatable("workbench.importing", "the file could not be read (%1).")
                      .arg(error.strerror or error), "unreadable") from error
    digest = hashlib.sha256(data).hexdigest()
    head = data[:8]
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return _workbook(path, data, digest, max_bytes)
    for magic, what in OTHER_MAGIC.items():
        if head.startswith(magic):
            raise _failed(path, translatable("workbench.importing", "this is %1, not a spreadsheet. Choose "
                                                                "the CSV or Excel export of the caseload.")
                          .arg(what), "not_a_spreadsheet")
    text = _decode(path, data)
    if text is None:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            raise _failed(path, translatable("workbench.importing", "the file is damaged or is not really an "
                                                                "Excel workbook. Open it in Excel, save it "
                                                                "again as .xlsx, then import that file."),
                          "corrupt")
        raise _failed(path, translatable("workbench.importing", "this is not a spreadsheet (it is neither an "
                                                            "Excel workbook nor CSV text). Choose the CSV "
                                                            "or Excel export of the caseload."),
                      "not_a_spreadsheet")
    return _csv(path, text, digest, len(data))


def _decode(path: Path, data: bytes) -> str | None:
    """Text as Excel and case-management systems write it, or None for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Control characters other than tab and line ends mean binary data, not text.
        if "\x00" in text or any(ch in text for ch in _BINARY_CONTROLS):
            return None
        return text
    return None


_BINARY_CONTROLS = frozenset(chr(code) for code in (*range(1, 9), 11, 14, 15, *range(16, 27), *range(28, 32)))


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines()[:20] if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _too_many(path: Path, rows: int, cells: int) -> ImportFailed | None:
    if rows <= MAX_ROWS and cells <= MAX_CELLS:
        return None
    return _failed(path, translatable("workbench.importing", "a sheet has more than %1 rows or %2 cells, "
                                                         "more than an import may read. Export only the "
                                                         "lists or teams you need.")
                   .arg(f"{MAX_ROWS:,}", f"{MAX_CELLS:,}"), "too_large")


def _csv(path: Path, text: str, digest: str, size: int) -> Source:
    rows: list[list[Any]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            rows.append(row)
            cells += len(row)
            if (problem := _too_many(path, len(rows), cells)) is not None:
                raise problem
    except csv.Error as error:
        raise _failed(path, translatable("workbench.importing", "the CSV text could not be read (%1). Export "
                                                            "the caseload again as CSV, then import that "
                                                            "file.").arg(error),
                      "not_a_spreadsheet") from error
    sheet = SheetData(None, rows, 1)
    return Source(path.name, digest, size, [""], lambda _name: sheet)


def _check_unpacked_size(path: Path, data: bytes, max_bytes: int) -> None:
    if not data.startswith(ZIP_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _corrupt(path) from error
    if unpacked > max_bytes * MAX_UNPACKED_RATIO or unpacked > len(data) * MAX_COMPRESSION_RATIO:
        raise _failed(path, translatable("workbench.importing", "the workbook unpacks to %1 MB from %2 MB, "
                                                            "more than an import may be. Export only the "
                                                            "lists or teams you need.")
                      .arg(f"{unpacked / 1_048_576:.0f}", f"{len(data) / 1_048_576:.1f}"), "too_large")


def _corrupt(path: Path) -> ImportFailed:
    return _failed(path, translatable("workbench.importing", "the workbook is damaged and cannot be read. "
                                                         "Open it in Excel, save it again as .xlsx, then "
                                                         "import that file."), "corrupt")


def _workbook(path: Path, data: bytes, digest: str, max_bytes: int) -> Source:
    _check_unpacked_size(path, data, max_bytes)
    from python_calamine import CalamineWorkbook  # heavy: only when a workbook is imported

    def opened() -> Any:
        try:
            return CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception as error:  # calamine raises its own errors and a few builtin ones
            raise _corrupt(path) from error

    def loader(workbook: Any) -> Callable[[str], SheetData]:
        def load(name: str) -> SheetData:
            try:
                sheet = workbook.get_sheet_by_name(name)
                problem = _too_many(path, sheet.height, sheet.height * sheet.width)
                if problem is None:
                    rows = sheet.to_python(skip_empty_area=True)
                    first_row = sheet.start[0] + 1 if sheet.start else 1
            except Exception as error:
                raise _corrupt(path) from error
            if problem is not None:
                raise problem
            return SheetData(name, rows, first_row)

        return load

    workbook = opened()
    try:
        names = [str(name) for name in workbook.sheet_names]
    except Exception as error:
        raise _corrupt(path) from error
    return Source(path.name, digest, len(data), names, loader(workbook), lambda: loader(opened()))
