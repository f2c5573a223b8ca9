"""What every step of a child's discussion has: the shared state, its child, a refresh from a
fresh read (that never overwrites what the user is typing), and an input to focus first."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from ui.supervision.state import SessionState
from workbench.supervision.views import DiscussionView

W = TypeVar("W", bound=QWidget)


class StepWidget(QWidget):
    def __init__(self, state: SessionState, discussion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.discussion_id = discussion_id
        self.layout_ = QVBoxLayout(self)
        self.setEnabled(state.editable)

    @property
    def view(self) -> DiscussionView:
        return self.state.discussion(self.discussion_id)

    def refresh(self, view: DiscussionView) -> None:
        """Show what changed in ``view``; text the user may be typing is left alone."""

    def first_input(self) -> QWidget | None:
        return None

    def write(self, work: Callable[[Any], Any], *, key: Hashable | None = None,
              on_done: Callable[[Any], None] | None = None) -> None:
        self.state.write(work, key=key, on_done=on_done)


def reconcile(rows: dict[int, W], wanted: Iterable[int], make: Callable[[int], W],
              layout: QLayout, release: Callable[[QWidget], None]) -> list[int]:
    """Make ``rows`` hold a widget per id in ``wanted`` (in that order), keeping existing
    widgets (and whatever is typed in them); returns the ids that are new."""
    wanted = list(wanted)
    new = []
    for item_id in list(rows):
        if item_id not in wanted:
            widget = rows.pop(item_id)
            release(widget)
            layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
    for position, item_id in enumerate(wanted):
        if item_id not in rows:
            rows[item_id] = make(item_id)
            new.append(item_id)
        widget = rows[item_id]
        if layout.indexOf(widget) != position and isinstance(layout, QVBoxLayout):
            layout.removeWidget(widget)
            layout.insertWidget(position, widget)
        if item_id in new:
            widget.show()  # now, not when the layout gets round to it: it may take the focus next
    return new
