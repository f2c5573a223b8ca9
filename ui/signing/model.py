"""The Sign-off list's Qt model: sessions waiting for the signed-in person, and their signed ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from db.enums import SessionStatus
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE
from workbench import timefmt
from workbench.signing.desk import Step, WaitingRow

MEETING, WORKER, SUPERVISOR, CHILDREN, STATUS = range(5)
_HEADERS = ("Meeting", "Worker", "Supervisor", "Children", "Status")
_STATUS = {
    SessionStatus.READY_TO_SIGN: "Ready for your signature",
    SessionStatus.SIGNED_BY_SUPERVISOR: "Signed by the supervisor; waiting for the worker",
    SessionStatus.COUNTERSIGNED: "Countersigned",
    SessionStatus.DISAGREEMENT_RECORDED: "Disagreement recorded",
}
_WAITING_FOR_ME = "Waiting for your countersignature"

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
            return self.tr(_HEADERS[section])
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
                return self.tr(_WAITING_FOR_ME)
            return self.tr(_STATUS.get(row.status, row.status.value))
        return None
