"""Driving the supervision screens as a person at the keyboard does: keys go to the widget that
has the focus, so the tests also check where the focus goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.supervision.editor import SessionEditor
from ui.supervision.screen import SupervisionScreen

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def focus_name() -> str:
    """The accessible name of the focused input (a spin box's inner line edit: the box's)."""
    widget = focused()
    parent = widget.parentWidget()
    if not widget.accessibleName() and parent is not None:
        return parent.accessibleName()
    return widget.accessibleName()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into the focused input; a newline is the Return key."""
    for number, line in enumerate(text.split("\n")):
        if number:
            press(qtbot, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(focused(), line)


def replace_text(qtbot: QtBot, text: str) -> None:
    """Select everything in the focused input and type over it."""
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)


def wait_for_focus(qtbot: QtBot, name: str) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and focus_name() == name
                    and focused().isVisible(), timeout=10_000)


def tab_to(qtbot: QtBot, name: str, most: int = 12) -> None:
    """Press Tab until the input called ``name`` has the focus (it must be reachable)."""
    for _ in range(most):
        if focus_name() == name:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert focus_name() == name, f"Tab never reached {name!r}; it stopped at {focus_name()!r}"


def back_to_the_window(qtbot: QtBot, widget: QWidget) -> None:
    """What the window manager does when a dialog closes (the offscreen platform has none)."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def editor_of(screen: SupervisionScreen) -> SessionEditor:
    assert screen.editor is not None
    return screen.editor


def wait_idle(qtbot: QtBot, screen: SupervisionScreen) -> None:
    """Everything typed has been written (and nothing is still being read)."""
    qtbot.waitUntil(lambda: screen.editor is None or screen.editor.all_saved, timeout=15_000)


def next_step(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
