"""The screens of the main window, one tab each.

To add a screen, write a :class:`ScreenBase` subclass that takes ``(services, parent)`` and
add a :class:`ScreenSpec` to :data:`SCREENS`. Import the module inside the builder so that the
screen's own imports (charts, PDF) are paid when the window is built after start-up, not
before the first paint. What the window asks of every screen is the :class:`Screen` protocol
(:class:`ScreenBase` does nothing for each, so a screen overrides what it needs):

- ``refresh()``: re-read its data (called after an import or any change of data),
- ``focus_filter()``: put the focus in its search box (Edit > Find, Ctrl+F),
- ``finish()``: write what was typed, before sign-out takes the screens away,
- ``load_failed(str)``: a signal with a message the window shows when a read fails.

A screen that follows the worker chosen on the caseload screen also offers
``use_current_worker(source)`` (:class:`FollowsCaseloadWorker`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.access import Actor
    from workbench.caseload import StaffRow


@runtime_checkable
class Screen(Protocol):
    """What the main window asks of every screen (a QWidget in a tab)."""

    load_failed: Any  # Signal(str): a read failed; the message says what to do

    def refresh(self) -> None:
        """Re-read the data (after an import or any change of data)."""

    def focus_filter(self) -> None:
        """Put the focus in the screen's search box (Edit > Find)."""

    def finish(self) -> None:
        """Write what was typed, before the screen is taken away."""


@runtime_checkable
class FollowsCaseloadWorker(Protocol):
    """A screen that follows the worker chosen on the caseload screen."""

    def use_current_worker(self, source: Callable[[], StaffRow | None]) -> None:
        """``source()`` gives the worker chosen on the caseload screen, when asked."""


class ScreenBase(QWidget):
    """A screen that does nothing for each part of :class:`Screen` it does not override."""

    load_failed = Signal(str)

    def refresh(self) -> None:
        """Nothing to re-read."""

    def focus_filter(self) -> None:
        """No search box."""

    def finish(self) -> None:
        """Nothing typed to write."""

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


def _audits(services: AppServices, parent: QWidget | None) -> QWidget:
    from ui.audits.screen import AuditsScreen

    return AuditsScreen(services, parent)


def _reads_audits(actor: Actor | None) -> bool:
    return actor is None or actor.role.value != "admin"


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
    ScreenSpec("audits", str(QT_TRANSLATE_NOOP("Screens", "A&udits")), _audits, "Ctrl+9",
               shown_to=_reads_audits),
)
