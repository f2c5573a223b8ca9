"""The manager's unfinished supervision sessions as a table: worker, meeting, progress, status."""

from __future__ import annotations

from collections.abc import Sequence
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

from db.enums import SessionStatus
from ui.i18n import translate
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from workbench.supervision.drafts import DraftSummary

AnyIndex = QModelIndex | QPersistentModelIndex

WORKER, MEETING, CHILDREN, STEPS, STATUS = range(5)
COLUMN_COUNT = 5
_HEADERS = (
    QT_TRANSLATE_NOOP("DraftsModel", "Worker"),
    QT_TRANSLATE_NOOP("DraftsModel", "Meeting"),
    QT_TRANSLATE_NOOP("DraftsModel", "Children discussed"),
    QT_TRANSLATE_NOOP("DraftsModel", "Steps done"),
    QT_TRANSLATE_NOOP("DraftsModel", "Status"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DraftsModel", text)


def meeting_text(draft: DraftSummary) -> str:
    local = draft.meeting_at.astimezone()
    return f"{format_date(local.date())} {local:%H:%M}"


class DraftsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DraftSummary] = []

    def set_drafts(self, drafts: Sequence[DraftSummary]) -> None:
        self.beginResetModel()
        self._rows = list(drafts)
        self.endResetModel()

    def draft(self, row: int) -> DraftSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
    def _display(row: DraftSummary, column: int) -> str:
        if column == WORKER:
            return row.supervisee_name
        if column == MEETING:
            return meeting_text(row)
        if column == CHILDREN:
            return f"{row.children_done}/{row.children_total}"
        if column == STEPS:
            return f"{row.steps_done}/{row.steps_total}"
        if row.status is SessionStatus.READY_TO_SIGN:
            return translate("DraftsModel", "Ready to sign")
        return translate("DraftsModel", "Draft")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < COLUMN_COUNT):
            return _tr(str(_HEADERS[section]))
        return None
