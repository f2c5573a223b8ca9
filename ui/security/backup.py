"""The scheduled backup of the embedded database, run by the app in the background.

When the last backup (as the audit trail records it) is older than ``backup_interval_hours``,
an online, encrypted, checked copy goes into the data folder's ``backups/`` (the newest seven
are kept, each with its key file). The result, or the reason it failed, is said in the status
bar; a failure never stops the app, and the next check tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from ui.i18n import arg

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.backup import BackupResult

log = logging.getLogger(__name__)

KEEP = 7
CHECK_EVERY_MS = 60 * 60 * 1000  # the app may stay open for days: look again every hour


@dataclass(frozen=True)
class BackupOutcome:
    result: BackupResult | None  # None: no backup was due
    removed: tuple[Path, ...] = ()


def backup_if_due(services: AppServices, folder: Path, interval_hours: int) -> BackupOutcome:
    """Back the database up into ``folder/backups`` if it is due; prune to the newest seven."""
    from workbench.backup import (
        backup_database,
        backup_due,
        last_backup_at,
        prune_backups,
        scheduled_backup_path,
    )

    now = services.clock()
    with services.db() as s:
        last = last_backup_at(s)
    if not backup_due(last, now, interval_hours):
        return BackupOutcome(None)
    result = backup_database(services.database, scheduled_backup_path(folder, now),
                             audit=services.audit, actor_id=None, keys_dir=services.data_dir / "keys")
    return BackupOutcome(result, tuple(prune_backups(folder, KEEP)))


class BackupScheduler(QObject):
    """Checks at :meth:`start` and every hour after; ``done(BackupOutcome)`` or ``failed(str)``."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, services: AppServices, folder: Path, interval_hours: int,
                 status_bar: QStatusBar | None = None, parent: QObject | None = None, *,
                 check_every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.services = services
        self.folder = folder
        self.interval_hours = interval_hours
        self.status_bar = status_bar
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.interval_hours <= 0:  # the setting turns it off
            return
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        if self._running:
            return
        self._running = True
        services, folder, hours = self.services, self.folder, self.interval_hours
        services.runner.run(lambda _p, _c: backup_if_due(services, folder, hours),
                            on_success=self._succeeded, on_failure=self._failed,
                            on_finished=self._finished, owner=self, name="scheduled backup")

    def _finished(self) -> None:
        self._running = False

    def _succeeded(self, outcome: BackupOutcome) -> None:
        if outcome.result is not None and self.status_bar is not None:
            self.status_bar.showMessage(
                arg(self.tr("Backed up to %1 (encrypted, checked)."), outcome.result.path), 30_000)
        self.done.emit(outcome)

    def _failed(self, error: Exception) -> None:
        from ui.problems import explain

        problem = explain(error)
        if not problem.environment:
            log.error("the scheduled backup failed", exc_info=error)
        message = arg(self.tr("The scheduled backup did not work: %1 It will be tried again later."),
                      problem.message)
        if self.status_bar is not None:
            self.status_bar.showMessage(message, 120_000)
        self.failed.emit(message)
