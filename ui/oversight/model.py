"""The oversight figures as Qt tables: one generic read-only model, each figure's columns
declared as (header, cell) pairs over the core's row dataclasses.

Cells are formatted once when rows are set, so ``data()`` is a lookup; :data:`SORT_ROLE`
gives a key that sorts dates as dates and numbers as numbers; :data:`OBJECT_ROLE` the row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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
from ui.models.caseload_model import format_date
from ui.models.roles import OBJECT_ROLE, SORT_ROLE
from workbench.oversight.report import DIRECT_WORK_TOOLS

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str  # untranslated; translated in ``context`` when shown
    cell: Callable[[Any], Any]  # the row's value: a date, number, text or None
    align_right: bool = False
    context: str = "Oversight"


def shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("Oversight", "yes") if value else translate("Oversight", "no")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    return translated(value) if isinstance(value, str) else str(value)


def sort_key(value: Any) -> float | str | None:
    """One plain value per cell that Qt's proxy can compare: dates and numbers as numbers, text
    folded; None for a missing value (:func:`column_keys` fills it per column)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.date):
        return float(value.toordinal())
    if isinstance(value, int | float):
        return float(value)
    return str(value).casefold()


def column_keys(values: Sequence[Any]) -> list[float | str]:
    """A column's sort keys, each of one type (Qt compares like with like): missing values sort
    first."""
    keys = [sort_key(v) for v in values]
    textual = any(isinstance(k, str) for k in keys)
    if textual:
        return ["" if k is None else str(k) for k in keys]
    return [float("-inf") if k is None else k for k in keys]


#: The roles :meth:`RowsModel.data` answers (others: None).
ANSWERED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    SORT_ROLE, OBJECT_ROLE))


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: tuple[Any, ...] = ()
        self._display: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        values = [[c.cell(row) for c in self.columns] for row in self._rows]
        self._display = [tuple(shown(v) for v in row) for row in values]
        by_column = [column_keys([row[i] for row in values]) for i in range(len(self.columns))]
        self._sort = [tuple(keys[r] for keys in by_column) for r in range(len(values))]
        self.endResetModel()

    @property
    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each cell for a dozen roles as it sizes and paints; answer the rest first.
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return self._sort[index.row()][index.column()]
        if role == OBJECT_ROLE:
            return self._rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            column = self.columns[section]
            return QCoreApplication.translate(column.context, column.header)
        return None


def _n(header: str, cell: Callable[[Any], Any]) -> Column:
    return Column(header, cell, align_right=True)


def N(context: str, text: str) -> str:
    """Mark a header for translation (context "Oversight"); translated when shown."""
    return str(QT_TRANSLATE_NOOP(context, text))


