"""The idle lock on the real window, driven by an injected clock: it hides the content (and a
dialog open over it), keeps what was typed in its editor, and opens again only for the
signed-in person's passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import FixedClock
from tests.ui.security.conftest import Starter, passphrase_of, type_into
from ui.dialogs.import_dialog import ImportDialog
from ui.main_window import MainWindow
from ui.screens import ScreenBase, ScreenSpec
from ui.security.session import SignedInWindow, SignInRequest
from ui.services import AppServices
from workbench.keys import Passphrase
from workbench.settings import Settings

MANAGER = "North Team Manager"


class NotesScreen(ScreenBase):
    """A screen with an editor, standing in for the supervision note being typed."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Notes")
        QVBoxLayout(self).addWidget(self.editor)


NOTES = (ScreenSpec("notes", "&Notes", lambda services, parent: NotesScreen(services, parent), "Ctrl+1"),)


def signed_in_window(qtbot: QtBot, start: Starter, db_url: str) -> tuple[SignedInWindow, NotesScreen]:
    startup = start(db_url, screens=NOTES,
                    sign_in=SignInRequest(MANAGER, Passphrase(passphrase_of(MANAGER))))
    with qtbot.waitSignal(startup.ready, timeout=15_000):
        pass
    session = startup.session
    assert session is not None
    notes = start.window.screens["notes"]
    assert isinstance(notes, NotesScreen)
    start.window.activateWindow()
    qtbot.waitUntil(start.window.isActiveWindow)
    return session, notes


def test_idle_time_hides_the_content_and_the_passphrase_brings_it_back_with_the_text(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int],
    clock: FixedClock, settings: Settings,
) -> None:
    settings.set("idle_lock_minutes", 15)
    session, notes = signed_in_window(qtbot, start, db_url)
    type_into(qtbot, notes.editor, "Dad drinks at the weekend; Mum is worried")
    dialog = QDialog(window)  # something open over the content when it locks
    dialog.setWindowTitle("Choose a child")
    dialog.show()

    clock.advance(minutes=14)
    with qtbot.waitSignal(session.watcher.checked) as checked:
        pass
    assert checked.args == [False]  # 14 minutes: still open
    clock.advance(minutes=2)
    qtbot.waitUntil(lambda: session.locked)
    assert window.stack.currentWidget() is session.lock_screen
    assert not notes.editor.isVisible()
    assert not dialog.isVisible()
    assert not window.menuBar().isEnabled()
    assert session.lock_screen.title.text() == "Locked"
    assert session.lock_screen.who.text() == "Signed in as North Team Manager (team manager, North Team)"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is session.lock_screen.passphrase_edit)

    # Keys now go to the lock screen, never to the hidden editor.
    type_into(qtbot, session.lock_screen.passphrase_edit, "priya patel signs in", enter=True)
    qtbot.waitUntil(lambda: session.lock_screen.error_label.isVisible()
                    and session.lock_screen.unlock_button.isEnabled())
    assert session.lock_screen.error_label.text().startswith("Wrong passphrase — try again.")
    assert session.locked
    assert notes.editor.toPlainText() == "Dad drinks at the weekend; Mum is worried"

    type_into(qtbot, session.lock_screen.passphrase_edit, passphrase_of(MANAGER), enter=True)
    qtbot.waitUntil(notes.editor.isVisible)
    assert not session.locked
    assert dialog.isVisible()  # what was open comes back
    assert window.menuBar().isEnabled()
    assert notes.editor.toPlainText() == "Dad drinks at the weekend; Mum is worried"
    dialog.close()

    # Using the app keeps it open: 10 quiet minutes, a key, 10 more.
    clock.advance(minutes=10)
    notes.editor.moveCursor(notes.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes.editor, " today")
    clock.advance(minutes=10)
    with qtbot.waitSignal(session.watcher.checked) as checked:
        pass
    assert checked.args == [False]
    assert notes.editor.toPlainText().endswith("Mum is worried today")


def test_ctrl_l_locks_at_once_and_zero_minutes_never_locks(
    qtbot: QtBot, start: Starter, window: MainWindow, db_url: str, people: dict[str, int],
    clock: FixedClock, settings: Settings,
) -> None:
    settings.set("idle_lock_minutes", 0)
    session, notes = signed_in_window(qtbot, start, db_url)
    clock.advance(days=3)
    assert session.watcher.lock.time_left() is None
    assert not session.locked
    qtbot.keyClick(notes.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.locked
    assert not notes.editor.isVisible()
    # While locked, the window's shortcuts do nothing (Ctrl+I would open the import dialog).
    assert window.import_action.isEnabled()
    qtbot.keyClick(session.lock_screen.passphrase_edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.findChildren(ImportDialog) == []
    assert session.locked
    assert window.stack.currentWidget() is session.lock_screen
