"""Open screens follow what other people change on a shared server.

:class:`ChangeWatcher` polls the core's listener (:mod:`workbench.changes`: PostgreSQL
LISTEN/NOTIFY; nothing on SQLite) from a timer on the UI thread; a poll never waits, so the
UI is never blocked. Each batch of changes goes to every screen that offers
``others_changed(changes)`` (:class:`FollowsOthers`); the screen decides whether what it shows
is touched and reads it again through the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from workbench.changes import Change, ChangeSource

# How often the listener is asked: a second is quick enough for a colleague's save to appear.
POLL_MS = 1000


@runtime_checkable
class FollowsOthers(Protocol):
    """A screen that reads again when others change what it shows."""

    def others_changed(self, changes: list[Change]) -> None:
        """``changes`` were made by other people since the last call."""


class ChangeWatcher(QObject):
    """``changed(list[Change])`` after each poll that heard something."""

    changed = Signal(list)

    def __init__(self, source: ChangeSource, parent: QObject | None = None,
                 *, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.source = source
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        changes = self.source.poll()
        if changes:
            self.changed.emit(changes)

    def stop(self) -> None:
        self.timer.stop()
        self.source.close()