WORKERS = (
    Column(N("Oversight", "Worker"), lambda w: w.worker_name),
    Column(N("Oversight", "Team"), lambda w: w.team_name),
    Column(N("Oversight", "Frequency"), lambda w: w.frequency),
    _n(N("Oversight", "Held"), lambda w: w.held),
    _n(N("Oversight", "Expected"), lambda w: w.expected),
    Column(N("Oversight", "Last session"), lambda w: w.last_session),
    Column(N("Oversight", "Next due"), lambda w: w.next_due),
    _n(N("Oversight", "Days overdue"), lambda w: w.days_overdue if w.overdue else None),
    Column(N("Oversight", "Upcoming"), lambda w: w.upcoming),
    _n(N("Oversight", "Open cases"), lambda w: w.open_cases),
    _n(N("Oversight", "Children overdue"), lambda w: w.children_overdue),
)
CHILDREN = (
    Column(N("Oversight", "Child"), lambda c: c.child_label),
    Column(N("Oversight", "Worker"), lambda c: c.worker_name),
    Column(N("Oversight", "Last discussed"), lambda c: c.last_discussed),
    Column(N("Oversight", "Due"), lambda c: c.due),
    _n(N("Oversight", "Days overdue"), lambda c: c.days_overdue),
    _n(N("Oversight", "Latest score"), lambda c: c.latest_score),
)
#: The drill-down: a worker's open cases (``caseload_scores.GlanceRow``).
WORKER_CHILDREN = (
    Column(N("Oversight", "Child"), lambda g: g.child_label),
    Column(N("Oversight", "Kind"), lambda g: translate("CaseKind", g.kind.label)),
    Column(N("Oversight", "Last discussed"),
           lambda g: g.last_supervised.date() if g.last_supervised else None),
    Column(N("Oversight", "Due"), lambda g: g.supervision_due),
    Column(N("Oversight", "Overdue"), lambda g: g.overdue),
    _n(N("Oversight", "Latest score"), lambda g: g.latest_score),
    _n(N("Oversight", "Change"), lambda g: g.change),
)
NOTES = (
    _n(N("Oversight", "Session"), lambda n: n.session_id),
    Column(N("Oversight", "Worker"), lambda n: n.worker_name),
    Column(N("Oversight", "Supervisor"), lambda n: n.supervisor_name),
    Column(N("Oversight", "Meeting"), lambda n: n.meeting_date),
    Column(N("Oversight", "State"), lambda n: n.state),
    Column(N("Oversight", "Waiting since"), lambda n: n.waiting_since),
    _n(N("Oversight", "Age (days)"), lambda n: n.age_days),
)
DISAGREEMENTS = (
    Column(N("Oversight", "Worker"), lambda d: d.worker_name),
    Column(N("Oversight", "Supervisor"), lambda d: d.supervisor_name),
    Column(N("Oversight", "Meeting"), lambda d: d.meeting_date),
    Column(N("Oversight", "Recorded"), lambda d: d.recorded_on),
    _n(N("Oversight", "Age (days)"), lambda d: d.age_days),
    Column(N("Oversight", "Child"),
           lambda d: d.child_label or translate("Oversight", "the session as a whole")),
    Column(N("Oversight", "Disagreement"), lambda d: d.statement),
)
ACTIONS = (
    Column(N("Oversight", "Child"), lambda a: a.child_label),
    Column(N("Oversight", "Worker"), lambda a: a.worker_name),
    Column(N("Oversight", "Action"), lambda a: a.description),
    Column(N("Oversight", "Owner"), lambda a: a.owner),
    Column(N("Oversight", "Due"), lambda a: a.due_date),
    _n(N("Oversight", "Days overdue"), lambda a: a.days_overdue),
)
#: Stuck cases and divergences share one table: (child, worker, what, detail).
PATTERNS = (
    Column(N("Oversight", "Child"), lambda p: p[0]),
    Column(N("Oversight", "Worker"), lambda p: p[1]),
    Column(N("Oversight", "Pattern"), lambda p: p[2]),
    Column(N("Oversight", "Scores"), lambda p: p[3]),
)
def _tool_column(index: int, label: str) -> Column:
    """Children who had the ``index``-th tool of DIRECT_WORK_TOOLS."""
    return Column(label, lambda row: row.by_tool[index], align_right=True, context="DirectWorkTool")


#: Direct-work coverage: a row per worker, then the totals (``report.DirectWorkRow``). The
#: share is a percentage; the tools' columns count children, headed by the core's tool names.
DIRECT_WORK = (
    Column(N("Oversight", "Worker"), lambda r: r.worker_name),
    Column(N("Oversight", "Team"), lambda r: r.team_name),
    _n(N("Oversight", "Open children"), lambda r: r.open_children),
    _n(N("Oversight", "With direct work"), lambda r: r.with_direct_work),
    _n(N("Oversight", "Share (%)"), lambda r: None if r.share is None else round(r.share * 100, 1)),
    *(_tool_column(index, tool.label) for index, tool in enumerate(DIRECT_WORK_TOOLS)),
)


def _level(level: str) -> str:
    return (translate("Oversight", "each child") if level == "child"
            else translate("Oversight", "each session"))


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


#: The completeness of the optional items, one row per item (``completeness.OptionalItem``).
COMPLETENESS = (
    Column(N("Oversight", "Optional item"), lambda i: i.wording),
    Column(N("Oversight", "For"), lambda i: _level(i.level)),
    _n(N("Oversight", "Answered"), lambda i: i.answered),
    _n(N("Oversight", "Of"), lambda i: i.asked),
    _n(N("Oversight", "Share (%)"), lambda i: _percent(i.share)),
)
#: Per worker, then the totals (``completeness.CompletenessRow``): choose one to drill down.
COMPLETENESS_WORKERS = (
    Column(N("Oversight", "Worker"), lambda r: r.worker_name),
    Column(N("Oversight", "Team"), lambda r: r.team_name),
    _n(N("Oversight", "Signed records"), lambda r: r.records),
    _n(N("Oversight", "Children discussed"), lambda r: r.discussions),
    _n(N("Oversight", "Answered"), lambda r: r.answered),
    _n(N("Oversight", "Of"), lambda r: r.asked),
    _n(N("Oversight", "Share (%)"), lambda r: _percent(r.share)),
)
#: The drill-down: each optional item a record left unanswered (``completeness.Unanswered``).
UNANSWERED = (
    Column(N("Oversight", "Meeting"), lambda u: u.meeting_date),
    Column(N("Oversight", "Worker"), lambda u: u.worker_name),
    Column(N("Oversight", "Child"),
           lambda u: u.child_label or translate("Oversight", "the session as a whole")),
    Column(N("Oversight", "Optional item left unanswered"), lambda u: u.wording),
    _n(N("Oversight", "Session"), lambda u: u.session_id),
)
