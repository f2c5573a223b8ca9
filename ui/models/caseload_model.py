"""The caseload as a Qt table: open cases, sortable and filterable, formatted as they are shown.

The view paints some thirty rows of thousands, so a row's text is made when the view first
asks for it (:class:`CaseTable`), a column's sort keys when the table is first sorted by it, the
filter's text when the filter first reads it. Opening a caseload costs the query and one sort.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.i18n import translate
from ui.models.roles import FILTER_ROLE, OBJECT_ROLE, SORT_ROLE
from workbench import timefmt

if TYPE_CHECKING:
    from db.enums import CaseKind
    from workbench.caseload import CaseRow

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value  # plain ints: data() compares them for every cell
_USER = Qt.ItemDataRole.UserRole.value

# Columns, in display order.
CHILD_ID, NAME, KIND, WORKER, TEAM, START, LAST_VISIT, SEEN_ALONE, LAST_REVIEW, LAST_SUPERVISED = range(10)
COLUMN_COUNT = 10

_HEADERS = (
    QT_TRANSLATE_NOOP("CaseloadModel", "Child ID"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Name"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Kind"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Worker"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Team"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Start date"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Last visit"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Seen alone"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Last review"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Last supervised"),
)

_DIGITS = re.compile(r"\d+")


def headers() -> tuple[str, ...]:
    return tuple(QCoreApplication.translate("CaseloadModel", str(h)) for h in _HEADERS)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: dt.date | None) -> str:
    """Day, short month, year: unambiguous to every reader ("03 Mar 2026").

    Not strftime: that depends on the locale and costs ten times as much per call.
    """
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}" if value else ""


def _pad_digits(match: re.Match[str]) -> str:
    return match.group().zfill(12)


def natural_key(text: str) -> str:
    """Folded text with digit runs padded, so "C-9" sorts before "C-10"."""
    return _DIGITS.sub(_pad_digits, text.casefold())


def _ordinal(value: dt.date | None) -> int:
    return value.toordinal() if value else 0


def _local_day(value: dt.datetime | None) -> dt.date | None:
    return timefmt.local_date(value) if value else None  # the day here, not in UTC


_DIGITS_AS_ZERO = str.maketrans("0123456789", "0" * 10)


def child_id_keys(ids: Sequence[str]) -> list[str]:
    """:func:`natural_key` of each id. Where every id has one shape (digits in the same places,
    as "DEMO-0001" … "DEMO-5040" do), padding each digit run alike changes no comparison, so
    the folded ids themselves are the keys (made in C, not by a regular expression per id)."""
    folded = list(map(str.casefold, ids))
    if len({text.translate(_DIGITS_AS_ZERO) for text in folded}) <= 1:
        return folded
    return list(map(natural_key, ids))


def _by_value(values: Sequence[Any], make: Callable[[Any], Any]) -> list[Any]:
    """``make`` of each value, called once per distinct value (a caseload repeats its kinds,
    workers, teams and dates many times over)."""
    known = {value: make(value) for value in set(values)}
    return list(map(known.__getitem__, values))


class _Words:
    """The translated words a table shows, each looked up once per table."""

    def __init__(self) -> None:
        self._yes_no: tuple[str, str] | None = None
        self._kinds: dict[Any, str] = {}

    def kind(self, kind: CaseKind) -> str:
        label = self._kinds.get(kind)
        if label is None:
            label = self._kinds[kind] = translate("CaseKind", kind.label)
        return label

    def seen_alone(self, value: bool | None) -> str:
        if value is None:
            return ""
        if self._yes_no is None:
            self._yes_no = (translate("CaseloadModel", "Yes"), translate("CaseloadModel", "No"))
        return self._yes_no[0] if value else self._yes_no[1]


class CaseTable:
    """Open cases in the order the table shows them, with their text and sort keys made when
    first asked for and kept (a table is used on one thread at a time: prepared on a pool
    thread, then shown on the UI thread)."""

    def __init__(self, rows: Sequence[CaseRow], order: tuple[int, bool] = (-1, False), *,
                 words: _Words | None = None, longest: tuple[str, ...] | None = None) -> None:
        self.rows: tuple[CaseRow, ...] = tuple(rows)
        # The order the rows are in: (column, descending); column -1 is the query's order.
        self.order = order
        self._words = words or _Words()
        #: The longest text of each column (one of them, where several are as long), for
        #: sizing the columns without measuring every row.
        self.longest = longest if longest is not None else _longest_texts(self.rows, self._words)
        self._cells: list[tuple[str, ...] | None] = [None] * len(self.rows)
        self._keys: dict[int, list[str | int]] = {}
        self._haystacks: list[str] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def text(self, row: int, column: int) -> str:
        """What the cell shows; the row's cells are formatted together, on first sight."""
        cells = self._cells[row]
        if cells is None:
            cells = self._cells[row] = self._format(self.rows[row])
        return cells[column]

    def _format(self, case: CaseRow) -> tuple[str, ...]:
        words = self._words
        return (
            case.la_child_id, case.child_name or "", words.kind(case.kind), case.worker_name,
            case.team_name, format_date(case.start_date), format_date(case.last_visit_date),
            words.seen_alone(case.seen_alone), format_date(case.last_review_date),
            format_date(_local_day(case.last_supervised)),
        )

    def sort_key(self, row: int, column: int) -> str | int:
        return self.column_keys(column)[row]

    def column_keys(self, column: int) -> list[str | int]:
        """The sort key of each row's cell in ``column``: ordinals for dates, folded text
        (ids with their digits compared as numbers), -1/0/1 for seen alone."""
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = self._make_keys(column)
        return keys

    def _make_keys(self, column: int) -> list[Any]:
        rows, words = self.rows, self._words
        if column == CHILD_ID:
            return child_id_keys([case.la_child_id for case in rows])
        if column == NAME:
            return [case.child_name.casefold() if case.child_name else "" for case in rows]
        if column == KIND:
            return _by_value([case.kind for case in rows], lambda kind: words.kind(kind).casefold())
        if column in (WORKER, TEAM):
            field = "worker_name" if column == WORKER else "team_name"
            return _by_value(list(map(attrgetter(field), rows)), str.casefold)
        if column == SEEN_ALONE:
            return [-1 if case.seen_alone is None else int(case.seen_alone) for case in rows]
        if column == LAST_SUPERVISED:
            return _by_value([case.last_supervised for case in rows],
                             lambda when: _ordinal(_local_day(when)))
        return _by_value(list(map(attrgetter(_DATE_FIELDS[column]), rows)), _ordinal)

    def haystack(self, row: int) -> str:
        """The folded text the filter matches: child id, name and kind."""
        if self._haystacks is None:
            words = self._words
            self._haystacks = [
                f"{case.la_child_id}\n{case.child_name or ''}\n{words.kind(case.kind)}".casefold()
                for case in self.rows]
        return self._haystacks[row]

    def permutation(self, column: int, descending: bool) -> list[int]:
        """Old row numbers in the order ``column`` sorts them (stable, either direction)."""
        keys = self.column_keys(column)
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)

    def reordered(self, rows: Sequence[int], order: tuple[int, bool]) -> CaseTable:
        """The table with its rows in the order ``rows`` gives (old row numbers); what was
        already made moves with them."""
        table = CaseTable([self.rows[i] for i in rows], order, words=self._words, longest=self.longest)
        table._cells = [self._cells[i] for i in rows]
        table._keys = {column: [keys[i] for i in rows] for column, keys in self._keys.items()}
        if self._haystacks is not None:
            table._haystacks = [self._haystacks[i] for i in rows]
        return table

    def sorted_by(self, column: int, descending: bool = False) -> CaseTable:
        if (column, descending) == self.order or not 0 <= column < COLUMN_COUNT:
            return self
        return self.reordered(self.permutation(column, descending), (column, descending))


