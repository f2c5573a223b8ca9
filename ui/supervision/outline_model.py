"""Two small list models of the session editor: its outline, and what is missing to sign.

:class:`OutlineModel` lists the pages (the agenda, each child in agenda order, the worker's
part, ready to sign); its ``OBJECT_ROLE`` is the :class:`~ui.supervision.flow.Place` to go to.
:class:`MissingModel` lists the completeness check's findings; ``OBJECT_ROLE`` is the
``MissingItem``, which says which child (and worry, question or action) it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.i18n import translate, translated
from ui.models.roles import OBJECT_ROLE
from ui.supervision.flow import AGENDA, DISCUSSION, READY, WORKER, Place
from workbench.supervision.completeness import MissingItem

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class OutlineEntry:
    text: str
    place: Place  # where choosing this entry goes (a child's first step, for a child)


def outline_entries(children: Sequence[tuple[int, str]], first_steps: dict[int, str],
                    worker_title: str) -> list[OutlineEntry]:
    """The outline for ``children`` ((discussion id, label) in agenda order)."""
    entries = [OutlineEntry(translate("Outline", "Agenda"), Place(AGENDA))]
    for number, (discussion_id, label) in enumerate(children, start=1):
        entries.append(OutlineEntry(f"{number}. {label}",
                                    Place(DISCUSSION, discussion_id, first_steps.get(discussion_id))))
    entries.append(OutlineEntry(worker_title, Place(WORKER)))
    entries.append(OutlineEntry(translate("Outline", "Ready to sign"), Place(READY)))
    return entries


class _ListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def _text(self, item: Any) -> str:
        raise NotImplementedError

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return self._text(item)
        if role == OBJECT_ROLE:
            return item
        return None

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    @property
    def items(self) -> tuple[Any, ...]:
        return tuple(self._items)


class OutlineModel(_ListModel):
    def _text(self, item: OutlineEntry) -> str:
        return item.text

    def row_of(self, place: Place) -> int:
        """The entry ``place`` belongs to (a child's row for any of its steps)."""
        for row, entry in enumerate(self._items):
            if entry.place.page == place.page and (
                    place.page != DISCUSSION or entry.place.discussion_id == place.discussion_id):
                return row
        return -1


class MissingModel(_ListModel):
    def _text(self, item: MissingItem) -> str:
        return translated(item.message)

    def set_missing(self, items: Sequence[MissingItem]) -> None:
        self.set_items(items)

