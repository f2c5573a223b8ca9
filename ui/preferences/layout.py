"""The window's size and place, its splitters and its tables' column widths, kept between runs.

Kept in the same settings file as everything else (``ui_state`` in :mod:`workbench.settings`),
not in QSettings: one file, one place to look, one check on load, one way a damaged file is
reported. Qt's own ``saveGeometry``/``saveState`` bytes are stored as base64 text; the core
checks only that they are short texts, and Qt ignores bytes it cannot use.

Each screen's splitters and table headers are found by their order within the screen (the
screens need no object names), keyed ``<screen>/splitter/<n>`` and ``<screen>/columns/<n>``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QTreeView, QWidget

from workbench.settings import Settings, SettingsError

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

GEOMETRY = "window/geometry"


def _text(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


def _parts(key: str, screen: QWidget) -> Iterator[tuple[str, QSplitter | QHeaderView]]:
    for number, splitter in enumerate(screen.findChildren(QSplitter)):
        yield f"{key}/splitter/{number}", splitter
    headers = [view.horizontalHeader() for view in screen.findChildren(QTableView)]
    headers += [view.header() for view in screen.findChildren(QTreeView)]
    for number, header in enumerate(headers):
        yield f"{key}/columns/{number}", header


class LayoutKeeper(QObject):
    """Restores the window's layout from ``settings`` now (geometry) and when the screens are
    built; saves it when the screens go (sign out, switch user) and when the window closes."""

    def __init__(self, window: MainWindow, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        geometry = settings.ui_state(GEOMETRY)
        if geometry:
            window.restoreGeometry(_bytes(geometry))
        window.screens_ready.connect(self.restore_screens)
        window.screens_leaving.connect(self.save)
        window.installEventFilter(self)

    def restore_screens(self) -> None:
        for key, screen in self.window.screens.items():
            for name, part in _parts(key, screen):
                saved = self.settings.ui_state(name)
                if saved and (isinstance(part, QSplitter) or part.count() > 0):
                    part.restoreState(_bytes(saved))

    def save(self) -> None:
        state = {GEOMETRY: _text(self.window.saveGeometry())}
        for key, screen in self.window.screens.items():
            for name, part in _parts(key, screen):
                state[name] = _text(part.saveState())
        try:
            self.settings.remember_ui_state(state)
        except (OSError, SettingsError) as error:  # a layout not kept is no reason to stop
            log.warning("the window's layout was not kept: %s", error)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False
