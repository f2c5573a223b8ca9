"""The screens of the main window, one tab each.

To add a screen, write a ``QWidget`` subclass that takes ``(services, parent)`` and add a
:class:`ScreenSpec` to :data:`SCREENS`. Import the module inside the builder so that the
screen's own imports (charts, PDF) are paid when the window is built after start-up, not
before the first paint. A screen may also offer any of these methods; the window uses them
when present:

- ``refresh()``: re-read its data (called after an import or any change of data),
- ``focus_filter()``: put the focus in its search box (Edit > Find, Ctrl+F),
- ``use_current_worker(source)``: ``source()`` gives the worker chosen on the caseload screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.services import AppServices
    from workbench.access import Actor

ScreenBuilder = Callable[["AppServices", "QWidget | None"], "QWidget"]


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # untranslated source with an &-mnemonic; translated in context "Screens"
    build: ScreenBuilder
    shortcut: str  # to switch to it, e.g. "Ctrl+1"
    # Whether the signed-in person gets this tab (None: everyone).
    shown_to: Callable[[Actor | None], bool] | None = None

    def shown(self, actor: Actor | None) -> bool:
        return self.shown_to is None or self.shown_to(actor)


def _caseload(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.screens.caseload_screen import CaseloadScreen

    return CaseloadScreen(services, parent)


def _supervision(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.supervision.screen import SupervisionScreen

    return SupervisionScreen(services, parent)


def _reflections(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.supervision.reflection_screen import ReflectionScreen

    return ReflectionScreen(services, parent)


def _records(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.records.screen import RecordsScreen

    return RecordsScreen(services, parent)


def _team_view(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.scores.team_screen import TeamViewScreen

    return TeamViewScreen(services, parent)


def _signoff(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.signing.screen import SignOffScreen

    return SignOffScreen(services, parent)


def _admin(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.admin.screen import AdminScreen

    return AdminScreen(services, parent)


def _oversight(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.oversight.screen import OversightScreen

    return OversightScreen(services, parent)


def _oversees(actor: Actor | None) -> bool:
    return actor is None or actor.role.value in ("practice_lead", "team_manager")


def _is_admin(actor: Actor | None) -> bool:
    return actor is not None and actor.role.value == "admin"


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("caseload", str(QT_TRANSLATE_NOOP("Screens", "&Caseload")), _caseload, "Ctrl+1"),
    ScreenSpec("supervision", str(QT_TRANSLATE_NOOP("Screens", "&Supervision")), _supervision, "Ctrl+2"),
    ScreenSpec("reflections", str(QT_TRANSLATE_NOOP("Screens", "Ref&lections")), _reflections, "Ctrl+3"),
    ScreenSpec("records", str(QT_TRANSLATE_NOOP("Screens", "&Records")), _records, "Ctrl+4"),
    ScreenSpec("team", str(QT_TRANSLATE_NOOP("Screens", "Tea&m view")), _team_view, "Ctrl+5"),
    ScreenSpec("signoff", str(QT_TRANSLATE_NOOP("Screens", "Si&gn-off")), _signoff, "Ctrl+6"),
    ScreenSpec("admin", str(QT_TRANSLATE_NOOP("Screens", "&Admin")), _admin, "Ctrl+7",
               shown_to=_is_admin),
    ScreenSpec("oversight", str(QT_TRANSLATE_NOOP("Screens", "&Oversight")), _oversight, "Ctrl+8",
               shown_to=_oversees),
)