_DATE_FIELDS = {START: "start_date", LAST_VISIT: "last_visit_date", LAST_REVIEW: "last_review_date"}


def _longest_texts(rows: Sequence[CaseRow], words: _Words) -> tuple[str, ...]:
    """The longest text of each column, from its distinct values."""

    def longest(values: set[Any], show: Callable[[Any], str] = str) -> str:
        return max(sorted(map(show, values)), key=len, default="")

    def distinct(field: str) -> set[Any]:
        return set(map(attrgetter(field), rows))

    return (
        longest(distinct("la_child_id")),
        longest(distinct("child_name"), lambda name: name or ""),
        longest(distinct("kind"), words.kind),
        longest(distinct("worker_name")),
        longest(distinct("team_name")),
        longest(distinct("start_date"), format_date),
        longest(distinct("last_visit_date"), format_date),
        longest(distinct("seen_alone"), words.seen_alone),
        longest(distinct("last_review_date"), format_date),
        longest(distinct("last_supervised"), lambda when: format_date(_local_day(when))),
    )


EMPTY = CaseTable(())


def prepare_caseload(rows: Sequence[CaseRow], *, sort_column: int = CHILD_ID,
                     descending: bool = False) -> CaseTable:
    """The rows as a table sorted by ``sort_column``: that column's keys and each column's
    longest text are made here (plain Python, safe on a pool thread with the query); the rest
    waits for the view."""
    return CaseTable(rows).sorted_by(sort_column, descending)


