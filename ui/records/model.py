"""Signed records as a Qt table, and the filter (team, worker, child, dates) in front of it.

Rows are :class:`~workbench.export.finding.RecordRow` values, formatted once when set, so
``data()`` is a lookup. The filter proxy narrows by exact team and worker, by a child id
contained in the record's children, and by meeting date; it sorts on :data:`SORT_ROLE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
from ui.models.caseload_model import format_date, natural_key
from ui.models.roles import FILTER_ROLE, OBJECT_ROLE, SORT_ROLE
from workbench.timefmt import clock_time, local_date

if TYPE_CHECKING:
    from workbench.export.finding import RecordRow

AnyIndex = QModelIndex | QPersistentModelIndex

# The children come last: the list can be long, and the last column stretches.
MEETING, WORKER, SUPERVISOR, TEAM, STATUS, PDFS, CHILDREN = range(7)
COLUMN_COUNT = 7

_HEADERS = (
    QT_TRANSLATE_NOOP("RecordsModel", "Meeting"),
    QT_TRANSLATE_NOOP("RecordsModel", "Worker"),
    QT_TRANSLATE_NOOP("RecordsModel", "Supervisor"),
    QT_TRANSLATE_NOOP("RecordsModel", "Team"),
    QT_TRANSLATE_NOOP("RecordsModel", "Signed"),
    QT_TRANSLATE_NOOP("RecordsModel", "Signed PDFs"),
    QT_TRANSLATE_NOOP("RecordsModel", "Children discussed"),
)
_STATUS = {
    "signed_by_supervisor": QT_TRANSLATE_NOOP("RecordsModel", "By the supervisor"),
    "countersigned": QT_TRANSLATE_NOOP("RecordsModel", "By both"),
    "disagreement_recorded": QT_TRANSLATE_NOOP("RecordsModel", "Worker disagrees"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordsModel", text)


def _cells(row: RecordRow, tz: dt.tzinfo | None) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """(display texts, sort keys) of one record; the meeting in ``tz`` (None: local time)."""
    children = ", ".join(row.children)
    pdfs = (translate("RecordsModel", "Kept") if row.stored
            else translate("RecordsModel", "Made at first export"))
    status = _tr(str(_STATUS.get(row.status, row.status)))
    meeting = f"{format_date(local_date(row.meeting_at, tz))} {clock_time(row.meeting_at, tz)}"
    display = (meeting, row.worker, row.supervisor,
               row.team, status, pdfs, children)
    sort = (row.meeting_at.timestamp(), row.worker.casefold(), row.supervisor.casefold(),
            row.team.casefold(), status.casefold(), int(row.stored), natural_key(children))
    return display, sort


class RecordsModel(QAbstractTableModel):
    """Signed records, one per row; :data:`OBJECT_ROLE` gives the ``RecordRow``. Meetings show
    in ``tz`` (None: the computer's local zone), as the editor showed them when typed."""

    def __init__(self, parent: QObject | None = None, tz: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self._rows: tuple[RecordRow, ...] = ()
        self._display: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []
        self._headers = tuple(_tr(str(h)) for h in _HEADERS)

    def set_rows(self, rows: Sequence[RecordRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        cells = [_cells(r, self.tz) for r in self._rows]
        self._display = [c[0] for c in cells]
        self._sort = [c[1] for c in cells]
        self.endResetModel()

    def record_at(self, row: int) -> RecordRow:
        return self._rows[row]

    @property
    def records(self) -> tuple[RecordRow, ...]:
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PDFS:
            if self._rows[index.row()].stored:
                return translate("RecordsModel", "Its signed PDFs were kept when it was signed: exporting "
                                                 "and printing need no signing key.")
            return translate("RecordsModel", "Signed before PDFs were kept: the first export or print makes "
                                             "them once, with the signers' keys, and keeps them.")
        if role == SORT_ROLE:
            return self._sort[index.row()][index.column()]
        if role == FILTER_ROLE:
            return self._rows[index.row()]
        if role == OBJECT_ROLE:
            return self._rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < COLUMN_COUNT):
            return self._headers[section]
        return None


class RecordsFilter(QSortFilterProxyModel):
    """Team and worker (exact, "" for any), a child id or name (part of one, case and
    accents folded: "zoe" finds Zoë), and the meeting's date between two days (inclusive,
    None for open-ended)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.team = ""
        self.worker = ""
        self.child = ""
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None

    def set_filter(self, *, team: str | None = None, worker: str | None = None,
                   child: str | None = None) -> None:
        """Change any of team, worker and child ("" for any); omitted ones stay."""
        self._begin_change()
        if team is not None:
            self.team = team
        if worker is not None:
            self.worker = worker
        if child is not None:
            from workbench.names import fold_name

            self.child = fold_name(child)
        self._end_change()

    def set_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Meetings from ``date_from`` to ``date_to``, inclusive (None: open-ended)."""
        self._begin_change()
        self.date_from, self.date_to = date_from, date_to
        self._end_change()

    # Qt 6.10 brought begin/endFilterChange and deprecated invalidateRowsFilter; 6.8 has only it.
    def _begin_change(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordsModel):
            return True
        row = model.record_at(source_row)
        day = local_date(row.meeting_at, model.tz)  # the day shown, not the day in UTC
        return ((not self.team or row.team == self.team)
                and (not self.worker or row.worker == self.worker)
                and (not self.child or _has_child(row, self.child))
                and (self.date_from is None or day >= self.date_from)
                and (self.date_to is None or day <= self.date_to))

    def record_at(self, row: int) -> RecordRow:
        value: RecordRow = self.index(row, 0).data(OBJECT_ROLE)
        return value


def _has_child(row: RecordRow, folded: str) -> bool:
    """A child of ``row`` whose id or name contains ``folded`` (already folded)."""
    from workbench.names import fold_name

    return any(folded in fold_name(text) for text in (*row.children, *row.child_names) if text)
