"""The agenda as a Qt table: each child to discuss, why, and whether the worker reflected.

Rows are :class:`AgendaRow` values made from the session's discussions; moving and dropping
rows changes the model at once (the page saves the new order through the services).
"""

from __future__ import annotations

from collections.abc import Sequence
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

from ui.i18n import translate, translated
from ui.models.roles import OBJECT_ROLE
from workbench.supervision.views import DiscussionView

AnyIndex = QModelIndex | QPersistentModelIndex

CHILD, KIND, REASONS, REFLECTION = range(4)
COLUMN_COUNT = 4
_HEADERS = (
    QT_TRANSLATE_NOOP("AgendaModel", "Child"),
    QT_TRANSLATE_NOOP("AgendaModel", "Kind"),
    QT_TRANSLATE_NOOP("AgendaModel", "Why it is on the agenda"),
    QT_TRANSLATE_NOOP("AgendaModel", "Worker's reflection"),
)


@dataclass(frozen=True)
class AgendaRow:
    discussion_id: int
    case_id: int
    child_label: str  # name, or the local authority's id when there is no name
    la_child_id: str
    kind: str
    reasons: tuple[str, ...]
    reflection: str  # "", "Prepared" or "Prepared, flagged for discussion"

    @classmethod
    def of(cls, discussion: DiscussionView) -> AgendaRow:
        reflection = ""
        if discussion.reflection is not None and not discussion.reflection.is_empty:
            reflection = (translate("AgendaModel", "Prepared, flagged for discussion")
                          if discussion.reflection.flag_for_discussion
                          else translate("AgendaModel", "Prepared"))
        return cls(discussion.id, discussion.case_id, discussion.child_label, discussion.la_child_id,
                   translate("CaseKind", discussion.case_kind.label),
                   tuple(translated(reason) for reason in discussion.agenda_reasons), reflection)

    @property
    def label(self) -> str:
        if self.child_label != self.la_child_id:
            return f"{self.child_label} ({self.la_child_id})"
        return self.child_label


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []

    # -- reading ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == REASONS:
            return "\n".join(row.reasons)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column) or QCoreApplication.translate("AgendaModel", "none")
        return None

    @staticmethod
    def _display(row: AgendaRow, column: int) -> str:
        if column == CHILD:
            return row.label
        if column == KIND:
            return row.kind
        if column == REASONS:
            return "\n".join(row.reasons)
        return row.reflection

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return QCoreApplication.translate("AgendaModel", str(_HEADERS[section]))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    @property
    def rows(self) -> tuple[AgendaRow, ...]:
        return tuple(self._rows)

    def discussion_ids(self) -> list[int]:
        return [row.discussion_id for row in self._rows]

    def row_of(self, discussion_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.discussion_id == discussion_id), -1)

    # -- changing --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append(self, row: AgendaRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()

    def remove(self, row: int) -> AgendaRow:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._rows.pop(row)
        self.endRemoveRows()
        return removed

    def move(self, row: int, to: int) -> bool:
        """Move ``row`` to position ``to``; False (nothing changed) when either is out of range."""
        if not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)) or row == to:
            return False
        # Qt's destination is the row *before which* the moved row lands (in the old numbering).
        destination = to + 1 if to > row else to
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        return True
