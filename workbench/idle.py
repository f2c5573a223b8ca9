"""The idle lock: after a quiet spell the app hides the records until the person signs in again.

Pure and clock-driven, so the UI only has to feed it: call :meth:`IdleLock.activity` on
user input, arm a single-shot timer for :meth:`IdleLock.time_left`, and on the timer call
:meth:`IdleLock.check`; when it returns True, hide the window's content and ask for the
passphrase (``workbench.signin.sign_in``), then :meth:`IdleLock.unlock`.
"""

from __future__ import annotations

import datetime as dt

from workbench.clock import Clock


class IdleLock:
    def __init__(self, clock: Clock, idle_minutes: float) -> None:
        """``idle_minutes`` <= 0 never locks (the setting ``idle_lock_minutes``)."""
        self.clock = clock
        self.timeout = dt.timedelta(minutes=idle_minutes) if idle_minutes > 0 else None
        self._last_activity = clock()
        self._locked = False

    @property
    def locked(self) -> bool:
        return self._locked

    def activity(self) -> None:
        """The person did something (key, click). Ignored while locked: only unlock() opens."""
        if not self._locked and not self.check():
            self._last_activity = self.clock()

    def time_left(self) -> dt.timedelta | None:
        """How long until the lock falls if nothing happens; None if it never will."""
        if self.timeout is None:
            return None
        if self._locked:
            return dt.timedelta(0)
        return max(dt.timedelta(0), self._last_activity + self.timeout - self.clock())

    def check(self) -> bool:
        """Lock if the idle time has run out; return whether the app is locked."""
        if (not self._locked and self.timeout is not None
                and self.clock() - self._last_activity >= self.timeout):
            self._locked = True
        return self._locked

    def lock(self) -> None:
        """Lock now (the person chose "Lock", or the session ended)."""
        self._locked = True

    def unlock(self) -> None:
        """After the person signed in again: open, and start the idle time afresh."""
        self._locked = False
        self._last_activity = self.clock()
