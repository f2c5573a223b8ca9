"""The screens of the main window, one tab each.

To add a screen, write a ``QWidget`` subclass that takes ``(services, parent)`` and add a
:class:`ScreenSpec` to :data:`SCREENS`. Import the module inside the builder so that the
screen's own imports (charts, PDF) are paid when the window is built after start-up, not
before the first paint. A screen may also offer any of these methods; the window uses them
when present:

- ``refresh()``: re-read its data (called after an import or any change of data),
- ``focus_filter()``: put the focus in its search box (Edit > Find, Ctrl+F).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.services import AppServices

ScreenBuilder = Callable[["AppServices", "QWidget | None"], "QWidget"]


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # untranslated source with an &-mnemonic; translated in context "Screens"
    build: ScreenBuilder
    shortcut: str  # to switch to it, e.g. "Ctrl+1"


def _caseload(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.screens.caseload_screen import CaseloadScreen

    return CaseloadScreen(services, parent)


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("caseload", str(QT_TRANSLATE_NOOP("Screens", "&Caseload")), _caseload, "Ctrl+1"),
    # Later: ("supervision", "&Supervision"), ("records", "&Records"), ("team", "&Team view").
)
