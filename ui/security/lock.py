"""The idle lock in the window: activity from anywhere in the app keeps it open; a quiet spell
hides the content behind :class:`LockScreen` until the person types their passphrase again.

:class:`IdleWatcher` feeds :class:`workbench.idle.IdleLock` (pure, clock-driven) from an
application-wide event filter, and checks it with a single-shot timer armed for the time
left (at most ``poll_ms``, so an injected clock that jumps is noticed soon).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg
from workbench.clock import Clock
from workbench.idle import IdleLock

# What counts as someone at the keyboard.
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
DEFAULT_POLL_MS = 30_000


class IdleWatcher(QObject):
    """``idle()`` is emitted once when the idle time runs out (then :meth:`unlocked` re-arms);
    ``checked(bool)`` after every look at the clock (True: it locked)."""

    idle = Signal()
    checked = Signal(bool)

    def __init__(self, clock: Clock, idle_minutes: float, parent: QObject | None = None, *,
                 poll_ms: int = DEFAULT_POLL_MS) -> None:
        super().__init__(parent)
        self.lock = IdleLock(clock, idle_minutes)
        self._poll_ms = max(1, poll_ms)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._watching = False

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._arm()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def lock_now(self) -> None:
        self.lock.lock()
        self._timer.stop()

    def unlocked(self) -> None:
        """After the person signed in again: the idle time starts afresh."""
        self.lock.unlock()
        self._arm()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.lock.locked:
            self.lock.activity()
            if self.lock.locked:  # the time ran out before the timer noticed: this input is late
                self._went_idle()
                return True
        return False

    def _arm(self) -> None:
        left = self.lock.time_left()
        if left is None or self.lock.locked:
            self._timer.stop()
            return
        self._timer.start(min(int(left.total_seconds() * 1000) + 1, self._poll_ms))

    def _check(self) -> None:
        if self.lock.locked:
            return
        if self.lock.check():
            self._went_idle()
        else:
            self._arm()
        self.checked.emit(self.lock.locked)

    def _went_idle(self) -> None:
        self._timer.stop()
        self.idle.emit()


class LockScreen(QWidget):
    """What the window shows while locked: who is signed in, and their passphrase to go on.

    ``unlock_requested(Passphrase)``, ``switch_user_requested()`` and ``quit_requested()``
    say what the person chose; the owner checks the passphrase and calls :meth:`show_error`.
    """

    unlock_requested = Signal(object)
    switch_user_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Locked"))
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setText(self.tr("Locked"))
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setAccessibleName(self.tr("Signed in as"))
        self.explanation = QLabel(self.tr(
            "The workbench locked itself because nobody used it for a while. What you typed is "
            "kept and saved; enter your passphrase to carry on."))
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Your passphrase"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Unlock problem"))
        self.error_label.hide()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("S&witch user…"))
        self.quit_button = QPushButton(self.tr("&Quit"))

        form = QFormLayout()
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, self.passphrase_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.quit_button)
        panel = QWidget()
        panel.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 70))
        inner = QVBoxLayout(panel)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addSpacing(8)
        inner.addWidget(self.explanation)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(panel)
        column.addStretch(2)
        outer.addLayout(column, 3)
        outer.addStretch(1)

        self.unlock_button.clicked.connect(self._submit)
        self.passphrase_edit.returnPressed.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.quit_button.clicked.connect(self.quit_requested)

    def show_for(self, who: str) -> None:
        self.who.setText(arg(self.tr("Signed in as %1"), who))
        self.passphrase_edit.clear()
        self.error_label.hide()
        self.set_busy(False)
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase_edit.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        self.error_label.show()
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        text = self.passphrase_edit.text()
        if not text:
            self.show_error(self.tr("Type your passphrase first."))
            return
        from workbench.keys import Passphrase

        self.set_busy(True)
        self.unlock_requested.emit(Passphrase(text))
