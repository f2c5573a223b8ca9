"""Worker mode's caseload: the worker's open cases and where each reflection stands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.i18n import translate
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from workbench import timefmt
from workbench.caseload import CaseRow
from workbench.supervision.reflections import ReflectionView

AnyIndex = QModelIndex | QPersistentModelIndex

CHILD_ID, NAME, KIND, STATUS, LAST_SUPERVISED = range(5)
COLUMN_COUNT = 5
_HEADERS = (
    QT_TRANSLATE_NOOP("ReflectionModel", "Child ID"),
    QT_TRANSLATE_NOOP("ReflectionModel", "Name"),
    QT_TRANSLATE_NOOP("ReflectionModel", "Kind"),
    QT_TRANSLATE_NOOP("ReflectionModel", "Reflection"),
    QT_TRANSLATE_NOOP("ReflectionModel", "Last supervised"),
)


@dataclass(frozen=True)
class ReflectionRow:
    case: CaseRow
    reflection: ReflectionView | None

    @property
    def status(self) -> str:
        if self.reflection is None or self.reflection.is_empty:
            return translate("ReflectionModel", "Not started")
        if self.reflection.flag_for_discussion:
            return translate("ReflectionModel", "Prepared, flagged for discussion")
        return translate("ReflectionModel", "Prepared")


class ReflectionCaseloadModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReflectionRow] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, index.column())
        return None

    @staticmethod
    def _display(row: ReflectionRow, column: int) -> str:
        case = row.case
        if column == CHILD_ID:
            return case.la_child_id
        if column == NAME:
            return case.child_name or ""
        if column == KIND:
            return translate("CaseKind", case.kind.label)
        if column == STATUS:
            return row.status
        supervised = case.last_supervised
        return format_date(timefmt.local_date(supervised)) if supervised else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < COLUMN_COUNT):
            return QCoreApplication.translate("ReflectionModel", str(_HEADERS[section]))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_caseload(self, cases: Sequence[CaseRow], reflections: Mapping[int, ReflectionView]) -> None:
        self.beginResetModel()
        self._rows = [ReflectionRow(case, reflections.get(case.case_id)) for case in cases]
        self.endResetModel()

    def row_of(self, case_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.case.case_id == case_id), -1)

    def update_reflection(self, case_id: int, reflection: ReflectionView | None) -> None:
        """Show a saved reflection's new status (the row's other cells do not change)."""
        row = self.row_of(case_id)
        if row < 0:
            return
        self._rows[row] = ReflectionRow(self._rows[row].case, reflection)
        self.dataChanged.emit(self.index(row, STATUS), self.index(row, STATUS))