class CaseloadModel(QAbstractTableModel):
    """Open cases, one per row; :data:`OBJECT_ROLE` gives the ``CaseRow`` behind a row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = EMPTY
        self._order: tuple[int, bool] = (CHILD_ID, False)
        self._headers = headers()

    def set_table(self, table: CaseTable) -> None:
        """Show ``table``, in this model's sort order (a table prepared in it costs nothing)."""
        self.beginResetModel()
        self._table = table.sorted_by(*self._order)
        self.endResetModel()

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        self.set_table(prepare_caseload(rows, sort_column=self._order[0],
                                        descending=self._order[1]))

    @property
    def sort_order(self) -> tuple[int, bool]:
        """(column, descending) the rows are kept in; prepare new tables in it off the UI thread."""
        return self._order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in Python over precomputed keys, rather than by a proxy asking
        ``data()`` for both sides of every comparison."""
        descending = order == Qt.SortOrder.DescendingOrder
        if not 0 <= column < COLUMN_COUNT or (column, descending) == self._order:
            return  # -1 ("unsorted") keeps the current order
        self.layoutAboutToBeChanged.emit()
        permutation = self._table.permutation(column, descending)
        new_row = [0] * len(permutation)
        for new, old in enumerate(permutation):
            new_row[old] = new
        persistent = self.persistentIndexList()
        self._table = self._table.reordered(permutation, (column, descending))
        self._order = (column, descending)
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def case_at(self, row: int) -> CaseRow:
        return self._table.rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._table)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # The view asks each painted cell for seven roles; all but the text are answered first,
        # without touching the index.
        if role == _DISPLAY:
            return self._table.text(index.row(), index.column()) if index.isValid() else None
        if role < _USER or not index.isValid():
            return None
        if role == SORT_ROLE:
            return self._table.sort_key(index.row(), index.column())
        if role == FILTER_ROLE:
            return self._table.haystack(index.row())
        if role == OBJECT_ROLE:
            return self._table.rows[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None  # the other roles, asked for every painted section, cost no lookups
        return self._headers[section] if 0 <= section < COLUMN_COUNT else None


class CaseloadFilter(QSortFilterProxyModel):
    """Filters on child id, name or kind; sorting is passed to the source model.

    The view's header calls ``sort()`` here; the caseload model sorts itself in one Python
    call, and this proxy keeps the source's order (5,000 rows sort in milliseconds instead
    of some 100,000 ``data()`` calls from C++ into Python).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(CHILD_ID)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, CaseloadModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip().casefold())

    def case_at(self, row: int) -> CaseRow:
        value: CaseRow = self.index(row, 0).data(OBJECT_ROLE)
        return value
