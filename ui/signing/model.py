"""The Sign-off list's Qt model: sessions waiting for the signed-in person, and their signed ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from db.enums import SessionStatus
from ui.i18n import translate
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from workbench import timefmt
from workbench.signing.desk import Step, WaitingRow

MEETING, WORKER, SUPERVISOR, CHILDREN, STATUS = range(5)
_HEADERS = (QT_TRANSLATE_NOOP("WaitingModel", "Meeting"), QT_TRANSLATE_NOOP("WaitingModel", "Worker"),
            QT_TRANSLATE_NOOP("WaitingModel", "Supervisor"), QT_TRANSLATE_NOOP("WaitingModel", "Children"),
            QT_TRANSLATE_NOOP("WaitingModel", "Status"))
_STATUS = {
    SessionStatus.READY_TO_SIGN: QT_TRANSLATE_NOOP("WaitingModel", "Ready for your signature"),
    SessionStatus.SIGNED_BY_SUPERVISOR: QT_TRANSLATE_NOOP(
        "WaitingModel", "Signed by the supervisor; waiting for the worker"),
    SessionStatus.COUNTERSIGNED: QT_TRANSLATE_NOOP("WaitingModel", "Countersigned"),
    SessionStatus.DISAGREEMENT_RECORDED: QT_TRANSLATE_NOOP("WaitingModel", "Disagreement recorded"),
}
_WAITING_FOR_ME = QT_TRANSLATE_NOOP("WaitingModel", "Waiting for your countersignature")

Index = QModelIndex | QPersistentModelIndex


class WaitingModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[WaitingRow] = []

    def set_rows(self, rows: list[WaitingRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return translate("WaitingModel", str(_HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == MEETING:
            return format_date(timefmt.local_date(row.meeting_at))
        if column == WORKER:
            return row.worker_name
        if column == SUPERVISOR:
            return row.supervisor_name
        if column == CHILDREN:
            return str(row.children)
        if column == STATUS:
            if Step.COUNTERSIGN in row.steps:
                return translate("WaitingModel", str(_WAITING_FOR_ME))
            return translate("WaitingModel", str(_STATUS.get(row.status, row.status.value)))
        return None
