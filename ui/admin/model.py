"""Everyone on the staff list as a Qt table (admin view): rows are ``StaffRecord`` values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.i18n import arg
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from workbench.staff_admin import StaffRecord

AnyIndex = QModelIndex | QPersistentModelIndex

NAME, ROLE, TEAM, SUPERVISOR, ASYE, STATUS = range(6)
COLUMN_COUNT = 6

_HEADERS = (
    QT_TRANSLATE_NOOP("StaffModel", "Name"),
    QT_TRANSLATE_NOOP("StaffModel", "Role"),
    QT_TRANSLATE_NOOP("StaffModel", "Team"),
    QT_TRANSLATE_NOOP("StaffModel", "Supervised by"),
    QT_TRANSLATE_NOOP("StaffModel", "Newly qualified until"),
    QT_TRANSLATE_NOOP("StaffModel", "Sign-in"),
)
STATUS_TEXT = {
    "can sign in": QT_TRANSLATE_NOOP("StaffModel", "Can sign in"),
    "enrolment code issued": QT_TRANSLATE_NOOP("StaffModel", "Code issued, until %1"),
    "needs an enrolment code": QT_TRANSLATE_NOOP("StaffModel", "Needs an enrolment code"),
    "locked": QT_TRANSLATE_NOOP("StaffModel", "Locked: too many wrong attempts"),
    "met by an import, not yet added": QT_TRANSLATE_NOOP("StaffModel", "From an import: not yet added"),
    "left": QT_TRANSLATE_NOOP("StaffModel", "Left on %1"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffModel", text)


def status_text(record: StaffRecord) -> str:
    text = _tr(str(STATUS_TEXT[record.status.value]))
    moment = record.code_expires_at if record.status.value == "enrolment code issued" else record.left_at
    if moment is not None:
        local = moment.astimezone()
        text = arg(text, f"{format_date(local.date())} {local:%H:%M}")
    return text


def _cells(record: StaffRecord) -> tuple[str, ...]:
    from ui.dialogs.sign_in_dialog import role_name

    return (record.name, role_name(record.role.value), record.team_name or "",
            record.supervisor_name or "",
            format_date(record.newly_qualified_until) if record.newly_qualified_until else "",
            status_text(record))


class StaffModel(QAbstractTableModel):
    """One person per row; :data:`OBJECT_ROLE` gives the ``StaffRecord``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[StaffRecord, ...] = ()
        self._display: list[tuple[str, ...]] = []
        self._headers = tuple(_tr(str(h)) for h in _HEADERS)

    def set_rows(self, rows: Sequence[StaffRecord]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._display = [_cells(r) for r in self._rows]
        self.endResetModel()

    def record(self, row: int) -> StaffRecord:
        return self._rows[row]

    def row_of(self, staff_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.staff_id == staff_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._display[index.row()][index.column()].casefold()
        if role == OBJECT_ROLE:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and not self._rows[index.row()].active:
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#6b6b6b"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < COLUMN_COUNT):
            return self._headers[section]
        return None
